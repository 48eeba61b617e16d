// TextBuffer: the gap buffer gives exactly the results of apply() on a QString,
// leaves itself unchanged when an op fails, and moves only the gap on small edits.

#include "sync/ot/textbuffer.h"

#include "tests/sync/ot/randomops.h"

#include <QTest>

using namespace coauthor::sync::ot;
using namespace coauthor::sync::ot::testing;
using namespace Qt::StringLiterals;
using Code = OtError::Code;

class TestTextBuffer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void constructsAndReads();
    void midClamps();
    void appliesOps();
    void failingOpLeavesBufferUnchanged();
    void growsPastTheGap();
    void smallEditOnLargeDocumentMovesOnlyTheGap();
    void matchesApplyOnRandomOps();
};

void TestTextBuffer::constructsAndReads()
{
    QCOMPARE(TextBuffer().size(), 0);
    QCOMPARE(TextBuffer().toString(), QString());
    const TextBuffer buffer(u"a\U0001F600b"_s);
    QCOMPARE(buffer.size(), 4);
    QCOMPARE(buffer.toString(), u"a\U0001F600b"_s);
    QCOMPARE(buffer.at(3), QChar(u'b'));
}

void TestTextBuffer::midClamps()
{
    TextBuffer buffer(u"hello world"_s);
    // Put the gap in the middle so mid() has to read across it.
    QVERIFY(buffer.apply(TextOperation({Component::insert(5, u","_s)})).ok());
    QCOMPARE(buffer.toString(), u"hello, world"_s);
    QCOMPARE(buffer.mid(3, 5), u"lo, w"_s);
    QCOMPARE(buffer.mid(0, 100), u"hello, world"_s);
    QCOMPARE(buffer.mid(-2, 4), u"he"_s);
    QCOMPARE(buffer.mid(20, 3), QString());
    QCOMPARE(buffer.mid(2, 0), QString());
}

void TestTextBuffer::appliesOps()
{
    TextBuffer buffer(u"hello world"_s);
    QVERIFY(buffer.apply(TextOperation({Component::erase(0, u"hello"_s), Component::insert(0, u"goodbye"_s),
                                        Component::insert(13, u"!"_s)})).ok());
    QCOMPARE(buffer.toString(), u"goodbye world!"_s);
    QVERIFY(buffer.apply(TextOperation({Component::erase(8, u"world"_s)})).ok());
    QCOMPARE(buffer.toString(), u"goodbye !"_s);
    QVERIFY(buffer.apply(TextOperation()).ok());
    QCOMPARE(buffer.size(), 9);
}

void TestTextBuffer::failingOpLeavesBufferUnchanged()
{
    const QString text = u"ab\U0001F600cd"_s;
    const struct {
        TextOperation op;
        Code code;
    } cases[] = {
        {TextOperation({Component::insert(7, u"x"_s)}), Code::PositionOutOfRange},
        {TextOperation({Component::insert(-1, u"x"_s)}), Code::PositionOutOfRange},
        {TextOperation({Component::erase(5, u"cde"_s)}), Code::PositionOutOfRange},
        {TextOperation({Component::insert(3, u"x"_s)}), Code::PositionOutOfRange},
        {TextOperation({Component::erase(1, u"b\xD83D"_s)}), Code::PositionOutOfRange},
        {TextOperation({Component::erase(0, u"ax"_s)}), Code::DeleteMismatch},
        {TextOperation({Component::insert(0, QString(QChar(0xDC00)))}), Code::LoneSurrogate},
        // Earlier components applied, then a later one fails: all rolled back.
        {TextOperation({Component::insert(0, u"xyz"_s), Component::erase(1, u"yz"_s), Component::erase(0, u"xab"_s),
                        Component::insert(99, u"!"_s)}),
         Code::PositionOutOfRange},
        {TextOperation({Component::erase(0, u"ab"_s), Component::insert(4, u"long insert"_s), Component::erase(2, u"q"_s)}),
         Code::DeleteMismatch},
    };
    for (const auto &c : cases) {
        TextBuffer buffer(text);
        const auto result = buffer.apply(c.op);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, c.code);
        QCOMPARE(apply(text, c.op).error().code, c.code);
        QCOMPARE(buffer.toString(), text);
        QCOMPARE(buffer.size(), text.size());
    }
}

void TestTextBuffer::growsPastTheGap()
{
    TextBuffer buffer(u"ab"_s);
    const QString big(100000, u'x');
    QVERIFY(buffer.apply(TextOperation({Component::insert(1, big)})).ok());
    QVERIFY(buffer.apply(TextOperation({Component::insert(0, big)})).ok());
    QCOMPARE(buffer.toString(), big + u"a"_s + big + u"b"_s);
}

void TestTextBuffer::smallEditOnLargeDocumentMovesOnlyTheGap()
{
    const QString megabyte(512 * 1024, u'a'); // 1 MB of UTF-16
    TextBuffer buffer(megabyte);
    QString expected = megabyte;
    // The first edit brings the gap to where the editing happens (one move of
    // the text after it); from then on edits nearby move only what lies between.
    QVERIFY(buffer.apply(TextOperation({Component::insert(1000, u"b"_s)})).ok());
    expected.insert(1000, u'b');
    const qint64 before = buffer.unitsMoved();
    // Typing and deleting near one place: each edit moves a handful of units.
    for (int i = 0; i < 100; ++i) {
        QVERIFY(buffer.apply(TextOperation({Component::insert(1001 + i, u"b"_s)})).ok());
        expected.insert(1001 + i, u'b');
        QVERIFY(buffer.apply(TextOperation({Component::erase(900, u"a"_s)})).ok());
        expected.remove(900, 1);
    }
    const qint64 moved = buffer.unitsMoved() - before;
    QVERIFY2(moved < 40000, qPrintable(QString::number(moved)));
    QCOMPARE(buffer.size(), expected.size());
    QVERIFY(buffer.toString() == expected);
}

void TestTextBuffer::matchesApplyOnRandomOps()
{
    const quint32 seed = seedFromEnvironment(20261123);
    qInfo("seed %u (set COAUTHOR_OT_SEED to replay)", seed);
    RandomOps random(seed);
    for (int round = 0; round < 200; ++round) {
        QString text = random.text(60);
        TextBuffer buffer(text);
        for (int step = 0; step < 50; ++step) {
            TextOperation op = random.operation(text, 4);
            // Every fourth op is corrupted: a bad position or a wrong delete.
            if (step % 4 == 3 && !op.isEmpty()) {
                QList<Component> components = op.components();
                Component &c = components[random.bounded(int(components.size()))];
                if (random.bounded(2) == 0)
                    c.position += 200;
                else
                    c = Component::erase(c.position, c.text + u"?"_s);
                op = TextOperation(components);
            }
            const auto expected = apply(text, op);
            const auto result = buffer.apply(op);
            QCOMPARE(result.ok(), expected.ok());
            if (expected.ok())
                text = expected.value();
            else
                QCOMPARE(result.error().code, expected.error().code);
            QCOMPARE(buffer.toString(), text);
        }
    }
}

QTEST_GUILESS_MAIN(TestTextBuffer)
#include "tst_textbuffer.moc"
