// History of a project that is shared later, through the real bundled
// coauthor-server (its embedded redis-server, SQLite) hosted by the window: before
// the share the edits go into the local history; once shared, the History panel
// reads the server's history (SharedHistory over the SyncClient request API), the
// local history records nothing more and stays in the folder, never uploaded.
#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "app/editors/editortabs.h"
#include "app/history/historyfeature.h"
#include "app/history/historypanel.h"
#include "app/history/historyrecorder.h"
#include "app/history/localhistory.h"
#include "app/history/localhistorywriter.h"
#include "app/history/sharedhistory.h"
#include "app/project/appsettings.h"
#include "app/ui/appactions.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/projecttree.h"
#include "apptestsupport.h"
#include "editor/latexeditor.h"
#include "sync/client/syncclient.h"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTreeWidget>

using namespace coauthor;
using namespace coauthor::app;
namespace h = coauthor::sync::history;

namespace {

void typeAtEnd(editor::LatexEditor *e, const QString &text)
{
    QTextCursor cursor(e->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text);
}

// Opens project in window, shares it from this computer (server data in serverDir) and
// shows the History dock on the server's history; empty, or what went wrong.
QString openShared(MainWindow &window, const QString &project, const QString &serverDir)
{
    AppSettings settings = window.settings();
    settings.autoCompile = false;
    window.applySettings(settings);
    window.show();
    window.serverHost()->setDataDir(serverDir);
    if (!window.openProject(project))
        return QStringLiteral("cannot open ") + project;
    ShareDialog dialog(window.serverHost(), window.project().name(),
                       [&window](const ShareLink &link) { return window.collabFeature()->shareProject(link); }, &window);
    dialog.setHostOnThisComputer(true);
    dialog.setListenHost(QStringLiteral("127.0.0.1"));
    if (!dialog.share())
        return dialog.errorText();
    sync::SyncClient *client = window.collaboration()->client();
    if (!client || !QTest::qWaitFor([&] { return client->isSynchronized(); }, 10000))
        return QStringLiteral("not synchronized");
    window.actions()->history->trigger();
    if (!qobject_cast<SharedHistory *>(window.historyFeature()->source()))
        return QStringLiteral("the History view does not read the server's history");
    return {};
}

h::ProjectTree treeAt(HistoryFeature *history, qint64 version)
{
    std::optional<h::ProjectTree> tree;
    history->source()->treeAt(version, [&tree](const auto &r) { tree = r ? r.value() : h::ProjectTree(); });
    [[maybe_unused]] const bool answered = QTest::qWaitFor([&] { return tree.has_value(); }, 10000);
    return tree.value_or(h::ProjectTree());
}

QString idOf(const h::ProjectTree &tree, const QString &path)
{
    for (const h::VersionEntry &entry : tree.entries) {
        if (entry.path == path)
            return entry.entryId;
    }
    return QString();
}

} // namespace

class SharedHistoryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        initAppResources();
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("state/data"))));
        QSettings().setValue(QStringLiteral("collab/name"), QStringLiteral("Ada"));
    }

    void aProjectSharedLaterKeepsItsLocalHistoryLocalAndShowsTheServers()
    {
        const QString project = m_tmp.filePath(QStringLiteral("paper"));
        QVERIFY(test::writeText(project + QStringLiteral("/notes.tex"), QStringLiteral("Notes.\n")));
        MainWindow window(m_tmp.filePath(QStringLiteral("compiles")));
        AppSettings settings = window.settings();
        settings.autoCompile = false;
        window.applySettings(settings);
        window.show();
        window.serverHost()->setDataDir(m_tmp.filePath(QStringLiteral("server")));
        QVERIFY(window.openProject(project));
        HistoryFeature *history = window.historyFeature();
        QCOMPARE(history->source(), static_cast<HistorySource *>(history->localHistory()));
        window.openLocation(QStringLiteral("notes.tex"), 0);
        editor::LatexEditor *e = window.editorTabs()->editorFor(QStringLiteral("notes.tex"));
        QVERIFY(e);
        typeAtEnd(e, QStringLiteral("Local draft.\n"));
        QVERIFY(window.editorTabs()->save(QStringLiteral("notes.tex")));
        history->recorder()->flush();
        history->localHistory()->waitForIdle();

        ShareDialog dialog(window.serverHost(), window.project().name(),
                           [&window](const ShareLink &link) { return window.collabFeature()->shareProject(link); },
                           &window);
        dialog.setHostOnThisComputer(true);
        dialog.setListenHost(QStringLiteral("127.0.0.1"));
        QVERIFY2(dialog.share(), qPrintable(dialog.errorText()));
        QVERIFY(window.collabFeature()->isSharing());
        sync::SyncClient *client = window.collaboration()->client();
        QVERIFY(client);
        e = window.editorTabs()->editorFor(QStringLiteral("notes.tex"));
        QVERIFY(e);
        QVERIFY(QTest::qWaitFor([&] { return window.collaboration()->bridgeFor(QStringLiteral("notes.tex")) != nullptr; },
                                10000));
        typeAtEnd(e, QStringLiteral("Shared edit.\n"));
        QVERIFY(QTest::qWaitFor([&] { return client->isSynchronized(); }, 10000));

        // The panel reads the server now.
        QSignalSpy refreshed(history, &HistoryFeature::refreshed);
        window.actions()->history->trigger();
        QVERIFY(qobject_cast<SharedHistory *>(history->source()));
        QVERIFY(refreshed.wait(15000) || refreshed.count() > 0);
        QVERIFY(history->panel()->changeCount() >= 1);
        QCOMPARE(history->panel()->changesList()->topLevelItem(0)->text(1), QStringLiteral("Ada"));
        std::optional<QString> text;
        history->source()->textAt(QStringLiteral("notes.tex"), -1,
                                  [&text](const auto &r) { text = r ? r.value() : r.error().code; });
        QTRY_VERIFY_WITH_TIMEOUT(text.has_value(), 10000);
        QCOMPARE(*text, QStringLiteral("Notes.\nLocal draft.\nShared edit.\n"));
        std::optional<h::ProjectTree> tree;
        history->source()->treeAt(-1, [&tree](const auto &r) {
            tree = r ? r.value() : h::ProjectTree();
        });
        QTRY_VERIFY_WITH_TIMEOUT(tree.has_value(), 10000);
        QVERIFY(!tree->entries.isEmpty());
        for (const h::VersionEntry &entry : tree->entries)
            QVERIFY2(!entry.path.startsWith(QStringLiteral(".coauthor")), qPrintable(entry.path)); // never uploaded

        // The local history stopped at the share and stays in the folder.
        QVERIFY(!history->recorder()->isRecording());
        QVERIFY(window.closeProject());
        LocalHistoryWriter local;
        QVERIFY(local.open(project, QStringLiteral("Ada")));
        QCOMPARE(local.textOf(QStringLiteral("notes.tex")).value_or(QString()), QStringLiteral("Notes.\nLocal draft.\n"));
    }

    void restoringAFileDeletedInASharedProjectBringsBackTheSameFileWithItsHistory()
    {
        // The server's undelete (SyncClient::restoreDeletedFile): the entry that was
        // deleted comes back, not a new file of the same name, so its history goes on.
        const QString project = m_tmp.filePath(QStringLiteral("undelete"));
        QVERIFY(test::writeText(project + QStringLiteral("/main.tex"), QStringLiteral("\\input{old}\n")));
        QVERIFY(test::writeText(project + QStringLiteral("/old.tex"), QStringLiteral("An old paragraph.\n")));
        MainWindow window(m_tmp.filePath(QStringLiteral("compiles2")));
        const QString shared = openShared(window, project, m_tmp.filePath(QStringLiteral("server2")));
        QVERIFY2(shared.isEmpty(), qPrintable(shared));
        HistoryFeature *history = window.historyFeature();
        const auto treeAt = [history](qint64 version) { return ::treeAt(history, version); };
        const h::ProjectTree before = treeAt(-1);
        const QString oldId = idOf(before, QStringLiteral("old.tex"));
        QVERIFY(!oldId.isEmpty());

        QVERIFY(window.projectTree()->removePath(QStringLiteral("old.tex")));
        QVERIFY(QTest::qWaitFor([&] { return idOf(treeAt(-1), QStringLiteral("old.tex")).isEmpty(); }, 10000));

        QSignalSpy restored(history, &HistoryFeature::restored);
        history->restoreFile(QStringLiteral("old.tex"), before.version);
        QVERIFY(restored.wait(15000) || restored.count() > 0);
        const QString message = restored.first().first().toString();
        QVERIFY2(QTest::qWaitFor([&] { return QFileInfo::exists(project + QStringLiteral("/old.tex")); }, 10000), qPrintable(message));
        QVERIFY(QTest::qWaitFor([&] { return test::readText(project + QStringLiteral("/old.tex")) == QStringLiteral("An old paragraph.\n"); },
                                10000));
        QVERIFY(QTest::qWaitFor([&] { return !idOf(treeAt(-1), QStringLiteral("old.tex")).isEmpty(); }, 10000));
        QVERIFY2(message.contains(QStringLiteral("brought back")), qPrintable(message));
        QCOMPARE(idOf(treeAt(-1), QStringLiteral("old.tex")), oldId);
        // Its history goes on from before the delete: the text at the old version is there under the same path.
        std::optional<QString> then;
        history->source()->textAt(QStringLiteral("old.tex"), before.version, [&then](const auto &r) { then = r ? r.value() : r.error().code; });
        QTRY_VERIFY_WITH_TIMEOUT(then.has_value(), 10000);
        QCOMPARE(*then, QStringLiteral("An old paragraph.\n"));
        QVERIFY(window.closeProject());
    }

    // A deleted folder of a shared project comes back in one action: each file through the
    // server's undelete (the same entries, their history kept), one message naming the folder.
    void restoringAFolderDeletedInASharedProjectBringsBackItsFilesInOneAction()
    {
        const QString project = m_tmp.filePath(QStringLiteral("undeletefolder"));
        QVERIFY(test::writeText(project + QStringLiteral("/main.tex"), QStringLiteral("\\input{chapters/one}\n")));
        QVERIFY(test::writeText(project + QStringLiteral("/chapters/one.tex"), QStringLiteral("Chapter one.\n")));
        QVERIFY(test::writeText(project + QStringLiteral("/chapters/two.tex"), QStringLiteral("Chapter two.\n")));
        MainWindow window(m_tmp.filePath(QStringLiteral("compiles3")));
        const QString shared = openShared(window, project, m_tmp.filePath(QStringLiteral("server3")));
        QVERIFY2(shared.isEmpty(), qPrintable(shared));
        HistoryFeature *history = window.historyFeature();
        const auto treeAt = [history](qint64 version) { return ::treeAt(history, version); };
        const h::ProjectTree before = treeAt(-1);
        const QString oneId = idOf(before, QStringLiteral("chapters/one.tex"));
        const QString twoId = idOf(before, QStringLiteral("chapters/two.tex"));
        QVERIFY(!oneId.isEmpty() && !twoId.isEmpty());

        QVERIFY(window.projectTree()->removePath(QStringLiteral("chapters")));
        QVERIFY(QTest::qWaitFor([&] { return idOf(treeAt(-1), QStringLiteral("chapters/one.tex")).isEmpty(); }, 10000));

        QSignalSpy restored(history, &HistoryFeature::restored);
        history->restoreFolder(QStringLiteral("chapters"), before.version);
        QVERIFY(restored.wait(15000) || restored.count() > 0);
        const QString message = restored.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("brought back chapters (2 file")) && !message.contains(QStringLiteral("one.tex")),
                 qPrintable(message));
        for (const auto &[path, text] : {std::pair{QStringLiteral("/chapters/one.tex"), QStringLiteral("Chapter one.\n")},
                                         std::pair{QStringLiteral("/chapters/two.tex"), QStringLiteral("Chapter two.\n")}})
            QVERIFY2(QTest::qWaitFor([&] { return test::readText(project + path) == text; }, 10000), qPrintable(path));
        const h::ProjectTree after = treeAt(-1);
        QCOMPARE(idOf(after, QStringLiteral("chapters/one.tex")), oneId);
        QCOMPARE(idOf(after, QStringLiteral("chapters/two.tex")), twoId);
        QTest::qWait(300);
        QCOMPARE(restored.count(), 1);
        QVERIFY(window.closeProject());
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(SharedHistoryTest)
#include "tst_history_shared.moc"
