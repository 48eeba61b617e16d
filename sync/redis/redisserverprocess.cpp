#include "sync/redis/redisserverprocess.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QLocalSocket>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace coauthor::sync {

namespace {

Q_LOGGING_CATEGORY(lcRedisProcess, "coauthor.redis.process")

QString redisServerProgram()
{
    const QString found = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (!found.isEmpty())
        return found;
    return QStringLiteral("/usr/bin/redis-server");
}

// The kernel hands out a free port; redis-server binds it a moment later. Another
// process could take it in between, so launch() retries with a fresh port.
quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// True once the server answers PING with PONG (not LOADING while it replays the AOF).
bool answersPing(QIODevice &socket)
{
    socket.write("PING\r\n");
    QByteArray reply;
    QDeadlineTimer deadline(500);
    while (!reply.contains('\n') && !deadline.hasExpired()) {
        if (!socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
        reply += socket.readAll();
    }
    return reply.startsWith("+PONG");
}

bool answersPing(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(250) && answersPing(socket);
}

bool answersPing(const QString &unixSocket)
{
    QLocalSocket socket;
    socket.connectToServer(unixSocket);
    return socket.waitForConnected(250) && answersPing(socket);
}

// sockaddr_un holds 108 bytes with the terminating NUL; a socket path must stay
// below that, whatever the data directory. "<base>/coauthor-redis-XXXXXX/redis-N.sock"
// is short when base is; XDG_RUNTIME_DIR (/run/user/UID) is private to the user,
// /tmp is the fallback. mkdtemp makes the directory mode 700, so only its owner can
// reach the socket in it, whatever the socket's own mode.
// A server killed with -9 cannot remove its socket directory; its Redis removes the
// socket in it when it exits. Empty ones of ours older than a minute are such leftovers
// (a directory in use holds its socket from the moment its Redis has started).
void removeLeftoverSocketDirs(const QString &base)
{
    const QDir dir(base);
    const QDateTime old = QDateTime::currentDateTimeUtc().addSecs(-60);
    for (const QFileInfo &entry : dir.entryInfoList({QStringLiteral("coauthor-redis-*")}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (entry.ownerId() == ::getuid() && entry.lastModified().toUTC() < old)
            dir.rmdir(entry.fileName()); // fails, harmlessly, unless it is empty
    }
}

std::unique_ptr<QTemporaryDir> privateSocketDir()
{
    QStringList bases;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty())
        bases << runtime;
    bases << QStringLiteral("/tmp");
    for (const QString &base : std::as_const(bases)) {
        if (QFile::encodeName(base).size() > 60 || !QFileInfo(base).isDir())
            continue;
        removeLeftoverSocketDirs(base);
        auto dir = std::make_unique<QTemporaryDir>(base + QStringLiteral("/coauthor-redis-XXXXXX"));
        if (dir->isValid())
            return dir;
    }
    return nullptr;
}

bool isAlive(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

// The pid file names a redis-server working in dir (Redis chdirs to --dir), not a
// process that reused the pid.
bool isRedisIn(qint64 pid, const QString &dir)
{
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!cmdline.open(QIODevice::ReadOnly) || !cmdline.readAll().contains("redis-server"))
        return false;
    return QFileInfo(QStringLiteral("/proc/%1/cwd").arg(pid)).canonicalFilePath() == QFileInfo(dir).canonicalFilePath();
}

} // namespace

RedisServerProcess::RedisServerProcess() = default;

RedisServerProcess::~RedisServerProcess()
{
    stop();
}

Result<void, QString> RedisServerProcess::start(const QString &dir, bool appendOnly)
{
    if (isRunning())
        return Result<void, QString>::failure(QStringLiteral("redis-server is already running"));
    if (!QDir().mkpath(dir))
        return Result<void, QString>::failure(QStringLiteral("cannot create the Redis directory %1").arg(dir));
    m_dir = QDir(dir).absolutePath();
    m_appendOnly = appendOnly;
    m_port = 0;
    m_socketDir = privateSocketDir();
    if (m_unixSocketOnly && !m_socketDir) {
        m_dir.clear();
        // Never a loopback port instead: Redis has no password here.
        return Result<void, QString>::failure(QStringLiteral("cannot create a private directory for the Redis socket in $XDG_RUNTIME_DIR or /tmp"));
    }
    if (m_unixSocketOnly) {
        const auto launched = launch();
        if (!launched)
            m_dir.clear();
        return launched;
    }
    QString lastError;
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freeLoopbackPort();
        if (m_port == 0) {
            lastError = QStringLiteral("no free loopback port");
            continue;
        }
        const auto launched = launch();
        if (launched.ok())
            return launched;
        lastError = launched.error();
    }
    m_port = 0;
    m_dir.clear();
    return Result<void, QString>::failure(lastError);
}

