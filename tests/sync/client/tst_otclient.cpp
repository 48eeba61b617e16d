// OtClient and SharedDocument against a simulated server that transforms
// exactly as the document-updater does: N clients with random edits, random
// message delivery, lost connections and crashes (replay from the journal
// records) all converge on the server's text.

#include "simulatedserver.h"

#include "sync/client/otclient.h"
#include "sync/client/shareddocument.h"

#include <QRandomGenerator>
#include <QTest>

#include <deque>
#include <memory>

using namespace coauthor::sync;
using ot::Component;
using ot::TextOperation;

namespace {

struct ToClient
{
    bool isAck = false;
    SimulatedUpdate update;
};

struct SimClient
{
    QString id;
    std::unique_ptr<SharedDocument> doc;
    QList<JournalRecord> journal;
    quint64 nextSeq = 1;
    std::deque<OutgoingUpdate> toServer;
    std::deque<ToClient> toClient;
    bool online = true;
    qint64 maxComponentsSent = 0;
    // For typists: the caret (moved by remote ops as the editor moves it,
    // staying before text inserted exactly at it) and what is left to type.
    qsizetype caret = 0;
    QString toType;
    bool typo = false; // a wrong letter before the caret, to take back
};

TextOperation randomEdit(QRandomGenerator &rng, const QString &text)
{
    static const QString alphabet = QStringLiteral("abcdefxyz \n\u00e9\u4e2d");
    TextOperation op;
    QString current = text;
    const int components = rng.bounded(10) == 0 ? 2 : 1;
    for (int c = 0; c < components; ++c) {
        if (current.isEmpty() || rng.bounded(100) < 60) {
            QString s;
            for (int k = 0, n = 1 + rng.bounded(3); k < n; ++k)
                s += alphabet.at(rng.bounded(alphabet.size()));
            const qsizetype p = rng.bounded(current.size() + 1);
            op.append(Component::insert(p, s));
            current.insert(p, s);
        } else {
            const qsizetype p = rng.bounded(current.size());
            const qsizetype n = qMin<qsizetype>(1 + rng.bounded(5), current.size() - p);
            op.append(Component::erase(p, current.mid(p, n)));
            current.remove(p, n);
        }
    }
    return op;
}

JournalRecord record(JournalRecord::Kind kind, const QString &doc)
{
    JournalRecord r;
    r.kind = kind;
    r.docId = doc;
    return r;
}

// Does what ClientSession does for each event, including journaling.
class Simulation
{
public:
    Simulation(int clients, quint32 seed, const QString &initial)
        : rng(seed)
        , server(initial)
    {
        for (int c = 0; c < clients; ++c) {
            auto client = std::make_unique<SimClient>();
            client->id = QStringLiteral("client-%1").arg(c);
            SimClient *raw = client.get();
            client->doc = std::make_unique<SharedDocument>(QStringLiteral("d1"), QStringLiteral("main.tex"), initial, 0,
                                                           [raw] { return raw->nextSeq++; });
            JournalRecord base = record(JournalRecord::Kind::Base, QStringLiteral("d1"));
            base.text = initial;
            client->journal.append(base);
            this->clients.push_back(std::move(client));
        }
    }

    void send(SimClient &c, const std::optional<OutgoingUpdate> &out)
    {
        if (!out)
            return;
        JournalRecord sent = record(JournalRecord::Kind::Sent, QStringLiteral("d1"));
        sent.seq = out->seq;
        sent.version = out->baseVersion;
        c.journal.append(sent);
        c.maxComponentsSent = qMax(c.maxComponentsSent, out->op.size());
        if (c.online)
            c.toServer.push_back(*out);
    }

    void localEdit(SimClient &c)
    {
        apply(c, randomEdit(rng, c.doc->text()));
    }

