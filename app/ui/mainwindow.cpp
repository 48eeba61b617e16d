#include "app/ui/mainwindow.h"

#include "app/collab/collaborationsession.h"
#include "app/collab/collaboratorspanel.h"
#include "app/collab/openshareddialog.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "app/compile/compilecontroller.h"
#include "app/compile/compilefeature.h"
#include "app/compile/compilestatuslabel.h"
#include "app/compile/problemmapper.h"
#include "app/compile/problemspanel.h"
#include "app/pdf/pdftoolbar.h"
#include "app/pdf/pdfview.h"
#include "app/project/projectindexer.h"
#include "app/project/sessionstore.h"
#include "app/ui/appactions.h"
#include "app/ui/appstatusbar.h"
#include "app/ui/editortabs.h"
#include "app/ui/preferencesdialog.h"
#include "app/ui/projecttree.h"
#include "app/ui/welcomepage.h"
#include "editor/findreplacebar.h"
#include "editor/latexeditor.h"
#include "editor/outlineview.h"
#include "editor/projectindex.h"
#include "editor/sharedundostack.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

namespace coauthor::app {

MainWindow::MainWindow(const QString &compileCacheRoot, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(AppSettings::load())
    , m_actions(new AppActions(this))
    , m_index(new editor::ProjectIndex(this))
    , m_indexer(new ProjectIndexer(m_index, this))
{
    m_host = new ServerHost(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/coauthor.svg")));
    buildLayout();
    buildDocks();
    m_actions->buildMenus(menuBar());
    auto *toolBar = addToolBar(tr("Main Tool Bar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setIconSize(QSize(20, 20));
    toolBar->setMovable(false);
    m_actions->buildToolBar(toolBar);
    m_status = new AppStatusBar(this);
    setStatusBar(m_status);
    const AppActions *a = m_actions;
    m_compileFeature = new CompileFeature(compileCacheRoot, this,
                                          {a->compile, a->fullRebuild, a->stop, a->autoCompile, a->showLog,
                                           a->pdflatex, a->xelatex, a->lualatex},
                                          &m_settings);
    m_compile = m_compileFeature->controller();
    m_problems = m_compileFeature->problemsPanel();
    m_problemsDock = m_compileFeature->problemsDock();
    m_actions->docksMenu->addAction(m_treeDock->toggleViewAction());
    m_actions->docksMenu->addAction(m_outlineDock->toggleViewAction());
    m_actions->docksMenu->addAction(m_problemsDock->toggleViewAction());
    m_actions->docksMenu->addAction(m_peopleDock->toggleViewAction());
    m_actions->docksMenu->addAction(toolBar->toggleViewAction());
    m_collab = new CollaborationSession(m_tabs, this);

    connectActions();
    connectParts();
    applySettings(m_settings);
    resize(1400, 900);
    restoreWindowState();
    showWelcome();
}

MainWindow::~MainWindow()
{
    // Qt deletes the parts one by one after this; a part that signals while going
    // (a tab widget losing its tabs) must not reach a sibling that is already gone.
    for (QObject *part : std::initializer_list<QObject *>{m_tabs, m_pdf, m_problems, m_tree, m_outline, m_index,
                                                          m_compile, m_compileFeature, m_welcome, m_collab, m_host})
        part->disconnect(this);
    // The session unbinds the tabs: before they go. The hosted server stops with the app.
    m_collab->stop();
    m_host->stop();
    m_tabs->disconnect();
}

void MainWindow::buildLayout()
{
    m_tabs = new EditorTabs(this);
    m_tabs->setProjectIndex(m_index);
    m_findBar = new editor::FindReplaceBar(this);
    m_findBar->hide();
    m_pdf = new PdfView(this);

    auto *editorArea = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorArea);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    editorLayout->addWidget(m_tabs, 1);
    editorLayout->addWidget(m_findBar);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("editorPdfSplitter"));
    auto *pdfArea = new QWidget(this);
    auto *pdfLayout = new QVBoxLayout(pdfArea);
    pdfLayout->setContentsMargins(0, 0, 0, 0);
    pdfLayout->setSpacing(0);
    m_pdfBar = new PdfToolBar(m_pdf, pdfArea);
    pdfLayout->addWidget(m_pdfBar);
    pdfLayout->addWidget(m_pdf, 1);
    connect(m_pdfBar, &PdfToolBar::notFound, this, [this](const QString &text) {
        m_status->showMessage(tr("“%1” was not found in the PDF.").arg(text), 5000);
    });

    m_splitter->addWidget(editorArea);
    m_splitter->addWidget(pdfArea);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    m_welcome = new WelcomePage(this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_splitter);
    setCentralWidget(m_stack);
}

void MainWindow::buildDocks()
{
    setDockNestingEnabled(true);
    m_tree = new ProjectTree(this);
    m_treeDock = new QDockWidget(tr("Project"), this);
    m_treeDock->setObjectName(QStringLiteral("projectDock"));
    m_treeDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, m_treeDock);

    m_outline = new editor::OutlineView(this);
    m_outlineDock = new QDockWidget(tr("Outline"), this);
    m_outlineDock->setObjectName(QStringLiteral("outlineDock"));
    m_outlineDock->setWidget(m_outline);
    addDockWidget(Qt::LeftDockWidgetArea, m_outlineDock);
    splitDockWidget(m_treeDock, m_outlineDock, Qt::Vertical);

    m_people = new CollaboratorsPanel(this);
    m_peopleDock = new QDockWidget(tr("Collaborators"), this);
    m_peopleDock->setObjectName(QStringLiteral("collaboratorsDock"));
    m_peopleDock->setWidget(m_people);
    addDockWidget(Qt::LeftDockWidgetArea, m_peopleDock);
    splitDockWidget(m_outlineDock, m_peopleDock, Qt::Vertical);
    m_peopleDock->hide(); // shown when the project is shared
    resizeDocks({m_treeDock}, {240}, Qt::Horizontal);
}

void MainWindow::connectActions()
{
    AppActions *a = m_actions;
    connect(a->newFile, &QAction::triggered, m_tree, [this] { m_tree->newFileInteractive(); });
    connect(a->newFolder, &QAction::triggered, m_tree, [this] { m_tree->newFolderInteractive(); });
    connect(a->openProject, &QAction::triggered, this, &MainWindow::openProjectDialog);
    connect(a->closeProject, &QAction::triggered, this, &MainWindow::closeProject);
    connect(a->save, &QAction::triggered, m_tabs, &EditorTabs::saveCurrent);
    connect(a->saveAll, &QAction::triggered, m_tabs, &EditorTabs::saveAll);
    connect(a->closeTab, &QAction::triggered, m_tabs, [this] {
        if (m_tabs->currentIndex() >= 0)
            m_tabs->closeTab(m_tabs->currentIndex());
    });
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->shareProject, &QAction::triggered, this, &MainWindow::shareProjectDialog);
    connect(a->openSharedProject, &QAction::triggered, this, &MainWindow::openSharedProjectDialog);
    connect(a->shareInfo, &QAction::triggered, this, &MainWindow::shareInfoDialog);
    connect(a->workOffline, &QAction::toggled, this, [this](bool offline) {
        if (m_collab->isActive())
            m_collab->client()->setWorkOffline(offline);
    });

    auto onEditor = [this](void (editor::LatexEditor::*method)()) {
        return [this, method] {
            if (auto *e = m_tabs->currentEditor())
                (e->*method)();
        };
    };
    // A shared doc undoes only our own edits, through its own undo stack.
    connect(a->undo, &QAction::triggered, this, [this] {
        auto *e = m_tabs->currentEditor();
        if (editor::SharedUndoStack *shared = m_collab->undoStackFor(e))
            shared->undo();
        else if (e)
            e->undo();
    });
    connect(a->redo, &QAction::triggered, this, [this] {
        auto *e = m_tabs->currentEditor();
        if (editor::SharedUndoStack *shared = m_collab->undoStackFor(e))
            shared->redo();
        else if (e)
            e->redo();
    });
    connect(a->cut, &QAction::triggered, this, onEditor(&editor::LatexEditor::cut));
    connect(a->copy, &QAction::triggered, this, onEditor(&editor::LatexEditor::copy));
    connect(a->paste, &QAction::triggered, this, onEditor(&editor::LatexEditor::paste));
    connect(a->selectAll, &QAction::triggered, this, onEditor(&editor::LatexEditor::selectAll));
    connect(a->toggleComment, &QAction::triggered, this, onEditor(&editor::LatexEditor::toggleComment));
    connect(a->find, &QAction::triggered, m_findBar, [this] {
        if (m_tabs->currentEditor())
            m_findBar->showFind();
    });
    connect(a->replace, &QAction::triggered, m_findBar, [this] {
        if (m_tabs->currentEditor())
            m_findBar->showReplace();
    });
    connect(a->goToLine, &QAction::triggered, this, &MainWindow::goToLineDialog);

    connect(a->openPdfExternally, &QAction::triggered, this, [this] {
        const QString pdf = m_pdf->documentPath();
        if (!pdf.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(pdf));
    });

    connect(a->zoomIn, &QAction::triggered, m_pdf, &PdfView::zoomIn);
    connect(a->zoomOut, &QAction::triggered, m_pdf, &PdfView::zoomOut);
    connect(a->fitWidth, &QAction::triggered, m_pdf, [this] { m_pdf->setZoomMode(PdfView::ZoomMode::FitWidth); });
    connect(a->fitPage, &QAction::triggered, m_pdf, [this] { m_pdf->setZoomMode(PdfView::ZoomMode::FitPage); });
    connect(a->showInPdf, &QAction::triggered, this, &MainWindow::showCurrentLineInPdf);
    connect(a->findInPdf, &QAction::triggered, this, &MainWindow::findInPdfDialog);
    connect(a->preferences, &QAction::triggered, this, &MainWindow::preferencesDialog);
    connect(a->about, &QAction::triggered, this, &MainWindow::aboutDialog);
}

void MainWindow::connectParts()
{
    connect(m_welcome, &WelcomePage::openFolderRequested, this, &MainWindow::openProjectDialog);
    connect(m_welcome, &WelcomePage::openSharedRequested, this, &MainWindow::openSharedProjectDialog);
    connect(m_welcome, &WelcomePage::openProjectRequested, this, &MainWindow::openProject);

    connect(m_tree, &ProjectTree::fileActivated, this, [this](const QString &file) { openLocation(file, 0); });
    connect(m_tree, &ProjectTree::fileCreated, this, [this](const QString &file) {
        m_indexer->fileChangedOnDisk(file);
        m_collab->localFileCreated(file);
        openLocation(file, 0);
    });
    connect(m_tree, &ProjectTree::pathRenamed, this, [this](const QString &from, const QString &to) {
        m_tabs->pathRenamed(from, to);
        m_indexer->pathRenamed(from, to);
        m_collab->localPathRenamed(from, to);
        if (from == m_compile->rootDocument())
            setRootDocument(to);
    });
    connect(m_tree, &ProjectTree::pathRemoved, this, [this](const QString &path) {
        m_tabs->pathRemoved(path);
        m_indexer->pathRemoved(path);
        m_collab->localPathRemoved(path);
    });
    connect(m_tree, &ProjectTree::setAsRootRequested, this, &MainWindow::setRootDocument);

    connect(m_tabs, &EditorTabs::bufferEdited, this, [this](const QString &file) {
        m_indexer->bufferChanged(file, m_tabs->editorFor(file));
        m_compile->noteEdit();
    });
    connect(m_tabs, &EditorTabs::fileReloaded, m_indexer, &ProjectIndexer::fileChangedOnDisk);
    connect(m_tabs, &EditorTabs::fileSaved, this, [this](const QString &) { updateWindowTitle(); });
    connect(m_tabs, &EditorTabs::message, this, [this](const QString &text) { m_status->showMessage(text, 8000); });
    connect(m_tabs, &EditorTabs::cursorMoved, m_status, &AppStatusBar::setCursorPosition);
    connect(m_tabs, &EditorTabs::currentFileChanged, this, [this](const QString &file) {
        m_findBar->setEditor(m_tabs->currentEditor());
        if (!m_tabs->currentEditor()) {
            m_findBar->hide();
            m_status->clearCursorPosition();
        }
        if (!file.isEmpty())
            m_tree->selectPath(file);
        updateWindowTitle();
        updateEditActions();
    });
    // A shared doc's live text is what compiles, written to disk or not yet.
    m_compile->setBufferProvider([this] {
        QHash<QString, QByteArray> buffers = m_tabs->unsavedBuffers();
        const QHash<QString, QString> shared = m_collab->documentTexts();
        for (auto it = shared.cbegin(); it != shared.cend(); ++it)
            buffers.insert(it.key(), it.value().toUtf8()); // shared docs are UTF-8 everywhere
        return buffers;
    });

    connect(m_collab, &CollaborationSession::stateChanged, this, &MainWindow::updateSyncStatus);
    connect(m_collab, &CollaborationSession::pendingEditsChanged, this, &MainWindow::updateSyncStatus);
    connect(m_collab, &CollaborationSession::storageProblemChanged, this, &MainWindow::updateSyncStatus);
    connect(m_collab, &CollaborationSession::collaboratorsChanged, this, &MainWindow::updateCollaborators);
    connect(m_collab, &CollaborationSession::errorOccurred, this,
            [this](const QString &message) { m_status->showMessage(message, 10000); });
    // Collaborators' edits to files without a tab: the outline and auto-compile follow them too.
    connect(m_collab, &CollaborationSession::filesChanged, this, [this](const QStringList &files) {
        for (const QString &file : files)
            m_indexer->fileChangedOnDisk(file);
        m_compile->noteEdit();
    });
    connect(m_people, &CollaboratorsPanel::fileRequested, this, [this](const QString &file) { openLocation(file, 0); });
    connect(m_host, &ServerHost::exitedUnexpectedly, this, [this](const QString &output) {
        QMessageBox::warning(this, tr("Hosted Server"),
                             tr("The server hosted on this computer stopped.\n\n%1").arg(output.right(2000)));
    });

    connect(m_index, &editor::ProjectIndex::changed, this, &MainWindow::updateOutline);
    connect(m_outline, &editor::OutlineView::entryActivated, this,
            [this](const QString &file, int line) { openLocation(file, line); });
    connect(m_problems, &ProblemsPanel::problemActivated, this,
            [this](const QString &file, int line) { openLocation(file, line); });
    connect(m_compileFeature, &CompileFeature::compiled, this, &MainWindow::showCompileOutcome);
    connect(m_pdf, &PdfView::inverseSearchRequested, this, &MainWindow::showPdfPointInSource);
}

void MainWindow::applySettings(const AppSettings &settings)
{
    m_settings = settings;
    m_tabs->setEditorFont(settings.editorFont);
    m_tabs->setSoftWrap(settings.softWrap);
    m_compileFeature->applySettings(settings);
}

void MainWindow::setRootDocument(const QString &relativePath)
{
    if (!m_project.isValid())
        return;
    m_compileFeature->setRootDocument(relativePath);
    updateOutline();
    m_status->showMessage(tr("Root document: %1").arg(relativePath), 5000);
    m_compile->compile();
}

bool MainWindow::isShowingWelcome() const
{
    return m_stack->currentWidget() == m_welcome;
}

QList<QDockWidget *> MainWindow::docks() const
{
    return {m_treeDock, m_outlineDock, m_problemsDock, m_peopleDock};
}

QList<QAction *> MainWindow::projectActions() const
{
    const AppActions *a = m_actions;
    return {a->newFile, a->newFolder, a->closeProject, a->save, a->saveAll, a->compile, a->fullRebuild,
            a->showLog, a->openPdfExternally, a->zoomIn, a->zoomOut, a->fitWidth, a->fitPage, a->showInPdf,
            a->findInPdf, a->shareProject};
}

void MainWindow::showWelcome()
{
    m_welcome->setRecentProjects(SessionStore::recentProjects());
    if (m_stack->currentWidget() != m_welcome) {
        m_stack->setCurrentWidget(m_welcome);
    }
    // Empty panels around the start page would only be noise.
    const QList<QDockWidget *> all = docks();
    for (int i = 0; i < all.size(); ++i) {
        if (all[i]->isEnabled())
            m_dockVisible[i] = !all[i]->isHidden();
        all[i]->setEnabled(false);
        all[i]->hide();
    }
    for (QAction *action : projectActions())
        action->setEnabled(false);
    updateRecentMenu();
    updateWindowTitle();
    updateEditActions();
}

void MainWindow::showWorkspace()
{
    m_stack->setCurrentWidget(m_splitter);
    const QList<QDockWidget *> all = docks();
    for (int i = 0; i < all.size(); ++i) {
        if (!all[i]->isEnabled()) {
            all[i]->setEnabled(true);
            all[i]->setVisible(m_dockVisible[i]);
        }
    }
    for (QAction *action : projectActions())
        action->setEnabled(true);
}

bool MainWindow::openProject(const QString &path)
{
    const Project project(path);
    if (!project.isValid()) {
        QMessageBox::warning(this, tr("Open Project"), tr("“%1” is not a folder.").arg(path));
        SessionStore::removeRecentProject(path);
        updateRecentMenu();
        return false;
    }
    if (m_project.isValid()) {
        if (!m_tabs->maySaveAll())
            return false;
        saveSession();
    }
    m_project = project;
    m_tabs->setProjectRoot(project.rootPath());
    m_tree->setRootPath(project.rootPath());
    m_indexer->indexProject(project);
    m_pdf->closeDocument();
    const QString root = m_compileFeature->setProject(project);
    SessionStore::noteProjectOpened(project.rootPath());

    showWorkspace();
    startCollaboration(project.rootPath());
    restoreProjectSession();
    if (m_tabs->count() == 0 && !root.isEmpty())
        openLocation(root, 0);
    updateOutline();
    updateRecentMenu();
    updateWindowTitle();
    m_compileFeature->statusLabel()->setState(CompileStatusLabel::State::Idle);
    if (root.isEmpty())
        m_status->showMessage(tr("No root document found: add a .tex file with \\documentclass."), 10000);
    else
        m_compile->compile();
    return true;
}

bool MainWindow::closeProject()
{
    if (!m_project.isValid())
        return true;
    if (!m_tabs->maySaveAll())
        return false;
    saveSession();
    m_collab->stop();
    updateCollaborators();
    m_compile->stop();
    m_compileFeature->setProject(Project());
    m_tabs->setProjectRoot(QString());
    m_tree->setRootPath(QString());
    m_indexer->indexProject(Project());
    m_outline->setEntries({});
    m_pdf->closeDocument();
    m_project = Project();
    SessionStore::forgetLastProject();
    showWelcome();
    return true;
}

void MainWindow::restoreProjectSession()
{
    const SessionStore::ProjectSession session = SessionStore::projectSession(m_project.projectId());
    for (const SessionStore::OpenFile &file : session.openFiles) {
        if (QWidget *w = m_tabs->openFile(file.path)) {
            if (auto *e = qobject_cast<editor::LatexEditor *>(w))
                e->goToLine(file.line, file.column);
        }
    }
    if (!session.currentFile.isEmpty())
        m_tabs->openFile(session.currentFile);
}

void MainWindow::saveSession() const
{
    SessionStore::saveWindowGeometry(saveGeometry());
    // On the start page the panels are hidden for now, not by the user's choice.
    if (!m_project.isValid())
        return;
    SessionStore::saveWindowLayout(saveState(), m_splitter->saveState());
    SessionStore::ProjectSession session;
    for (const QString &file : m_tabs->openFiles()) {
        SessionStore::OpenFile open{file, 1, 1};
        if (auto *e = m_tabs->editorFor(file)) {
            open.line = e->currentLine();
            open.column = e->currentColumn();
        }
        session.openFiles << open;
    }
    session.currentFile = m_tabs->currentFile();
    SessionStore::saveProjectSession(m_project.projectId(), session);
}

void MainWindow::restoreWindowState()
{
    const SessionStore::WindowLayout layout = SessionStore::windowLayout();
    restoreGeometry(layout.geometry);
    restoreState(layout.state);
    if (!m_splitter->restoreState(layout.splitter))
        m_splitter->setSizes({720, 560}); // the editor a little wider than the PDF
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_project.isValid() && !m_tabs->maySaveAll()) {
        event->ignore();
        return;
    }
    // Edits neither on the server nor on disk (a full disk) die with the app.
    if (m_collab->hasEditsOnlyInMemory()
        && QMessageBox::warning(this, tr("Quit"),
                                tr("Some edits are neither on the server nor saved on this computer (%1). "
                                   "Quit anyway and lose them?").arg(m_collab->storageProblem()),
                                QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Discard) {
        event->ignore();
        return;
    }
    saveSession();
    m_compile->stop();
    m_collab->stop();
    m_host->stop();
    event->accept();
}

void MainWindow::openLocation(const QString &relativePath, int line, int column)
{
    if (!m_project.isValid() || relativePath.isEmpty())
        return;
    if (relativePath.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_project.absolutePath(relativePath)));
        return;
    }
    if (line > 0) {
        m_tabs->openAt(relativePath, line, column);
        return;
    }
    QString error;
    if (!m_tabs->openFile(relativePath, &error))
        m_status->showMessage(error, 8000);
    else if (auto *e = m_tabs->currentEditor())
        e->setFocus();
}

