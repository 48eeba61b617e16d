#pragma once

#include "compile/compilerequest.h"
#include "compile/texprocess.h"

#include <QString>
#include <QStringList>

#include <atomic>

namespace coauthor::compile {

// One pass of the engine run by the service itself (an incremental compile's fast
// path), with the very flags latexmk gives it (-synctex=1 -interaction=batchmode
// -file-line-error, the shell-escape mode, -recorder, -jobname=output, -halt-on-error
// when asked, the draft pre-TeX), optionally on a precompiled preamble format.
// XeLaTeX passes make XDV like latexmk's (-no-pdf); makePdf() then runs xdvipdfmx.
// upLaTeX (DVI, dvipdfmx, upbibtex) is left to latexmk.
class EnginePass
{
public:
    static bool supports(Engine engine);

    // rootFile: the root document's name in workDir. formatFile: absolute path of a
    // .fmt made by PreambleFormat, or empty.
    static QStringList arguments(const QString &rootFile, const CompileOptions &options, const QString &formatFile = {},
                                 const QString &jobName = QStringLiteral("output"));

    // jobName: output, or IncludeSplice's partial job (its own .aux, .pdf, .log …).
    // confinement: where a sandboxed pass may write (the compile directory); the format
    // file is added to what it sees read-only.
    static TexProcess::Run run(const QString &workDir, const QString &rootFile, const CompileOptions &options,
                               const QString &formatFile, qint64 timeoutMs, const std::atomic_bool *cancel,
                               TexProcess::Confinement confinement = {}, const QString &jobName = QStringLiteral("output"));

    // XeLaTeX: output.xdv → output.pdf as latexmk does it (xdvipdfmx -E). A no-op Run
    // (Finished, exit code 0) for the other engines.
    static TexProcess::Run makePdf(const QString &workDir, const CompileOptions &options, qint64 timeoutMs,
                                   const std::atomic_bool *cancel, const TexProcess::Confinement &confinement = {});

    // The line of a transcript that names a command, as latexmk prints it.
    static QByteArray describe(const QString &program, const QStringList &arguments);
};

} // namespace coauthor::compile
