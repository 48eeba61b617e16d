// MessageCodec and ServerMessageCodec fed garbage, truncated and mutated valid
// frames for a few seconds: no crash (run under ASan by ./dev.sh test --asan), no
// decode that takes long, every refusal a typed error with a documented code, and
// every frame that decodes says the same after a re-encode. The seed is fixed
// (COAUTHOR_FUZZ_SEED overrides it, COAUTHOR_FUZZ_MS the budget) and printed with
// the frame on failure, so a failure can be replayed.
#include "sync/protocol/messagecodec.h"
#include "sync/protocol/servermessagecodec.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace coauthor::sync;

namespace {

const QStringList clientSeeds{
    QStringLiteral(R"({"type":"hello","rid":1,"protocolVersion":1,"projectId":"p1","token":"t1","clientId":"c-1","name":"Ada"})"),
    QStringLiteral(R"({"type":"ping","rid":2})"),
    QStringLiteral(R"({"type":"joinProject","rid":3})"),
    QStringLiteral(R"({"type":"joinDoc","rid":4,"doc":"d1","fromVersion":3})"),
    QStringLiteral(R"({"type":"leaveDoc","rid":5,"doc":"d1"})"),
    QStringLiteral(R"({"type":"applyUpdate","rid":6,"doc":"d1","v":3,"seq":7,"op":[{"p":0,"i":"x\u00e9\ud83d\ude00"},{"p":4,"d":"ab"}]})"),
    QStringLiteral(R"({"type":"restoreLost","rid":7,"doc":"d1","epoch":"e-1","v":11,"ops":[{"op":[{"p":0,"i":"x"}],"clientId":"c7","seq":41}]})"),
    QStringLiteral(R"({"type":"cursor","rid":8,"doc":"d1","position":3,"anchor":1})"),
    QStringLiteral(R"({"type":"createDoc","rid":9,"path":"a/b.tex","text":"hi"})"),
    QStringLiteral(R"({"type":"createFolder","rid":10,"path":"a"})"),
    QStringLiteral(R"({"type":"rename","rid":11,"id":"e1","path":"c.tex"})"),
    QStringLiteral(R"({"type":"delete","rid":12,"id":"e1"})"),
    QStringLiteral(R"({"type":"uploadFile","rid":13,"path":"f.png","data":"iVBORw0KGgo="})"),
    QStringLiteral(R"({"type":"downloadFile","rid":14,"id":"f1"})"),
};

const QStringList serverSeeds{
    QStringLiteral(R"({"type":"welcome","rid":1,"protocolVersion":1,"serverVersion":"0.1.0","userId":"u-1","role":"read_write","colour":"#1f77b4"})"),
    QStringLiteral(R"({"type":"rejected","rid":1,"code":"unauthorized","message":"no"})"),
    QStringLiteral(R"({"type":"error","rid":3,"code":"unknown_doc","message":"no"})"),
    QStringLiteral(R"({"type":"pong","rid":2})"),
    QStringLiteral(R"({"type":"ack","rid":6,"doc":"d1","v":4,"seq":7})"),
    QStringLiteral(R"({"type":"update","doc":"d1","v":4,"op":[{"p":1,"i":"y"}],"userId":"u-2","clientId":"c-2","seq":3})"),
    QStringLiteral(R"({"type":"updateError","rid":6,"doc":"d1","seq":7,"code":"invalid_op","message":"bad"})"),
    QStringLiteral(R"({"type":"treeChanged","change":"renamed","entries":[{"id":"e1","path":"c.tex","kind":"doc","size":0}],"oldPath":"b.tex"})"),
    QStringLiteral(R"({"type":"presence","userId":"u-2","name":"Bo","colour":"#fff","doc":"d1","position":3,"anchor":3})"),
    QStringLiteral(R"({"type":"userJoined","userId":"u-2","name":"Bo","colour":"#fff"})"),
    QStringLiteral(R"({"type":"userLeft","userId":"u-2"})"),
};

// The codes a refusal may carry (docs/protocol.md, "Errors").
const QSet<QString> documentedCodes{
    QStringLiteral("invalid_json"), QStringLiteral("unknown_type"), QStringLiteral("missing_field"),
    QStringLiteral("wrong_type"), QStringLiteral("invalid_message"), QStringLiteral("invalid_op"),
    QStringLiteral("too_many_components"), QStringLiteral("op_out_of_range"), QStringLiteral("doc_too_large"),
    QStringLiteral("delete_mismatch")};

class Mutator
{
public:
    explicit Mutator(quint32 seed) : m_rng(seed) {}

    quint32 below(quint32 n) { return n == 0 ? 0 : m_rng.bounded(n); }

    QJsonValue randomValue(int depth = 0)
    {
        switch (below(depth > 3 ? 8 : 10)) {
        case 0: return QJsonValue::Null;
        case 1: return bool(below(2));
        case 2: {
            static const double edges[] = {-1, 0, 0.5, 1e300, -1e300, 9007199254740992.0, 9007199254740993.0, 4294967296.0, 1099511627776.0, 2147483648.0};
            return edges[below(std::size(edges))];
        }
        case 3: return double(qint64(m_rng.generate64() >> below(64)));
        case 4: return QString(qsizetype(below(3000)), QChar(u'a' + below(26)));
        case 5: return QStringLiteral("\xD800");                       // lone surrogate
        case 6: return QStringLiteral("c-\u202E\u0000\U0001F600");     // bidi, NUL, emoji
        case 7: return QString::number(m_rng.generate());
        case 8: {
            QJsonArray a;
            for (quint32 i = below(5); i > 0; --i)
                a.append(randomValue(depth + 1));
            return a;
        }
        default: {
            QJsonObject o;
            static const char *keys[] = {"p", "i", "d", "op", "v", "seq", "doc", "type", "rid", "path"};
            for (quint32 i = below(4); i > 0; --i)
                o.insert(QLatin1String(keys[below(std::size(keys))]), randomValue(depth + 1));
            return o;
        }
        }
    }

    // A structural change: a field replaced, removed or added, an op grown.
    QString mutateJson(const QString &frame)
    {
        QJsonObject o = QJsonDocument::fromJson(frame.toUtf8()).object();
        const QStringList keys = o.keys();
        switch (below(4)) {
        case 0:
            if (!keys.isEmpty())
                o.insert(keys.at(below(quint32(keys.size()))), randomValue());
            break;
        case 1:
            if (!keys.isEmpty())
                o.remove(keys.at(below(quint32(keys.size()))));
            break;
        case 2: {
            QJsonArray op;
            for (quint32 i = below(1200); i > 0; --i)
                op.append(QJsonObject{{QStringLiteral("p"), double(below(5))}, {QStringLiteral("i"), QStringLiteral("z")}});
            o.insert(QStringLiteral("op"), op);
            break;
        }
        default:
            o.insert(QStringLiteral("type"), randomValue());
            break;
        }
        return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }

    // A textual change: truncation, flipped, inserted or deleted characters,
    // deep nesting, plain noise.
    QString mutateText(QString frame)
    {
        switch (below(6)) {
        case 0:
            frame.truncate(below(quint32(frame.size())));
            break;
        case 1:
            for (quint32 n = 1 + below(4); n > 0 && !frame.isEmpty(); --n)
                frame[below(quint32(frame.size()))] = QChar(char16_t(below(2) ? below(128) : below(0x10000)));
            break;
        case 2: {
            static const char *tokens[] = {"{", "}", "[", "]", ",", ":", "\"", "\\u", "\\ud800", "null", "1e999", "-0", "true"};
            frame.insert(below(quint32(frame.size() + 1)), QLatin1String(tokens[below(std::size(tokens))]));
            break;
        }
        case 3:
            if (!frame.isEmpty())
                frame.remove(below(quint32(frame.size())), 1 + below(8));
            break;
        case 4: {
            const qsizetype depth = 1 + below(5000);
            frame = QString(depth, QLatin1Char('[')) + QString(depth, QLatin1Char(']'));
            break;
        }
        default: {
            QString noise;
            for (quint32 n = below(200); n > 0; --n)
                noise.append(QChar(char16_t(below(0x10000))));
            frame = noise;
            break;
        }
        }
        return frame;
    }

    QString next(const QStringList &seeds)
    {
        QString frame = seeds.at(below(quint32(seeds.size())));
        for (quint32 rounds = 1 + below(3); rounds > 0; --rounds)
            frame = below(2) ? mutateJson(frame) : mutateText(frame);
        return frame;
    }

private:
    QRandomGenerator m_rng;
};

quint32 fuzzSeed()
{
    bool ok = false;
    const quint32 fromEnv = qEnvironmentVariable("COAUTHOR_FUZZ_SEED").toUInt(&ok);
    return ok ? fromEnv : 0xC0A07u;
}

int budgetMs()
{
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("COAUTHOR_FUZZ_MS", &ok);
    return ok ? fromEnv : 2500;
}

QString describe(quint32 seed, int iteration, const QString &frame)
{
    return QStringLiteral("seed %1 (COAUTHOR_FUZZ_SEED), iteration %2, frame: %3")
        .arg(seed)
        .arg(iteration)
        .arg(frame.left(300));
}

// Decodes every mutated frame with decode and checks the invariants.
template <typename Decode, typename Reencode>
void fuzz(const QStringList &seeds, quint32 seed, Decode decode, Reencode reencode, int *decodedCount)
{
    Mutator mutator(seed);
    QElapsedTimer total;
    total.start();
    int iteration = 0;
    while (total.elapsed() < budgetMs()) {
        ++iteration;
        const QString frame = mutator.next(seeds);
        QElapsedTimer one;
        one.start();
        const auto result = decode(frame);
        QVERIFY2(one.elapsed() < 1000, qPrintable(QStringLiteral("slow decode: ") + describe(seed, iteration, frame)));
        if (!result) {
            QVERIFY2(documentedCodes.contains(result.error().code),
                     qPrintable(QStringLiteral("undocumented code '%1': ").arg(result.error().code) + describe(seed, iteration, frame)));
            QVERIFY2(!result.error().message.isEmpty(), qPrintable(QStringLiteral("no message: ") + describe(seed, iteration, frame)));
            continue;
        }
        ++*decodedCount;
        // What decoded says the same after an encode and a decode.
        const QJsonObject once = reencode(result.value());
        const auto again = decode(QString::fromUtf8(QJsonDocument(once).toJson(QJsonDocument::Compact)));
        QVERIFY2(again.ok(), qPrintable(QStringLiteral("re-encoded frame refused (%1): ").arg(again ? QString() : again.error().code) + describe(seed, iteration, frame)));
        QVERIFY2(reencode(again.value()) == once, qPrintable(QStringLiteral("re-encode differs: ") + describe(seed, iteration, frame)));
    }
    qInfo("%d frames in %d ms, %d decoded (seed %u)", iteration, budgetMs(), *decodedCount, seed);
}

} // namespace

class TestCodecFuzz : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theSeedsAreValid()
    {
        // A positive control: unmutated, every seed decodes, so mutants start from
        // frames that reach deep into the decoders.
        for (const QString &s : clientSeeds)
            QVERIFY2(MessageCodec::decode(s).ok(), qPrintable(s));
        for (const QString &s : serverSeeds)
            QVERIFY2(ServerMessageCodec::decode(s).ok(), qPrintable(s));
    }

    void clientFramesNeverCrashAndFailTyped()
    {
        int decoded = 0;
        fuzz(clientSeeds, fuzzSeed(), [](const QString &f) { return MessageCodec::decode(f); },
             [](const ClientMessage &m) { return MessageCodec::toJson(m); }, &decoded);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(decoded > 0, "no mutant decoded: the mutations never reach past the first check");
    }

    void serverFramesNeverCrashAndFailTyped()
    {
        int decoded = 0;
        fuzz(serverSeeds, fuzzSeed() + 1, [](const QString &f) { return ServerMessageCodec::decode(f); },
             [](const ServerMessage &m) { return ServerMessageCodec::toJson(m); }, &decoded);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(decoded > 0, "no mutant decoded: the mutations never reach past the first check");
    }
};

QTEST_GUILESS_MAIN(TestCodecFuzz)
#include "tst_codec_fuzz.moc"