bool MainWindow::showCurrentLineInPdf()
{
    auto *e = m_tabs->currentEditor();
    if (!e)
        return false;
    const SyncTexNavigator &synctex = m_compileFeature->syncTex();
    const auto location = synctex.forward(m_tabs->currentFile(), e->currentLine(), e->currentColumn());
    if (!location) {
        m_status->showMessage(synctex.isValid() ? tr("This line is not in the PDF.")
                                                  : tr("No SyncTeX data yet: compile the project first."),
                              5000);
        return false;
    }
    m_pdf->showLocation(location->page, location->rects);
    return true;
}

bool MainWindow::showPdfPointInSource(int page, QPointF point)
{
    const auto source = m_compileFeature->syncTex().inverse(page, point);
    if (!source) {
        m_status->showMessage(tr("No source line found for this place in the PDF."), 5000);
        return false;
    }
    openLocation(source->file, qMax(1, source->line), qMax(1, source->column));
    return true;
}

const SyncTexNavigator &MainWindow::syncTex() const
{
    return m_compileFeature->syncTex();
}

void MainWindow::showCompileOutcome(const CompileOutcome &outcome)
{
    if (!outcome.previewPdf.isEmpty()) {
        QString error;
        if (!m_pdf->openDocument(outcome.previewPdf, &error))
            m_status->showMessage(tr("Cannot show the PDF: %1").arg(error), 8000);
    }
    m_tabs->setDiagnostics(outcome.diagnostics);
}