Result<void, QString> RedisServerProcess::restart()
{
    if (m_dir.isEmpty())
        return Result<void, QString>::failure(QStringLiteral("redis-server was never started"));
    stop();
    // The old process's socket can linger for a moment; retry on the same port or socket.
    QString lastError;
    for (int attempt = 0; attempt < 20; ++attempt) {
        const auto launched = launch();
        if (launched.ok())
            return launched;
        lastError = launched.error();
        QThread::msleep(100);
    }
    return Result<void, QString>::failure(lastError);
}

// A power loss can leave the AOF ending inside a transaction: the effects of one
// of our Lua scripts are logged as MULTI ... EXEC and only part of it reached the
// disk. redis-server 7.0 (Debian 12) then truncates the file at the last whole
// command, inside the MULTI, and appends its next writes after it; at the start
// after that, the torn half of the old script runs together with them (an op in
// the list without its version, say). redis-check-aof --fix cuts the file back to
// before the MULTI, which is what a torn script must be: never written.
Result<void, QString> RedisServerProcess::repairAppendOnlyFile()
{
    const QString manifest = QDir(m_dir).filePath(QStringLiteral("appendonlydir/appendonly.aof.manifest"));
    if (!m_appendOnly || !QFileInfo::exists(manifest))
        return Result<void, QString>::success();
    QString checker = QFileInfo(redisServerProgram()).dir().filePath(QStringLiteral("redis-check-aof"));
    if (!QFileInfo(checker).isExecutable())
        checker = QStandardPaths::findExecutable(QStringLiteral("redis-check-aof"));
    if (checker.isEmpty())
        return Result<void, QString>::failure(QStringLiteral("redis-check-aof not found (install the redis-tools package)"));
    QProcess check;
    check.setProgram(checker);
    check.setArguments({QStringLiteral("--fix"), manifest});
    check.setProcessChannelMode(QProcess::MergedChannels);
    check.start();
    if (!check.waitForStarted(5000))
        return Result<void, QString>::failure(QStringLiteral("cannot run %1: %2").arg(checker, check.errorString()));
    check.write("y\n"); // it asks before it shrinks a file
    check.closeWriteChannel();
    // It reads the whole AOF once; Redis reads it right after, at about the same speed.
    if (!check.waitForFinished(300000)) {
        check.kill();
        check.waitForFinished(1000);
        return Result<void, QString>::failure(QStringLiteral("redis-check-aof did not finish on %1").arg(manifest));
    }
    const QString output = QString::fromLocal8Bit(check.readAll());
    if (check.exitStatus() != QProcess::NormalExit || check.exitCode() != 0)
        return Result<void, QString>::failure(QStringLiteral("the AOF in %1 is damaged beyond repair: %2")
                                                  .arg(m_dir, output.trimmed().section(QLatin1Char('\n'), -3)));
    if (output.contains(QLatin1String("truncated")))
        qCWarning(lcRedisProcess).noquote() << "the AOF in" << m_dir
                                            << "ended in a torn write (a crash or power loss); cut back to its last whole transaction";
    return Result<void, QString>::success();
}

