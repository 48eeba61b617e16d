#include "docstorebackend.h"

#include "postgrescluster.h"

#include <QAtomicInt>
#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace coauthor::test {

namespace {
QAtomicInt peekCounter;
}

DocstoreLocation::DocstoreLocation(DocstoreLocation &&) noexcept = default;
DocstoreLocation::~DocstoreLocation() = default;

QString DocstoreLocation::dataDir() const
{
    return m_dir ? m_dir->path() : QString();
}

sync::Result<std::unique_ptr<sync::Docstore>, QString> DocstoreLocation::open() const
{
    using R = sync::Result<std::unique_ptr<sync::Docstore>, QString>;
    auto opened = sync::Docstore::open(m_url, dataDir());
    if (!opened.ok())
        return R::failure(opened.error().message);
    return R::success(opened.takeValue());
}

sync::Result<QStringList, QString> DocstoreLocation::sql(const QString &statement, const QVariantList &values) const
{
    using R = sync::Result<QStringList, QString>;
    const QString name = QStringLiteral("docstore-test-peek-%1").arg(peekCounter.fetchAndAddRelaxed(1));
    R out = R::success({});
    {
        QSqlDatabase db;
        if (isPostgres()) {
            const QUrl url(m_url);
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(url.path().mid(1));
        } else {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(QDir(dataDir()).filePath(QStringLiteral("docstore.sqlite")));
        }
        if (!db.open()) {
            out = R::failure(db.lastError().text());
        } else {
            QSqlQuery q(db);
            const bool ran = values.isEmpty() ? q.exec(statement) : (q.prepare(statement) && [&] {
                for (const QVariant &v : values)
                    q.addBindValue(v);
                return q.exec();
            }());
            if (!ran) {
                out = R::failure(QStringLiteral("%1: %2").arg(statement, q.lastError().text()));
            } else {
                QStringList rows;
                while (q.isSelect() && q.next())
                    rows.append(q.value(0).toString());
                out = R::success(rows);
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

void DocstoreBackend::addRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

QString DocstoreBackend::current()
{
    QFETCH_GLOBAL(QString, backend);
    return backend;
}

sync::Result<DocstoreLocation, QString> DocstoreBackend::fresh()
{
    using R = sync::Result<DocstoreLocation, QString>;
    DocstoreLocation where;
    where.m_dir = std::make_unique<QTemporaryDir>();
    if (!where.m_dir->isValid())
        return R::failure(QStringLiteral("no temporary directory"));
    if (current() == QLatin1String("postgresql")) {
        auto cluster = PostgresCluster::shared();
        if (!cluster.ok())
            return R::failure(QStringLiteral("the PostgreSQL backend cannot be tested: %1").arg(cluster.error()));
        auto url = cluster.value()->createDatabase();
        if (!url.ok())
            return R::failure(QStringLiteral("the PostgreSQL backend cannot be tested: %1").arg(url.error()));
        where.m_url = url.value();
    }
    return R::success(std::move(where));
}

} // namespace coauthor::test
