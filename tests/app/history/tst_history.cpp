// The History feature over real editor tabs of an unshared project on disk, its
// local history in SQLite read back by sync_history's reader: typing is listed
// after a restart under the local user with the text of every version; a restored
// file is new edits that Undo takes back; a restored project brings a deleted file
// back and a renamed one back to its path; history search finds a deleted sentence;
// comparing two versions marks what was inserted and deleted; a version downloads
// as a zip. Every change is its own here (no grouping pause), so versions are exact.
#include "app/editors/editortabs.h"
#include "app/history/historyfeature.h"
#include "app/history/historypanel.h"
#include "app/history/historyrecorder.h"
#include "app/history/localhistory.h"
#include "app/history/versionview.h"
#include "apptestsupport.h"
#include "editor/latexeditor.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMainWindow>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTreeWidget>

using namespace coauthor;
using namespace coauthor::app;
using coauthor::test::readText;
using coauthor::test::writeText;
namespace h = coauthor::sync::history;

namespace {

// A window as the app's, reduced to what history needs: tabs, the feature, and the
// tree's file operations done on disk and routed to the feature as the window does.
struct Window
{
    explicit Window(const QString &root)
    {
        window.setCentralWidget(tabs);
        tabs->setProjectRoot(root);
        HistoryFeature::Placement place;
        place.window = &window;
        place.showHistory = &showHistory;
        place.authorName = [] { return QStringLiteral("Ada"); };
        place.isShared = [] { return false; };
        place.tree.createFile = [this, root](const QString &path) {
            if (!writeText(QDir(root).filePath(path), QString()))
                return false;
            feature->fileCreated(path);
            tabs->openFile(path);
            return true;
        };
        place.tree.renamePath = [this, root](const QString &from, const QString &to) {
            if (!QDir(root).rename(from, to))
                return false;
            tabs->pathRenamed(from, to);
            feature->pathRenamed(from, to);
            return true;
        };
        place.tree.removePath = [this, root](const QString &path) {
            if (!QFile::remove(QDir(root).filePath(path)))
                return false;
            tabs->pathRemoved(path);
            feature->pathRemoved(path);
            return true;
        };
        place.tree.filesAdded = [this](const QStringList &paths) {
            for (const QString &path : paths)
                feature->fileCreated(path);
        };
        feature = new HistoryFeature(tabs, place);
        feature->localHistory()->setChangeGrouping({0, 0});
        feature->setProject(Project(root));
        window.resize(1200, 800);
    }
    ~Window() { feature->setProject(Project()); }

    editor::LatexEditor *open(const QString &path)
    {
        tabs->openFile(path);
        return tabs->editorFor(path);
    }
    // The recorder's batch handed over and written: one change.
    void settle()
    {
        feature->recorder()->flush();
        feature->localHistory()->waitForIdle();
    }

    QMainWindow window;
    EditorTabs *tabs = new EditorTabs;
    QAction showHistory{QStringLiteral("History")};
    HistoryFeature *feature = nullptr;
};

void typeAtEnd(editor::LatexEditor *e, const QString &text)
{
    QTextCursor cursor(e->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text);
}

// The answer of one request to the history, waited for.
template <typename T, typename Ask>
std::optional<sync::Result<T, sync::ServiceError>> await(Ask ask)
{
    std::optional<sync::Result<T, sync::ServiceError>> answer;
    ask([&answer](const sync::Result<T, sync::ServiceError> &r) { answer = r; });
    const bool answered = QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000);
    Q_UNUSED(answered) // the caller checks the answer
    return answer;
}

QList<h::Change> changesOf(HistorySource *source)
{
    auto page = await<h::ChangePage>([source](auto reply) { source->changes({}, 0, 100, reply); });
    if (!page || !*page)
        return {};
    return page->value().changes;
}

QString textAt(HistorySource *source, const QString &path, qint64 version)
{
    auto text = await<QString>([&](auto reply) { source->textAt(path, version, reply); });
    return text && *text ? text->value() : QStringLiteral("<error>");
}

} // namespace

class HistoryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { coauthor::test::isolateUserState(m_state.path()); }

    void theLocalHistoryOfAnUnsharedProjectIsThereAfterARestart()
    {
        QTemporaryDir project;
        QVERIFY(writeText(project.filePath(QStringLiteral("main.tex")), QStringLiteral("Hello.\n")));
        {
            Window w(project.path());
            editor::LatexEditor *e = w.open(QStringLiteral("main.tex"));
            QVERIFY(e);
            w.settle();
            typeAtEnd(e, QStringLiteral("One."));
            w.settle();
            typeAtEnd(e, QStringLiteral(" Two."));
            QVERIFY(w.tabs->save(QStringLiteral("main.tex")));
        } // closed: what was typed last is written before the history closes

        Window w(project.path());
        HistorySource *source = w.feature->source();
        const QList<h::Change> changes = changesOf(source);
        QCOMPARE(changes.size(), 3); // created, One, Two (newest first)
        for (const h::Change &change : changes) {
            QCOMPARE(change.authors.size(), 1);
            QCOMPARE(change.authors.first().name, QStringLiteral("Ada"));
            QVERIFY(qAbs(change.endedAt - QDateTime::currentMSecsSinceEpoch()) < 60000);
            QCOMPARE(change.files.size(), 1);
            QCOMPARE(change.files.first().path, QStringLiteral("main.tex"));
        }
        QVERIFY(changes.last().files.first().has(h::FileChange::Kind::Created));
        QCOMPARE(textAt(source, QStringLiteral("main.tex"), changes[2].toVersion), QStringLiteral("Hello.\n"));
        QCOMPARE(textAt(source, QStringLiteral("main.tex"), changes[1].toVersion), QStringLiteral("Hello.\nOne."));
        QCOMPARE(textAt(source, QStringLiteral("main.tex"), changes[0].toVersion), QStringLiteral("Hello.\nOne. Two."));
        QCOMPARE(changes[0].files.first().wordsAdded, 1);

        // The dock lists them, by who and which file.
        QSignalSpy refreshed(w.feature, &HistoryFeature::refreshed);
        w.showHistory.trigger();
        QVERIFY(refreshed.wait(10000) || refreshed.count() > 0);
        QCOMPARE(w.feature->panel()->changeCount(), 3);
        QTreeWidgetItem *newest = w.feature->panel()->changesList()->topLevelItem(0);
        QCOMPARE(newest->text(1), QStringLiteral("Ada"));
        QCOMPARE(newest->text(2), QStringLiteral("main.tex"));
        QCOMPARE(newest->text(3), QStringLiteral("+1 −0"));
    }

    void restoringAFileIsNewEditsThatUndoTakesBack()
    {
        QTemporaryDir project;
        QVERIFY(writeText(project.filePath(QStringLiteral("main.tex")), QStringLiteral("First draft.\n")));
        Window w(project.path());
        editor::LatexEditor *e = w.open(QStringLiteral("main.tex"));
        w.settle();
        const qint64 draft = changesOf(w.feature->source()).first().toVersion;
        QTextCursor cursor(e->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(QStringLiteral("Rewritten badly.\n"));
        QVERIFY(w.tabs->save(QStringLiteral("main.tex")));
        w.settle();

        QSignalSpy restored(w.feature, &HistoryFeature::restored);
        w.feature->restoreFile(QStringLiteral("main.tex"), draft);
        QVERIFY(restored.wait(10000));
        QCOMPARE(e->toPlainText(), QStringLiteral("First draft.\n"));
        QCOMPARE(readText(project.filePath(QStringLiteral("main.tex"))), QStringLiteral("First draft.\n"));
        // The same tab, one undo step: Undo brings the rewrite back.
        QCOMPARE(w.tabs->count(), 1);
        e->undo();
        QCOMPARE(e->toPlainText(), QStringLiteral("Rewritten badly.\n"));
        // And the restore is history too: a new change, not a rewind.
        w.settle();
        const QList<h::Change> changes = changesOf(w.feature->source());
        QCOMPARE(textAt(w.feature->source(), QStringLiteral("main.tex"), changes[1].toVersion),
                 QStringLiteral("First draft.\n"));
    }

    void restoringTheProjectBringsADeletedFileBack()
    {
        QTemporaryDir project;
        QVERIFY(writeText(project.filePath(QStringLiteral("main.tex")), QStringLiteral("\\input{intro}\n")));
        QVERIFY(writeText(project.filePath(QStringLiteral("intro.tex")), QStringLiteral("The introduction.\n")));
        QVERIFY(writeText(project.filePath(QStringLiteral("method.tex")), QStringLiteral("The method.\n")));
        Window w(project.path());
        w.settle();
        const qint64 version = changesOf(w.feature->source()).first().toVersion;

        QVERIFY(QFile::remove(project.filePath(QStringLiteral("intro.tex"))));
        w.feature->pathRemoved(QStringLiteral("intro.tex"));
        QVERIFY(QDir(project.path()).rename(QStringLiteral("method.tex"), QStringLiteral("methods.tex")));
        w.feature->pathRenamed(QStringLiteral("method.tex"), QStringLiteral("methods.tex"));
        QVERIFY(writeText(project.filePath(QStringLiteral("later.tex")), QStringLiteral("Written later.\n")));
        w.feature->fileCreated(QStringLiteral("later.tex"));
        QVERIFY(writeText(project.filePath(QStringLiteral("untracked.tex")), QStringLiteral("x")));
        w.settle();

        QSignalSpy restored(w.feature, &HistoryFeature::restored);
        w.feature->restoreProject(version);
        QVERIFY(restored.wait(10000));
        QCOMPARE(readText(project.filePath(QStringLiteral("intro.tex"))), QStringLiteral("The introduction.\n"));
        QCOMPARE(readText(project.filePath(QStringLiteral("method.tex"))), QStringLiteral("The method.\n"));
        QVERIFY(!QFileInfo::exists(project.filePath(QStringLiteral("methods.tex"))));
        QVERIFY(!QFileInfo::exists(project.filePath(QStringLiteral("later.tex"))));
        QCOMPARE(readText(project.filePath(QStringLiteral("main.tex"))), QStringLiteral("\\input{intro}\n"));
        // Written after the scan, never recorded: not the history's to remove.
        QVERIFY(QFileInfo::exists(project.filePath(QStringLiteral("untracked.tex"))));
        QVERIFY(restored.first().first().toString().contains(QStringLiteral("intro.tex")));

        // The project now is the project then; method.tex is the same file as before its rename.
        w.settle();
        auto then = await<h::ProjectTree>([&](auto reply) { w.feature->source()->treeAt(version, reply); });
        auto now = await<h::ProjectTree>([&](auto reply) { w.feature->source()->treeAt(-1, reply); });
        QVERIFY(then && *then && now && *now);
        auto idOf = [](const h::ProjectTree &tree, const QString &path) {
            for (const h::VersionEntry &entry : tree.entries) {
                if (entry.path == path)
                    return entry.entryId;
            }
            return QString();
        };
        QCOMPARE(idOf(now->value(), QStringLiteral("method.tex")), idOf(then->value(), QStringLiteral("method.tex")));
        QVERIFY(!idOf(now->value(), QStringLiteral("intro.tex")).isEmpty());
    }

    // A deleted folder comes back in one action with one message naming the folder, its
    // text files and a binary one as they were; files outside it stay as they are now, and
    // a file made in it since stays. Selecting the change that deleted it restores it as
    // it was before that change (at the change's end it has no files).
    void restoringAFolderBringsItsFilesBackTogetherInOneAction()
    {
        QTemporaryDir project;
        QVERIFY(writeText(project.filePath(QStringLiteral("main.tex")), QStringLiteral("\\input{chapters/one}\n")));
        QVERIFY(writeText(project.filePath(QStringLiteral("chapters/one.tex")), QStringLiteral("Chapter one.\n")));
        QVERIFY(writeText(project.filePath(QStringLiteral("chapters/two.tex")), QStringLiteral("Chapter two.\n")));
        QVERIFY(writeText(project.filePath(QStringLiteral("chapters/figures/plot.dat")), QStringLiteral("1 2\n3 4\n")));
        Window w(project.path());
        w.settle();
        // Events more than a second apart are changes of their own; a folder's deletion
        // (its files, then the folder) is one change, as in the app. (Read when the history opens.)
        w.feature->setProject(Project());
        w.feature->localHistory()->setChangeGrouping({1000, 1000});
        w.feature->setProject(Project(project.path()));
        w.settle();
        QTest::qWait(1100);

        editor::LatexEditor *main = w.open(QStringLiteral("main.tex"));
        typeAtEnd(main, QStringLiteral("Typed after.\n"));
        QVERIFY(w.tabs->save(QStringLiteral("main.tex")));
        w.settle();
        QTest::qWait(1100);
        QVERIFY(QDir(project.filePath(QStringLiteral("chapters"))).removeRecursively());
        w.feature->pathRemoved(QStringLiteral("chapters"));
        w.settle();

        // The change that deleted the folder, as the History view lists it.
        w.showHistory.trigger();
        QSignalSpy refreshed(w.feature, &HistoryFeature::refreshed);
        w.feature->refresh();
        QVERIFY(refreshed.wait(10000));
        QTreeWidget *list = w.feature->panel()->changesList();
        QVERIFY(list->topLevelItemCount() >= 3);
        list->setCurrentItem(list->topLevelItem(0));
        const HistoryPanel::Selection deleting = w.feature->panel()->selection();
        QVERIFY2(deleting.folders.contains(QStringLiteral("chapters")), qPrintable(deleting.files.join(u' ')));
        w.feature->panel()->setFiles(deleting.files, QStringLiteral("chapters"));
        QCOMPARE(w.feature->panel()->currentFolder(), QStringLiteral("chapters"));
        auto *button = w.feature->panel()->findChild<QPushButton *>(QStringLiteral("historyRestoreFolder"));
        QVERIFY(button && button->isEnabled());
        QVERIFY(button->toolTip().contains(QStringLiteral("chapters")));

        QVERIFY(writeText(project.filePath(QStringLiteral("chapters/new.tex")), QStringLiteral("Made since.\n")));
        QSignalSpy restored(w.feature, &HistoryFeature::restored);
        button->click();
        QVERIFY(restored.wait(10000));
        QTest::qWait(200);
        QCOMPARE(restored.size(), 1); // one action, one message
        const QString message = restored.first().first().toString();
        QCOMPARE(readText(project.filePath(QStringLiteral("chapters/one.tex"))), QStringLiteral("Chapter one.\n"));
        QCOMPARE(readText(project.filePath(QStringLiteral("chapters/two.tex"))), QStringLiteral("Chapter two.\n"));
        QCOMPARE(readText(project.filePath(QStringLiteral("chapters/figures/plot.dat"))), QStringLiteral("1 2\n3 4\n"));
        QCOMPARE(readText(project.filePath(QStringLiteral("chapters/new.tex"))), QStringLiteral("Made since.\n"));
        QCOMPARE(readText(project.filePath(QStringLiteral("main.tex"))), QStringLiteral("\\input{chapters/one}\nTyped after.\n"));
        // "3 files" with the English plural forms installed.
        QVERIFY2(message.contains(QStringLiteral("created again chapters (3 file")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("one.tex")), qPrintable(message));

        // Restoring it again changes nothing, and says so about the folder.
        w.settle();
        w.feature->restoreFolder(QStringLiteral("chapters"), deleting.restoreVersion, deleting.fromVersion);
        QVERIFY(restored.wait(10000));
        QVERIFY2(restored.last().first().toString().contains(QStringLiteral("files of chapters are as they were")),
                 qPrintable(restored.last().first().toString()));
        // A folder the project never had.
        w.feature->restoreFolder(QStringLiteral("appendix"), deleting.restoreVersion);
        QVERIFY(restored.wait(10000));
        QVERIFY(restored.last().first().toString().contains(QStringLiteral("appendix had no files")));
    }

    void historySearchFindsADeletedSentence()
    {
        QTemporaryDir project;
        QVERIFY(writeText(project.filePath(QStringLiteral("main.tex")), QStringLiteral("Start.\n")));
        Window w(project.path());
        editor::LatexEditor *e = w.open(QStringLiteral("main.tex"));
        w.settle();
        typeAtEnd(e, QStringLiteral("The lost sentence is here.\n"));
        w.settle();
        QTextCursor cursor(e->document());
        cursor.setPosition(7);
        cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
        w.settle();
        QCOMPARE(e->toPlainText(), QStringLiteral("Start.\n"));

        QSignalSpy searched(w.feature, &HistoryFeature::searched);
        w.feature->searchHistory(QStringLiteral("lost sentence"));
        QVERIFY(searched.wait(10000));
        QTreeWidget *hits = w.feature->panel()->searchList();
        QCOMPARE(hits->topLevelItemCount(), 1);
        QCOMPARE(hits->topLevelItem(0)->text(0), QStringLiteral("main.tex"));
        QVERIFY(!hits->topLevelItem(0)->text(2).isEmpty()); // where it disappeared

        // Activating it shows the change that deleted it, struck through.
        QSignalSpy shown(w.feature, &HistoryFeature::versionShown);
        Q_EMIT hits->itemActivated(hits->topLevelItem(0), 0);
        QVERIFY(shown.wait(10000));
        VersionView *view = w.feature->panel()->versionView();
        QCOMPARE(view->deletedCount(), 1);
        bool found = false;
        for (const h::DiffSegment &segment : view->segments())
            found |= segment.kind == h::DiffSegment::Kind::Deleted && segment.text.contains(QStringLiteral("lost sentence"));
        QVERIFY(found);
    }

    void comparingTwoVersionsMarksWhatWasInsertedAndDeleted()
    {
        QTemporaryDir project;
        QVERIFY(writeText(project.filePath(QStringLiteral("main.tex")), QStringLiteral("alpha beta gamma\n")));
        Window w(project.path());
        editor::LatexEditor *e = w.open(QStringLiteral("main.tex"));
        w.settle();
        QTextCursor cursor(e->document());
        cursor.setPosition(0);
        cursor.insertText(QStringLiteral("delta "));
        w.settle();
        cursor.setPosition(12);
        cursor.setPosition(17, QTextCursor::KeepAnchor); // "beta "
        QCOMPARE(cursor.selectedText(), QStringLiteral("beta "));
        cursor.removeSelectedText();
        w.settle();

        QSignalSpy refreshed(w.feature, &HistoryFeature::refreshed);
        w.showHistory.trigger();
        QVERIFY(refreshed.wait(10000) || refreshed.count() > 0);
        const QList<h::Change> changes = changesOf(w.feature->source());
        QCOMPARE(changes.size(), 3);
        QSignalSpy shown(w.feature, &HistoryFeature::versionShown);
        QVERIFY(w.feature->panel()->selectVersions({changes[0].toVersion, changes[2].toVersion}));
        QVERIFY(shown.wait(10000));
        const HistoryPanel::Selection s = w.feature->panel()->selection();
        QVERIFY(s.compare);
        QCOMPARE(s.fromVersion, changes[2].toVersion);
        QCOMPARE(s.toVersion, changes[0].toVersion);
        VersionView *view = w.feature->panel()->versionView();
        QCOMPARE(view->insertedCount(), 1);
        QCOMPARE(view->deletedCount(), 1);
        QList<h::DiffSegment> marked;
        for (const h::DiffSegment &segment : view->segments()) {
            if (segment.kind != h::DiffSegment::Kind::Same)
                marked << segment;
        }
        QCOMPARE(marked.size(), 2);
        QCOMPARE(marked[0].kind, h::DiffSegment::Kind::Inserted);
        QCOMPARE(marked[0].text, QStringLiteral("delta "));
        QCOMPARE(marked[1].kind, h::DiffSegment::Kind::Deleted);
        QCOMPARE(marked[1].text, QStringLiteral("beta "));
        QCOMPARE(view->toPlainText(), QStringLiteral("delta alpha beta gamma\n"));
        QVERIFY(!view->extraSelections().isEmpty());
    }

    void aLabelNamesAVersionAndAVersionDownloadsAsAZip()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
            QSKIP("unzip is not installed");
        QTemporaryDir project;
        QVERIFY(writeText(project.filePath(QStringLiteral("main.tex")), QStringLiteral("Submitted text.\n")));
        QVERIFY(coauthor::test::writeBytes(project.filePath(QStringLiteral("figures/plot.png")),
                                           QByteArray("\x89PNG\r\n\x1a\nplot", 12)));
        Window w(project.path());
        w.settle();
        const qint64 submitted = changesOf(w.feature->source()).first().toVersion;
        QSignalSpy labelled(w.feature, &HistoryFeature::labelAdded);
        w.feature->addLabel(QStringLiteral("Submitted to the journal"), submitted);
        QVERIFY(labelled.wait(10000));
        editor::LatexEditor *e = w.open(QStringLiteral("main.tex"));
        typeAtEnd(e, QStringLiteral("Revised.\n"));
        w.settle();

        QSignalSpy refreshed(w.feature, &HistoryFeature::refreshed);
        w.feature->refresh();
        QVERIFY(refreshed.wait(10000));
        bool listed = false;
        QTreeWidget *list = w.feature->panel()->changesList();
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            listed |= list->topLevelItem(i)->text(2).contains(QStringLiteral("Submitted to the journal"));
        QVERIFY(listed);

        QTemporaryDir out;
        const QString zip = out.filePath(QStringLiteral("submitted.zip"));
        QSignalSpy downloaded(w.feature, &HistoryFeature::downloaded);
        w.feature->downloadZip(submitted, zip);
        QVERIFY(downloaded.wait(10000));
        QProcess read;
        read.start(QStringLiteral("unzip"), {QStringLiteral("-p"), zip, QStringLiteral("main.tex")});
        QVERIFY(read.waitForFinished());
        QCOMPARE(read.readAllStandardOutput(), QByteArray("Submitted text.\n"));
        read.start(QStringLiteral("unzip"), {QStringLiteral("-p"), zip, QStringLiteral("figures/plot.png")});
        QVERIFY(read.waitForFinished());
        QCOMPARE(read.readAllStandardOutput(), QByteArray("\x89PNG\r\n\x1a\nplot", 12));
    }

private:
    QTemporaryDir m_state;
};

QTEST_MAIN(HistoryTest)
#include "tst_history.moc"
