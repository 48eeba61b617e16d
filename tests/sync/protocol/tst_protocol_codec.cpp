// MessageCodec and ServerMessageCodec: strict decoding of every client and server
// message, the error code each kind of malformed frame gets (docs/protocol.md,
// "Errors"), and every message type and example of docs/protocol.md against them.
#include "sync/protocol/messagecodec.h"
#include "sync/protocol/servermessagecodec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace coauthor::sync;
namespace ot = coauthor::sync::ot;

namespace {

// One example message of docs/protocol.md's wire section: "→ {...}" is sent by a
// client, "← {...}" by the server.
struct DocumentedExample
{
    bool fromServer = false;
    QString text; // as written, placeholders and all
};

QString wireSection()
{
    QFile file(qEnvironmentVariable("COAUTHOR_SOURCE_DIR") + QStringLiteral("/docs/protocol.md"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString doc = QString::fromUtf8(file.readAll());
    const qsizetype begin = doc.indexOf(QStringLiteral("<!-- section:wire"));
    const qsizetype end = doc.indexOf(QStringLiteral("<!-- end:wire"), begin);
    return begin < 0 || end < 0 ? QString() : doc.mid(begin, end - begin);
}

// Every object after an arrow, to its matching brace (examples span lines).
QList<DocumentedExample> documentedExamples()
{
    const QString wire = wireSection();
    QList<DocumentedExample> out;
    for (qsizetype i = 0; i < wire.size(); ++i) {
        const QChar c = wire.at(i);
        if (c != QChar(0x2192) && c != QChar(0x2190)) // → ←
            continue;
        qsizetype start = i + 1;
        while (start < wire.size() && wire.at(start).isSpace())
            ++start;
        if (start >= wire.size() || wire.at(start) != QLatin1Char('{'))
            continue;
        int depth = 0;
        bool inString = false;
        qsizetype end = start;
        for (; end < wire.size(); ++end) {
            const QChar d = wire.at(end);
            if (inString) {
                if (d == QLatin1Char('\\'))
                    ++end;
                else if (d == QLatin1Char('"'))
                    inString = false;
            } else if (d == QLatin1Char('"')) {
                inString = true;
            } else if (d == QLatin1Char('{')) {
                ++depth;
            } else if (d == QLatin1Char('}') && --depth == 0) {
                break;
            }
        }
        out.append(DocumentedExample{c == QChar(0x2190), wire.mid(start, end - start + 1)});
        i = end;
    }
    return out;
}

// The example as JSON: placeholders filled the one way the document uses them
// ("<base64>" data, a "{…}" tree entry, elided list items "{…, …}" and ", …",
// "…" inside strings).
QJsonObject exampleJson(const QString &text, QString *error)
{
    QString json = text;
    // The size of placeholder data is the size of what fills it ("hello").
    json.replace(QRegularExpression(QStringLiteral(R"re("size":\d+(?=,"data":"<base64>"))re")), QStringLiteral("\"size\":5"));
    json.replace(QStringLiteral("\"<base64>\""), QStringLiteral("\"aGVsbG8=\""));
    json.replace(QStringLiteral("{…}"), QStringLiteral(R"({"id":"d2","path":"a.tex","kind":"doc","size":0})"));
    json.remove(QRegularExpression(QStringLiteral(R"(,\s*\{[^{}"]*("[^"]*"[^{}"]*)*…\})")));
    json.remove(QRegularExpression(QStringLiteral(R"(,\s*…\s*(?=\]))")));
    json.replace(QChar(0x2026), QLatin1Char('0')); // "c-5f3a…" and the like: ids and texts left out
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = parseError.errorString() + QStringLiteral(" in ") + json;
        return {};
    }
    return document.object();
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

ot::TextOperation insertOp(qsizetype p, const QString &text)
{
    return ot::TextOperation({ot::Component::insert(p, text)});
}

using M = ServerMessage;

// One message of every server type, with every optional field given, and one of
// each type with them left out.
// One answer of every history type (docs/protocol.md, "History").
QList<ServerMessage> historySamples()
{
    using namespace coauthor::sync::history;
    const Author ada{QStringLiteral("u-1"), QStringLiteral("Ada")};
    FileChange edited;
    edited.entryId = QStringLiteral("d1");
    edited.path = QStringLiteral("main.tex");
    edited.kinds = {FileChange::Kind::Created, FileChange::Kind::Edited};
    edited.docVersionFrom = 0;
    edited.docVersionTo = 41;
    edited.wordsAdded = 12;
    edited.wordsRemoved = 3;
    FileChange moved;
    moved.entryId = QStringLiteral("b1");
    moved.entryKind = TreeEntry::Kind::File;
    moved.path = QStringLiteral("figs/plot.png");
    moved.oldPath = QStringLiteral("plot.png");
    moved.kinds = {FileChange::Kind::Renamed, FileChange::Kind::FileVersion, FileChange::Kind::Deleted};
    moved.sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    moved.size = 20311;
    const Change change{90, 89, 120, 1764750000000, 1764750290000, {ada, {QStringLiteral("u-2"), QString()}}, {edited, moved}};
    Diff diff;
    diff.path = QStringLiteral("main.tex");
    diff.entryId = QStringLiteral("d1");
    diff.fromVersion = 64;
    diff.toVersion = 131;
    diff.segments = {{DiffSegment::Kind::Same, QStringLiteral("The "), {}},
                     {DiffSegment::Kind::Deleted, QStringLiteral("cat"), QStringLiteral("u-1")},
                     {DiffSegment::Kind::Inserted, QStringLiteral("d\u00f6g \U0001F600"), QStringLiteral("u-2")}};
    diff.authors = {ada};
    diff.truncated = true;
    Diff binary;
    binary.path = QStringLiteral("plot.png");
    binary.entryId = QStringLiteral("b1");
    binary.toVersion = 3;
    binary.binary = true;
    binary.sha256To = moved.sha256;
    const ProjectTree tree{100, {{QStringLiteral("f1"), QStringLiteral("figs"), TreeEntry::Kind::Folder, 0, {}, 0},
                                 {QStringLiteral("b1"), QStringLiteral("figs/plot.png"), TreeEntry::Kind::File, 0, moved.sha256, 20311},
                                 {QStringLiteral("d1"), QStringLiteral("main.tex"), TreeEntry::Kind::Doc, 430, {}, 0}}};
    SearchHit hit;
    hit.entryId = QStringLiteral("d3");
    hit.path = QStringLiteral("proof.tex");
    hit.appearsAt = {12, 80};
    hit.disappearsAt = {77};
    hit.presentNow = true;
    hit.context = QStringLiteral("The proof is left to the reader.");
    const Label label{1, QStringLiteral("Submitted"), 120, 1764750290000, ada};
    return {
        {20, M::HistoryChanges{ChangePage{{change}, 64, 131}}},
        {20, M::HistoryChanges{ChangePage{{}, 0, 0}}},
        {21, M::HistoryText{QStringLiteral("main.tex"), 100, QStringLiteral("h\u00e9llo")}},
        {22, M::HistoryDiff{diff}},
        {22, M::HistoryDiff{binary}},
        {23, M::HistoryTree{tree}},
        {24, M::HistoryFile{QString::fromLatin1(moved.sha256), QByteArray("\x00\x01" "png", 5)}},
        {25, M::HistorySearch{SearchResult{{hit}, true}}},
        {25, M::HistorySearch{SearchResult{{}, false}}},
        {26, M::HistoryLabels{{label}}},
        {27, M::HistoryLabel{label}},
    };
}

QList<ServerMessage> serverSamples()
{
    const M::Entry entry{QStringLiteral("d1"), QStringLiteral("main.tex"), QStringLiteral("doc"), 0, {}};
    const M::Entry file{QStringLiteral("b1"), QStringLiteral("figures/plot.png"), QStringLiteral("file"), 20311, QStringLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")};
    const M::Cursor cursor{QStringLiteral("d1"), 40, 35, 17};
    const M::AppliedOp op{13, insertOp(0, QStringLiteral("% ")), QStringLiteral("c-1"), 8};
    return QList<ServerMessage>{
        {1, M::Welcome{1, QStringLiteral("0.1.0"), QStringLiteral("u-1"), QStringLiteral("read_write"), QStringLiteral("#1f77b4")}},
        {1, M::Rejected{QStringLiteral("unauthorized"), QStringLiteral("bad token")}},
        {4, M::Error{QStringLiteral("unknown_doc"), QStringLiteral("no such doc")}},
        {std::nullopt, M::Error{QStringLiteral("invalid_message"), QStringLiteral("binary frames are not used")}},
        {7, M::Ok{entry}},
        {5, M::Ok{}},
        {13, M::Pong{}},
        {2, M::Project{QStringLiteral("p1"), {entry, file},
                       {M::User{QStringLiteral("u-2"), QStringLiteral("Bo"), QStringLiteral("#ff7f0e"), cursor},
                        M::User{QStringLiteral("u-3"), QStringLiteral("Cy"), QStringLiteral("#2ca02c"), M::Cursor{QStringLiteral("d1"), 1, 1, std::nullopt}},
                        M::User{QStringLiteral("u-4"), QStringLiteral("Di"), QStringLiteral("#d62728"), std::nullopt}}, {}}},
        {2, M::Project{QStringLiteral("p2"), {}, {}, QStringLiteral("Th\u00e8se \U0001F600")}}, // with its name
        {3, M::Doc{QStringLiteral("d1"), QStringLiteral("main.tex"), 12, QStringLiteral("h\u00e9llo \U0001F600"), std::nullopt, false, {}, std::nullopt, {}}},
        {4, M::Doc{QStringLiteral("d1"), QStringLiteral("main.tex"), 13, QString(), QList<M::AppliedOp>{op}, false, {}, std::nullopt, {}}},
        {4, M::Doc{QStringLiteral("d1"), QStringLiteral("main.tex"), 13, QString(), QList<M::AppliedOp>{}, false, {}, std::nullopt, {}}},
        {4, M::Doc{QStringLiteral("d1"), QStringLiteral("main.tex"), 13, QString(), QList<M::AppliedOp>{op}, true, {}, std::nullopt, {}}}, // one page of a catch-up
        // A rejoin from versions the server lost (docs/protocol.md, "Durability").
        {4, M::Doc{QStringLiteral("d1"), QStringLiteral("main.tex"), 13, QString(), QList<M::AppliedOp>{op}, false,
                   QStringLiteral("a474878c6463-11-9f2c"), 11, QStringLiteral("at 11")}},
        {6, M::Ack{QStringLiteral("d1"), 13, 8, true}},
        {std::nullopt, M::Ack{QStringLiteral("d1"), 13, 8, false}},
        {std::nullopt, M::Update{QStringLiteral("d1"), op}},
        {6, M::UpdateError{QStringLiteral("d1"), 8, QStringLiteral("delete_mismatch"), QStringLiteral("no")}},
        {6, M::UpdateError{QStringLiteral("d1"), std::nullopt, QStringLiteral("missing_field"), QStringLiteral("\"seq\" is required")}},
        {std::nullopt, M::Presence{QStringLiteral("u-1"), QStringLiteral("Ada"), QStringLiteral("#1f77b4"), cursor}},
        {std::nullopt, M::Presence{QStringLiteral("u-1"), QStringLiteral("Ada"), QStringLiteral("#1f77b4"), M::Cursor{QStringLiteral("d1"), 3, 3, std::nullopt}}},
        {std::nullopt, M::UserJoined{QStringLiteral("u-1"), QStringLiteral("Ada"), QStringLiteral("#1f77b4")}},
        {std::nullopt, M::UserLeft{QStringLiteral("u-1")}},
        {std::nullopt, M::TreeChanged{QStringLiteral("created"), {entry}, QString()}},
        {std::nullopt, M::TreeChanged{QStringLiteral("renamed"), {entry}, QStringLiteral("old.tex")}},
        {std::nullopt, M::TreeChanged{QStringLiteral("removed"), {entry, file}, QString()}},
        {12, M::File{QStringLiteral("b1"), QStringLiteral("figures/plot.png"), QByteArray("\x00\x01" "binary\xff", 9)}},
        // Compiles on the server
        {14, M::CompileQueued{QStringLiteral("j-1")}},
        {std::nullopt, M::CompileProgress{QStringLiteral("j-1"), QStringLiteral("pass"), 2, {}, QStringLiteral("w1")}},
        {std::nullopt, M::CompileProgress{QStringLiteral("j-1"), QStringLiteral("done"), 0, QStringLiteral("success"), QStringLiteral("w1")}},
    } + historySamples();
}

} // namespace

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
        QTest::newRow("joinDoc from epoch") << QStringLiteral(R"({"type":"joinDoc","rid":4,"doc":"d1","fromVersion":9,"epoch":"a474878c6463-7-9f2c"})");
        QTest::newRow("restoreLost") << QStringLiteral(R"({"type":"restoreLost","rid":5,"doc":"d1","epoch":"a474878c6463-7-9f2c","v":11,"ops":[{"op":[{"p":0,"i":"x"}],"clientId":"c7","seq":41}]})");
        QTest::newRow("leaveDoc") << QStringLiteral(R"({"type":"leaveDoc","rid":5,"doc":"d1"})");
        QTest::newRow("cursor") << QStringLiteral(R"({"type":"cursor","doc":"d1","position":40,"anchor":35})");
        QTest::newRow("createDoc") << QStringLiteral(R"({"type":"createDoc","rid":7,"path":"a/b.tex","text":"hi"})");
        QTest::newRow("createFolder") << QStringLiteral(R"({"type":"createFolder","rid":8,"path":"a"})");
        QTest::newRow("rename") << QStringLiteral(R"({"type":"rename","rid":9,"id":"d2","path":"c.tex"})");
        QTest::newRow("delete") << QStringLiteral(R"({"type":"delete","rid":10,"id":"d2"})");
        QTest::newRow("uploadFile") << QStringLiteral(R"({"type":"uploadFile","rid":11,"path":"f.png","data":"aGVsbG8="})");
        QTest::newRow("uploadFile replace") << QStringLiteral(R"({"type":"uploadFile","rid":11,"path":"f.png","data":"aGVsbG8=","replace":true})");
        QTest::newRow("downloadFile") << QStringLiteral(R"({"type":"downloadFile","rid":12,"id":"b1"})");
        QTest::newRow("ping") << QStringLiteral(R"({"type":"ping","rid":13})");
        QTest::newRow("hello") << QStringLiteral(R"({"type":"hello","rid":1,"protocolVersion":1,"projectId":"p1","token":"t","clientId":"c-1","name":"Ada"})");
        QTest::newRow("applyUpdate") << QStringLiteral(R"({"type":"applyUpdate","rid":6,"doc":"d1","v":12,"op":[{"p":0,"i":"% "}],"clientId":"c-1","seq":8})");
        QTest::newRow("cursor at v") << QStringLiteral(R"({"type":"cursor","doc":"d1","position":40,"anchor":35,"v":17})");
        QTest::newRow("historyChanges") << QStringLiteral(R"({"type":"historyChanges","rid":20,"limit":50})");
        QTest::newRow("historyChanges of a path") << QStringLiteral(R"({"type":"historyChanges","rid":20,"path":"a.tex","before":9,"limit":5})");
        QTest::newRow("historyText") << QStringLiteral(R"({"type":"historyText","rid":21,"path":"a.tex","version":3})");
        QTest::newRow("historyText latest") << QStringLiteral(R"({"type":"historyText","rid":21,"path":"a.tex"})");
        QTest::newRow("historyDiff") << QStringLiteral(R"({"type":"historyDiff","rid":22,"path":"a.tex","from":2,"to":9})");
        QTest::newRow("historyTree") << QStringLiteral(R"({"type":"historyTree","rid":23,"version":7})");
        QTest::newRow("historyFile") << QStringLiteral(R"({"type":"historyFile","rid":24,"sha256":"9f86"})");
        QTest::newRow("historySearch") << QStringLiteral(R"({"type":"historySearch","rid":25,"text":"proof","caseSensitive":true,"from":3})");
        QTest::newRow("historyLabels") << QStringLiteral(R"({"type":"historyLabels","rid":26})");
        QTest::newRow("addLabel") << QStringLiteral(R"({"type":"addLabel","rid":27,"name":"Submitted","version":120})");
        QTest::newRow("restoreDeleted") << QStringLiteral(R"({"type":"restoreDeleted","rid":28,"path":"chapters/intro.tex","version":100})");
        QTest::newRow("applyUpdate typed at") << QStringLiteral(R"({"type":"applyUpdate","rid":6,"doc":"d1","v":12,"op":[{"p":0,"i":"% "}],"clientId":"c-1","seq":8,"t":1764750000000})");
        QTest::newRow("compile") << QStringLiteral(R"({"type":"compile","rid":14,"root":"main.tex"})");
        QTest::newRow("compile all") << QStringLiteral(R"({"type":"compile","rid":14,"root":"thesis/main.tex","engine":"lualatex","draft":true,"versions":{"d1":13,"d2":0}})");
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
        const std::optional<qint64> rid = withRid ? std::optional<qint64>(1234567890123) : std::nullopt;
        const ServerMessage ack{rid, ServerMessage::Ack{doc, 9007199254740, 1000000, duplicate}};
        const QJsonObject expected = ServerMessageCodec::toJson(ack);
        QJsonParseError error;
        const QJsonObject got = QJsonDocument::fromJson(ServerMessageCodec::encode(ack).toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(got.keys(), expected.keys());
        for (const QString &key : expected.keys()) {
            if (expected.value(key).isDouble())
                QCOMPARE(got.value(key).toInteger(), expected.value(key).toInteger());
            else
                QCOMPARE(got.value(key), expected.value(key));
        }
    }

