#include "app/ui/appactions.h"

#include "app/project/sessionstore.h"

#include <QAction>
#include <QActionGroup>
#include <QFileInfo>
#include <QIcon>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QToolBar>

namespace coauthor::app {

AppActions::AppActions(QObject *parent)
    : QObject(parent)
{
    newProject = make(tr("New &Project…"));
    newProject->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    newFile = make(tr("&New File…"), QStringLiteral("document-new"));
    newFile->setShortcut(QKeySequence::New);
    newFolder = make(tr("New &Folder…"), QStringLiteral("folder"));
    addFiles = make(tr("&Add Files…"), QStringLiteral("image"));
    addFiles->setStatusTip(tr("Copy files (figures, data) into the project; shared projects upload them"));
    openProject = make(tr("&Open Project…"), QStringLiteral("folder-open"));
    openProject->setShortcut(QKeySequence::Open);
    closeProject = make(tr("Close Pro&ject"));
    save = make(tr("&Save"), QStringLiteral("document-save"));
    save->setShortcut(QKeySequence::Save);
    saveAll = make(tr("Save A&ll"), QStringLiteral("document-save-all"));
    saveAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    closeTab = make(tr("&Close Tab"));
    closeTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    quit = make(tr("&Quit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    undo = make(tr("&Undo"), QStringLiteral("undo"));
    undo->setShortcut(QKeySequence::Undo);
    redo = make(tr("&Redo"), QStringLiteral("redo"));
    redo->setShortcut(QKeySequence::Redo);
    cut = make(tr("Cu&t"));
    cut->setShortcut(QKeySequence::Cut);
    copy = make(tr("&Copy"));
    copy->setShortcut(QKeySequence::Copy);
    paste = make(tr("&Paste"));
    paste->setShortcut(QKeySequence::Paste);
    selectAll = make(tr("Select &All"));
    selectAll->setShortcut(QKeySequence::SelectAll);
    find = make(tr("&Find…"), QStringLiteral("find"));
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    replace = make(tr("R&eplace…"));
    replace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    findInFiles = make(tr("Find in &Files…"));
    findInFiles->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    goToLine = make(tr("&Go to Line…"));
    goToLine->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    toggleComment = make(tr("Toggle &Comment"));
    toggleComment->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));

    compile = make(tr("&Compile"), QStringLiteral("compile"));
    compile->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_B), QKeySequence(Qt::Key_F5),
                           QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    compile->setToolTip(tr("Compile the project (Ctrl+B, F5, Ctrl+Enter)"));
    fullRebuild = make(tr("&Full Rebuild"));
    fullRebuild->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    compileOnServer = make(tr("Compile on Ser&ver"));
    compileOnServer->setToolTip(tr("Compile this shared project on the server’s compile workers and show their PDF "
                                   "(used for Compile when this computer has no TeX)"));
    fetchServerPdf = make(tr("Fetch Latest Server &PDF"));
    fetchServerPdf->setToolTip(tr("Show the PDF of the project’s latest compile on the server, whoever asked for it"));
    stop = make(tr("&Stop"), QStringLiteral("stop"));
    stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    stop->setEnabled(false);
    autoCompile = make(tr("&Auto-Compile"));
    autoCompile->setCheckable(true);
    autoCompile->setToolTip(tr("Compile automatically when typing stops"));
    showLog = make(tr("Show &Log"), QStringLiteral("log"));
    showLog->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    openPdfExternally = make(tr("Open PDF in &External Viewer"));
    exportPdf = make(tr("&Export PDF…"));
    exportPdf->setToolTip(tr("Save a copy of the compiled PDF where you choose"));
    engines = new QActionGroup(this);
    pdflatex = make(QStringLiteral("pdfLaTeX"));
    xelatex = make(QStringLiteral("XeLaTeX"));
    lualatex = make(QStringLiteral("LuaLaTeX"));
    uplatex = make(QStringLiteral("upLaTeX"));
    uplatex->setToolTip(tr("upLaTeX and dvipdfmx, for Japanese documents"));
    for (QAction *engine : {pdflatex, xelatex, lualatex, uplatex}) {
        engine->setCheckable(true);
        engines->addAction(engine);
    }
    defaultEngine = make(tr("Preferences’ Default"));
    defaultEngine->setCheckable(true);
    defaultEngine->setToolTip(tr("Compile this project with the engine chosen in Preferences"));
    engines->addAction(defaultEngine);
    defaultEngine->setChecked(true);
    // An engine TeX Live did not install here would only fail; say so instead.
    const QList<std::pair<QAction *, QString>> programs
        = {{pdflatex, QStringLiteral("pdflatex")}, {xelatex, QStringLiteral("xelatex")}, {lualatex, QStringLiteral("lualatex")},
           {uplatex, QStringLiteral("uplatex")}};
    for (const auto &[action, program] : programs) {
        if (QStandardPaths::findExecutable(program).isEmpty()) {
            action->setEnabled(false);
            action->setText(tr("%1 (not installed)").arg(action->text()));
        }
    }

