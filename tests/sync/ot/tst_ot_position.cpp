// transformPosition(): where a cursor goes through inserts and deletes before,
// at and after it, with and without moveOnInsertAtPos.

#include "sync/ot/operations.h"

#include <QTest>

using namespace coauthor::sync::ot;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(coauthor::sync::ot::TextOperation)

class TestOtPosition : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void movesCursor_data();
    void movesCursor();
};

void TestOtPosition::movesCursor_data()
{
    QTest::addColumn<qsizetype>("pos");
    QTest::addColumn<TextOperation>("op");
    QTest::addColumn<bool>("moveOnInsertAtPos");
    QTest::addColumn<qsizetype>("expected");

    const TextOperation insAt3({Component::insert(3, u"xy"_s)});
    QTest::newRow("insert before") << qsizetype(5) << insAt3 << false << qsizetype(7);
    QTest::newRow("insert after") << qsizetype(2) << insAt3 << true << qsizetype(2);
    QTest::newRow("insert at, stay") << qsizetype(3) << insAt3 << false << qsizetype(3);
    QTest::newRow("insert at, move") << qsizetype(3) << insAt3 << true << qsizetype(5);

    const TextOperation delAt3({Component::erase(3, u"abc"_s)});
    QTest::newRow("delete after") << qsizetype(2) << delAt3 << false << qsizetype(2);
    QTest::newRow("delete at start") << qsizetype(3) << delAt3 << true << qsizetype(3);
    QTest::newRow("delete inside") << qsizetype(4) << delAt3 << false << qsizetype(3);
    QTest::newRow("delete at end") << qsizetype(6) << delAt3 << false << qsizetype(3);
    QTest::newRow("delete before") << qsizetype(9) << delAt3 << false << qsizetype(6);

    const TextOperation replace({Component::erase(0, u"hello"_s), Component::insert(0, u"goodbye"_s)});
    QTest::newRow("replace before cursor") << qsizetype(6) << replace << false << qsizetype(8);
    QTest::newRow("cursor inside replaced word") << qsizetype(2) << replace << false << qsizetype(0);
    QTest::newRow("cursor inside replaced word, move") << qsizetype(2) << replace << true << qsizetype(7);
    QTest::newRow("empty op") << qsizetype(4) << TextOperation() << true << qsizetype(4);
}

void TestOtPosition::movesCursor()
{
    QFETCH(qsizetype, pos);
    QFETCH(TextOperation, op);
    QFETCH(bool, moveOnInsertAtPos);
    QFETCH(qsizetype, expected);
    QCOMPARE(transformPosition(pos, op, moveOnInsertAtPos), expected);
}

QTEST_GUILESS_MAIN(TestOtPosition)
#include "tst_ot_position.moc"
