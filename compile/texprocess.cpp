#include "compile/texprocess.h"

#include "compile/sandbox.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace coauthor::compile {

namespace {

void appendCapped(QByteArray &buffer, const QByteArray &data)
{
    const qsizetype room = TexProcess::maxCapturedOutput - buffer.size();
    if (room > 0)
        buffer.append(data.left(room));
}

bool isSameOrBelow(const QString &path, const QString &dir)
{
    const QString a = QFileInfo(path).absoluteFilePath();
    const QString b = QFileInfo(dir).absoluteFilePath();
    return a == b || a.startsWith(b + u'/');
}

} // namespace

TexProcess::Run TexProcess::run(const QString &program, const QStringList &arguments, const QString &workDir,
                                ShellEscape shellEscape, qint64 timeoutMs, const std::atomic_bool *cancel,
                                const Confinement &confinement)
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
                       shellEscape == ShellEscape::Full ? QStringLiteral("t") : QStringLiteral("p"));
    environment.remove(QStringLiteral("shell_escape_commands"));
    environment.remove(QStringLiteral("TEXMFOUTPUT"));
    // Unwrapped log lines make the log parser exact (it still handles wrapped logs).
    environment.insert(QStringLiteral("max_print_line"), QStringLiteral("10000"));

    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(workDir);
    process.setProgram(program);
    process.setArguments(arguments);
    process.setStandardInputFile(QProcess::nullDevice());
    // A new session makes the program the leader of a process group that holds every
    // child it starts, so one kill(-pgid) ends them all.
    process.setChildProcessModifier([] { ::setsid(); });
    const QString writableDir = confinement.writableDir.isEmpty() ? workDir : confinement.writableDir;
    QStringList readOnlyPaths = confinement.readOnlyPaths;
    if (confinement.sandbox && !isSameOrBelow(workDir, writableDir)) {
        // The sandbox starts its program in a folder it may write: env (coreutils) moves
        // into workDir, visible read-only at its own path, before it runs the program.
        if (std::none_of(readOnlyPaths.cbegin(), readOnlyPaths.cend(),
                         [&workDir](const QString &path) { return isSameOrBelow(workDir, path); }))
            readOnlyPaths << workDir;
        process.setWorkingDirectory(writableDir);
        process.setProgram(QStringLiteral("/usr/bin/env"));
        process.setArguments(QStringList{QStringLiteral("--chdir=") + QFileInfo(workDir).absoluteFilePath(), program}
                             + arguments);
    }
    QString sandboxError;
    if (confinement.sandbox
        && !confinement.sandbox->confine(process, writableDir, readOnlyPaths, &sandboxError)) {
        result.end = Run::End::FailedToStart;
        result.message = QStringLiteral("cannot start %1 in the sandbox: %2").arg(program, sandboxError);
        result.elapsedMs = timer.elapsed();
        return result;
    }
    process.start();
    if (!process.waitForStarted(30000)) {
        result.end = Run::End::FailedToStart;
        result.message = QStringLiteral("cannot start %1: %2").arg(program, process.errorString());
        result.elapsedMs = timer.elapsed();
        return result;
    }
    const qint64 pid = process.processId();
    const qint64 deadline = std::max<qint64>(1, timeoutMs);

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
    if (result.end == Run::End::Cancelled)
        result.message = QStringLiteral("the compile was cancelled");
    return result;
}

std::optional<QByteArray> TexProcess::pdfText(const QString &pdfPath, const QString &workDir, const QString &compileDir,
                                              Confinement confinement, const std::atomic_bool *cancel)
{
    const QString absolute = QFileInfo(pdfPath).absoluteFilePath();
    if (!absolute.startsWith(QFileInfo(compileDir).absoluteFilePath() + u'/'))
        confinement.readOnlyPaths << absolute;
    const Run run = TexProcess::run(QStringLiteral("pdftotext"),
                                    {QStringLiteral("-q"), QStringLiteral("-enc"), QStringLiteral("UTF-8"), absolute, QStringLiteral("-")},
                                    workDir, ShellEscape::Restricted, 30000, cancel, confinement);
    if (run.end != Run::End::Finished || run.exitCode != 0 || run.stdOut.size() >= maxCapturedOutput)
        return std::nullopt;
    return run.stdOut;
}

} // namespace coauthor::compile
