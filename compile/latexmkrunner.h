#pragma once

#include "compile/compilerequest.h"

#include <QByteArray>
#include <QString>

#include <atomic>

namespace coauthor::compile {

class Sandbox;

// Runs latexmk once in a compile directory: the service's own rules (BuiltInRules) and
// never a project's latexmkrc, TeX Live's restricted shell escape unless the local user
// chose full shell escape for the project, paranoid output paths,
// its own process group so that a timeout or a cancel kills the whole tree
// (latexmk, the engine, bibtex/biber). Blocking; needs no event loop.
class LatexmkRunner
{
public:
    static constexpr qsizetype maxCapturedOutput = 2 * 1024 * 1024;

    // sandbox: not owned; when set, latexmk and everything it starts run inside it
    // (compile workers: the project is untrusted).
    explicit LatexmkRunner(const Sandbox *sandbox = nullptr)
        : m_sandbox(sandbox)
    {
    }

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

    // Empty when latexmk and the engine are installed, else a message naming the
    // Debian package to install.
    static QString checkTools(Engine engine);

    // The command line latexmk gets (without the program name).
    // rulesFile: the BuiltInRules file, read with -r after -norc; empty for none.
    static QStringList arguments(const QString &rootDocument, const CompileOptions &options,
                                 const QString &rulesFile = {});

    // cancel may be null; when it becomes true the run is killed.
    Run run(const QString &workDir, const QString &rootDocument, const CompileOptions &options,
            const QString &rulesFile, const std::atomic_bool *cancel = nullptr) const;

    // timeoutSeconds clamped to [1, 600]; <= 0 means the default of 180.
    static int effectiveTimeoutSeconds(int timeoutSeconds);

private:
    const Sandbox *m_sandbox = nullptr;
};

} // namespace coauthor::compile
