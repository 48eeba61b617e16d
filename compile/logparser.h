#pragma once

#include "compile/compileresult.h"
#include "compile/logentry.h"

#include <QList>
#include <QString>

namespace coauthor::compile {

// Turns TeX, BibTeX and biber logs into diagnostics. Pure functions over text,
// except parseBuild(), which reads a build's log files.
class LogParser
{
public:
    // A pdfTeX/XeTeX/LuaTeX .log: file stack from parentheses, lines wrapped at 79
    // columns re-joined, "file:line:" and "!" errors, LaTeX/Package/Class warnings,
    // undefined references and citations, over/underfull boxes.
    static QList<LogEntry> parseLatexLog(const QString &logText);
    static QList<LogEntry> parseBibtexLog(const QString &blgText);
    static QList<LogEntry> parseBiberLog(const QString &blgText);

    // The build's output.log and output.blg (BibTeX or biber, told apart by content),
    // merged; absolute paths inside result.compileDir are made relative to it. A missing
    // package's error gets the line of the \usepackage naming it, read from the sources
    // under sourceRoot (the project folder: the compile directory of a failed compile is
    // gone, and it mirrors the project's layout anyway); empty: the compile directory.
    // A glossary bib2gls did not build (no JOB.glstex) gets a hint (LogEntry::hint) saying
    // why: not installed, no full shell escape, or bib2gls ran and failed (its JOB.glg in the
    // compile or build directory, or latexmk's transcript in result.stdOut, says it ran).
    static QList<LogEntry> parseBuild(const CompileResult &result, const QString &sourceRoot = {});
};

} // namespace coauthor::compile