Result<void, QString> RedisServerProcess::launch()
{
    const QString program = redisServerProgram();
    if (!QFile::exists(program))
        return Result<void, QString>::failure(QStringLiteral("redis-server not found (install the redis-server package)"));
    waitForPredecessor();
    if (auto repaired = repairAppendOnlyFile(); !repaired.ok())
        return repaired;
    // Another server may have taken our directory for a leftover while our Redis was
    // down (it was empty then): make it again, owner only.
    if (m_socketDir && !QFileInfo::exists(m_socketDir->path()))
        ::mkdir(QFile::encodeName(m_socketDir->path()).constData(), 0700);
    // A new socket per start: a predecessor still shutting down removes only its own.
    m_unixSocket = m_socketDir ? m_socketDir->filePath(QStringLiteral("redis-%1.sock").arg(++m_launches)) : QString();

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    QStringList arguments{
        QStringLiteral("--port"), QString::number(m_port),
        QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
        QStringLiteral("--dir"), m_dir,
        QStringLiteral("--appendonly"), m_appendOnly ? QStringLiteral("yes") : QStringLiteral("no"),
        QStringLiteral("--appendfsync"), m_appendFsync,
        QStringLiteral("--save"), QString(),
        QStringLiteral("--daemonize"), QStringLiteral("no"),
        QStringLiteral("--logfile"), QDir(m_dir).filePath(QStringLiteral("redis.log")),
        QStringLiteral("--pidfile"), QDir(m_dir).filePath(QStringLiteral("redis.pid")),
    };
    if (!m_unixSocket.isEmpty())
        arguments << QStringLiteral("--unixsocket") << m_unixSocket << QStringLiteral("--unixsocketperm") << QStringLiteral("700");
    m_process->setArguments(arguments);
    // Redis logs to its logfile; inheriting our stdout/stderr would keep a test
    // runner's pipes open after we are gone.
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setStandardErrorFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
    // If this process dies without stopping it (crash, kill -9), Redis goes too.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_process->start();
    // Queued: stop() and kill() disconnect first, so this is an exit nobody asked for.
    QObject::connect(m_process.get(), &QProcess::finished, m_process.get(), [this] {
        if (m_exitHandler)
            QTimer::singleShot(0, m_exitHandler);
    }, Qt::QueuedConnection);
    if (!m_process->waitForStarted(5000)) {
        const QString error = m_process->errorString();
        forgetProcess();
        return Result<void, QString>::failure(QStringLiteral("cannot start redis-server: %1").arg(error));
    }

    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running) {
            forgetProcess();
            return Result<void, QString>::failure(
                QStringLiteral("redis-server exited at start (%1 taken? see %2/redis.log)").arg(localUrl(), m_dir));
        }
        if (m_port != 0 ? answersPing(m_port) : answersPing(m_unixSocket))
            return Result<void, QString>::success();
        m_process->waitForFinished(50);
    }
    stop();
    return Result<void, QString>::failure(QStringLiteral("redis-server did not answer PING within 10 s"));
}

void RedisServerProcess::waitForPredecessor()
{
    QFile pidFile(QDir(m_dir).filePath(QStringLiteral("redis.pid")));
    if (!pidFile.open(QIODevice::ReadOnly))
        return;
    const qint64 other = pidFile.readAll().trimmed().toLongLong();
    if (other == pid() || !isAlive(other) || !isRedisIn(other, m_dir))
        return;
    // Its server died (PR_SET_PDEATHSIG sent it SIGTERM): it fsyncs and exits soon.
    QDeadlineTimer deadline(5000);
    while (isAlive(other) && !deadline.hasExpired())
        QThread::msleep(20);
    if (isAlive(other) && isRedisIn(other, m_dir)) {
        ::kill(pid_t(other), SIGKILL);
        QDeadlineTimer killed(2000);
        while (isAlive(other) && !killed.hasExpired())
            QThread::msleep(10);
    }
}

void RedisServerProcess::forgetProcess()
{
    if (m_process)
        QObject::disconnect(m_process.get(), &QProcess::finished, nullptr, nullptr);
    m_process.reset();
}

void RedisServerProcess::stop()
{
    if (!m_process)
        return;
    QObject::disconnect(m_process.get(), &QProcess::finished, nullptr, nullptr);
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // SIGTERM: Redis fsyncs the AOF and exits
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    m_process.reset();
}

void RedisServerProcess::kill()
{
    if (!m_process)
        return;
    QObject::disconnect(m_process.get(), &QProcess::finished, nullptr, nullptr);
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
    m_process.reset();
}

bool RedisServerProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QString RedisServerProcess::url() const
{
    return m_port != 0 ? QStringLiteral("redis://127.0.0.1:%1").arg(m_port) : localUrl();
}

QString RedisServerProcess::localUrl() const
{
    return m_unixSocket.isEmpty() ? QStringLiteral("redis://127.0.0.1:%1").arg(m_port) : QStringLiteral("unix://") + m_unixSocket;
}

qint64 RedisServerProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

} // namespace coauthor::sync
