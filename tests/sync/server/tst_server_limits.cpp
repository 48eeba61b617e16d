// Every limit and malformed input gets its error and leaves the doc intact, and the
// server survives ten thousand random malformed frames.
#include "serverfixture.h"

#include "sync/ot/opjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QWebSocket>

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
