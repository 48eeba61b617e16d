#pragma once

// A shared project's server as an operator runs it for compiles on the server: a
// redis-server started here, a real coauthor-server on it (SQLite docstore) and a real
// coauthor-worker in its bubblewrap sandbox; stopped by the destructor. For the tests of
// SyncClient's compiles and downloads and of the app's Compile on Server.

#include "serverprocess.h"
#include "sync/redis/redisserverprocess.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace coauthor::sync::test {

class CompileServerProcesses
{
public:
    ~CompileServerProcesses()
    {
        for (QProcess *p : {&worker, &server}) {
            if (p->state() == QProcess::NotRunning)
                continue;
            p->terminate();
            if (!p->waitForFinished(10000))
                p->kill();
            p->waitForFinished(2000);
        }
    }

    // Starts all three; false with error saying which did not.
    bool start(const QString &serverBinary, const QString &workerBinary, QString *error)
    {
        m_serverBinary = serverBinary;
        if (!dir.isValid())
            return fail(error, QStringLiteral("no temporary directory"));
        const QString data = dir.filePath(QStringLiteral("data"));
        QDir().mkpath(dir.filePath(QStringLiteral("redis")));
        if (auto started = redis.start(dir.filePath(QStringLiteral("redis")), false); !started)
            return fail(error, QStringLiteral("redis-server: ") + started.error());
        project = createProject(serverBinary, data, QStringLiteral("Paper"));
        if (!project.ok())
            return fail(error, project.output);
        server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        port = freeLoopbackPort();
        if (!startServer(server, serverBinary, port, data, {QStringLiteral("--redis"), redis.url()}))
            return fail(error, QStringLiteral("coauthor-server did not start"));
        url = QStringLiteral("ws://127.0.0.1:%1/").arg(port);
        worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        worker.start(workerBinary, {QStringLiteral("--redis"), redis.url(), QStringLiteral("--docstore"),
                                    QStringLiteral("sqlite://") + data + QStringLiteral("/docstore.sqlite"),
                                    QStringLiteral("--work-dir"), dir.filePath(QStringLiteral("worker")),
                                    QStringLiteral("--name"), QStringLiteral("w1"), QStringLiteral("--read-block-ms"),
                                    QStringLiteral("300")});
        if (!worker.waitForStarted(10000))
            return fail(error, QStringLiteral("coauthor-worker did not start"));
        return true;
    }

    // A further token of the project, read-only or not (coauthor-server token create).
    QString createToken(bool readOnly) const
    {
        QProcess admin;
        admin.setProcessChannelMode(QProcess::MergedChannels);
        QStringList args{QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--project"), project.id,
                         QStringLiteral("--data"), dir.filePath(QStringLiteral("data"))};
        if (readOnly)
            args << QStringLiteral("--read-only");
        admin.start(m_serverBinary, args);
        if (!admin.waitForFinished(30000))
            return {};
        const QString out = QString::fromUtf8(admin.readAll());
        return QRegularExpression(QStringLiteral("token \\([a-z_-]+\\): (\\S+)")).match(out).captured(1);
    }

    QTemporaryDir dir;
    RedisServerProcess redis;
    QProcess server;
    QProcess worker;
    CreatedProject project;
    quint16 port = 0;
    QString url;

private:
    static bool fail(QString *error, const QString &why)
    {
        if (error)
            *error = why;
        return false;
    }

    QString m_serverBinary;
};

} // namespace coauthor::sync::test
