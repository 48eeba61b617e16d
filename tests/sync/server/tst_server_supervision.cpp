// The embedded redis-server under supervision, with real coauthor-server processes:
// a restart right after kill -9 of the server works (its dying Redis cannot remove
// the new one's socket), a Redis killed alone is restarted by the server, and a long
// data directory never makes the embedded Redis listen on a TCP port.
#include "serverprocess.h"
#include "testclient.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

namespace {

// The embedded redis-server is the server's child.
qint64 embeddedRedisPid(const QProcess &server)
{
    QProcess pgrep;
    pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-P"), QString::number(server.processId()), QStringLiteral("redis-server")});
    pgrep.waitForFinished(5000);
    return pgrep.readAllStandardOutput().trimmed().toLongLong();
}

// What the embedded Redis' log says it listens on: socket paths, "tcp" for a port.
QStringList listenersIn(const QString &dataDir)
{
    QFile log(QDir(dataDir).filePath(QStringLiteral("redis/redis.log")));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    QStringList listeners;
    static const QRegularExpression unixLine(QStringLiteral("ready to accept connections at (\\S+)"));
    for (const QString &line : QString::fromLocal8Bit(log.readAll()).split(QLatin1Char('\n'))) {
        const auto match = unixLine.match(line);
        if (match.hasMatch())
            listeners << match.captured(1);
        else if (line.contains(QLatin1String("accept connections"), Qt::CaseInsensitive)) // "… tcp", or nothing (7.0)
            listeners << QStringLiteral("tcp");
    }
    return listeners;
}

} // namespace

class TestServerSupervision : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QProcess> startServer(const QString &dataDir, quint16 port)
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        if (!test::startServer(*p, QStringLiteral(COAUTHOR_SERVER_BINARY), port, dataDir,
                               {QStringLiteral("--lock-ttl-ms"), QStringLiteral("1000")}))
            return nullptr;
        return p;
    }

    // Types line at the end of the doc and waits for its ack.
    static bool typeAndAck(TestClient &c, const QString &line, int timeoutMs = 15000)
    {
        c.edit(TextOperation({Component::insert(c.text().size(), line)}));
        return c.waitFor([&] { return c.isIdle(); }, timeoutMs);
    }

