#include "sync/redis/redisserverprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QLocalSocket>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace coauthor::sync {

namespace {

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

// sockaddr_un holds 108 bytes with the terminating NUL; leave room for it.
QString unixSocketIn(const QString &dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("redis.sock"));
    return QFile::encodeName(path).size() < 100 ? path : QString();
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
    m_unixSocket = unixSocketIn(m_dir);
    if (m_unixSocketOnly && !m_unixSocket.isEmpty()) {
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

Result<void, QString> RedisServerProcess::launch()
{
    const QString program = redisServerProgram();
    if (!QFile::exists(program))
        return Result<void, QString>::failure(QStringLiteral("redis-server not found (install the redis-server package)"));

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    QStringList arguments{
        QStringLiteral("--port"), QString::number(m_port),
        QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
        QStringLiteral("--dir"), m_dir,
        QStringLiteral("--appendonly"), m_appendOnly ? QStringLiteral("yes") : QStringLiteral("no"),
        QStringLiteral("--appendfsync"), QStringLiteral("everysec"),
        QStringLiteral("--save"), QString(),
        QStringLiteral("--daemonize"), QStringLiteral("no"),
        QStringLiteral("--logfile"), QDir(m_dir).filePath(QStringLiteral("redis.log")),
    };
    // Redis removes a socket file left by a killed predecessor before it binds.
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
    if (!m_process->waitForStarted(5000)) {
        const QString error = m_process->errorString();
        m_process.reset();
        return Result<void, QString>::failure(QStringLiteral("cannot start redis-server: %1").arg(error));
    }

    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running) {
            m_process.reset();
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

void RedisServerProcess::stop()
{
    if (!m_process)
        return;
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