void MainWindow::updateOutline()
{
    const QString root = m_compile->rootDocument();
    m_outline->setEntries(root.isEmpty() ? QList<editor::OutlineEntry>() : m_index->outline(root));
}

void MainWindow::updateEditActions()
{
    const bool editing = m_tabs->currentEditor() != nullptr;
    for (QAction *action : {m_actions->undo, m_actions->redo, m_actions->cut, m_actions->copy, m_actions->paste,
                            m_actions->selectAll, m_actions->find, m_actions->replace, m_actions->goToLine,
                            m_actions->toggleComment})
        action->setEnabled(editing);
    m_actions->closeTab->setEnabled(m_tabs->count() > 0);
}

void MainWindow::updateWindowTitle()
{
    if (!m_project.isValid()) {
        setWindowTitle(tr("Coauthor"));
        return;
    }
    const QString file = m_tabs->currentFile();
    setWindowTitle(file.isEmpty() ? m_project.name() : file + QStringLiteral(" — ") + m_project.name());
}

void MainWindow::updateRecentMenu()
{
    QMenu *menu = m_actions->recentMenu;
    menu->clear();
    const QStringList recent = SessionStore::recentProjects();
    for (const QString &path : recent) {
        menu->addAction(QFileInfo(path).fileName() + QStringLiteral("  (") + path + u')', this,
                        [this, path] { openProject(path); });
    }
    if (!recent.isEmpty()) {
        menu->addSeparator();
        menu->addAction(tr("Clear List"), this, [this] {
            SessionStore::clearRecentProjects();
            updateRecentMenu();
        });
    }
    menu->setEnabled(!recent.isEmpty());
}

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open Project Folder"), m_project.rootPath());
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::goToLineDialog()
{
    auto *e = m_tabs->currentEditor();
    if (!e)
        return;
    bool ok = false;
    const int line = QInputDialog::getInt(this, tr("Go to Line"), tr("Line:"), e->currentLine(), 1,
                                          e->document()->blockCount(), 1, &ok);
    if (ok)
        e->goToLine(line);
}

