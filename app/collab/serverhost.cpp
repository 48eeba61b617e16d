#include "app/collab/serverhost.h"

#include "app/collab/hostcertificate.h"

#include "sync/protocol/hostport.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>

#include <csignal>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace coauthor::app {

namespace {

constexpr int adminTimeoutMs = 30000;

// "label: value" lines of the admin commands' output. A label ending in "("
// matches any role ("token (read_write): ...").
QString field(const QString &output, const QString &label)
{
    const QString pattern = label.endsWith(u'(') ? QRegularExpression::escape(label) + QStringLiteral("[^)]*\\)")
                                                 : QRegularExpression::escape(label);
    const QRegularExpression re(QStringLiteral("^%1:\\s*(\\S+)\\s*$").arg(pattern), QRegularExpression::MultilineOption);
    return re.match(output).captured(1);
}

} // namespace

ServerHost::ServerHost(QObject *parent)
    : QObject(parent)
    , m_program(defaultProgram())
    , m_dataDir(defaultDataDir())
{
}

ServerHost::~ServerHost()
{
    stop();
}

QString ServerHost::defaultProgram()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("coauthor-server"));
}

QString ServerHost::defaultDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("server"));
}

quint16 ServerHost::freePort(const QString &host)
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress(host), 0))
        probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

