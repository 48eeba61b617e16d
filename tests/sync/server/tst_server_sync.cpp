// The server end to end: concurrent clients converge to the server's text, rejoin
// and offline merge, duplicate resends, two instances on one Redis, flush + FLUSHALL,
// presence and file tree changes. Real redis-server, SQLite and WebSockets.
#include "serverfixture.h"

#include "sync/docupdater/documentupdater.h"
#include "sync/ot/operations.h"
#include "sync/ot/opjson.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

namespace {

void pump(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, qMax(1, int(deadline.remainingTime())));
}

// Random edits from every client at random moments, with random delays on what they
// receive, then waits until everything is acked and delivered.
bool editConcurrently(const std::vector<TestClient *> &clients, int editsEach, quint32 seed)
{
    qInfo("seed %u", seed);
    QRandomGenerator rng(seed);
    for (size_t i = 0; i < clients.size(); ++i)
        clients[i]->setIncomingDelay(4, seed + quint32(i) + 1);
    std::vector<int> left(clients.size(), editsEach);
    int remaining = editsEach * int(clients.size());
    while (remaining > 0) {
        const size_t i = rng.bounded(quint32(clients.size()));
        if (left[i] == 0)
            continue;
        clients[i]->randomEdit(rng);
        --left[i];
        --remaining;
        pump(int(rng.bounded(4)));
    }
    return clients.front()->waitFor([&] {
        for (TestClient *c : clients)
            if (!c->isIdle() || c->diverged())
                return false;
        for (TestClient *c : clients)
            if (c->version() != clients.front()->version())
                return false;
        return true;
    }, 30000);
}

QJsonObject applyUpdate(const QString &doc, qint64 v, const TextOperation &op, const QString &clientId, qint64 seq)
{
    return {{QStringLiteral("type"), QStringLiteral("applyUpdate")}, {QStringLiteral("doc"), doc},
            {QStringLiteral("v"), double(v)}, {QStringLiteral("op"), ot::toJson(op)},
            {QStringLiteral("clientId"), clientId}, {QStringLiteral("seq"), double(seq)}};
}

} // namespace

class TestServerSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoClientsConverge() { converge(2, 80, 1001); }
    void threeClientsConverge() { converge(3, 60, 2002); }

    void rejoinReturnsMissedOps()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("Hello\n"));
        auto a = f.client(QStringLiteral("a"));
        auto b = f.client(QStringLiteral("b"));
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(!b->connectAndHello().isEmpty());
        QVERIFY(a->joinDoc(doc));
        QVERIFY(b->joinDoc(doc));
        a->close();
        QVERIFY(a->waitFor([&] { return !a->isConnected(); }));
        const qint64 before = a->version();
        QRandomGenerator rng(7);
        for (int i = 0; i < 5; ++i) { // one version each: wait for every ack
            b->randomEdit(rng);
            QVERIFY(b->waitFor([&] { return b->isIdle(); }));
        }
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(a->joinDoc(doc, true));
        const QJsonObject reply = a->lastOfType(QStringLiteral("doc"));
        QCOMPARE(reply.value(QLatin1String("ops")).toArray().size(), 5);
        QCOMPARE(reply.value(QLatin1String("ops")).toArray().first().toObject().value(QLatin1String("v")).toInteger(), before + 1);
        QCOMPARE(a->version(), before + 5);
        QCOMPARE(a->text(), b->text());
    }

    // More ops than Redis keeps happen while a client is away; its old op still merges
    // (transformed against the history in the docstore).
    void offlineBeyondRedisStillMerges()
    {
        ServerFixture f;
        ServerConfig config = ServerFixture::fastConfig();
        config.updater.recentOpsKept = 5;
        config.updater.flushEveryOps = 5;
        QVERIFY2(f.start(config), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("0123456789"));
        auto b = f.client(QStringLiteral("b"));
        QVERIFY(!b->connectAndHello().isEmpty());
        QVERIFY(b->joinDoc(doc));
        const qint64 v0 = b->version();
        for (int i = 0; i < 40; ++i) {
            b->edit(TextOperation({Component::insert(0, QStringLiteral("b"))}));
            QVERIFY(b->waitFor([&] { return b->isIdle(); }));
        }
        QCOMPARE(b->version(), v0 + 40);

        // The offline client's op, made on v0: append "X" at the end of "0123456789".
        auto a = f.client(QStringLiteral("a"));
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(a->request({{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("doc"), doc}}).contains(QLatin1String("text")));
        const QJsonObject ack = a->request(applyUpdate(doc, v0, TextOperation({Component::insert(10, QStringLiteral("X"))}), QStringLiteral("a"), 1));
        QCOMPARE(ack.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        QCOMPARE(ack.value(QLatin1String("v")).toInteger(), v0 + 41);
        QVERIFY(b->waitFor([&] { return b->version() == v0 + 41; }));
        QCOMPARE(b->text(), QString(40, QLatin1Char('b')) + QStringLiteral("0123456789X"));
        QCOMPARE(f.serverDoc(doc).first, b->text());
    }

    void resendIsNotAppliedTwice()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("abc"));
        auto a = f.client(QStringLiteral("a"));
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(a->joinDoc(doc));
        const QJsonObject update = applyUpdate(doc, a->version(), TextOperation({Component::insert(3, QStringLiteral("d"))}), QStringLiteral("a"), 1);
        const QJsonObject first = a->request(update);
        QCOMPARE(first.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        QVERIFY(!first.value(QLatin1String("duplicate")).toBool());
        const QJsonObject again = a->request(update);
        QCOMPARE(again.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        QVERIFY(again.value(QLatin1String("duplicate")).toBool());
        QCOMPARE(again.value(QLatin1String("v")).toInteger(), first.value(QLatin1String("v")).toInteger());
        // From a new connection too, after a flush: still recognised.
        bool flushed = false;
        f.servers.front()->updater()->flushAll([&](Result<void, ServiceError> r) { flushed = r.ok(); });
        QVERIFY(a->waitFor([&] { return flushed; }));
        auto a2 = f.client(QStringLiteral("a"));
        QVERIFY(!a2->connectAndHello().isEmpty());
        QVERIFY(a2->joinDoc(doc));
        const QJsonObject third = a2->request(update);
        QVERIFY(third.value(QLatin1String("duplicate")).toBool());
        const auto [text, version] = f.serverDoc(doc);
        QCOMPARE(text, QStringLiteral("abcd"));
        QCOMPARE(version, first.value(QLatin1String("v")).toInteger());
    }

    void twoInstancesOnOneRedisConverge()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        QVERIFY2(f.addInstance(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("shared\n"));
        auto a = f.client(QStringLiteral("a"), 0);
        auto b = f.client(QStringLiteral("b"), 1);
        auto c = f.client(QStringLiteral("c"), 1);
        for (auto *x : {a.get(), b.get(), c.get()}) {
            QVERIFY(!x->connectAndHello().isEmpty());
            QVERIFY(x->joinDoc(doc));
        }
        QVERIFY(editConcurrently({a.get(), b.get(), c.get()}, 50, 3003));
        QCOMPARE(a->text(), b->text());
        QCOMPARE(b->text(), c->text());
        QCOMPARE(f.serverDoc(doc, 0).first, a->text());
        QCOMPARE(f.serverDoc(doc, 1).first, a->text());

        // Presence crosses instances too.
        a->sendObject({{QStringLiteral("type"), QStringLiteral("cursor")}, {QStringLiteral("doc"), doc},
                       {QStringLiteral("position"), 3}, {QStringLiteral("anchor"), 1}});
        QVERIFY(b->waitFor([&] { return b->countOfType(QStringLiteral("presence")) > 0; }));
        const QJsonObject presence = b->lastOfType(QStringLiteral("presence"));
        QCOMPARE(presence.value(QLatin1String("name")).toString(), QStringLiteral("a"));
        QCOMPARE(presence.value(QLatin1String("position")).toInt(), 3);
        QVERIFY(!presence.contains(QLatin1String("instance")));
    }

    void flushThenFlushallKeepsDoc()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("start\n"));
        auto a = f.client(QStringLiteral("a"));
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(a->joinDoc(doc));
        QRandomGenerator rng(4004);
        for (int i = 0; i < 30; ++i)
            a->randomEdit(rng);
        QVERIFY(a->waitFor([&] { return a->isIdle(); }));
        const QString text = a->text();
        const qint64 version = a->version();
        a->close();

        bool flushed = false;
        f.servers.front()->updater()->flushAll([&](Result<void, ServiceError> r) { flushed = r.ok(); });
        QVERIFY(a->waitFor([&] { return flushed; }));
        QVERIFY(f.redisCli({QStringLiteral("FLUSHALL")}));

        const auto [after, afterVersion] = f.serverDoc(doc);
        QCOMPARE(after, text);
        QCOMPARE(afterVersion, version);
        // And it goes on from there.
        auto b = f.client(QStringLiteral("b"));
        QVERIFY(!b->connectAndHello().isEmpty());
        QVERIFY(b->joinDoc(doc));
        b->edit(TextOperation({Component::insert(0, QStringLiteral("more "))}));
        QVERIFY(b->waitFor([&] { return b->isIdle(); }));
        QCOMPARE(b->version(), version + 1);
        QCOMPARE(f.serverDoc(doc).first, QStringLiteral("more ") + text);
    }

    void presenceAndUsers()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("0123456789"));
        auto a = f.client(QStringLiteral("a"));
        auto b = f.client(QStringLiteral("b"));
        const QJsonObject welcome = a->connectAndHello();
        QCOMPARE(welcome.value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        QCOMPARE(welcome.value(QLatin1String("role")).toString(), QStringLiteral("read_write"));
        QCOMPARE(welcome.value(QLatin1String("protocolVersion")).toInt(), 1);
        QVERIFY(a->joinDoc(doc));
        QVERIFY(!b->connectAndHello().isEmpty());
        QVERIFY(a->waitFor([&] { return a->countOfType(QStringLiteral("userJoined")) > 0; }));
        QVERIFY(b->joinDoc(doc));

        b->sendObject({{QStringLiteral("type"), QStringLiteral("cursor")}, {QStringLiteral("doc"), doc},
                       {QStringLiteral("position"), 5}, {QStringLiteral("anchor"), 5}});
        QVERIFY(a->waitFor([&] { return a->countOfType(QStringLiteral("presence")) > 0; }));
        QCOMPARE(a->lastOfType(QStringLiteral("presence")).value(QLatin1String("position")).toInt(), 5);
        QCOMPARE(b->countOfType(QStringLiteral("presence")), 0); // not echoed to the sender

        // The stored cursor moves with the text: 3 characters inserted before it.
        a->edit(TextOperation({Component::insert(0, QStringLiteral("abc"))}));
        QVERIFY(a->waitFor([&] { return a->isIdle(); }));
        auto c = f.client(QStringLiteral("c"));
        QVERIFY(!c->connectAndHello().isEmpty());
        const QJsonObject project = c->request({{QStringLiteral("type"), QStringLiteral("joinProject")}});
        QCOMPARE(project.value(QLatin1String("type")).toString(), QStringLiteral("project"));
        bool found = false;
        for (const QJsonValue &u : project.value(QLatin1String("users")).toArray()) {
            if (u.toObject().value(QLatin1String("name")).toString() == QLatin1String("b")) {
                found = true;
                QCOMPARE(u.toObject().value(QLatin1String("position")).toInt(), 8);
            }
        }
        QVERIFY(found);
        QCOMPARE(project.value(QLatin1String("tree")).toArray().size(), 1);

        b->close();
        QVERIFY(a->waitFor([&] { return a->countOfType(QStringLiteral("userLeft")) > 0; }));
    }

    // A cursor's "v" (the version its position refers to) reaches the others
    // in presence and stays with the stored cursor while the ops after it
    // come in order; a cursor older than an op already applied loses it.
    void presenceCarriesItsVersion()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("0123456789"));
        auto a = f.client(QStringLiteral("a"));
        auto b = f.client(QStringLiteral("b"));
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(a->joinDoc(doc));
        QVERIFY(!b->connectAndHello().isEmpty());
        QVERIFY(b->joinDoc(doc));
        const qint64 v = b->version();
        const auto users = [&] {
            auto c = f.client(QStringLiteral("c"));
            c->connectAndHello();
            QJsonObject found;
            const QJsonObject project = c->request({{QStringLiteral("type"), QStringLiteral("joinProject")}});
            for (const QJsonValue &u : project.value(QLatin1String("users")).toArray()) {
                if (u.toObject().value(QLatin1String("name")).toString() == QLatin1String("b"))
                    found = u.toObject();
            }
            c->close();
            return found;
        };

        b->sendObject({{QStringLiteral("type"), QStringLiteral("cursor")}, {QStringLiteral("doc"), doc},
                       {QStringLiteral("position"), 5}, {QStringLiteral("anchor"), 4}, {QStringLiteral("v"), double(v)}});
        QVERIFY(a->waitFor([&] { return a->countOfType(QStringLiteral("presence")) > 0; }));
        QCOMPARE(a->lastOfType(QStringLiteral("presence")).value(QLatin1String("v")).toInteger(), v);

        a->edit(TextOperation({Component::insert(0, QStringLiteral("abc"))}));
        QVERIFY(a->waitFor([&] { return a->isIdle(); }));
        QJsonObject u = users();
        QCOMPARE(u.value(QLatin1String("position")).toInt(), 8);
        QCOMPARE(u.value(QLatin1String("anchor")).toInt(), 7);
        QCOMPARE(u.value(QLatin1String("v")).toInteger(), v + 1);

        // Sent at v, after the op of v + 1 was applied: the next op cannot be
        // applied to it exactly, so it is moved as before and says no version.
        b->sendObject({{QStringLiteral("type"), QStringLiteral("cursor")}, {QStringLiteral("doc"), doc},
                       {QStringLiteral("position"), 2}, {QStringLiteral("v"), double(v)}});
        QVERIFY(a->waitFor([&] { return a->countOfType(QStringLiteral("presence")) > 1; }));
        QCOMPARE(a->lastOfType(QStringLiteral("presence")).value(QLatin1String("v")).toInteger(), v);
        QCOMPARE(users().value(QLatin1String("v")).toInteger(), v);
        a->edit(TextOperation({Component::insert(0, QStringLiteral("d"))}));
        QVERIFY(a->waitFor([&] { return a->isIdle(); }));
        u = users();
        QCOMPARE(u.value(QLatin1String("position")).toInt(), 3);
        QVERIFY(!u.contains(QLatin1String("v")));

        // Without "v" (older clients) nothing changes; a bad one is refused.
        b->sendObject({{QStringLiteral("type"), QStringLiteral("cursor")}, {QStringLiteral("doc"), doc},
                       {QStringLiteral("position"), 1}});
        QVERIFY(a->waitFor([&] { return a->countOfType(QStringLiteral("presence")) > 2; }));
        QVERIFY(!a->lastOfType(QStringLiteral("presence")).contains(QLatin1String("v")));
        b->sendObject({{QStringLiteral("type"), QStringLiteral("cursor")}, {QStringLiteral("doc"), doc},
                       {QStringLiteral("position"), 1}, {QStringLiteral("v"), -1}});
        QVERIFY(b->waitFor([&] { return b->countOfType(QStringLiteral("error")) > 0; }));
        QCOMPARE(b->lastOfType(QStringLiteral("error")).value(QLatin1String("code")).toString(), QStringLiteral("wrong_type"));
    }

    // A user of another instance that dies without userLeft is dropped once that
    // instance stops saying its users are alive.
    void silentInstanceUsersAreDropped()
    {
        ServerFixture f;
        ServerConfig config = ServerFixture::fastConfig();
        config.realtime.keepaliveIntervalMs = 300;
        QVERIFY2(f.start(config), qPrintable(f.error));
        auto a = f.client(QStringLiteral("a"));
        QVERIFY(!a->connectAndHello().isEmpty());
        f.servers.front()->updater()->publishProjectMessage(f.projectId, {{QStringLiteral("type"), QStringLiteral("userJoined")},
                                                                        {QStringLiteral("instance"), QStringLiteral("ghost-instance")},
                                                                        {QStringLiteral("announce"), true},
                                                                        {QStringLiteral("userId"), QStringLiteral("u-ghost")},
                                                                        {QStringLiteral("name"), QStringLiteral("Ghost")},
                                                                        {QStringLiteral("colour"), QStringLiteral("#000000")}});
        QVERIFY(a->waitFor([&] { return a->lastOfType(QStringLiteral("userJoined")).value(QLatin1String("userId")).toString() == QLatin1String("u-ghost"); }));
        const QJsonObject project = a->request({{QStringLiteral("type"), QStringLiteral("joinProject")}});
        QCOMPARE(project.value(QLatin1String("users")).toArray().size(), 1);
        QVERIFY(a->waitFor([&] { return a->lastOfType(QStringLiteral("userLeft")).value(QLatin1String("userId")).toString() == QLatin1String("u-ghost"); }, 5000));
        QCOMPARE(a->request({{QStringLiteral("type"), QStringLiteral("joinProject")}}).value(QLatin1String("users")).toArray().size(), 0);
    }

    void fileTreeChangesAreBroadcast()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        auto a = f.client(QStringLiteral("a"));
        auto b = f.client(QStringLiteral("b"));
        auto r = f.client(QStringLiteral("r"), 0, f.readOnlyToken);
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(!b->connectAndHello().isEmpty());
        QCOMPARE(r->connectAndHello().value(QLatin1String("role")).toString(), QStringLiteral("read_only"));

        auto req = [&](TestClient *c, QJsonObject m) { return c->request(m); };
        const QJsonObject folder = req(a.get(), {{QStringLiteral("type"), QStringLiteral("createFolder")}, {QStringLiteral("path"), QStringLiteral("sections")}});
        QCOMPARE(folder.value(QLatin1String("type")).toString(), QStringLiteral("ok"));
        const QJsonObject created = req(a.get(), {{QStringLiteral("type"), QStringLiteral("createDoc")}, {QStringLiteral("path"), QStringLiteral("sections/intro.tex")}, {QStringLiteral("text"), QStringLiteral("Intro")}});
        const QString docId = created.value(QLatin1String("entry")).toObject().value(QLatin1String("id")).toString();
        QVERIFY(!docId.isEmpty());
        QVERIFY(b->waitFor([&] { return b->countOfType(QStringLiteral("treeChanged")) >= 2; }));
        QCOMPARE(b->lastOfType(QStringLiteral("treeChanged")).value(QLatin1String("change")).toString(), QStringLiteral("created"));

        const QByteArray png(1000, '\x89');
        const QJsonObject uploaded = req(a.get(), {{QStringLiteral("type"), QStringLiteral("uploadFile")}, {QStringLiteral("path"), QStringLiteral("fig.png")}, {QStringLiteral("data"), QString::fromLatin1(png.toBase64())}});
        QCOMPARE(uploaded.value(QLatin1String("type")).toString(), QStringLiteral("ok"));
        const QString fileId = uploaded.value(QLatin1String("entry")).toObject().value(QLatin1String("id")).toString();
        const QJsonObject downloaded = req(r.get(), {{QStringLiteral("type"), QStringLiteral("downloadFile")}, {QStringLiteral("id"), fileId}});
        QCOMPARE(downloaded.value(QLatin1String("type")).toString(), QStringLiteral("file"));
        QCOMPARE(QByteArray::fromBase64(downloaded.value(QLatin1String("data")).toString().toLatin1()), png);

        const QByteArray big(f.config.maxFileBytes + 1, 'x');
        const QJsonObject tooBig = req(a.get(), {{QStringLiteral("type"), QStringLiteral("uploadFile")}, {QStringLiteral("path"), QStringLiteral("big.bin")}, {QStringLiteral("data"), QString::fromLatin1(big.toBase64())}});
        QCOMPARE(tooBig.value(QLatin1String("code")).toString(), QStringLiteral("file_too_large"));

        const QJsonObject renamed = req(a.get(), {{QStringLiteral("type"), QStringLiteral("rename")}, {QStringLiteral("id"), docId}, {QStringLiteral("path"), QStringLiteral("sections/introduction.tex")}});
        QCOMPARE(renamed.value(QLatin1String("entry")).toObject().value(QLatin1String("path")).toString(), QStringLiteral("sections/introduction.tex"));
        const QJsonObject exists = req(a.get(), {{QStringLiteral("type"), QStringLiteral("createDoc")}, {QStringLiteral("path"), QStringLiteral("sections/introduction.tex")}});
        QCOMPARE(exists.value(QLatin1String("code")).toString(), QStringLiteral("path_exists"));
        const QJsonObject readOnly = req(r.get(), {{QStringLiteral("type"), QStringLiteral("delete")}, {QStringLiteral("id"), docId}});
        QCOMPARE(readOnly.value(QLatin1String("code")).toString(), QStringLiteral("read_only"));

        QVERIFY(b->joinDoc(docId));
        const QJsonObject removed = req(a.get(), {{QStringLiteral("type"), QStringLiteral("delete")}, {QStringLiteral("id"), QStringLiteral("%1").arg(folder.value(QLatin1String("entry")).toObject().value(QLatin1String("id")).toString())}});
        QCOMPARE(removed.value(QLatin1String("type")).toString(), QStringLiteral("ok"));
        QVERIFY(b->waitFor([&] { return b->lastOfType(QStringLiteral("treeChanged")).value(QLatin1String("change")).toString() == QLatin1String("removed"); }));
        const QJsonObject gone = req(b.get(), {{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("doc"), docId}});
        QCOMPARE(gone.value(QLatin1String("type")).toString(), QStringLiteral("error"));
        const QJsonObject tree = req(r.get(), {{QStringLiteral("type"), QStringLiteral("joinProject")}});
        QCOMPARE(tree.value(QLatin1String("tree")).toArray().size(), 1); // fig.png
    }

private:
    void converge(int n, int editsEach, quint32 seed)
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("\\documentclass{article}\n"));
        std::vector<std::unique_ptr<TestClient>> owned;
        std::vector<TestClient *> clients;
        for (int i = 0; i < n; ++i) {
            owned.push_back(f.client(QStringLiteral("client-%1").arg(i)));
            clients.push_back(owned.back().get());
            QVERIFY(!clients.back()->connectAndHello().isEmpty());
            QVERIFY(clients.back()->joinDoc(doc));
        }
        QVERIFY(editConcurrently(clients, editsEach, seed));
        for (TestClient *c : clients) {
            QVERIFY2(!c->diverged(), qPrintable(c->errorText()));
            QCOMPARE(c->text(), clients.front()->text());
        }
        const auto [text, version] = f.serverDoc(doc);
        QCOMPARE(text, clients.front()->text());
        QCOMPARE(version, clients.front()->version());
        int acks = 0;
        for (TestClient *c : clients)
            acks += c->acks();
        QCOMPARE(version, qint64(acks)); // one version per acked op, none lost or doubled
    }
};

QTEST_GUILESS_MAIN(TestServerSync)
#include "tst_server_sync.moc"
