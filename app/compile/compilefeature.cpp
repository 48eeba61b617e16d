#include "app/compile/compilefeature.h"

#include "app/project/appsettings.h"
#include "app/compile/compilecontroller.h"
#include "app/compile/compilestatuslabel.h"
#include "app/compile/localbuildsettings.h"
#include "app/compile/localpdfcopy.h"
#include "app/compile/problemspanel.h"
#include "app/compile/servercompile.h"
#include "app/project/project.h"
#include "app/project/projectsettingswatcher.h"
#include "app/project/rootdocument.h"
#include "app/project/sessionstore.h"
#include "compile/compilerequest.h"
#include "compile/compiler.h"
#include "compile/latexmkrunner.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStatusBar>

namespace coauthor::app {

CompileFeature::CompileFeature(const QString &cacheRoot, QMainWindow *window, const Actions &actions,
                               AppSettings *settings)
    : QObject(window)
    , m_actions(actions)
    , m_settings(settings)
    , m_controller(new CompileController(cacheRoot, this))
    , m_problems(new ProblemsPanel(window))
    , m_dock(new QDockWidget(m_problems->title(), window))
    , m_status(new CompileStatusLabel(window))
    , m_server(new ServerCompile(this))
{
    m_dock->setObjectName(QStringLiteral("problemsDock"));
    m_dock->setWidget(m_problems);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    window->resizeDocks({m_dock}, {170}, Qt::Vertical);
    window->statusBar()->insertPermanentWidget(0, m_status);

    connect(m_problems, &ProblemsPanel::titleChanged, m_dock, &QDockWidget::setWindowTitle);
    connect(m_controller, &CompileController::started, this, &CompileFeature::onStarted);
    connect(m_controller, &CompileController::finished, this, &CompileFeature::onFinished);
    m_controller->setCompileRedirect([this](bool) { return redirectToServer(); });
    connect(m_server, &ServerCompile::started, this, [this] {
        m_status->setState(CompileStatusLabel::State::Compiling);
        m_actions.stop->setEnabled(true);
    });
    connect(m_server, &ServerCompile::progressed, this,
            [this](const QString &text) { m_status->setState(CompileStatusLabel::State::Compiling, 0, 0, text); });
    connect(m_server, &ServerCompile::failed, this, [this](const QString &sentence) {
        m_actions.stop->setEnabled(m_controller->isCompiling());
        m_status->setState(CompileStatusLabel::State::Failed, 0, 0, sentence);
    });
    connect(m_server, &ServerCompile::finished, this, &CompileFeature::onServerFinished);
    connectActions();
}

void CompileFeature::connectActions()
{
    const Actions &a = m_actions;
    connect(a.compile, &QAction::triggered, m_controller, &CompileController::compile);
    connect(a.fullRebuild, &QAction::triggered, m_controller, &CompileController::fullRebuild);
    connect(a.stop, &QAction::triggered, m_controller, &CompileController::stop);
    connect(a.stop, &QAction::triggered, this, [this] {
        // The job still finishes on the server; this window no longer waits for it.
        if (!m_server->isBusy())
            return;
        m_server->cancel();
        m_actions.stop->setEnabled(m_controller->isCompiling());
        m_status->setState(CompileStatusLabel::State::Stopped);
    });
    connect(a.autoCompile, &QAction::toggled, this, [this](bool on) {
        m_settings->autoCompile = on;
        m_settings->save();
        m_controller->setAutoCompile(on);
    });
    connect(a.showLog, &QAction::triggered, this, [this] {
        m_dock->show();
        m_dock->raise();
        m_problems->showRawLog(true);
    });
    connect(a.pdflatex, &QAction::triggered, this, [this] { setEngine(QStringLiteral("pdflatex")); });
    connect(a.xelatex, &QAction::triggered, this, [this] { setEngine(QStringLiteral("xelatex")); });
    connect(a.lualatex, &QAction::triggered, this, [this] { setEngine(QStringLiteral("lualatex")); });
    if (a.defaultEngine)
        connect(a.defaultEngine, &QAction::triggered, this, [this] { setEngine(QString()); });
    if (a.uplatex)
        connect(a.uplatex, &QAction::triggered, this, [this] { setEngine(QStringLiteral("uplatex")); });
    if (a.fullShellEscape)
        connect(a.fullShellEscape, &QAction::toggled, this, &CompileFeature::onFullShellEscapeToggled);
    if (a.exportPdf)
        connect(a.exportPdf, &QAction::triggered, this, &CompileFeature::exportPdfInteractive);
    if (a.keepPdfCopy)
        connect(a.keepPdfCopy, &QAction::toggled, this, &CompileFeature::onKeepPdfCopyToggled);
    if (a.compileOnServer)
        connect(a.compileOnServer, &QAction::triggered, this, &CompileFeature::compileOnServer);
    if (a.fetchServerPdf)
        connect(a.fetchServerPdf, &QAction::triggered, this, &CompileFeature::fetchServerPdf);
}

void CompileFeature::setSharedClient(std::function<sync::SyncClient *()> client)
{
    m_server->setClientSource(std::move(client));
}

bool CompileFeature::redirectToServer()
{
    // With TeX here, a compile stays here (faster, and offline too); Compile on Server is asked for.
    if (!m_server->isShared() || compile::LatexmkRunner::checkTools(m_controller->engine()).isEmpty())
        return false;
    compileOnServer();
    return true;
}

void CompileFeature::compileOnServer()
{
    if (!m_controller->project().isValid())
        return;
    if (!m_server->isShared()) {
        m_status->setState(CompileStatusLabel::State::Failed, 0, 0,
                           tr("Compile on Server is for shared projects: share this one first."));
        return;
    }
    if (m_controller->rootDocument().isEmpty()) {
        m_status->setState(CompileStatusLabel::State::Failed, 0, 0, tr("No main document to compile."));
        return;
    }
    m_server->compile(m_controller->rootDocument(), compile::engineName(m_controller->engine()), false);
}

void CompileFeature::fetchServerPdf()
{
    if (!m_controller->project().isValid())
        return;
    if (!m_server->isShared()) {
        m_status->setState(CompileStatusLabel::State::Failed, 0, 0,
                           tr("Only a shared project has PDFs on the server."));
        return;
    }
    m_server->fetchLatest(m_controller->rootDocument());
}

void CompileFeature::onServerFinished(const CompileOutcome &outcome)
{
    m_actions.stop->setEnabled(m_controller->isCompiling());
    if (!outcome.previewPdf.isEmpty()) {
        m_status->setShowingLastSession(false);
        m_lastSessionPdf.clear();
    }
    Q_EMIT compiled(outcome);
    m_lastSucceeded = outcome.result.status == compile::CompileStatus::Success && outcome.errors == 0
        && !outcome.previewPdf.isEmpty();
    if (m_lastSucceeded && m_actions.keepPdfCopy && m_actions.keepPdfCopy->isChecked())
        writePdfCopy();
    showOutcome(outcome, true);
}

bool CompileFeature::exportPdf(const QString &target, QString *error) const
{
    const QString pdf = m_controller->previewPdfPath();
    if (pdf.isEmpty() || !QFileInfo(pdf).isFile() || QFileInfo(pdf).size() == 0) {
        if (error)
            *error = tr("There is no PDF yet: compile the project first.");
        return false;
    }
    QString reason;
    if (!LocalPdfCopy::copyThroughPart(pdf, target, &reason)) {
        if (error)
            *error = reason.isEmpty() ? tr("Cannot write “%1”.").arg(QDir::toNativeSeparators(target))
                                      : tr("Cannot write “%1”: %2").arg(QDir::toNativeSeparators(target), reason);
        return false;
    }
    return true;
}

void CompileFeature::exportPdfInteractive()
{
    const Project &project = m_controller->project();
    if (!project.isValid())
        return;
    auto *window = qobject_cast<QMainWindow *>(parent());
    QString error;
    if (!QFileInfo(m_controller->previewPdfPath()).isFile()) {
        QMessageBox::information(window, tr("Export PDF"), tr("There is no PDF yet: compile the project first."));
        return;
    }
    const QString root = m_controller->rootDocument();
    // Named after the main document, beside it, as latexmk would name it.
    const QString name = root.isEmpty() ? project.name() : QFileInfo(root).path() + u'/' + QFileInfo(root).completeBaseName();
    const QString proposed = project.absolutePath(name + QStringLiteral(".pdf"));
    const QString target = QFileDialog::getSaveFileName(window, tr("Export PDF"), QDir::cleanPath(proposed),
                                                        tr("PDF documents (*.pdf)"));
    if (target.isEmpty())
        return;
    if (!exportPdf(target, &error)) {
        QMessageBox::warning(window, tr("Export PDF"), error);
        return;
    }
    if (window && window->statusBar())
        window->statusBar()->showMessage(tr("The PDF was saved as %1.").arg(QDir::toNativeSeparators(target)), 8000);
}

QString CompileFeature::shellEscapeWarning(bool shared)
{
    QString text = tr("With shell escape, a document can run any program on this computer, with your permissions, "
                      "including one a collaborator wrote.");
    if (shared)
        text += u' ' + tr("This project is shared: every collaborator's edits are included, now and later.");
    text += u' ' + tr("Allow it only for a project whose every line you trust. The setting stays on this computer "
                      "and is never shared.");
    return text;
}

bool CompileFeature::confirmFullShellEscape(bool shared) const
{
    if (m_confirm)
        return m_confirm(shared);
    auto *window = qobject_cast<QWidget *>(parent());
    QMessageBox box(QMessageBox::Warning, tr("Allow Shell Escape?"), shellEscapeWarning(shared),
                    QMessageBox::Cancel, window);
    box.setObjectName(QStringLiteral("shellEscapeWarning"));
    box.setInformativeText(tr("Packages such as minted need it. TeX Live's restricted mode (EPS figures, "
                              "makeindex, bibtex) stays on without it."));
    QPushButton *allow = box.addButton(tr("Allow Shell Escape"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == allow;
}

void CompileFeature::onFullShellEscapeToggled(bool on)
{
    const Project &project = m_controller->project();
    QAction *action = m_actions.fullShellEscape;
    if (!project.isValid())
        return;
    // Asked each time it is turned on; turning it off needs no question.
    if (on && !confirmFullShellEscape(m_isShared && m_isShared())) {
        const QSignalBlocker blocker(action);
        action->setChecked(false);
        return;
    }
    QString error;
    if (!LocalBuildSettings::setFullShellEscape(project.rootPath(), on, &error)) {
        const QSignalBlocker blocker(action);
        action->setChecked(!on);
        m_status->setState(CompileStatusLabel::State::Failed, 0, 0, tr("Cannot save the setting: %1").arg(error));
        return;
    }
    m_controller->fullRebuild();
}

void CompileFeature::onKeepPdfCopyToggled(bool on)
{
    const Project &project = m_controller->project();
    if (!project.isValid())
        return;
    QString error;
    if (!LocalBuildSettings::setKeepPdfCopy(project.rootPath(), on, &error)) {
        const QSignalBlocker blocker(m_actions.keepPdfCopy);
        m_actions.keepPdfCopy->setChecked(!on);
        m_status->setState(CompileStatusLabel::State::Failed, 0, 0, tr("Cannot save the setting: %1").arg(error));
        return;
    }
    // The PDF on screen is the last successful one's: copied now, not only after the next compile.
    // (Turned off, the copy stays where it is, still never shared.)
    if (on && m_lastSessionPdf.isEmpty() && m_lastSucceeded)
        writePdfCopy();
}

void CompileFeature::writePdfCopy()
{
    const Project &project = m_controller->project();
    const QString pdf = m_controller->previewPdfPath();
    if (!project.isValid() || !QFileInfo(pdf).isFile())
        return;
    const LocalPdfCopy::Result copy = LocalPdfCopy::write(project, m_controller->rootDocument(), pdf);
    auto *window = qobject_cast<QMainWindow *>(parent());
    if (!copy.error.isEmpty() && window && window->statusBar())
        window->statusBar()->showMessage(copy.error, 8000);
}

void CompileFeature::applySettings(const AppSettings &settings)
{
    m_controller->setAutoCompile(settings.autoCompile);
    m_controller->setAutoCompileDelay(settings.autoCompileDelayMs);
    const QSignalBlocker blocker(m_actions.autoCompile);
    m_actions.autoCompile->setChecked(settings.autoCompile);
    updateEngine(); // Preferences' engine is the default of projects without their own
}

void CompileFeature::setProjectSettings(ProjectSettingsWatcher *settings)
{
    m_projectSettings = settings;
    connect(settings, &ProjectSettingsWatcher::changed, this, &CompileFeature::onProjectSettingsChanged);
}

QString CompileFeature::setProject(const Project &project)
{
    m_problems->clear();
    m_synctex.clear();
    m_currentFile.clear();
    m_projectRoot.clear();
    if (project.isValid()) {
        RootHints hints;
        hints.setting = m_projectSettings ? m_projectSettings->settings().root() : QString();
        hints.preferred = SessionStore::rootDocument(project.projectId());
        m_projectRoot = project.findRootDocument(hints);
    }
    m_controller->setProject(project, m_projectRoot);
    m_server->setProject(project, m_controller->compiler()->cacheRoot(), m_controller->previewPdfPath());
    updateEngine();
    if (m_actions.fullShellEscape) {
        const QSignalBlocker blocker(m_actions.fullShellEscape);
        m_actions.fullShellEscape->setEnabled(project.isValid());
        m_actions.fullShellEscape->setChecked(project.isValid() && LocalBuildSettings::fullShellEscape(project.rootPath()));
    }
    if (m_actions.keepPdfCopy) {
        const QSignalBlocker blocker(m_actions.keepPdfCopy);
        m_actions.keepPdfCopy->setEnabled(project.isValid());
        m_actions.keepPdfCopy->setChecked(project.isValid() && LocalBuildSettings::keepPdfCopy(project.rootPath()));
    }
    m_lastSucceeded = false;
    m_lastSessionPdf.clear();
    m_status->setShowingLastSession(false);
    if (project.isValid()) {
        m_status->setState(CompileStatusLabel::State::Idle); // a new project has not compiled yet
        // The last build's PDF, kept in the compile cache, is shown until the first compile ends.
        const QString previous = m_controller->previewPdfPath();
        if (QFileInfo(previous).isFile() && QFileInfo(previous).size() > 0) {
            m_lastSessionPdf = previous;
            m_status->setShowingLastSession(true);
            Q_EMIT lastSessionPdfFound(previous);
        }
    }
    return m_projectRoot;
}

bool CompileFeature::setRootDocument(const QString &relativePath, QString *error)
{
    const Project &project = m_controller->project();
    if (!project.isValid() || !m_projectSettings)
        return false;
    ProjectSettings settings = m_projectSettings->settings();
    if (!settings.setRoot(relativePath)) {
        if (error)
            *error = tr("“%1” cannot be the main document: it must be a .tex file inside the project.").arg(relativePath);
        return false;
    }
    if (!m_projectSettings->save(settings, error))
        return false;
    // The shared setting decides from now on; a local choice from before would only confuse.
    SessionStore::setRootDocument(project.projectId(), QString());
    m_projectRoot = relativePath;
    updateRoot();
    return true;
}

void CompileFeature::setCurrentFile(const QString &relativePath)
{
    m_currentFile = relativePath;
    updateRoot();
}

void CompileFeature::fileSaved(const QString &relativePath)
{
    if (relativePath == m_controller->rootDocument())
        updateEngine();
    // A %!TEX root just written into the file in front takes effect now.
    if (relativePath == m_currentFile)
        updateRoot();
}

void CompileFeature::onProjectSettingsChanged()
{
    const Project &project = m_controller->project();
    if (!project.isValid())
        return;
    RootHints hints;
    hints.setting = m_projectSettings->settings().root();
    hints.preferred = SessionStore::rootDocument(project.projectId());
    m_projectRoot = project.findRootDocument(hints);
    updateRoot();
    updateEngine();
}

void CompileFeature::updateRoot()
{
    const Project &project = m_controller->project();
    if (!project.isValid())
        return;
    QString root = m_projectRoot;
    if (!m_currentFile.isEmpty() && m_currentFile.endsWith(QLatin1String(".tex"), Qt::CaseInsensitive)) {
        // Only the magic comment: without one, the file in front does not change the root.
        RootHints hints;
        hints.currentFile = m_currentFile;
        const QString named = app::findRootDocument(project.rootPath(), {}, hints);
        if (!named.isEmpty())
            root = named;
    }
    if (root == m_controller->rootDocument())
        return;
    m_controller->setRootDocument(root);
    updateEngine();
    Q_EMIT rootDocumentChanged(root);
}

QString CompileFeature::effectiveEngine(EngineSource *source) const
{
    const Project &project = m_controller->project();
    const QString root = m_controller->rootDocument();
    if (project.isValid() && !root.isEmpty()) {
        QFile file(project.absolutePath(root));
        if (file.open(QIODevice::ReadOnly)) {
            const QString magic = magicProgramEngine(readMagicComments(QString::fromUtf8(file.read(8192))).program);
            if (!magic.isEmpty()) {
                if (source)
                    *source = EngineSource::MagicComment;
                return magic;
            }
        }
    }
    if (project.isValid() && m_projectSettings && !m_projectSettings->settings().engine().isEmpty()) {
        if (source)
            *source = EngineSource::Project;
        return m_projectSettings->settings().engine();
    }
    if (source)
        *source = EngineSource::Preferences;
    return m_settings->engine;
}

void CompileFeature::updateEngine()
{
    EngineSource source = EngineSource::Preferences;
    const QString name = effectiveEngine(&source);
    m_controller->setEngine(compile::engineFromName(name).value_or(compile::Engine::PdfLaTeX));
    QAction *engine = name == QLatin1String("xelatex")                      ? m_actions.xelatex
        : name == QLatin1String("lualatex")                                 ? m_actions.lualatex
        : name == QLatin1String("uplatex") && m_actions.uplatex             ? m_actions.uplatex
                                                                            : m_actions.pdflatex;
    if (source == EngineSource::Preferences && m_actions.defaultEngine)
        engine = m_actions.defaultEngine;
    engine->setChecked(true);
    if (m_actions.defaultEngine)
        m_actions.defaultEngine->setText(tr("Preferences’ Default (%1)").arg(m_settings->engine));
    const QString why = source == EngineSource::MagicComment ? tr("set by %!TEX program in %1").arg(m_controller->rootDocument())
        : source == EngineSource::Project                    ? tr("this project’s setting")
                                                             : tr("Preferences’ default");
    for (QAction *action : {m_actions.pdflatex, m_actions.xelatex, m_actions.lualatex, m_actions.uplatex}) {
        if (action)
            action->setToolTip(tr("Compile this project with %1 (now: %2, %3)").arg(action->text(), name, why));
    }
}

void CompileFeature::setEngine(const QString &name)
{
    // The Engine menu chooses for the project (shared with it); Preferences keep the default.
    if (m_projectSettings && m_controller->project().isValid()) {
        ProjectSettings settings = m_projectSettings->settings();
        if (settings.setEngine(name) && settings.engine() != m_projectSettings->settings().engine()
            && !m_projectSettings->save(settings))
            return;
    } else if (!name.isEmpty()) {
        m_settings->engine = name;
        m_settings->save();
    }
    const compile::Engine before = m_controller->engine();
    updateEngine();
    if (m_controller->engine() != before)
        m_controller->fullRebuild();
}

void CompileFeature::onStarted()
{
    m_status->setState(CompileStatusLabel::State::Compiling);
    m_actions.stop->setEnabled(true);
}

void CompileFeature::onFinished(const CompileOutcome &outcome)
{
    m_actions.stop->setEnabled(false);
    // Only a new PDF replaces the last session's: a stopped compile, or one that made no
    // PDF, leaves it on screen, still marked.
    if (!outcome.stopped && !outcome.previewPdf.isEmpty()) {
        m_status->setShowingLastSession(false);
        m_lastSessionPdf.clear();
    }
    if (outcome.stopped) {
        m_status->setState(CompileStatusLabel::State::Stopped);
        return;
    }
    Q_EMIT compiled(outcome);
    // Only a compile without errors replaces the copy next to the main document: a broken
    // build's PDF would replace a good one there.
    m_lastSucceeded = outcome.result.status == compile::CompileStatus::Success && outcome.errors == 0
        && !outcome.previewPdf.isEmpty();
    if (m_lastSucceeded && m_actions.keepPdfCopy && m_actions.keepPdfCopy->isChecked())
        writePdfCopy();
    showOutcome(outcome);
}

void CompileFeature::showOutcome(const CompileOutcome &outcome, bool onServer)
{
    const compile::CompileResult &result = outcome.result;
    // After the window has handed the PDF to its view: the .synctex.gz is parsed once its first page is painted.
    if (!outcome.previewPdf.isEmpty())
        m_synctex.setBuild(m_controller->project(), result.pdfPath, result.compileDir);
    m_problems->setProblems(outcome.problems);
    m_problems->setRawLog(outcome.rawLog);

    using State = CompileStatusLabel::State;
    using compile::CompileStatus;
    switch (result.status) {
    case CompileStatus::Success:
        if (outcome.errors > 0)
            m_status->setState(State::Failed, result.elapsedMs, outcome.errors,
                               onServer ? tr("Compiled on the server: %n error(s)", nullptr, outcome.errors) : QString());
        else
            m_status->setState(State::Succeeded, result.elapsedMs, 0,
                               onServer ? tr("Compiled on the server in %1 s")
                                              .arg(QLocale().toString(double(result.elapsedMs) / 1000.0, 'f', 1))
                                        : QString());
        break;
    case CompileStatus::Failure:
    case CompileStatus::StoppedOnFirstError:
        m_status->setState(State::Failed, result.elapsedMs, outcome.errors,
                           onServer ? tr("Compile on the server failed: %n error(s)", nullptr, outcome.errors) : QString());
        break;
    case CompileStatus::TimedOut:
        m_status->setState(State::Failed, result.elapsedMs, outcome.errors, tr("Compile timed out"));
        break;
    case CompileStatus::Conflict:
    case CompileStatus::Busy:
    case CompileStatus::Error:
        m_status->setState(State::Failed, result.elapsedMs, outcome.errors,
                           tr("Compile error: %1").arg(result.message));
        break;
    }
    // A failed compile with nothing to show in the list: the log says why.
    if (result.status != CompileStatus::Success && outcome.problems.isEmpty() && !m_dock->isHidden())
        m_problems->showRawLog(true);
}

} // namespace coauthor::app
