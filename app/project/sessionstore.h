// SessionStore: what the app remembers between runs (last and recent projects,
// the window's geometry and layout, and per project: open files with cursor
// positions and the current tab), in QSettings.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace coauthor::app {

class SessionStore
{
public:
    struct OpenFile
    {
        QString path; // project-relative
        int line = 1;
        int column = 1;
    };
    struct ProjectSession
    {
        QList<OpenFile> openFiles;
        QString currentFile;
    };

    // The window as QMainWindow::saveGeometry/saveState and QSplitter::saveState give it; empty when never saved.
    struct WindowLayout
    {
        QByteArray geometry;
        QByteArray state;    // docks and tool bars
        QByteArray splitter; // editor | PDF
    };

    static QString lastProject();
    static QStringList recentProjects(); // most recent first, only folders that still exist
    // Makes path the last project and moves it to the top of the recent list.
    static void noteProjectOpened(const QString &path);
    // No project is open any more: the next start shows the welcome page.
    static void noteProjectClosed();
    static void removeRecentProject(const QString &path);
    static void clearRecentProjects();

    static WindowLayout windowLayout();
    static void saveWindowGeometry(const QByteArray &geometry);
    // Only with a project open: on the welcome page the docks are hidden for now, not by the user.
    static void saveWindowLayout(const QByteArray &state, const QByteArray &splitter);

    static ProjectSession projectSession(const QString &projectId);
    static void saveProjectSession(const QString &projectId, const ProjectSession &session);

    // The root document chosen by the user for a project; empty: automatic.
    static QString rootDocument(const QString &projectId);
    static void setRootDocument(const QString &projectId, const QString &relativePath);

    // "Work Offline" chosen for a project (a shared working copy), kept until turned off.
    static bool workOffline(const QString &projectId);
    static void setWorkOffline(const QString &projectId, bool offline);

    static constexpr int maxRecentProjects = 10;
};

} // namespace coauthor::app
