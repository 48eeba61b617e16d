// SearchFeature: Find in Files and Replace in Project as they plug into a window:
// the dock with its panel and the Edit menu's action. A search reads every text
// file of the project off the UI thread — the open editors' current text, not what
// is on disk, so unsaved and shared edits are found — and a replacement is made in
// each file's editor as one edit block: one undo step per file, and in a shared
// project ordinary edits that collaborators receive.
#pragma once

#include "app/project/project.h"
#include "app/search/textsearch.h"

#include <QFutureWatcher>
#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;

namespace coauthor::app {

class EditorTabs;
class FindInFilesPanel;

class SearchFeature : public QObject
{
    Q_OBJECT
public:
    // Adds the dock (hidden, bottom area) to window; findInFiles shows it with the
    // editor's selection as the query.
    SearchFeature(EditorTabs *tabs, QMainWindow *window, QAction *findInFiles);
    ~SearchFeature() override;

    QDockWidget *dock() const { return m_dock; }
    FindInFilesPanel *panel() const { return m_panel; }

    // Another project (or none): results are cleared.
    void setProject(const Project &project);

    // Starts a search with the panel's query; finished() when the results are shown.
    void search();
    // Replaces the panel's selected matches, or all of them, with its replacement text.
    // Returns how many were replaced.
    int replaceSelected();
    int replaceAll();

Q_SIGNALS:
    void finished();
    void message(const QString &text);

private:
    struct Result
    {
        QList<SearchMatch> matches;
        int fileCount = 0;
        bool truncated = false;
    };
    void showDock();
    void onSearchDone();
    int replace(const QList<SearchMatch> &matches);
    void openMatch(const SearchMatch &match);

    EditorTabs *m_tabs;
    QDockWidget *m_dock;
    FindInFilesPanel *m_panel;
    Project m_project;
    QFutureWatcher<Result> m_watcher;
    bool m_searchAgain = false; // the query changed while a search ran
};

} // namespace coauthor::app
