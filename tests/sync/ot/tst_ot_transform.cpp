// transform(): hand-written cases for every pair of component kinds, the edge
// cases of the ShareJS text type (overlaps, ties, inserts inside deletions,
// multi-component ops), and the server/client Side pairing converging.

#include "sync/ot/operations.h"

#include <QTest>

using namespace coauthor::sync::ot;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(coauthor::sync::ot::TextOperation)
Q_DECLARE_METATYPE(coauthor::sync::ot::Side)

namespace {

TextOperation ins(qsizetype p, const QString &s) { return TextOperation({Component::insert(p, s)}); }
TextOperation del(qsizetype p, const QString &s) { return TextOperation({Component::erase(p, s)}); }

QString applied(const QString &text, const TextOperation &op)
{
    const auto result = apply(text, op);
    if (!result.ok())
        qWarning("apply failed: %s", qPrintable(result.error().message));
    return result.ok() ? result.value() : u"<apply failed>"_s;
}

} // namespace

class TestOtTransform : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transformsComponents_data();
    void transformsComponents();
    void concurrentOpsConverge_data();
    void concurrentOpsConverge();
    void serverAndClientAgreeOnTies();
    void emptyOps();
};

void TestOtTransform::transformsComponents_data()
{
    QTest::addColumn<TextOperation>("op");
    QTest::addColumn<TextOperation>("other");
    QTest::addColumn<Side>("side");
    QTest::addColumn<TextOperation>("expected");

    // insert vs insert
    QTest::newRow("ins before ins") << ins(1, u"x"_s) << ins(3, u"yy"_s) << Side::Left << ins(1, u"x"_s);
    QTest::newRow("ins after ins") << ins(5, u"x"_s) << ins(3, u"yy"_s) << Side::Left << ins(7, u"x"_s);
    QTest::newRow("ins tie left goes first") << ins(3, u"x"_s) << ins(3, u"yy"_s) << Side::Left << ins(3, u"x"_s);
    QTest::newRow("ins tie right goes after") << ins(3, u"x"_s) << ins(3, u"yy"_s) << Side::Right << ins(5, u"x"_s);
    // insert vs delete
    QTest::newRow("ins before del") << ins(1, u"x"_s) << del(3, u"ab"_s) << Side::Left << ins(1, u"x"_s);
    QTest::newRow("ins at del start") << ins(3, u"x"_s) << del(3, u"ab"_s) << Side::Right << ins(3, u"x"_s);
    QTest::newRow("ins inside del") << ins(4, u"x"_s) << del(3, u"ab"_s) << Side::Left << ins(3, u"x"_s);
    QTest::newRow("ins at del end") << ins(5, u"x"_s) << del(3, u"ab"_s) << Side::Left << ins(3, u"x"_s);
    QTest::newRow("ins after del") << ins(7, u"x"_s) << del(3, u"ab"_s) << Side::Left << ins(5, u"x"_s);
    // delete vs insert
    QTest::newRow("del before ins") << del(0, u"ab"_s) << ins(3, u"x"_s) << Side::Left << del(0, u"ab"_s);
    QTest::newRow("del ending at ins") << del(1, u"ab"_s) << ins(3, u"x"_s) << Side::Left << del(1, u"ab"_s);
    QTest::newRow("del starting at ins") << del(3, u"ab"_s) << ins(3, u"xy"_s) << Side::Left << del(5, u"ab"_s);
    QTest::newRow("del after ins") << del(4, u"ab"_s) << ins(3, u"xy"_s) << Side::Right << del(6, u"ab"_s);
    // The concurrent insert survives: the delete is split around it.
    QTest::newRow("del around ins")
        << del(1, u"abcd"_s) << ins(3, u"XY"_s) << Side::Left
        << TextOperation({Component::erase(1, u"ab"_s), Component::erase(3, u"cd"_s)});
    // delete vs delete
    QTest::newRow("del before del") << del(0, u"ab"_s) << del(4, u"ef"_s) << Side::Left << del(0, u"ab"_s);
    QTest::newRow("del touching del") << del(2, u"cd"_s) << del(4, u"ef"_s) << Side::Left << del(2, u"cd"_s);
    QTest::newRow("del after del") << del(4, u"ef"_s) << del(0, u"ab"_s) << Side::Left << del(2, u"ef"_s);
    QTest::newRow("same del") << del(1, u"bc"_s) << del(1, u"bc"_s) << Side::Right << TextOperation();
    QTest::newRow("del inside del") << del(2, u"c"_s) << del(1, u"bcd"_s) << Side::Left << TextOperation();
    // The part the other op already deleted is removed from the text too.
    QTest::newRow("del containing del") << del(1, u"bcde"_s) << del(2, u"cd"_s) << Side::Left << del(1, u"be"_s);
    QTest::newRow("del overlapping start") << del(1, u"bcd"_s) << del(3, u"def"_s) << Side::Left << del(1, u"bc"_s);
    QTest::newRow("del overlapping end") << del(3, u"def"_s) << del(1, u"bcd"_s) << Side::Right << del(1, u"ef"_s);
    // Multi-component ops (positions relative to the text after earlier components).
    QTest::newRow("multi vs single")
        << TextOperation({Component::insert(0, u"X"_s), Component::insert(5, u"Y"_s)}) << del(1, u"bc"_s) << Side::Left
        << TextOperation({Component::insert(0, u"X"_s), Component::insert(3, u"Y"_s)});
    QTest::newRow("single vs multi")
        << del(4, u"e"_s) << TextOperation({Component::erase(0, u"ab"_s), Component::insert(1, u"ZZZ"_s)}) << Side::Left
        << del(5, u"e"_s);
}

