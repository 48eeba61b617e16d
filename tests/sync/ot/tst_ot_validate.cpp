// validate(): every error it returns, with the document length tracked across
// components, and the property that an op validate() accepts is one apply() and
// TextBuffer::apply() accept too, unless a delete's text does not match or a
// position splits a surrogate pair (the two checks that need the text itself).
// The property's seed is printed; COAUTHOR_OT_SEED replays it.

#include "randomops.h"
#include "sync/ot/operations.h"
#include "sync/ot/textbuffer.h"

#include <QTest>

#include <limits>
#include <optional>

using namespace coauthor::sync::ot;
using namespace coauthor::sync::ot::testing;
using Code = OtError::Code;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(coauthor::sync::ot::TextOperation)
Q_DECLARE_METATYPE(coauthor::sync::ot::OtError::Code)
Q_DECLARE_METATYPE(coauthor::sync::ot::OpLimits)

namespace {

const QString Smile = QStringLiteral("\U0001F600"); // one code point, two UTF-16 units
constexpr quint32 DefaultSeed = 20261123;

// What apply() must report for an op validate() accepted: only the checks that
// need the text remain, a position splitting a pair and a delete not matching.
std::optional<Code> expectedApplyError(QString text, const TextOperation &op)
{
    const auto splits = [&text](qsizetype p) {
        return p > 0 && p < text.size() && text.at(p - 1).isHighSurrogate() && text.at(p).isLowSurrogate();
    };
    for (const Component &c : op.components()) {
        if (splits(c.position))
            return Code::PositionOutOfRange;
        if (c.isInsert()) {
            text.insert(c.position, c.text);
            continue;
        }
        if (splits(c.position + c.length()))
            return Code::PositionOutOfRange;
        if (QStringView(text).mid(c.position, c.length()) != QStringView(c.text))
            return Code::DeleteMismatch;
        text.remove(c.position, c.length());
    }
    return std::nullopt;
}

// Ops of every shape on text, valid or not: positions a little outside the text
// and inside pairs, empty and lone-surrogate texts, deletes that mostly carry
// the text they remove (so that the delete-matches case is the common one).
TextOperation wildOperation(RandomOps &random, const QString &text)
{
    QString work = text;
    QList<Component> components;
    const int n = 1 + random.bounded(4);
    for (int i = 0; i < n; ++i) {
        const int roll = random.bounded(100);
        qsizetype p = random.bounded(int(work.size()) + 1);
        if (roll < 3)
            p = -1 - random.bounded(3);
        else if (roll < 6)
            p = work.size() + 1 + random.bounded(3);
        QString s;
        const bool insert = random.bounded(2) == 0;
        if (insert || p < 0 || p > work.size() || random.bounded(10) == 0) {
            s = random.text(3);
            if (s.isEmpty())
                s = u"x"_s;
        } else {
            const qsizetype end = std::min(work.size(), p + 1 + random.bounded(4));
            s = work.mid(p, end - p);
            if (random.bounded(20) == 0)
                s += u'z'; // runs past the text's end, or no longer matches
        }
        if (random.bounded(40) == 0)
            s.insert(random.bounded(int(s.size()) + 1), QChar(random.bounded(2) ? 0xD83D : 0xDE00));
        if (random.bounded(40) == 0)
            s.clear();
        Component c = insert ? Component::insert(p, s) : Component::erase(p, s);
        // Later positions refer to the text as this component leaves it, when it applies.
        if (const auto next = apply(work, TextOperation({c})))
            work = next.value();
        components.append(std::move(c));
    }
    return TextOperation(std::move(components));
}

// The error message of a failed result, empty for a successful one (QVERIFY2
// evaluates its message whether or not the check fails).
template<typename R>
QString messageOf(const R &result)
{
    return result.ok() ? QString() : result.error().message;
}

} // namespace

class TestOtValidate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsValidOps_data();
    void acceptsValidOps();
    void rejects_data();
    void rejects();
    void errorNamesTheComponent();
    void leavesTextChecksToApply();
    void validImpliesApplies();
};

