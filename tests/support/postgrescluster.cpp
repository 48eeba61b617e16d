#include "postgrescluster.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace coauthor::test {

namespace {

using VoidResult = sync::Result<void, QString>;
using TextResult = sync::Result<QString, QString>;

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &c : raw)
        c = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(raw.toHex());
}

QString tail(const QString &text, int lines)
{
    QStringList all = text.split(QLatin1Char('\n'));
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join(QLatin1Char('\n'));
}

} // namespace

PostgresCluster::PostgresCluster() = default;

PostgresCluster::~PostgresCluster()
{
    stop();
}

QString PostgresCluster::binDir()
{
    const QString fromEnv = qEnvironmentVariable("COAUTHOR_POSTGRES_BINDIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    // Debian and Ubuntu keep each major version apart, off PATH.
    QDir debian(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = debian.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return a.toDouble() > b.toDouble(); });
    for (const QString &v : versions) {
        const QString bin = debian.filePath(v + QStringLiteral("/bin"));
        if (QFileInfo(bin + QStringLiteral("/initdb")).isExecutable() && QFileInfo(bin + QStringLiteral("/postgres")).isExecutable())
            return bin;
    }
    const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    return initdb.isEmpty() ? QString() : QFileInfo(initdb).absolutePath();
}

QString PostgresCluster::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString PostgresCluster::url(const QString &database) const
{
    return QStringLiteral("postgresql://%1:%2@127.0.0.1:%3/%4").arg(user(), m_password, QString::number(m_port), database);
}

