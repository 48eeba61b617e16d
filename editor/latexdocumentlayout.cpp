#include "editor/latexdocumentlayout.h"

#include "editor/latexhighlighter.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

namespace coauthor::editor {

LatexDocumentLayout::LatexDocumentLayout(QTextDocument *document) : QPlainTextDocumentLayout(document) { }

void LatexDocumentLayout::setHighlighter(LatexHighlighter *highlighter)
{
    m_highlighter = highlighter;
}

namespace {

// The rows the document keeps for blocks first..last (QTextBlock::lineCount):
// set when a block is laid out, so before a relayout it is what the screen shows.
int storedRows(QTextDocument *doc, int first, int last)
{
    int rows = 0;
    for (QTextBlock b = doc->findBlockByNumber(first); b.isValid() && b.blockNumber() <= last; b = b.next())
        rows += b.lineCount();
    return rows;
}

} // namespace

void LatexDocumentLayout::documentChanged(int from, int charsRemoved, int charsAdded)
{
    const LatexHighlighter::LayoutWork work =
        m_highlighter ? m_highlighter->takeLayoutWork() : LatexHighlighter::LayoutWork{};
    if (!work.valid)
        return QPlainTextDocumentLayout::documentChanged(from, charsRemoved, charsAdded);

    // Qt repaints everything below a block whose height changed, and finds the
    // old height in the block's layout. New formats clear that layout
    // (QTextLayout::setFormats), so Qt would see the new height twice and repaint
    // the block alone: a line that wraps would cover the next one until the view
    // scrolls. The document's own row count of a block still has the old value.
    bool rowsChanged = false;
    QTextDocument *doc = document();
    int skipFirst = -1;
    int skipLast = -1;
    if (work.hasEdit) {
        skipFirst = doc->findBlock(work.editFrom).blockNumber();
        skipLast = doc->findBlock(work.editFrom + work.editAdded).blockNumber();
        const int before = storedRows(doc, skipFirst, skipLast);
        // The user's change as Qt would have reported it without us.
        QPlainTextDocumentLayout::documentChanged(work.editFrom, work.editRemoved, work.editAdded);
        rowsChanged = storedRows(doc, skipFirst, skipLast) != before;
    }
    // Blocks whose formats changed and that had been laid out are re-laid out
    // one by one (a one-block change repaints only that block); the others
    // pick the formats up when they are first laid out.
    constexpr int PerBlockLimit = 400;
    int relaid = 0;
    for (const int number : work.laidOutBlocks) {
        if (number >= skipFirst && number <= skipLast)
            continue;
        const QTextBlock block = doc->findBlockByNumber(number);
        if (!block.isValid())
            continue;
        if (++relaid > PerBlockLimit) {
            // Many visible-before blocks changed (a theme switch): one full pass.
            const int start = block.position();
            const QTextBlock last = doc->findBlockByNumber(work.lastBlock);
            const int length = last.position() + last.length() - 1 - start;
            QPlainTextDocumentLayout::documentChanged(start, length, length);
            return;
        }
        const int before = block.lineCount();
        QPlainTextDocumentLayout::documentChanged(block.position(), 0, 1);
        rowsChanged = rowsChanged || block.lineCount() != before;
    }
    if (rowsChanged)
        requestUpdate(); // what Qt does when it sees a height change: the lines below move
}

} // namespace coauthor::editor
