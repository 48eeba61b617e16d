// Every limit and malformed input gets its error and leaves the doc intact, and the
// server survives ten thousand random malformed frames.
#include "serverfixture.h"

#include "sync/ot/opjson.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <memory>
#include <vector>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

namespace {

QJsonObject applyUpdate(const QString &doc, qint64 v, const QJsonValue &op, qint64 seq)
{
    return {{QStringLiteral("type"), QStringLiteral("applyUpdate")}, {QStringLiteral("doc"), doc},
            {QStringLiteral("v"), double(v)}, {QStringLiteral("op"), op}, {QStringLiteral("seq"), double(seq)}};
}

QJsonArray insertOp(qsizetype p, const QString &s)
{
    return ot::toJson(TextOperation({Component::insert(p, s)}));
}

QString code(const QJsonObject &reply)
{
    return reply.value(QLatin1String("code")).toString();
}

// A bare WebSocket that sends what it is told and keeps every JSON frame it gets
// (the floods below are not what a TestClient would ever send).
struct RawSocket
{
    QWebSocket socket;
    QList<QJsonObject> received;

    explicit RawSocket(const QString &url)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &m) { received.append(QJsonDocument::fromJson(m.toUtf8()).object()); });
        socket.open(QUrl(url));
    }
    bool waitConnected() { return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000); }
    bool waitClosed(int ms = 5000) { return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, ms); }
    void send(const QJsonObject &o) { socket.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact))); }
    void hello(const QString &projectId, const QString &token, const QString &clientId, int rid = 1)
    {
        send({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("rid"), rid}, {QStringLiteral("protocolVersion"), 1},
              {QStringLiteral("projectId"), projectId}, {QStringLiteral("token"), token}, {QStringLiteral("clientId"), clientId}});
    }
    int countType(const QString &type) const
    {
        return int(std::count_if(received.cbegin(), received.cend(), [&](const QJsonObject &o) { return o.value(QLatin1String("type")).toString() == type; }));
    }
};

ServerConfig limitsConfig()
{
    ServerConfig c = ServerFixture::fastConfig();
    c.realtime.handshakeTimeoutMs = 1000;
    c.realtime.maxConnectionsPerAddress = 3;
    c.realtime.failedHellosBeforeDelay = 3;
    c.realtime.failedHelloDelayMs = 200;
    c.realtime.failedHelloMaxDelayMs = 1000;
    return c;
}

} // namespace

class TestServerLimits : public QObject
{
    Q_OBJECT

private:
    ServerFixture f;
    QString doc;
    const QString original = QStringLiteral("\\section{Intro}\nText.\n");

    void verifyDocIntact(qint64 expectedVersion = 0)
    {
        const auto [text, version] = f.serverDoc(doc);
        QCOMPARE(text, original);
        QCOMPARE(version, expectedVersion);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(f.start(), qPrintable(f.error));
        doc = f.createDoc(QStringLiteral("main.tex"), original);
        QVERIFY(!doc.isEmpty());
    }

