// The window's parts on their own: EditorTabs (open, modified marker, save,
// reload on external change, rename/delete follow-up, images), ProjectTree's
// file operations, AppActions' shortcuts, CompileStatusLabel, AppStatusBar, WelcomePage,
// the sync state label, and the collaboration feature installed into a bare window
// (no server: the checks made before any connection).
#include "apptestsupport.h"

#include "app/collab/collabfeature.h"
#include "app/collab/collaboratorspanel.h"
#include "app/collab/syncstatuslabel.h"
#include "app/compile/compilestatuslabel.h"
#include "app/editors/editortabs.h"
#include "app/editors/imageviewer.h"
#include "app/ui/appactions.h"
#include "app/ui/appresources.h"
#include "app/ui/appstatusbar.h"
#include "app/ui/newprojectdialog.h"
#include "app/ui/projecttree.h"
#include "app/ui/welcomepage.h"
#include "editor/latexeditor.h"

#include <QAction>
#include <QUrl>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>

using namespace coauthor;
using namespace coauthor::app;

class PartsTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_project;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        initAppResources();
        m_project = test::isolatedExampleProject(m_tmp.path());
        QVERIFY(!m_project.isEmpty());
        m_project = QFileInfo(m_project).canonicalFilePath();
    }

    void tabsOpenEditSaveAndMarkModified()
    {
        EditorTabs tabs;
        tabs.setProjectRoot(m_project);
        QWidget *w = tabs.openFile(QStringLiteral("sections/conclusion.tex"));
        QVERIFY(w);
        QCOMPARE(tabs.openFile(QStringLiteral("sections/conclusion.tex")), w); // no second tab
        QCOMPARE(tabs.count(), 1);
        auto *e = tabs.currentEditor();
        QVERIFY(e);
        QVERIFY(e->toPlainText().startsWith(QStringLiteral("\\section{Conclusion}")));
        QCOMPARE(tabs.tabText(0), QStringLiteral("conclusion.tex"));

        QSignalSpy edited(&tabs, &EditorTabs::bufferEdited);
        e->moveCursor(QTextCursor::End);
        e->insertPlainText(QStringLiteral("Added.\n"));
        QCOMPARE(edited.count(), 1);
        QVERIFY(tabs.isModified(QStringLiteral("sections/conclusion.tex")));
        QVERIFY(tabs.tabText(0).endsWith(QStringLiteral("●")));
        QCOMPARE(tabs.unsavedBuffers().value(QStringLiteral("sections/conclusion.tex")), e->toPlainText().toUtf8());

        QString error;
        QVERIFY2(tabs.save(QStringLiteral("sections/conclusion.tex"), &error), qPrintable(error));
        QVERIFY(!tabs.isModified(QStringLiteral("sections/conclusion.tex")));
        QCOMPARE(tabs.tabText(0), QStringLiteral("conclusion.tex"));
        QVERIFY(test::readText(m_project + QStringLiteral("/sections/conclusion.tex")).endsWith(QStringLiteral("Added.\n")));
        QVERIFY(tabs.unsavedBuffers().isEmpty());
        QVERIFY(tabs.closeTab(0));
        QCOMPARE(tabs.count(), 0);
    }

    // A file that is not valid UTF-8 (written for \usepackage[latin1]{inputenc}) opens with
    // its accents and is saved byte for byte; a character Latin-1 lacks is refused, not mangled.
    void latin1FilesKeepTheirBytes()
    {
        const QByteArray original("% Gr\xfc\xdf""e aus K\xf6ln\n\\section{\xc4nderungen}\n");
        const QString path = QStringLiteral("sections/latin1.tex");
        QVERIFY(test::writeBytes(m_project + u'/' + path, original));
        EditorTabs tabs;
        tabs.setProjectRoot(m_project);
        QString error;
        QVERIFY2(tabs.openFile(path, &error), qPrintable(error));
        auto *e = tabs.editorFor(path);
        QVERIFY(e);
        QCOMPARE(e->toPlainText(), QStringLiteral("% Grüße aus Köln\n\\section{Änderungen}\n"));

        e->moveCursor(QTextCursor::End);
        e->insertPlainText(QStringLiteral("Stra\u00dfe\n"));
        QCOMPARE(tabs.unsavedBuffers().value(path), original + QByteArray("Stra\xdf""e\n"));
        QVERIFY2(tabs.save(path, &error), qPrintable(error));
        QCOMPARE(test::readBytes(m_project + u'/' + path), original + QByteArray("Stra\xdf""e\n"));

        e->insertPlainText(QStringLiteral("5 \u20ac\n"));
        QVERIFY(!tabs.save(path, &error));
        QVERIFY2(error.contains(QStringLiteral("\u20ac")) && error.contains(QStringLiteral("Latin-1")), qPrintable(error));
        QCOMPARE(test::readBytes(m_project + u'/' + path), original + QByteArray("Stra\xdf""e\n")); // nothing written
        QVERIFY(tabs.isModified(path)); // and nothing lost: the text is still in the editor
        QVERIFY(e->toPlainText().endsWith(QStringLiteral("5 \u20ac\n")));
        tabs.closeAllWithoutSaving();

        // UTF-8 with a byte-order mark stays UTF-8 with its mark.
        const QByteArray bom("\xef\xbb\xbf% caf\xc3\xa9\n");
        QVERIFY(test::writeBytes(m_project + u'/' + path, bom));
        QVERIFY2(tabs.openFile(path, &error), qPrintable(error));
        e = tabs.editorFor(path);
        QVERIFY(e->toPlainText().endsWith(QStringLiteral("% café\n")));
        e->moveCursor(QTextCursor::End);
        e->insertPlainText(QStringLiteral("x"));
        QVERIFY2(tabs.save(path, &error), qPrintable(error));
        QCOMPARE(test::readBytes(m_project + u'/' + path), bom + "x");
        tabs.closeAllWithoutSaving();
        QFile::remove(m_project + u'/' + path);
    }

    void externalChangeReloadsOnlyUnmodifiedBuffers()
    {
        EditorTabs tabs;
        tabs.setProjectRoot(m_project);
        QVERIFY(tabs.openFile(QStringLiteral("sections/results.tex")));
        QVERIFY(tabs.openFile(QStringLiteral("sections/introduction.tex")));
        auto *results = tabs.editorFor(QStringLiteral("sections/results.tex"));
        auto *intro = tabs.editorFor(QStringLiteral("sections/introduction.tex"));
        QSignalSpy edited(&tabs, &EditorTabs::bufferEdited);
        intro->insertPlainText(QStringLiteral("% local edit\n"));
        edited.clear();

        QVERIFY(test::writeText(m_project + QStringLiteral("/sections/results.tex"), QStringLiteral("\\section{Changed}\n")));
        QVERIFY(test::writeText(m_project + QStringLiteral("/sections/introduction.tex"), QStringLiteral("\\section{Theirs}\n")));
        QTRY_COMPARE_WITH_TIMEOUT(results->toPlainText(), QStringLiteral("\\section{Changed}\n"), 5000);
        QVERIFY(!tabs.isModified(QStringLiteral("sections/results.tex")));
        QTest::qWait(200);
        // The unsaved local edit wins; nothing is lost.
        QVERIFY(intro->toPlainText().contains(QStringLiteral("% local edit")));
        QVERIFY(tabs.isModified(QStringLiteral("sections/introduction.tex")));
        QCOMPARE(edited.count(), 0); // a reload is not a user edit
        tabs.closeAllWithoutSaving();
    }

    void imagesOpenInAViewer()
    {
        EditorTabs tabs;
        tabs.setProjectRoot(m_project);
        QWidget *w = tabs.openFile(QStringLiteral("figures/pipeline.png"));
        auto *viewer = qobject_cast<ImageViewer *>(w);
        QVERIFY(viewer);
        QCOMPARE(viewer->imageSize(), QSize(900, 260));
        QVERIFY(!tabs.currentEditor());
        QString error;
        QVERIFY(!tabs.openFile(QStringLiteral("no/such.tex"), &error));
        QVERIFY(!error.isEmpty());
    }

    void treeFileOperationsKeepTabsInStep()
    {
        ProjectTree tree;
        tree.setRootPath(m_project);
        EditorTabs tabs;
        tabs.setProjectRoot(m_project);
        connect(&tree, &ProjectTree::pathRenamed, &tabs, &EditorTabs::pathRenamed);
        connect(&tree, &ProjectTree::pathRemoved, &tabs, &EditorTabs::pathRemoved);

        QString error;
        QSignalSpy created(&tree, &ProjectTree::fileCreated);
        QVERIFY2(tree.createFile(QStringLiteral("appendix/extra.tex"), &error), qPrintable(error));
        QCOMPARE(created.count(), 1);
        QVERIFY(QFileInfo::exists(m_project + QStringLiteral("/appendix/extra.tex")));
        QVERIFY(!tree.createFile(QStringLiteral("appendix/extra.tex"), &error)); // exists
        QVERIFY(!tree.createFile(QStringLiteral("../escape.tex"), &error));
        QVERIFY(!QFileInfo::exists(m_tmp.filePath(QStringLiteral("escape.tex"))));
        QVERIFY(tree.createFolder(QStringLiteral("data"), &error));

        QVERIFY(tabs.openFile(QStringLiteral("appendix/extra.tex")));
        QVERIFY(tree.renamePath(QStringLiteral("appendix"), QStringLiteral("back"), &error));
        QCOMPARE(tabs.openFiles(), QStringList{QStringLiteral("back/extra.tex")});
        QVERIFY(tree.renamePath(QStringLiteral("back/extra.tex"), QStringLiteral("back/more.tex"), &error));
        QCOMPARE(tabs.currentFile(), QStringLiteral("back/more.tex"));
        QVERIFY(tree.removePath(QStringLiteral("back/more.tex"), &error));
        QCOMPARE(tabs.count(), 0);
        QVERIFY(!QFileInfo::exists(m_project + QStringLiteral("/back/more.tex")));
        QVERIFY(tree.removePath(QStringLiteral("back"), &error));
        QVERIFY(tree.removePath(QStringLiteral("data"), &error));
        QVERIFY(!tree.removePath(QStringLiteral("data"), &error));
    }

    void theActionsHaveTheShortcutsLaTeXUsersExpect()
    {
        AppActions actions;
        auto has = [](const QAction *action, const QKeySequence &key) { return action->shortcuts().contains(key); };
        QVERIFY(has(actions.save, QKeySequence(Qt::CTRL | Qt::Key_S)));
        QVERIFY(has(actions.compile, QKeySequence(Qt::CTRL | Qt::Key_B)));
        QVERIFY(has(actions.compile, QKeySequence(Qt::Key_F5)));
        QVERIFY(has(actions.find, QKeySequence(Qt::CTRL | Qt::Key_F)));
        QVERIFY(has(actions.replace, QKeySequence(Qt::CTRL | Qt::Key_H)));
        QVERIFY(has(actions.findInFiles, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F))); // as in VS Code, Kate
        QVERIFY(has(actions.toggleComment, QKeySequence(Qt::CTRL | Qt::Key_Slash)));
        QVERIFY(has(actions.goToLine, QKeySequence(Qt::CTRL | Qt::Key_G)));
        QVERIFY(has(actions.showInPdf, QKeySequence(Qt::CTRL | Qt::Key_J)));
        QVERIFY(has(actions.showLog, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)));
        QVERIFY(has(actions.history, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_H)));
        // No key is bound twice.
        QHash<QKeySequence, QString> seen;
        for (const QAction *action : actions.findChildren<QAction *>()) {
            for (const QKeySequence &key : action->shortcuts()) {
                QVERIFY2(!seen.contains(key), qPrintable(key.toString() + u' ' + seen.value(key) + u' ' + action->text()));
                seen.insert(key, action->text());
            }
        }
    }

    void statusBarShowsCompileAndCursor()
    {
        CompileStatusLabel compile;
        compile.setState(CompileStatusLabel::State::Compiling);
        QVERIFY(compile.text().contains(QStringLiteral("Compiling")));
        compile.setState(CompileStatusLabel::State::Succeeded, 1234);
        QVERIFY2(compile.text().contains(QStringLiteral("1.2")), qPrintable(compile.text()));
        compile.setState(CompileStatusLabel::State::Failed, 500, 3);
        QVERIFY2(compile.text().contains(u'3'), qPrintable(compile.text()));
        // A failure without a parsed error does not claim one; the log says why.
        compile.setState(CompileStatusLabel::State::Failed, 500, 0);
        QCOMPARE(compile.text(), QStringLiteral("Compile failed: see the log"));
        AppStatusBar bar;
        bar.setCursorPosition(12, 5);
        QCOMPARE(bar.cursorText(), QStringLiteral("Ln 12, Col 5"));
    }

    void syncStatusSaysWhatIsSharedAndWhatIsStuck()
    {
        SyncStatusLabel label;
        QCOMPARE(label.text(), QStringLiteral("Not shared"));
        label.setState(SyncStatusLabel::State::Online);
        QCOMPARE(label.text(), QStringLiteral("Online"));
        QVERIFY(label.toolTip().isEmpty());
        label.setState(SyncStatusLabel::State::Offline, 3, true);
        QCOMPARE(label.text(), QStringLiteral("Offline · 3 edit(s) not yet sent · read-only"));
        label.setState(SyncStatusLabel::State::Connecting, 0, false, QStringLiteral("disk full"));
        QCOMPARE(label.text(), QStringLiteral("Connecting… · disk full"));
        QVERIFY(label.styleSheet().contains(QStringLiteral("#cf222e")));
        QVERIFY(!label.toolTip().isEmpty());
        // Not shared: nothing pending, nothing stuck is claimed.
        label.setState(SyncStatusLabel::State::Local, 5, true, QStringLiteral("disk full"));
        QCOMPARE(label.text(), QStringLiteral("Not shared"));
        QVERIFY(label.toolTip().isEmpty());
    }

    void theCollaborationFeaturePutsItsPartsIntoTheWindowItIsLent()
    {
        QMainWindow window;
        AppActions actions;
        actions.buildMenus(window.menuBar());
        auto *outline = new QDockWidget(QStringLiteral("Outline"), &window);
        window.addDockWidget(Qt::LeftDockWidgetArea, outline);
        auto *status = new QStatusBar(&window);
        window.setStatusBar(status);
        auto *left = new QLabel(QStringLiteral("left"), status);
        auto *right = new QLabel(QStringLiteral("right"), status);
        status->addPermanentWidget(left);
        status->addPermanentWidget(right);
        EditorTabs tabs;
        CollabFeature feature(&tabs);
        int closeRequests = 0;
        CollabFeature::Placement place;
        place.window = &window;
        place.dockBelow = outline;
        place.docksMenu = actions.docksMenu;
        place.statusBar = status;
        place.statusIndex = 1;
        place.fileMenu = actions.fileMenu;
        place.fileMenuBefore = actions.fileFeaturesEnd;
        place.closeProject = [&closeRequests] { return ++closeRequests, true; };
        place.openProject = [](const QString &) { return true; };
        feature.install(place);

        QVERIFY(feature.dock());
        QCOMPARE(feature.dock()->objectName(), QStringLiteral("collaboratorsDock"));
        QCOMPARE(feature.dock()->widget(), feature.collaboratorsPanel());
        QVERIFY(feature.dock()->isHidden()); // until a project is shared
        QCOMPARE(window.dockWidgetArea(feature.dock()), Qt::LeftDockWidgetArea);
        QVERIFY(actions.docksMenu->actions().contains(feature.dock()->toggleViewAction()));
        // Its actions sit in the File menu where the window left room, between Close Project and Save.
        const QList<QAction *> file = actions.fileMenu->actions();
        const qsizetype share = file.indexOf(feature.shareProjectAction());
        QVERIFY(share > file.indexOf(actions.closeProject));
        QCOMPARE(file.mid(share, 5), (QList<QAction *>{feature.shareProjectAction(), feature.openSharedProjectAction(),
                                                       feature.shareInfoAction(), feature.workOfflineAction(),
                                                       actions.fileFeaturesEnd}));
        QVERIFY(file.indexOf(actions.save) > share);
        QVERIFY(!feature.shareProjectAction()->isEnabled()); // no project yet
        // The sync state sits between the two labels it was placed between.
        const QList<QLabel *> labels = status->findChildren<QLabel *>(Qt::FindDirectChildrenOnly);
        QCOMPARE(feature.syncStatusText(), QStringLiteral("Not shared"));
        const auto sync = std::find_if(labels.cbegin(), labels.cend(),
                                       [](QLabel *l) { return qobject_cast<SyncStatusLabel *>(l) != nullptr; });
        QVERIFY(sync != labels.cend());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(left->x() < (*sync)->x() && (*sync)->x() < right->x());

        // Nothing to share before a project is open.
        auto shared = feature.shareProject(ShareLink{});
        QVERIFY(!shared);
        QCOMPARE(shared.error(), CollabFeature::tr("Open a project first."));

        // A folder that is not shared: it can be shared; details and offline need a shared one.
        feature.projectOpened(Project(m_project));
        QVERIFY(feature.shareProjectAction()->isEnabled());
        QVERIFY(!feature.shareInfoAction()->isEnabled());
        QVERIFY(!feature.workOfflineAction()->isEnabled());
        QVERIFY(feature.dock()->isHidden());
        QCOMPARE(feature.syncStatusText(), QStringLiteral("Not shared"));
        shared = feature.shareProject(ShareLink{});
        QVERIFY(!shared);
        QCOMPARE(shared.error(), CollabFeature::tr("The server address, project id and token are needed."));

        // Joining checks what it can before it connects, and before it asks the window to close anything.
        ShareLink link;
        link.url = QUrl(QStringLiteral("ws://127.0.0.1:9/"));
        link.projectId = QStringLiteral("p");
        link.token = QStringLiteral("t");
        auto joined = feature.openSharedProject(m_tmp.filePath(QStringLiteral("new")), ShareLink{});
        QVERIFY(!joined);
        QCOMPARE(joined.error(), CollabFeature::tr("The server address, project id and token are needed."));
        joined = feature.openSharedProject(m_project, link);
        QVERIFY(!joined);
        QVERIFY2(joined.error().contains(QStringLiteral("is not empty")), qPrintable(joined.error()));
        QCOMPARE(closeRequests, 0);
        QVERIFY(!feature.session()->isActive());
        feature.projectClosed();
        QVERIFY(feature.compileBuffers().isEmpty());
    }

    void welcomePageOpensFolderSharedOrRecent()
    {
        WelcomePage page;
        page.setRecentProjects({m_project});
        QSignalSpy folder(&page, &WelcomePage::openFolderRequested);
        QSignalSpy shared(&page, &WelcomePage::openSharedRequested);
        QSignalSpy recent(&page, &WelcomePage::openProjectRequested);
        const auto button = [&page](const QString &text) -> QPushButton * {
            for (QPushButton *b : page.findChildren<QPushButton *>()) {
                if (b->text() == text)
                    return b;
            }
            return nullptr;
        };
        QPushButton *openFolder = button(QStringLiteral("Open Folder…"));
        QPushButton *openShared = button(QStringLiteral("Open Shared Project…"));
        QVERIFY(openFolder && openShared);
        QTest::mouseClick(openShared, Qt::LeftButton);
        QCOMPARE(shared.size(), 1);
        QCOMPARE(folder.size(), 0);
        QTest::mouseClick(openFolder, Qt::LeftButton);
        QCOMPARE(folder.size(), 1);

        auto *list = page.findChild<QListWidget *>();
        QVERIFY(list);
        QCOMPARE(list->count(), 1);
        Q_EMIT list->itemActivated(list->item(0));
        QCOMPARE(recent.size(), 1);
        QCOMPARE(recent.at(0).at(0).toString(), m_project);

        page.setRecentProjects({});
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->flags(), Qt::NoItemFlags); // the "no recent projects" line opens nothing

        QSignalSpy create(&page, &WelcomePage::newProjectRequested);
        QPushButton *newProject = button(QStringLiteral("New Project…"));
        QVERIFY(newProject);
        QTest::mouseClick(newProject, Qt::LeftButton);
        QCOMPARE(create.size(), 1);
    }

    // The folder name follows the title until the user types one; a folder in the way is
    // refused with the reason and every field stays as it was.
    void newProjectMakesTheTemplatesFolderAndKeepsTheFieldsWhenItCannot()
    {
        QTemporaryDir where;
        NewProjectDialog dialog;
        dialog.locationField()->setText(where.path());
        QCOMPARE(dialog.templateList()->count(), 4);
        dialog.templateList()->setCurrentRow(1); // thesis
        dialog.titleField()->setText(QStringLiteral("Fluid dynamics: a study?"));
        QCOMPARE(dialog.nameField()->text(), QStringLiteral("Fluid dynamics- a study-"));
        dialog.authorField()->setText(QStringLiteral("Grace Sample"));
        QVERIFY(QDir(where.path()).mkpath(QStringLiteral("Fluid dynamics- a study-/old")));
        QVERIFY(!dialog.create());
        QVERIFY2(dialog.errorText().contains(QLatin1String("not an empty folder")), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.titleField()->text(), QStringLiteral("Fluid dynamics: a study?"));
        QCOMPARE(dialog.authorField()->text(), QStringLiteral("Grace Sample"));
        QTest::keyClicks(dialog.nameField(), QStringLiteral(" 2"));
        QVERIFY(dialog.create());
        QCOMPARE(dialog.createdFolder(), where.filePath(QStringLiteral("Fluid dynamics- a study- 2")));
        QVERIFY(QFile::exists(dialog.createdFolder() + QStringLiteral("/chapters/introduction.tex")));
        QVERIFY(coauthor::test::readText(dialog.createdFolder() + QStringLiteral("/main.tex"))
                    .contains(QLatin1String("\\author{Grace Sample}")));
    }
};

QTEST_MAIN(PartsTest)
#include "tst_parts.moc"