    // Types the next one to three letters of c.toType at c's caret, or (once
    // the run has begun: see docs/protocol.md on an empty run) a wrong letter
    // now and then, taken back with a backspace next time.
    void typeNext(SimClient &c, qsizetype runLength)
    {
        if (c.typo) {
            c.typo = false;
            --c.caret;
            apply(c, TextOperation({Component::erase(c.caret, c.doc->text().mid(c.caret, 1))}));
            return;
        }
        QString keys = c.toType.left(1 + rng.bounded(3));
        if (keys.isEmpty())
            return;
        if (c.toType.size() < runLength && rng.bounded(8) == 0) {
            keys = QStringLiteral("q");
            c.typo = true;
        } else {
            c.toType.remove(0, keys.size());
        }
        apply(c, TextOperation({Component::insert(c.caret, keys)}));
        c.caret += keys.size();
    }

    void apply(SimClient &c, const TextOperation &op)
    {
        auto result = c.doc->applyLocal(op);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error()));
        JournalRecord local = record(JournalRecord::Kind::Local, QStringLiteral("d1"));
        local.op = op;
        c.journal.append(local);
        send(c, result.value());
    }

    void deliverToServer(SimClient &c)
    {
        if (c.toServer.empty())
            return;
        const OutgoingUpdate u = c.toServer.front();
        c.toServer.pop_front();
        bool duplicate = false;
        const SimulatedUpdate applied = server.submit(u.op, u.baseVersion, c.id, u.seq, &duplicate);
        if (duplicate) {
            // The real server acks a duplicate with its old version; by the
            // reconnect rules a client never resends an op it has seen applied.
            QFAIL("a client resent an op whose application it had already seen");
        }
        c.toClient.push_back({true, applied});
        for (auto &other : clients) {
            if (other.get() != &c && other->online)
                other->toClient.push_back({false, applied});
        }
    }

    void deliverToClient(SimClient &c)
    {
        if (c.toClient.empty())
            return;
        const ToClient m = c.toClient.front();
        c.toClient.pop_front();
        if (m.isAck) {
            QCOMPARE(c.doc->ot().inFlight()->seq, m.update.seq);
            acked(c, m.update.version);
        } else {
            remote(c, m.update);
        }
    }

    void acked(SimClient &c, qint64 version)
    {
        auto next = c.doc->ack(version);
        QVERIFY2(next.ok(), qPrintable(next.ok() ? QString() : next.error()));
        JournalRecord ack = record(JournalRecord::Kind::Ack, QStringLiteral("d1"));
        ack.version = version;
        c.journal.append(ack);
        send(c, next.value());
    }

    void remote(SimClient &c, const SimulatedUpdate &u)
    {
        auto applied = c.doc->applyRemote(u.op, u.version, OtClient::remoteSideFor(u.clientId, c.id));
        QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error()));
        c.caret = OtClient::transformCursor(c.caret, applied.value());
        JournalRecord r = record(JournalRecord::Kind::Remote, QStringLiteral("d1"));
        r.op = u.op;
        r.version = u.version;
        r.clientId = u.clientId;
        c.journal.append(r);
    }

    void disconnect(SimClient &c)
    {
        c.online = false;
        c.toServer.clear();
        c.toClient.clear();
    }

    // Rebuilds the client from its journal alone, as a restarted app does.
    void crash(SimClient &c)
    {
        disconnect(c);
        const QString textBefore = c.doc->text();
        const qint64 versionBefore = c.doc->version();
        const auto inFlightBefore = c.doc->ot().inFlight();
        SimClient *raw = &c;
        auto replayed = SharedDocument::replay(c.journal, c.id, [raw] { return raw->nextSeq++; });
        QVERIFY2(replayed.ok(), qPrintable(replayed.ok() ? QString() : replayed.error()));
        c.doc = std::make_unique<SharedDocument>(replayed.takeValue());
        QCOMPARE(c.doc->text(), textBefore);
        QCOMPARE(c.doc->version(), versionBefore);
        QCOMPARE(c.doc->ot().inFlight().has_value(), inFlightBefore.has_value());
        if (inFlightBefore)
            QCOMPARE(c.doc->ot().inFlight()->seq, inFlightBefore->seq);
        // Half the time also compact, as the session does now and then.
        if (rng.bounded(2) == 0 || c.journal.size() > 2000) {
            c.journal = c.doc->snapshotRecords();
            auto again = SharedDocument::replay(c.journal, c.id, [raw] { return raw->nextSeq++; });
            QVERIFY(again.ok());
            QCOMPARE(again.value().text(), textBefore);
            QCOMPARE(again.value().serverText(), c.doc->serverText());
            c.doc = std::make_unique<SharedDocument>(again.takeValue());
        }
    }

    // The reconnect rules of docs/protocol.md: catch up from our version (our
    // own in-flight op in the list is its lost ack), then resend what is in flight.
    void reconnect(SimClient &c)
    {
        c.online = true;
        const QList<SimulatedUpdate> history = server.history();
        for (qint64 v = c.doc->version(); v < history.size(); ++v) {
            const SimulatedUpdate &u = history.at(v);
            const auto &inFlight = c.doc->ot().inFlight();
            if (u.clientId == c.id && inFlight && inFlight->seq == u.seq) {
                auto next = c.doc->ack(u.version);
                QVERIFY(next.ok());
                JournalRecord ack = record(JournalRecord::Kind::Ack, QStringLiteral("d1"));
                ack.version = u.version;
                c.journal.append(ack);
                // The next pending op is in flight now; it goes out below.
                if (next.value()) {
                    JournalRecord sent = record(JournalRecord::Kind::Sent, QStringLiteral("d1"));
                    sent.seq = next.value()->seq;
                    sent.version = next.value()->baseVersion;
                    c.journal.append(sent);
                }
            } else {
                QVERIFY(u.clientId != c.id);
                remote(c, u);
            }
        }
        if (const auto resend = c.doc->ot().transmission())
            c.toServer.push_back(*resend);
    }

    void run(int steps, bool faults)
    {
        for (int s = 0; s < steps; ++s) {
            SimClient &c = *clients.at(rng.bounded(int(clients.size())));
            const int action = rng.bounded(100);
            if (action < 35)
                localEdit(c);
            else if (action < 65)
                deliverToServer(c);
            else if (action < 97)
                deliverToClient(c);
            else if (faults && c.online && action < 98)
                disconnect(c);
            else if (faults && action < 99)
                crash(c);
            else if (!c.online)
                reconnect(c);
            if (QTest::currentTestFailed())
                return;
        }
        drain();
    }

    void drain()
    {
        for (auto &c : clients) {
            if (!c->online)
                reconnect(*c);
        }
        bool busy = true;
        while (busy && !QTest::currentTestFailed()) {
            busy = false;
            for (auto &c : clients) {
                if (!c->toServer.empty() || !c->toClient.empty())
                    busy = true;
                deliverToServer(*c);
                deliverToClient(*c);
            }
        }
    }

    QRandomGenerator rng;
    SimulatedServer server;
    std::vector<std::unique_ptr<SimClient>> clients;
};

} // namespace

class TestOtClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statesAndComposition()
    {
        quint64 seq = 10;
        OtClient client(5, [&seq] { return seq++; });
        QCOMPARE(client.state(), OtClient::State::Synchronized);
        auto first = client.applyLocal(TextOperation({Component::insert(0, QStringLiteral("a"))}));
        QVERIFY(first);
        QCOMPARE(first->baseVersion, 5);
        QCOMPARE(first->seq, 10u);
        QCOMPARE(client.state(), OtClient::State::AwaitingAck);
        QVERIFY(!client.applyLocal(TextOperation({Component::insert(1, QStringLiteral("b"))})));
        QVERIFY(!client.applyLocal(TextOperation({Component::insert(2, QStringLiteral("c"))})));
        QCOMPARE(client.state(), OtClient::State::AwaitingAckWithBuffer);
        QCOMPARE(client.pending().size(), 1); // composed into one
        QCOMPARE(client.pending().first(), TextOperation({Component::insert(1, QStringLiteral("bc"))}));

        QVERIFY(!client.ack(7).ok()); // must follow version 5
        auto next = client.ack(6);
        QVERIFY(next.ok());
        QVERIFY(next.value());
        QCOMPARE(next.value()->baseVersion, 6);
        QCOMPARE(next.value()->seq, 11u);
        QCOMPARE(client.state(), OtClient::State::AwaitingAck);
        auto done = client.ack(7);
        QVERIFY(done.ok());
        QVERIFY(!done.value());
        QCOMPARE(client.state(), OtClient::State::Synchronized);
        QCOMPARE(client.version(), 7);
        QVERIFY(!client.ack(8).ok()); // nothing in flight
    }

    void editsTypedMoreThanAMinuteApartStaySeparateOpsWithTheirTimes()
    {
        OtClient client(0);
        const qint64 t0 = 1'764'750'000'000;
        auto first = client.applyLocal(TextOperation({Component::insert(0, QStringLiteral("a"))}), t0);
        QCOMPARE(first->madeAt, t0);
        QVERIFY(!client.applyLocal(TextOperation({Component::insert(1, QStringLiteral("b"))}), t0 + 1000));
        QVERIFY(!client.applyLocal(TextOperation({Component::insert(2, QStringLiteral("c"))}), t0 + 2000));
        QVERIFY(!client.applyLocal(TextOperation({Component::insert(3, QStringLiteral("d"))}), t0 + 2000 + OtClient::composeWindowMs));
        // b and c in one op at c's time; d, a minute later, is an op of its own.
        QCOMPARE(client.pending().size(), 2);
        QCOMPARE(client.pendingTimes(), (QList<qint64>{t0 + 2000, t0 + 2000 + OtClient::composeWindowMs}));
        auto second = client.ack(1);
        QCOMPARE(second.value()->op, TextOperation({Component::insert(1, QStringLiteral("bc"))}));
        QCOMPARE(second.value()->madeAt, t0 + 2000);
        QCOMPARE(client.transmission()->madeAt, t0 + 2000);
        // A rebase keeps every op's time, the in-flight one's included.
        auto rebased = client.rebase(TextOperation({Component::insert(0, QStringLiteral("X"))}), 5, false);
        QCOMPARE(rebased.next->madeAt, t0 + 2000);
        QCOMPARE(client.pendingTimes(), (QList<qint64>{t0 + 2000 + OtClient::composeWindowMs}));
    }

    void remoteVersionMustFollow()
    {
        OtClient client(3);
        QVERIFY(!client.applyRemote(TextOperation({Component::insert(0, QStringLiteral("x"))}), 5, ot::Side::Left).ok());
        QCOMPARE(client.version(), 3);
        QVERIFY(client.applyRemote(TextOperation({Component::insert(0, QStringLiteral("x"))}), 4, ot::Side::Left).ok());
        QCOMPARE(client.version(), 4);
    }

    // Both insert at 0 concurrently. Whichever reaches the server first, the
    // insert of the clientId sorting first ("ada" < "bo") stands first on the
    // server and on both clients.
    void insertTiesGoByClientIdNotByArrival()
    {
        for (const bool adaFirst : {true, false}) {
            SimulatedServer server;
            bool dup = false;
            SharedDocument ada(QStringLiteral("d"), {}, QString(), 0);
            SharedDocument bo(QStringLiteral("d"), {}, QString(), 0);
            auto fromAda = ada.applyLocal(TextOperation({Component::insert(0, QStringLiteral("a"))}));
            auto fromBo = bo.applyLocal(TextOperation({Component::insert(0, QStringLiteral("b"))}));
            QVERIFY(fromAda.ok() && fromAda.value() && fromBo.ok() && fromBo.value());
            struct Author
            {
                QString id;
                SharedDocument *doc;
                OutgoingUpdate out;
            };
            Author first{QStringLiteral("ada"), &ada, *fromAda.value()};
            Author second{QStringLiteral("bo"), &bo, *fromBo.value()};
            if (!adaFirst)
                std::swap(first, second);
            for (const Author *a : {&first, &second})
                server.submit(a->out.op, a->out.baseVersion, a->id, a->out.seq, &dup);
            QVERIFY(first.doc->ack(1).ok());
            const SimulatedUpdate &later = server.history().at(1);
            QVERIFY(first.doc->applyRemote(later.op, 2, OtClient::remoteSideFor(later.clientId, first.id)).ok());
            const SimulatedUpdate &earlier = server.history().at(0);
            QVERIFY(second.doc->applyRemote(earlier.op, 1, OtClient::remoteSideFor(earlier.clientId, second.id)).ok());
            QVERIFY(second.doc->ack(2).ok());
            QCOMPARE(server.text(), QStringLiteral("ab"));
            QCOMPARE(ada.text(), server.text());
            QCOMPARE(bo.text(), server.text());
        }
    }

    void cursorUnderRemoteOps()
    {
        const TextOperation insertBefore({Component::insert(2, QStringLiteral("xyz"))});
        QCOMPARE(OtClient::transformCursor(5, insertBefore), 8);
        QCOMPARE(OtClient::transformCursor(1, insertBefore), 1);
        QCOMPARE(OtClient::transformCursor(2, insertBefore), 2);
        QCOMPARE(OtClient::transformCursor(2, insertBefore, true), 5);
        const TextOperation deleteAround({Component::erase(3, QStringLiteral("abcd"))});
        QCOMPARE(OtClient::transformCursor(5, deleteAround), 3);
        QCOMPARE(OtClient::transformCursor(9, deleteAround), 5);
    }

    void serverTextUndoesUnackedOps()
    {
        SharedDocument doc(QStringLiteral("d"), {}, QStringLiteral("hello world"), 4);
        QVERIFY(doc.applyLocal(TextOperation({Component::erase(0, QStringLiteral("hello"))})).ok());
        QVERIFY(doc.applyLocal(TextOperation({Component::insert(0, QStringLiteral("bye"))})).ok());
        QCOMPARE(doc.text(), QStringLiteral("bye world"));
        QCOMPARE(doc.serverText(), QStringLiteral("hello world"));
        auto replayed = SharedDocument::replay(doc.snapshotRecords(), QStringLiteral("me"), {});
        QVERIFY(replayed.ok());
        QCOMPARE(replayed.value().text(), doc.text());
        QCOMPARE(replayed.value().ot().inFlight()->seq, doc.ot().inFlight()->seq);
        QCOMPARE(replayed.value().ot().pending(), doc.ot().pending());
    }

    void rejectsOpThatDoesNotApply()
    {
        SharedDocument doc(QStringLiteral("d"), {}, QStringLiteral("abc"), 0);
        QVERIFY(!doc.applyLocal(TextOperation({Component::erase(1, QStringLiteral("x"))})).ok());
        QVERIFY(!doc.applyRemote(TextOperation({Component::insert(9, QStringLiteral("x"))}), 1, ot::Side::Left).ok());
        QCOMPARE(doc.text(), QStringLiteral("abc"));
        QCOMPARE(doc.version(), 0);
    }

    void randomConvergence_data()
    {
        QTest::addColumn<int>("clients");
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<bool>("faults");
        QTest::newRow("2 clients") << 2 << 1234u << false;
        QTest::newRow("3 clients") << 3 << 42u << false;
        QTest::newRow("5 clients") << 5 << 7u << false;
        QTest::newRow("3 clients, disconnects and crashes") << 3 << 99u << true;
        QTest::newRow("5 clients, disconnects and crashes") << 5 << 2024u << true;
    }

    void randomConvergence()
    {
        QFETCH(int, clients);
        QFETCH(quint32, seed);
        QFETCH(bool, faults);
        qInfo("seed %u", seed);
        Simulation sim(clients, seed, QStringLiteral("\\documentclass{article}\n"));
        sim.run(4000, faults);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(sim.server.version() > 100);
        for (const auto &c : sim.clients) {
            QCOMPARE(c->doc->ot().state(), OtClient::State::Synchronized);
            QCOMPARE(c->doc->version(), sim.server.version());
            QCOMPARE(c->doc->text(), sim.server.text());
        }
    }

    // Typists at one caret position type their runs while the messages go at
    // random: each run stands whole in the converged text. Every seed gives the
    // same interleaving, so a failure replays exactly.
    void typingRunsAtOnePlaceStayWhole_data()
    {
        QTest::addColumn<int>("clients");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("2 typists") << 2 << 6001u;
        QTest::newRow("3 typists") << 3 << 6002u;
        QTest::newRow("4 typists") << 4 << 6003u;
    }

    void typingRunsAtOnePlaceStayWhole()
    {
        QFETCH(int, clients);
        QFETCH(quint32, seed);
        const QStringList runs{QStringLiteral("alice types her sentence "), QStringLiteral("bob types his words "),
                               QStringLiteral("carol adds a line "), QStringLiteral("dan writes too ")};
        const QString initial = QStringLiteral("Before. After.");
        for (quint32 round = 0; round < 200; ++round) {
            Simulation sim(clients, seed + round * 7919, initial);
            for (int i = 0; i < clients; ++i) {
                sim.clients[i]->caret = 8;
                sim.clients[i]->toType = runs.at(i);
            }
            auto typing = [&] {
                for (const auto &c : sim.clients) {
                    if (!c->toType.isEmpty() || c->typo)
                        return true;
                }
                return false;
            };
            while (typing() && !QTest::currentTestFailed()) {
                const int who = sim.rng.bounded(clients);
                SimClient &c = *sim.clients.at(who);
                const int action = sim.rng.bounded(3);
                if (action == 0)
                    sim.typeNext(c, runs.at(who).size());
                else if (action == 1)
                    sim.deliverToServer(c);
                else
                    sim.deliverToClient(c);
            }
            sim.drain();
            if (QTest::currentTestFailed())
                return;
            const QString text = sim.server.text();
            for (int i = 0; i < clients; ++i) {
                QCOMPARE(sim.clients[i]->doc->text(), text);
                QVERIFY2(text.contains(runs.at(i)), qPrintable(QStringLiteral("seed %1: \"%2\"").arg(seed + round * 7919).arg(text)));
            }
        }
    }

    // 1,000 offline edits all over the text are queued as several ops, none
    // with more components than the server accepts, and all merge.
    void longOfflineSessionStaysUnderComponentLimit()
    {
        const quint32 seed = 5150;
        qInfo("seed %u", seed);
        Simulation sim(2, seed, QString(2000, QLatin1Char('x')));
        SimClient &offline = *sim.clients.at(0);
        sim.localEdit(offline);
        sim.disconnect(offline);
        for (int i = 0; i < 1000; ++i)
            sim.localEdit(offline);
        for (int i = 0; i < 200; ++i)
            sim.localEdit(*sim.clients.at(1));
        QVERIFY(offline.doc->ot().pending().size() > 1);
        sim.drain();
        QVERIFY(offline.maxComponentsSent <= OtClient::maxComposedComponents);
        for (const auto &c : sim.clients)
            QCOMPARE(c->doc->text(), sim.server.text());
        QVERIFY(sim.server.version() >= 3);
    }

    // The server refused our op (our idea of its text was off) and gave its
    // text: our edits, rebased over the difference, keep theirs as well.
    void aRebaseKeepsOurEditsAndTheServers()
    {
        quint64 seq = 1;
        SharedDocument doc(QStringLiteral("d"), {}, QStringLiteral("alpha BETA gamma\n"), 3, [&seq] { return seq++; });
        QVERIFY(doc.applyLocal(TextOperation({Component::erase(6, QStringLiteral("BETA")), Component::insert(6, QStringLiteral("delta"))})).ok());
        QVERIFY(doc.applyLocal(TextOperation({Component::insert(0, QStringLiteral("% "))})).ok());
        const QString before = doc.text();
        const QString server = QStringLiteral("alpha beta gamma, more\n");
        const OtClient::Rebased rebased = doc.rebase(server, 5, false);
        QCOMPARE(doc.version(), 5);
        QCOMPARE(ot::apply(before, rebased.local).value(), doc.text());
        QVERIFY(doc.text().contains(QStringLiteral("delta")));
        QVERIFY(doc.text().startsWith(QStringLiteral("% ")));
        QVERIFY(doc.text().contains(QStringLiteral(", more")));
        QVERIFY(rebased.next);
        QCOMPARE(rebased.next->seq, 2u); // a new seq (the first was 1): the refused one stays refused
        QCOMPARE(rebased.next->baseVersion, 5);
        QCOMPARE(doc.serverText(), server);
    }

    // The server's text already holds our in-flight op (its ack was lost):
    // it is not applied twice.
    void aRebaseOverOurAppliedOpDoesNotRepeatIt()
    {
        SharedDocument doc(QStringLiteral("d"), {}, QStringLiteral("abc"), 0);
        QVERIFY(doc.applyLocal(TextOperation({Component::insert(0, QStringLiteral("X"))})).ok());
        QVERIFY(doc.applyLocal(TextOperation({Component::insert(1, QStringLiteral("Y"))})).ok());
        doc.rebase(QStringLiteral("Xabc!"), 2, true);
        QCOMPARE(doc.text(), QStringLiteral("XYabc!"));
        QCOMPARE(doc.serverText(), QStringLiteral("Xabc!"));
    }

    // An in-flight op of 200 deletes, each split by six concurrent inserts,
    // has 1,400 components: more than the server takes. Its resend is the op
    // as first sent, which the server transforms itself.
    void aGrownInFlightOpIsResentAsFirstSent()
    {
        SimulatedServer server(QString(3000, QLatin1Char('a')));
        SharedDocument doc(QStringLiteral("d"), {}, server.text(), 0);
        TextOperation deletes; // original [14i, 14i + 7)
        for (int i = 0; i < 200; ++i)
            deletes.append(Component::erase(i * 7, QStringLiteral("aaaaaaa")));
        QVERIFY(doc.applyLocal(deletes).ok());
        TextOperation inserts; // at each original 14i + j, j = 1..6, shifted by the inserts before
        for (int i = 0, n = 0; i < 200; ++i) {
            for (int j = 1; j <= 6; ++j, ++n)
                inserts.append(Component::insert(14 * i + j + n, QStringLiteral("b")));
        }
        QVERIFY(ot::apply(server.text(), inserts).ok());
        bool dup = false;
        const SimulatedUpdate theirs = server.submit(inserts, 0, QStringLiteral("other"), 1, &dup);
        QVERIFY(doc.applyRemote(theirs.op, theirs.version, ot::Side::Left).ok());
        QVERIFY(doc.ot().inFlight()->op.size() > OtClient::maxWireComponents);
        const OutgoingUpdate out = *doc.ot().transmission();
        QVERIFY(out.op.size() <= OtClient::maxComposedComponents);
        QCOMPARE(out.baseVersion, 0);
        const SimulatedUpdate ours = server.submit(out.op, out.baseVersion, QStringLiteral("me"), out.seq, &dup);
        QVERIFY(doc.ack(ours.version).ok());
        QCOMPARE(doc.text(), server.text());
        QCOMPARE(server.text().count(QLatin1Char('b')), 1200);
    }
};

QTEST_GUILESS_MAIN(TestOtClient)
#include "tst_otclient.moc"
