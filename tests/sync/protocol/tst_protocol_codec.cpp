// MessageCodec: strict decoding of every client message and the error code each
// kind of malformed frame gets (docs/protocol.md, "Errors").
#include "sync/protocol/messagecodec.h"
#include "sync/protocol/servermessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace coauthor::sync;

class TestProtocolCodec : public QObject
{
    Q_OBJECT

private:
    static QString errorCode(const QString &frame)
    {
        auto r = MessageCodec::decode(frame);
        return r ? QString() : r.error().code;
    }

private Q_SLOTS:
    void decodesHello()
    {
        auto r = MessageCodec::decode(QStringLiteral(R"({"type":"hello","rid":1,"protocolVersion":1,"projectId":"p1","token":"t","clientId":"c-1","name":"Ada"})"));
        QVERIFY(r);
        QCOMPARE(r.value().type, ClientMessage::Type::Hello);
        QCOMPARE(*r.value().rid, 1);
        QCOMPARE(r.value().protocolVersion, 1);
        QCOMPARE(r.value().projectId, QStringLiteral("p1"));
        QCOMPARE(r.value().clientId, QStringLiteral("c-1"));
        QCOMPARE(r.value().name, QStringLiteral("Ada"));
    }

    void decodesApplyUpdate()
    {
        auto r = MessageCodec::decode(QStringLiteral(R"({"type":"applyUpdate","rid":7,"doc":"d1","v":12,"op":[{"p":0,"i":"% "},{"p":5,"d":"x"}],"seq":8})"));
        QVERIFY(r);
        const ClientMessage &m = r.value();
        QCOMPARE(m.type, ClientMessage::Type::ApplyUpdate);
        QCOMPARE(m.doc, QStringLiteral("d1"));
        QCOMPARE(m.version, 12);
        QCOMPARE(m.seq, 8);
        QCOMPARE(m.op.size(), 2);
        QVERIFY(m.op.components().at(1).isDelete());
        QVERIFY(m.clientId.isEmpty());
    }

