// The identity of ops and the wholeness of the history, end to end: one live
// connection per clientId, reused seqs refused, catch-up at any distance in pages,
// every joinDoc and leaveDoc answered. Real redis-server, SQLite and WebSockets.
#include "serverfixture.h"

#include "sync/docupdater/documentupdater.h"
#include "sync/ot/opjson.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QMap>
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

QJsonObject applyUpdate(const QString &doc, qint64 v, const TextOperation &op, const QString &clientId, qint64 seq)
{
    return {{QStringLiteral("type"), QStringLiteral("applyUpdate")}, {QStringLiteral("doc"), doc},
            {QStringLiteral("v"), double(v)}, {QStringLiteral("op"), ot::toJson(op)},
            {QStringLiteral("clientId"), clientId}, {QStringLiteral("seq"), double(seq)}};
}

QJsonObject joinDoc(const QString &doc, std::optional<qint64> fromVersion = std::nullopt)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("doc"), doc}};
    if (fromVersion)
        o.insert(QStringLiteral("fromVersion"), double(*fromVersion));
    return o;
}

bool flushAll(ServerFixture &f)
{
    bool done = false, ok = false;
    f.servers.front()->updater()->flushAll([&](Result<void, ServiceError> r) {
        done = true;
        ok = r.ok();
    });
    QDeadlineTimer deadline(10000);
    while (!done && !deadline.hasExpired())
        pump(10);
    return ok;
}

// The whole history of doc, as the docstore holds it after a flush.
QList<StoredOp> storedHistory(ServerFixture &f, const QString &doc)
{
    if (!flushAll(f))
        return {};
    return f.servers.front()->docstore()->opsSince(f.projectId, doc, 0).value();
}

} // namespace

