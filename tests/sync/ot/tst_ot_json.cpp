// The JSON form of operations: round trips, and every validation error the
// decoder reports for what a client might send.

#include "sync/ot/opjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace coauthor::sync::ot;
using namespace Qt::StringLiterals;
using Code = OtError::Code;

Q_DECLARE_METATYPE(coauthor::sync::ot::OtError::Code)

class TestOtJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodes();
    void roundTrips();
    void acceptsEmptyOp();
    void rejects_data();
    void rejects();
    void enforcesLimits();
    void rejectsUnparseableText();
};

void TestOtJson::encodes()
{
    const TextOperation op({Component::insert(3, u"x"_s), Component::erase(0, u"ab"_s)});
    QCOMPARE(QJsonDocument(toJson(op)).toJson(QJsonDocument::Compact), QByteArray(R"([{"i":"x","p":3},{"d":"ab","p":0}])"));
}

void TestOtJson::roundTrips()
{
    const TextOperation op({Component::insert(3, u"x\U0001F600\n\"\\"_s), Component::erase(0, u"\u00e9b"_s),
                            Component::insert(9007199254740991LL, u"far"_s)});
    const auto fromValue = operationFromJson(toJson(op));
    QVERIFY2(fromValue.ok(), qPrintable(fromValue.ok() ? QString() : fromValue.error().message));
    QCOMPARE(fromValue.value(), op);
    const auto fromText = operationFromJsonText(QJsonDocument(toJson(op)).toJson());
    QVERIFY(fromText.ok());
    QCOMPARE(fromText.value(), op);
}

void TestOtJson::acceptsEmptyOp()
{
    const auto result = operationFromJsonText("[]");
    QVERIFY(result.ok());
    QVERIFY(result.value().isEmpty());
}

void TestOtJson::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Code>("code");

    QTest::newRow("object, not array") << QByteArray(R"({"p":0,"i":"x"})") << Code::WrongType;
    QTest::newRow("component not object") << QByteArray(R"([[0,"x"]])") << Code::WrongType;
    QTest::newRow("component is string") << QByteArray(R"(["x"])") << Code::WrongType;
    QTest::newRow("unknown field") << QByteArray(R"([{"p":0,"i":"x","t":1}])") << Code::UnknownField;
    QTest::newRow("both i and d") << QByteArray(R"([{"p":0,"i":"x","d":"y"}])") << Code::UnknownField;
    QTest::newRow("missing p") << QByteArray(R"([{"i":"x"}])") << Code::MissingField;
    QTest::newRow("missing i and d") << QByteArray(R"([{"p":0}])") << Code::MissingField;
    QTest::newRow("p is string") << QByteArray(R"([{"p":"0","i":"x"}])") << Code::WrongType;
    QTest::newRow("p is null") << QByteArray(R"([{"p":null,"i":"x"}])") << Code::WrongType;
    QTest::newRow("p is fractional") << QByteArray(R"([{"p":1.5,"i":"x"}])") << Code::WrongType;
    QTest::newRow("p is huge") << QByteArray(R"([{"p":1e300,"i":"x"}])") << Code::WrongType;
    QTest::newRow("p is negative") << QByteArray(R"([{"p":-1,"i":"x"}])") << Code::NegativePosition;
    QTest::newRow("i is number") << QByteArray(R"([{"p":0,"i":5}])") << Code::WrongType;
    QTest::newRow("d is array") << QByteArray(R"([{"p":0,"d":["x"]}])") << Code::WrongType;
    QTest::newRow("empty insert") << QByteArray(R"([{"p":0,"i":""}])") << Code::EmptyComponent;
    QTest::newRow("empty delete") << QByteArray(R"([{"p":0,"d":""}])") << Code::EmptyComponent;
    QTest::newRow("lone high surrogate") << QByteArray(R"([{"p":0,"i":"a\ud83d"}])") << Code::LoneSurrogate;
    QTest::newRow("lone low surrogate") << QByteArray(R"([{"p":0,"d":"\ude00b"}])") << Code::LoneSurrogate;
    QTest::newRow("swapped surrogates") << QByteArray(R"([{"p":0,"i":"\ude00\ud83d"}])") << Code::LoneSurrogate;
    QTest::newRow("second component bad") << QByteArray(R"([{"p":0,"i":"x"},{"p":0,"x":"y"}])") << Code::UnknownField;
}

void TestOtJson::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(Code, code);
    const auto result = operationFromJsonText(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QVERIFY(!result.error().message.isEmpty());
}

void TestOtJson::enforcesLimits()
{
    JsonLimits limits;
    limits.maxComponents = 2;
    limits.maxTextLength = 4;
    QVERIFY(operationFromJsonText(R"([{"p":0,"i":"ab"},{"p":0,"i":"cd"}])", limits).ok());
    const auto tooMany = operationFromJsonText(R"([{"p":0,"i":"a"},{"p":0,"i":"b"},{"p":0,"i":"c"}])", limits);
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error().code, Code::TooManyComponents);
    const auto tooLong = operationFromJsonText(R"([{"p":0,"i":"abc"},{"p":0,"d":"de"}])", limits);
    QVERIFY(!tooLong.ok());
    QCOMPARE(tooLong.error().code, Code::TextTooLong);
    // The defaults: 1000 components.
    QJsonArray many;
    for (int i = 0; i < 1001; ++i)
        many.append(QJsonObject{{u"p"_s, 0}, {u"i"_s, u"x"_s}});
    QCOMPARE(operationFromJson(many).error().code, Code::TooManyComponents);
    many.removeLast();
    QVERIFY(operationFromJson(many).ok());
}

void TestOtJson::rejectsUnparseableText()
{
    const auto result = operationFromJsonText(R"([{"p":0,"i":"x"})");
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, Code::InvalidJson);
    QCOMPARE(operationFromJsonText("").error().code, Code::InvalidJson);
    QVERIFY(!operationFromJsonText("\"text\"").ok());
}

QTEST_GUILESS_MAIN(TestOtJson)
#include "tst_ot_json.moc"