QString PostgresCluster::log() const
{
    QFile file(directory() + QStringLiteral("/server.log"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool PostgresCluster::isRunning() const
{
    return m_server && m_server->state() != QProcess::NotRunning;
}

// PostgreSQL refuses to run as root; the server and initdb then run as the
// `postgres` account the package makes. The account is looked up here, before the
// fork: the child may only call async-signal-safe functions.
void PostgresCluster::runAsServerUser(QProcess &process) const
{
    process.setWorkingDirectory(directory()); // the server user may not enter ours
#ifdef Q_OS_UNIX
    const int uid = m_uid;
    const int gid = m_gid;
    process.setChildProcessModifier([uid, gid] {
        if (uid >= 0) {
            if (::setgroups(0, nullptr) != 0 || ::setgid(gid_t(gid)) != 0 || ::setuid(uid_t(uid)) != 0)
                ::_exit(126);
        }
#ifdef Q_OS_LINUX
        // After setuid, which clears it: the server goes when the test does.
        ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
#endif
    });
#endif
}

TextResult PostgresCluster::run(const QString &program, const QStringList &args, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (program != QLatin1String("psql"))
        runAsServerUser(process);
    process.start(m_binDir + QLatin1Char('/') + program, args);
    const bool finished = process.waitForFinished(timeoutMs);
    const QString output = QString::fromUtf8(process.readAll());
    if (!finished) {
        process.kill();
        process.waitForFinished(2000);
        return TextResult::failure(QStringLiteral("%1 did not finish within %2 s: %3").arg(program).arg(timeoutMs / 1000).arg(output));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return TextResult::failure(QStringLiteral("%1 failed (exit %2): %3").arg(program).arg(process.exitCode()).arg(output.trimmed()));
    return TextResult::success(output);
}

VoidResult PostgresCluster::start()
{
    if (isRunning())
        return VoidResult::success();
    m_binDir = binDir();
    if (m_binDir.isEmpty())
        return VoidResult::failure(QStringLiteral("PostgreSQL is not installed: no initdb in /usr/lib/postgresql/*/bin or on PATH "
                                                  "(./dev.sh installs the postgresql package; COAUTHOR_POSTGRES_BINDIR names another folder)"));
    if (::geteuid() == 0) {
        const passwd *account = ::getpwnam("postgres");
        if (!account)
            return VoidResult::failure(QStringLiteral("PostgreSQL refuses to run as root and there is no 'postgres' user to run it as "
                                                      "(the postgresql package creates it)"));
        m_uid = int(account->pw_uid);
        m_gid = int(account->pw_gid);
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/coauthor-pg-XXXXXX"));
    if (!m_dir->isValid())
        return VoidResult::failure(QStringLiteral("cannot make a temporary directory for PostgreSQL: %1").arg(m_dir->errorString()));
    const QByteArray dir = QFile::encodeName(m_dir->path());
    if (m_uid >= 0 && ::chown(dir.constData(), uid_t(m_uid), gid_t(m_gid)) != 0)
        return VoidResult::failure(QStringLiteral("cannot give %1 to the postgres user").arg(m_dir->path()));

    // The superuser's password is only there because initdb wants one for password
    // authentication over TCP; the tests reach the superuser through the socket.
    const QString pwFile = m_dir->filePath(QStringLiteral("superuser-password"));
    {
        QFile file(pwFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(randomHex(16).toLatin1()) < 0)
            return VoidResult::failure(QStringLiteral("cannot write %1").arg(pwFile));
    }
    if (m_uid >= 0 && ::chown(QFile::encodeName(pwFile).constData(), uid_t(m_uid), gid_t(m_gid)) != 0)
        return VoidResult::failure(QStringLiteral("cannot give %1 to the postgres user").arg(pwFile));
    auto initdb = run(QStringLiteral("initdb"),
                      {QStringLiteral("--pgdata=") + m_dir->filePath(QStringLiteral("data")), QStringLiteral("--username=postgres"),
                       QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"),
                       QStringLiteral("--pwfile=") + pwFile, QStringLiteral("--encoding=UTF8"), QStringLiteral("--no-locale"),
                       QStringLiteral("--no-sync")},
                      60000);
    if (!initdb)
        return VoidResult::failure(QStringLiteral("initdb failed: %1").arg(initdb.error()));

    auto launched = launch(false);
    if (!launched)
        return launched;
    m_password = randomHex(16);
    auto role = psql(QStringLiteral("postgres"), QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(user(), m_password));
    if (!role)
        return VoidResult::failure(role.error());
    return VoidResult::success();
}

// The port is free when probed but could be taken before the server binds it:
// then another one is tried (unless it must stay the same).
VoidResult PostgresCluster::launch(bool samePort)
{
    QString lastError;
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (!samePort)
            m_port = freeLoopbackPort();
        if (m_port == 0)
            return VoidResult::failure(QStringLiteral("no free loopback port"));
        m_server = std::make_unique<QProcess>();
        m_server->setStandardOutputFile(m_dir->filePath(QStringLiteral("server.log")), QIODevice::Append);
        m_server->setStandardErrorFile(m_dir->filePath(QStringLiteral("server.log")), QIODevice::Append);
        runAsServerUser(*m_server);
        // Small: two clusters may run at once (ctest -j2) on a small machine.
        m_server->start(m_binDir + QStringLiteral("/postgres"),
                        {QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")), QStringLiteral("-p"), QString::number(m_port),
                         QStringLiteral("-k"), m_dir->path(), QStringLiteral("-c"), QStringLiteral("listen_addresses=127.0.0.1"),
                         QStringLiteral("-c"), QStringLiteral("fsync=off"), QStringLiteral("-c"), QStringLiteral("synchronous_commit=off"),
                         QStringLiteral("-c"), QStringLiteral("full_page_writes=off"), QStringLiteral("-c"),
                         QStringLiteral("shared_buffers=32MB"), QStringLiteral("-c"), QStringLiteral("max_connections=100")});
        if (!m_server->waitForStarted(10000))
            return VoidResult::failure(QStringLiteral("cannot run %1/postgres: %2").arg(m_binDir, m_server->errorString()));
        for (int waited = 0; waited < 30000 && isRunning(); waited += 50) {
            QProcess ready;
            ready.start(m_binDir + QStringLiteral("/pg_isready"),
                        {QStringLiteral("-q"), QStringLiteral("-h"), m_dir->path(), QStringLiteral("-p"), QString::number(m_port)});
            if (ready.waitForFinished(5000) && ready.exitStatus() == QProcess::NormalExit && ready.exitCode() == 0)
                return VoidResult::success();
            QThread::msleep(50);
        }
        lastError = tail(log(), 15);
        const bool portTaken = lastError.contains(QLatin1String("could not bind"));
        stop();
        if (!portTaken || samePort)
            break;
    }
    return VoidResult::failure(QStringLiteral("PostgreSQL did not start in %1:\n%2").arg(m_dir->path(), lastError));
}

void PostgresCluster::stop()
{
    if (!m_server)
        return;
    if (isRunning()) {
        ::kill(pid_t(m_server->processId()), SIGINT); // fast shutdown: disconnects clients, no waiting for them
        if (!m_server->waitForFinished(15000)) {
            ::kill(pid_t(m_server->processId()), SIGQUIT);
            m_server->waitForFinished(5000);
        }
    }
    m_server.reset();
}

VoidResult PostgresCluster::restart()
{
    if (!m_dir)
        return VoidResult::failure(QStringLiteral("PostgreSQL was never started"));
    stop();
    return launch(true);
}

sync::Result<PostgresCluster *, QString> PostgresCluster::shared()
{
    using R = sync::Result<PostgresCluster *, QString>;
    static std::unique_ptr<PostgresCluster> instance;
    static QString failure;
    if (instance)
        return R::success(instance.get());
    if (!failure.isEmpty())
        return R::failure(failure);
    auto cluster = std::make_unique<PostgresCluster>();
    auto started = cluster->start();
    if (!started) {
        failure = started.error();
        return R::failure(failure);
    }
    instance = std::move(cluster);
    // Stopped while Qt is still there (QProcess), also when a test failed.
    if (QCoreApplication::instance())
        qAddPostRoutine([] { instance.reset(); });
    return R::success(instance.get());
}

TextResult PostgresCluster::createDatabase()
{
    const QString name = QStringLiteral("coauthor_%1").arg(++m_databases);
    auto made = psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(name, user()));
    if (!made)
        return TextResult::failure(made.error());
    return TextResult::success(url(name));
}

TextResult PostgresCluster::psql(const QString &database, const QString &sql)
{
    if (!isRunning())
        return TextResult::failure(QStringLiteral("PostgreSQL is not running"));
    return run(QStringLiteral("psql"),
               {QStringLiteral("--no-psqlrc"), QStringLiteral("--quiet"), QStringLiteral("--no-align"), QStringLiteral("--tuples-only"),
                QStringLiteral("--set=ON_ERROR_STOP=1"), QStringLiteral("--host=") + m_dir->path(),
                QStringLiteral("--port=") + QString::number(m_port), QStringLiteral("--username=postgres"),
                QStringLiteral("--dbname=") + database, QStringLiteral("--command=") + sql},
               30000);
}

} // namespace coauthor::test
