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

void LatexDocumentLayout::documentChanged(int from, int charsRemoved, int charsAdded)
{
    const LatexHighlighter::LayoutWork work =
        m_highlighter ? m_highlighter->takeLayoutWork() : LatexHighlighter::LayoutWork{};
    if (!work.valid)
        return QPlainTextDocumentLayout::documentChanged(from, charsRemoved, charsAdded);

    QTextDocument *doc = document();
    int skipFirst = -1;
    int skipLast = -1;
    if (work.hasEdit) {
        // The user's change as Qt would have reported it without us.
        QPlainTextDocumentLayout::documentChanged(work.editFrom, work.editRemoved, work.editAdded);
        skipFirst = doc->findBlock(work.editFrom).blockNumber();
        skipLast = doc->findBlock(work.editFrom + work.editAdded).blockNumber();
    }
    if (work.firstBlock < 0)
        return;
    // Blocks whose formats changed: those already laid out are re-laid out
    // one by one (a one-block change repaints only that block); the others
    // pick the formats up when they are first laid out.
    constexpr int PerBlockLimit = 400;
    int relaid = 0;
    QTextBlock block = doc->findBlockByNumber(work.firstBlock);
    for (; block.isValid() && block.blockNumber() <= work.lastBlock; block = block.next()) {
        const int number = block.blockNumber();
        if (number >= skipFirst && number <= skipLast)
            continue;
        if (block.layout()->lineCount() == 0)
            continue;
        if (++relaid > PerBlockLimit) {
            // Many visible-before blocks changed (a theme switch): one full pass.
            const int start = block.position();
            const QTextBlock last = doc->findBlockByNumber(work.lastBlock);
            const int length = last.position() + last.length() - 1 - start;
            QPlainTextDocumentLayout::documentChanged(start, length, length);
            return;
        }
        QPlainTextDocumentLayout::documentChanged(block.position(), 0, 1);
    }
}

} // namespace coauthor::editor
