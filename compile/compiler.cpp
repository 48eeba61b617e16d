#include "compile/compiler.h"

#include "compile/buildoutputs.h"
#include "compile/builtinrules.h"
#include "compile/compiledirectory.h"
#include "compile/fastrecompile.h"
#include "compile/includesplice.h"
#include "compile/latexmkrunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLockFile>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QStandardPaths>

#include <memory>

namespace coauthor::compile {

namespace {

// Running compiles of this process, by project folder: the busy guard and the
// cancel flags. Process-wide so that two Compiler objects on one cache agree.
struct RunningCompiles
{
    QMutex mutex;
    QHash<QString, std::shared_ptr<std::atomic_bool>> cancelFlags;
};

RunningCompiles &runningCompiles()
{
    static RunningCompiles running;
    return running;
}

// Registers a running compile for its lifetime; not registered when already running.
class RunningGuard
{
public:
    explicit RunningGuard(const QString &key)
        : m_key(key)
    {
        RunningCompiles &running = runningCompiles();
        QMutexLocker locker(&running.mutex);
        if (running.cancelFlags.contains(key))
            return;
        m_cancel = std::make_shared<std::atomic_bool>(false);
        running.cancelFlags.insert(key, m_cancel);
    }
    ~RunningGuard()
    {
        if (!m_cancel)
            return;
        RunningCompiles &running = runningCompiles();
        QMutexLocker locker(&running.mutex);
        running.cancelFlags.remove(m_key);
    }
    RunningGuard(const RunningGuard &) = delete;
    RunningGuard &operator=(const RunningGuard &) = delete;

