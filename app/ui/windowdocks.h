// WindowDocks: the window's panels: it builds the project tree and outline docks,
// and hides every dock (the features' too) while the start page shows, bringing
// back the ones that were open when a project opens.
#pragma once

#include <QList>
#include <QObject>

class QDockWidget;
class QMainWindow;

namespace coauthor::editor {
class OutlineView;
} // namespace coauthor::editor

namespace coauthor::app {

class ProjectTree;

class WindowDocks : public QObject
{
    Q_OBJECT
public:
    explicit WindowDocks(QMainWindow *window);

    ProjectTree *tree() const { return m_tree; }
    editor::OutlineView *outline() const { return m_outline; }
    QDockWidget *treeDock() const { return m_docks[0]; }
    QDockWidget *outlineDock() const { return m_docks[1]; }
    // The features' docks, hidden and shown with the window's own: problems, collaborators, then any
    // others (hidden at first).
    void addFeatureDocks(const QList<QDockWidget *> &docks);

    void hideForStartPage();
    void showForWorkspace();

private:
    ProjectTree *m_tree;
    editor::OutlineView *m_outline;
    QList<QDockWidget *> m_docks;
    // Which docks were visible before the welcome page hid them, to show them again with a project.
    QList<bool> m_visible{true, true, true, false};
};

} // namespace coauthor::app
