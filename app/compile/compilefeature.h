// CompileFeature: the compile feature as it plugs into a window: it owns the
// CompileController and the SyncTeX of its builds, installs the problems dock and
// the compile status label, wires the Build actions it is given and shows each
// outcome in its own widgets.
#pragma once

#include "app/compile/compileoutcome.h"
#include "app/compile/synctexnavigator.h"

#include <QObject>

#include <functional>

class QAction;
class QDockWidget;
class QMainWindow;

namespace coauthor::sync {
class SyncClient;
}

namespace coauthor::app {

struct AppSettings;
class CompileController;
class CompileStatusLabel;
class ProblemsPanel;
class Project;
class ProjectSettings;
class ProjectSettingsWatcher;
class ServerCompile;

class CompileFeature : public QObject
{
    Q_OBJECT
public:
    // The window's Build actions this feature answers; the window owns and places them.
    struct Actions
    {
        QAction *compile = nullptr;
        QAction *fullRebuild = nullptr;
        QAction *stop = nullptr;
        QAction *autoCompile = nullptr;
        QAction *showLog = nullptr;
        QAction *pdflatex = nullptr;
        QAction *xelatex = nullptr;
        QAction *lualatex = nullptr;
        QAction *defaultEngine = nullptr; // the project follows Preferences' engine; optional
        QAction *uplatex = nullptr;
        QAction *fullShellEscape = nullptr; // checkable; asks before it turns on
        QAction *exportPdf = nullptr;       // File → Export PDF…; optional
        QAction *keepPdfCopy = nullptr;     // checkable; the PDF next to the main document; optional
        QAction *compileOnServer = nullptr; // a shared project on the server's workers; optional
        QAction *fetchServerPdf = nullptr;  // the project's latest server PDF; optional
    };

    // Adds the problems dock to window and the status label in front of its status bar
    // (set the window's status bar first). settings: the window's, changed and saved here
    // when the engine or auto-compile is chosen. cacheRoot empty: the user's cache folder.
    CompileFeature(const QString &cacheRoot, QMainWindow *window, const Actions &actions, AppSettings *settings);

    CompileController *controller() const { return m_controller; }
    ProblemsPanel *problemsPanel() const { return m_problems; }
    QDockWidget *problemsDock() const { return m_dock; }
    CompileStatusLabel *statusLabel() const { return m_status; }
    // SyncTeX of the last build shown.
    const SyncTexNavigator &syncTex() const { return m_synctex; }

    void applySettings(const AppSettings &settings);
    // The open project's shared settings (root, engine): read from here, written through
    // it by "Set as Main Document" and the Engine menu, followed when they change on disk
    // (a collaborator's change arrives that way). Set once, before setProject.
    void setProjectSettings(ProjectSettingsWatcher *settings);
    // Another project, or none (an invalid one): the last compile's problems and SyncTeX are
    // forgotten. Returns the root document it compiles (app::findRootDocument: the project's
    // setting, the user's earlier choice, the guess), empty when there is none.
    QString setProject(const Project &project);
    // "Set as Main Document": the project's setting (.coauthor-project.json), shared with the
    // project. False (and *error) when the file could not be written.
    bool setRootDocument(const QString &relativePath, QString *error = nullptr);
    // The file in front: its %!TEX root comment, when it has one, picks the document to compile.
    void setCurrentFile(const QString &relativePath);
    // A file was saved: a %!TEX program in the root document may have changed.
    void fileSaved(const QString &relativePath);
    // The project's main document as chosen or found, whatever file is in front.
    QString projectRootDocument() const { return m_projectRoot; }
    // The engine the project compiles with: %!TEX program of the root, else the project's
    // setting, else Preferences' engine; and where it came from.
    enum class EngineSource { Preferences, Project, MagicComment };
    QString effectiveEngine(EngineSource *source = nullptr) const;

    // Whether the open project is shared (its edits come from collaborators too); the
    // shell-escape warning says so. Set by the window, which knows the collaboration feature.
    void setSharedCheck(std::function<bool()> isShared) { m_isShared = std::move(isShared); }
    // Where the open shared project's client is (nullptr when it is not shared): Compile on
    // Server uses it, and so does Compile when this computer has no TeX (ServerCompile).
    void setSharedClient(std::function<sync::SyncClient *()> client);
    ServerCompile *serverCompile() const { return m_server; }

    // Asked before full shell escape is turned on; true allows it. Default: the warning
    // dialog (tests replace it).
    void setShellEscapeConfirmation(std::function<bool(bool shared)> confirm) { m_confirm = std::move(confirm); }
    // The warning text, naming the risk (shared: collaborators' edits are included).
    static QString shellEscapeWarning(bool shared);
    // Copies the last compiled PDF to target (replacing a file there). False with *error
    // when there is none yet or it cannot be written.
    bool exportPdf(const QString &target, QString *error = nullptr) const;
    // Asks where (proposing the main document's name next to it) and exports.
    void exportPdfInteractive();
    // The last session's PDF of the open project, shown until a compile makes a new one; empty when none.
    QString lastSessionPdf() const { return m_lastSessionPdf; }

Q_SIGNALS:
    // The document to compile changed (another root chosen, found or named by a comment).
    void rootDocumentChanged(const QString &relativePath);

    // A compile ended and was not stopped; emitted before this feature fills its own
    // widgets, so the window can hand the PDF to its view first and the pages render meanwhile.
    void compiled(const coauthor::app::CompileOutcome &outcome);
    // A project opened and its last build's PDF (from an earlier session) is there to show
    // at once, before its first compile ends. Emitted by setProject().
    void lastSessionPdfFound(const QString &pdfPath);

private:
    void connectActions();
    void setEngine(const QString &name);
    void onProjectSettingsChanged();
    void updateRoot();
    void updateEngine();
    void onStarted();
    void onFinished(const CompileOutcome &outcome);
    void showOutcome(const CompileOutcome &outcome, bool onServer = false);
    void onFullShellEscapeToggled(bool on);
    void onKeepPdfCopyToggled(bool on);
    // After a successful compile, or when the option is turned on: the copy next to the main document.
    void writePdfCopy();
    bool confirmFullShellEscape(bool shared) const;
    // Compile, asked for or automatic: to the server when the project is shared and this
    // computer lacks the TeX to compile it. True when it went there.
    bool redirectToServer();
    void compileOnServer();
    void fetchServerPdf();
    void onServerFinished(const CompileOutcome &outcome);

    Actions m_actions;
    AppSettings *m_settings;
    ProjectSettingsWatcher *m_projectSettings = nullptr;
    QString m_projectRoot; // the setting or the guess
    QString m_currentFile;
    CompileController *m_controller;
    ProblemsPanel *m_problems;
    QDockWidget *m_dock;
    CompileStatusLabel *m_status;
    SyncTexNavigator m_synctex;
    ServerCompile *m_server;
    std::function<bool()> m_isShared;
    std::function<bool(bool)> m_confirm;
    QString m_lastSessionPdf;
    bool m_lastSucceeded = false; // the last compile of this project made a PDF without errors
};

} // namespace coauthor::app
