#include "app/search/textsearch.h"

#include <QCoreApplication>

#include <algorithm>

namespace coauthor::app {

QRegularExpression SearchQuery::pattern(QString *error) const
{
    if (text.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("coauthor::app::SearchQuery", "Type what to search for.");
        return QRegularExpression(QStringLiteral("("));
    }
    QString source = regularExpression ? text : QRegularExpression::escape(text);
    // A word must not go on before or after it; but only where the query itself begins
    // or ends with a word character: "\section" is whole in "The\section{x}" and not in
    // "\sections" (\b would demand a word before the backslash).
    if (wholeWord) {
        auto isWord = [](QChar c) { return c.isLetterOrNumber() || c == u'_'; };
        const bool before = regularExpression || isWord(text.front());
        const bool after = regularExpression || isWord(text.back());
        source = QStringLiteral("%1(?:%2)%3")
                     .arg(before ? QStringLiteral("(?<![\\w])") : QString(), source,
                          after ? QStringLiteral("(?![\\w])") : QString());
    }
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption
                                                 | QRegularExpression::MultilineOption;
    if (!caseSensitive)
        options |= QRegularExpression::CaseInsensitiveOption;
    QRegularExpression re(source, options);
    if (!re.isValid() && error)
        *error = QCoreApplication::translate("coauthor::app::SearchQuery", "Not a valid regular expression: %1")
                     .arg(re.errorString());
    return re;
}

QList<SearchMatch> findMatches(const QString &file, const QString &text, const QRegularExpression &pattern, int limit)
{
    QList<SearchMatch> matches;
    if (!pattern.isValid())
        return matches;
    int line = 1;
    qsizetype lineStart = 0;
    qsizetype scanned = 0; // lines counted up to here
    auto it = pattern.globalMatch(text);
    while (it.hasNext() && matches.size() < limit) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedLength() == 0)
            continue; // "^" or "x*": nothing to show or replace
        const qsizetype start = m.capturedStart();
        for (; scanned < start; ++scanned) {
            if (text.at(scanned) == u'\n') {
                ++line;
                lineStart = scanned + 1;
            }
        }
        qsizetype lineEnd = text.indexOf(u'\n', start);
        if (lineEnd < 0)
            lineEnd = text.size();
        QString lineText = text.mid(lineStart, lineEnd - lineStart);
        if (lineText.endsWith(u'\r'))
            lineText.chop(1);
        matches.append({file, start, m.capturedLength(), line, int(start - lineStart) + 1, lineText, m.captured()});
    }
    return matches;
}

QString replacementFor(const QString &replacement, const QRegularExpressionMatch &match, bool regularExpression)
{
    if (!regularExpression)
        return replacement;
    QString out;
    out.reserve(replacement.size());
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement.at(i);
        if (c == u'\\' && i + 1 < replacement.size() && replacement.at(i + 1).isDigit()) {
            const int group = replacement.at(i + 1).digitValue();
            if (group <= match.lastCapturedIndex())
                out += match.captured(group);
            ++i;
            continue;
        }
        out += c;
    }
    return out;
}

QList<TextReplacement> replacementsFor(const QString &text, QList<SearchMatch> matches,
                                       const QRegularExpression &pattern, const QString &replacement,
                                       bool regularExpression)
{
    std::sort(matches.begin(), matches.end(),
              [](const SearchMatch &a, const SearchMatch &b) { return a.offset > b.offset; });
    QList<TextReplacement> out;
    qsizetype previousStart = text.size() + 1;
    for (const SearchMatch &m : std::as_const(matches)) {
        if (m.offset < 0 || m.offset + m.length > text.size() || m.offset + m.length > previousStart)
            continue; // out of range or overlapping: a stale result
        if (QStringView(text).mid(m.offset, m.length) != m.matched)
            continue;
        // Matched again at the same place for its groups, and to be sure it still matches there.
        const QRegularExpressionMatch again =
            pattern.match(text, m.offset, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
        if (!again.hasMatch() || again.capturedLength() != m.length)
            continue;
        out.append({m.offset, m.length, replacementFor(replacement, again, regularExpression)});
        previousStart = m.offset;
    }
    return out;
}

QString applyReplacements(QString text, const QList<TextReplacement> &replacements)
{
    for (const TextReplacement &r : replacements)
        text.replace(r.offset, r.length, r.text);
    return text;
}

} // namespace coauthor::app
