#include "sync/docstore/docstore.h"

#include "sync/docstore/sqldocstore.h"

#include <QDir>
#include <QUrl>

namespace coauthor::sync {

Docstore::Result<QString> Docstore::createToken(const QString &projectId, Role role)
{
    auto issued = createInvitation(projectId, QString(), role);
    if (!issued)
        return Result<QString>::failure(issued.error());
    return Result<QString>::success(issued.value().token);
}

Docstore::Result<std::unique_ptr<Docstore>> Docstore::open(const QString &url, const QString &dataDir)
{
    using R = Result<std::unique_ptr<Docstore>>;
    SqlDocstore::ConnectionInfo info;
    if (url.isEmpty() || url.startsWith(QLatin1String("sqlite:"))) {
        info.driver = QStringLiteral("QSQLITE");
        if (url.isEmpty()) {
            if (dataDir.isEmpty() || !QDir().mkpath(dataDir))
                return R::failure(ServiceError::make(QStringLiteral("storage_unavailable"),
                                                     QStringLiteral("cannot create the data directory '%1'").arg(dataDir)));
            info.databaseName = QDir(dataDir).filePath(QStringLiteral("docstore.sqlite"));
        } else {
            info.databaseName = QUrl(url).path();
        }
    } else if (url.startsWith(QLatin1String("postgresql://")) || url.startsWith(QLatin1String("postgres://"))) {
        const QUrl parsed(url);
        info.driver = QStringLiteral("QPSQL");
        info.host = parsed.host();
        info.port = parsed.port(5432);
        info.user = parsed.userName();
        info.password = parsed.password();
        info.databaseName = parsed.path().mid(1);
    } else {
        return R::failure(ServiceError::make(QStringLiteral("storage_unavailable"),
                                             QStringLiteral("unsupported docstore url '%1' (use postgresql://... or leave it empty for SQLite)").arg(url)));
    }
    auto opened = SqlDocstore::open(info);
    if (!opened.ok())
        return R::failure(opened.error());
    return R::success(std::unique_ptr<Docstore>(opened.takeValue().release()));
}

} // namespace coauthor::sync
