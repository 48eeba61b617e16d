#pragma once
// RedisServerProcess: a private redis-server (from PATH or /usr/bin) in a directory,
// on a free loopback port, with AOF fsync every second. Used by the embedded server
// and by every test that needs Redis. Stopped (SIGTERM, then SIGKILL) on destruction.
#include "sync/ot/result.h"

#include <QString>
#include <memory>

class QProcess;

namespace coauthor::sync {

class RedisServerProcess
{
public:
    RedisServerProcess();
    ~RedisServerProcess();
    Q_DISABLE_COPY_MOVE(RedisServerProcess)

    // Starts redis-server with --dir dir and waits (up to 10 s) until it answers PING.
    ot::Result<void, QString> start(const QString &dir, bool appendOnly = true);
    // Starts it again on the same port and directory (after stop() or kill()),
    // so clients can reconnect to the same url.
    ot::Result<void, QString> restart();
    void stop(); // SIGTERM, wait up to 5 s, then SIGKILL
    void kill(); // SIGKILL at once (crash tests)
    bool isRunning() const;

    QString url() const; // "redis://127.0.0.1:PORT"
    quint16 port() const { return m_port; }
    qint64 pid() const;
    QString dir() const { return m_dir; }

private:
    ot::Result<void, QString> launch();

    std::unique_ptr<QProcess> m_process;
    QString m_dir;
    bool m_appendOnly = true;
    quint16 m_port = 0;
};

} // namespace coauthor::sync
