#include "compile/latexlogparser.h"

#include "compile/missingfile.h"

#include <QRegularExpression>

namespace coauthor::compile {

namespace {

constexpr qsizetype maxPrintLine = 79;
// An error's context and help text, or a bad box's contents, end at an empty line;
// the limit keeps a log without one from swallowing everything after it.
constexpr int maxBlockLines = 40;

bool looksLikeFileName(const QString &name)
{
    if (name.isEmpty())
        return false;
    if (name.startsWith(QLatin1String("./")) || name.startsWith(QLatin1String("../")) || name.startsWith(u'/'))
        return true;
    // A bare name with an extension that has a letter: "article.cls", not "1.2" or "e.g.,".
    static const QRegularExpression bare(QStringLiteral("^[\\w+\\-/]+(\\.[\\w+\\-]+)*\\.[0-9]*[A-Za-z][A-Za-z0-9]*$"));
    return bare.match(name).hasMatch();
}

int firstNumber(const QRegularExpression &re, const QString &text)
{
    const QRegularExpressionMatch match = re.match(text);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

// "Undefined control sequence." names no macro; the first context line after it ends with
// the one TeX could not expand ("l.7 Text \undefinedmacro", or "\wrapper ->\inner" when
// a macro's expansion holds it). block: the error line, then its context.
QString withUndefinedMacro(const QString &message, const QStringList &block)
{
    if (message != QLatin1String("Undefined control sequence.") || block.size() < 2)
        return message;
    static const QRegularExpression lastMacro(QStringLiteral("(\\\\(?:[A-Za-z@]+|.))\\s*$"));
    const QRegularExpressionMatch match = lastMacro.match(block.at(1));
    if (!match.hasMatch())
        return message;
    return QStringLiteral("Undefined control sequence %1").arg(match.captured(1));
}

} // namespace

LatexLogParser::LatexLogParser(const QString &logText)
    : m_lines(unwrapLines(logText))
{
}

QStringList LatexLogParser::unwrapLines(const QString &logText)
{
    QString text = logText;
    text.remove(u'\r');
    const QStringList lines = text.split(u'\n');

    auto wrappedLength = [](const QString &line) {
        return line.size() == maxPrintLine || line.toUtf8().size() == maxPrintLine;
    };
    // The banner (first line) and the closing memory statistics are written around
    // TeX's line breaking; look at the rest.
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines.at(i).startsWith(QLatin1String("Here is how much of TeX's memory you used")))
            break;
        if (lines.at(i).size() > maxPrintLine && lines.at(i).toUtf8().size() > maxPrintLine)
            return lines; // written with a larger max_print_line: nothing to join
    }
    QStringList joined;
    joined.reserve(lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        while (i > 0 && wrappedLength(lines.at(i)) && i + 1 < lines.size()) {
            ++i;
            line += lines.at(i);
            if (!wrappedLength(lines.at(i)))
                break;
        }
        joined << line;
    }
    return joined;
}

QString LatexLogParser::cleanFileName(const QString &name)
{
    QString file = name.trimmed();
    if (file.size() >= 2 && file.startsWith(u'"') && file.endsWith(u'"'))
        file = file.mid(1, file.size() - 2);
    while (file.startsWith(QLatin1String("./")))
        file = file.mid(2);
    return file;
}

QList<LogEntry> LatexLogParser::parse()
{
    static const QRegularExpression runaway(QStringLiteral("^Runaway (argument|definition|preamble|text)\\?"));
    while (m_index < m_lines.size()) {
        if (parseFileLineError() || parseBangError() || parseWarning() || parseBadBox())
            continue;
        const QString &line = m_lines.at(m_index);
        if (runaway.match(line).hasMatch()) {
            // The runaway text that follows is the user's, with any parentheses.
            m_index += 2;
            continue;
        }
        scanParentheses(line);
        ++m_index;
    }
    return m_entries;
}

QStringList LatexLogParser::takeBlock(int limit)
{
    QStringList block;
    while (m_index < m_lines.size() && !m_lines.at(m_index).isEmpty() && block.size() < limit)
        block << m_lines.at(m_index++);
    return block;
}

bool LatexLogParser::parseFileLineError()
{
    // -file-line-error: "./sub/chapter.tex:12: Undefined control sequence."
    static const QRegularExpression re(QStringLiteral("^(\"[^\"]+\"|[^:\"\\s][^:]*?\\.[A-Za-z0-9]+):(\\d+): (.*)$"));
    const QRegularExpressionMatch match = re.match(m_lines.at(m_index));
    if (!match.hasMatch())
        return false;
    const QStringList block = takeBlock(maxBlockLines);
    const QString message = match.captured(3).trimmed();
    // TeX's closing summary repeats that an error happened; the error itself is listed.
    if (message.startsWith(QLatin1String("==> Fatal error occurred")))
        return true;
    // In batch mode a missing file ends the run with "Emergency stop." at whatever line TeX
    // was reading next: part of the missing file's error, not a second one.
    if (message == QLatin1String("Emergency stop.") && !m_entries.isEmpty()
        && m_entries.constLast().level == LogEntry::Level::Error
        && !MissingFile::fromMessage(m_entries.constLast().message).isEmpty()) {
        m_entries.last().raw += u'\n' + block.join(u'\n');
        return true;
    }
    m_entries.append({LogEntry::Level::Error, cleanFileName(match.captured(1)), match.captured(2).toInt(),
                      withUndefinedMacro(message, block), block.join(u'\n')});
    return true;
}

