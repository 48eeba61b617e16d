// AppActions: every command of the main window as a QAction with its text,
// icon and shortcut, and the menus and tool bar built from them. The window
// connects them to what they do.
#pragma once

#include <QObject>

class QAction;
class QActionGroup;
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
    void buildToolBar(QToolBar *bar);

    // File
    QAction *newFile, *newFolder, *openProject, *closeProject, *save, *saveAll, *closeTab, *quit;
    QMenu *recentMenu = nullptr;
    // Writing together
    QAction *shareProject, *openSharedProject, *workOffline, *shareInfo;
    // Edit
    QAction *undo, *redo, *cut, *copy, *paste, *selectAll, *find, *replace, *goToLine, *toggleComment;
    // Build
    QAction *compile, *fullRebuild, *stop, *autoCompile, *showLog, *openPdfExternally;
    QAction *pdflatex, *xelatex, *lualatex;
    QActionGroup *engines;
    // View
    QAction *zoomIn, *zoomOut, *fitWidth, *fitPage, *showInPdf, *findInPdf;
    QMenu *docksMenu = nullptr; // the window adds its docks' toggle actions here
    // Settings / Help
    QAction *preferences, *about;

private:
    QAction *make(const QString &text, const QString &icon = {});
};

} // namespace coauthor::app