sync::Result<QString, QString> ServerHost::runAdmin(const QStringList &arguments)
{
    using R = sync::Result<QString, QString>;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(m_program, arguments + QStringList{QStringLiteral("--data"), m_dataDir});
    if (!process.waitForStarted(adminTimeoutMs))
        return R::failure(tr("Cannot run “%1”: %2").arg(m_program, process.errorString()));
    if (!process.waitForFinished(adminTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return R::failure(tr("The server's command did not finish in time."));
    }
    const QString output = QString::fromLocal8Bit(process.readAll());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return R::failure(output.trimmed().isEmpty() ? tr("The server's command failed.") : output.trimmed());
    return R::success(output);
}

sync::Result<ServerHost::Invitation, QString> ServerHost::createProject(const QString &name)
{
    using R = sync::Result<Invitation, QString>;
    if (!QDir().mkpath(m_dataDir))
        return R::failure(tr("Cannot create the server's folder “%1”.").arg(m_dataDir));
    auto created = runAdmin({QStringLiteral("project"), QStringLiteral("create"),
                             name.trimmed().isEmpty() ? QStringLiteral("Project") : name.trimmed()});
    if (!created)
        return R::failure(created.error());
    Invitation invitation;
    invitation.projectId = field(created.value(), QStringLiteral("project id"));
    invitation.readWriteToken = field(created.value(), QStringLiteral("token ("));
    if (invitation.projectId.isEmpty() || invitation.readWriteToken.isEmpty())
        return R::failure(tr("Unexpected answer from the server: %1").arg(created.value()));
    auto readOnly = runAdmin({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--project"),
                              invitation.projectId, QStringLiteral("--read-only")});
    if (!readOnly)
        return R::failure(readOnly.error());
    invitation.readOnlyToken = field(readOnly.value(), QStringLiteral("token ("));
    if (invitation.readOnlyToken.isEmpty())
        return R::failure(tr("Unexpected answer from the server: %1").arg(readOnly.value()));
    return R::success(invitation);
}

sync::Result<QString, QString> ServerHost::invite(const QString &projectId, const QString &name, bool readOnly)
{
    using R = sync::Result<QString, QString>;
    QStringList arguments{QStringLiteral("invite"), QStringLiteral("create"), QStringLiteral("--project"), projectId,
                          QStringLiteral("--name"), name.trimmed()};
    if (readOnly)
        arguments.append(QStringLiteral("--read-only"));
    auto created = runAdmin(arguments);
    if (!created)
        return R::failure(created.error());
    const QString token = field(created.value(), QStringLiteral("token"));
    if (token.isEmpty())
        return R::failure(tr("Unexpected answer from the server: %1").arg(created.value()));
    return R::success(token);
}

sync::Result<QList<ServerHost::Guest>, QString> ServerHost::invitations(const QString &projectId)
{
    using R = sync::Result<QList<Guest>, QString>;
    auto listed = runAdmin({QStringLiteral("invite"), QStringLiteral("list"), QStringLiteral("--project"), projectId});
    if (!listed)
        return R::failure(listed.error());
    // "ID  ROLE  CREATED  active|revoked WHEN  NAME"; the name is last since it may hold spaces.
    static const QRegularExpression line(QStringLiteral("^(\\S+)  (read_only|read_write)  \\S+  (active|revoked \\S+)  (.*)$"),
                                         QRegularExpression::MultilineOption);
    QList<Guest> guests;
    for (auto it = line.globalMatch(listed.value()); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        // "(unnamed token)": a token without a person (project create's, the host's own).
        const QString name = m.captured(4).trimmed();
        guests.append(Guest{m.captured(1), name == QLatin1String("(unnamed token)") ? QString() : name,
                            m.captured(2) == QLatin1String("read_only"),
                            m.captured(3) != QLatin1String("active")});
    }
    return R::success(guests);
}

sync::Result<void, QString> ServerHost::revoke(const QString &projectId, const QString &invitationId)
{
    auto revoked = runAdmin({QStringLiteral("invite"), QStringLiteral("revoke"), QStringLiteral("--project"), projectId,
                             QStringLiteral("--id"), invitationId});
    if (!revoked)
        return sync::Result<void, QString>::failure(revoked.error());
    return sync::Result<void, QString>::success();
}

sync::Result<void, QString> ServerHost::start(const QString &host, quint16 port, int timeoutMs)
{
    using R = sync::Result<void, QString>;
    if (isRunning()) {
        if (host == m_host && (port == 0 || port == m_port))
            return R::success();
        stop();
    }
    if (QHostAddress(host).isNull())
        return R::failure(tr("“%1” is not an IP address.").arg(host));
    if (!QDir().mkpath(m_dataDir))
        return R::failure(tr("Cannot create the server's folder “%1”.").arg(m_dataDir));
    QStringList arguments{QStringLiteral("--listen"), QString(), QStringLiteral("--data"), m_dataDir};
    m_certificateSha256.clear();
    if (!QHostAddress(host).isLoopback()) {
        auto certificate = HostCertificate::ensure(m_dataDir);
        if (!certificate)
            return R::failure(certificate.error());
        arguments << QStringLiteral("--tls-cert") << certificate.value().certificateFile << QStringLiteral("--tls-key")
                  << certificate.value().keyFile;
        m_certificateSha256 = certificate.value().sha256;
    }
    m_host = host;
    m_port = port ? port : freePort(host);
    arguments[1] = listenAddress();
    m_output.clear();
    m_stopping = false;
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
    // Should the app die without stopping it, the kernel sends the server SIGTERM.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_process->start(m_program, arguments);
    const QDeadlineTimer deadline(timeoutMs);
    if (!m_process->waitForStarted(timeoutMs)) {
        const QString why = m_process->errorString();
        delete m_process;
        m_process = nullptr;
        return R::failure(tr("Cannot start “%1”: %2").arg(m_program, why));
    }
    // It prints "listening on ws://..." (or wss://) once the socket is open.
    while (!m_output.contains("listening on")) {
        if (m_process->state() != QProcess::Running || deadline.hasExpired()) {
            m_output += m_process->readAll();
            const QString output = QString::fromLocal8Bit(m_output).trimmed();
            stop(2000);
            return R::failure(output.isEmpty() ? tr("The server did not start in time.") : output);
        }
        m_process->waitForReadyRead(int(qBound<qint64>(qint64(1), deadline.remainingTime(), qint64(200))));
        m_output += m_process->readAll();
    }
    connect(m_process, &QProcess::readyRead, this, [this] {
        // Keep only the tail of the log: it is shown only when the server stops.
        m_output += m_process->readAll();
        if (m_output.size() > 64 * 1024)
            m_output = m_output.right(32 * 1024);
    });
    connect(m_process, &QProcess::finished, this, [this] {
        if (!m_stopping)
            Q_EMIT exitedUnexpectedly(QString::fromLocal8Bit(m_output).trimmed());
    });
    return R::success();
}

void ServerHost::stop(int timeoutMs)
{
    if (!m_process)
        return;
    m_stopping = true;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // SIGTERM: the server flushes its docs and exits
        if (!m_process->waitForFinished(timeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    m_process->disconnect(this);
    delete m_process;
    m_process = nullptr;
}

bool ServerHost::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QString ServerHost::listenAddress() const
{
    return sync::HostPort{m_host, m_port}.toString();
}

QUrl ServerHost::publicUrl() const
{
    QString host = m_host;
    const QHostAddress address(m_host);
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::Any || address == QHostAddress::AnyIPv6) {
        host = QStringLiteral("127.0.0.1");
        for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback() && !a.isLinkLocal()) {
                host = a.toString();
                break;
            }
        }
    }
    QUrl url;
    url.setScheme(isEncrypted() ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(host);
    url.setPort(m_port);
    url.setPath(QStringLiteral("/"));
    return url;
}

QUrl ServerHost::localUrl() const
{
    const QHostAddress address(m_host);
    QUrl url;
    url.setScheme(isEncrypted() ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(address == QHostAddress::AnyIPv4 || address == QHostAddress::Any ? QStringLiteral("127.0.0.1")
                 : address == QHostAddress::AnyIPv6                              ? QStringLiteral("::1")
                                                                                 : m_host);
    url.setPort(m_port);
    url.setPath(QStringLiteral("/"));
    return url;
}

} // namespace coauthor::app