    void rejectsBadCredentials()
    {
        auto wrongToken = f.client(QStringLiteral("x"), 0, QStringLiteral("not-a-token"));
        const QJsonObject reply = wrongToken->connectAndHello();
        QCOMPARE(reply.value(QLatin1String("type")).toString(), QStringLiteral("rejected"));
        QCOMPARE(code(reply), QStringLiteral("unauthorized"));
        QVERIFY(wrongToken->waitFor([&] { return !wrongToken->isConnected(); }));

        TestClient unknownProject(f.url(), QStringLiteral("no-such-project"), f.token, QStringLiteral("y"));
        const QJsonObject reply2 = unknownProject.connectAndHello();
        QCOMPARE(reply2.value(QLatin1String("type")).toString(), QStringLiteral("rejected"));
        QVERIFY(!code(reply2).isEmpty());

        auto oldClient = f.client(QStringLiteral("z"));
        QVERIFY(oldClient->connectAndHello().value(QLatin1String("type")).toString() == QLatin1String("welcome"));
        const QJsonObject again = oldClient->request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocolVersion"), 1},
                                                      {QStringLiteral("projectId"), f.projectId}, {QStringLiteral("token"), f.token}, {QStringLiteral("clientId"), QStringLiteral("z")}});
        QCOMPARE(code(again), QStringLiteral("already_connected"));

        // A hello with protocolVersion 2.
        auto c = f.client(QStringLiteral("v2"));
        QWebSocket socket;
        socket.open(QUrl(f.url()));
        QVERIFY(c->waitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }));
        QString answer;
        connect(&socket, &QWebSocket::textMessageReceived, this, [&](const QString &m) { answer = m; });
        socket.sendTextMessage(QStringLiteral(R"({"type":"hello","rid":1,"protocolVersion":2,"projectId":"%1","token":"%2","clientId":"v2"})").arg(f.projectId, f.token));
        QVERIFY(c->waitFor([&] { return !answer.isEmpty(); }));
        QCOMPARE(QJsonDocument::fromJson(answer.toUtf8()).object().value(QLatin1String("code")).toString(), QStringLiteral("unsupported_protocol_version"));
    }

    void requiresHelloFirst()
    {
        auto c = f.client(QStringLiteral("nohello"));
        QWebSocket socket;
        QString answer;
        connect(&socket, &QWebSocket::textMessageReceived, this, [&](const QString &m) { answer = m; });
        socket.open(QUrl(f.url()));
        QVERIFY(c->waitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }));
        socket.sendTextMessage(QStringLiteral(R"({"type":"joinDoc","rid":1,"doc":"%1"})").arg(doc));
        QVERIFY(c->waitFor([&] { return !answer.isEmpty(); }));
        QCOMPARE(QJsonDocument::fromJson(answer.toUtf8()).object().value(QLatin1String("code")).toString(), QStringLiteral("not_connected"));
        // And a connection that never says hello is closed.
        QVERIFY(c->waitFor([&] { return socket.state() != QAbstractSocket::ConnectedState; }, 8000));
    }

    void malformedFramesGetErrors_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad json") << QStringLiteral("{\"type\":") << QStringLiteral("invalid_json");
        QTest::newRow("not an object") << QStringLiteral("42") << QStringLiteral("invalid_json");
        QTest::newRow("unknown type") << QStringLiteral(R"({"type":"dance","rid":1})") << QStringLiteral("unknown_type");
        QTest::newRow("wrong type") << QStringLiteral(R"({"type":"joinDoc","rid":1,"doc":[]})") << QStringLiteral("wrong_type");
        QTest::newRow("missing field") << QStringLiteral(R"({"type":"applyUpdate","rid":1,"doc":"x","seq":1,"op":[]})") << QStringLiteral("missing_field");
        QTest::newRow("bad op") << QStringLiteral(R"({"type":"applyUpdate","rid":1,"doc":"x","v":0,"seq":1,"op":[{"p":"0","i":"a"}]})") << QStringLiteral("invalid_op");
    }
    void malformedFramesGetErrors()
    {
        QFETCH(QString, frame);
        QFETCH(QString, expected);
        auto c = f.client(QStringLiteral("m"));
        QVERIFY(!c->connectAndHello().isEmpty());
        const int before = int(c->received.size());
        c->sendRaw(frame);
        QVERIFY(c->waitFor([&] { return c->received.size() > before; }));
        QCOMPARE(code(c->received.last()), expected);
        // The connection stays usable.
        QCOMPARE(c->request({{QStringLiteral("type"), QStringLiteral("ping")}}).value(QLatin1String("type")).toString(), QStringLiteral("pong"));
        verifyDocIntact();
    }

    void updateLimits_data()
    {
        QTest::addColumn<QJsonValue>("op");
        QTest::addColumn<qint64>("version");
        QTest::addColumn<QString>("expected");
        QTest::newRow("out of range") << QJsonValue(insertOp(1000, QStringLiteral("x"))) << qint64(0) << QStringLiteral("op_out_of_range");
        QJsonArray mismatch{QJsonObject{{QStringLiteral("p"), 0}, {QStringLiteral("d"), QStringLiteral("nope")}}};
        QTest::newRow("delete mismatch") << QJsonValue(mismatch) << qint64(0) << QStringLiteral("delete_mismatch");
        QTest::newRow("future version") << QJsonValue(insertOp(0, QStringLiteral("x"))) << qint64(99) << QStringLiteral("version_in_future");
        QJsonArray many;
        for (int i = 0; i < 1001; ++i)
            many.append(QJsonObject{{QStringLiteral("p"), 0}, {QStringLiteral("i"), QStringLiteral("x")}});
        QTest::newRow("too many components") << QJsonValue(many) << qint64(0) << QStringLiteral("too_many_components");
        QTest::newRow("doc too large") << QJsonValue(insertOp(0, QString(2 * 1024 * 1024 + 10, QLatin1Char('x')))) << qint64(0) << QStringLiteral("doc_too_large");
    }
    void updateLimits()
    {
        QFETCH(QJsonValue, op);
        QFETCH(qint64, version);
        QFETCH(QString, expected);
        auto c = f.client(QStringLiteral("limits"));
        QVERIFY(!c->connectAndHello().isEmpty());
        QVERIFY(c->joinDoc(doc));
        const QJsonObject reply = c->request(applyUpdate(doc, version, op, 1));
        QCOMPARE(reply.value(QLatin1String("type")).toString(), QStringLiteral("updateError"));
        QCOMPARE(code(reply), expected);
        QCOMPARE(reply.value(QLatin1String("doc")).toString(), doc);
        verifyDocIntact();
    }

    void unknownDocAndNotJoined()
    {
        auto c = f.client(QStringLiteral("u"));
        QVERIFY(!c->connectAndHello().isEmpty());
        QCOMPARE(code(c->request({{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("doc"), QStringLiteral("nope")}})), QStringLiteral("unknown_doc"));
        QCOMPARE(code(c->request(applyUpdate(doc, 0, insertOp(0, QStringLiteral("x")), 1))), QStringLiteral("not_joined"));
        QCOMPARE(code(c->request({{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("doc"), doc}, {QStringLiteral("fromVersion"), 50}})), QStringLiteral("version_in_future"));
        verifyDocIntact();
    }

    void readOnlyCannotWrite()
    {
        auto r = f.client(QStringLiteral("reader"), 0, f.readOnlyToken);
        QCOMPARE(r->connectAndHello().value(QLatin1String("role")).toString(), QStringLiteral("read_only"));
        QVERIFY(r->joinDoc(doc));
        QCOMPARE(r->text(), original);
        const QJsonObject reply = r->request(applyUpdate(doc, 0, insertOp(0, QStringLiteral("x")), 1));
        QCOMPARE(code(reply), QStringLiteral("read_only"));
        QCOMPARE(code(r->request({{QStringLiteral("type"), QStringLiteral("createDoc")}, {QStringLiteral("path"), QStringLiteral("evil.tex")}})), QStringLiteral("read_only"));
        verifyDocIntact();
    }

    void hugeFrameClosesConnection()
    {
        auto c = f.client(QStringLiteral("huge"));
        QVERIFY(!c->connectAndHello().isEmpty());
        QVERIFY(c->joinDoc(doc));
        c->sendObject(applyUpdate(doc, 0, insertOp(0, QString(9 * 1024 * 1024, QLatin1Char('x'))), 1));
        QVERIFY(c->waitFor([&] { return !c->isConnected(); }, 20000));
        verifyDocIntact();
        // Everyone else is still served.
        auto d = f.client(QStringLiteral("after-huge"));
        QCOMPARE(d->connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
    }

    // ---- limits against one host or one member starving the rest ------------

    void halfOpenConnectionsAreClosedAfterTheHandshakeTimeout()
    {
        ServerConfig config = limitsConfig();
        config.realtime.maxConnectionsPerAddress = 1000;
        ServerFixture g;
        QVERIFY2(g.start(config), qPrintable(g.error));
        const quint16 port = g.servers.front()->port();
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 50; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(QHostAddress::LocalHost, port);
        }
        // Half a request line from some, nothing from the others: neither is a handshake.
        for (size_t i = 0; i < sockets.size(); ++i) {
            QVERIFY(sockets[i]->waitForConnected(5000));
            if (i % 2)
                sockets[i]->write("GET / HTTP/1.1\r\nHost: x\r\n");
        }
        QElapsedTimer clock;
        clock.start();
        QVERIFY(QTest::qWaitFor([&] {
            return std::all_of(sockets.cbegin(), sockets.cend(), [](const auto &s) { return s->state() == QAbstractSocket::UnconnectedState; });
        }, 6000));
        qInfo("50 half-open connections closed after %lld ms (timeout 1000 ms)", clock.elapsed());
        // A real client still gets in.
        auto c = g.client(QStringLiteral("after-half-open"));
        QCOMPARE(c->connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
    }

    void aConnectionOverThePerAddressCapIsRefusedWithItsReason()
    {
        ServerFixture g;
        QVERIFY2(g.start(limitsConfig()), qPrintable(g.error));
        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(g.client(QStringLiteral("capped-%1").arg(i)));
            QCOMPARE(clients.back()->connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        }
        RawSocket fourth(g.url());
        QVERIFY(fourth.waitClosed());
        QCOMPARE(int(fourth.socket.closeCode()), 1008);
        QCOMPARE(fourth.socket.closeReason(), QStringLiteral("too_many_connections"));
        // A slot freed is a slot to take.
        clients.front()->close();
        QVERIFY(QTest::qWaitFor([&] {
            auto again = g.client(QStringLiteral("capped-again"));
            return again->connectAndHello(2000).value(QLatin1String("type")).toString() == QLatin1String("welcome");
        }, 5000));
    }

    void wrongTokenHellosFromOneAddressAreSlowedWithoutBlockingOthers()
    {
        ServerFixture g;
        QVERIFY2(g.start(limitsConfig()), qPrintable(g.error));
        auto member = g.client(QStringLiteral("member"));
        QCOMPARE(member->connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        QList<qint64> times;
        for (int i = 0; i < 6; ++i) {
            QElapsedTimer clock;
            clock.start();
            auto guess = g.client(QStringLiteral("guess-%1").arg(i), 0, QStringLiteral("guess-%1").arg(i));
            QCOMPARE(guess->connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("rejected"));
            times.append(clock.elapsed());
        }
        qInfo() << "wrong-token hello answers after (ms)" << times;
        // 3 free, then 200, 400, 800 ms.
        QVERIFY2(times.at(5) >= 700, qPrintable(QString::number(times.at(5))));
        QVERIFY2(times.at(4) >= 350, qPrintable(QString::number(times.at(4))));
        // While a hello waits, the server answers everyone else at once.
        RawSocket waiting(g.url());
        QVERIFY(waiting.waitConnected());
        waiting.hello(g.projectId, QStringLiteral("still-wrong"), QStringLiteral("w"));
        QElapsedTimer ping;
        ping.start();
        QCOMPARE(member->request({{QStringLiteral("type"), QStringLiteral("ping")}}).value(QLatin1String("type")).toString(), QStringLiteral("pong"));
        QVERIFY2(ping.elapsed() < 200, qPrintable(QString::number(ping.elapsed())));
        QVERIFY(waiting.received.isEmpty());
        QVERIFY(waiting.waitClosed(3000));
        QCOMPARE(waiting.countType(QStringLiteral("rejected")), 1);
        // The right token still gets in (after its wait).
        auto right = g.client(QStringLiteral("right"));
        QCOMPARE(right->connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
    }

    void aCursorFloodIsCoalescedToTheLatestPosition()
    {
        auto reader = f.client(QStringLiteral("cursor-flooder"), 0, f.readOnlyToken);
        QCOMPARE(reader->connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        QVERIFY(reader->joinDoc(doc));
        auto writer = f.client(QStringLiteral("cursor-watcher"));
        QVERIFY(!writer->connectAndHello().isEmpty());
        QVERIFY(writer->joinDoc(doc));
        const int before = writer->countOfType(QStringLiteral("presence"));
        QElapsedTimer clock;
        clock.start();
        const int flood = 1500; // within the frame burst (2000): coalesced, not closed
        for (int i = 0; i < flood; ++i) {
            const int last = i == flood - 1;
            reader->sendObject({{QStringLiteral("type"), QStringLiteral("cursor")}, {QStringLiteral("doc"), doc},
                                {QStringLiteral("position"), last ? 11 : i % 20}, {QStringLiteral("anchor"), last ? 3 : i % 20}});
            if (i % 200 == 0)
                QCoreApplication::processEvents();
        }
        auto latest = [&] {
            const QJsonObject p = writer->lastOfType(QStringLiteral("presence"));
            return p.value(QLatin1String("position")).toInt() == 11 && p.value(QLatin1String("anchor")).toInt() == 3;
        };
        QVERIFY(writer->waitFor(latest, 5000));
        QTest::qWait(300); // nothing more comes after the latest
        const qint64 elapsed = clock.elapsed();
        const int frames = writer->countOfType(QStringLiteral("presence")) - before;
        qInfo("%d cursor messages in %lld ms gave %d presence frames", flood, elapsed, frames);
        QVERIFY2(frames <= elapsed / 50 + 3, qPrintable(QString::number(frames)));
        QVERIFY(latest());
    }

    void anOpFloodIsPushedBackAndEveryOpIsAppliedOnce()
    {
        const QString floodDoc = f.createDoc(QStringLiteral("flood.tex"), QString());
        QVERIFY(!floodDoc.isEmpty());
        RawSocket flooder(f.url());
        QVERIFY(flooder.waitConnected());
        flooder.hello(f.projectId, f.token, QStringLiteral("op-flooder"));
        QVERIFY(QTest::qWaitFor([&] { return flooder.countType(QStringLiteral("welcome")) == 1; }, 5000));
        flooder.send({{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("rid"), 2}, {QStringLiteral("doc"), floodDoc}});
        QVERIFY(QTest::qWaitFor([&] { return flooder.countType(QStringLiteral("doc")) == 1; }, 5000));

        auto probe = f.client(QStringLiteral("op-probe"));
        QVERIFY(!probe->connectAndHello().isEmpty());
        QVERIFY(probe->joinDoc(floodDoc));

        // Every op is made on version 0 and inserts a marker of its own at 0; the
        // server transforms it over the others, so each marker appears once.
        const int ops = 400;
        qint64 nextSeq = 1;
        QHash<int, int> ridToOp;  // the rid of the latest send of each op
        QSet<int> acked;
        int rateLimited = 0;
        auto sendOp = [&](int op) {
            const int rid = 1000 + int(nextSeq);
            ridToOp.insert(rid, op);
            flooder.send({{QStringLiteral("type"), QStringLiteral("applyUpdate")}, {QStringLiteral("rid"), rid}, {QStringLiteral("doc"), floodDoc},
                          {QStringLiteral("v"), 0}, {QStringLiteral("op"), insertOp(0, QStringLiteral("<%1>").arg(op))},
                          {QStringLiteral("seq"), double(nextSeq++)}});
        };
        qsizetype handled = flooder.received.size();
        for (int op = 0; op < ops; ++op)
            sendOp(op);
        QList<qint64> probeAcks;
        QList<int> resend;
        QElapsedTimer clock;
        clock.start();
        while (acked.size() < ops && clock.elapsed() < 60000) {
            // The probe types one letter at a time and times each ack.
            if (probe->isIdle() && probeAcks.size() < 30) {
                QElapsedTimer ack;
                ack.start();
                probe->edit(TextOperation({Component::insert(0, QStringLiteral("p"))}));
                QVERIFY(probe->waitFor([&] { return probe->isIdle(); }, 10000));
                probeAcks.append(ack.elapsed());
            }
            QTest::qWait(5);
            for (; handled < flooder.received.size(); ++handled) {
                const QJsonObject &r = flooder.received.at(handled);
                const int op = ridToOp.value(r.value(QLatin1String("rid")).toInt(), -1);
                if (op < 0)
                    continue;
                const QString type = r.value(QLatin1String("type")).toString();
                if (type == QLatin1String("ack")) {
                    QVERIFY2(!acked.contains(op), "an op acked twice");
                    acked.insert(op);
                } else if (type == QLatin1String("updateError")) {
                    // rate_limited: the same op later; stale_seq (a later op got in
                    // first): the same op under a new seq. Nothing else is expected.
                    const QString c = code(r);
                    QVERIFY2(c == QLatin1String("rate_limited") || c == QLatin1String("stale_seq"), qPrintable(c));
                    rateLimited += c == QLatin1String("rate_limited");
                    resend.append(op);
                }
            }
            // Resent a few at a time, as a client that backs off would (and within
            // the 500 messages/s a connection may send).
            for (int i = 0; i < 2 && !resend.isEmpty(); ++i)
                sendOp(resend.takeFirst());
        }
        QCOMPARE(acked.size(), ops);
        std::sort(probeAcks.begin(), probeAcks.end());
        qInfo() << "flood:" << ops << "ops," << rateLimited << "rate_limited; probe acks (ms, sorted)" << probeAcks;
        QVERIFY(rateLimited > 0);
        QVERIFY(!probeAcks.isEmpty());
        QVERIFY2(probeAcks.last() < 2000, qPrintable(QString::number(probeAcks.last())));
        const QString text = f.serverDoc(floodDoc).first;
        for (int op = 0; op < ops; ++op)
            QCOMPARE(text.count(QStringLiteral("<%1>").arg(op)), qsizetype(1));
        QCOMPARE(text.count(u'p'), qsizetype(probeAcks.size()));
    }

    void tenThousandMalformedFrames()
    {
        const quint32 seed = 424242;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        const QStringList templates = {
            QStringLiteral(R"({"type":"applyUpdate","rid":1,"doc":"%1","v":0,"op":[{"p":3,"i":"x"}],"seq":5})").arg(doc),
            QStringLiteral(R"({"type":"joinDoc","rid":2,"doc":"%1","fromVersion":0})").arg(doc),
            QStringLiteral(R"({"type":"cursor","doc":"%1","position":3,"anchor":1})").arg(doc),
            QStringLiteral(R"({"type":"hello","rid":3,"protocolVersion":1,"projectId":"%1","token":"%2","clientId":"c"})").arg(f.projectId, QStringLiteral("bad")),
            QStringLiteral(R"({"type":"rename","rid":4,"id":"%1","path":"x.tex"})").arg(doc),
        };
        auto c = f.client(QStringLiteral("fuzz"));
        QVERIFY(!c->connectAndHello().isEmpty());
        int sent = 0;
        int reconnects = 0;
        while (sent < 10000) {
            QString frame = templates.at(int(rng.bounded(quint32(templates.size()))));
            const int edits = 1 + int(rng.bounded(3));
            for (int e = 0; e < edits; ++e) {
                const int pos = int(rng.bounded(quint32(frame.size())));
                switch (rng.bounded(4)) {
                case 0:
                    frame.remove(pos, 1 + int(rng.bounded(4)));
                    break;
                case 1:
                    frame.insert(pos, QChar(char16_t(0x20 + rng.bounded(0x5f))));
                    break;
                case 2:
                    frame.replace(pos, 1, QStringLiteral("\"\\u00"));
                    break;
                default:
                    frame = frame.left(pos);
                }
            }
            // Make sure nothing valid changes the doc: no update is allowed through.
            if (frame.contains(QLatin1String("applyUpdate")) && !frame.contains(QLatin1String("\"v\":0")))
                frame.replace(QLatin1String("applyUpdate"), QLatin1String("applyUpdat"));
            if (!c->isConnected()) {
                ++reconnects;
                QVERIFY(!c->connectAndHello().isEmpty());
            }
            c->sendRaw(frame);
            ++sent;
            if (sent % 500 == 0)
                QVERIFY(c->waitFor([&] { return c->request({{QStringLiteral("type"), QStringLiteral("ping")}}, 5000).contains(QLatin1String("type")) || !c->isConnected(); }, 20000));
        }
        qInfo("sent %d malformed frames, %d reconnects", sent, reconnects);
        // The server is up and serves a good client; applied updates (a mutated frame
        // may still be valid) are the only changes.
        auto good = f.client(QStringLiteral("good"));
        QCOMPARE(good->connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        QVERIFY(good->joinDoc(doc));
        good->edit(TextOperation({Component::insert(0, QStringLiteral("ok "))}));
        QVERIFY(good->waitFor([&] { return good->isIdle(); }));
        QVERIFY(good->text().startsWith(QStringLiteral("ok ")));
    }
};

QTEST_GUILESS_MAIN(TestServerLimits)
#include "tst_server_limits.moc"
