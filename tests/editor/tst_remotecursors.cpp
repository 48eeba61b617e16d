// RemoteCursors: collaborators' carets follow edits and are painted in
// their colour over the editor; their name flags fade out after a while and
// come back when the caret moves or the mouse points at it.

#include "editor/latexeditor.h"
#include "editor/remotecursors.h"

#include <QTest>

using namespace coauthor::editor;

class TestRemoteCursors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followEditsAndPaint()
    {
        LatexEditor editor;
        editor.resize(500, 300);
        editor.setPlainText(QStringLiteral("first line\nsecond line\nthird line"));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        RemoteCursors cursors(&editor);
        const QColor color(0, 160, 255);
        cursors.setCursor(QStringLiteral("c1"), QStringLiteral("Ada"), color, 14);
        cursors.setCursor(QStringLiteral("c2"), QStringLiteral("Bob"), QColor(), 20, 11);
        QCOMPARE(cursors.clientIds(), QStringList({QStringLiteral("c1"), QStringLiteral("c2")}));

        // Typing before a remote caret moves it along.
        editor.goToLine(1, 1);
        QTest::keyClicks(&editor, QStringLiteral("xyz"));
        QCOMPARE(cursors.position(QStringLiteral("c1")), 17);

        // The caret is painted in its colour at its place.
        QTextCursor at(editor.document());
        at.setPosition(17);
        const QRect r = editor.cursorRect(at);
        const QImage image = editor.viewport()->grab().toImage();
        bool found = false;
        for (int y = r.top(); y <= r.bottom() && !found; ++y) {
            for (int x = r.left() - 1; x <= r.left() + 2 && !found; ++x)
                found = image.pixelColor(x, y) == color;
        }
        QVERIFY(found);

        cursors.removeCursor(QStringLiteral("c1"));
        QCOMPARE(cursors.position(QStringLiteral("c1")), -1);
        cursors.clearCursors();
        QVERIFY(cursors.clientIds().isEmpty());
        QVERIFY(RemoteCursors::colorFor(QStringLiteral("x")).isValid());
    }

    void nameFlagsFadeAndComeBackOnMoveOrHover()
    {
        LatexEditor editor;
        editor.resize(500, 300);
        editor.setPlainText(QStringLiteral("first line\nsecond line\nthird line"));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        RemoteCursors cursors(&editor);
        cursors.setFlagTiming(300, 100);
        const QColor color(0, 160, 255);
        cursors.setCursor(QStringLiteral("c1"), QStringLiteral("Ada"), color, 14);
        QCOMPARE(cursors.flagOpacity(QStringLiteral("c1")), 1.0);
        QCOMPARE(cursors.flagOpacity(QStringLiteral("nobody")), -1.0);

        // Where the flag is drawn (above the caret on line 2): its colour, then not.
        QTextCursor at(editor.document());
        at.setPosition(14);
        const QRect caret = editor.cursorRect(at);
        const QPoint inFlag(caret.left() + 8, caret.top() - 3);
        const auto flagPainted = [&] { return editor.viewport()->grab().toImage().pixelColor(inFlag) == color; };
        QVERIFY(flagPainted());
        QTRY_COMPARE_WITH_TIMEOUT(cursors.flagOpacity(QStringLiteral("c1")), 0.0, 2000);
        QVERIFY(!flagPainted());

        // The same position again (a presence refresh) leaves it faded; a move shows it.
        cursors.setCursor(QStringLiteral("c1"), QStringLiteral("Ada"), color, 14);
        QCOMPARE(cursors.flagOpacity(QStringLiteral("c1")), 0.0);
        cursors.setCursor(QStringLiteral("c1"), QStringLiteral("Ada"), color, 15);
        QCOMPARE(cursors.flagOpacity(QStringLiteral("c1")), 1.0);
        QTRY_COMPARE_WITH_TIMEOUT(cursors.flagOpacity(QStringLiteral("c1")), 0.0, 2000);

        // Pointing at the caret brings it back; pointing elsewhere does not.
        at.setPosition(15);
        const QRect moved = editor.cursorRect(at);
        QTest::mouseMove(editor.viewport(), QPoint(moved.right() + 120, moved.center().y()));
        QCOMPARE(cursors.flagOpacity(QStringLiteral("c1")), 0.0);
        QTest::mouseMove(editor.viewport(), moved.center());
        QTRY_COMPARE(cursors.flagOpacity(QStringLiteral("c1")), 1.0);
        QTRY_COMPARE_WITH_TIMEOUT(cursors.flagOpacity(QStringLiteral("c1")), 0.0, 2000);
    }
};

QTEST_MAIN(TestRemoteCursors)
#include "tst_remotecursors.moc"
