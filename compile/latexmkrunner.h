#pragma once

#include "compile/compilerequest.h"
#include "compile/texprocess.h"

#include <QByteArray>
#include <QString>

#include <atomic>

namespace coauthor::compile {

class Sandbox;

// Runs latexmk once in a compile directory: the service's own rules (BuiltInRules) and
// never a project's latexmkrc, TeX Live's restricted shell escape unless the local user
// chose full shell escape for the project, paranoid output paths,
// its own process group so that a timeout or a cancel kills the whole tree
// (latexmk, the engine, bibtex/biber): TexProcess. Blocking; needs no event loop.
class LatexmkRunner
{
public:
    static constexpr qsizetype maxCapturedOutput = TexProcess::maxCapturedOutput;

    using Run = TexProcess::Run;

    // sandbox: not owned; when set, latexmk and everything it starts run inside it
    // (compile workers: the project is untrusted).
    explicit LatexmkRunner(const Sandbox *sandbox = nullptr)
        : m_sandbox(sandbox)
    {
    }

    // Empty when latexmk and the engine are installed, else a message naming the
    // Debian package to install.
    static QString checkTools(Engine engine);

    // AsNeeded: latexmk runs what its database says is out of date. Everything (-g): every
    // rule runs once, whatever the database says.
    enum class Rules { AsNeeded, Everything };

    // The command line latexmk gets (without the program name).
    // rulesFile: the BuiltInRules file, read with -r after -norc; empty for none.
    static QStringList arguments(const QString &rootDocument, const CompileOptions &options,
                                 const QString &rulesFile = {}, Rules rules = Rules::AsNeeded);

    // cancel may be null; when it becomes true the run is killed.
    Run run(const QString &workDir, const QString &rootDocument, const CompileOptions &options,
            const QString &rulesFile, const std::atomic_bool *cancel = nullptr, Rules rules = Rules::AsNeeded) const;

    // True when latexmk's database in outputDir (the root document's folder) says the last
    // run of a rule making output.pdf, .xdv or .dvi failed. latexmk then reruns that rule
    // only once its sources change, not because its output is gone ("All targets () are
    // up-to-date"): a compile that removed the PDF and the SyncTeX file must run it with
    // Rules::Everything to get them again. False when there is no readable database.
    static bool outputRuleFailedLastRun(const QString &outputDir);

    // The message of a run stopped by the timeout.
    static QString timeoutMessage(const CompileOptions &options);

    // timeoutSeconds clamped to [1, 600]; <= 0 means the default of 180.
    static int effectiveTimeoutSeconds(int timeoutSeconds);

private:
    const Sandbox *m_sandbox = nullptr;
};

} // namespace coauthor::compile
