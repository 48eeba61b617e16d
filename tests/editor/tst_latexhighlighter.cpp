// LatexHighlighter's incremental behaviour on large documents: a big
// document is coloured in background slices, edits re-highlight only what
// changed, a state change propagates to the end of the document, and the
// visible part is coloured before a paint even far ahead of the pass.

#include "editor/latexeditor.h"
#include "editor/latexhighlighter.h"

#include <QPlainTextDocumentLayout>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>

using namespace coauthor::editor;

namespace {

QString bigDocument(int paragraphs)
{
    QString text;
    for (int i = 0; i < paragraphs; ++i)
        text += QStringLiteral("\\section{S%1}\nText $x_%1$ and \\emph{more}.\n\n").arg(i);
    return text;
}

QList<QTextLayout::FormatRange> formatsOf(const QTextDocument &doc, int blockNumber)
{
    return doc.findBlockByNumber(blockNumber).layout()->formats();
}

} // namespace

class TestLatexHighlighter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void largeDocumentIsColouredInBackground()
    {
        QTextDocument doc;
        doc.setDocumentLayout(new QPlainTextDocumentLayout(&doc));
        LatexHighlighter highlighter(&doc);
        QSignalSpy complete(&highlighter, &LatexHighlighter::highlightingComplete);
        doc.setPlainText(bigDocument(5000)); // 15,000 lines
        QVERIFY(!highlighter.isComplete());
        QVERIFY(!formatsOf(doc, 0).isEmpty()); // the start is done at once
        QVERIFY(formatsOf(doc, doc.blockCount() - 3).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(highlighter.isComplete(), 20000);
        QCOMPARE(complete.count(), 1);
        const auto last = formatsOf(doc, doc.blockCount() - 4); // "\section{S4999}"
        QVERIFY(!last.isEmpty());
        QCOMPARE(last.first().format.foreground(), highlighter.format(LatexSyntax::Kind::Structure).foreground());
    }

    void editsPropagateStateChanges()
    {
        QTextDocument doc;
        doc.setDocumentLayout(new QPlainTextDocumentLayout(&doc));
        LatexHighlighter highlighter(&doc);
        doc.setPlainText(bigDocument(300));
        QTRY_VERIFY(highlighter.isComplete());

        // An opening \begin{verbatim} turns everything after it verbatim ...
        QTextCursor c(doc.findBlockByNumber(30));
        c.insertText(QStringLiteral("\\begin{verbatim}\n"));
        QTRY_VERIFY(highlighter.isComplete());
        const auto kindAtStart = [&](int block) {
            const auto f = formatsOf(doc, block);
            return f.isEmpty() ? QBrush() : f.first().format.foreground();
        };
        const QBrush verbatim = highlighter.format(LatexSyntax::Kind::Verbatim).foreground();
        QCOMPARE(kindAtStart(doc.blockCount() - 4), verbatim);
        // ... and removing it restores the colours down to the end.
        c.movePosition(QTextCursor::PreviousBlock);
        c.select(QTextCursor::BlockUnderCursor);
        c.removeSelectedText();
        QTRY_VERIFY(highlighter.isComplete());
        QCOMPARE(kindAtStart(doc.blockCount() - 4), highlighter.format(LatexSyntax::Kind::Structure).foreground());
    }

    void typingReHighlightsTheLine()
    {
        QTextDocument doc;
        doc.setDocumentLayout(new QPlainTextDocumentLayout(&doc));
        LatexHighlighter highlighter(&doc);
        doc.setPlainText(QStringLiteral("plain words\nnext line"));
        QVERIFY(formatsOf(doc, 0).isEmpty());
        QTextCursor c(doc.firstBlock());
        c.insertText(QStringLiteral("\\emph "));
        const auto f = formatsOf(doc, 0);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f.first().start, 0);
        QCOMPARE(f.first().length, 5);
        // An inline math opened on line 1 carries over to line 2.
        c.movePosition(QTextCursor::EndOfBlock);
        c.insertText(QStringLiteral(" $"));
        const auto next = formatsOf(doc, 1);
        QVERIFY(!next.isEmpty());
        QCOMPARE(next.first().format.foreground(), highlighter.format(LatexSyntax::Kind::Math).foreground());
    }

    void visibleBlocksColouredBeforePaint()
    {
        LatexEditor editor;
        editor.resize(600, 400);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.setPlainText(bigDocument(20000)); // 60,000 lines
        auto *highlighter = qobject_cast<LatexHighlighter *>(editor.highlighter());
        if (!highlighter)
            QSKIP("this build's editor uses KSyntaxHighlighting (tst_latexeditor checks that it colours)");
        editor.goToLine(editor.blockCount() - 3);
        editor.grab(); // paints the end of the document
        const auto f = formatsOf(*editor.document(), editor.blockCount() - 4);
        QVERIFY(!f.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(highlighter->isComplete(), 30000);
    }
};

QTEST_MAIN(TestLatexHighlighter)
#include "tst_latexhighlighter.moc"
