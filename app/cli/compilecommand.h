#pragma once

#include <QStringList>

namespace coauthor::cli {

// `coauthor compile DIR [--main main.tex] [--engine pdflatex|xelatex|lualatex|uplatex] [--full]
// [--json] [--timeout S] [--cache-dir DIR]`: compiles a project folder offline, prints the
// status, the diagnostics ("file:line: level: message" or JSON) and the PDF path.
// Exit codes: 0 success without errors in the log, 1 LaTeX errors or no PDF,
// 2 bad usage, 3 timed out, 4 could not compile (setup, unsafe path, busy).
class CompileCommand
{
public:
    enum ExitCode { Success = 0, CompileErrors = 1, Usage = 2, TimedOut = 3, CannotCompile = 4 };

    // arguments: what follows "compile".
    static int run(const QStringList &arguments);
    static QString help();
};

} // namespace coauthor::cli
