#pragma once
// RedisServerProcess: a private redis-server (from PATH or /usr/bin) with its data in a
// directory, on a free loopback port and on a unix socket in a short private directory
// of its own (mode 700, under XDG_RUNTIME_DIR or /tmp), with the AOF fsynced before
// every reply by default. Used by the embedded server and by every test that needs
// Redis. Stopped (SIGTERM, then SIGKILL) on destruction.
#include "sync/common/result.h"

#include <QString>
#include <functional>
#include <memory>

class QProcess;
class QTemporaryDir;

namespace coauthor::sync {

class RedisServerProcess
{
public:
    RedisServerProcess();
    ~RedisServerProcess();
    Q_DISABLE_COPY_MOVE(RedisServerProcess)

    // Listen on the unix socket only, never on a loopback port: no other user of the
    // machine can reach the data (Redis has no password here). Call before start().
    // The socket lives in its own short directory, so a long data directory does not
    // matter; start() fails rather than open a port when no socket can be made.
    void setUnixSocketOnly(bool only) { m_unixSocketOnly = only; }
    // "always" (default: an acked write survives a power loss) or "everysec" (the
    // last second can be lost). Call before start().
    void setAppendFsync(const QString &policy) { m_appendFsync = policy; }
    // Called (from the event loop) when redis-server exits without stop() or kill()
    // asking it to: crashed, killed from outside. RedisSupervisor restarts it.
    void setExitHandler(std::function<void()> handler) { m_exitHandler = std::move(handler); }

    // Starts redis-server with --dir dir and waits (up to 10 s) until it answers PING.
    Result<void, QString> start(const QString &dir, bool appendOnly = true);
    // Starts it again on the same port and data directory (after stop(), kill() or a
    // crash). The unix socket is a new one each time (localUrl() changes): a dying
    // predecessor that removes its socket file cannot remove the new one's.
    Result<void, QString> restart();
    void stop(); // SIGTERM, wait up to 5 s, then SIGKILL
    void kill(); // SIGKILL at once (crash tests)
    bool isRunning() const;

    // "redis://127.0.0.1:PORT", or localUrl() when there is no port.
    QString url() const;
    // "unix:///RUNTIME/coauthor-redis-XXXXXX/redis-N.sock" (N counts the starts);
    // url() when no private socket directory could be made. Cheaper per command
    // than loopback TCP.
    QString localUrl() const;
    QString unixSocketPath() const { return m_unixSocket; }
    quint16 port() const { return m_port; } // 0 when listening on the unix socket only
    qint64 pid() const;
    QString dir() const { return m_dir; }

private:
    Result<void, QString> launch();
    // A redis-server of an earlier run on the same data directory (its pid file) that
    // is still shutting down is waited for, then killed: two Redis on one AOF corrupt it.
    void waitForPredecessor();
    void forgetProcess(); // stop()/kill(): no exit handler for an exit we asked for
    // Cuts a torn last transaction off the AOF before Redis reads it (see the .cpp).
    Result<void, QString> repairAppendOnlyFile();

    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QTemporaryDir> m_socketDir;
    std::function<void()> m_exitHandler;
    QString m_dir;
    QString m_appendFsync = QStringLiteral("always");
    int m_launches = 0;
    bool m_appendOnly = true;
    bool m_unixSocketOnly = false;
    quint16 m_port = 0;
    QString m_unixSocket;
};

} // namespace coauthor::sync
