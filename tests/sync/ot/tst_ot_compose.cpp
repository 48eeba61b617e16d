// TextOperation::append merging, compose, invert and normalize on hand-written
// cases (the random properties are in tst_ot_properties).

#include "sync/ot/operations.h"

#include <QTest>

using namespace coauthor::sync::ot;
using namespace Qt::StringLiterals;

namespace {

TextOperation appended(std::initializer_list<Component> components)
{
    TextOperation op;
    for (const Component &c : components)
        op.append(c);
    return op;
}

QString applied(const QString &text, const TextOperation &op)
{
    const auto result = apply(text, op);
    return result.ok() ? result.value() : u"<apply failed: "_s + result.error().message + u">"_s;
}

} // namespace

class TestOtCompose : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendMergesTyping();
    void appendMergesDeletes();
    void appendKeepsSeparateEdits();
    void isNoopAndSize();
    void composeIsSequentialApply();
    void invertUndoes();
    void normalizeMergesAndDrops();
};

void TestOtCompose::appendMergesTyping()
{
    QCOMPARE(appended({Component::insert(0, u"a"_s), Component::insert(1, u"b"_s), Component::insert(2, u"c"_s)}),
             TextOperation({Component::insert(0, u"abc"_s)}));
    // An insert in the middle or at the start of the previous insert joins it.
    QCOMPARE(appended({Component::insert(3, u"ac"_s), Component::insert(4, u"b"_s)}), TextOperation({Component::insert(3, u"abc"_s)}));
    QCOMPARE(appended({Component::insert(3, u"bc"_s), Component::insert(3, u"a"_s)}), TextOperation({Component::insert(3, u"abc"_s)}));
}

void TestOtCompose::appendMergesDeletes()
{
    // Backspace: each delete ends where the previous one started.
    QCOMPARE(appended({Component::erase(3, u"d"_s), Component::erase(2, u"c"_s), Component::erase(1, u"b"_s)}),
             TextOperation({Component::erase(1, u"bcd"_s)}));
    // Forward delete: same position each time.
    QCOMPARE(appended({Component::erase(2, u"c"_s), Component::erase(2, u"d"_s)}), TextOperation({Component::erase(2, u"cd"_s)}));
    // A delete that spans the previous one's position.
    QCOMPARE(appended({Component::erase(2, u"c"_s), Component::erase(1, u"bd"_s)}), TextOperation({Component::erase(1, u"bcd"_s)}));
}

void TestOtCompose::appendKeepsSeparateEdits()
{
    const TextOperation apart = appended({Component::insert(0, u"a"_s), Component::insert(5, u"b"_s)});
    QCOMPARE(apart.size(), 2);
    const TextOperation mixed = appended({Component::insert(1, u"a"_s), Component::erase(1, u"a"_s)});
    QCOMPARE(mixed.size(), 2);
    const TextOperation deletesApart = appended({Component::erase(1, u"a"_s), Component::erase(3, u"b"_s)});
    QCOMPARE(deletesApart.size(), 2);
    // Empty components are dropped.
    QCOMPARE(appended({Component::insert(1, QString()), Component::erase(0, QString())}).size(), 0);
}

void TestOtCompose::isNoopAndSize()
{
    QVERIFY(TextOperation().isNoop());
    QVERIFY(TextOperation({Component::insert(2, QString()), Component::erase(0, QString())}).isNoop());
    QCOMPARE(TextOperation({Component::insert(2, QString()), Component::erase(0, QString())}).size(), 2);
    QVERIFY(!TextOperation({Component::insert(0, u"x"_s)}).isNoop());
    QVERIFY(!TextOperation({Component::erase(0, u"x"_s)}).isNoop());
}

void TestOtCompose::composeIsSequentialApply()
{
    const QString text = u"hello world"_s;
    const TextOperation a({Component::erase(0, u"hello"_s), Component::insert(0, u"goodbye"_s)});
    const TextOperation b({Component::insert(13, u"!"_s), Component::erase(8, u"world"_s)});
    QCOMPARE(applied(text, compose(a, b)), applied(applied(text, a), b));
    QCOMPARE(applied(text, compose(a, b)), u"goodbye !"_s);
    // Typing composes into one insert.
    QCOMPARE(compose(TextOperation({Component::insert(0, u"a"_s)}), TextOperation({Component::insert(1, u"b"_s)})),
             TextOperation({Component::insert(0, u"ab"_s)}));
    QCOMPARE(compose(TextOperation(), TextOperation()), TextOperation());
}

void TestOtCompose::invertUndoes()
{
    QCOMPARE(invert(TextOperation({Component::insert(2, u"ab"_s)})), TextOperation({Component::erase(2, u"ab"_s)}));
    QCOMPARE(invert(TextOperation({Component::erase(2, u"ab"_s)})), TextOperation({Component::insert(2, u"ab"_s)}));
    const QString text = u"hello world"_s;
    const TextOperation op({Component::erase(0, u"hello"_s), Component::insert(0, u"goodbye"_s), Component::insert(13, u"!"_s)});
    QCOMPARE(invert(op), TextOperation({Component::erase(13, u"!"_s), Component::erase(0, u"goodbye"_s), Component::insert(0, u"hello"_s)}));
    QCOMPARE(applied(applied(text, op), invert(op)), text);
    QVERIFY(invert(TextOperation()).isNoop());
}

void TestOtCompose::normalizeMergesAndDrops()
{
    const TextOperation op({Component::insert(0, u"a"_s), Component::insert(1, QString()), Component::insert(1, u"b"_s),
                            Component::erase(5, u"x"_s), Component::erase(4, u"w"_s)});
    const TextOperation expected({Component::insert(0, u"ab"_s), Component::erase(4, u"wx"_s)});
    QCOMPARE(normalize(op), expected);
    QCOMPARE(normalize(expected), expected);
    QCOMPARE(applied(u"01wx456"_s, normalize(op)), u"ab01456"_s);
    QCOMPARE(applied(u"01wx456"_s, op), u"ab01456"_s);
    // A merged delete can join the one before it as well.
    QCOMPARE(normalize(TextOperation({Component::erase(0, u"a"_s), Component::erase(1, u"c"_s), Component::erase(0, u"b"_s)})),
             TextOperation({Component::erase(0, u"abc"_s)}));
}

QTEST_GUILESS_MAIN(TestOtCompose)
#include "tst_ot_compose.moc"
