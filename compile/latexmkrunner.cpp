#include "compile/latexmkrunner.h"

#include "compile/sandbox.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace coauthor::compile {

namespace {

QString enginePackage(Engine engine)
{
    switch (engine) {
    case Engine::PdfLaTeX:
        return QStringLiteral("texlive-latex-base");
    case Engine::XeLaTeX:
        return QStringLiteral("texlive-xetex");
    case Engine::LuaLaTeX:
        return QStringLiteral("texlive-luatex");
    case Engine::UpLaTeX:
        return QStringLiteral("texlive-lang-japanese");
    }
    return QString();
}

QString engineFlag(Engine engine)
{
    switch (engine) {
    case Engine::PdfLaTeX:
        return QStringLiteral("-pdf");
    case Engine::XeLaTeX:
        return QStringLiteral("-xelatex");
    case Engine::LuaLaTeX:
        return QStringLiteral("-lualatex");
    case Engine::UpLaTeX:
        return QStringLiteral("-pdfdvi"); // with the built-in rules' $latex and $dvipdf
    }
    return QString();
}

void appendCapped(QByteArray &buffer, const QByteArray &data)
{
    const qsizetype room = LatexmkRunner::maxCapturedOutput - buffer.size();
    if (room > 0)
        buffer.append(data.left(room));
}

} // namespace

QString LatexmkRunner::checkTools(Engine engine)
{
    if (QStandardPaths::findExecutable(QStringLiteral("latexmk")).isEmpty())
        return QStringLiteral("latexmk is not installed (install the Debian package latexmk)");
    const QString program = engineName(engine);
    if (QStandardPaths::findExecutable(program).isEmpty())
        return QStringLiteral("%1 is not installed (install the Debian package %2)").arg(program, enginePackage(engine));
    return QString();
}

int LatexmkRunner::effectiveTimeoutSeconds(int timeoutSeconds)
{
    if (timeoutSeconds <= 0)
        return 180;
    return std::min(timeoutSeconds, 600);
}

QStringList LatexmkRunner::arguments(const QString &rootDocument, const CompileOptions &options,
                                     const QString &rulesFile)
{
    // -norc: a latexmkrc is Perl; one shipped inside a project (or a collaborator's
    // edit of it) must not run. latexmk obeys -norc before reading any rc file, and reads
    // -r FILE where it stands, so the service's own rules come first and the options after
    // them still win. -cd: a root document in a subfolder compiles there.
    QStringList args{QStringLiteral("-norc")};
    if (!rulesFile.isEmpty())
        args << QStringLiteral("-r") << rulesFile;
    args << QStringLiteral("-cd")
         << QStringLiteral("-jobname=output")
         << QStringLiteral("-synctex=1")
         << QStringLiteral("-interaction=batchmode")
         << QStringLiteral("-file-line-error")
         << (options.shellEscape == ShellEscape::Full ? QStringLiteral("-shell-escape")
                                                      : QStringLiteral("-shell-restricted"))
         << (options.stopOnFirstError ? QStringLiteral("-halt-on-error") : QStringLiteral("-f"))
         << engineFlag(options.engine);
    if (options.draft) {
        // Draft: images become boxes, which is where most of a draft's time goes; the
        // engine's own -draftmode would give no PDF at all.
        args << QStringLiteral("-usepretex=\\PassOptionsToPackage{draft}{graphicx}\\PassOptionsToPackage{draft}{graphics}");
    }
    args << rootDocument;
    return args;
}

LatexmkRunner::Run LatexmkRunner::run(const QString &workDir, const QString &rootDocument,
                                      const CompileOptions &options, const QString &rulesFile,
                                      const std::atomic_bool *cancel) const
{
    Run result;
    QElapsedTimer timer;
    timer.start();

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // TeX may write only below the compile directory. Restricted shell escape runs only
    // texmf.cnf's own shell_escape_commands: an override of that list in the user's
    // environment is dropped, so the list is always TeX Live's.
    environment.insert(QStringLiteral("openout_any"), QStringLiteral("p"));
    environment.insert(QStringLiteral("shell_escape"),
                       options.shellEscape == ShellEscape::Full ? QStringLiteral("t") : QStringLiteral("p"));
    environment.remove(QStringLiteral("shell_escape_commands"));
    environment.remove(QStringLiteral("TEXMFOUTPUT"));
    // Unwrapped log lines make the log parser exact (it still handles wrapped logs).
    environment.insert(QStringLiteral("max_print_line"), QStringLiteral("10000"));

    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(workDir);
    process.setProgram(QStringLiteral("latexmk"));
    process.setArguments(arguments(rootDocument, options, rulesFile));
    process.setStandardInputFile(QProcess::nullDevice());
    // A new session makes latexmk the leader of a process group that holds every
    // child it starts, so one kill(-pgid) ends them all.
    process.setChildProcessModifier([] { ::setsid(); });
    QString sandboxError;
    if (m_sandbox && !m_sandbox->confine(process, workDir, rulesFile.isEmpty() ? QStringList() : QStringList{rulesFile},
                                         &sandboxError)) {
        result.end = Run::End::FailedToStart;
        result.message = QStringLiteral("cannot start latexmk in the sandbox: %1").arg(sandboxError);
        result.elapsedMs = timer.elapsed();
        return result;
    }
    process.start();
    if (!process.waitForStarted(30000)) {
        result.end = Run::End::FailedToStart;
        result.message = QStringLiteral("cannot start latexmk: %1").arg(process.errorString());
        result.elapsedMs = timer.elapsed();
        return result;
    }
    const qint64 pid = process.processId();
    const qint64 deadline = qint64(effectiveTimeoutSeconds(options.timeoutSeconds)) * 1000;

    result.end = Run::End::Finished;
    while (process.state() != QProcess::NotRunning) {
        if (process.waitForFinished(50))
            break;
        appendCapped(result.stdOut, process.readAllStandardOutput());
        appendCapped(result.stdErr, process.readAllStandardError());
        const bool timedOut = timer.elapsed() >= deadline;
        const bool cancelled = cancel && cancel->load();
        if (timedOut || cancelled) {
            result.end = timedOut ? Run::End::TimedOut : Run::End::Cancelled;
            ::kill(-pid_t(pid), SIGKILL);
            process.kill();
            process.waitForFinished(10000);
            break;
        }
    }
    appendCapped(result.stdOut, process.readAllStandardOutput());
    appendCapped(result.stdErr, process.readAllStandardError());
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.elapsedMs = timer.elapsed();
    if (result.end == Run::End::TimedOut)
        result.message = QStringLiteral("the compile took longer than %1 s and was stopped")
                             .arg(effectiveTimeoutSeconds(options.timeoutSeconds));
    else if (result.end == Run::End::Cancelled)
        result.message = QStringLiteral("the compile was cancelled");
    return result;
}

} // namespace coauthor::compile
