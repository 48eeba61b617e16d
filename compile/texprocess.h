#pragma once

#include "compile/compilerequest.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace coauthor::compile {

class Sandbox;

// Runs one program of a compile (latexmk, an engine pass, a preamble dump, xdvipdfmx)
// in the service's environment: TeX writes only below its directory (openout_any=p),
// TeX Live's restricted shell escape unless the local user chose full shell escape,
// unwrapped logs, no terminal, its own process group so that a timeout or a cancel
// kills the whole tree. Blocking; needs no event loop.
class TexProcess
{
public:
    static constexpr qsizetype maxCapturedOutput = 2 * 1024 * 1024;

    struct Run
    {
        enum class End { Finished, TimedOut, Cancelled, FailedToStart };
        End end = End::FailedToStart;
        int exitCode = -1;
        QByteArray stdOut; // at most maxCapturedOutput
        QByteArray stdErr;
        QString message;
        qint64 elapsedMs = 0;
    };

    // Where the program runs: with a sandbox (compile workers: the project is untrusted), inside
    // it, workDir its only writable place and readOnlyPaths visible to it (Sandbox::confine).
    // writableDir, when set, is the only writable place instead (workDir or a folder above
    // it: the compile directory of a root document in a subfolder; or elsewhere: workDir is
    // then visible read-only, unless below a read-only path, and the program still starts
    // in it: a preamble dump reads the compile directory and writes only its own folder).
    struct Confinement
    {
        const Sandbox *sandbox; // not owned; value-initialised (null) by {}
        QStringList readOnlyPaths;
        QString writableDir;
    };

    // timeoutMs: the run is killed after it (at least 1 ms). cancel may be null; when it
    // becomes true the run is killed. message names the timeout in timeoutSeconds.
    static Run run(const QString &program, const QStringList &arguments, const QString &workDir,
                   ShellEscape shellEscape, qint64 timeoutMs, const std::atomic_bool *cancel,
                   const Confinement &confinement = {});

    // A PDF's text as pdftotext (poppler-utils) gives it, a form feed after each page; nullopt
    // on failure, and when the text reaches maxCapturedOutput (a cut text could hide a
    // difference past it). The PDF is the project's, so pdftotext runs under confinement,
    // with the PDF bound read-only when it lies outside compileDir.
    static std::optional<QByteArray> pdfText(const QString &pdfPath, const QString &workDir, const QString &compileDir,
                                             Confinement confinement, const std::atomic_bool *cancel);
};

} // namespace coauthor::compile