private Q_SLOTS:
    void restartRightAfterKillNineServesEveryTrial()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dataDir = dir.filePath(QStringLiteral("data"));
        const CreatedProject created = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Restart"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        const quint16 port = freeLoopbackPort();
        const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(port);

        auto server = startServer(dataDir, port);
        QVERIFY(server);
        TestClient client(url, created.id, created.token, QStringLiteral("writer"));
        QVERIFY(!client.connectAndHello().isEmpty());
        const QString doc = client.createDoc(QStringLiteral("main.tex"));
        QVERIFY(!doc.isEmpty());
        QVERIFY(client.joinDoc(doc));
        QStringList typed;
        const int trials = 5;
        for (int trial = 0; trial < trials; ++trial) {
            const QString line = QStringLiteral("[before kill %1]").arg(trial);
            QVERIFY2(typeAndAck(client, line), qPrintable(line));
            typed << line;
            // kill -9 and start the next one at once: the old Redis is still shutting down.
            server->kill();
            server->waitForFinished(5000);
            server = startServer(dataDir, port);
            QVERIFY2(server, qPrintable(QStringLiteral("trial %1: the server did not start").arg(trial)));
            QVERIFY(client.waitFor([&] { return !client.isConnected(); }));
            QCOMPARE(client.connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
            QVERIFY2(client.joinDoc(doc, true), qPrintable(QStringLiteral("trial %1: rejoin failed").arg(trial)));
            const QString after = QStringLiteral("[after restart %1]").arg(trial);
            QVERIFY2(typeAndAck(client, after), qPrintable(QStringLiteral("trial %1: no ack after the restart (retries %2)").arg(trial).arg(client.retries())));
            typed << after;
        }
        TestClient observer(url, created.id, created.token, QStringLiteral("observer"));
        QVERIFY(!observer.connectAndHello().isEmpty());
        QVERIFY(observer.joinDoc(doc));
        QCOMPARE(observer.text(), typed.join(QString()));
        server->terminate();
        QVERIFY(server->waitForFinished(20000));
    }

    void aKilledEmbeddedRedisIsRestartedByTheServer()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dataDir = dir.filePath(QStringLiteral("data"));
        const CreatedProject created = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Redis dies"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        const quint16 port = freeLoopbackPort();
        auto server = startServer(dataDir, port);
        QVERIFY(server);
        TestClient client(QStringLiteral("ws://127.0.0.1:%1/").arg(port), created.id, created.token, QStringLiteral("writer"));
        QVERIFY(!client.connectAndHello().isEmpty());
        const QString doc = client.createDoc(QStringLiteral("main.tex"));
        QVERIFY(client.joinDoc(doc));
        QVERIFY(typeAndAck(client, QStringLiteral("one ")));

        for (int round = 0; round < 2; ++round) {
            const qint64 redisPid = embeddedRedisPid(*server);
            QVERIFY(redisPid > 0);
            QCOMPARE(::kill(pid_t(redisPid), SIGKILL), 0);
            // Typed while Redis is down: storage_unavailable, resent until it is back.
            const QString line = QStringLiteral("typed while Redis was dead %1 ").arg(round);
            QVERIFY2(typeAndAck(client, line), qPrintable(QStringLiteral("round %1: never acked (retries %2)").arg(round).arg(client.retries())));
            QVERIFY(server->state() == QProcess::Running);
            const qint64 newPid = embeddedRedisPid(*server);
            QVERIFY(newPid > 0 && newPid != redisPid);
            QVERIFY(QFile::exists(QStringLiteral("/proc/%1").arg(newPid)));
        }
        QVERIFY(client.text().startsWith(QStringLiteral("one typed while Redis was dead 0 ")));
        server->terminate();
        QVERIFY(server->waitForFinished(20000));
        QCOMPARE(server->exitCode(), 0);
    }

    void aLongDataDirectoryNeverOpensATcpPort()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Far too long for a socket address (108 bytes) in the data directory.
        const QString dataDir = dir.filePath(QStringLiteral("a-data-directory-whose-path-is-longer-than-any-unix-socket-address-may-be/data"));
        QVERIFY(QFile::encodeName(dataDir).size() > 110);
        const CreatedProject created = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Long"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        const quint16 port = freeLoopbackPort();
        auto server = startServer(dataDir, port);
        QVERIFY(server);
        TestClient client(QStringLiteral("ws://127.0.0.1:%1/").arg(port), created.id, created.token, QStringLiteral("writer"));
        QVERIFY(!client.connectAndHello().isEmpty());
        const QString doc = client.createDoc(QStringLiteral("main.tex"));
        QVERIFY(client.joinDoc(doc));
        QVERIFY(typeAndAck(client, QStringLiteral("stored")));

        const QStringList listeners = listenersIn(dataDir);
        QVERIFY2(!listeners.contains(QStringLiteral("tcp")), qPrintable(listeners.join(u' ')));
        QCOMPARE(listeners.size(), 1);
        const QString socket = listeners.front();
        QVERIFY2(QFile::encodeName(socket).size() < 100, qPrintable(socket));
        QVERIFY(QFile::exists(socket));
        // Only its owner can enter the socket's directory.
        const QFileInfo socketDir(QFileInfo(socket).path());
        QCOMPARE(socketDir.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther),
                 QFile::Permissions());
        QProcess cli;
        cli.start(QStringLiteral("redis-cli"), {QStringLiteral("-s"), socket, QStringLiteral("CONFIG"), QStringLiteral("GET"), QStringLiteral("port")});
        QVERIFY(cli.waitForFinished(10000));
        QCOMPARE(cli.readAllStandardOutput().split('\n').value(1).trimmed(), QByteArray("0"));
        server->terminate();
        QVERIFY(server->waitForFinished(20000));
    }
};

QTEST_GUILESS_MAIN(TestServerSupervision)
#include "tst_server_supervision.moc"