void MainWindow::findInPdfDialog()
{
    m_pdfBar->findField()->setFocus();
    m_pdfBar->findField()->selectAll();
}

void MainWindow::preferencesDialog()
{
    PreferencesDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AppSettings chosen = dialog.settings();
    const bool languageChanged = chosen.language != m_settings.language;
    chosen.save();
    applySettings(chosen);
    if (languageChanged)
        QMessageBox::information(this, tr("Language"), tr("The new language is used after Coauthor is restarted."));
}

void MainWindow::aboutDialog()
{
    QMessageBox::about(this, tr("About Coauthor"),
                       tr("<h3>Coauthor %1</h3><p>A collaborative LaTeX editor: write alone and offline, "
                          "or together through a small server you host yourself.</p>"
                          "<p>Built with Qt %2, Poppler and SyncTeX.</p>")
                           .arg(QStringLiteral(COAUTHOR_VERSION), QString::fromLatin1(qVersion())));
}

// ---- writing together ---------------------------------------------------------------

void MainWindow::startCollaboration(const QString &workingCopy)
{
    if (m_collab->isActive() && m_collab->workingCopy() == workingCopy) {
        m_peopleDock->show();
        updateCollaborators();
        return;
    }
    m_collab->stop();
    const std::optional<ShareLink> link = ShareLink::load(workingCopy);
    if (link) {
        // A project hosted here: its server comes back with the folder
        // (start() does nothing when the server already listens there).
        const qsizetype colon = link->hostListen.lastIndexOf(u':');
        if (colon > 0) {
            QString host = link->hostListen.left(colon);
            host.remove(u'[').remove(u']');
            auto started = m_host->start(host, quint16(link->hostListen.mid(colon + 1).toUInt()));
            if (!started)
                m_status->showMessage(tr("The hosted server did not start: %1").arg(started.error()), 10000);
        }
        auto started = m_collab->start(workingCopy, *link);
        if (!started)
            QMessageBox::warning(this, tr("Shared Project"),
                                 tr("Cannot connect this folder to its shared project: %1").arg(started.error()));
        else if (m_actions->workOffline->isChecked())
            m_collab->client()->setWorkOffline(true);
    }
    if (m_collab->isActive())
        m_peopleDock->show();
    updateCollaborators();
    updateSyncStatus();
}

