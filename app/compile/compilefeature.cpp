#include "app/compile/compilefeature.h"

#include "app/project/appsettings.h"
#include "app/compile/compilecontroller.h"
#include "app/compile/compilestatuslabel.h"
#include "app/compile/localbuildsettings.h"
#include "app/compile/problemspanel.h"
#include "app/project/project.h"
#include "app/project/sessionstore.h"
#include "compile/compilerequest.h"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
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
{
    m_dock->setObjectName(QStringLiteral("problemsDock"));
    m_dock->setWidget(m_problems);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    window->resizeDocks({m_dock}, {170}, Qt::Vertical);
    window->statusBar()->insertPermanentWidget(0, m_status);

    connect(m_problems, &ProblemsPanel::titleChanged, m_dock, &QDockWidget::setWindowTitle);
    connect(m_controller, &CompileController::started, this, &CompileFeature::onStarted);
    connect(m_controller, &CompileController::finished, this, &CompileFeature::onFinished);
    connectActions();
}

void CompileFeature::connectActions()
{
    const Actions &a = m_actions;
    connect(a.compile, &QAction::triggered, m_controller, &CompileController::compile);
    connect(a.fullRebuild, &QAction::triggered, m_controller, &CompileController::fullRebuild);
    connect(a.stop, &QAction::triggered, m_controller, &CompileController::stop);
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
    if (a.uplatex)
        connect(a.uplatex, &QAction::triggered, this, [this] { setEngine(QStringLiteral("uplatex")); });
    if (a.fullShellEscape)
        connect(a.fullShellEscape, &QAction::toggled, this, &CompileFeature::onFullShellEscapeToggled);
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

void CompileFeature::applySettings(const AppSettings &settings)
{
    m_controller->setAutoCompile(settings.autoCompile);
    m_controller->setAutoCompileDelay(settings.autoCompileDelayMs);
    m_controller->setEngine(compile::engineFromName(settings.engine).value_or(compile::Engine::PdfLaTeX));
    const QSignalBlocker blocker(m_actions.autoCompile);
    m_actions.autoCompile->setChecked(settings.autoCompile);
    QAction *engine = settings.engine == QLatin1String("xelatex") ? m_actions.xelatex
        : settings.engine == QLatin1String("lualatex")            ? m_actions.lualatex
        : settings.engine == QLatin1String("uplatex") && m_actions.uplatex ? m_actions.uplatex
                                                                  : m_actions.pdflatex;
    engine->setChecked(true);
}

QString CompileFeature::setProject(const Project &project)
{
    m_problems->clear();
    m_synctex.clear();
    const QString root = project.isValid()
        ? project.findRootDocument(SessionStore::rootDocument(project.projectId()))
        : QString();
    m_controller->setProject(project, root);
    if (m_actions.fullShellEscape) {
        const QSignalBlocker blocker(m_actions.fullShellEscape);
        m_actions.fullShellEscape->setEnabled(project.isValid());
        m_actions.fullShellEscape->setChecked(project.isValid() && LocalBuildSettings::fullShellEscape(project.rootPath()));
    }
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
    return root;
}

void CompileFeature::setRootDocument(const QString &relativePath)
{
    const Project &project = m_controller->project();
    if (!project.isValid())
        return;
    SessionStore::setRootDocument(project.projectId(), relativePath);
    m_controller->setRootDocument(relativePath);
}

void CompileFeature::setEngine(const QString &name)
{
    m_settings->engine = name;
    m_settings->save();
    m_controller->setEngine(compile::engineFromName(name).value_or(compile::Engine::PdfLaTeX));
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
    showOutcome(outcome);
}

void CompileFeature::showOutcome(const CompileOutcome &outcome)
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
            m_status->setState(State::Failed, result.elapsedMs, outcome.errors);
        else
            m_status->setState(State::Succeeded, result.elapsedMs);
        break;
    case CompileStatus::Failure:
    case CompileStatus::StoppedOnFirstError:
        m_status->setState(State::Failed, result.elapsedMs, outcome.errors);
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
