// The coauthor-server executable: the real-time + document-updater server, and the
// admin subcommands that create projects and tokens in its docstore.
#include "app/common/stopsignals.h"
#include "app/server/historycommands.h"

#include "sync/docstore/docstore.h"
#include "sync/protocol/hostport.h"
#include "sync/server/coauthorserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QTextStream>

using namespace coauthor::sync;

Q_LOGGING_CATEGORY(lcMain, "coauthor.server.main")

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const std::optional<HostPort> parsed = HostPort::parse(text);
    if (!parsed || !address->setAddress(parsed->host))
        return false;
    *port = parsed->port;
    return true;
}

int fail(const QString &message)
{
    err() << "coauthor-server: " << message << Qt::endl;
    return 1;
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

// coauthor-server invite create --project ID --name NAME [--read-only]
//                 invite list --project ID
//                 invite revoke --project ID (--name NAME | --id ID)
int runInvite(Docstore &store, const QString &verb, const QCommandLineParser &parser, const QString &url)
{
    const QString projectId = parser.value(QStringLiteral("project"));
    const QString name = parser.value(QStringLiteral("name")).trimmed();
    const QString id = parser.value(QStringLiteral("id"));
    if (verb == QLatin1String("create")) {
        if (projectId.isEmpty() || name.isEmpty())
            return fail(QStringLiteral("usage: coauthor-server invite create --project ID --name NAME [--read-only] --data DIR"));
        const Role role = parser.isSet(QStringLiteral("read-only")) ? Role::ReadOnly : Role::ReadWrite;
        auto issued = store.createInvitation(projectId, name, role);
        if (!issued)
            return fail(issued.error().message);
        out() << "url:     " << url << "\n"
              << "project id: " << projectId << "\n"
              << "invitation: " << issued.value().invitation.id << " " << name << " (" << roleName(role) << ")\n"
              << "token: " << issued.value().token << Qt::endl;
        return 0;
    }
    if (verb == QLatin1String("list")) {
        if (projectId.isEmpty())
            return fail(QStringLiteral("usage: coauthor-server invite list --project ID --data DIR"));
        auto all = store.invitations(projectId);
        if (!all)
            return fail(all.error().message);
        // One line each: id, role, created, state, name (last: it may hold spaces).
        for (const Invitation &i : all.value())
            out() << i.id << "  " << roleName(i.role) << "  " << timeText(i.createdAt) << "  "
                  << (i.isRevoked() ? QStringLiteral("revoked ") + timeText(i.revokedAt) : QStringLiteral("active")) << "  "
                  << (i.name.isEmpty() ? QStringLiteral("(unnamed token)") : i.name) << "\n";
        out().flush();
        return 0;
    }
    if (verb == QLatin1String("revoke")) {
        if (projectId.isEmpty() || name.isEmpty() == id.isEmpty())
            return fail(QStringLiteral("usage: coauthor-server invite revoke --project ID (--name NAME | --id ID) --data DIR"));
        auto revoked = store.revokeInvitation(projectId, id, name);
        if (!revoked)
            return fail(revoked.error().message);
        // A running server closes the person's connections within a second (it asks the docstore).
        out() << "revoked: " << revoked.value().id << " " << revoked.value().name << Qt::endl;
        return 0;
    }
    return fail(QStringLiteral("usage: coauthor-server invite create|list|revoke --project ID ... --data DIR"));
}

// coauthor-server project create NAME / project list / token create --project ID [--read-only]
int runAdmin(const QStringList &positional, const QCommandLineParser &parser)
{
    const QString dataDir = parser.value(QStringLiteral("data"));
    if (dataDir.isEmpty() && parser.value(QStringLiteral("docstore")).isEmpty())
        return fail(QStringLiteral("give the server's data directory with --data DIR"));
    if (!dataDir.isEmpty())
        QDir().mkpath(dataDir);
    auto opened = Docstore::open(parser.value(QStringLiteral("docstore")), dataDir);
    if (!opened)
        return fail(QStringLiteral("cannot open the docstore: %1").arg(opened.error().message));
    Docstore &store = *opened.value();
    const QString url = QStringLiteral("ws://%1/").arg(parser.value(QStringLiteral("listen")));

    const QString noun = positional.value(0);
    const QString verb = positional.value(1);
    if (noun == QLatin1String("project") && verb == QLatin1String("create")) {
        const QString name = positional.mid(2).join(QLatin1Char(' '));
        if (name.isEmpty())
            return fail(QStringLiteral("usage: coauthor-server project create NAME --data DIR"));
        auto project = store.createProject(name);
        if (!project)
            return fail(project.error().message);
        auto token = store.createToken(project.value().id, Role::ReadWrite);
        if (!token)
            return fail(token.error().message);
        out() << "project: " << project.value().name << "\n"
              << "url:     " << url << "\n"
              << "project id: " << project.value().id << "\n"
              << "token (read-write): " << token.value() << Qt::endl;
        return 0;
    }
    if (noun == QLatin1String("project") && verb == QLatin1String("list")) {
        auto projects = store.projects();
        if (!projects)
            return fail(projects.error().message);
        for (const ProjectInfo &p : projects.value())
            out() << p.id << "  " << p.name << "\n";
        out().flush();
        return 0;
    }
    if (noun == QLatin1String("token") && verb == QLatin1String("create")) {
        const QString projectId = parser.value(QStringLiteral("project"));
        if (projectId.isEmpty())
            return fail(QStringLiteral("usage: coauthor-server token create --project ID [--read-only] --data DIR"));
        auto project = store.project(projectId);
        if (!project)
            return fail(project.error().message);
        const Role role = parser.isSet(QStringLiteral("read-only")) ? Role::ReadOnly : Role::ReadWrite;
        auto token = store.createToken(projectId, role);
        if (!token)
            return fail(token.error().message);
        out() << "url:     " << url << "\n"
              << "project id: " << projectId << "\n"
              << "token (" << roleName(role) << "): " << token.value() << Qt::endl;
        return 0;
    }
    if (noun == QLatin1String("invite"))
        return runInvite(store, verb, parser, url);
    if (noun == QLatin1String("history") || noun == QLatin1String("export")) {
        const QString projectId = parser.value(QStringLiteral("project"));
        if (projectId.isEmpty())
            return fail(QStringLiteral("usage: coauthor-server history --project ID [--doc PATH] [--json] --data DIR\n"
                                       "       coauthor-server export --project ID [--version N] OUT.zip --data DIR"));
        if (noun == QLatin1String("history"))
            return coauthor::server::printHistory(store, projectId, parser.value(QStringLiteral("doc")),
                                                  parser.isSet(QStringLiteral("json")), out(), err());
        bool ok = true;
        const qint64 version = parser.isSet(QStringLiteral("version")) ? parser.value(QStringLiteral("version")).toLongLong(&ok) : -1;
        if (!ok || version < -1 || positional.size() != 2)
            return fail(QStringLiteral("usage: coauthor-server export --project ID [--version N] OUT.zip --data DIR"));
        return coauthor::server::exportProject(store, projectId, version, positional.at(1), out(), err());
    }
    return fail(QStringLiteral("unknown command \"%1\"; see --help").arg(positional.join(QLatin1Char(' '))));
}

} // namespace

