#include "compile/bibliographylogparser.h"

#include <QRegularExpression>

namespace coauthor::compile {

namespace {

QStringList splitLines(const QString &text)
{
    QString copy = text;
    copy.remove(u'\r');
    return copy.split(u'\n');
}

} // namespace

bool BibliographyLogParser::isBiberLog(const QString &blgText)
{
    static const QRegularExpression biberLine(QStringLiteral("^\\[\\d+\\] \\S+> "), QRegularExpression::MultilineOption);
    return blgText.contains(QLatin1String("This is Biber")) || biberLine.match(blgText).hasMatch();
}

QList<LogEntry> BibliographyLogParser::parseBibtex(const QString &blgText)
{
    static const QRegularExpression location(QStringLiteral("^(.*?)-{2,3}line (\\d+) of file (.+)$"));
    const QStringList lines = splitLines(blgText);
    QList<LogEntry> entries;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.startsWith(QLatin1String("Warning--"))) {
            LogEntry entry{LogEntry::Level::Warning, QString(), 0, line.mid(9).trimmed(), line};
            // Some warnings name the place on the next line: "--line 12 of file refs.bib".
            if (i + 1 < lines.size()) {
                const QRegularExpressionMatch match = location.match(lines.at(i + 1));
                if (match.hasMatch() && match.captured(1).isEmpty()) {
                    entry.line = match.captured(2).toInt();
                    entry.file = match.captured(3).trimmed();
                    entry.raw += u'\n' + lines.at(++i);
                }
            }
            entries << entry;
            continue;
        }
        const QRegularExpressionMatch match = location.match(line);
        if (!match.hasMatch())
            continue;
        // Errors: "message---line N of file F", or the message on the line before and
        // "---line N of file F" alone (e.g. "I couldn't open database file x.bib").
        QString message = match.captured(1).trimmed();
        QString raw = line;
        if (message.isEmpty() && i > 0) {
            message = lines.at(i - 1).trimmed();
            raw = lines.at(i - 1) + u'\n' + line;
        }
        if (message.isEmpty())
            continue;
        entries << LogEntry{LogEntry::Level::Error, match.captured(3).trimmed(), match.captured(2).toInt(), message, raw};
    }
    return entries;
}

QList<LogEntry> BibliographyLogParser::parseBiber(const QString &blgText)
{
    static const QRegularExpression re(QStringLiteral("^\\[\\d+\\] [^>]*> (ERROR|WARN) - (.*)$"));
    // biber reads a UTF-8 copy of each .bib ("/tmp/x/refs.bib_1234.utf8"); name the original.
    static const QRegularExpression place(QStringLiteral("([^\\s/'\"]+\\.bib)(?:_\\d+\\.utf8)?,? line (\\d+)"));
    static const QRegularExpression tempCopy(QStringLiteral("BibTeX subsystem: \\S+\\.utf8, line (\\d+)"));
    static const QRegularExpression entryFile(QStringLiteral("\\(([^\\s/()]+\\.bib)\\)"));
    // Syntax errors name biber's temporary copy of a .bib file, not the file itself;
    // the data source being read is named just before.
    static const QRegularExpression source(QStringLiteral("> INFO - Found BibTeX data source '([^']+)'"));
    QString currentSource;
    QList<LogEntry> entries;
    for (const QString &line : splitLines(blgText)) {
        if (const QRegularExpressionMatch found = source.match(line); found.hasMatch())
            currentSource = found.captured(1);
        const QRegularExpressionMatch match = re.match(line);
        if (!match.hasMatch())
            continue;
        LogEntry entry{match.captured(1) == QLatin1String("ERROR") ? LogEntry::Level::Error : LogEntry::Level::Warning,
                       QString(), 0, match.captured(2).trimmed(), line};
        if (const QRegularExpressionMatch at = place.match(entry.message); at.hasMatch()) {
            entry.file = at.captured(1);
            entry.line = at.captured(2).toInt();
        } else if (const QRegularExpressionMatch tmp = tempCopy.match(entry.message); tmp.hasMatch()) {
            entry.file = currentSource;
            entry.line = tmp.captured(1).toInt();
        } else if (const QRegularExpressionMatch in = entryFile.match(entry.message); in.hasMatch()) {
            entry.file = in.captured(1);
        }
        entries << entry;
    }
    return entries;
}

} // namespace coauthor::compile