    bool registered() const { return m_cancel != nullptr; }
    const std::atomic_bool *cancelFlag() const { return m_cancel.get(); }

private:
    QString m_key;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

// Project ids become folder names: safe ones as they are, anything else hashed.
QString folderName(const QString &projectId)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (safe.match(projectId).hasMatch())
        return projectId;
    return QString::fromLatin1(QCryptographicHash::hash(projectId.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}

CompileResult finish(CompileResult result, CompileStatus status, const QString &message, const QElapsedTimer &timer)
{
    result.status = status;
    result.message = message;
    result.elapsedMs = timer.elapsed();
    return result;
}

// The compile's passes: latexmk, or for an incremental compile the fast path where it
// settles (*ranFast), else latexmk after it, with the fast path's transcript first.
LatexmkRunner::Run runPasses(const LatexmkRunner &latexmk, FastRecompile &fast, const CompileRequest &request,
                             const QString &compileDir,
                             const QString &outputDir, const QString &rulesFile, const std::atomic_bool *cancel,
                             bool *ranFast)
{
    // The PDF and SyncTeX file are removed before latexmk runs; after a failed pass latexmk
    // would not remake them from unchanged sources, and the compile would end without them.
    const auto runLatexmk = [&] {
        const bool failedLastRun = LatexmkRunner::outputRuleFailedLastRun(outputDir);
        LatexmkRunner::Run run = latexmk.run(compileDir, request.rootDocument, request.options, rulesFile, cancel,
                                             failedLastRun ? LatexmkRunner::Rules::Everything
                                                           : LatexmkRunner::Rules::AsNeeded);
        if (failedLastRun)
            run.stdOut.prepend("Coauthor: latexmk's database says its last pass failed; latexmk would not remake "
                               "the removed PDF from it: every rule runs again (-g)\n");
        return run;
    };
    if (request.syncType != SyncType::Incremental)
        return runLatexmk();
    QByteArray transcript;
    QByteArray errors;
    const QString reason = fast.latexmkReason();
    if (reason.isEmpty()) {
        const qint64 timeoutMs = qint64(LatexmkRunner::effectiveTimeoutSeconds(request.options.timeoutSeconds)) * 1000;
        FastRecompile::Outcome outcome = fast.run(cancel, timeoutMs);
        if (outcome.settled) {
            *ranFast = true;
            if (outcome.run.end == LatexmkRunner::Run::End::TimedOut)
                outcome.run.message = LatexmkRunner::timeoutMessage(request.options);
            return outcome.run;
        }
        transcript = outcome.run.stdOut;
        errors = outcome.run.stdErr;
    } else {
        transcript = "Coauthor: latexmk decides: " + reason.toUtf8() + '\n';
    }
    // What the fast path left is not this compile's PDF: latexmk makes it (and records no
    // \include page ranges: the next compile does not splice into its build).
    QFile::remove(outputDir + QLatin1String("/output.includes"));
    QFile::remove(outputDir + QLatin1String("/output.pdf"));
    QFile::remove(outputDir + QLatin1String("/output.synctex.gz"));
    LatexmkRunner::Run run = runLatexmk();
    run.stdOut = QByteArray(transcript + run.stdOut).left(LatexmkRunner::maxCapturedOutput);
    run.stdErr = QByteArray(errors + run.stdErr).left(LatexmkRunner::maxCapturedOutput);
    return run;
}

} // namespace

Compiler::Compiler(const QString &cacheRoot, QObject *parent)
    : QObject(parent)
    , m_cacheRoot(cacheRoot.isEmpty()
                      ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QLatin1String("/compiles")
                      : cacheRoot)
{
    qRegisterMetaType<CompileResult>();
    m_pool.setMaxThreadCount(4);
    m_pool.setExpiryTimeout(30000);
}

Compiler::~Compiler()
{
    // Compiles still running would outlive the object they report to: stop them.
    if (m_pool.activeThreadCount() > 0) {
        RunningCompiles &running = runningCompiles();
        QMutexLocker locker(&running.mutex);
        const QString prefix = QDir::cleanPath(m_cacheRoot) + u'/';
        for (auto it = running.cancelFlags.begin(); it != running.cancelFlags.end(); ++it) {
            if (it.key().startsWith(prefix))
                it.value()->store(true);
        }
    }
    m_pool.waitForDone();
}

QString Compiler::cacheRoot() const
{
    return m_cacheRoot;
}

QString Compiler::projectRoot(const QString &projectId) const
{
    return QDir::cleanPath(m_cacheRoot) + u'/' + folderName(projectId);
}

CompileResult Compiler::run(const CompileRequest &request)
{
    QElapsedTimer timer;
    timer.start();
    CompileResult result;
    if (request.projectId.isEmpty())
        return finish(result, CompileStatus::Error, QStringLiteral("the compile request has no project id"), timer);

    const QString root = projectRoot(request.projectId);
    RunningGuard guard(root);
    if (!guard.registered())
        return finish(result, CompileStatus::Busy, QStringLiteral("this project is already compiling"), timer);
    if (!QDir().mkpath(root))
        return finish(result, CompileStatus::Error, QStringLiteral("cannot create %1").arg(root), timer);
    // Another process (a second app window, `coauthor compile`) on the same cache.
    QLockFile lock(root + QLatin1String("/lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return finish(result, CompileStatus::Busy, QStringLiteral("this project is compiling in another process"),
                      timer);

    const QString toolProblem = LatexmkRunner::checkTools(request.options.engine);
    if (!toolProblem.isEmpty())
        return finish(result, CompileStatus::Error, toolProblem, timer);

    CompileDirectory directory(root);
    result.compileDir = directory.path();
    // Until this compile ends well, the compile directory holds no complete build.
    const bool completeBuild = FastRecompile::takeBuildRecord(root, request);
    const CompileDirectory::SyncOutcome synced = directory.sync(request);
    if (!synced.ok)
        return finish(result, synced.status, synced.message, timer);

    // A PDF left by an earlier run must never pass for this run's.
    const QString rootFolder = QFileInfo(request.rootDocument).path();
    const QString outputDir = rootFolder == QLatin1String(".") ? directory.path() : directory.path() + u'/' + rootFolder;
    QFile::remove(outputDir + QLatin1String("/output.pdf"));
    QFile::remove(outputDir + QLatin1String("/output.synctex.gz"));

    // Beside the compile directory, never in it: nothing a project syncs can replace it.
    // Absolute: latexmk runs in the compile directory and reads -r before anything else.
    const QString rulesFile = QFileInfo(root + QLatin1String("/coauthor.latexmkrc")).absoluteFilePath();
    if (!BuiltInRules::write(rulesFile, request.options))
        return finish(result, CompileStatus::Error, QStringLiteral("cannot write %1").arg(rulesFile), timer);
    const qint64 timeoutMs = qint64(LatexmkRunner::effectiveTimeoutSeconds(request.options.timeoutSeconds)) * 1000;
    // In a sandbox (compile workers) every process of the fast path runs inside it, as latexmk does.
    FastRecompile fast({root, outputDir, request, synced.writtenPaths, m_strategy, completeBuild, directory.path(),
                        m_sandbox.get()});
    bool ranFast = false;
    const LatexmkRunner::Run run = runPasses(LatexmkRunner(m_sandbox.get()), fast, request, directory.path(), outputDir, rulesFile,
                                             guard.cancelFlag(), &ranFast);
    result.stdOut = run.stdOut;
    result.stdErr = run.stdErr;
    if (run.end == LatexmkRunner::Run::End::FailedToStart) {
        directory.remove();
        return finish(result, CompileStatus::Error, run.message, timer);
    }

    BuildOutputs outputs(root + QLatin1String("/builds"));
    QString error;
    const auto build = outputs.publish(outputDir, run.stdOut, run.stdErr, &error);
    if (!build) {
        directory.remove();
        return finish(result, CompileStatus::Error, error, timer);
    }
    outputs.prune();
    result.buildId = build->id;
    result.buildDir = build->dir;
    result.pdfPath = build->pdfPath;
    result.logPath = build->logPath;
    result.synctexPath = build->synctexPath;

    CompileStatus status = CompileStatus::Success;
    QString message;
    switch (run.end) {
    case LatexmkRunner::Run::End::TimedOut:
        status = CompileStatus::TimedOut;
        message = run.message;
        break;
    case LatexmkRunner::Run::End::Cancelled:
        status = CompileStatus::Error;
        message = run.message;
        break;
    default:
        if (request.options.stopOnFirstError && run.exitCode != 0) {
            status = CompileStatus::StoppedOnFirstError;
            message = QStringLiteral("the compile stopped at the first error");
        } else if (build->pdfPath.isEmpty()) {
            status = CompileStatus::Failure;
            message = QStringLiteral("no PDF was produced; see the log");
        } else if (run.exitCode != 0) {
            message = QStringLiteral("a PDF was produced, but the log has errors");
        }
        break;
    }
    // The compile directory may hold partial aux files now; the next compile is full.
    if (status != CompileStatus::Success) {
        directory.remove();
        IncludeSplice::forgetBase(root);
    } else if (run.exitCode == 0) {
        bool complete = true;
        if (ranFast) {
            // A new preamble format is checked against this build once, after it is published.
            QByteArray transcript;
            complete = fast.verifyFormat(build->pdfPath, build->logPath, guard.cancelFlag(), timeoutMs, &transcript);
            result.stdOut = QByteArray(result.stdOut + transcript).left(LatexmkRunner::maxCapturedOutput);
            QFile stdOutFile(build->dir + QLatin1String("/output.stdout"));
            if (!transcript.isEmpty() && stdOutFile.open(QIODevice::Append))
                stdOutFile.write(transcript);
        }
        if (complete)
            FastRecompile::recordBuild(root, request);
        if (complete && ranFast)
            IncludeSplice::recordBase(root, outputDir, fast.spliced());
        else
            IncludeSplice::forgetBase(root);
    } else {
        IncludeSplice::forgetBase(root);
    }
    return finish(result, status, message, timer);
}

void Compiler::start(const CompileRequest &request)
{
    m_pool.start([this, request] {
        const CompileResult result = run(request);
        // Queued to the Compiler's thread; dropped if the Compiler is gone by then.
        QMetaObject::invokeMethod(
            this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
    });
}

void Compiler::cancel(const QString &projectId)
{
    RunningCompiles &running = runningCompiles();
    QMutexLocker locker(&running.mutex);
    if (const auto flag = running.cancelFlags.value(projectRoot(projectId)))
        flag->store(true);
}

bool Compiler::clearCache(const QString &projectId)
{
    const QString root = projectRoot(projectId);
    RunningGuard guard(root);
    if (!guard.registered())
        return false;
    return QDir(root).removeRecursively();
}

} // namespace coauthor::compile
