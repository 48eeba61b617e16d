#pragma once

// CoauthorServer: the whole collaboration server in one object (embedded Redis when
// none is given, docstore, document-updater, real-time), used by coauthor-server and
// by the app's "host a session".

#include "sync/common/result.h"
#include "sync/server/serverconfig.h"

#include <QObject>
#include <QString>

#include <memory>

namespace coauthor::sync {

class Docstore;
class DocumentUpdater;
class ProjectFiles;
class RealtimeServer;
class RedisClient;
class RedisServerProcess;
class RedisSupervisor;

class CoauthorServer : public QObject
{
    Q_OBJECT
public:
    explicit CoauthorServer(QObject *parent = nullptr);
    ~CoauthorServer() override; // stop()s if still running
    Q_DISABLE_COPY_MOVE(CoauthorServer)

    Result<void, QString> start(const ServerConfig &config);
    // Closes every connection, flushes every doc from Redis to the docstore (waiting
    // up to flushTimeoutMs), then stops the embedded Redis. Safe to call twice.
    void stop(int flushTimeoutMs = 30 * 1000);
    bool isRunning() const { return m_running; }

    quint16 port() const;
    QString url() const;      // "ws://ADDRESS:PORT/"
    QString redisUrl() const; // the embedded one's or the configured one

    Docstore *docstore() const { return m_docstore.get(); }
    DocumentUpdater *updater() const { return m_updater.get(); }
    RealtimeServer *realtime() const { return m_realtime.get(); }
    RedisServerProcess *embeddedRedis() const { return m_redisProcess.get(); }
    RedisSupervisor *redisSupervisor() const { return m_redisSupervisor.get(); }

private:
    ServerConfig m_config;
    bool m_running = false;
    QString m_redisUrl;
    std::unique_ptr<RedisServerProcess> m_redisProcess;
    std::unique_ptr<RedisSupervisor> m_redisSupervisor; // restarts m_redisProcess when it dies
    std::unique_ptr<Docstore> m_docstore;
    std::unique_ptr<RedisClient> m_redis;
    std::unique_ptr<DocumentUpdater> m_updater;
    std::unique_ptr<ProjectFiles> m_files;
    std::unique_ptr<RealtimeServer> m_realtime;
};

} // namespace coauthor::sync
