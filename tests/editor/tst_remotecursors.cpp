// RemoteCursors: collaborators' carets follow edits and are painted in
// their colour over the editor.

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
};

QTEST_MAIN(TestRemoteCursors)
#include "tst_remotecursors.moc"