int main(int argc, char *argv[])
{
    // No GUI here: Qt's plain UNIX event dispatcher wakes up for less than glib's,
    // which shows in the server's CPU per op.
    if (qEnvironmentVariableIsEmpty("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("coauthor-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COAUTHOR_VERSION));
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info%{endif}%{if-warning}warning%{endif}%{if-critical}critical%{endif}%{if-fatal}fatal%{endif} %{category}: %{message}"));

    // --version N is export's version; alone it is the program's, as QCommandLineParser's would be.
    if (const QStringList args = app.arguments(); args.size() == 2 && (args.at(1) == QLatin1String("--version") || args.at(1) == QLatin1String("-v"))) {
        out() << QCoreApplication::applicationName() << " " << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Coauthor's collaboration server.\n\n"
        "  coauthor-server [--listen 127.0.0.1:7420] --data DIR [--redis URL] [--docstore URL]\n"
        "                  [--tls-cert FILE --tls-key FILE]   (wss:// instead of ws://)\n"
        "                  [--metrics-from CIDR]...   (who besides loopback may read /metrics)\n"
        "  coauthor-server project create NAME --data DIR\n"
        "  coauthor-server project list --data DIR\n"
        "  coauthor-server token create --project ID [--read-only] --data DIR   (an unnamed token)\n"
        "  coauthor-server invite create --project ID --name NAME [--read-only] --data DIR\n"
        "  coauthor-server invite list --project ID --data DIR\n"
        "  coauthor-server invite revoke --project ID (--name NAME | --id ID) --data DIR\n"
        "  coauthor-server history --project ID [--doc PATH] [--json] --data DIR\n"
        "  coauthor-server export --project ID [--version N] OUT.zip --data DIR"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("listen"), QStringLiteral("Address and port to listen on."), QStringLiteral("host:port"), QStringLiteral("127.0.0.1:7420")});
    parser.addOption({QStringLiteral("data"), QStringLiteral("Data directory (SQLite docstore, embedded Redis)."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("redis"), QStringLiteral("Use this Redis instead of starting a private one."), QStringLiteral("redis://host:port")});
    parser.addOption({QStringLiteral("docstore"), QStringLiteral("Docstore URL (default: SQLite in the data directory)."), QStringLiteral("postgresql://...")});
    parser.addOption({QStringLiteral("tls-cert"), QStringLiteral("Serve wss:// with this PEM certificate (the chain, leaf first)."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("tls-key"), QStringLiteral("The certificate's PEM private key (unencrypted)."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("lock-ttl-ms"), QStringLiteral("How long a doc lock lasts when its server dies (default 30000)."), QStringLiteral("ms")});
    parser.addOption({QStringLiteral("embedded-redis-fsync"), QStringLiteral("appendfsync of the embedded Redis: always (default: an ack survives a power loss) or everysec."), QStringLiteral("policy"), QStringLiteral("always")});
    parser.addOption({QStringLiteral("metrics-from"), QStringLiteral("Let this subnet read /metrics too (default: loopback only; repeatable; 0.0.0.0/0 and ::/0 for anyone)."), QStringLiteral("cidr")});
    parser.addOption({QStringLiteral("project"), QStringLiteral("Project id (token create, invite)."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("read-only"), QStringLiteral("Create a read-only token or invitation.")});
    parser.addOption({QStringLiteral("name"), QStringLiteral("The invited person's name, as others see it (invite create, revoke)."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("id"), QStringLiteral("Invitation id (invite revoke)."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("doc"), QStringLiteral("Only the changes of this file (history)."), QStringLiteral("path")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("History as JSON, in the protocol's format (history).")});
    parser.addOption({QStringLiteral("version"), QStringLiteral("The project version to export (default: the latest); alone: print the program's version."), QStringLiteral("n")});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("Optional: project create NAME | project list | token create | invite create|list|revoke | history | export OUT.zip"));
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty())
        return runAdmin(positional, parser);

    ServerConfig config;
    if (!parseListen(parser.value(QStringLiteral("listen")), &config.listenAddress, &config.port))
        return fail(QStringLiteral("--listen wants host:port, e.g. 127.0.0.1:7420"));
    config.dataDir = parser.value(QStringLiteral("data"));
    if (config.dataDir.isEmpty())
        return fail(QStringLiteral("give a data directory with --data DIR"));
    config.dataDir = QDir(config.dataDir).absolutePath();
    config.redisUrl = parser.value(QStringLiteral("redis"));
    config.tlsCertificateFile = parser.value(QStringLiteral("tls-cert"));
    config.tlsKeyFile = parser.value(QStringLiteral("tls-key"));
    config.docstoreUrl = parser.value(QStringLiteral("docstore"));
    config.embeddedRedisFsync = parser.value(QStringLiteral("embedded-redis-fsync"));
    if (config.embeddedRedisFsync != QLatin1String("always") && config.embeddedRedisFsync != QLatin1String("everysec"))
        return fail(QStringLiteral("--embedded-redis-fsync wants always or everysec"));
    for (const QString &cidr : parser.values(QStringLiteral("metrics-from"))) {
        if (QHostAddress::parseSubnet(cidr).first.isNull())
            return fail(QStringLiteral("--metrics-from wants a subnet like 10.0.0.0/8, 192.168.1.5/32 or fd00::/8, not \"%1\"").arg(cidr));
        config.realtime.metricsFrom.append(cidr);
    }
    if (parser.isSet(QStringLiteral("lock-ttl-ms"))) {
        bool ok = false;
        const int ttl = parser.value(QStringLiteral("lock-ttl-ms")).toInt(&ok);
        if (!ok || ttl < 100)
            return fail(QStringLiteral("--lock-ttl-ms wants a number of milliseconds >= 100"));
        config.updater.lockTtlMs = ttl;
    }

    coauthor::app::StopSignals stopSignals;
    if (!stopSignals.isInstalled())
        return fail(QStringLiteral("cannot install signal handlers"));

    CoauthorServer server;
    QObject::connect(
        &stopSignals, &coauthor::app::StopSignals::requested, &app,
        [&] {
            qCInfo(lcMain) << "SIGTERM/SIGINT: flushing and stopping";
            server.stop();
            app.quit();
        },
        Qt::SingleShotConnection);

    auto started = server.start(config);
    if (!started)
        return fail(started.error());
    out() << "coauthor-server " << COAUTHOR_VERSION << " listening on " << server.url() << Qt::endl;
    if (!config.tlsCertificateFile.isEmpty()) {
        // What clients pin when the certificate is self-signed (docs/security.md, "Encryption").
        const QSslCertificate leaf = QSslCertificate::fromPath(config.tlsCertificateFile).value(0);
        out() << "certificate SHA-256: " << leaf.digest(QCryptographicHash::Sha256).toHex(':').toUpper() << Qt::endl;
    }
    const int code = app.exec();
    server.stop();
    return code;
}