void TestOtValidate::acceptsValidOps_data()
{
    QTest::addColumn<qsizetype>("length");
    QTest::addColumn<TextOperation>("op");

    QTest::newRow("empty op on empty text") << qsizetype(0) << TextOperation();
    QTest::newRow("insert into empty text") << qsizetype(0) << TextOperation({Component::insert(0, u"x"_s)});
    QTest::newRow("insert at end") << qsizetype(3) << TextOperation({Component::insert(3, u"x"_s)});
    QTest::newRow("delete everything") << qsizetype(3) << TextOperation({Component::erase(0, u"abc"_s)});
    QTest::newRow("non-BMP insert") << qsizetype(1) << TextOperation({Component::insert(1, Smile)});
    // The second component's position counts the first's insert.
    QTest::newRow("insert grows the text")
        << qsizetype(2) << TextOperation({Component::insert(2, u"xyz"_s), Component::erase(3, u"yz"_s), Component::insert(3, u"!"_s)});
    QTest::newRow("limits reached exactly")
        << qsizetype(0) << TextOperation({Component::insert(0, QString(2 * 1024 * 1024, u'a'))});
}

void TestOtValidate::acceptsValidOps()
{
    QFETCH(qsizetype, length);
    QFETCH(TextOperation, op);
    const auto result = validate(op, length);
    QVERIFY2(result.ok(), qPrintable(messageOf(result)));
}

void TestOtValidate::rejects_data()
{
    QTest::addColumn<qsizetype>("length");
    QTest::addColumn<TextOperation>("op");
    QTest::addColumn<OpLimits>("limits");
    QTest::addColumn<Code>("code");

    const OpLimits defaults;
    const qsizetype huge = std::numeric_limits<qsizetype>::max();
    QTest::newRow("negative insert") << qsizetype(3) << TextOperation({Component::insert(-1, u"x"_s)}) << defaults << Code::NegativePosition;
    QTest::newRow("negative delete") << qsizetype(3) << TextOperation({Component::erase(-5, u"a"_s)}) << defaults << Code::NegativePosition;
    QTest::newRow("empty insert") << qsizetype(3) << TextOperation({Component::insert(1, QString())}) << defaults << Code::EmptyComponent;
    QTest::newRow("empty delete") << qsizetype(3) << TextOperation({Component::erase(1, QString())}) << defaults << Code::EmptyComponent;
    QTest::newRow("insert past end") << qsizetype(3) << TextOperation({Component::insert(4, u"x"_s)}) << defaults << Code::PositionOutOfRange;
    QTest::newRow("delete starting past end") << qsizetype(3) << TextOperation({Component::erase(4, u"x"_s)}) << defaults << Code::PositionOutOfRange;
    QTest::newRow("delete running past end") << qsizetype(3) << TextOperation({Component::erase(2, u"cd"_s)}) << defaults << Code::PositionOutOfRange;
    QTest::newRow("delete on empty text") << qsizetype(0) << TextOperation({Component::erase(0, u"a"_s)}) << defaults << Code::PositionOutOfRange;
    QTest::newRow("huge position") << qsizetype(3) << TextOperation({Component::insert(huge, u"x"_s)}) << defaults << Code::PositionOutOfRange;
    QTest::newRow("huge delete position") << qsizetype(3) << TextOperation({Component::erase(huge, u"x"_s)}) << defaults << Code::PositionOutOfRange;
    // The length as the earlier components leave it, not the document's.
    QTest::newRow("past end after a delete")
        << qsizetype(3) << TextOperation({Component::erase(0, u"ab"_s), Component::insert(2, u"x"_s)}) << defaults << Code::PositionOutOfRange;
    QTest::newRow("delete past end after a delete")
        << qsizetype(3) << TextOperation({Component::erase(0, u"a"_s), Component::erase(1, u"bc"_s)}) << defaults << Code::PositionOutOfRange;
    QTest::newRow("lone high surrogate inserted")
        << qsizetype(3) << TextOperation({Component::insert(0, u"a"_s + QChar(0xD83D))}) << defaults << Code::LoneSurrogate;
    QTest::newRow("lone low surrogate deleted")
        << qsizetype(3) << TextOperation({Component::erase(0, QString(QChar(0xDE00)))}) << defaults << Code::LoneSurrogate;
    QTest::newRow("swapped surrogates")
        << qsizetype(3) << TextOperation({Component::insert(0, QString(QChar(0xDE00)) + QChar(0xD83D))}) << defaults << Code::LoneSurrogate;

    OpLimits twoComponents;
    twoComponents.maxComponents = 2;
    QTest::newRow("too many components")
        << qsizetype(0)
        << TextOperation({Component::insert(0, u"a"_s), Component::insert(5, u"b"_s), Component::insert(9, u"c"_s)})
        << twoComponents << Code::TooManyComponents;
    QTest::newRow("more than 1000 components by default")
        << qsizetype(0) << TextOperation(QList<Component>(1001, Component::insert(0, u"a"_s))) << defaults
        << Code::TooManyComponents;
    OpLimits fourUnits;
    fourUnits.maxTextLength = 4;
    QTest::newRow("text too long, summed over components")
        << qsizetype(3) << TextOperation({Component::insert(0, u"abc"_s), Component::erase(0, u"ab"_s)}) << fourUnits
        << Code::TextTooLong;
    QTest::newRow("text too long by default")
        << qsizetype(0) << TextOperation({Component::insert(0, QString(2 * 1024 * 1024 + 1, u'a'))}) << defaults
        << Code::TextTooLong;
}

