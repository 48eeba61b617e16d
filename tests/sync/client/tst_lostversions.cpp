// reofferAfterLoss: what a client re-offers when the server lost versions it saw.
#include "sync/client/lostversions.h"
#include "sync/ot/operations.h"

#include <QTest>

using namespace coauthor::sync;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

class TestLostVersions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theOpsAfterTheBaseAndTheUnackedOnesBecomeOneOpOnTheTextAtTheBase()
    {
        // base "ab" at 1; v2 inserts "X" at 0, v3 deletes "b"; then in flight "!", pending "?".
        const QList<VersionedOp> history{{1, TextOperation({Component::insert(0, QStringLiteral("a"))})},
                                         {2, TextOperation({Component::insert(0, QStringLiteral("X"))})},
                                         {3, TextOperation({Component::erase(2, QStringLiteral("b"))})}};
        const QList<TextOperation> unacked{TextOperation({Component::insert(2, QStringLiteral("!"))}),
                                           TextOperation({Component::insert(3, QStringLiteral("?"))})};
        const auto reoffer = reofferAfterLoss(QStringLiteral("Xa!?"), 3, 1, history, unacked, QStringLiteral("ab"));
        QCOMPARE(reoffer.textAtBase, QStringLiteral("ab"));
        QCOMPARE(reoffer.op, ot::normalize(ot::compose(ot::compose(ot::compose(history.at(1).op, history.at(2).op), unacked.at(0)), unacked.at(1))));
        QCOMPARE(ot::apply(reoffer.textAtBase, reoffer.op).value(), QStringLiteral("Xa!?"));
    }

    void nothingLostAndNothingUnackedReoffersAnEmptyOp()
    {
        const auto reoffer = reofferAfterLoss(QStringLiteral("ab"), 4, 4, {}, {}, QStringLiteral("ab"));
        QCOMPARE(reoffer.textAtBase, QStringLiteral("ab"));
        QVERIFY(reoffer.op.isNoop());
    }

    // After an app restart the history is gone: one replace of the server's base text.
    void aHistoryThatDoesNotReachBackToTheBaseReoffersTheDifferenceToTheServersBaseText()
    {
        const QList<VersionedOp> history{{3, TextOperation({Component::insert(0, QStringLiteral("X"))})}};
        const auto reoffer = reofferAfterLoss(QStringLiteral("Xab!"), 3, 1, history, {}, QStringLiteral("ab"));
        QCOMPARE(reoffer.textAtBase, QStringLiteral("ab"));
        QCOMPARE(ot::apply(reoffer.textAtBase, reoffer.op).value(), QStringLiteral("Xab!"));
    }

    // Our history undoes to another text than the server's base: trust the server's.
    void aHistoryThatDisagreesWithTheServersBaseTextReoffersTheDifference()
    {
        const QList<VersionedOp> history{{2, TextOperation({Component::insert(0, QStringLiteral("X"))})}};
        const auto reoffer = reofferAfterLoss(QStringLiteral("Xab"), 2, 1, history, {}, QStringLiteral("zab"));
        QCOMPARE(reoffer.textAtBase, QStringLiteral("zab"));
        QCOMPARE(ot::apply(reoffer.textAtBase, reoffer.op).value(), QStringLiteral("Xab"));
    }
};

QTEST_GUILESS_MAIN(TestLostVersions)
#include "tst_lostversions.moc"
