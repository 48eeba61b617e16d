#include "app/ui/mainwindow.h"

#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/collab/sharedialog.h"
#include "app/collab/sharelink.h"
#include "app/compile/compilecontroller.h"
#include "app/compile/compilefeature.h"
#include "app/compile/problemspanel.h"
#include "app/editors/editorpane.h"
#include "app/editors/editortabs.h"
#include "app/editors/unsavedjournal.h"
#include "app/history/historyfeature.h"
#include "app/pdf/pdfdocument.h"
#include "app/pdf/pdfpane.h"
#include "app/pdf/pdfview.h"
#include "app/project/projectindexer.h"
#include "app/project/projectsettingswatcher.h"
#include "app/project/sessionstore.h"
#include "app/search/searchfeature.h"
#include "app/spell/spellfeature.h"
#include "app/project/textcodec.h"
#include "app/ui/aboutdialog.h"
#include "app/ui/appactions.h"
#include "app/ui/appstatusbar.h"
#include "app/ui/newprojectdialog.h"
#include "app/ui/preferencesdialog.h"
#include "app/ui/projecttree.h"
#include "app/ui/shortcutsdialog.h"
#include "app/ui/welcomepage.h"
#include "app/ui/windowdocks.h"
#include "app/ui/wordcountdialog.h"
#include "editor/latexeditor.h"
#include "editor/outlineview.h"
#include "editor/projectindex.h"
#include "editor/sharedundostack.h"
#include "wordcount/texcounter.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QApplication>
#include <QPointer>
#include <QStackedWidget>
#include <QTextBlock>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QUrl>

namespace coauthor::app {

MainWindow::MainWindow(const QString &compileCacheRoot, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(AppSettings::load())
    , m_actions(new AppActions(this))
    , m_index(new editor::ProjectIndex(this))
    , m_indexer(new ProjectIndexer(m_index, this))
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/coauthor.svg")));
    buildLayout();
    m_collab = new CollabFeature(m_tabs, this);
    m_unsaved = new UnsavedJournal(m_tabs, this);
    m_spell = new SpellFeature(m_tabs, this);
    m_docks = new WindowDocks(this);
    m_tree = m_docks->tree();
    m_outline = m_docks->outline();
    m_actions->buildMenus(menuBar());
    QToolBar *toolBar = m_actions->addToolBar(this);
    m_status = new AppStatusBar(this);
    setStatusBar(m_status);
    const AppActions *a = m_actions;
    m_compileFeature = new CompileFeature(compileCacheRoot, this,
                                          {a->compile, a->fullRebuild, a->stop, a->autoCompile, a->showLog,
                                           a->pdflatex, a->xelatex, a->lualatex, a->defaultEngine, a->uplatex,
                                           a->fullShellEscape, a->exportPdf, a->keepPdfCopy, a->compileOnServer,
                                           a->fetchServerPdf},
                                          &m_settings);
    m_compile = m_compileFeature->controller();
    m_projectSettings = new ProjectSettingsWatcher(this);
    m_compileFeature->setProjectSettings(m_projectSettings);
    m_selectionWords = new QTimer(this);
    m_selectionWords->setSingleShot(true);
    m_selectionWords->setInterval(120);
    m_problems = m_compileFeature->problemsPanel();
    m_actions->docksMenu->addAction(m_docks->treeDock()->toggleViewAction());
    m_actions->docksMenu->addAction(m_docks->outlineDock()->toggleViewAction());
    m_actions->docksMenu->addAction(m_compileFeature->problemsDock()->toggleViewAction());
    installCollaboration();
    m_search = new SearchFeature(m_tabs, this, a->findInFiles);
    // Both list places in files: one bottom panel with two tabs, not two halves too narrow to read.
    tabifyDockWidget(m_compileFeature->problemsDock(), m_search->dock());
    m_actions->docksMenu->addAction(m_search->dock()->toggleViewAction());
    installHistory();
    m_docks->addFeatureDocks({m_compileFeature->problemsDock(), m_collab->dock(), m_search->dock(), m_history->dock()});
    m_actions->docksMenu->addAction(toolBar->toggleViewAction());

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
                                                          m_compile, m_compileFeature, m_welcome, m_collab, m_search,
                                                          m_history})
        part->disconnect(this);
    // The history's last batch asks the collaboration part whether the project is shared:
    // written now, not from the history's destructor after that part is gone.
    m_history->shutdown();
    // The session unbinds the tabs: before they go. The hosted server stops with the app.
    m_collab->shutdown();
    m_tabs->disconnect();
}

