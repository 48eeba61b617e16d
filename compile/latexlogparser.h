#pragma once

#include "compile/logentry.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace coauthor::compile {

// The state of one pass over a TeX log: the lines (re-joined where TeX wrapped them),
// a cursor, and the stack of open input files seen through TeX's "(file" ... ")".
// LogParser::parseLatexLog() is the public way in.
class LatexLogParser
{
public:
    explicit LatexLogParser(const QString &logText);
    QList<LogEntry> parse();

    // TeX breaks log lines after max_print_line (79) bytes. When no line is longer,
    // every 79-byte line is joined with the next one (a line that really was 79 long
    // is followed by an empty one, which the join swallows, as it should).
    static QStringList unwrapLines(const QString &logText);

    // "./sub/a.tex" -> "sub/a.tex"; quotes TeX puts around names with spaces removed.
    static QString cleanFileName(const QString &name);

private:
    bool parseFileLineError();
    bool parseBangError();
    bool parseWarning();
    bool parseBadBox();
    void scanParentheses(const QString &line);
    QString currentFile() const;
    // Lines from the cursor up to (not including) the next empty line, at most `limit`.
    QStringList takeBlock(int limit);

    QStringList m_lines;
    qsizetype m_index = 0;
    QStringList m_fileStack; // empty strings mark parentheses that were not files
    QList<LogEntry> m_entries;
};

} // namespace coauthor::compile
