#pragma once
// RedisSupervisor: keeps the embedded redis-server running. When it exits without
// being asked to (crash, OOM kill, kill -9), it is started again on the same data
// directory with backoff (200 ms doubling to 5 s), and restarted() gives the new
// unix socket's url for the RedisClient to reconnect to. Until then every command
// fails with storage_unavailable (RedisClient), which clients retry.
#include "sync/redis/redisserverprocess.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace coauthor::sync {

class RedisSupervisor : public QObject
{
    Q_OBJECT
public:
    // process is not owned and must outlive the supervisor (or be stopped first).
    explicit RedisSupervisor(RedisServerProcess *process, QObject *parent = nullptr);
    ~RedisSupervisor() override;
    Q_DISABLE_COPY_MOVE(RedisSupervisor)

    int restarts() const { return m_restarts; }

Q_SIGNALS:
    void redisExited();
    void restarted(const QString &url);

private:
    void onExited();
    void tryRestart();

    RedisServerProcess *m_process;
    QTimer m_retry;
    QElapsedTimer m_upSince; // since the last restart
    int m_backoffMs = 200;
    int m_restarts = 0;
};

} // namespace coauthor::sync