void TestOtTransform::transformsComponents()
{
    QFETCH(TextOperation, op);
    QFETCH(TextOperation, other);
    QFETCH(Side, side);
    QFETCH(TextOperation, expected);
    QCOMPARE(transform(op, other, side), expected);
}

void TestOtTransform::concurrentOpsConverge_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<TextOperation>("a");
    QTest::addColumn<TextOperation>("b");
    QTest::addColumn<QString>("expected");

    QTest::newRow("two inserts at one place") << u"ab"_s << ins(1, u"X"_s) << ins(1, u"Y"_s) << u"aXYb"_s;
    QTest::newRow("insert inside deleted range") << u"abcdef"_s << ins(3, u"X"_s) << del(1, u"bcde"_s) << u"aXf"_s;
    QTest::newRow("overlapping deletes") << u"abcdef"_s << del(1, u"bcd"_s) << del(2, u"cde"_s) << u"af"_s;
    QTest::newRow("same delete twice") << u"abc"_s << del(1, u"b"_s) << del(1, u"b"_s) << u"ac"_s;
    QTest::newRow("replace vs replace")
        << u"hello world"_s
        << TextOperation({Component::erase(0, u"hello"_s), Component::insert(0, u"goodbye"_s)})
        << TextOperation({Component::erase(6, u"world"_s), Component::insert(6, u"there"_s)})
        << u"goodbye there"_s;
    QTest::newRow("multi vs multi with overlap")
        << u"abcdefgh"_s
        << TextOperation({Component::erase(2, u"cdef"_s), Component::insert(2, u"1"_s), Component::insert(0, u"<"_s)})
        << TextOperation({Component::insert(4, u"2"_s), Component::erase(5, u"ef"_s), Component::erase(0, u"a"_s)})
        << u"<b12gh"_s;
    QTest::newRow("non-BMP")
        << u"a\U0001F600b"_s << ins(3, u"\U0001D11E"_s) << del(1, u"\U0001F600"_s) << u"a\U0001D11Eb"_s;
}

void TestOtTransform::concurrentOpsConverge()
{
    QFETCH(QString, text);
    QFETCH(TextOperation, a);
    QFETCH(TextOperation, b);
    QFETCH(QString, expected);
    // a was applied first on the server; b arrives and is transformed with Right.
    const QString onServer = applied(applied(text, a), transform(b, a, Side::Right));
    // b's author transforms the server's a with Left against its pending b.
    const QString onClient = applied(applied(text, b), transform(a, b, Side::Left));
    QCOMPARE(onServer, expected);
    QCOMPARE(onClient, expected);
    // And with the roles of a and b exchanged.
    QCOMPARE(applied(applied(text, b), transform(a, b, Side::Right)), applied(applied(text, a), transform(b, a, Side::Left)));
}

void TestOtTransform::serverAndClientAgreeOnTies()
{
    // Both clients type at position 2 of "abcd". The server applied client 1's
    // "X" first, so it wins the tie: "abXYcd" on every replica.
    const QString text = u"abcd"_s;
    const TextOperation fromClient1 = ins(2, u"X"_s);
    const TextOperation fromClient2 = ins(2, u"Y"_s);
    const TextOperation client2OnServer = transform(fromClient2, fromClient1, Side::Right);
    QCOMPARE(client2OnServer, ins(3, u"Y"_s));
    const TextOperation client1OnClient2 = transform(fromClient1, fromClient2, Side::Left);
    QCOMPARE(client1OnClient2, ins(2, u"X"_s));
    QCOMPARE(applied(applied(text, fromClient1), client2OnServer), u"abXYcd"_s);
    QCOMPARE(applied(applied(text, fromClient2), client1OnClient2), u"abXYcd"_s);
}

void TestOtTransform::emptyOps()
{
    const TextOperation op = ins(1, u"x"_s);
    QCOMPARE(transform(op, TextOperation(), Side::Left), op);
    QCOMPARE(transform(op, TextOperation(), Side::Right), op);
    QVERIFY(transform(TextOperation(), op, Side::Left).isNoop());
    QVERIFY(transform(TextOperation(), op, Side::Right).isNoop());
}

QTEST_GUILESS_MAIN(TestOtTransform)
#include "tst_ot_transform.moc"
