// OutlineView: the tree follows the levels, clicking an entry asks for its
// file and line, and collapsed entries stay collapsed across refreshes.

#include "editor/outlineview.h"

#include <QSignalSpy>
#include <QTest>

using namespace coauthor::editor;

class TestOutlineView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void treeAndActivation()
    {
        OutlineView view;
        const QList<OutlineEntry> entries = {
            {1, QStringLiteral("Intro"), QStringLiteral("main.tex"), 3},
            {2, QStringLiteral("Motivation"), QStringLiteral("intro.tex"), 1},
            {3, QStringLiteral("Detail"), QStringLiteral("intro.tex"), 9},
            {2, QStringLiteral("Plan"), QStringLiteral("intro.tex"), 20},
            {1, QStringLiteral("Methods"), QStringLiteral("methods.tex"), 1},
            {4, QStringLiteral("Deep"), QStringLiteral("methods.tex"), 5},
        };
        view.setEntries(entries);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.topLevelItemCount(), 2);
        QTreeWidgetItem *intro = view.topLevelItem(0);
        QCOMPARE(intro->childCount(), 2);
        QCOMPARE(intro->child(0)->child(0)->text(0), QStringLiteral("Detail"));
        QCOMPARE(view.topLevelItem(1)->child(0)->text(0), QStringLiteral("Deep"));

        QSignalSpy activated(&view, &OutlineView::entryActivated);
        QTreeWidgetItem *detail = intro->child(0)->child(0);
        const QRect rect = view.visualItemRect(detail);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, rect.center());
        QVERIFY(!activated.isEmpty());
        QCOMPARE(activated.last().at(0).toString(), QStringLiteral("intro.tex"));
        QCOMPARE(activated.last().at(1).toInt(), 9);

        // Collapse "Intro", refresh with a changed line: it stays collapsed.
        intro->setExpanded(false);
        QList<OutlineEntry> changed = entries;
        changed[3].line = 21;
        view.setEntries(changed);
        QVERIFY(!view.topLevelItem(0)->isExpanded());
        QVERIFY(view.topLevelItem(1)->isExpanded());
        QCOMPARE(view.entries(), changed);
    }
};

QTEST_MAIN(TestOutlineView)
#include "tst_outlineview.moc"
