#include "app/compile/compilecontroller.h"

#include "app/compile/localbuildsettings.h"
#include "compile/compiler.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>

namespace coauthor::app {

CompileController::CompileController(const QString &cacheRoot, QObject *parent)
    : QObject(parent)
    , m_compiler(new compile::Compiler(cacheRoot, this))
    , m_idle(new QTimer(this))
{
    qRegisterMetaType<compile::CompileResult>();
    qRegisterMetaType<CompileOutcome>();
    m_idle->setSingleShot(true);
    m_idle->setInterval(1000);
    connect(m_idle, &QTimer::timeout, this, &CompileController::compile);
    m_pool.setMaxThreadCount(1); // one compile at a time; a newer request waits as m_queued
    m_pool.setExpiryTimeout(30000);
}

CompileController::~CompileController()
{
    // The Compiler's destructor waits for a running compile; cancel it so quitting is quick.
    if (m_running && m_project.isValid())
        m_compiler->cancel(m_project.projectId());
}

void CompileController::setProject(const Project &project, const QString &rootDocument)
{
    if (m_running && m_project.isValid())
        m_compiler->cancel(m_project.projectId());
    m_project = project;
    m_root = rootDocument;
    m_policy = {};
    m_queued = false;
    m_idle->stop();
    m_last = {};
    m_idle->setInterval(m_maxDelayMs); // nothing known of the new project's compiles yet
}

void CompileController::setRootDocument(const QString &relativePath)
{
    if (relativePath == m_root)
        return;
    m_root = relativePath;
    m_policy = {}; // another root: the aux files of the old one are no use
}

void CompileController::setBufferProvider(BufferProvider provider)
{
    m_buffers = std::move(provider);
}

void CompileController::setEngine(compile::Engine engine)
{
    m_engine = engine;
}

void CompileController::setAutoCompile(bool on)
{
    m_autoCompile = on;
    if (!on)
        m_idle->stop();
}

void CompileController::setAutoCompileDelay(int ms)
{
    m_maxDelayMs = qBound(100, ms, 60000);
    m_idle->setInterval(m_last.elapsedMs > 0 ? adaptiveDelay(m_last.elapsedMs, m_maxDelayMs) : m_maxDelayMs);
}

int CompileController::autoCompileDelay() const
{
    return m_idle->interval();
}

int CompileController::adaptiveDelay(qint64 lastCompileMs, int maxDelayMs)
{
    // A compile that takes longer than the pause would mostly be superseded by the next
    // keystrokes: wait about half its time, but never longer than the user allows.
    const int minimum = std::min(250, maxDelayMs);
    return int(std::clamp<qint64>(lastCompileMs / 2, minimum, maxDelayMs));
}

void CompileController::noteEdit()
{
    if (m_autoCompile && m_project.isValid())
        m_idle->start();
}

compile::CompileRequest CompileController::buildRequest(compile::SyncType syncType) const
{
    compile::CompileRequest request;
    request.projectId = m_project.projectId();
    request.rootDocument = m_root;
    request.options.engine = m_engine;
    // Read at every compile from the local .coauthor/ only: nothing synced can set it.
    request.options.shellEscape = LocalBuildSettings::fullShellEscape(m_project.rootPath())
        ? compile::ShellEscape::Full
        : compile::ShellEscape::Restricted;
    request.syncType = syncType;
    const QHash<QString, QByteArray> unsaved = m_buffers ? m_buffers() : QHash<QString, QByteArray>();
    const QStringList files = m_project.files();
    for (const QString &file : files) {
        compile::Resource resource;
        resource.path = file;
        // Unsaved text is compiled from memory; everything else is copied from disk by the compiler.
        const auto buffer = unsaved.constFind(file);
        if (buffer != unsaved.cend())
            resource.content = buffer.value();
        else
            resource.sourceFile = m_project.absolutePath(file);
        request.resources << resource;
    }
    // A buffer whose file was deleted on disk still belongs to the document being written.
    for (auto it = unsaved.cbegin(); it != unsaved.cend(); ++it) {
        if (!files.contains(it.key()))
            request.resources << compile::Resource{it.key(), it.value(), QString()};
    }
    return request;
}

void CompileController::compile()
{
    m_idle->stop();
    if (!m_project.isValid() || (m_redirect && m_redirect(false)))
        return;
    if (m_running) {
        // Only the newest request matters: it is built from the texts as they are when it starts.
        m_queued = true;
        return;
    }
    startNow(m_policy.nextSyncType());
}

void CompileController::fullRebuild()
{
    m_idle->stop();
    if (!m_project.isValid() || (m_redirect && m_redirect(true)))
        return;
    if (m_running) {
        m_queued = true;
        m_queuedFull = true;
        return;
    }
    startNow(compile::SyncType::Full);
}

void CompileController::stop()
{
    m_idle->stop();
    m_queued = false;
    if (m_running) {
        m_stopRequested = true;
        m_compiler->cancel(m_project.projectId());
    }
}

void CompileController::startNow(compile::SyncType syncType)
{
    m_running = true;
    m_runningProjectId = m_project.projectId();
    m_stopRequested = false;
    // The log is parsed where the compile ran, so the UI thread only shows the outcome.
    m_pool.start([this, request = buildRequest(syncType), project = m_project] {
        CompileOutcome outcome = CompileOutcome::fromResult(m_compiler->run(request), project);
        // Queued to the controller's thread; dropped if the controller is gone by then.
        QMetaObject::invokeMethod(
            this, [this, outcome = std::move(outcome)] { onFinished(outcome); }, Qt::QueuedConnection);
    });
    Q_EMIT started();
}

void CompileController::onFinished(const CompileOutcome &finishedOutcome)
{
    const compile::CompileResult &result = finishedOutcome.result;
    m_running = false;
    if (m_runningProjectId != m_project.projectId()) {
        // The project changed while this compile ran; only the new project's request counts.
        if (m_queued && m_project.isValid()) {
            m_queued = false;
            startNow(m_queuedFull ? compile::SyncType::Full : m_policy.nextSyncType());
            m_queuedFull = false;
        }
        return;
    }
    m_policy.recordResult(result.status);

    // The compile directory no longer matched: sync everything again, once, right away.
    if (result.status == compile::CompileStatus::Conflict && !m_conflictRetried && !m_stopRequested) {
        m_conflictRetried = true;
        startNow(compile::SyncType::Full);
        return;
    }
    m_conflictRetried = false;
    m_last = result;
    if (result.elapsedMs > 0 && result.status != compile::CompileStatus::Busy)
        m_idle->setInterval(adaptiveDelay(result.elapsedMs, m_maxDelayMs));
    CompileOutcome outcome = finishedOutcome;
    outcome.stopped = m_stopRequested;
    outcome.previewPdf = publishPreview(result);
    Q_EMIT finished(outcome);

    if (m_queued) {
        const bool full = m_queuedFull;
        m_queued = false;
        m_queuedFull = false;
        startNow(full ? compile::SyncType::Full : m_policy.nextSyncType());
    }
}

QString CompileController::previewPdfPath() const
{
    return QDir(m_compiler->cacheRoot()).filePath(QStringLiteral("preview/") + m_project.projectId()
                                                  + QStringLiteral("/output.pdf"));
}

QString CompileController::publishPreview(const compile::CompileResult &result) const
{
    if (result.pdfPath.isEmpty())
        return {};
    QFile source(result.pdfPath);
    if (!source.open(QIODevice::ReadOnly))
        return {};
    const QString target = previewPdfPath();
    QDir().mkpath(QFileInfo(target).absolutePath());
    // Written aside and renamed over the old one, so a reader never sees half a PDF.
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly) || out.write(source.readAll()) < 0 || !out.commit())
        return result.pdfPath; // the build's own copy still works, only without keeping the place
    return target;
}

} // namespace coauthor::app
