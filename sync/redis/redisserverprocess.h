#pragma once
// RedisServerProcess: a private redis-server (from PATH or /usr/bin) in a directory,
// on a free loopback port and a unix socket in that directory (owner only), with AOF
// fsync every second. Used by the embedded server and by every test that needs Redis.
// Stopped (SIGTERM, then SIGKILL) on destruction.
#include "sync/common/result.h"

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

    // Listen on the unix socket only, not on a loopback port: no other user of the
    // machine can reach the data (Redis has no password here). Call before start();
    // kept off when the directory's path is too long for a socket address.
    void setUnixSocketOnly(bool only) { m_unixSocketOnly = only; }

    // Starts redis-server with --dir dir and waits (up to 10 s) until it answers PING.
    Result<void, QString> start(const QString &dir, bool appendOnly = true);
    // Starts it again on the same port and directory (after stop() or kill()),
    // so clients can reconnect to the same url.
    Result<void, QString> restart();
    void stop(); // SIGTERM, wait up to 5 s, then SIGKILL
    void kill(); // SIGKILL at once (crash tests)
    bool isRunning() const;

    // "redis://127.0.0.1:PORT", or localUrl() when there is no port.
    QString url() const;
    // "unix:///DIR/redis.sock" when the directory's path is short enough for a socket
    // address, url() otherwise. Cheaper per command than loopback TCP.
    QString localUrl() const;
    QString unixSocketPath() const { return m_unixSocket; }
    quint16 port() const { return m_port; } // 0 when listening on the unix socket only
    qint64 pid() const;
    QString dir() const { return m_dir; }

private:
    Result<void, QString> launch();

    std::unique_ptr<QProcess> m_process;
    QString m_dir;
    bool m_appendOnly = true;
    bool m_unixSocketOnly = false;
    quint16 m_port = 0;
    QString m_unixSocket;
};

} // namespace coauthor::sync