    void roundTripsEveryType_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::newRow("joinProject") << QStringLiteral(R"({"type":"joinProject","rid":2})");
        QTest::newRow("joinDoc") << QStringLiteral(R"({"type":"joinDoc","rid":3,"doc":"d1"})");
        QTest::newRow("joinDoc from") << QStringLiteral(R"({"type":"joinDoc","rid":4,"doc":"d1","fromVersion":9})");
        QTest::newRow("leaveDoc") << QStringLiteral(R"({"type":"leaveDoc","rid":5,"doc":"d1"})");
        QTest::newRow("cursor") << QStringLiteral(R"({"type":"cursor","doc":"d1","position":40,"anchor":35})");
        QTest::newRow("createDoc") << QStringLiteral(R"({"type":"createDoc","rid":7,"path":"a/b.tex","text":"hi"})");
        QTest::newRow("createFolder") << QStringLiteral(R"({"type":"createFolder","rid":8,"path":"a"})");
        QTest::newRow("rename") << QStringLiteral(R"({"type":"rename","rid":9,"id":"d2","path":"c.tex"})");
        QTest::newRow("delete") << QStringLiteral(R"({"type":"delete","rid":10,"id":"d2"})");
        QTest::newRow("uploadFile") << QStringLiteral(R"({"type":"uploadFile","rid":11,"path":"f.png","data":"aGVsbG8="})");
        QTest::newRow("downloadFile") << QStringLiteral(R"({"type":"downloadFile","rid":12,"id":"b1"})");
        QTest::newRow("ping") << QStringLiteral(R"({"type":"ping","rid":13})");
    }
    void roundTripsEveryType()
    {
        QFETCH(QString, frame);
        auto first = MessageCodec::decode(frame);
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
        auto second = MessageCodec::decode(MessageCodec::encode(MessageCodec::toJson(first.value())));
        QVERIFY(second);
        QCOMPARE(MessageCodec::toJson(second.value()), MessageCodec::toJson(first.value()));
    }

    // The hand-built ack frame says what the QJsonObject one says, escaping included.
    void ackFrameMatchesTheJsonAck_data()
    {
        QTest::addColumn<QString>("doc");
        QTest::addColumn<bool>("withRid");
        QTest::addColumn<bool>("duplicate");
        QTest::newRow("uuid") << QStringLiteral("0f8e2c1a-77aa-4b1e-9c3d-5e6f7a8b9c0d") << true << false;
        QTest::newRow("no rid, duplicate") << QStringLiteral("doc_1.tex") << false << true;
        QTest::newRow("escaped") << QStringLiteral("a\"b\\c\u00e9") << true << true;
    }

    void ackFrameMatchesTheJsonAck()
    {
        QFETCH(QString, doc);
        QFETCH(bool, withRid);
        QFETCH(bool, duplicate);
        const ServerMessages::Rid rid = withRid ? ServerMessages::Rid(1234567890123) : std::nullopt;
        const QJsonObject expected = ServerMessages::ack(rid, doc, 9007199254740, 1000000, duplicate);
        QJsonParseError error;
        const QJsonObject got = QJsonDocument::fromJson(ServerMessages::ackFrame(rid, doc, 9007199254740, 1000000, duplicate).toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(got.keys(), expected.keys());
        for (const QString &key : expected.keys()) {
            if (expected.value(key).isDouble())
                QCOMPARE(got.value(key).toInteger(), expected.value(key).toInteger());
            else
                QCOMPARE(got.value(key), expected.value(key));
        }
    }

    void uploadDecodesBase64()
    {
        auto r = MessageCodec::decode(QStringLiteral(R"({"type":"uploadFile","path":"f.bin","data":"aGVsbG8="})"));
        QVERIFY(r);
        QCOMPARE(r.value().data, QByteArray("hello"));
        QCOMPARE(errorCode(QStringLiteral(R"({"type":"uploadFile","path":"f.bin","data":"***"})")), QStringLiteral("wrong_type"));
    }

    void rejectsMalformed_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("code");
        QTest::newRow("not json") << QStringLiteral("{nope") << QStringLiteral("invalid_json");
        QTest::newRow("array") << QStringLiteral("[1,2]") << QStringLiteral("invalid_json");
        QTest::newRow("empty") << QString() << QStringLiteral("invalid_json");
        QTest::newRow("no type") << QStringLiteral(R"({"rid":1})") << QStringLiteral("unknown_type");
        QTest::newRow("type number") << QStringLiteral(R"({"type":3})") << QStringLiteral("unknown_type");
        QTest::newRow("unknown type") << QStringLiteral(R"({"type":"launchRockets"})") << QStringLiteral("unknown_type");
        QTest::newRow("rid string") << QStringLiteral(R"({"type":"ping","rid":"x"})") << QStringLiteral("wrong_type");
        QTest::newRow("rid negative") << QStringLiteral(R"({"type":"ping","rid":-1})") << QStringLiteral("wrong_type");
        QTest::newRow("rid fraction") << QStringLiteral(R"({"type":"ping","rid":1.5})") << QStringLiteral("wrong_type");
        QTest::newRow("hello no token") << QStringLiteral(R"({"type":"hello","protocolVersion":1,"projectId":"p","clientId":"c"})") << QStringLiteral("missing_field");
        QTest::newRow("hello bad clientId") << QStringLiteral(R"({"type":"hello","protocolVersion":1,"projectId":"p","token":"t","clientId":"a b"})") << QStringLiteral("invalid_message");
        QTest::newRow("hello long clientId") << QStringLiteral(R"({"type":"hello","protocolVersion":1,"projectId":"p","token":"t","clientId":"%1"})").arg(QString(65, QLatin1Char('c'))) << QStringLiteral("wrong_type");
        QTest::newRow("joinDoc no doc") << QStringLiteral(R"({"type":"joinDoc"})") << QStringLiteral("missing_field");
        QTest::newRow("joinDoc doc number") << QStringLiteral(R"({"type":"joinDoc","doc":5})") << QStringLiteral("wrong_type");
        QTest::newRow("joinDoc from string") << QStringLiteral(R"({"type":"joinDoc","doc":"d","fromVersion":"3"})") << QStringLiteral("wrong_type");
        QTest::newRow("update no op") << QStringLiteral(R"({"type":"applyUpdate","doc":"d","v":0,"seq":1})") << QStringLiteral("missing_field");
        QTest::newRow("update no v") << QStringLiteral(R"({"type":"applyUpdate","doc":"d","op":[],"seq":1})") << QStringLiteral("missing_field");
        QTest::newRow("update v huge") << QStringLiteral(R"({"type":"applyUpdate","doc":"d","v":1e300,"op":[],"seq":1})") << QStringLiteral("wrong_type");
        QTest::newRow("update op object") << QStringLiteral(R"({"type":"applyUpdate","doc":"d","v":0,"op":{"p":0,"i":"x"},"seq":1})") << QStringLiteral("invalid_op");
        QTest::newRow("update op extra field") << QStringLiteral(R"({"type":"applyUpdate","doc":"d","v":0,"op":[{"p":0,"i":"x","z":1}],"seq":1})") << QStringLiteral("invalid_op");
        QTest::newRow("update op negative") << QStringLiteral(R"({"type":"applyUpdate","doc":"d","v":0,"op":[{"p":-1,"i":"x"}],"seq":1})") << QStringLiteral("invalid_op");
        QTest::newRow("update op empty insert") << QStringLiteral(R"({"type":"applyUpdate","doc":"d","v":0,"op":[{"p":0,"i":""}],"seq":1})") << QStringLiteral("invalid_op");
        QTest::newRow("cursor no position") << QStringLiteral(R"({"type":"cursor","doc":"d"})") << QStringLiteral("missing_field");
        QTest::newRow("rename no path") << QStringLiteral(R"({"type":"rename","id":"x"})") << QStringLiteral("missing_field");
    }
    void rejectsMalformed()
    {
        QFETCH(QString, frame);
        QFETCH(QString, code);
        QCOMPARE(errorCode(frame), code);
    }

    void tooManyComponents()
    {
        QJsonArray op;
        for (int i = 0; i < 1001; ++i)
            op.append(QJsonObject{{QStringLiteral("p"), 0}, {QStringLiteral("i"), QStringLiteral("x")}});
        QJsonObject o{{QStringLiteral("type"), QStringLiteral("applyUpdate")}, {QStringLiteral("doc"), QStringLiteral("d")},
                      {QStringLiteral("v"), 0}, {QStringLiteral("seq"), 3}, {QStringLiteral("op"), op}};
        auto r = MessageCodec::decode(o);
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("too_many_components"));
        // The reply can name the doc and seq of the refused update.
        QCOMPARE(r.error().doc, QStringLiteral("d"));
        QCOMPARE(*r.error().seq, 3);
        const QJsonObject reply = ServerMessages::error(r.error());
        QCOMPARE(reply.value(QLatin1String("type")).toString(), QStringLiteral("updateError"));
        QCOMPARE(reply.value(QLatin1String("seq")).toInt(), 3);
    }

    void errorsEchoRid()
    {
        auto r = MessageCodec::decode(QStringLiteral(R"({"type":"joinDoc","rid":42})"));
        QVERIFY(!r);
        QCOMPARE(*r.error().rid, 42);
        const QJsonObject reply = ServerMessages::error(r.error());
        QCOMPARE(reply.value(QLatin1String("type")).toString(), QStringLiteral("error"));
        QCOMPARE(reply.value(QLatin1String("rid")).toInt(), 42);
        QCOMPARE(reply.value(QLatin1String("code")).toString(), QStringLiteral("missing_field"));
    }

    void unknownFieldsAreIgnored()
    {
        QVERIFY(MessageCodec::decode(QStringLiteral(R"({"type":"ping","rid":1,"future":"field"})")));
    }

    void serverMessagesHaveTheDocumentedShape()
    {
        const QJsonObject update = ServerMessages::update(QStringLiteral("d1"), 13, coauthor::sync::ot::TextOperation({coauthor::sync::ot::Component::insert(0, QStringLiteral("% "))}), QStringLiteral("c-1"), 8);
        QCOMPARE(MessageCodec::encode(update).toUtf8(),
                 QJsonDocument(QJsonDocument::fromJson(R"({"type":"update","doc":"d1","v":13,"op":[{"p":0,"i":"% "}],"clientId":"c-1","seq":8})").object()).toJson(QJsonDocument::Compact));
        const QJsonObject ack = ServerMessages::ack(6, QStringLiteral("d1"), 13, 8, true);
        QCOMPARE(ack.value(QLatin1String("duplicate")).toBool(), true);
        QCOMPARE(ack.value(QLatin1String("rid")).toInt(), 6);
    }

    // Random bytes and mutated valid frames never crash the decoder; each either
    // decodes or gets one of the documented codes.
    void randomFramesNeverCrash()
    {
        const quint32 seed = 20261123;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        const QStringList known = {QStringLiteral("invalid_json"), QStringLiteral("unknown_type"), QStringLiteral("missing_field"),
                                   QStringLiteral("wrong_type"), QStringLiteral("invalid_message"), QStringLiteral("invalid_op"),
                                   QStringLiteral("too_many_components"), QStringLiteral("doc_too_large"),
                                   QStringLiteral("op_out_of_range"), QStringLiteral("delete_mismatch")};
        const QString base = QStringLiteral(R"({"type":"applyUpdate","rid":7,"doc":"d1","v":12,"op":[{"p":0,"i":"% "},{"p":5,"d":"x"}],"seq":8})");
        for (int i = 0; i < 20000; ++i) {
            QString frame = base;
            const int edits = 1 + int(rng.bounded(4));
            for (int e = 0; e < edits; ++e) {
                const int pos = int(rng.bounded(frame.size() + 1));
                switch (rng.bounded(3)) {
                case 0:
                    frame.insert(pos, QChar(char16_t(rng.bounded(0x80))));
                    break;
                case 1:
                    frame.remove(pos, 1 + int(rng.bounded(3)));
                    break;
                default:
                    if (pos < frame.size())
                        frame[pos] = QChar(char16_t(rng.bounded(0xFFFF)));
                }
            }
            auto r = MessageCodec::decode(frame);
            if (!r)
                QVERIFY2(known.contains(r.error().code), qPrintable(r.error().code + QLatin1String(" for ") + frame));
        }
    }
};

QTEST_GUILESS_MAIN(TestProtocolCodec)
#include "tst_protocol_codec.moc"
