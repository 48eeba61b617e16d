#include "editor/bracketmatcher.h"

#include <QString>
#include <QTextBlock>
#include <QTextDocument>

#include <optional>

namespace coauthor::editor {

int BracketMatcher::commentStart(const QString &line)
{
    for (qsizetype i = line.indexOf(u'%'); i >= 0; i = line.indexOf(u'%', i + 1)) {
        if (!isEscaped(line, int(i)))
            return int(i);
    }
    return int(line.size());
}

bool BracketMatcher::isEscaped(const QString &line, int index)
{
    int backslashes = 0;
    for (int i = index - 1; i >= 0 && line.at(i) == u'\\'; --i)
        ++backslashes;
    return backslashes % 2 == 1;
}

namespace {

bool isBracketAt(const QString &text, int i, int comment)
{
    if (i < 0 || i >= comment)
        return false;
    const QChar c = text.at(i);
    if (c != u'(' && c != u')' && c != u'[' && c != u']' && c != u'{' && c != u'}')
        return false;
    return !BracketMatcher::isEscaped(text, i);
}

QChar partnerOf(QChar c)
{
    switch (c.unicode()) {
    case u'(': return u')';
    case u')': return u'(';
    case u'[': return u']';
    case u']': return u'[';
    case u'{': return u'}';
    default: return u'{';
    }
}

BracketMatch matchBracket(const QTextBlock &start, int index, int windowLines)
{
    const QString startText = start.text();
    const QChar open = startText.at(index);
    const QChar close = partnerOf(open);
    const bool forward = open == u'(' || open == u'[' || open == u'{';
    BracketMatch m;
    m.position = start.position() + index;
    m.length = 1;
    int depth = 0;
    int lines = 0;
    for (QTextBlock block = start; block.isValid(); block = forward ? block.next() : block.previous()) {
        if (lines++ > windowLines)
            return m; // Unknown
        const QString text = block == start ? startText : block.text();
        const int comment = BracketMatcher::commentStart(text);
        int i = block == start ? index + (forward ? 1 : -1) : (forward ? 0 : comment - 1);
        for (; forward ? i < comment : i >= 0; forward ? ++i : --i) {
            if (i >= comment)
                continue;
            const QChar c = text.at(i);
            if (c != open && c != close)
                continue;
            if (BracketMatcher::isEscaped(text, i))
                continue;
            if (c == open) {
                ++depth;
            } else if (depth == 0) {
                m.state = BracketMatch::State::Matched;
                m.partnerPosition = block.position() + i;
                m.partnerLength = 1;
                return m;
            } else {
                --depth;
            }
        }
    }
    m.state = BracketMatch::State::Unmatched;
    return m;
}

struct EnvToken
{
    int index;
    int length;
    bool begin;
    QString name;
};

// The \begin{name} and \end{name} tokens of a line outside comments.
QList<EnvToken> envTokens(const QString &text)
{
    QList<EnvToken> out;
    const int comment = BracketMatcher::commentStart(text);
    for (qsizetype i = text.indexOf(u'\\'); i >= 0 && i < comment; i = text.indexOf(u'\\', i + 1)) {
        if (BracketMatcher::isEscaped(text, int(i)))
            continue;
        const QStringView rest = QStringView(text).mid(i + 1);
        bool begin;
        if (rest.startsWith(u"begin{"))
            begin = true;
        else if (rest.startsWith(u"end{"))
            begin = false;
        else
            continue;
        const qsizetype nameStart = i + 1 + (begin ? 6 : 4);
        const qsizetype close = text.indexOf(u'}', nameStart);
        if (close < 0 || close >= comment)
            continue;
        out.append({int(i), int(close + 1 - i), begin, text.mid(nameStart, close - nameStart).trimmed()});
        i = close;
    }
    return out;
}

BracketMatch matchEnvironment(const QTextBlock &start, const QList<EnvToken> &startTokens, qsizetype which,
                              int windowLines)
{
    const EnvToken token = startTokens.at(which);
    BracketMatch m;
    m.position = start.position() + token.index;
    m.length = token.length;
    const bool forward = token.begin;
    int depth = 0;
    int lines = 0;
    for (QTextBlock block = start; block.isValid(); block = forward ? block.next() : block.previous()) {
        if (lines++ > windowLines)
            return m;
        const QList<EnvToken> tokens = block == start ? startTokens : envTokens(block.text());
        qsizetype i = block == start ? which + (forward ? 1 : -1) : (forward ? 0 : tokens.size() - 1);
        for (; forward ? i < tokens.size() : i >= 0; forward ? ++i : --i) {
            const EnvToken &t = tokens.at(i);
            if (t.name != token.name)
                continue;
            if (t.begin == token.begin) {
                ++depth;
            } else if (depth == 0) {
                m.state = BracketMatch::State::Matched;
                m.partnerPosition = block.position() + t.index;
                m.partnerLength = t.length;
                return m;
            } else {
                --depth;
            }
        }
    }
    m.state = BracketMatch::State::Unmatched;
    return m;
}

} // namespace

std::optional<BracketMatch> BracketMatcher::match(const QTextDocument *document, int cursorPosition, int windowLines)
{
    if (!document)
        return std::nullopt;
    const QTextBlock block = document->findBlock(cursorPosition);
    if (!block.isValid())
        return std::nullopt;
    const QString text = block.text();
    const int column = cursorPosition - block.position();

    // \begin{x} / \end{x} around the cursor take precedence over the braces inside them.
    if (text.contains(u"\\begin{") || text.contains(u"\\end{")) {
        const QList<EnvToken> tokens = envTokens(text);
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            const EnvToken &t = tokens.at(i);
            if (column >= t.index && column <= t.index + t.length && !t.name.isEmpty())
                return matchEnvironment(block, tokens, i, windowLines);
        }
    }
    const int comment = commentStart(text);
    // The bracket after the cursor first, then the one before it.
    if (isBracketAt(text, column, comment))
        return matchBracket(block, column, windowLines);
    if (isBracketAt(text, column - 1, comment))
        return matchBracket(block, column - 1, windowLines);
    return std::nullopt;
}

} // namespace coauthor::editor
