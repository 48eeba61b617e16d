// HistoryFeature: the project's history as it plugs into a window — the History
// dock (View → Panels, and its own action), the local history of an unshared
// project (LocalHistory, recorded by a HistoryRecorder), and what the dock's
// buttons do: show a change or compare two versions, restore a file, a folder or the
// project as new edits (ProjectRestorer), add a label, download a version as a zip, search.
// The view reads through one HistorySource: the local one, or a shared project's
// (SharedHistory, over the sync client's request API).
#pragma once

#include "app/history/projectrestorer.h"
#include "app/project/project.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QDockWidget;
class QMainWindow;
class QTimer;

namespace coauthor::sync {
class SyncClient;
}

namespace coauthor::app {

class EditorTabs;
class HistoryPanel;
class SharedHistory;
class HistoryRecorder;
class HistorySource;
class LocalHistory;

class HistoryFeature : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(HistoryFeature)

public:
    // What the window lends the feature (it includes no header of the shell).
    struct Placement
    {
        QMainWindow *window = nullptr; // hosts the dock; parent of the dialogs
        QAction *showHistory = nullptr; // View → History: shows the dock
        std::function<QString()> authorName; // the local user, whose edits these are
        // The open project is a working copy of a shared project (its history is the server's).
        std::function<bool()> isShared;
        // The shared project's client, whose request API reads that history (nullptr: none now).
        std::function<sync::SyncClient *()> sharedClient;
        ProjectRestorer::TreeOps tree;
    };

    HistoryFeature(EditorTabs *tabs, const Placement &placement);
    ~HistoryFeature() override;

    QDockWidget *dock() const { return m_dock; }
    HistoryPanel *panel() const { return m_panel; }
    LocalHistory *localHistory() const { return m_local; }
    HistoryRecorder *recorder() const { return m_recorder; }
    HistorySource *source() const { return m_source; }

    // The window opened a project (before it restores the project's tabs) or closed it.
    void setProject(const Project &project);
    // Records what is still pending and closes the local history. The window calls it
    // while the parts the recorder asks (is the project shared?) are still there;
    // the destructor does it again, then for nothing.
    void shutdown();

    // The tree's events, routed by the window as to the other features.
    void fileCreated(const QString &path);
    void pathRenamed(const QString &from, const QString &to);
    void pathRemoved(const QString &path);
    void fileChangedOnDisk(const QString &path);

    // What the dock's buttons do (public for tests; the dialogs' answers as arguments).
    void refresh();
    void restoreFile(const QString &path, qint64 version);
    // Every file under folder as at version, in one go and with one message; a folder that
    // had no files then (the change that deleted it is selected) is restored as at
    // versionBefore when that is >= 0. Files made in it since stay.
    void restoreFolder(const QString &folder, qint64 version, qint64 versionBefore = -1);
    void restoreProject(qint64 version);
    void addLabel(const QString &name, qint64 version);
    void downloadZip(qint64 version, const QString &file);
    void searchHistory(const QString &text);

Q_SIGNALS:
    // The list shows the newest changes (after refresh()).
    void refreshed();
    // The view shows what was asked (a change, a compare, a search answer).
    void versionShown();
    void restored(const QString &message);
    void labelAdded();
    void downloaded(const QString &file);
    void searched();
    // Something to tell the user in the status bar.
    void message(const QString &text);

private:
    void showDock();
    void onSelectionChanged();
    void showCurrentFile();
    void showDiff(const QString &path, qint64 fromVersion, qint64 toVersion);
    void loadMore();
    void askLabel();
    void askDownload();
    // The local history, or the server's once the project is shared (asked again when the dock shows).
    void chooseSource();
    void useSource(HistorySource *source);
    QString describeError(const sync::ServiceError &error) const;
    // Restores what loaded holds: deleted files through the source first, then ProjectRestorer.
    // folder: the restore is of that folder (the message names it instead of each file).
    void restoreLoaded(VersionLoader::Loaded loaded, bool wholeProject, const QString &folder = {});
    void finishRestore(const QString &text);

    EditorTabs *m_tabs;
    Placement m_place;
    QDockWidget *m_dock;
    HistoryPanel *m_panel;
    LocalHistory *m_local;
    HistoryRecorder *m_recorder;
    QPointer<HistorySource> m_source;
    SharedHistory *m_shared = nullptr;
    Project m_project;
    QTimer *m_refreshSoon; // new versions recorded: the list follows, at most once a second
    qint64 m_nextBefore = 0;
    int m_generation = 0; // the newest request for the view; older answers are dropped
};

} // namespace coauthor::app
