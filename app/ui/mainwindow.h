// MainWindow: assembles the desktop app from its parts (project tree, editor
// tabs, PDF preview, problems, outline, status bar, menus) and wires them to
// the compile loop and SyncTeX, and hosts the collaboration feature. The parts
// do the work; this class connects them.
#pragma once

#include "app/compile/synctexnavigator.h"
#include "app/project/appsettings.h"
#include "app/project/project.h"

#include <QMainWindow>

class QSplitter;
class QStackedWidget;
class QTimer;

namespace coauthor::editor {
class FindReplaceBar;
class OutlineView;
class ProjectIndex;
} // namespace coauthor::editor

namespace coauthor::app {

class AppActions;
class AppStatusBar;
class CollabFeature;
class CollaborationSession;
class CollaboratorsPanel;
class CompileController;
class CompileFeature;
class SearchFeature;
struct CompileOutcome;
class EditorPane;
class EditorTabs;
class HistoryFeature;
class PdfPane;
class PdfToolBar;
class PdfView;
class ProblemsPanel;
class ProjectIndexer;
class ProjectSettingsWatcher;
class ProjectTree;
class ServerHost;
class SpellFeature;
class SyncTexNavigator;
class UnsavedJournal;
class WelcomePage;
class WindowDocks;
class WordCountDialog;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // compileCacheRoot empty: the user's cache folder (tests pass a temporary one).
    explicit MainWindow(const QString &compileCacheRoot = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a project folder (asking about unsaved changes in the current one first),
    // restores its open files and compiles it. False when it is not a folder or the user cancelled.
    bool openProject(const QString &path);
    // Closes the project (after asking about unsaved changes) and shows the welcome page.
    bool closeProject();
    const Project &project() const { return m_project; }

    // Opens a project file at a 1-based line (0: keep the cursor) and focuses it.
    void openLocation(const QString &relativePath, int line, int column = 1);
    // SyncTeX: shows the current editor line in the PDF, highlighting the caret's word where
    // the PDF shows it; false when there is nothing to show.
    bool showCurrentLineInPdf();
    // SyncTeX: opens the source of a point in the PDF, the caret on the clicked word where it
    // is found in the line; false when SyncTeX knows none.
    bool showPdfPointInSource(int page, QPointF point);

    // Writing together: the feature that shares and joins projects, and its parts.
    CollabFeature *collabFeature() const { return m_collab; }
    CollaborationSession *collaboration() const;
    ServerHost *serverHost() const;
    CollaboratorsPanel *collaboratorsPanel() const;

    void applySettings(const AppSettings &settings);
    const AppSettings &settings() const { return m_settings; }
    void saveSession() const;

    // The parts, for tests and the app's own wiring.
    AppActions *actions() const { return m_actions; }
    EditorTabs *editorTabs() const { return m_tabs; }
    UnsavedJournal *unsavedJournal() const { return m_unsaved; }
    PdfView *pdfView() const { return m_pdf; }
    PdfToolBar *pdfToolBar() const;
    ProblemsPanel *problemsPanel() const { return m_problems; }
    ProjectTree *projectTree() const { return m_tree; }
    editor::OutlineView *outlineView() const { return m_outline; }
    editor::FindReplaceBar *findBar() const;
    editor::ProjectIndex *projectIndex() const { return m_index; }
    ProjectIndexer *projectIndexer() const { return m_indexer; }
    CompileController *compileController() const { return m_compile; }
    CompileFeature *compileFeature() const { return m_compileFeature; }
    SearchFeature *searchFeature() const { return m_search; }
    SpellFeature *spellFeature() const { return m_spell; }
    HistoryFeature *historyFeature() const { return m_history; }
    // The open project's shared settings (.coauthor-project.json), followed on disk.
    ProjectSettingsWatcher *projectSettings() const { return m_projectSettings; }
    // Tools → Word Count: the dialog, filled and shown (not modal); tests read it.
    WordCountDialog *showWordCount();
    AppStatusBar *appStatusBar() const { return m_status; }
    WelcomePage *welcomePage() const { return m_welcome; }
    bool isShowingWelcome() const;
    QSplitter *splitter() const { return m_splitter; }
    const SyncTexNavigator &syncTex() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QList<compile::PageWord> pageWords(int page) const; // the PDF view's words of page (1-based)
    void buildLayout();
    void connectActions();
    void connectParts();
    void installCollaboration();
    void installHistory();
    void restoreWindowState();
    void showWelcome();
    void showWorkspace();
    void updateWindowTitle();
    void updateOutline();
    // Routes a compile's outcome to the PDF view and the editors; the compile feature shows the rest.
    void showCompileOutcome(const CompileOutcome &outcome);
    void newProjectDialog();
    void openProjectDialog();
    void setRootDocument(const QString &relativePath);
    // The open files' text as a compile sees it (unsaved tabs, shared docs' live text).
    QHash<QString, QByteArray> currentBuffers() const;
    void updateMainDocumentMark();
    void updateSelectionWords();
    // Ctrl+Plus/Minus: the editor's font when an editor has the focus, else the PDF.
    void zoomFocusedPane(int steps);
    // Gives back the unsaved text a crashed run left in an unshared project; the sentence to show, or empty.
    QString recoverUnsavedChanges();

    AppSettings m_settings;
    Project m_project;
    AppActions *m_actions = nullptr;
    QStackedWidget *m_stack = nullptr;
    WelcomePage *m_welcome = nullptr;
    QSplitter *m_splitter = nullptr;
    EditorPane *m_editors = nullptr;
    EditorTabs *m_tabs = nullptr; // the pane's
    PdfPane *m_pdfPane = nullptr;
    PdfView *m_pdf = nullptr; // the pane's
    WindowDocks *m_docks = nullptr;
    ProjectTree *m_tree = nullptr;           // the docks'
    editor::OutlineView *m_outline = nullptr; // the docks'
    ProblemsPanel *m_problems = nullptr; // the compile feature's
    CollabFeature *m_collab = nullptr;
    UnsavedJournal *m_unsaved = nullptr; // unshared projects' unsaved text, for a crash
    AppStatusBar *m_status = nullptr;
    editor::ProjectIndex *m_index = nullptr;
    ProjectIndexer *m_indexer = nullptr;
    CompileFeature *m_compileFeature = nullptr;
    SearchFeature *m_search = nullptr;
    CompileController *m_compile = nullptr; // the feature's
    SpellFeature *m_spell = nullptr;
    HistoryFeature *m_history = nullptr;
    ProjectSettingsWatcher *m_projectSettings = nullptr;
    QTimer *m_selectionWords = nullptr; // counts the selection once it settles
    int m_selectionGeneration = 0;      // the selection counted last; older counts are dropped
    WordCountDialog *m_wordCount = nullptr;
};

} // namespace coauthor::app
