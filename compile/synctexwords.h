#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <optional>

namespace coauthor::compile {

// A word the PDF shows: its text as the PDF library extracts it and its box, in PDF points
// from the page's top-left corner.
struct PageWord
{
    QString text;
    QRectF rect;
};

// Word-level SyncTeX. SyncTeX knows source lines and PDF boxes of lines (TeX seldom records
// a column), so the word is found by its text: the clicked PDF word in the source line, the
// word under the caret among the PDF words inside the line's boxes. Where a word occurs more
// than once, its neighbours decide, then the SyncTeX column or the occurrence's rank.
// Pure functions of their arguments.
class SyncTexWords
{
public:
    // A word as both sides are compared: compatibility-normalized (the PDF's "ﬁ" ligature is
    // "fi"), case-folded, letters and digits only ("word," and "(word" are "word").
    static QString normalized(const QString &word);

    // The word of line at column (0-based; the caret just after a word is on it): a run of
    // letters and digits, not the name of a control sequence (\emph). Empty when none;
    // *start gets its first column.
    static QString wordAt(const QString &line, int column, int *start = nullptr);
    // How many times the same word (normalized) occurs in line before column start.
    static int occurrencesBefore(const QString &line, const QString &word, int start);

    // Inverse search: the index in words of the word at point, or of the nearest one on the
    // same text line within a few points; -1 when none is that close.
    static int wordAtPoint(const QList<PageWord> &words, QPointF point);
    // Inverse search: the column (0-based) in line where the PDF word (with the words before
    // and after it in the PDF, for several occurrences) is written; -1 when line has none.
    // hintColumn (SyncTeX's column, -1 when unknown) breaks a tie.
    static int columnOf(const QString &line, const QString &word, const QString &before, const QString &after,
                        int hintColumn = -1);
    // Inverse search in a source file (lines): where words[clicked] is, near line (1-based,
    // SyncTeX's, which often names the line before for a source line's first words): in
    // that line, the next or the previous one, whichever has it with the best neighbours.
    // The halves of a word hyphenated across PDF lines lead to the whole word. Column 0-based.
    struct SourcePlace
    {
        int line;
        int column;
    };
    static std::optional<SourcePlace> findClicked(const QStringList &lines, int line, const QList<PageWord> &words,
                                                  int clicked, int hintColumn = -1);

    // Forward search: the index in words of the PDF word that shows the source word under
    // the caret: among the words inside boxes (SyncTeX's for the caret's line) that match it,
    // the one whose neighbours match the source's (before/after) best, then the
    // occurrence-th (0-based, in reading order). -1 when no word inside boxes matches.
    static int wordInBoxes(const QList<PageWord> &words, const QList<QRectF> &boxes, const QString &word,
                           const QString &before, const QString &after, int occurrence);

    // The source words before and after the word at start in line (empty at the line's ends).
    static QString wordBefore(const QString &line, int start);
    static QString wordAfter(const QString &line, int start);
};

} // namespace coauthor::compile
