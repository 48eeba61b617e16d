// Applying operations to text: every component kind, sequential positions, and
// every error apply() reports (never a crash, never a partial result).

#include "sync/ot/operations.h"

#include <QTest>

using namespace coauthor::sync::ot;
using Code = OtError::Code;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(coauthor::sync::ot::TextOperation)
Q_DECLARE_METATYPE(coauthor::sync::ot::OtError::Code)

namespace {
const QString Smile = QStringLiteral("\U0001F600"); // one code point, two UTF-16 units
}

class TestOtApply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appliesValidOps_data();
    void appliesValidOps();
    void rejectsInvalidOps_data();
    void rejectsInvalidOps();
    void errorNamesTheComponent();
    void emptyOpIsIdentity();
};

void TestOtApply::appliesValidOps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<TextOperation>("op");
    QTest::addColumn<QString>("expected");

    QTest::newRow("insert at start") << u"bc"_s << TextOperation({Component::insert(0, u"a"_s)}) << u"abc"_s;
    QTest::newRow("insert in middle") << u"ac"_s << TextOperation({Component::insert(1, u"b"_s)}) << u"abc"_s;
    QTest::newRow("insert at end") << u"ab"_s << TextOperation({Component::insert(2, u"c"_s)}) << u"abc"_s;
    QTest::newRow("insert into empty") << QString() << TextOperation({Component::insert(0, u"x"_s)}) << u"x"_s;
    QTest::newRow("delete at start") << u"abc"_s << TextOperation({Component::erase(0, u"a"_s)}) << u"bc"_s;
    QTest::newRow("delete in middle") << u"abcd"_s << TextOperation({Component::erase(1, u"bc"_s)}) << u"ad"_s;
    QTest::newRow("delete everything") << u"abc"_s << TextOperation({Component::erase(0, u"abc"_s)}) << QString();
    // Positions of later components refer to the text after the earlier ones.
    QTest::newRow("sequential positions")
        << u"hello world"_s
        << TextOperation({Component::erase(0, u"hello"_s), Component::insert(0, u"goodbye"_s), Component::insert(13, u"!"_s)})
        << u"goodbye world!"_s;
    QTest::newRow("insert then delete inside it")
        << u"ab"_s << TextOperation({Component::insert(1, u"xyz"_s), Component::erase(2, u"y"_s)}) << u"axzb"_s;
    QTest::newRow("non-BMP insert") << u"ab"_s << TextOperation({Component::insert(1, Smile)}) << QString(u"a"_s + Smile + u"b"_s);
    QTest::newRow("non-BMP delete") << QString(u"a"_s + Smile + u"b"_s) << TextOperation({Component::erase(1, Smile)}) << u"ab"_s;
    QTest::newRow("insert after non-BMP") << Smile << TextOperation({Component::insert(2, u"x"_s)}) << QString(Smile + u"x"_s);
    QTest::newRow("empty components are no-ops")
        << u"ab"_s << TextOperation({Component::insert(1, QString()), Component::erase(2, QString())}) << u"ab"_s;
}

void TestOtApply::appliesValidOps()
{
    QFETCH(QString, text);
    QFETCH(TextOperation, op);
    QFETCH(QString, expected);
    const auto result = apply(text, op);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value(), expected);
}

void TestOtApply::rejectsInvalidOps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<TextOperation>("op");
    QTest::addColumn<Code>("code");

    const QString pair = u"a"_s + Smile + u"b"_s; // a, high, low, b
    QTest::newRow("insert past end") << u"abc"_s << TextOperation({Component::insert(4, u"x"_s)}) << Code::PositionOutOfRange;
    QTest::newRow("negative position") << u"abc"_s << TextOperation({Component::insert(-1, u"x"_s)}) << Code::PositionOutOfRange;
    QTest::newRow("delete past end") << u"abc"_s << TextOperation({Component::erase(2, u"cd"_s)}) << Code::PositionOutOfRange;
    QTest::newRow("delete starting past end") << u"abc"_s << TextOperation({Component::erase(5, u"c"_s)}) << Code::PositionOutOfRange;
    QTest::newRow("huge position") << u"abc"_s << TextOperation({Component::erase(std::numeric_limits<qsizetype>::max(), u"c"_s)}) << Code::PositionOutOfRange;
    QTest::newRow("delete mismatch") << u"abc"_s << TextOperation({Component::erase(1, u"x"_s)}) << Code::DeleteMismatch;
    QTest::newRow("delete mismatch case") << u"abc"_s << TextOperation({Component::erase(0, u"A"_s)}) << Code::DeleteMismatch;
    QTest::newRow("insert splits pair") << pair << TextOperation({Component::insert(2, u"x"_s)}) << Code::PositionOutOfRange;
    QTest::newRow("delete starts inside pair") << pair << TextOperation({Component::erase(2, pair.mid(2, 2))}) << Code::PositionOutOfRange;
    QTest::newRow("delete ends inside pair") << pair << TextOperation({Component::erase(0, pair.mid(0, 2))}) << Code::PositionOutOfRange;
    QTest::newRow("insert lone high surrogate") << u"ab"_s << TextOperation({Component::insert(1, QString(QChar(0xD83D)))}) << Code::LoneSurrogate;
    QTest::newRow("insert lone low surrogate") << u"ab"_s << TextOperation({Component::insert(1, QString(QChar(0xDE00)))}) << Code::LoneSurrogate;
    QTest::newRow("second component out of range")
        << u"abc"_s << TextOperation({Component::erase(0, u"abc"_s), Component::insert(1, u"x"_s)}) << Code::PositionOutOfRange;
    QTest::newRow("second component mismatches after first")
        << u"abc"_s << TextOperation({Component::insert(0, u"x"_s), Component::erase(0, u"a"_s)}) << Code::DeleteMismatch;
}

void TestOtApply::rejectsInvalidOps()
{
    QFETCH(QString, text);
    QFETCH(TextOperation, op);
    QFETCH(Code, code);
    const auto result = apply(text, op);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QVERIFY(!result.error().message.isEmpty());
}

void TestOtApply::errorNamesTheComponent()
{
    const auto result = apply(u"abc"_s, TextOperation({Component::insert(0, u"x"_s), Component::erase(9, u"y"_s)}));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.startsWith(u"component 1:"_s), qPrintable(result.error().message));
}

void TestOtApply::emptyOpIsIdentity()
{
    const auto result = apply(u"abc"_s, TextOperation());
    QVERIFY(result.ok());
    QCOMPARE(result.value(), u"abc"_s);
}

QTEST_GUILESS_MAIN(TestOtApply)
#include "tst_ot_apply.moc"