    // A new version of a file, the hash of a file entry and the server's file
    // limit: optional both ways (older peers neither send nor expect them).
    void fileVersionsAndLimitsAreOptional()
    {
        auto replace = MessageCodec::decode(QStringLiteral(R"({"type":"uploadFile","path":"f.bin","data":"aGk=","replace":true})"));
        QVERIFY(replace);
        QVERIFY(replace.value().replace);
        auto plain = MessageCodec::decode(QStringLiteral(R"({"type":"uploadFile","path":"f.bin","data":"aGk="})"));
        QVERIFY(plain);
        QVERIFY(!plain.value().replace);
        QVERIFY(!MessageCodec::toJson(plain.value()).contains(QLatin1String("replace")));

        const ServerMessage::Entry file{QStringLiteral("b1"), QStringLiteral("f.png"), QStringLiteral("file"), 2,
                                        QStringLiteral("8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4")};
        const ServerMessage created{std::nullopt, ServerMessage::TreeChanged{QStringLiteral("created"), {file}, {}}};
        auto back = ServerMessageCodec::decode(ServerMessageCodec::encode(created));
        QVERIFY(back);
        QVERIFY(back.value() == created);
        const ServerMessage::Entry doc{QStringLiteral("d1"), QStringLiteral("a.tex"), QStringLiteral("doc"), 0, {}};
        const QJsonObject docJson = ServerMessageCodec::toJson(ServerMessage{std::nullopt, ServerMessage::TreeChanged{QStringLiteral("created"), {doc}, {}}});
        QVERIFY(!docJson.value(QLatin1String("entries")).toArray().first().toObject().contains(QLatin1String("sha256")));

        auto oldWelcome = ServerMessageCodec::decode(QStringLiteral(
            R"({"type":"welcome","rid":1,"protocolVersion":1,"serverVersion":"0.1.0","userId":"u","role":"read_write","colour":"#fff"})"));
        QVERIFY(oldWelcome);
        QCOMPARE(std::get<ServerMessage::Welcome>(oldWelcome.value().body).maxFileBytes, qint64(0));
        auto welcome = ServerMessageCodec::decode(QStringLiteral(
            R"({"type":"welcome","rid":1,"protocolVersion":1,"serverVersion":"0.1.0","userId":"u","role":"read_write","colour":"#fff","maxFileBytes":1024})"));
        QVERIFY(welcome);
        QCOMPARE(std::get<ServerMessage::Welcome>(welcome.value().body).maxFileBytes, qint64(1024));
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
        QTest::newRow("compile no root") << QStringLiteral(R"({"type":"compile","rid":1})") << QStringLiteral("missing_field");
        QTest::newRow("compile versions array") << QStringLiteral(R"({"type":"compile","root":"m.tex","versions":[1]})") << QStringLiteral("wrong_type");
        QTest::newRow("compile negative version") << QStringLiteral(R"({"type":"compile","root":"m.tex","versions":{"d":-1}})") << QStringLiteral("wrong_type");
        QTest::newRow("compile fractional version") << QStringLiteral(R"({"type":"compile","root":"m.tex","versions":{"d":1.5}})") << QStringLiteral("wrong_type");
        QTest::newRow("compile engine not text") << QStringLiteral(R"({"type":"compile","root":"m.tex","engine":5})") << QStringLiteral("wrong_type");
        QTest::newRow("restoreLost no ops") << QStringLiteral(R"({"type":"restoreLost","doc":"d","epoch":"e","v":1,"ops":[]})") << QStringLiteral("invalid_message");
        QTest::newRow("restoreLost op without seq") << QStringLiteral(R"({"type":"restoreLost","doc":"d","epoch":"e","v":1,"ops":[{"op":[{"p":0,"i":"x"}],"clientId":"c"}]})") << QStringLiteral("invalid_message");
        QTest::newRow("restoreLost bad op") << QStringLiteral(R"({"type":"restoreLost","doc":"d","epoch":"e","v":1,"ops":[{"op":[{"p":-1,"i":"x"}],"clientId":"c","seq":1}]})") << QStringLiteral("invalid_message");
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
        QTest::newRow("update time negative") << QStringLiteral(R"({"type":"applyUpdate","doc":"d","v":0,"op":[{"p":0,"i":"x"}],"seq":1,"t":-5})") << QStringLiteral("wrong_type");
        QTest::newRow("update time text") << QStringLiteral(R"({"type":"applyUpdate","doc":"d","v":0,"op":[{"p":0,"i":"x"}],"seq":1,"t":"now"})") << QStringLiteral("wrong_type");
        QTest::newRow("restoreDeleted no version") << QStringLiteral(R"({"type":"restoreDeleted","rid":1,"path":"a.tex"})") << QStringLiteral("missing_field");
        QTest::newRow("restoreDeleted no path") << QStringLiteral(R"({"type":"restoreDeleted","rid":1,"version":3})") << QStringLiteral("missing_field");
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
        const QJsonObject reply = ServerMessageCodec::toJson(ServerMessageCodec::errorReply(r.error()));
        QCOMPARE(reply.value(QLatin1String("type")).toString(), QStringLiteral("updateError"));
        QCOMPARE(reply.value(QLatin1String("seq")).toInt(), 3);
    }

    void errorsEchoRid()
    {
        auto r = MessageCodec::decode(QStringLiteral(R"({"type":"joinDoc","rid":42})"));
        QVERIFY(!r);
        QCOMPARE(*r.error().rid, 42);
        const QJsonObject reply = ServerMessageCodec::toJson(ServerMessageCodec::errorReply(r.error()));
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
        const QJsonObject update = ServerMessageCodec::toJson(ServerMessage{std::nullopt, ServerMessage::Update{QStringLiteral("d1"), {13, insertOp(0, QStringLiteral("% ")), QStringLiteral("c-1"), 8}}});
        QCOMPARE(MessageCodec::encode(update).toUtf8(),
                 QJsonDocument(QJsonDocument::fromJson(R"({"type":"update","doc":"d1","v":13,"op":[{"p":0,"i":"% "}],"clientId":"c-1","seq":8})").object()).toJson(QJsonDocument::Compact));
        const QJsonObject ack = ServerMessageCodec::toJson(ServerMessage{6, ServerMessage::Ack{QStringLiteral("d1"), 13, 8, true}});
        QCOMPARE(ack.value(QLatin1String("duplicate")).toBool(), true);
        QCOMPARE(ack.value(QLatin1String("rid")).toInt(), 6);
    }

    // Every server message survives encode -> decode, through the frame and through
    // the JSON object, and there is a sample of every type.
    void serverMessagesRoundTrip()
    {
        QSet<QString> covered;
        for (const ServerMessage &m : serverSamples()) {
            const QString type = ServerMessageCodec::typeName(m.body);
            covered.insert(type);
            auto fromFrame = ServerMessageCodec::decode(ServerMessageCodec::encode(m));
            QVERIFY2(fromFrame, qPrintable(type + QLatin1String(": ") + (fromFrame ? QString() : fromFrame.error().message)));
            QVERIFY2(fromFrame.value() == m, qPrintable(type + QLatin1String(" differs after the frame: ") + compact(ServerMessageCodec::toJson(fromFrame.value()))));
            auto fromJson = ServerMessageCodec::decode(ServerMessageCodec::toJson(m));
            QVERIFY(fromJson);
            QVERIFY2(fromJson.value() == m, qPrintable(type));
            QCOMPARE(ServerMessageCodec::toJson(fromJson.value()).value(QLatin1String("type")).toString(), type);
        }
        const QStringList names = ServerMessageCodec::typeNames();
        QCOMPARE(covered, QSet<QString>(names.cbegin(), names.cend()));
    }

    // Channel messages between instances: a client message with its instance (and
    // announce), and usersAlive.
    void channelMessagesRoundTrip()
    {
        const QList<ProjectChannelMessage> samples = {
            {QStringLiteral("i-1"), false, ServerMessage{std::nullopt, ServerMessage::UserLeft{QStringLiteral("u-1")}}},
            {QStringLiteral("i-1"), true, ServerMessage{std::nullopt, ServerMessage::UserJoined{QStringLiteral("u-1"), QStringLiteral("Ada"), QStringLiteral("#000000")}}},
            {QString(), false, ServerMessage{std::nullopt, ServerMessage::TreeChanged{QStringLiteral("created"), {{QStringLiteral("d"), QStringLiteral("a.tex"), QStringLiteral("doc"), 0, {}}}, QString()}}},
            {QStringLiteral("i-2"), false, ProjectChannelMessage::UsersAlive{{QStringLiteral("u-1"), QStringLiteral("u-2")}}},
            {QStringLiteral("i-3"), false, ProjectChannelMessage::ClientTakenOver{QStringLiteral("u-7")}},
        };
        for (const ProjectChannelMessage &m : samples) {
            const QJsonObject json = ServerMessageCodec::toJson(m);
            auto back = ServerMessageCodec::decodeChannel(json);
            QVERIFY2(back, qPrintable(compact(json)));
            QVERIFY2(back.value() == m, qPrintable(compact(json)));
        }
        // What the clients get is the client message alone.
        const QJsonObject alive = ServerMessageCodec::toJson(samples.at(3));
        QCOMPARE(alive.value(QLatin1String("type")).toString(), QStringLiteral("usersAlive"));
        QCOMPARE(alive.value(QLatin1String("instance")).toString(), QStringLiteral("i-2"));
        QVERIFY(ServerMessageCodec::toJson(samples.at(2)).keys() == (QStringList{QStringLiteral("change"), QStringLiteral("entries"), QStringLiteral("type")}));
    }

    void serverDecodeIsStrict_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("code");
        QTest::newRow("not json") << QStringLiteral("{nope") << QStringLiteral("invalid_json");
        QTest::newRow("no type") << QStringLiteral(R"({"rid":1})") << QStringLiteral("unknown_type");
        QTest::newRow("a client type") << QStringLiteral(R"({"type":"hello"})") << QStringLiteral("unknown_type");
        QTest::newRow("ack no seq") << QStringLiteral(R"({"type":"ack","doc":"d","v":3})") << QStringLiteral("missing_field");
        QTest::newRow("ack v string") << QStringLiteral(R"({"type":"ack","doc":"d","v":"3","seq":1})") << QStringLiteral("wrong_type");
        QTest::newRow("ack duplicate number") << QStringLiteral(R"({"type":"ack","doc":"d","v":3,"seq":1,"duplicate":1})") << QStringLiteral("wrong_type");
        QTest::newRow("update bad op") << QStringLiteral(R"({"type":"update","doc":"d","v":3,"op":[{"p":0}],"clientId":"c","seq":1})") << QStringLiteral("invalid_op");
        QTest::newRow("doc without text or ops") << QStringLiteral(R"({"type":"doc","doc":"d","path":"a","version":0})") << QStringLiteral("missing_field");
        QTest::newRow("doc ops entry no seq") << QStringLiteral(R"({"type":"doc","doc":"d","path":"a","version":1,"ops":[{"v":1,"op":[],"clientId":"c"}]})") << QStringLiteral("missing_field");
        QTest::newRow("project entry no kind") << QStringLiteral(R"({"type":"project","projectId":"p","tree":[{"id":"d","path":"a","size":0}],"users":[]})") << QStringLiteral("missing_field");
        QTest::newRow("project user cursor no anchor") << QStringLiteral(R"({"type":"project","projectId":"p","tree":[],"users":[{"userId":"u","name":"n","colour":"c","doc":"d","position":1}]})") << QStringLiteral("missing_field");
        QTest::newRow("treeChanged one entry") << QStringLiteral(R"({"type":"treeChanged","change":"created","entry":{"id":"d","path":"a","kind":"doc","size":0}})") << QStringLiteral("missing_field");
        QTest::newRow("file not base64") << QStringLiteral(R"({"type":"file","id":"b","path":"a","size":1,"data":"***"})") << QStringLiteral("wrong_type");
        QTest::newRow("presence no position") << QStringLiteral(R"({"type":"presence","userId":"u","name":"n","colour":"c","doc":"d","anchor":1})") << QStringLiteral("missing_field");
    }
    void serverDecodeIsStrict()
    {
        QFETCH(QString, frame);
        QFETCH(QString, code);
        auto r = ServerMessageCodec::decode(frame);
        QVERIFY(!r);
        QCOMPARE(r.error().code, code);
    }

    // Every message type docs/protocol.md shows has a codec, in its direction, and
    // every type a codec knows is shown there.
    void everyDocumentedTypeHasACodec()
    {
        const QList<DocumentedExample> examples = documentedExamples();
        QVERIFY2(examples.size() > 20, "docs/protocol.md (COAUTHOR_SOURCE_DIR) has no wire examples");
        QSet<QString> clientTypes, serverTypes;
        const QRegularExpression typeField(QStringLiteral(R"re(^\{\s*"type"\s*:\s*"(\w+)")re"));
        for (const DocumentedExample &e : examples) {
            const auto match = typeField.match(e.text);
            QVERIFY2(match.hasMatch(), qPrintable(QLatin1String("an example without a leading type: ") + e.text));
            (e.fromServer ? serverTypes : clientTypes).insert(match.captured(1));
        }
        const QStringList serverNames = ServerMessageCodec::typeNames();
        QCOMPARE(serverTypes, QSet<QString>(serverNames.cbegin(), serverNames.cend()));
        QSet<QString> clientNames;
        for (int t = 0; t <= int(ClientMessage::Type::Compile); ++t)
            clientNames.insert(MessageCodec::typeName(ClientMessage::Type(t)));
        QCOMPARE(clientTypes, clientNames);
    }

    // Each documented example decodes with the codec of its direction, and the
    // codec writes it back field for field (so no documented field is left out
    // or named differently, and the codec writes nothing undocumented).
    void everyDocumentedExampleDecodesAndEncodesBack()
    {
        const QList<DocumentedExample> examples = documentedExamples();
        QVERIFY(!examples.isEmpty());
        for (const DocumentedExample &e : examples) {
            QString error;
            const QJsonObject json = exampleJson(e.text, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QJsonObject back;
            if (e.fromServer) {
                auto decoded = ServerMessageCodec::decode(json);
                QVERIFY2(decoded, qPrintable(e.text + QLatin1String(": ") + (decoded ? QString() : decoded.error().message)));
                back = ServerMessageCodec::toJson(decoded.value());
            } else {
                auto decoded = MessageCodec::decode(json);
                QVERIFY2(decoded, qPrintable(e.text + QLatin1String(": ") + (decoded ? QString() : decoded.error().message)));
                back = MessageCodec::toJson(decoded.value());
            }
            QCOMPARE(compact(back), compact(json));
        }
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
