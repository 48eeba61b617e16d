// An unshared project survives a crash of the app: a real app process
// (app_crash_typist, a MainWindow) types into a file without saving and is
// killed with SIGKILL; the next start (a MainWindow here) gives the unsaved
// text back in the file's tab, marked modified and not written to the file,
// and says so in the status bar. Saving still writes the file; a normal close
// with "Discard" leaves nothing to recover.

#include "apptestsupport.h"
#include "app/editors/editortabs.h"
#include "app/editors/unsavedjournal.h"
#include "app/project/appsettings.h"
#include "app/ui/appresources.h"
#include "app/ui/appstatusbar.h"
#include "app/ui/mainwindow.h"
#include "editor/latexeditor.h"
#include "sync/client/journal.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTimer>

#include <memory>

#include <signal.h>

using namespace coauthor;
using namespace coauthor::app;

namespace {

const QString notesFile = QStringLiteral("notes.tex");
// No \documentclass: the project has no root document, so nothing compiles.
const QString notesText = QStringLiteral("Notes kept on disk.\n");

// Answers the next message box with the button that has role.
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, [button] {
        QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        box->button(button)->click();
    });
}

} // namespace

class CrashRecoveryTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_state;
    QString m_project;

    std::unique_ptr<MainWindow> start()
    {
        auto w = std::make_unique<MainWindow>(m_state + QStringLiteral("/compiles"));
        w->show();
        if (!w->openProject(m_project))
            return nullptr;
        return w;
    }

    QString diskText() const { return test::readText(m_project + u'/' + notesFile); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        initAppResources();
        m_state = m_tmp.filePath(QStringLiteral("state"));
        test::isolateUserState(m_state);
        AppSettings settings = AppSettings::load();
        settings.autoCompile = false;
        settings.save();
        m_project = QFileInfo(m_tmp.filePath(QStringLiteral("notes"))).absoluteFilePath();
        QVERIFY(QDir().mkpath(m_project));
        QVERIFY(test::writeText(m_project + u'/' + notesFile, notesText));
    }

    void killNineKeepsTheUnsavedTextAndTheNextStartGivesItBack()
    {
        const QString typed = QStringLiteral("Typed before the crash. ");
        QProcess typist;
        typist.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        typist.start(QStringLiteral(COAUTHOR_CRASH_TYPIST), {m_state, m_project, notesFile, typed});
        QVERIFY(typist.waitForStarted());
        QByteArray said;
        QObject::connect(&typist, &QProcess::readyReadStandardOutput, [&] { said += typist.readAllStandardOutput(); });
        QTRY_VERIFY_WITH_TIMEOUT(said.contains("typed") || typist.state() == QProcess::NotRunning, 30000);
        QCOMPARE(typist.state(), QProcess::Running);
        ::kill(pid_t(typist.processId()), SIGKILL);
        QVERIFY(typist.waitForFinished(5000));
        QCOMPARE(typist.exitStatus(), QProcess::CrashExit);
        QCOMPARE(diskText(), notesText); // it never saved

        auto w = start();
        QVERIFY(w);
        editor::LatexEditor *e = w->editorTabs()->editorFor(notesFile);
        QVERIFY(e);
        QCOMPARE(e->toPlainText(), typed + notesText);
        QVERIFY(w->editorTabs()->isModified(notesFile));
        QCOMPARE(diskText(), notesText); // restored into the tab, not written
        const QString message = w->appStatusBar()->currentMessage();
        QVERIFY2(message.contains(QStringLiteral("did not close properly")) && message.contains(notesFile),
                 qPrintable(message));

        // An explicit Save writes it, and then there is nothing left to recover.
        QVERIFY(w->editorTabs()->saveCurrent());
        QCOMPARE(diskText(), typed + notesText);
        w.reset(); // gone without a close, as in a crash
        auto again = start();
        QVERIFY(again);
        QVERIFY(!again->editorTabs()->isModified(notesFile));
        QVERIFY(!again->appStatusBar()->currentMessage().contains(QStringLiteral("did not close properly")));
        QVERIFY(again->closeProject());
        QVERIFY(test::writeText(m_project + u'/' + notesFile, notesText));
    }

    // Removed while the app was down: the text comes back as the file, not nowhere.
    void theUnsavedTextOfAFileRemovedMeanwhileComesBackAsTheFile()
    {
        const QString typed = QStringLiteral("Only here. ");
        auto w = start();
        QVERIFY(w);
        w->openLocation(notesFile, 1);
        QTest::keyClicks(w->editorTabs()->editorFor(notesFile), typed);
        QTest::qWait(100); // journaled
        w.reset(); // gone without a close, as in a crash
        QVERIFY(QFile::remove(m_project + u'/' + notesFile));

        auto again = start();
        QVERIFY(again);
        QCOMPARE(diskText(), typed + notesText);
        QVERIFY(again->editorTabs()->editorFor(notesFile));
        QCOMPARE(again->editorTabs()->editorFor(notesFile)->toPlainText(), typed + notesText);
        QVERIFY(again->appStatusBar()->currentMessage().contains(notesFile));
        QVERIFY(again->closeProject());
        QVERIFY(test::writeText(m_project + u'/' + notesFile, notesText));
    }

    // Past UnsavedJournal::compactAfterBytes the journal is rewritten as one
    // Base per file; what comes back is still every edit, in order.
    void aJournalCompactedWhileTypingStillGivesEverythingBack()
    {
        auto w = start();
        QVERIFY(w);
        w->openLocation(notesFile, 1);
        editor::LatexEditor *e = w->editorTabs()->editorFor(notesFile);
        const QString chunk = QStringLiteral("A pasted paragraph of the long report.\n").repeated(
            int(UnsavedJournal::compactAfterBytes / 40 / 2) + 1000);
        QTextCursor cursor(e->document());
        cursor.insertText(chunk); // the Base
        cursor.insertText(chunk); // a Local as large: past the limit
        QTest::keyClicks(e, QStringLiteral("Typed after. "));
        QTest::qWait(100); // journaled
        const QString expected = e->toPlainText();
        w.reset(); // gone without a close, as in a crash
        {
            // Compacted: one Base with the whole text, then only the keys typed after.
            sync::Journal journal;
            QVERIFY(journal.open(UnsavedJournal::directoryFor(m_project)));
            const QList<sync::JournalRecord> records = journal.recovered();
            QCOMPARE(records.first().kind, sync::JournalRecord::Kind::Base);
            QCOMPARE(records.first().text, chunk + chunk + notesText);
            for (qsizetype i = 1; i < records.size(); ++i)
                QVERIFY(records.at(i).kind == sync::JournalRecord::Kind::Local && records.at(i).op.components().size() == 1);
        }

        auto again = start();
        QVERIFY(again);
        QCOMPARE(again->editorTabs()->editorFor(notesFile)->toPlainText(), expected);
        QVERIFY(again->editorTabs()->isModified(notesFile));
        answerNextMessageBox(QMessageBox::Discard);
        QVERIFY(again->closeProject());
        QCOMPARE(diskText(), notesText);
    }

    void discardingOnCloseLeavesNothingToRecover()
    {
        auto w = start();
        QVERIFY(w);
        w->openLocation(notesFile, 1);
        editor::LatexEditor *e = w->editorTabs()->editorFor(notesFile);
        QVERIFY(e);
        QTest::keyClicks(e, QStringLiteral("Thrown away. "));
        QVERIFY(w->editorTabs()->isModified(notesFile));
        QTest::qWait(100); // journaled
        answerNextMessageBox(QMessageBox::Discard);
        QVERIFY(w->closeProject());
        QVERIFY(!QFileInfo::exists(UnsavedJournal::directoryFor(m_project)));
        // What .coauthor/ still holds is the project's local history (app/history), not unsaved text.
        const QStringList left = QDir(m_project + QStringLiteral("/.coauthor")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        QVERIFY2(left.isEmpty() || left == QStringList{QStringLiteral("history")}, qPrintable(left.join(u' ')));
        w.reset();

        auto again = start();
        QVERIFY(again);
        again->openLocation(notesFile, 1);
        QCOMPARE(again->editorTabs()->editorFor(notesFile)->toPlainText(), notesText);
        QVERIFY(!again->editorTabs()->isModified(notesFile));
    }
};

QTEST_MAIN(CrashRecoveryTest)
#include "tst_crashrecovery.moc"