    // Per project and local only (LocalBuildSettings); the compile feature asks before it is turned on.
    fullShellEscape = make(tr("Allow &Shell Escape for This Project…"));
    fullShellEscape->setCheckable(true);
    fullShellEscape->setEnabled(false); // until a project is open
    fullShellEscape->setToolTip(tr("Let this project's documents run programs (\\write18), as minted needs"));
    keepPdfCopy = make(tr("&Keep a Copy of the PDF next to the Main Document"));
    keepPdfCopy->setCheckable(true);
    keepPdfCopy->setEnabled(false); // until a project is open
    keepPdfCopy->setToolTip(tr("After each successful compile, save the PDF beside the main document, named after it "
                               "(thesis.tex → thesis.pdf); it stays on this computer and is never shared"));

    // The pane with the focus zooms: the editor's font, or the PDF.
    zoomIn = make(tr("Zoom &In"), QStringLiteral("zoom-in"));
    zoomIn->setShortcuts({QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    zoomIn->setToolTip(tr("Zoom in the editor or the PDF, whichever has the focus"));
    zoomOut = make(tr("Zoom &Out"), QStringLiteral("zoom-out"));
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    zoomOut->setToolTip(tr("Zoom out the editor or the PDF, whichever has the focus"));
    fitWidth = make(tr("Fit &Width"), QStringLiteral("fit-width"));
    fitPage = make(tr("Fit &Page"), QStringLiteral("fit-page"));
    showInPdf = make(tr("Show in &PDF"), QStringLiteral("sync"));
    showInPdf->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    showInPdf->setToolTip(tr("Show the current line in the PDF (Ctrl+J)"));
    findInPdf = make(tr("Find in PD&F…"));
    findInPdf->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F));
    history = make(tr("&History"));
    history->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_H));
    history->setToolTip(tr("Every version of the project: what changed, compare, restore (Ctrl+Alt+H)"));

    wordCount = make(tr("&Word Count…"));
    wordCount->setToolTip(tr("Count the words of the document, per file, as TeXcount does"));

    preferences = make(tr("&Preferences…"), QStringLiteral("settings"));
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);
    shortcuts = make(tr("&Keyboard Shortcuts"));
    about = make(tr("&About Coauthor"));
    about->setMenuRole(QAction::AboutRole);
}

QAction *AppActions::make(const QString &text, const QString &icon)
{
    auto *action = new QAction(text, this);
    if (!icon.isEmpty())
        action->setIcon(QIcon(QStringLiteral(":/icons/") + icon + QStringLiteral(".svg")));
    return action;
}