void MainWindow::updateSyncStatus()
{
    const bool shared = m_collab->isActive();
    m_actions->workOffline->setEnabled(shared);
    m_actions->shareInfo->setEnabled(shared);
    m_actions->shareProject->setEnabled(m_project.isValid() && !shared);
    if (!shared) {
        m_status->setSyncState(AppStatusBar::SyncState::Local);
        return;
    }
    using State = sync::SyncClient::State;
    const State state = m_collab->client()->state();
    const auto shown = state == State::Online       ? AppStatusBar::SyncState::Online
                       : state == State::Connecting ? AppStatusBar::SyncState::Connecting
                                                    : AppStatusBar::SyncState::Offline;
    m_status->setSyncState(shown, m_collab->unsynchronizedEdits(), m_collab->isReadOnly(), m_collab->storageProblem());
}

void MainWindow::updateCollaborators()
{
    m_people->setCollaborators(m_collab->collaborators(), m_collab->isActive());
    const int others = int(m_collab->collaborators().size());
    m_peopleDock->setWindowTitle(others > 0 ? tr("Collaborators (%1)").arg(others) : tr("Collaborators"));
}

sync::Result<void, QString> MainWindow::shareProject(const ShareLink &link)
{
    using R = sync::Result<void, QString>;
    if (!m_project.isValid())
        return R::failure(tr("Open a project first."));
    if (m_collab->isActive())
        return R::failure(tr("This project is already shared."));
    if (!link.isValid())
        return R::failure(tr("The server address, project id and token are needed."));
    // What is uploaded is what is on disk.
    if (!m_tabs->saveAll())
        return R::failure(tr("Save the open files first."));
    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_status->showMessage(tr("Uploading the project…"));
    auto uploaded = CollaborationSession::uploadFolder(m_project.rootPath(), m_project.files(), link);
    QApplication::restoreOverrideCursor();
    m_status->clearMessage();
    if (!uploaded)
        return uploaded;
    QString error;
    if (!link.save(m_project.rootPath(), &error))
        return R::failure(error);
    startCollaboration(m_project.rootPath());
    if (!m_collab->isActive())
        return R::failure(tr("The project was uploaded but this folder could not be connected to it."));
    m_status->showMessage(tr("The project is shared."), 5000);
    return R::success();
}