bool LatexLogParser::parseBangError()
{
    const QString &line = m_lines.at(m_index);
    if (!line.startsWith(QLatin1String("! ")))
        return false;
    static const QRegularExpression lineRe(QStringLiteral("^l\\.(\\d+)"));
    const QString message = line.mid(2).trimmed();
    const QStringList block = takeBlock(maxBlockLines);
    int lineNumber = 0;
    for (const QString &contextLine : block) {
        if ((lineNumber = firstNumber(lineRe, contextLine)) > 0)
            break;
    }
    m_entries.append({LogEntry::Level::Error, currentFile(), lineNumber, withUndefinedMacro(message, block),
                      block.join(u'\n')});
    return true;
}

bool LatexLogParser::parseWarning()
{
    // "LaTeX Warning: ...", "LaTeX Font Warning: ...", "Package hyperref Warning: ...",
    // "Class article Warning: ...", "pdfTeX warning (ext4): ...".
    static const QRegularExpression re(
        QStringLiteral("^(?:LaTeX(?: (\\S+))?|Package (\\S+)|Class (\\S+)|Module (\\S+)|pdfTeX) [Ww]arning(?: \\([^)]*\\))?: "));
    const QString &line = m_lines.at(m_index);
    const QRegularExpressionMatch match = re.match(line);
    if (!match.hasMatch())
        return false;
    QString name;
    for (int group = 1; group <= 4 && name.isEmpty(); ++group)
        name = match.captured(group);

    // Continuation lines start with "(name)" padded with spaces (packages, classes,
    // "(Font)"), or only with spaces (LaTeX's own warnings).
    const QString prefix = u'(' + name + u')';
    QStringList raw{line};
    QString message = line.trimmed();
    ++m_index;
    while (m_index < m_lines.size()) {
        const QString &next = m_lines.at(m_index);
        QString rest;
        if (!name.isEmpty() && next.startsWith(prefix))
            rest = next.mid(prefix.size());
        else if (next.startsWith(QLatin1String("  ")))
            rest = next;
        else
            break;
        if (rest.trimmed().isEmpty())
            break;
        message += u' ' + rest.trimmed();
        raw << next;
        ++m_index;
    }
    static const QRegularExpression inputLine(QStringLiteral("on input line (\\d+)"));
    m_entries.append({LogEntry::Level::Warning, currentFile(), firstNumber(inputLine, message), message, raw.join(u'\n')});
    return true;
}

bool LatexLogParser::parseBadBox()
{
    static const QRegularExpression re(QStringLiteral("^(Over|Under)full \\\\[hv]box \\("));
    const QString &line = m_lines.at(m_index);
    if (!re.match(line).hasMatch())
        return false;
    static const QRegularExpression atLines(QStringLiteral("at lines? (\\d+)"));
    const int lineNumber = firstNumber(atLines, line);
    QStringList raw{line};
    ++m_index;
    // The box's contents follow (they may hold any parentheses) up to an empty line;
    // a box reported while \output is active shows no contents.
    if (!line.contains(QLatin1String("has occurred while \\output is active")))
        raw << takeBlock(maxBlockLines);
    m_entries.append({LogEntry::Level::Typesetting, currentFile(), lineNumber, line.trimmed(), raw.join(u'\n')});
    return true;
}

void LatexLogParser::scanParentheses(const QString &line)
{
    for (qsizetype pos = 0; pos < line.size(); ++pos) {
        const QChar c = line.at(pos);
        if (c == u')') {
            if (!m_fileStack.isEmpty())
                m_fileStack.removeLast();
            continue;
        }
        if (c != u'(')
            continue;
        qsizetype end = pos + 1;
        QString name;
        if (end < line.size() && line.at(end) == u'"') {
            const qsizetype close = line.indexOf(u'"', end + 1);
            if (close > 0) {
                name = line.mid(end + 1, close - end - 1);
                end = close + 1;
            }
        } else {
            while (end < line.size()) {
                const QChar n = line.at(end);
                if (n.isSpace() || n == u'(' || n == u')' || n == u'[' || n == u'{' || n == u'<')
                    break;
                ++end;
            }
            name = line.mid(pos + 1, end - pos - 1);
        }
        m_fileStack << (looksLikeFileName(name) ? cleanFileName(name) : QString());
        pos = end - 1;
    }
}

QString LatexLogParser::currentFile() const
{
    for (qsizetype i = m_fileStack.size() - 1; i >= 0; --i) {
        if (!m_fileStack.at(i).isEmpty())
            return m_fileStack.at(i);
    }
    return QString();
}

} // namespace coauthor::compile
