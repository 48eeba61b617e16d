// CompileController: the app's compile loop. Builds CompileRequests from the
// project folder and the editors' unsaved buffers, runs them off the UI thread
// one at a time (a newer request replaces a queued one), chooses full or
// incremental sync, retries a Conflict in full, and auto-compiles after typing stops.
// Each compile ends in one CompileOutcome, its log parsed in the compile's own worker job.
#pragma once

#include "app/compile/compileoutcome.h"
#include "app/project/project.h"
#include "compile/compilemodepolicy.h"
#include "compile/compilerequest.h"
#include "compile/compileresult.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>

#include <functional>

class QTimer;

namespace coauthor::compile {
class Compiler;
}

namespace coauthor::app {

class CompileController : public QObject
{
    Q_OBJECT
public:
    // Texts not yet saved, by project-relative path; they are compiled instead of the files on disk.
    using BufferProvider = std::function<QHash<QString, QByteArray>()>; // path → file content

    // cacheRoot empty: the compiler's default (the user's cache folder).
    explicit CompileController(const QString &cacheRoot = {}, QObject *parent = nullptr);
    ~CompileController() override;

    void setProject(const Project &project, const QString &rootDocument);
    const Project &project() const { return m_project; }
    void setRootDocument(const QString &relativePath);
    QString rootDocument() const { return m_root; }
    void setBufferProvider(BufferProvider provider);
    // Asked before each compile (asked for or automatic): true when it went elsewhere (the
    // server's workers, CompileFeature) and nothing is compiled here. full: a full rebuild.
    using CompileRedirect = std::function<bool(bool full)>;
    void setCompileRedirect(CompileRedirect redirect) { m_redirect = std::move(redirect); }
    void setEngine(compile::Engine engine);
    compile::Engine engine() const { return m_engine; }
    void setAutoCompile(bool on);
    bool autoCompile() const { return m_autoCompile; }
    // The longest pause after typing before an automatic compile (Preferences). The pause
    // used adapts to the project: half the last compile's time, at least 250 ms, at most
    // this, so a one-page letter recompiles almost at once and a thesis does not start a
    // compile at every breath.
    void setAutoCompileDelay(int ms);
    int autoCompileDelay() const;
    static int adaptiveDelay(qint64 lastCompileMs, int maxDelayMs);

    bool isCompiling() const { return m_running; }
    bool hasQueued() const { return m_queued; }
    const compile::CompileResult &lastResult() const { return m_last; }
    // The snapshot that would be compiled now (also for tests).
    compile::CompileRequest buildRequest(compile::SyncType syncType) const;
    // A copy of the last PDF at a path that stays the same across compiles, so the
    // preview recognises a recompile and keeps its place.
    QString previewPdfPath() const;
    compile::Compiler *compiler() const { return m_compiler; }

public Q_SLOTS:
    void compile();
    void fullRebuild();
    void stop();
    // Something was typed: (re)starts the idle timer when auto-compile is on.
    void noteEdit();

Q_SIGNALS:
    void started();
    // A compile ended (not for a Conflict that is retried at once).
    void finished(const coauthor::app::CompileOutcome &outcome);

private:
    void startNow(compile::SyncType syncType);
    void onFinished(const CompileOutcome &outcome);
    QString publishPreview(const compile::CompileResult &result) const;

    compile::Compiler *m_compiler;
    compile::CompileModePolicy m_policy;
    Project m_project;
    QString m_root;
    BufferProvider m_buffers;
    CompileRedirect m_redirect;
    compile::Engine m_engine = compile::Engine::PdfLaTeX;
    bool m_autoCompile = true;
    QTimer *m_idle;
    int m_maxDelayMs = 1000;
    bool m_running = false;
    QString m_runningProjectId; // a compile of a project closed since must not report into the new one
    bool m_queued = false;
    bool m_queuedFull = false;
    bool m_conflictRetried = false;
    bool m_stopRequested = false;
    compile::CompileResult m_last;
    // Runs each compile and the parse of its log in one job. Declared last: its
    // destructor waits for that job while the Compiler it uses is still alive.
    QThreadPool m_pool;
};

} // namespace coauthor::app