sync::Result<void, QString> MainWindow::openSharedProject(const QString &folder, const ShareLink &given)
{
    using R = sync::Result<void, QString>;
    // Joining never hosts: only the copy that shared the project starts its server.
    ShareLink link = given;
    link.hostListen.clear();
    if (!link.isValid())
        return R::failure(tr("The server address, project id and token are needed."));
    const QDir dir(folder);
    const std::optional<ShareLink> existing = ShareLink::load(folder);
    const bool sameProject = existing && existing->projectId == link.projectId;
    if (dir.exists() && !sameProject && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return R::failure(tr("“%1” is not empty. Choose a new or empty folder for the shared project.").arg(folder));
    // A wrong address or token is found out before the open project is closed.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto reachable = CollaborationSession::checkLink(link);
    QApplication::restoreOverrideCursor();
    if (!reachable)
        return reachable;
    if (!QDir().mkpath(folder))
        return R::failure(tr("Cannot create the folder “%1”.").arg(folder));
    if (!closeProject())
        return R::failure(tr("Cancelled."));
    QString error;
    if (!link.save(folder, &error))
        return R::failure(error);
    const QString root = QFileInfo(folder).canonicalFilePath();

    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_status->showMessage(tr("Joining the shared project…"));
    startCollaboration(root);
    QString failure;
    const QMetaObject::Connection watch = connect(m_collab, &CollaborationSession::errorOccurred, this,
                                                  [&failure](const QString &message) { failure = message; });
    const bool joined = m_collab->isActive()
        && CollaborationSession::waitUntil([&] { return m_collab->isMirrorComplete() || !failure.isEmpty(); }, 60000);
    disconnect(watch);
    QApplication::restoreOverrideCursor();
    m_status->clearMessage();
    if (!joined || !failure.isEmpty()) {
        m_collab->stop();
        updateSyncStatus();
        if (!sameProject)
            QDir(QFileInfo(ShareLink::filePath(root)).absolutePath()).removeRecursively();
        return R::failure(!failure.isEmpty() ? failure
                                             : tr("The server at %1 did not answer.").arg(link.url.toString()));
    }
    m_collab->client()->flushMirror();
    if (!openProject(root))
        return R::failure(tr("Cannot open “%1”.").arg(root));
    return R::success();
}

void MainWindow::shareProjectDialog()
{
    if (!m_project.isValid())
        return;
    ShareDialog dialog(m_host, m_project.name(), [this](const ShareLink &link) { return shareProject(link); }, this);
    dialog.exec();
}

void MainWindow::openSharedProjectDialog()
{
    OpenSharedDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto opened = openSharedProject(dialog.folder(), dialog.link());
    if (!opened)
        QMessageBox::warning(this, tr("Open Shared Project"), opened.error());
}

void MainWindow::shareInfoDialog()
{
    if (!m_collab->isActive())
        return;
    const ShareLink &link = m_collab->link();
    const QUrl url = !link.hostListen.isEmpty() && m_host->isRunning() ? m_host->publicUrl() : link.url;
    QMessageBox box(QMessageBox::Information, tr("Sharing Details"),
                    tr("Give the others this address, the project id and the token:"), QMessageBox::Ok, this);
    box.setInformativeText(ShareDialog::invitationText(url, link.projectId, link.token));
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    box.exec();
}

} // namespace coauthor::app
