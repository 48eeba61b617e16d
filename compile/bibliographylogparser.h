#pragma once

#include "compile/logentry.h"

#include <QList>
#include <QString>

namespace coauthor::compile {

// BibTeX and biber .blg files to diagnostics (LogParser's helpers).
class BibliographyLogParser
{
public:
    // "I couldn't open database file x.bib" + "---line 3 of file output.aux",
    // "Warning--...", "<message>---line N of file refs.bib".
    static QList<LogEntry> parseBibtex(const QString &blgText);
    // "[n] Module.pm:line> ERROR - ..." and "WARN - ...".
    static QList<LogEntry> parseBiber(const QString &blgText);
    // True when the text is a biber log, not a BibTeX one.
    static bool isBiberLog(const QString &blgText);
};

} // namespace coauthor::compile