void MainWindow::buildLayout()
{
    m_editors = new EditorPane(this);
    m_tabs = m_editors->tabs();
    m_tabs->setProjectIndex(m_index);
    m_pdfPane = new PdfPane(this);
    m_pdf = m_pdfPane->view();

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("editorPdfSplitter"));
    m_splitter->addWidget(m_editors);
    m_splitter->addWidget(m_pdfPane);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    m_welcome = new WelcomePage(this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_splitter);
    setCentralWidget(m_stack);
}

void MainWindow::installCollaboration()
{
    CollabFeature::Placement place;
    place.window = this;
    place.dockBelow = m_docks->outlineDock();
    place.docksMenu = m_actions->docksMenu;
    place.statusBar = m_status;
    place.statusIndex = AppStatusBar::featureWidgetIndex;
    place.fileMenu = m_actions->fileMenu;
    place.fileMenuBefore = m_actions->fileFeaturesEnd;
    place.closeProject = [this] { return closeProject(); };
    place.openProject = [this](const QString &folder) { return openProject(folder); };
    m_collab->install(place);
    connect(m_collab, &CollabFeature::fileRequested, this, [this](const QString &file) { openLocation(file, 0); });
    // Collaborators' edits to files without a tab: the outline and auto-compile follow them too.
    connect(m_collab, &CollabFeature::filesChanged, this, [this](const QStringList &files) {
        for (const QString &file : files) {
            m_indexer->fileChangedOnDisk(file);
            m_spell->projectFileChanged(file);
        }
        m_compile->noteEdit();
    });
}

void MainWindow::installHistory()
{
    HistoryFeature::Placement place;
    place.window = this;
    place.showHistory = m_actions->history;
    place.authorName = [] { return ShareDialog::defaultUserName(); };
    place.isShared = [this] { return m_collab->isSharing(); };
    place.sharedClient = [this] { return m_collab->session() ? m_collab->session()->client() : nullptr; };
    // A restore changes files as the tree does, so everything that follows the tree follows it.
    place.tree.createFile = [this](const QString &path) { return m_tree->createFile(path); };
    place.tree.renamePath = [this](const QString &from, const QString &to) { return m_tree->renamePath(from, to); };
    place.tree.removePath = [this](const QString &path) { return m_tree->removePath(path); };
    place.tree.filesAdded = [this](const QStringList &paths) { Q_EMIT m_tree->pathsAdded(paths); };
    m_history = new HistoryFeature(m_tabs, place);
    // The same bottom area as Problems and Find in Files, as one more tab.
    tabifyDockWidget(m_search->dock(), m_history->dock());
    m_actions->docksMenu->addAction(m_history->dock()->toggleViewAction());
    connect(m_history, &HistoryFeature::message, this, [this](const QString &text) { m_status->showMessage(text, 10000); });
}

CollaborationSession *MainWindow::collaboration() const
{
    return m_collab->session();
}

ServerHost *MainWindow::serverHost() const
{
    return m_collab->serverHost();
}

CollaboratorsPanel *MainWindow::collaboratorsPanel() const
{
    return m_collab->collaboratorsPanel();
}

