// AppActions: the main window's own commands as QActions with their text,
// icon and shortcut, and the menus and tool bar built from them. The window
// connects them to what they do; features add their own actions to the menus.
#pragma once

#include <QObject>

class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;
class QMenuBar;
class QToolBar;

namespace coauthor::app {

class AppActions : public QObject
{
    Q_OBJECT
public:
    explicit AppActions(QObject *parent = nullptr);

    void buildMenus(QMenuBar *bar);
    // The window's main tool bar, added to window and filled with the most used actions.
    QToolBar *addToolBar(QMainWindow *window);

    // The actions only useful with a project open, on or off.
    void setProjectOpen(bool open);
    // The Edit actions follow whether the current tab is an editor; Close Tab whether there is a tab.
    void setEditing(bool editing, bool hasTabs);
    // Fills Open Recent from the SessionStore's recent projects (with Clear List); disabled when empty.
    void updateRecentMenu();

Q_SIGNALS:
    void recentProjectChosen(const QString &path);

public:
    // File
    QAction *newProject, *newFile, *newFolder, *addFiles, *openProject, *closeProject, *save, *saveAll, *exportPdf,
        *closeTab, *quit;
    QMenu *recentMenu = nullptr;
    QMenu *fileMenu = nullptr;
    // The separator before Save: features put their File actions in front of it.
    QAction *fileFeaturesEnd = nullptr;
    // Edit
    QAction *undo, *redo, *cut, *copy, *paste, *selectAll, *find, *replace, *findInFiles, *goToLine, *toggleComment;
    // Build
    QAction *compile, *fullRebuild, *stop, *autoCompile, *showLog, *openPdfExternally;
    QAction *compileOnServer, *fetchServerPdf; // a shared project's compiles on the server's workers
    QAction *pdflatex, *xelatex, *lualatex, *uplatex;
    QAction *defaultEngine; // the project follows Preferences' engine
    QAction *fullShellEscape;
    QAction *keepPdfCopy; // checkable, per project and local only
    QActionGroup *engines;
    // View
    QAction *zoomIn, *zoomOut, *fitWidth, *fitPage, *showInPdf, *findInPdf;
    QAction *history; // the History panel (the history feature shows it)
    QMenu *docksMenu = nullptr; // the window adds its docks' toggle actions here
    // Tools
    QAction *wordCount;
    // Settings / Help
    QAction *preferences, *shortcuts, *about;

private:
    QAction *make(const QString &text, const QString &icon = {});
};

} // namespace coauthor::app
