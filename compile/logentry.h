#pragma once

#include <QString>
#include <QStringList>

namespace coauthor::compile {

// Advice on a diagnostic's cause that the log itself does not give, as a code the app words
// in the user's language (the English wording is hintSourceText()). Arguments, in order:
// Bib2glsFailed: the glossary's bib2gls log (output.glg); Bib2glsError: that log and the
// first error it holds.
enum class LogHint { None, Bib2glsNotInstalled, Bib2glsNeedsFullShellEscape, Bib2glsFailed, Bib2glsError };

// One diagnostic from a LaTeX, BibTeX or biber log.
struct LogEntry
{
    enum class Level { Error, Warning, Typesetting }; // Typesetting: over/underfull boxes
    Level level = Level::Error;
    QString file; // as written in the log, relative to the compile dir when possible
    int line = 0; // 0 = unknown
    QString message; // the log's own words (English: TeX's)
    QString raw; // the log text the entry came from
    LogHint hint = LogHint::None;
    QStringList hintArguments = {};

    bool operator==(const LogEntry &) const = default;
};

// "error", "warning", "typesetting".
QString levelName(LogEntry::Level level);

// The hint's English text with %1, %2 for its arguments, marked for translation in the
// context "coauthor::compile::LogHint" (QCoreApplication::translate() with that context and
// this text gives the user's language); nullptr for LogHint::None.
const char *hintSourceText(LogHint hint);
inline constexpr char hintContext[] = "coauthor::compile::LogHint";

// The entry's hint with its arguments filled in, worded as `wording` (hintSourceText()
// translated) or, when that is empty, in English; empty when the entry has no hint.
QString hintText(const LogEntry &entry, const QString &wording = {});

// The entry's message followed by its hint in English (the command line and the workers,
// which have no translations).
QString messageWithHint(const LogEntry &entry);

} // namespace coauthor::compile
