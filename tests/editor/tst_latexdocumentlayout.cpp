// LatexDocumentLayout against QPlainTextEdit's own layout: when a line grows
// onto a second row (soft wrap) the lines below move down at once, on screen
// and in the gutter, exactly as in a QPlainTextEdit with the same text, font,
// width and highlighting — in a short and in a 10,000-line document.

#include "editor/latexeditor.h"
#include "editor/latexhighlighter.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPlainTextEdit>
#include <QScreen>
#include <QTest>
#include <QTextBlock>
#include <QWindow>

using namespace coauthor::editor;

namespace {

// The protected geometry of both editors, for comparing them.
class ProbedEditor : public LatexEditor
{
public:
    using LatexEditor::blockBoundingGeometry;
    using LatexEditor::contentOffset;
    using LatexEditor::firstVisibleBlock;
    using LatexEditor::viewportMargins;
};

class ReferenceEdit : public QPlainTextEdit
{
public:
    using QPlainTextEdit::blockBoundingGeometry;
    using QPlainTextEdit::contentOffset;
    using QPlainTextEdit::firstVisibleBlock;
    using QPlainTextEdit::setViewportMargins;
};

// "block number: top+height" of every block that shows in the viewport.
template <typename Edit>
QStringList visibleBlocks(Edit &edit)
{
    QStringList out;
    QTextBlock block = edit.firstVisibleBlock();
    const int height = edit.viewport()->height();
    while (block.isValid()) {
        const QRectF r = edit.blockBoundingGeometry(block).translated(edit.contentOffset());
        if (r.top() > height)
            break;
        out << QStringLiteral("%1: %2+%3").arg(block.blockNumber() + 1).arg(r.top()).arg(r.height());
        block = block.next();
    }
    return out;
}

QString document(int lines)
{
    // Line 1 has highlighted spans (shifted by typing before them) and ends in
    // a comment (lengthened by typing after it): both change its formats.
    QString text = QStringLiteral("\\documentclass[11pt]{article} % thesis\n");
    for (int i = 2; i <= lines; ++i)
        text += QStringLiteral("Line %1 with \\emph{some} words.\n").arg(i);
    text.chop(1);
    return text;
}

// What the window shows now, as it was last painted (the backing store),
// cut to the widget: a region that was not repainted after a change keeps
// its old pixels here.
QImage onScreen(QWidget &w)
{
    QWidget *window = w.window();
    const QPoint at = w.mapTo(window, QPoint(0, 0));
    const QPixmap shot = window->screen()->grabWindow(window->winId(), at.x(), at.y(), w.width(), w.height());
    return shot.toImage().convertToFormat(QImage::Format_RGB32);
}

// The same widget painted afresh in full.
QImage repainted(QWidget &w)
{
    return w.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

// Whether the screen shows what a full repaint of w shows; when not, both
// pictures are saved for a look and their paths are given in *note.
bool screenIsUpToDate(QWidget &w, QString *note)
{
    const QImage shown = onScreen(w);
    const QImage fresh = repainted(w);
    if (shown == fresh)
        return true;
    const QString base = QDir::temp().filePath(QStringLiteral("tst_latexdocumentlayout-"));
    shown.save(base + QStringLiteral("onscreen.png"));
    fresh.save(base + QStringLiteral("repainted.png"));
    *note = QStringLiteral("stale pixels on screen: see %1onscreen.png and %1repainted.png").arg(base);
    return false;
}

void settle()
{
    // Posted update requests, the highlighter's zero-timer slices, the paint.
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
    QTest::qWait(10);
}

} // namespace

class TestLatexDocumentLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setCursorFlashTime(0); // a caret that does not blink between two pictures
    }

    void wrappingLineOneKeepsTheLinesBelowInViewAsQPlainTextEditDoes_data()
    {
        QTest::addColumn<int>("lines");
        QTest::addColumn<bool>("atStart");
        QTest::newRow("41 lines, typing at the start of line 1") << 41 << true;
        QTest::newRow("41 lines, typing at the end of line 1") << 41 << false;
        QTest::newRow("10000 lines, typing at the start of line 1") << 10000 << true;
        QTest::newRow("10000 lines, typing at the end of line 1") << 10000 << false;
    }

    void wrappingLineOneKeepsTheLinesBelowInViewAsQPlainTextEditDoes()
    {
        QFETCH(int, lines);
        QFETCH(bool, atStart);

        ProbedEditor editor;
        editor.setSoftWrap(true);
        editor.setPlainText(document(lines));
        editor.resize(520, 420);
        editor.move(0, 0);

        ReferenceEdit reference;
        reference.setFont(editor.editorFont());
        reference.document()->setDefaultFont(editor.editorFont());
        reference.setTabStopDistance(editor.tabStopDistance());
        reference.setLineWrapMode(QPlainTextEdit::WidgetWidth);
        reference.setWordWrapMode(editor.wordWrapMode());
        reference.setViewportMargins(editor.viewportMargins());
        new LatexHighlighter(reference.document()); // the same formats, through Qt's own layout
        reference.setPlainText(document(lines));
        reference.resize(editor.size());
        reference.move(600, 0);

        editor.show();
        reference.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QVERIFY(QTest::qWaitForWindowExposed(&reference));
        QCOMPARE(editor.viewport()->size(), reference.viewport()->size());
        settle();
        QCOMPARE(visibleBlocks(editor), visibleBlocks(reference));

        for (auto *edit : std::initializer_list<QPlainTextEdit *>{&editor, &reference}) {
            QTextCursor c = edit->textCursor();
            c.setPosition(atStart ? 0 : edit->document()->firstBlock().length() - 1);
            edit->setTextCursor(c);
        }
        settle();

        const qreal oneRow = editor.blockBoundingGeometry(editor.document()->firstBlock()).height();
        bool wrapped = false;
        for (int typed = 0; typed < 120; ++typed) {
            const QString key = typed % 6 == 5 ? QStringLiteral(" ") : QStringLiteral("w");
            QTest::keyClicks(&editor, key);
            QTest::keyClicks(&reference, key);
            settle();
            const QTextBlock first = editor.document()->firstBlock();
            const bool nowWrapped = editor.blockBoundingGeometry(first).height() > oneRow * 1.5;
            // Checked every ten keys, and at every key once line 1 has wrapped.
            if (nowWrapped || typed % 10 == 0) {
                QCOMPARE(editor.toPlainText(), reference.toPlainText());
                QCOMPARE(editor.firstVisibleBlock().blockNumber(), reference.firstVisibleBlock().blockNumber());
                QCOMPARE(visibleBlocks(editor), visibleBlocks(reference));
                // What the screen shows of the text and of the line numbers is what a
                // full repaint shows: no line left behind at its old place.
                QString note;
                QVERIFY2(screenIsUpToDate(editor, &note), qPrintable(QStringLiteral("after %1 keys, ").arg(typed + 1) + note));
                QVERIFY2(screenIsUpToDate(reference, &note), qPrintable(note)); // the check holds for Qt's own layout
            }
            if (nowWrapped && !wrapped) {
                wrapped = true;
                typed = 115; // a few more keys on the second row
            }
        }
        QVERIFY(wrapped);
        QCOMPARE(editor.document()->firstBlock().lineCount(), 2);
    }

    void formatsThatChangeBelowTheEditAreRepainted()
    {
        // "$" at the end of line 1 opens math that carries on into line 2: line 2
        // changes colour without being edited, and the screen must show it.
        LatexEditor editor;
        editor.setPlainText(QStringLiteral("Energy is\n") + document(41).section(u'\n', 1));
        editor.resize(520, 420);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        settle();
        QTextCursor c = editor.textCursor();
        c.setPosition(editor.document()->firstBlock().length() - 1);
        editor.setTextCursor(c);
        const auto line2 = [&] { return editor.document()->findBlockByNumber(1).layout()->formats(); };
        const auto before = line2();
        QTest::keyClicks(&editor, QStringLiteral(" $"));
        settle();
        QVERIFY(line2() != before);
        QString note;
        QVERIFY2(screenIsUpToDate(editor, &note), qPrintable(note));
    }
};

QTEST_MAIN(TestLatexDocumentLayout)
#include "tst_latexdocumentlayout.moc"
