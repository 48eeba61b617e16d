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
        auto reoffer = reofferAfterLoss(QStringLiteral("Xa!?"), 3, 1, history, unacked);
        QVERIFY2(reoffer, reoffer ? "" : qPrintable(reoffer.error()));
        QCOMPARE(reoffer.value().textAtBase, QStringLiteral("ab"));
        QCOMPARE(ot::apply(reoffer.value().textAtBase, reoffer.value().op).value(), QStringLiteral("Xa!?"));
    }

    void nothingLostAndNothingUnackedReoffersAnEmptyOp()
    {
        auto reoffer = reofferAfterLoss(QStringLiteral("ab"), 4, 4, {}, {});
        QVERIFY(reoffer);
        QCOMPARE(reoffer.value().textAtBase, QStringLiteral("ab"));
        QVERIFY(reoffer.value().op.isNoop());
    }

    void aHistoryThatDoesNotReachBackToTheBaseIsRefused()
    {
        const QList<VersionedOp> history{{3, TextOperation({Component::insert(0, QStringLiteral("X"))})}};
        QVERIFY(!reofferAfterLoss(QStringLiteral("Xab"), 3, 1, history, {}));
        QVERIFY(!reofferAfterLoss(QStringLiteral("ab"), 1, 2, {}, {})); // base after our version
    }
};

QTEST_GUILESS_MAIN(TestLostVersions)
#include "tst_lostversions.moc"