void TestOtValidate::rejects()
{
    QFETCH(qsizetype, length);
    QFETCH(TextOperation, op);
    QFETCH(OpLimits, limits);
    QFETCH(Code, code);
    const auto result = validate(op, length, limits);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QVERIFY(!result.error().message.isEmpty());
}

void TestOtValidate::errorNamesTheComponent()
{
    const auto result = validate(TextOperation({Component::insert(0, u"x"_s), Component::erase(9, u"y"_s)}), 3);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.startsWith(u"component 1:"_s), qPrintable(result.error().message));
}

// validate() has no text: a delete of the wrong text or a position inside a
// surrogate pair passes it and is apply()'s to reject.
void TestOtValidate::leavesTextChecksToApply()
{
    const QString text = u"a"_s + Smile + u"b"_s;
    const TextOperation mismatch({Component::erase(0, u"x"_s)});
    QVERIFY(validate(mismatch, text.size()).ok());
    QCOMPARE(apply(text, mismatch).error().code, Code::DeleteMismatch);
    const TextOperation split({Component::insert(2, u"x"_s)});
    QVERIFY(validate(split, text.size()).ok());
    QCOMPARE(apply(text, split).error().code, Code::PositionOutOfRange);
}

void TestOtValidate::validImpliesApplies()
{
    const quint32 seed = seedFromEnvironment(DefaultSeed);
    const int cases = countFromEnvironment("COAUTHOR_OT_VALIDATE_CASES", 50000);
    qInfo("seed %u (set COAUTHOR_OT_SEED to replay), %d random ops", seed, cases);
    RandomOps random(seed);
    int accepted = 0;
    int appliedCleanly = 0;
    for (int i = 0; i < cases; ++i) {
        const QString text = random.text(12);
        const TextOperation op = wildOperation(random, text);
        const auto validated = validate(op, text.size());
        const auto applied = apply(text, op);
        TextBuffer buffer(text);
        const auto bufferApplied = buffer.apply(op);
        if (!validated) {
            // Whatever validate() finds wrong with the position or the text,
            // apply() must not accept either (the limits and empty components
            // are validate()'s alone).
            const Code code = validated.error().code;
            if (code == Code::NegativePosition || code == Code::PositionOutOfRange || code == Code::LoneSurrogate)
                QVERIFY2(!applied.ok(), qPrintable(u"case %1: validate: %2"_s.arg(i).arg(validated.error().message)));
            continue;
        }
        ++accepted;
        const std::optional<Code> expected = expectedApplyError(text, op);
        if (!expected) {
            // The property: valid, and every delete carries the text it removes.
            QVERIFY2(applied.ok(), qPrintable(u"case %1: apply: %2"_s.arg(i).arg(messageOf(applied))));
            QVERIFY2(bufferApplied.ok(), qPrintable(u"case %1: TextBuffer: %2"_s.arg(i).arg(messageOf(bufferApplied))));
            QCOMPARE(buffer.toString(), applied.value());
            ++appliedCleanly;
        } else {
            QVERIFY2(!applied.ok(), qPrintable(u"case %1"_s.arg(i)));
            QCOMPARE(applied.error().code, *expected);
            QVERIFY(!bufferApplied.ok());
            QCOMPARE(bufferApplied.error().code, *expected);
            QCOMPARE(buffer.toString(), text); // all or nothing
        }
    }
    qInfo("%d accepted by validate(), %d of them applied", accepted, appliedCleanly);
    // The generator must exercise both sides of the property.
    QVERIFY(accepted > cases / 4);
    QVERIFY(appliedCleanly > accepted / 2);
}

QTEST_GUILESS_MAIN(TestOtValidate)
#include "tst_ot_validate.moc"
