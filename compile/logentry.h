#pragma once

#include <QString>

namespace coauthor::compile {

// One diagnostic from a LaTeX, BibTeX or biber log.
struct LogEntry
{
    enum class Level { Error, Warning, Typesetting }; // Typesetting: over/underfull boxes
    Level level = Level::Error;
    QString file; // as written in the log, relative to the compile dir when possible
    int line = 0; // 0 = unknown
    QString message;
    QString raw; // the log text the entry came from

    bool operator==(const LogEntry &) const = default;
};

// "error", "warning", "typesetting".
QString levelName(LogEntry::Level level);

} // namespace coauthor::compile
