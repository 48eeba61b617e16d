// Redis losing its last writes (the tail of its AOF cut, as a power loss with
// appendfsync everysec leaves it) under a real coauthor-server and a real SyncClient:
// the server restores from the docstore what it holds, a new epoch keeps it from
// passing lost version numbers off as the same ops, and the client that saw the lost
// versions re-offers them instead of diverging silently.
#include "../client/syncclienttestutil.h"
#include "serverprocess.h"
#include "testclient.h"

#include "sync/docstore/docstore.h"
#include "sync/redis/redisserverprocess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

namespace {

// Redis 7 appends to the newest incr file of its multi-part AOF.
QString incrementalAof(const QString &redisDir)
{
    QDir dir(QDir(redisDir).filePath(QStringLiteral("appendonlydir")));
    const QStringList files = dir.entryList({QStringLiteral("*.incr.aof")}, QDir::Files, QDir::Name);
    return files.isEmpty() ? QString() : dir.filePath(files.last());
}

} // namespace

class TestServerDurability : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    RedisServerProcess redis;
    QString dataDir;
    quint16 port = 0;

    std::unique_ptr<QProcess> startServer()
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        if (!test::startServer(*p, QStringLiteral(COAUTHOR_SERVER_BINARY), port, dataDir,
                               {QStringLiteral("--redis"), redis.url(), QStringLiteral("--lock-ttl-ms"), QStringLiteral("1000")}))
            return nullptr;
        return p;
    }

    static bool typeAtEnd(SyncClient &c, const QString &doc, const QString &line)
    {
        if (!c.applyLocalEdit(doc, TextOperation({Component::insert(c.document(doc)->text().size(), line)})).ok())
            return false;
        return QTest::qWaitFor([&] { return c.isSynchronized(); }, 15000);
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

    void cleanupTestCase() { redis.stop(); }

    void aCutAofTailIsRestoredFromTheDocstoreAndTheClientThatSawItReoffersIt()
    {
        const CreatedProject created = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Durability"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        auto server = startServer();
        QVERIFY(server);
        const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(port);
        QString doc;
        {
            TestClient creator(url, created.id, created.token, QStringLiteral("creator"));
            QVERIFY(!creator.connectAndHello().isEmpty());
            doc = creator.createDoc(QStringLiteral("main.tex"), QStringLiteral("base\n"));
            QVERIFY(!doc.isEmpty());
        }
        auto alice = openTestClient(QUrl(url), created.id, created.token, dir.filePath(QStringLiteral("alice")), QStringLiteral("Alice"), false);
        QVERIFY(alice);
        QVERIFY(QTest::qWaitFor([&] { return alice->document(doc) && alice->isSynchronized(); }, 15000));

        QVERIFY(typeAtEnd(*alice, doc, QStringLiteral("one\n"))); // version 1: survives in Redis
        const QString aof = incrementalAof(redis.dir());
        QVERIFY2(!aof.isEmpty(), qPrintable(redis.dir()));
        const qint64 keptAofBytes = QFileInfo(aof).size();
        QVERIFY(typeAtEnd(*alice, doc, QStringLiteral("two\n"))); // version 2: only the docstore keeps it

        // SIGTERM flushes version 2 to the docstore; Alice reconnects to the next server.
        server->terminate();
        QVERIFY(server->waitForFinished(20000));
        server = startServer();
        QVERIFY(server);
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == SyncClient::State::Online && alice->isSynchronized(); }, 15000));
        QVERIFY(typeAtEnd(*alice, doc, QStringLiteral("three\n"))); // version 3: only Alice keeps it
        QCOMPARE(alice->document(doc)->version(), 3);

        // Power loss: the server dies, Redis loses everything after version 1.
        alice->setWorkOffline(true);
        server->kill();
        server->waitForFinished(5000);
        redis.stop();
        QVERIFY(QFile::resize(aof, keptAofBytes));
        auto restarted = redis.restart();
        QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error()));
        server = startServer();
        QVERIFY(server);

        // The docstore's version 2 is back; someone else writes the next version.
        TestClient carol(url, created.id, created.token, QStringLiteral("carol"));
        QVERIFY(!carol.connectAndHello().isEmpty());
        QVERIFY(carol.joinDoc(doc));
        QCOMPARE(carol.text(), QStringLiteral("base\none\ntwo\n"));
        QCOMPARE(carol.version(), 2);
        carol.edit(TextOperation({Component::insert(0, QStringLiteral("[carol]\n"))}));
        QVERIFY(carol.waitFor([&] { return carol.isIdle(); }));
        QCOMPARE(carol.version(), 3); // a version Alice had seen, now another op's: a new epoch

        // Alice comes back with her version 3 of the old epoch: she re-offers "three".
        alice->setWorkOffline(false);
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == SyncClient::State::Online && alice->isSynchronized(); }, 15000));
        QVERIFY(carol.waitFor([&] { return carol.version() == alice->document(doc)->version(); }));
        const QString expected = QStringLiteral("[carol]\nbase\none\ntwo\nthree\n");
        QCOMPARE(alice->document(doc)->text(), expected);
        QCOMPARE(carol.text(), expected);
        TestClient observer(url, created.id, created.token, QStringLiteral("observer"));
        QVERIFY(!observer.connectAndHello().isEmpty());
        QVERIFY(observer.joinDoc(doc));
        QCOMPARE(observer.text(), expected);
        QCOMPARE(observer.version(), alice->document(doc)->version());
        alice->close();

        // The docstore's history replays to the text, without a hole.
        server->terminate();
        QVERIFY(server->waitForFinished(20000));
        auto store = Docstore::open(QString(), dataDir);
        QVERIFY(store);
        auto stored = store.value()->loadDoc(created.id, doc);
        QVERIFY(stored);
        QCOMPARE(stored.value().text, expected);
        auto history = store.value()->opsSince(created.id, doc, 0);
        QVERIFY(history);
        QString replayed = QStringLiteral("base\n");
        qint64 expectedVersion = 1;
        for (const StoredOp &op : history.value()) {
            QCOMPARE(op.version, expectedVersion++);
            auto applied = ot::apply(replayed, op.op);
            QVERIFY(applied);
            replayed = applied.takeValue();
        }
        QCOMPARE(replayed, expected);
    }

    // Nothing in the docstore to compare with: the Redis restart alone begins a new
    // epoch at what Redis still has, so Alice's lost version 2 is recognised as lost,
    // after her app restarted too (the epoch is in her journal). Her "two" was in
    // flight then: unacked, so the re-offer needs no history.
    void aCutAofTailTheDocstoreNeverHadIsReofferedByTheClientThatSawIt()
    {
        const CreatedProject created = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Unflushed"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        auto server = startServer();
        QVERIFY(server);
        const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(port);
        QString doc;
        {
            TestClient creator(url, created.id, created.token, QStringLiteral("creator"));
            QVERIFY(!creator.connectAndHello().isEmpty());
            doc = creator.createDoc(QStringLiteral("main.tex"), QStringLiteral("base\n"));
            QVERIFY(!doc.isEmpty());
        }
        auto alice = openTestClient(QUrl(url), created.id, created.token, dir.filePath(QStringLiteral("alice2")), QStringLiteral("Alice"), false);
        QVERIFY(alice);
        QVERIFY(QTest::qWaitFor([&] { return alice->document(doc) && alice->isSynchronized(); }, 15000));
        QVERIFY(typeAtEnd(*alice, doc, QStringLiteral("one\n")));
        const QString aof = incrementalAof(redis.dir());
        const qint64 keptAofBytes = QFileInfo(aof).size();
        QVERIFY(typeAtEnd(*alice, doc, QStringLiteral("two\n"))); // only Alice will keep it
        QVERIFY(typeAtEnd(*alice, doc, QStringLiteral("three\n")));

        // Her app quits; the server dies; Redis loses everything after "one".
        alice->close();
        alice.reset();
        server->kill();
        server->waitForFinished(5000);
        redis.stop();
        QVERIFY(QFile::resize(aof, keptAofBytes));
        auto restarted = redis.restart();
        QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error()));
        server = startServer();
        QVERIFY(server);

        TestClient carol(url, created.id, created.token, QStringLiteral("carol"));
        QVERIFY(!carol.connectAndHello().isEmpty());
        QVERIFY(carol.joinDoc(doc));
        QCOMPARE(carol.text(), QStringLiteral("base\none\n"));
        carol.edit(TextOperation({Component::insert(0, QStringLiteral("[carol]\n"))}));
        QVERIFY(carol.waitFor([&] { return carol.isIdle(); }));
        QCOMPARE(carol.version(), 2); // the number of Alice's lost "two", for another op

        alice = openTestClient(QUrl(url), created.id, created.token, dir.filePath(QStringLiteral("alice2")), QStringLiteral("Alice"), false);
        QVERIFY(alice);
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == SyncClient::State::Online && alice->isSynchronized(); }, 15000));
        const QString expected = QStringLiteral("[carol]\nbase\none\ntwo\nthree\n");
        QCOMPARE(alice->document(doc)->text(), expected);
        QVERIFY(carol.waitFor([&] { return carol.version() == alice->document(doc)->version(); }));
        QCOMPARE(carol.text(), expected);
        alice->close();
        server->terminate();
        QVERIFY(server->waitForFinished(20000));
    }

    // Three replicas saw the versions Redis lost (each typed one of them). The first
    // to come back restores them verbatim (restoreLost); the others then share them
    // as history. Were each to re-offer what it saw, every line would be there three
    // times.
    void versionsSeveralReplicasSawAreRestoredOnceNotOncePerReplica()
    {
        const CreatedProject created = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Shared loss"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        auto server = startServer();
        QVERIFY(server);
        const QUrl url(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
        std::vector<std::unique_ptr<SyncClient>> clients;
        for (const QString &name : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("dave")}) {
            clients.push_back(openTestClient(url, created.id, created.token, dir.filePath(QStringLiteral("shared-") + name), name, false));
            QVERIFY(clients.back());
        }
        QVERIFY(QTest::qWaitFor([&] { return clients.front()->state() == SyncClient::State::Online; }, 15000));
        clients.front()->createDoc(QStringLiteral("main.tex"), QStringLiteral("base\n"));
        QString doc;
        QVERIFY(QTest::qWaitFor([&] { return !(doc = clients.front()->docIdForPath(QStringLiteral("main.tex"))).isEmpty(); }, 15000));
        auto allAt = [&](qint64 version) {
            return std::all_of(clients.cbegin(), clients.cend(), [&](const auto &c) {
                return c->document(doc) && c->isSynchronized() && c->document(doc)->version() == version;
            });
        };
        QVERIFY(QTest::qWaitFor([&] { return allAt(0); }, 15000));
        QVERIFY(typeAtEnd(*clients.at(0), doc, QStringLiteral("one\n")));
        QVERIFY(QTest::qWaitFor([&] { return allAt(1); }, 15000));
        const QString aof = incrementalAof(redis.dir());
        const qint64 keptAofBytes = QFileInfo(aof).size();
        QVERIFY(typeAtEnd(*clients.at(1), doc, QStringLiteral("two\n")));
        QVERIFY(QTest::qWaitFor([&] { return allAt(2); }, 15000));
        QVERIFY(typeAtEnd(*clients.at(2), doc, QStringLiteral("three\n")));
        QVERIFY(QTest::qWaitFor([&] { return allAt(3); }, 15000));

        // A power loss: the server and Redis die, Redis loses "two" and "three"; the
        // apps stay open and reconnect by themselves.
        const QString lostEpoch = clients.front()->document(doc)->epoch();
        server->kill();
        server->waitForFinished(5000);
        redis.kill();
        QVERIFY(QFile::resize(aof, keptAofBytes));
        auto restarted = redis.restart();
        QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error()));
        server = startServer();
        QVERIFY(server);

        const QString expected = QStringLiteral("base\none\ntwo\nthree\n");
        auto recovered = [&] {
            return allAt(3) && std::none_of(clients.cbegin(), clients.cend(), [&](const auto &c) {
                       return c->document(doc)->epoch() == lostEpoch;
                   });
        };
        QVERIFY2(QTest::qWaitFor(recovered, 20000), qPrintable(clients.front()->document(doc)->text()));
        for (const auto &c : clients)
            QCOMPARE(c->document(doc)->text(), expected);
        TestClient observer(url.toString(), created.id, created.token, QStringLiteral("observer"));
        QVERIFY(!observer.connectAndHello().isEmpty());
        QVERIFY(observer.joinDoc(doc));
        QCOMPARE(observer.text(), expected);
        QCOMPARE(observer.version(), 3); // the lost versions came back under their own numbers
        clients.clear();
        server->terminate();
        QVERIFY(server->waitForFinished(20000));
    }

    // Redis restarts and loses nothing; the server stays up, so the apps, connected
    // all along, learn no new epoch while they type on. When they rejoin later from
    // the old epoch, the versions after the new epoch's base look lost: the restore
    // finds them the same ops and nothing is offered again.
    void versionsARedisRestartKeptAreNotOfferedAgain()
    {
        const CreatedProject created = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Kept"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        auto server = startServer();
        QVERIFY(server);
        const QUrl url(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
        std::vector<std::unique_ptr<SyncClient>> clients;
        for (const QString &name : {QStringLiteral("alice"), QStringLiteral("bob")}) {
            clients.push_back(openTestClient(url, created.id, created.token, dir.filePath(QStringLiteral("kept-") + name), name, false));
            QVERIFY(clients.back());
        }
        QVERIFY(QTest::qWaitFor([&] { return clients.front()->state() == SyncClient::State::Online; }, 15000));
        clients.front()->createDoc(QStringLiteral("main.tex"), QStringLiteral("base\n"));
        QString doc;
        QVERIFY(QTest::qWaitFor([&] { return !(doc = clients.front()->docIdForPath(QStringLiteral("main.tex"))).isEmpty(); }, 15000));
        auto allAt = [&](qint64 version) {
            return std::all_of(clients.cbegin(), clients.cend(), [&](const auto &c) {
                return c->document(doc) && c->isSynchronized() && c->document(doc)->version() == version;
            });
        };
        QVERIFY(QTest::qWaitFor([&] { return allAt(0); }, 15000));
        QVERIFY(typeAtEnd(*clients.at(0), doc, QStringLiteral("one\n")));
        QVERIFY(QTest::qWaitFor([&] { return allAt(1); }, 15000));
        const QString oldEpoch = clients.front()->document(doc)->epoch();

        redis.kill(); // appendfsync always: nothing acked is lost
        auto restarted = redis.restart();
        QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error()));
        QVERIFY(typeAtEnd(*clients.at(1), doc, QStringLiteral("two\n")));
        QVERIFY(typeAtEnd(*clients.at(0), doc, QStringLiteral("three\n")));
        QVERIFY(QTest::qWaitFor([&] { return allAt(3); }, 15000));
        QCOMPARE(clients.front()->document(doc)->epoch(), oldEpoch); // nobody told them

        server->kill();
        server->waitForFinished(5000);
        server = startServer();
        QVERIFY(server);
        const QString expected = QStringLiteral("base\none\ntwo\nthree\n");
        auto rejoined = [&] {
            return allAt(3) && std::none_of(clients.cbegin(), clients.cend(), [&](const auto &c) {
                       return c->document(doc)->epoch() == oldEpoch;
                   });
        };
        QVERIFY2(QTest::qWaitFor(rejoined, 20000), qPrintable(clients.front()->document(doc)->text()));
        for (const auto &c : clients)
            QCOMPARE(c->document(doc)->text(), expected);
        TestClient observer(url.toString(), created.id, created.token, QStringLiteral("observer"));
        QVERIFY(!observer.connectAndHello().isEmpty());
        QVERIFY(observer.joinDoc(doc));
        QCOMPARE(observer.text(), expected);
        clients.clear();
        server->terminate();
        QVERIFY(server->waitForFinished(20000));
    }

    // Redis holds the doc in a state it cannot be read from (its recent ops gone, the
    // text older than the version). Before, every join failed with "Redis lacks the
    // ops after version N", for good. Now the server reloads the docstore's copy in a
    // new epoch and the replica that had the versions gives them back.
    void aDocRedisCannotRebuildIsReloadedAndItsReplicaRestoresIt()
    {
        const CreatedProject created = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Broken"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        auto server = startServer();
        QVERIFY(server);
        const QUrl url(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
        auto alice = openTestClient(url, created.id, created.token, dir.filePath(QStringLiteral("broken-alice")), QStringLiteral("Alice"), false);
        QVERIFY(alice);
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == SyncClient::State::Online; }, 15000));
        alice->createDoc(QStringLiteral("main.tex"), QStringLiteral("base\n"));
        QString doc;
        QVERIFY(QTest::qWaitFor([&] { return !(doc = alice->docIdForPath(QStringLiteral("main.tex"))).isEmpty(); }, 15000));
        QVERIFY(QTest::qWaitFor([&] { return alice->document(doc) && alice->isSynchronized(); }, 15000));
        for (const QString &line : {QStringLiteral("one\n"), QStringLiteral("two\n"), QStringLiteral("three\n")})
            QVERIFY(typeAtEnd(*alice, doc, line));

        server->kill();
        server->waitForFinished(5000);
        const QString tag = QStringLiteral("{doc:%1:%2}").arg(created.id, doc);
        const QUrl redisUrl(redis.url());
        auto redisCli = [&](const QStringList &command) {
            const QStringList where = redisUrl.scheme() == QLatin1String("unix")
                ? QStringList{QStringLiteral("-s"), redisUrl.path()}
                : QStringList{QStringLiteral("-p"), QString::number(redisUrl.port())};
            return QProcess::execute(QStringLiteral("redis-cli"), where + command);
        };
        QCOMPARE(redisCli({QStringLiteral("DEL"), tag + QStringLiteral(":ops")}), 0);
        QCOMPARE(redisCli({QStringLiteral("SET"), tag + QStringLiteral(":textVersion"), QStringLiteral("0")}), 0);
        server = startServer();
        QVERIFY(server);

        const QString expected = QStringLiteral("base\none\ntwo\nthree\n");
        TestClient observer(url.toString(), created.id, created.token, QStringLiteral("observer"));
        QVERIFY(!observer.connectAndHello().isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return alice->isSynchronized() && alice->document(doc)->version() >= 3; }, 20000));
        QVERIFY(observer.joinDoc(doc));
        QVERIFY(observer.waitFor([&] { return observer.text() == expected; }));
        QCOMPARE(alice->document(doc)->text(), expected);
        alice->close();
        server->terminate();
        QVERIFY(server->waitForFinished(20000));
    }
};

QTEST_GUILESS_MAIN(TestServerDurability)
#include "tst_server_durability.moc"
