// LatexHighlighter: the built-in LaTeX highlighting (LatexSyntax's spans)
// applied to a QTextDocument incrementally: an edit re-highlights only the
// changed lines (and the following ones while their start state changes),
// a large paste or a newly opened file is highlighted in small slices from
// the event loop, and the lines on screen are done before they are painted.
// Colour themes for light and dark palettes.
#pragma once

#include "editor/latexsyntax.h"

#include <QObject>
#include <QPointer>
#include <QTextCharFormat>

#include <array>

class QTextBlock;
class QTextDocument;
class QTimer;

namespace coauthor::editor {

class LatexHighlighter : public QObject
{
    Q_OBJECT
public:
    explicit LatexHighlighter(QTextDocument *document);
    ~LatexHighlighter() override;

    QTextDocument *document() const;

    // Picks the colours for a dark or a light background and rehighlights.
    void setDarkTheme(bool dark);
    bool darkTheme() const;
    QTextCharFormat format(LatexSyntax::Kind kind) const;

    // Highlights the whole document now (tests; theme changes go through
    // the background path instead).
    void rehighlightNow();
    // Makes sure the blocks first..last (block numbers) carry formats, e.g.
    // the visible ones before a paint. Far ahead of the background pass the
    // start state is estimated and corrected when that pass arrives.
    void ensureHighlighted(int firstBlock, int lastBlock);
    // Every block highlighted from a known start state.
    bool isComplete() const;

    // Lines highlighted synchronously after an edit before the rest is left
    // to the background pass; and the time slice of that pass.
    static constexpr int SynchronousBlocks = 1500;
    static constexpr int SliceMilliseconds = 4;

    // For LatexDocumentLayout: what changed since it was last told, so that
    // it can keep an edit's relayout and repaint to the edited lines.
    struct LayoutWork
    {
        bool valid = false;
        bool hasEdit = false; // the document change this notification is about
        int editFrom = 0;
        int editRemoved = 0;
        int editAdded = 0;
        int firstBlock = -1; // blocks whose formats were set (block numbers)
        int lastBlock = -1;
        // Of those, the ones that had been laid out (and so may be on screen):
        // setting formats clears a block's lines, so the layout cannot tell.
        QList<int> laidOutBlocks;
    };
    LayoutWork takeLayoutWork();

Q_SIGNALS:
    void highlightingComplete();

private:
    void onContentsChange(int position, int removed, int added);
    // Highlights from block number `from` while the budget lasts; returns
    // the new end of the trusted prefix. Blocks [mustReach+1, convergeEnd)
    // were trusted before and stay so if the state converges (-1: none).
    int highlightRange(int from, int mustReach, int convergeEnd, int budgetBlocks, qint64 budgetNs);
    bool applyBlock(const QTextBlock &block, int previousState);
    void continueInBackground();
    void scheduleBackground();
    void buildFormats();
    void flushDirty();

    QPointer<QTextDocument> m_document;
    QTimer *m_timer = nullptr;
    bool m_dark = false;
    bool m_applying = false;
    int m_validUntil = 0; // blocks [0, m_validUntil) are highlighted from a trusted state
    int m_blockCount = 0;
    int m_dirtyFrom = -1; // character range whose layout must be redone
    int m_dirtyTo = -1;
    LayoutWork m_work;
    std::array<QTextCharFormat, static_cast<size_t>(LatexSyntax::Kind::Count)> m_formats;
    QList<LatexSyntax::Span> m_spans; // reused between blocks to avoid allocations
};

} // namespace coauthor::editor
