#include "editor/latexhighlighter.h"

#include <QElapsedTimer>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QTimer>

#include <utility>

namespace coauthor::editor {

using Kind = LatexSyntax::Kind;

LatexHighlighter::LatexHighlighter(QTextDocument *document) : QObject(document), m_document(document)
{
    buildFormats();
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(0);
    connect(m_timer, &QTimer::timeout, this, &LatexHighlighter::continueInBackground);
    connect(document, &QTextDocument::contentsChange, this, &LatexHighlighter::onContentsChange);
    m_blockCount = document->blockCount();
    m_validUntil = 0;
    if (!document->isEmpty())
        scheduleBackground();
}

LatexHighlighter::~LatexHighlighter() = default;

QTextDocument *LatexHighlighter::document() const
{
    return m_document;
}

void LatexHighlighter::setDarkTheme(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    buildFormats();
    // Re-colour everything: the visible part at the next paint, the rest in slices.
    m_validUntil = 0;
    if (m_document) {
        m_validUntil = highlightRange(0, 0, -1, SynchronousBlocks, qint64(SliceMilliseconds) * 1000000);
        flushDirty();
        if (!isComplete())
            scheduleBackground();
    }
}

bool LatexHighlighter::darkTheme() const
{
    return m_dark;
}

QTextCharFormat LatexHighlighter::format(LatexSyntax::Kind kind) const
{
    return m_formats.at(static_cast<size_t>(kind));
}

bool LatexHighlighter::isComplete() const
{
    return !m_document || m_validUntil >= m_document->blockCount();
}

void LatexHighlighter::buildFormats()
{
    // Two hand-picked palettes with enough contrast on white and on a dark
    // grey base; text without a kind keeps the palette's own colour.
    struct Entry
    {
        Kind kind;
        QRgb light;
        QRgb dark;
        bool bold;
        bool italic;
    };
    static const Entry entries[] = {
        {Kind::Command, 0x1f4fbf, 0x82aaff, false, false},
        {Kind::Structure, 0x7b1fa2, 0xc792ea, true, false},
        {Kind::Environment, 0x00796b, 0x4dd0b1, false, false},
        {Kind::MathDelimiter, 0xb23c00, 0xff9e64, true, false},
        {Kind::Math, 0x8d4e00, 0xf0c674, false, false},
        {Kind::MathCommand, 0xc2185b, 0xff7eb6, false, false},
        {Kind::Comment, 0x7a7a7a, 0x8a8f98, false, true},
        {Kind::Verbatim, 0x2e7d32, 0x9ccc65, false, false},
        {Kind::Brace0, 0xa67c00, 0xffd54f, true, false},
        {Kind::Brace1, 0x8e24aa, 0xce93d8, true, false},
        {Kind::Brace2, 0x1565c0, 0x64b5f6, true, false},
        {Kind::Brace3, 0x2e7d32, 0x81c784, true, false},
        {Kind::Bracket, 0xad1457, 0xf48fb1, false, false},
        {Kind::SectionTitle, 0x000000, 0xffffff, true, false},
        {Kind::Label, 0x00838f, 0x4dd0e1, false, false},
        {Kind::Reference, 0x00695c, 0x80cbc4, false, false},
        {Kind::Citation, 0x6d4c41, 0xd7a98c, false, false},
        {Kind::Special, 0xd84315, 0xff8a65, true, false},
    };
    for (const Entry &e : entries) {
        QTextCharFormat f;
        if (e.kind != Kind::SectionTitle) // titles keep the text colour, in bold
            f.setForeground(QColor::fromRgb(m_dark ? e.dark : e.light));
        if (e.bold)
            f.setFontWeight(QFont::Bold);
        if (e.italic)
            f.setFontItalic(true);
        m_formats[static_cast<size_t>(e.kind)] = f;
    }
}

bool LatexHighlighter::applyBlock(const QTextBlock &block, int previousState)
{
    m_spans.clear();
    const int state = LatexSyntax::highlightLine(block.text(), previousState, &m_spans);
    QList<QTextLayout::FormatRange> ranges;
    ranges.reserve(m_spans.size());
    for (const LatexSyntax::Span &s : std::as_const(m_spans))
        ranges.append({s.start, s.length, m_formats[static_cast<size_t>(s.kind)]});
    QTextLayout *layout = block.layout();
    // Re-laying out a block is what costs; skip it when nothing changed.
    if (layout && layout->formats() != ranges) {
        const int number = block.blockNumber();
        if (layout->lineCount() > 0)
            m_work.laidOutBlocks.append(number);
        layout->setFormats(ranges);
        m_work.valid = true;
        m_work.firstBlock = m_work.firstBlock < 0 ? number : std::min(m_work.firstBlock, number);
        m_work.lastBlock = std::max(m_work.lastBlock, number);
        const int from = block.position();
        const int to = from + block.length();
        m_dirtyFrom = m_dirtyFrom < 0 ? from : std::min(m_dirtyFrom, from);
        m_dirtyTo = std::max(m_dirtyTo, to);
    }
    const bool changed = block.userState() != state;
    const_cast<QTextBlock &>(block).setUserState(state);
    return changed;
}

void LatexHighlighter::flushDirty()
{
    if (!m_document || m_dirtyFrom < 0)
        return;
    // markContentsDirty makes the layout pick up the new formats; it also
    // emits contentsChange, which is ours and must be ignored.
    const int from = m_dirtyFrom;
    const int length = std::min(m_dirtyTo, m_document->characterCount()) - from;
    m_dirtyFrom = m_dirtyTo = -1;
    if (length <= 0)
        return;
    m_applying = true;
    m_document->markContentsDirty(from, length);
    m_applying = false;
}

int LatexHighlighter::highlightRange(int from, int mustReach, int convergeEnd, int budgetBlocks, qint64 budgetNs)
{
    QTextBlock block = m_document->findBlockByNumber(from);
    int state = block.previous().isValid() ? block.previous().userState() : LatexSyntax::InitialState;
    QElapsedTimer timer;
    timer.start();
    int done = 0;
    while (block.isValid()) {
        const bool changed = applyBlock(block, state);
        state = block.userState();
        ++done;
        const int number = block.blockNumber();
        block = block.next();
        // Past the edited lines, a block that ends in the same state as
        // before leaves the already trusted blocks after it as they are.
        if (number >= mustReach && !changed && number + 1 <= convergeEnd)
            return convergeEnd;
        if (done >= budgetBlocks || ((done & 63) == 0 && timer.nsecsElapsed() > budgetNs))
            return number + 1;
    }
    return m_document->blockCount();
}

LatexHighlighter::LayoutWork LatexHighlighter::takeLayoutWork()
{
    return std::exchange(m_work, LayoutWork{});
}

void LatexHighlighter::onContentsChange(int position, int removed, int added)
{
    if (m_applying || !m_document)
        return;
    // Qt tells the layout about this change right after this signal, merged
    // with the ranges of the formats set here.
    m_work = LayoutWork{};
    m_work.valid = true;
    m_work.hasEdit = true;
    m_work.editFrom = position;
    m_work.editRemoved = removed;
    m_work.editAdded = added;
    const int newCount = m_document->blockCount();
    const int delta = newCount - m_blockCount;
    m_blockCount = newCount;
    const QTextBlock first = m_document->findBlock(position);
    const QTextBlock last = m_document->findBlock(position + added);
    const int firstNumber = first.isValid() ? first.blockNumber() : 0;
    const int lastNumber = last.isValid() ? last.blockNumber() : newCount - 1;

    if (firstNumber > m_validUntil) {
        // Not reached by the background pass yet: colour the edited lines
        // from an estimated state so they do not show shifted formats; the
        // pass re-does them when it gets there.
        QTextBlock block = first;
        int state = block.previous().isValid() ? block.previous().userState() : LatexSyntax::InitialState;
        for (int n = 0; block.isValid() && block.blockNumber() <= lastNumber && n < SynchronousBlocks; ++n) {
            applyBlock(block, state);
            state = block.userState();
            block = block.next();
        }
        flushDirty();
        scheduleBackground();
        return;
    }
    // Blocks after the change keep their (shifted) trust if the states
    // converge; the changed blocks themselves are highlighted now, up to a
    // budget, so a huge paste does not block the UI.
    const int lastOld = lastNumber - delta;
    const int convergeEnd = m_validUntil > lastOld ? m_validUntil + delta : -1;
    m_validUntil = highlightRange(firstNumber, lastNumber, convergeEnd, SynchronousBlocks,
                                  qint64(SliceMilliseconds) * 1000000);
    flushDirty();
    if (!isComplete())
        scheduleBackground();
}

void LatexHighlighter::scheduleBackground()
{
    if (!m_timer->isActive())
        m_timer->start();
}

void LatexHighlighter::continueInBackground()
{
    if (!m_document || isComplete())
        return;
    m_validUntil = highlightRange(m_validUntil, m_validUntil, -1, std::numeric_limits<int>::max(),
                                  qint64(SliceMilliseconds) * 1000000);
    flushDirty();
    if (isComplete())
        Q_EMIT highlightingComplete();
    else
        scheduleBackground();
}

void LatexHighlighter::rehighlightNow()
{
    if (!m_document)
        return;
    m_validUntil = highlightRange(0, 0, -1, std::numeric_limits<int>::max(), std::numeric_limits<qint64>::max());
    flushDirty();
}

void LatexHighlighter::ensureHighlighted(int firstBlock, int lastBlock)
{
    if (!m_document || lastBlock < m_validUntil)
        return;
    constexpr int CatchUpLimit = 20000;
    if (lastBlock - m_validUntil <= CatchUpLimit) {
        // Close enough: continue the trusted pass up to the last visible block.
        m_validUntil = highlightRange(m_validUntil, lastBlock, -1, lastBlock - m_validUntil + 1,
                                      std::numeric_limits<qint64>::max());
    } else {
        // Far ahead (a jump to the end of a freshly opened book): colour the
        // visible blocks from an estimated state now; the background pass
        // re-does them with the right one.
        QTextBlock block = m_document->findBlockByNumber(std::max(firstBlock, m_validUntil));
        int state = block.previous().isValid() ? block.previous().userState() : LatexSyntax::InitialState;
        while (block.isValid() && block.blockNumber() <= lastBlock) {
            applyBlock(block, state);
            state = block.userState();
            block = block.next();
        }
    }
    flushDirty();
    if (!isComplete())
        scheduleBackground();
}

} // namespace coauthor::editor