void AppActions::buildMenus(QMenuBar *bar)
{
    QMenu *file = fileMenu = bar->addMenu(tr("&File"));
    file->addAction(newProject);
    file->addAction(newFile);
    file->addAction(newFolder);
    file->addAction(addFiles);
    file->addSeparator();
    file->addAction(openProject);
    recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(closeProject);
    file->addSeparator();
    fileFeaturesEnd = file->addSeparator(); // the two collapse into one while no feature fills the gap
    file->addAction(save);
    file->addAction(saveAll);
    file->addAction(exportPdf);
    file->addSeparator();
    file->addAction(closeTab);
    file->addSeparator();
    file->addAction(quit);

    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(cut);
    edit->addAction(copy);
    edit->addAction(paste);
    edit->addAction(selectAll);
    edit->addSeparator();
    edit->addAction(find);
    edit->addAction(replace);
    edit->addAction(findInFiles);
    edit->addAction(goToLine);
    edit->addSeparator();
    edit->addAction(toggleComment);

    QMenu *build = bar->addMenu(tr("&Build"));
    build->addAction(compile);
    build->addAction(fullRebuild);
    build->addAction(compileOnServer);
    build->addAction(fetchServerPdf);
    build->addAction(stop);
    build->addSeparator();
    build->addAction(autoCompile);
    QMenu *engine = build->addMenu(tr("&Engine (This Project)"));
    engine->addAction(defaultEngine);
    engine->addSeparator();
    engine->addActions({pdflatex, xelatex, lualatex, uplatex});
    build->addAction(fullShellEscape);
    build->addAction(keepPdfCopy);
    build->addSeparator();
    build->addAction(showLog);
    build->addAction(openPdfExternally);

    QMenu *view = bar->addMenu(tr("&View"));
    view->addAction(zoomIn);
    view->addAction(zoomOut);
    view->addAction(fitWidth);
    view->addAction(fitPage);
    view->addSeparator();
    view->addAction(showInPdf);
    view->addAction(findInPdf);
    view->addSeparator();
    view->addAction(history);
    docksMenu = view->addMenu(tr("&Panels"));

    QMenu *tools = bar->addMenu(tr("&Tools"));
    tools->addAction(wordCount);

    QMenu *settings = bar->addMenu(tr("&Settings"));
    settings->addAction(preferences);

    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(shortcuts);
    help->addAction(about);
}

QToolBar *AppActions::addToolBar(QMainWindow *window)
{
    QToolBar *bar = window->addToolBar(tr("Main Tool Bar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setIconSize(QSize(20, 20));
    bar->setMovable(false);
    bar->addAction(openProject);
    bar->addAction(newFile);
    bar->addAction(save);
    bar->addAction(saveAll);
    bar->addSeparator();
    bar->addAction(compile);
    bar->addAction(stop);
    bar->addSeparator();
    bar->addAction(showInPdf);
    bar->addAction(zoomOut);
    bar->addAction(zoomIn);
    bar->addAction(fitWidth);
    bar->addAction(fitPage);
    return bar;
}

void AppActions::setProjectOpen(bool open)
{
    for (QAction *action : {newFile, newFolder, addFiles, closeProject, save, saveAll, exportPdf, compile,
                            fullRebuild, showLog, openPdfExternally, zoomIn, zoomOut, fitWidth, fitPage, showInPdf,
                            findInPdf, findInFiles, wordCount, history})
        action->setEnabled(open);
}

void AppActions::setEditing(bool editing, bool hasTabs)
{
    for (QAction *action : {undo, redo, cut, copy, paste, selectAll, find, replace, goToLine, toggleComment})
        action->setEnabled(editing);
    closeTab->setEnabled(hasTabs);
}

void AppActions::updateRecentMenu()
{
    QMenu *menu = recentMenu;
    menu->clear();
    const QStringList recent = SessionStore::recentProjects();
    for (const QString &path : recent) {
        menu->addAction(QFileInfo(path).fileName() + QStringLiteral("  (") + path + u')', this,
                        [this, path] { Q_EMIT recentProjectChosen(path); });
    }
    if (!recent.isEmpty()) {
        menu->addSeparator();
        menu->addAction(tr("Clear List"), this, [this] {
            SessionStore::clearRecentProjects();
            updateRecentMenu();
        });
    }
    menu->setEnabled(!recent.isEmpty());
}

} // namespace coauthor::app
