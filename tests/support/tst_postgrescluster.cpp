// PostgresCluster, the tests' private PostgreSQL: reachable with the URL it gives
// (password authentication over loopback TCP), a fresh database per call, never
// run as root, and gone without a trace when destroyed.
#include "postgrescluster.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

#include <csignal>
#include <pwd.h>
#include <unistd.h>

using coauthor::test::PostgresCluster;

namespace {

// Opens url with QPSQL under connection name; the error text when it fails.
QString openUrl(const QString &name, const QString &url, QSqlDatabase &db)
{
    const QUrl parsed(url);
    db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(parsed.host());
    db.setPort(parsed.port());
    db.setUserName(parsed.userName());
    db.setPassword(parsed.password());
    db.setDatabaseName(parsed.path().mid(1));
    return db.open() ? QString() : db.lastError().text();
}

// The effective uid of a running process, -1 when it is gone.
int processUid(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("Uid:"))
            return line.simplified().split(' ').value(2).toInt();
    return -1;
}

qint64 postmasterPid(const PostgresCluster &cluster)
{
    QFile pidFile(cluster.directory() + QStringLiteral("/data/postmaster.pid"));
    return pidFile.open(QIODevice::ReadOnly) ? pidFile.readLine().trimmed().toLongLong() : -1;
}

} // namespace

class TestPostgresCluster : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aDatabaseIsReachedWithTheUrlAndItsPassword()
    {
        auto cluster = PostgresCluster::shared();
        QVERIFY2(cluster.ok(), cluster.ok() ? "" : qPrintable(cluster.error()));
        auto url = cluster.value()->createDatabase();
        QVERIFY2(url.ok(), url.ok() ? "" : qPrintable(url.error()));
        QVERIFY(url.value().startsWith(QStringLiteral("postgresql://coauthor:")));
        {
            QSqlDatabase db;
            const QString error = openUrl(QStringLiteral("right"), url.value(), db);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (x TEXT)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES ('héllo')")));
            QVERIFY(q.exec(QStringLiteral("SELECT x FROM t")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("héllo"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("right"));
        // Each call is a new, empty database.
        auto other = cluster.value()->createDatabase();
        QVERIFY(other.ok() && other.value() != url.value());
        QCOMPARE(cluster.value()->psql(QUrl(other.value()).path().mid(1),
                                       QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename = 't'")).value().trimmed(),
                 QStringLiteral("0"));
    }

    void aWrongPasswordIsRefused()
    {
        auto cluster = PostgresCluster::shared();
        QVERIFY2(cluster.ok(), cluster.ok() ? "" : qPrintable(cluster.error()));
        QUrl url(cluster.value()->createDatabase().value());
        url.setPassword(QStringLiteral("guess"));
        {
            QSqlDatabase db;
            const QString error = openUrl(QStringLiteral("wrong"), url.toString(), db);
            QVERIFY2(error.contains(QLatin1String("password authentication failed")), qPrintable(error));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("wrong"));
    }

    void itStartsInSecondsNeverAsRootAndLeavesNothingBehind()
    {
        QString dir;
        qint64 pid = -1;
        {
            PostgresCluster cluster;
            QElapsedTimer timer;
            timer.start();
            auto started = cluster.start();
            QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error()));
            qInfo("initdb + start + role: %lld ms", timer.elapsed());
            QVERIFY(timer.elapsed() < 20000);
            dir = cluster.directory();
            pid = postmasterPid(cluster);
            QVERIFY(pid > 0);
            const int uid = processUid(pid);
            if (::geteuid() == 0)
                QCOMPARE(uid, int(::getpwnam("postgres")->pw_uid));
            else
                QCOMPARE(uid, int(::geteuid()));
            QVERIFY(QFile::exists(dir + QStringLiteral("/.s.PGSQL.") + QString::number(cluster.port())));
        }
        QCOMPARE(processUid(pid), -1);
        QVERIFY(!QDir(dir).exists());
    }
};

QTEST_GUILESS_MAIN(TestPostgresCluster)
#include "tst_postgrescluster.moc"