void MainWindow::connectActions()
{
    AppActions *a = m_actions;
    connect(a->newFile, &QAction::triggered, m_tree, [this] { m_tree->newFileInteractive(); });
    connect(a->newFolder, &QAction::triggered, m_tree, [this] { m_tree->newFolderInteractive(); });
    connect(a->newProject, &QAction::triggered, this, &MainWindow::newProjectDialog);
    connect(a->addFiles, &QAction::triggered, m_tree, [this] { m_tree->addFilesInteractive(); });
    connect(a->openProject, &QAction::triggered, this, &MainWindow::openProjectDialog);
    connect(a, &AppActions::recentProjectChosen, this, &MainWindow::openProject);
    connect(a->closeProject, &QAction::triggered, this, &MainWindow::closeProject);
    connect(a->save, &QAction::triggered, m_tabs, &EditorTabs::saveCurrent);
    connect(a->saveAll, &QAction::triggered, m_tabs, &EditorTabs::saveAll);
    connect(a->closeTab, &QAction::triggered, m_tabs, [this] {
        if (m_tabs->currentIndex() >= 0)
            m_tabs->closeTab(m_tabs->currentIndex());
    });
    connect(a->quit, &QAction::triggered, this, &QWidget::close);

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
    connect(a->find, &QAction::triggered, m_editors, &EditorPane::showFind);
    connect(a->replace, &QAction::triggered, m_editors, &EditorPane::showReplace);
    connect(a->goToLine, &QAction::triggered, m_tabs, &EditorTabs::goToLineInteractive);

    connect(a->openPdfExternally, &QAction::triggered, m_pdfPane, &PdfPane::openExternally);

    connect(a->zoomIn, &QAction::triggered, this, [this] { zoomFocusedPane(+1); });
    connect(a->zoomOut, &QAction::triggered, this, [this] { zoomFocusedPane(-1); });
    connect(a->fitWidth, &QAction::triggered, m_pdf, [this] { m_pdf->setZoomMode(PdfView::ZoomMode::FitWidth); });
    connect(a->fitPage, &QAction::triggered, m_pdf, [this] { m_pdf->setZoomMode(PdfView::ZoomMode::FitPage); });
    connect(a->showInPdf, &QAction::triggered, this, &MainWindow::showCurrentLineInPdf);
    connect(a->findInPdf, &QAction::triggered, m_pdfPane, &PdfPane::focusFind);
    connect(a->preferences, &QAction::triggered, this, [this] {
        PreferencesDialog::edit(m_settings, this, [this](const AppSettings &chosen) { applySettings(chosen); });
    });
    connect(a->shortcuts, &QAction::triggered, this, [this] {
        auto *dialog = new ShortcutsDialog(this, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    connect(a->about, &QAction::triggered, this, [this] { AboutDialog::show(this); });
    connect(a->wordCount, &QAction::triggered, this, &MainWindow::showWordCount);
}

void MainWindow::connectParts()
{
    connect(m_welcome, &WelcomePage::newProjectRequested, this, &MainWindow::newProjectDialog);
    connect(m_welcome, &WelcomePage::openFolderRequested, this, &MainWindow::openProjectDialog);
    connect(m_welcome, &WelcomePage::openSharedRequested, m_collab, &CollabFeature::openSharedProjectDialog);
    connect(m_welcome, &WelcomePage::openProjectRequested, this, &MainWindow::openProject);

    connect(m_tree, &ProjectTree::fileActivated, this, [this](const QString &file) { openLocation(file, 0); });
    connect(m_tree, &ProjectTree::fileCreated, this, [this](const QString &file) {
        m_indexer->fileChangedOnDisk(file);
        m_collab->localFileCreated(file);
        m_history->fileCreated(file);
        openLocation(file, 0);
    });
    connect(m_tree, &ProjectTree::pathRenamed, this, [this](const QString &from, const QString &to) {
        m_tabs->pathRenamed(from, to);
        m_indexer->pathRenamed(from, to);
        m_collab->localPathRenamed(from, to);
        m_history->pathRenamed(from, to);
        if (from == m_compileFeature->projectRootDocument())
            setRootDocument(to);
    });
    connect(m_tree, &ProjectTree::pathRemoved, this, [this](const QString &path) {
        m_tabs->pathRemoved(path);
        m_indexer->pathRemoved(path);
        m_collab->localPathRemoved(path);
        m_history->pathRemoved(path);
    });
    connect(m_tree, &ProjectTree::setAsRootRequested, this, &MainWindow::setRootDocument);
    // Add Files…, a drop from outside, New Folder: copied in already; shared when the project is.
    connect(m_tree, &ProjectTree::pathsAdded, this, [this](const QStringList &paths) {
        for (const QString &path : paths) {
            m_indexer->fileChangedOnDisk(path);
            m_collab->localFileCreated(path);
            m_history->fileCreated(path);
        }
    });

    connect(m_tabs, &EditorTabs::bufferEdited, this, [this](const QString &file) {
        m_indexer->bufferChanged(file, m_tabs->editorFor(file));
        m_compile->noteEdit();
    });
    connect(m_tabs, &EditorTabs::fileReloaded, m_indexer, &ProjectIndexer::fileChangedOnDisk);
    connect(m_tabs, &EditorTabs::fileSaved, this, [this](const QString &file) {
        updateWindowTitle();
        m_compileFeature->fileSaved(file);
    });
    connect(m_tabs, &EditorTabs::message, this, [this](const QString &text) { m_status->showMessage(text, 8000); });
    connect(m_search, &SearchFeature::message, this, [this](const QString &text) { m_status->showMessage(text, 8000); });
    connect(m_tabs, &EditorTabs::cursorMoved, m_status, &AppStatusBar::setCursorPosition);
    connect(m_tabs, &EditorTabs::currentFileChanged, this, [this](const QString &file) {
        if (!m_tabs->currentEditor())
            m_status->clearCursorPosition();
        if (!file.isEmpty())
            m_tree->selectPath(file);
        updateWindowTitle();
        m_actions->setEditing(m_tabs->currentEditor() != nullptr, m_tabs->count() > 0);
        m_compileFeature->setCurrentFile(file); // its %!TEX root, if any, names what compiles
        m_selectionWords->start();
    });
    // A shared doc's live text is what compiles, written to disk or not yet.
    m_compile->setBufferProvider([this] { return currentBuffers(); });
    connect(m_tabs, &EditorTabs::editorOpened, this, [this](const QString &, editor::LatexEditor *e) {
        connect(e, &QPlainTextEdit::selectionChanged, m_selectionWords, qOverload<>(&QTimer::start));
    });
    connect(m_selectionWords, &QTimer::timeout, this, &MainWindow::updateSelectionWords);
    connect(m_compileFeature, &CompileFeature::rootDocumentChanged, this, [this] {
        updateOutline();
        updateMainDocumentMark();
    });
    // A collaborator's change to .coauthor-project.json arrives as a file the mirror writes.
    connect(m_projectSettings, &ProjectSettingsWatcher::changed, this, [this](const ProjectSettings &settings) {
        updateMainDocumentMark();
        m_spell->setProjectLanguage(settings.spellLanguage());
        if (!settings.problems().isEmpty())
            m_status->showMessage(settings.problems().join(u' '), 10000);
    });


    connect(m_index, &editor::ProjectIndex::changed, this, &MainWindow::updateOutline);
    connect(m_outline, &editor::OutlineView::entryActivated, this,
            [this](const QString &file, int line) { openLocation(file, line); });
    connect(m_problems, &ProblemsPanel::problemActivated, this,
            [this](const QString &file, int line) { openLocation(file, line); });
    connect(m_compileFeature, &CompileFeature::compiled, this, &MainWindow::showCompileOutcome);
    // On reopen the last build's PDF is there at once; the first compile replaces it.
    connect(m_compileFeature, &CompileFeature::lastSessionPdfFound, m_pdfPane, &PdfPane::showPreview);
    m_compileFeature->setSharedClient([this]() -> sync::SyncClient * {
        const CollaborationSession *session = m_collab->session();
        return session && session->isActive() ? session->client() : nullptr;
    });
    m_compileFeature->setSharedCheck([this] {
        return m_collab->isSharing() || (m_project.isValid() && ShareLink::load(m_project.rootPath()).has_value());
    });
    connect(m_pdf, &PdfView::inverseSearchRequested, this, &MainWindow::showPdfPointInSource);
    connect(m_pdfPane, &PdfPane::message, m_status, &AppStatusBar::showMessage);
    connect(m_spell, &SpellFeature::message, this, [this](const QString &text) { m_status->showMessage(text, 15000); });
    // "Add to Dictionary" created .coauthor-dictionary: a new project file like the tree's.
    connect(m_spell, &SpellFeature::projectFileCreated, this, [this](const QString &file) {
        m_indexer->fileChangedOnDisk(file);
        m_collab->localFileCreated(file);
        m_history->fileCreated(file);
    });
}

void MainWindow::applySettings(const AppSettings &settings)
{
    m_settings = settings;
    m_tabs->setEditorFont(settings.editorFont);
    m_tabs->setSoftWrap(settings.softWrap);
    m_tabs->setConveniences(
        {settings.endEnvironments, settings.closeBrackets, settings.closeMath, settings.citationDetails});
    m_compileFeature->applySettings(settings);
    m_spell->applySettings(settings.spellCheck, settings.spellLanguage);
}

void MainWindow::zoomFocusedPane(int steps)
{
    // The editors' font when an editor (or its find bar) has the focus; the
    // PDF otherwise, as before (tool bar buttons do not take the focus).
    const QWidget *focus = QApplication::focusWidget();
    if (!focus || !m_editors->isAncestorOf(focus)) {
        for (int i = 0; i < std::abs(steps); ++i)
            steps > 0 ? m_pdf->zoomIn() : m_pdf->zoomOut();
        return;
    }
    AppSettings chosen = m_settings;
    const int size = chosen.editorFont.pointSize() > 0 ? chosen.editorFont.pointSize() : 11;
    chosen.editorFont.setPointSize(std::clamp(size + steps, 6, 48));
    chosen.save(); // the Preferences' font size, kept for the next start
    applySettings(chosen);
    m_status->showMessage(tr("Editor font: %1 pt").arg(chosen.editorFont.pointSize()), 3000);
}

void MainWindow::setRootDocument(const QString &relativePath)
{
    if (!m_project.isValid())
        return;
    QString error;
    if (!m_compileFeature->setRootDocument(relativePath, &error)) {
        m_status->showMessage(error, 10000);
        return;
    }
    // A new settings file is a new project file: a shared project uploads it (an existing one's
    // change reaches the server as an edit on disk, like any file's).
    m_collab->localFileCreated(ProjectSettings::fileName());
    updateOutline();
    updateMainDocumentMark();
    m_status->showMessage(tr("Main document: %1 (saved in %2 for everyone in the project)")
                              .arg(relativePath, ProjectSettings::fileName()),
                          6000);
    m_compile->compile();
}

QHash<QString, QByteArray> MainWindow::currentBuffers() const
{
    QHash<QString, QByteArray> buffers = m_tabs->unsavedBuffers();
    buffers.insert(m_collab->compileBuffers()); // a shared doc's live text wins over its tab's
    return buffers;
}

void MainWindow::updateMainDocumentMark()
{
    m_tree->setMainDocument(m_project.isValid() ? m_compileFeature->projectRootDocument() : QString());
}

void MainWindow::updateSelectionWords()
{
    const int generation = ++m_selectionGeneration; // a count that arrives late is dropped
    auto *e = m_tabs->currentEditor();
    if (!e || !e->textCursor().hasSelection()) {
        m_status->setSelectionWords(-1);
        return;
    }
    QString text = e->textCursor().selectedText();
    text.replace(QChar::ParagraphSeparator, u'\n');
    // About 2 MB/s: a paragraph is counted at once, a whole thesis (Select All) off the UI thread.
    constexpr qsizetype countNowChars = 20000;
    if (text.size() <= countNowChars) {
        m_status->setSelectionWords(wordcount::TexCounter::countText(text).words());
        return;
    }
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([self, text = std::move(text), generation] {
        const int words = wordcount::TexCounter::countText(text).words();
        QMetaObject::invokeMethod(
            qApp,
            [self, words, generation] {
                if (self && self->m_selectionGeneration == generation)
                    self->m_status->setSelectionWords(words);
            },
            Qt::QueuedConnection);
    });
}

WordCountDialog *MainWindow::showWordCount()
{
    if (!m_project.isValid())
        return nullptr;
    const QString root = m_compile->rootDocument();
    if (root.isEmpty()) {
        m_status->showMessage(tr("No main document to count: choose one with Set as Main Document."), 8000);
        return nullptr;
    }
    QHash<QString, QString> texts;
    const QHash<QString, QByteArray> buffers = currentBuffers();
    for (auto it = buffers.cbegin(); it != buffers.cend(); ++it)
        texts.insert(it.key(), decodeText(it.value()).text);
    if (!m_wordCount)
        m_wordCount = new WordCountDialog(this);
    m_wordCount->setCount(root, WordCountDialog::count(m_project.rootPath(), root, texts));
    m_wordCount->show();
    m_wordCount->raise();
    return m_wordCount;
}

bool MainWindow::isShowingWelcome() const
{
    return m_stack->currentWidget() == m_welcome;
}

void MainWindow::showWelcome()
{
    m_welcome->setRecentProjects(SessionStore::recentProjects());
    if (m_stack->currentWidget() != m_welcome) {
        m_stack->setCurrentWidget(m_welcome);
    }
    m_docks->hideForStartPage();
    m_actions->setProjectOpen(false);
    m_actions->updateRecentMenu();
    updateWindowTitle();
    m_actions->setEditing(m_tabs->currentEditor() != nullptr, m_tabs->count() > 0);
}

void MainWindow::showWorkspace()
{
    m_stack->setCurrentWidget(m_splitter);
    m_docks->showForWorkspace();
    m_actions->setProjectOpen(true);
}

bool MainWindow::openProject(const QString &path)
{
    const Project project(path);
    if (!project.isValid()) {
        QMessageBox::warning(this, tr("Open Project"), tr("“%1” is not a folder.").arg(path));
        SessionStore::removeRecentProject(path);
        m_actions->updateRecentMenu();
        return false;
    }
    if (m_project.isValid()) {
        if (!m_tabs->maySaveAll())
            return false;
        saveSession();
        m_unsaved->clear();
    }
    m_project = project;
    m_tabs->setProjectRoot(project.rootPath());
    m_spell->setProjectRoot(project.rootPath());
    m_tree->setRootPath(project.rootPath());
    m_indexer->indexProject(project);
    m_pdf->closeDocument();
    m_projectSettings->setProjectRoot(project.rootPath());
    m_spell->setProjectLanguage(m_projectSettings->settings().spellLanguage()); // after the spell's setProjectRoot
    const QString root = m_compileFeature->setProject(project);
    m_search->setProject(project);
    updateMainDocumentMark();
    SessionStore::noteProjectOpened(project.rootPath());

    showWorkspace();
    m_collab->projectOpened(project);
    m_history->setProject(project); // unshared: its local history records from here, the session's tabs too
    m_tabs->restoreSession(SessionStore::projectSession(project.projectId()));
    if (m_tabs->count() == 0 && !root.isEmpty())
        openLocation(root, 0);
    const QString recovered = recoverUnsavedChanges();
    updateOutline();
    m_actions->updateRecentMenu();
    updateWindowTitle();
    if (root.isEmpty())
        m_status->showMessage(tr("No root document found: add a .tex file with \\documentclass."), 10000);
    else
        m_compile->compile();
    if (!recovered.isEmpty())
        m_status->showMessage(recovered); // until the next message: it matters more than most
    return true;
}

QString MainWindow::recoverUnsavedChanges()
{
    // A shared project's edits are in its sync journal; only unshared ones need this.
    if (m_collab->isSharing())
        return {};
    auto opened = m_unsaved->open(m_project.rootPath());
    if (!opened)
        return tr("Unsaved changes in this window are not kept for a crash: %1").arg(opened.error());
    const QStringList restored = opened.value();
    if (restored.isEmpty())
        return {};
    if (auto *e = m_tabs->editorFor(restored.first()))
        m_tabs->setCurrentWidget(e);
    return tr("Coauthor did not close properly last time: the unsaved changes to %n file(s) are back (%1), "
              "not yet saved.", nullptr, int(restored.size()))
        .arg(restored.join(QStringLiteral(", ")));
}

bool MainWindow::closeProject()
{
    if (!m_project.isValid())
        return true;
    if (!m_tabs->maySaveAll())
        return false;
    saveSession();
    m_unsaved->clear(); // saved or discarded: nothing to recover
    m_history->setProject(Project());
    m_collab->projectClosed();
    m_compile->stop();
    m_compileFeature->setProject(Project());
    m_search->setProject(Project());
    m_projectSettings->setProjectRoot(QString());
    m_tree->setMainDocument(QString());
    m_tabs->setProjectRoot(QString());
    m_spell->setProjectRoot(QString());
    m_tree->setRootPath(QString());
    m_indexer->indexProject(Project());
    m_outline->setEntries({});
    m_pdf->closeDocument();
    m_project = Project();
    SessionStore::noteProjectClosed();
    showWelcome();
    return true;
}

void MainWindow::saveSession() const
{
    SessionStore::saveWindowGeometry(saveGeometry());
    // On the start page the panels are hidden for now, not by the user's choice.
    if (!m_project.isValid())
        return;
    SessionStore::saveWindowLayout(saveState(), m_splitter->saveState());
    SessionStore::saveProjectSession(m_project.projectId(), m_tabs->session());
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
    if (!m_collab->mayQuit()) {
        event->ignore();
        return;
    }
    saveSession();
    m_unsaved->clear(); // saved or discarded: nothing to recover
    m_compile->stop();
    m_history->setProject(Project()); // what was typed last is written before the app goes
    m_collab->shutdown();
    event->accept();
}

void MainWindow::openLocation(const QString &relativePath, int line, int column)
{
    if (!m_project.isValid() || relativePath.isEmpty())
        return;
    if (relativePath.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        // A figure or an old output: in the PDF view, until the next compile shows the document again.
        m_pdfPane->showPreview(m_project.absolutePath(relativePath));
        m_status->showMessage(tr("Showing %1; the next compile shows the document again.").arg(relativePath), 8000);
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
    const QString lineText = e->document()->findBlockByNumber(e->currentLine() - 1).text();
    const auto location = synctex.forward(m_tabs->currentFile(), e->currentLine(), e->currentColumn(), lineText,
                                          [this](int page) { return pageWords(page); });
    if (!location) {
        m_status->showMessage(synctex.isValid() ? tr("This line is not in the PDF.")
                                                  : tr("No SyncTeX data yet: compile the project first."),
                              5000);
        return false;
    }
    // The caret's word when the PDF shows it, else the whole line.
    m_pdf->showLocation(location->page, location->word.isNull() ? location->rects : QList<QRectF>{location->word});
    return true;
}

QList<compile::PageWord> MainWindow::pageWords(int page) const
{
    QList<compile::PageWord> words;
    for (const PdfWord &word : m_pdf->words(page))
        words.append({word.text, word.rect});
    return words;
}

bool MainWindow::showPdfPointInSource(int page, QPointF point)
{
    const auto source = m_compileFeature->syncTex().inverse(page, point, pageWords(page));
    if (!source) {
        m_status->showMessage(tr("No source line found for this place in the PDF."), 5000);
        return false;
    }
    openLocation(source->file, qMax(1, source->line), qMax(1, source->column));
    return true;
}

editor::FindReplaceBar *MainWindow::findBar() const
{
    return m_editors->findBar();
}

PdfToolBar *MainWindow::pdfToolBar() const
{
    return m_pdfPane->toolBar();
}

const SyncTexNavigator &MainWindow::syncTex() const
{
    return m_compileFeature->syncTex();
}

void MainWindow::showCompileOutcome(const CompileOutcome &outcome)
{
    m_pdfPane->showPreview(outcome.previewPdf);
    m_tabs->setDiagnostics(outcome.diagnostics);
}

void MainWindow::updateOutline()
{
    const QString root = m_compile->rootDocument();
    m_outline->setEntries(root.isEmpty() ? QList<editor::OutlineEntry>() : m_index->outline(root));
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

void MainWindow::newProjectDialog()
{
    NewProjectDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        openProject(dialog.createdFolder());
}

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open Project Folder"), m_project.rootPath());
    if (!path.isEmpty())
        openProject(path);
}

} // namespace coauthor::app
