// Text search as Find in Files does it, on one file's text: the query (plain or
// regular expression, case, whole word), the matches with the line they are on,
// and the replacement text of a match. No widgets and no files: the panel and
// the feature feed it texts, tests feed it strings.
#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace coauthor::app {

struct SearchQuery
{
    QString text;
    bool regularExpression = false;
    bool caseSensitive = false;
    bool wholeWord = false; // no letter, digit or underscore goes on before or after it

    // The pattern that finds it; invalid (with *error set) for an empty query or a
    // broken regular expression.
    QRegularExpression pattern(QString *error = nullptr) const;
};

struct SearchMatch
{
    QString file;      // project-relative
    qsizetype offset;  // UTF-16 offset of the match in the file's text
    qsizetype length;  // UTF-16 length of the match
    int line;          // 1-based
    int column;        // 1-based, in UTF-16 units like the editor's cursor
    QString lineText;  // the whole line the match starts on, for the results list
    QString matched;   // the text matched, to check it is still there before replacing
};

// Every non-empty match of pattern in text, in order. At most `limit` (a regular
// expression like "." would otherwise list a whole thesis).
QList<SearchMatch> findMatches(const QString &file, const QString &text, const QRegularExpression &pattern,
                               int limit = 10000);

// What a match is replaced by. A plain query's replacement is literal; for a regular
// expression \1 … \9 stand for its groups and \0 for the whole match, every other
// backslash stays as written (so "\\textbf{\1}" means what a LaTeX writer expects).
QString replacementFor(const QString &replacement, const QRegularExpressionMatch &match, bool regularExpression);

// One replacement to make in a text.
struct TextReplacement
{
    qsizetype offset;
    qsizetype length;
    QString text;
};

// The replacements that turn the given matches (found in this same text, any order)
// into `replacement`, last first, so they can be applied one after the other. A match
// whose text is no longer there (the file changed since the search) is left out.
QList<TextReplacement> replacementsFor(const QString &text, QList<SearchMatch> matches,
                                       const QRegularExpression &pattern, const QString &replacement,
                                       bool regularExpression);

// text with the replacements (last first, as replacementsFor gives them) made.
QString applyReplacements(QString text, const QList<TextReplacement> &replacements);

} // namespace coauthor::app
