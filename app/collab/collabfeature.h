// CollabFeature: writing together, as one feature the window hosts. It puts its
// own Collaborators dock, sync state and sharing actions into the window it is
// lent, and owns the share / open-shared / sharing-details flows; the window
// tells it which project is open and opens or closes projects when it asks.
#pragma once

#include "app/collab/sharelink.h"
#include "app/project/project.h"
#include "sync/common/result.h"

#include <QByteArray>
#include <QHash>
#include <QObject>

#include <functional>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QStatusBar;

namespace coauthor::editor {
class LatexEditor;
class SharedUndoStack;
} // namespace coauthor::editor

namespace coauthor::app {

class CollaborationSession;
class CollaboratorsPanel;
class EditorTabs;
class ServerHost;
class EncryptionMark;
class SyncStatusLabel;

class CollabFeature : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(CollabFeature)

public:
    using Result = sync::Result<void, QString>;

    // What the window lends the feature (it includes no header of the shell):
    // where its parts go, the window's actions it drives, and what it asks of the window.
    struct Placement
    {
        QMainWindow *window = nullptr;    // hosts the dock; parent of the dialogs
        QDockWidget *dockBelow = nullptr; // the Collaborators dock is split under this one
        QMenu *docksMenu = nullptr;       // gets the dock's toggle action
        QStatusBar *statusBar = nullptr;  // the sync state, and messages while a flow runs
        int statusIndex = 0;              // where the sync state goes among its permanent widgets
        QMenu *fileMenu = nullptr;        // gets the sharing actions, in front of fileMenuBefore
        QAction *fileMenuBefore = nullptr;
        // Closes the open project (asking about unsaved changes): false when the user cancelled.
        std::function<bool()> closeProject;
        // Opens a project folder: false when it could not.
        std::function<bool(const QString &folder)> openProject;
    };

    explicit CollabFeature(EditorTabs *tabs, QObject *parent = nullptr);
    ~CollabFeature() override;

    // Puts the dock, the status widget and the actions into placement's window and menus. Once.
    void install(const Placement &placement);

    // The window opened project: a working copy of a shared project reconnects
    // (and a project hosted here starts its server again).
    void projectOpened(const Project &project);
    // The window closed its project: the session stops.
    void projectClosed();
    // Quitting would lose edits that are neither on the server nor on disk: asks. False: stay.
    bool mayQuit();
    // The app goes: the session stops and the hosted server with it.
    void shutdown();

    // Uploads the open project to link's (empty) server project and makes its
    // folder the working copy, live from then on.
    Result shareProject(const ShareLink &link);
    // Joins a shared project into folder (new or empty, or already its working
    // copy), mirrors its files and opens it through the window. cancelled, when
    // given, is asked while it waits: true stops the join and undoes it.
    Result openSharedProject(const QString &folder, const ShareLink &link, const std::function<bool()> &cancelled = {});
    void shareProjectDialog();
    void openSharedProjectDialog();
    void shareInfoDialog();

    // What the window routes through the feature.
    editor::SharedUndoStack *undoStackFor(const editor::LatexEditor *editor) const;
    // Shared docs' live text as the bytes a compile must see, by project-relative path.
    QHash<QString, QByteArray> compileBuffers() const;
    void localFileCreated(const QString &relativePath);
    void localPathRenamed(const QString &from, const QString &to);
    void localPathRemoved(const QString &relativePath);

    // The open project is a working copy of a shared project (its edits are journaled by the session).
    bool isSharing() const;
    CollaborationSession *session() const { return m_session; }
    ServerHost *serverHost() const { return m_host; }
    CollaboratorsPanel *collaboratorsPanel() const { return m_people; }
    QDockWidget *dock() const { return m_dock; }
    QAction *shareProjectAction() const { return m_shareProject; }
    QAction *openSharedProjectAction() const { return m_openSharedProject; }
    QAction *shareInfoAction() const { return m_shareInfo; }
    QAction *workOfflineAction() const { return m_workOffline; }
    QString syncStatusText() const;
    // What a guest is told when the server it works with shut down.
    static QString hostLeftMessage();

Q_SIGNALS:
    // A collaborator's file was activated in the panel.
    void fileRequested(const QString &relativePath);
    // Docs without a tab changed in the working copy (see CollaborationSession::filesChanged).
    void filesChanged(const QStringList &relativePaths);

private:
    void startCollaboration(const QString &workingCopy);
    void updateSyncStatus();
    void updateCollaborators();
    void showMessage(const QString &text, int timeoutMs = 0);
    void clearMessage();

    EditorTabs *m_tabs;
    CollaborationSession *m_session = nullptr;
    ServerHost *m_host = nullptr;
    Placement m_place;
    Project m_project;
    CollaboratorsPanel *m_people = nullptr;
    QDockWidget *m_dock = nullptr;
    SyncStatusLabel *m_syncStatus = nullptr;
    EncryptionMark *m_encryptionMark = nullptr;
    QAction *m_shareProject = nullptr;
    QAction *m_openSharedProject = nullptr;
    QAction *m_shareInfo = nullptr;
    QAction *m_workOffline = nullptr;
    bool m_toldHostLeft = false; // hostLeftMessage() is shown for the current disconnection
};

} // namespace coauthor::app