class TestServerIntegrity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Two connections with one clientId (a copied working copy) used to both stay
    // live: each took the other's ops for its own lost acks and colliding seqs were
    // acked as duplicates, so acked edits went missing and replicas diverged. Now
    // the newer connection closes the older, and every acked op is on the server once.
    void aSecondConnectionWithTheClientIdClosesTheFirstAndLosesNoAckedEdit()
    {
        const quint32 seed = 4242;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("Hello\n"));
        auto a = f.client(QStringLiteral("same"));
        auto b = f.client(QStringLiteral("same"));
        QMap<qint64, qint64> acked; // seq -> version, from either connection
        int ackedTwice = 0;
        auto record = [&](const ServerMessage::Ack &ack) {
            ackedTwice += acked.contains(ack.seq) && acked.value(ack.seq) != ack.version;
            acked.insert(ack.seq, ack.version);
        };
        a->onAck = record;
        b->onAck = record;
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(a->joinDoc(doc));
        for (int i = 0; i < 20; ++i) {
            a->randomEdit(rng);
            pump(int(rng.bounded(3)));
        }
        QVERIFY(a->waitFor([&] { return a->isIdle(); }));
        // The copy starts with the same journal: the same clientId and the same next seq.
        QVERIFY(!b->connectAndHello().isEmpty());
        QVERIFY(b->joinDoc(doc));
        QVERIFY(a->waitFor([&] { return !a->isConnected(); }, 5000));
        QCOMPARE(a->lastOfType(QStringLiteral("error")).value(QLatin1String("code")).toString(), QStringLiteral("client_id_in_use"));
        // Both type on; what the closed one types never reaches the server.
        for (int i = 0; i < 40; ++i) {
            (i % 2 ? a : b)->randomEdit(rng);
            pump(int(rng.bounded(3)));
        }
        QVERIFY2(b->waitFor([&] { return b->isIdle() || b->diverged(); }), qPrintable(b->errorText()));
        QVERIFY2(!b->diverged(), qPrintable(b->errorText()));

        const QList<StoredOp> history = storedHistory(f, doc);
        const auto [text, version] = f.serverDoc(doc);
        QCOMPARE(qint64(history.size()), version);
        QCOMPARE(b->text(), text);
        QCOMPARE(b->version(), version);
        QCOMPARE(ackedTwice, 0);
        QMap<qint64, int> opsOfSeq;
        for (const StoredOp &op : history)
            if (op.clientId == QLatin1String("same"))
                ++opsOfSeq[op.seq];
        for (auto it = acked.cbegin(); it != acked.cend(); ++it) {
            QVERIFY2(opsOfSeq.value(it.key()) == 1, qPrintable(QStringLiteral("acked seq %1 is %2 times on the server")
                                                                   .arg(it.key()).arg(opsOfSeq.value(it.key()))));
            QCOMPARE(history.at(it.value() - 1).seq, it.key());
        }
        QVERIFY(a->acks() > 0 && b->acks() > 0);
    }

    // The same across two instances on one Redis: the newer connection wins there too.
    void aConnectionThroughAnotherInstanceTakesTheClientIdOver()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        QVERIFY2(f.addInstance(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("abc"));
        auto a = f.client(QStringLiteral("same"), 0);
        auto other = f.client(QStringLiteral("other"), 0); // a positive control: stays
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(!other->connectAndHello().isEmpty());
        QVERIFY(a->joinDoc(doc));
        auto b = f.client(QStringLiteral("same"), 1);
        QVERIFY(!b->connectAndHello().isEmpty());
        QVERIFY(b->joinDoc(doc));
        QVERIFY(a->waitFor([&] { return !a->isConnected(); }, 5000));
        QCOMPARE(a->lastOfType(QStringLiteral("error")).value(QLatin1String("code")).toString(), QStringLiteral("client_id_in_use"));
        pump(300);
        QVERIFY(b->isConnected());
        QVERIFY(other->isConnected());
    }

    // 5, 10, then 5 again (with the current version as base) used to be applied as a
    // new op; its flush then lost it and left a hole in the history. Now it is refused
    // (stale_seq), the doc is unchanged and the history stays whole.
    void aReusedLowerSeqIsRefusedNotApplied()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("abc"));
        auto a = f.client(QStringLiteral("a"));
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(a->request(joinDoc(doc)).contains(QLatin1String("text")));
        auto ack = [&](qint64 v, const TextOperation &op, qint64 seq) { return a->request(applyUpdate(doc, v, op, QStringLiteral("a"), seq)); };
        QCOMPARE(ack(0, TextOperation({Component::insert(3, QStringLiteral("d"))}), 5).value(QLatin1String("v")).toInteger(), 1);
        QCOMPARE(ack(1, TextOperation({Component::insert(4, QStringLiteral("e"))}), 10).value(QLatin1String("v")).toInteger(), 2);
        const QJsonObject reused = ack(2, TextOperation({Component::insert(5, QStringLiteral("f"))}), 5);
        QCOMPARE(reused.value(QLatin1String("type")).toString(), QStringLiteral("updateError"));
        QCOMPARE(reused.value(QLatin1String("code")).toString(), QStringLiteral("stale_seq"));
        const QJsonObject lower = ack(2, TextOperation({Component::insert(5, QStringLiteral("g"))}), 7);
        QCOMPARE(lower.value(QLatin1String("code")).toString(), QStringLiteral("stale_seq"));
        // A true resend (made before it was applied) is still a duplicate.
        const QJsonObject resend = ack(1, TextOperation({Component::insert(4, QStringLiteral("e"))}), 10);
        QVERIFY(resend.value(QLatin1String("duplicate")).toBool());
        QCOMPARE(resend.value(QLatin1String("v")).toInteger(), 2);
        QCOMPARE(ack(2, TextOperation({Component::insert(5, QStringLiteral("f"))}), 11).value(QLatin1String("v")).toInteger(), 3);

        const QList<StoredOp> history = storedHistory(f, doc);
        QCOMPARE(history.size(), 3);
        for (qsizetype i = 0; i < history.size(); ++i)
            QCOMPARE(history.at(i).version, i + 1);
        QCOMPARE(f.serverDoc(doc).first, QStringLiteral("abcdef"));
        // And after Redis forgets the doc, the docstore still knows the client's last seq.
        QVERIFY(f.redisCli({QStringLiteral("FLUSHALL")}));
        a->close();
        auto a2 = f.client(QStringLiteral("a"));
        QVERIFY(!a2->connectAndHello().isEmpty());
        QVERIFY(a2->request(joinDoc(doc)).contains(QLatin1String("text")));
        const QJsonObject afterLoss = a2->request(applyUpdate(doc, 3, TextOperation({Component::insert(0, QStringLiteral("x"))}), QStringLiteral("a"), 6));
        QCOMPARE(afterLoss.value(QLatin1String("code")).toString(), QStringLiteral("stale_seq"));
    }

    // A rejoin's answer used to hold every missed op at once; far enough behind it
    // exceeded the send limit and the client was closed forever. Now it comes in pages.
    void aClientFarBehindCatchesUpPageByPage()
    {
        ServerFixture f;
        ServerConfig config = ServerFixture::fastConfig();
        config.updater.recentOpsKept = 5;
        config.updater.flushEveryOps = 5;
        config.updater.joinPageOps = 7;
        QVERIFY2(f.start(config), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("0123456789"));
        auto a = f.client(QStringLiteral("a"));
        auto b = f.client(QStringLiteral("b"));
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(!b->connectAndHello().isEmpty());
        QVERIFY(a->joinDoc(doc));
        QVERIFY(b->joinDoc(doc));
        a->close();
        QVERIFY(a->waitFor([&] { return !a->isConnected(); }));
        QRandomGenerator rng(99);
        qInfo("seed 99");
        for (int i = 0; i < 60; ++i) {
            b->randomEdit(rng);
            QVERIFY(b->waitFor([&] { return b->isIdle(); }));
        }
        QVERIFY(!a->connectAndHello().isEmpty());
        QVERIFY(a->joinDoc(doc, true));
        QVERIFY2(!a->diverged(), qPrintable(a->errorText()));
        QCOMPARE(a->joinPages(), 9); // 60 ops, 7 a page
        QCOMPARE(a->version(), b->version());
        QCOMPARE(a->text(), b->text());
        // Joined after the last page: it gets updates again.
        b->randomEdit(rng);
        QVERIFY(a->waitFor([&] { return a->version() == b->version() && b->isIdle(); }));
        QCOMPARE(a->text(), b->text());

        // Between pages the doc is not joined.
        const QJsonObject page = a->request(joinDoc(doc, 0));
        QVERIFY(page.value(QLatin1String("more")).toBool());
        QCOMPARE(page.value(QLatin1String("version")).toInteger(), 7);
        QCOMPARE(page.value(QLatin1String("ops")).toArray().size(), 7);
        const QJsonObject update = a->request(applyUpdate(doc, 7, TextOperation({Component::insert(0, QStringLiteral("x"))}), QStringLiteral("a"), 1));
        QCOMPARE(update.value(QLatin1String("code")).toString(), QStringLiteral("not_joined"));
    }

    // The first of two joinDocs of one doc used to get no answer at all.
    void twoJoinDocsBackToBackAreBothAnswered()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("abc"));
        auto a = f.client(QStringLiteral("a"));
        QVERIFY(!a->connectAndHello().isEmpty());
        a->sendObject(QJsonObject{{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("doc"), doc}, {QStringLiteral("rid"), 101}});
        a->sendObject(QJsonObject{{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("doc"), doc}, {QStringLiteral("rid"), 102}});
        auto answer = [&](int rid) {
            for (const QJsonObject &m : a->received)
                if (m.value(QLatin1String("rid")).toInt() == rid)
                    return m;
            return QJsonObject();
        };
        QVERIFY(a->waitFor([&] { return !answer(101).isEmpty() && !answer(102).isEmpty(); }, 5000));
        QCOMPARE(answer(101).value(QLatin1String("code")).toString(), QStringLiteral("join_superseded"));
        QCOMPARE(answer(102).value(QLatin1String("type")).toString(), QStringLiteral("doc"));
        QCOMPARE(answer(102).value(QLatin1String("text")).toString(), QStringLiteral("abc"));
        // A join answered after the doc was left is answered too.
        a->sendObject(QJsonObject{{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("doc"), doc}, {QStringLiteral("rid"), 103}});
        a->sendObject(QJsonObject{{QStringLiteral("type"), QStringLiteral("leaveDoc")}, {QStringLiteral("doc"), doc}, {QStringLiteral("rid"), 104}});
        QVERIFY(a->waitFor([&] { return !answer(103).isEmpty() && !answer(104).isEmpty(); }, 5000));
        QCOMPARE(answer(103).value(QLatin1String("code")).toString(), QStringLiteral("join_superseded"));
        QCOMPARE(answer(104).value(QLatin1String("type")).toString(), QStringLiteral("ok"));
    }

    void leavingADocNotJoinedIsNotJoined()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("abc"));
        auto a = f.client(QStringLiteral("a"));
        QVERIFY(!a->connectAndHello().isEmpty());
        const QJsonObject leave{{QStringLiteral("type"), QStringLiteral("leaveDoc")}, {QStringLiteral("doc"), doc}};
        QCOMPARE(a->request(leave).value(QLatin1String("code")).toString(), QStringLiteral("not_joined"));
        QVERIFY(a->joinDoc(doc));
        QCOMPARE(a->request(leave).value(QLatin1String("type")).toString(), QStringLiteral("ok")); // positive control
        QCOMPARE(a->request(leave).value(QLatin1String("code")).toString(), QStringLiteral("not_joined"));
    }
};

QTEST_GUILESS_MAIN(TestServerIntegrity)
#include "tst_server_integrity.moc"
