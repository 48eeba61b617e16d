// The coauthor-server binary: admin subcommands, kill -9 while clients have unacked
// ops (restart on the same data and Redis: nothing lost, nothing twice), and SIGTERM
// flushing everything to the docstore before it exits.
#include "serverfixture.h"
#include "serverprocess.h"

#include "sync/docstore/docstore.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

class TestServerCrash : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    RedisServerProcess redis;
    QString dataDir;
    quint16 port = 0;

    QString runAdmin(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(COAUTHOR_SERVER_BINARY), args + QStringList{QStringLiteral("--data"), dataDir});
        p.waitForFinished(20000);
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    std::unique_ptr<QProcess> startServer()
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // The killed server's doc locks expire soon instead of in 30 s.
        if (!test::startServer(*p, QStringLiteral(COAUTHOR_SERVER_BINARY), port, dataDir,
                               {QStringLiteral("--redis"), redis.url(), QStringLiteral("--lock-ttl-ms"), QStringLiteral("1500")}))
            return nullptr;
        return p;
    }

    static void insertLine(TestClient *c, QRandomGenerator &rng, const QString &line)
    {
        // At the start of a random line, so that lines never split each other.
        QList<qsizetype> starts{0};
        const QString text = c->text();
        for (qsizetype i = 0; i < text.size(); ++i)
            if (text.at(i) == QLatin1Char('\n'))
                starts.append(i + 1);
        c->edit(TextOperation({Component::insert(starts.at(int(rng.bounded(quint32(starts.size())))), line + QLatin1Char('\n'))}));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir.isValid());
        auto r = redis.start(dir.filePath(QStringLiteral("redis")), true);
        QVERIFY2(r, r ? "" : qPrintable(r.error()));
        dataDir = dir.filePath(QStringLiteral("data"));
        port = freeLoopbackPort();
    }

    void cleanupTestCase()
    {
        redis.stop();
    }

    void killNineLosesNothing()
    {
        const CreatedProject created = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Crash test"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        const QString projectId = created.id;
        const QString token = created.token;
        const QString readOnly = runAdmin({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--project"), projectId, QStringLiteral("--read-only")});
        QVERIFY2(readOnly.contains(QLatin1String("token (read_only): ")), qPrintable(readOnly));

        auto server = startServer();
        QVERIFY(server);
        const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(port);
        TestClient creator(url, projectId, token, QStringLiteral("creator"));
        QVERIFY(!creator.connectAndHello().isEmpty());
        const QJsonObject createdDoc = creator.request({{QStringLiteral("type"), QStringLiteral("createDoc")}, {QStringLiteral("path"), QStringLiteral("main.tex")}});
        const QString doc = createdDoc.value(QLatin1String("entry")).toObject().value(QLatin1String("id")).toString();
        QVERIFY2(!doc.isEmpty(), QJsonDocument(createdDoc).toJson().constData());

        const quint32 seed = 5005;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        std::vector<std::unique_ptr<TestClient>> clients;
        QStringList lines;
        for (const char *name : {"A", "B", "C"}) {
            clients.push_back(std::make_unique<TestClient>(url, projectId, token, QString::fromLatin1(name)));
            QVERIFY(!clients.back()->connectAndHello().isEmpty());
            QVERIFY(clients.back()->joinDoc(doc));
        }
        int counter = 0;
        auto editRound = [&](int n) {
            for (int i = 0; i < n; ++i) {
                TestClient *c = clients.at(rng.bounded(quint32(clients.size()))).get();
                const QString line = QStringLiteral("[%1%2]").arg(c->clientId()).arg(counter++);
                lines.append(line);
                insertLine(c, rng, line);
                // A few ms of event loop between edits: ops go back and forth.
                QDeadlineTimer pause(int(rng.bounded(3)));
                while (!pause.hasExpired())
                    QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 1);
            }
        };
        editRound(60);
        // Kill while ops are in flight.
        editRound(9);
        int inFlight = 0;
        for (auto &c : clients)
            inFlight += !c->isIdle();
        qInfo("%d clients with unacked ops at kill -9", inFlight);
        server->kill();
        server->waitForFinished(5000);
        for (auto &c : clients)
            QVERIFY(c->waitFor([&] { return !c->isConnected(); }));
        editRound(15); // offline edits pile up as pending

        server = startServer();
        QVERIFY(server);
        for (auto &c : clients) {
            QVERIFY(c->connectAndHello().value(QLatin1String("type")).toString() == QLatin1String("welcome"));
            QVERIFY(c->joinDoc(doc, true));
        }
        editRound(30);
        const bool settled = clients.front()->waitFor([&] {
            for (auto &c : clients)
                if (!c->isIdle() || c->diverged() || c->version() != clients.front()->version())
                    return false;
            return true;
        }, 30000);
        for (auto &c : clients)
            qInfo().noquote() << c->clientId() << "version" << c->version() << "idle" << c->isIdle() << "acks" << c->acks()
                              << "duplicates" << c->duplicateAcks() << "retries" << c->retries() << c->errorText();
        QVERIFY(settled);

        const QString finalText = clients.front()->text();
        for (auto &c : clients)
            QCOMPARE(c->text(), finalText);
        for (const QString &line : std::as_const(lines))
            QVERIFY2(finalText.count(line + QLatin1Char('\n')) == 1, qPrintable(line));
        QCOMPARE(finalText.count(QLatin1Char('\n')), lines.size());

        // SIGTERM: flush to the docstore, exit 0.
        const qint64 version = clients.front()->version();
        server->terminate();
        QVERIFY(server->waitForFinished(20000));
        QCOMPARE(server->exitStatus(), QProcess::NormalExit);
        QCOMPARE(server->exitCode(), 0);
        auto store = Docstore::open(QString(), dataDir);
        QVERIFY(store);
        auto stored = store.value()->loadDoc(projectId, doc);
        QVERIFY(stored);
        QCOMPARE(stored.value().text, finalText);
        QCOMPARE(stored.value().version, version);
    }
};

QTEST_GUILESS_MAIN(TestServerCrash)
#include "tst_server_crash.moc"
