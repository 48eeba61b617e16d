// History in the whole window: an unshared project's typing and the tree's file
// operations are recorded while the project is open (by the user named in the
// settings), are still there when the project is opened again, and View → History
// (its shortcut) shows them in the History panel, one of the window's panels.
#include "app/editors/editortabs.h"
#include "app/history/historyfeature.h"
#include "app/history/historypanel.h"
#include "app/history/historysource.h"
#include "app/history/localhistorywriter.h"
#include "app/project/appsettings.h"
#include "app/ui/appactions.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/projecttree.h"
#include "apptestsupport.h"
#include "editor/latexeditor.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace coauthor;
using namespace coauthor::app;
namespace h = coauthor::sync::history;

class HistoryWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        coauthor::test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        initAppResources();
        QSettings().setValue(QStringLiteral("collab/name"), QStringLiteral("grace"));
        AppSettings settings = AppSettings::load();
        settings.autoCompile = false;
        settings.save();
    }

    void whatIsTypedAndDoneInTheTreeIsListedWhenTheProjectOpensAgain()
    {
        // No \documentclass: nothing to compile, the test is about history.
        const QString project = m_tmp.filePath(QStringLiteral("notes"));
        QVERIFY(coauthor::test::writeText(project + QStringLiteral("/notes.tex"), QStringLiteral("Notes.\n")));
        {
            MainWindow window(m_tmp.filePath(QStringLiteral("compiles")));
            window.show();
            QVERIFY(window.openProject(project));
            window.openLocation(QStringLiteral("notes.tex"), 2);
            editor::LatexEditor *e = window.editorTabs()->editorFor(QStringLiteral("notes.tex"));
            QVERIFY(e);
            QTest::keyClicks(e, QStringLiteral("More"));
            QVERIFY(window.editorTabs()->save(QStringLiteral("notes.tex")));
            QVERIFY(window.projectTree()->createFile(QStringLiteral("draft.tex")));
            QVERIFY(window.projectTree()->renamePath(QStringLiteral("draft.tex"), QStringLiteral("appendix.tex")));
            QVERIFY(window.closeProject());
        }
        QVERIFY(QFileInfo::exists(LocalHistoryWriter::databasePathFor(project)));

        MainWindow window(m_tmp.filePath(QStringLiteral("compiles")));
        window.show();
        QVERIFY(window.openProject(project));
        HistoryFeature *history = window.historyFeature();
        QVERIFY(window.actions()->docksMenu->actions().contains(history->dock()->toggleViewAction()));
        QVERIFY(window.actions()->history->isEnabled());
        QSignalSpy refreshed(history, &HistoryFeature::refreshed);
        window.actions()->history->trigger();
        QVERIFY(history->dock()->isVisible());
        QVERIFY(refreshed.wait(10000) || refreshed.count() > 0);

        // One change (all within a few minutes), by Grace, with both files.
        QTreeWidget *list = history->panel()->changesList();
        QCOMPARE(history->panel()->changeCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("Grace"));
        QVERIFY2(list->topLevelItem(0)->text(2).contains(QStringLiteral("notes.tex")), qPrintable(list->topLevelItem(0)->text(2)));
        QVERIFY2(list->topLevelItem(0)->text(2).contains(QStringLiteral("appendix.tex")), qPrintable(list->topLevelItem(0)->text(2)));
        std::optional<QString> text;
        history->source()->textAt(QStringLiteral("notes.tex"), -1, [&text](const auto &r) {
            text = r ? r.value() : QStringLiteral("<error>");
        });
        QTRY_VERIFY(text.has_value());
        QCOMPARE(*text, QStringLiteral("Notes.\nMore"));
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(HistoryWindowTest)
#include "tst_historywindow.moc"
