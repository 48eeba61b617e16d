#pragma once

// ServerFixture: a private redis-server in a temporary directory and one or more
// in-process CoauthorServers on free ports, with a project and tokens, for the
// end-to-end tests.

#include "sync/docstore/docstore.h"
#include "sync/redis/redisserverprocess.h"
#include "sync/server/coauthorserver.h"
#include "testclient.h"

#include <QProcess>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace coauthor::sync::test {

class ServerFixture
{
public:
    // Starts Redis and one server; false (with a message in error) on failure.
    bool start(const ServerConfig &base = fastConfig())
    {
        if (!dir.isValid()) {
            error = QStringLiteral("no temporary directory");
            return false;
        }
        auto r = redis.start(dir.filePath(QStringLiteral("redis")), true);
        if (!r) {
            error = r.error();
            return false;
        }
        config = base;
        config.port = 0;
        config.dataDir = dir.filePath(QStringLiteral("data"));
        config.redisUrl = redis.url();
        if (!addInstance())
            return false;
        auto project = servers.front()->docstore()->createProject(QStringLiteral("Test project"));
        if (!project) {
            error = project.error().message;
            return false;
        }
        projectId = project.value().id;
        token = servers.front()->docstore()->createToken(projectId, Role::ReadWrite).value();
        readOnlyToken = servers.front()->docstore()->createToken(projectId, Role::ReadOnly).value();
        return true;
    }

    // One more server on the same Redis and the same data directory.
    bool addInstance()
    {
        auto server = std::make_unique<CoauthorServer>();
        auto r = server->start(config);
        if (!r) {
            error = r.error();
            return false;
        }
        servers.push_back(std::move(server));
        return true;
    }

    static ServerConfig fastConfig()
    {
        ServerConfig c;
        c.updater.lastClientGraceMs = 200;
        c.updater.flushScanIntervalMs = 1000;
        c.realtime.gapFillMs = 300;
        c.realtime.helloTimeoutMs = 3000;
        return c;
    }

    QString url(int instance = 0) const { return servers.at(size_t(instance))->url(); }

    std::unique_ptr<TestClient> client(const QString &clientId, int instance = 0, const QString &withToken = {})
    {
        return std::make_unique<TestClient>(url(instance), projectId, withToken.isEmpty() ? token : withToken, clientId, clientId);
    }

    // A connected client that created a doc at path with text; returns its id.
    QString createDoc(const QString &path, const QString &text = {})
    {
        auto c = client(QStringLiteral("creator"));
        c->connectAndHello();
        return c->createDoc(path, text);
    }

    // The doc as the server has it, through a fresh client.
    std::pair<QString, qint64> serverDoc(const QString &docId, int instance = 0)
    {
        auto c = client(QStringLiteral("observer"), instance);
        c->connectAndHello();
        c->joinDoc(docId);
        return {c->text(), c->version()};
    }

    bool redisCli(const QStringList &args)
    {
        QProcess cli;
        cli.start(QStringLiteral("redis-cli"), QStringList{QStringLiteral("-p"), QString::number(redis.port())} + args);
        return cli.waitForFinished(10000) && cli.exitCode() == 0;
    }

    QTemporaryDir dir;
    RedisServerProcess redis;
    ServerConfig config;
    std::vector<std::unique_ptr<CoauthorServer>> servers;
    QString projectId;
    QString token;
    QString readOnlyToken;
    QString error;
};

} // namespace coauthor::sync::test
