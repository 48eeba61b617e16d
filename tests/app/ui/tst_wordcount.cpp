// Tools → Word Count in the window, on the multi-file thesis of tests/wordcount:
// the dialog's per-file table and totals are TeXcount's, an open editor's unsaved
// text is what is counted, and the status bar shows the selection's words.
#include "apptestsupport.h"

#include "app/compile/compilecontroller.h"
#include "app/editors/editortabs.h"
#include "app/ui/appresources.h"
#include "app/ui/appstatusbar.h"
#include "app/ui/mainwindow.h"
#include "app/ui/wordcountdialog.h"
#include "editor/latexeditor.h"
#include "wordcount/texcounter.h"

#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

#include <memory>

using namespace coauthor;
using namespace coauthor::app;

class WordCountTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_project;
    std::unique_ptr<MainWindow> m_window;

    static QString cell(const WordCountDialog *dialog, int row, int column)
    {
        const QTableWidgetItem *item = dialog->table()->item(row, column);
        return item ? item->text() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        initAppResources();
        m_project = m_tmp.filePath(QStringLiteral("thesis"));
        QVERIFY(test::copyTree(qEnvironmentVariable("COAUTHOR_SOURCE_DIR") + QStringLiteral("/tests/wordcount/data/thesis"),
                               m_project));
        m_window = std::make_unique<MainWindow>(m_tmp.filePath(QStringLiteral("compiles")));
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        AppSettings settings = m_window->settings();
        settings.autoCompile = false;
        m_window->applySettings(settings);
        QVERIFY(m_window->openProject(m_project));
        m_window->compileController()->stop(); // counting needs no PDF
    }

    // The figures are `texcount -inc -brief thesis.tex`'s.
    void theDialogShowsTexcountsFiguresPerFileAndInTotal()
    {
        WordCountDialog *dialog = m_window->showWordCount();
        QVERIFY(dialog);
        QCOMPARE(dialog->table()->rowCount(), 6);
        QCOMPARE(cell(dialog, 0, 0), QStringLiteral("thesis.tex"));
        QCOMPARE(cell(dialog, 2, 0), QStringLiteral("chapters/background.tex"));
        QCOMPARE(cell(dialog, 2, 1), QLocale().toString(88)); // 74 + 7 + 7
        QCOMPARE(cell(dialog, 2, 7), QStringLiteral("5"));    // inline formulas
        QCOMPARE(cell(dialog, 2, 8), QStringLiteral("1"));    // displayed
        QCOMPARE(cell(dialog, 5, 0), QStringLiteral("Total"));
        QCOMPARE(cell(dialog, 5, 1), QLocale().toString(358));
        QCOMPARE(cell(dialog, 5, 2), QLocale().toString(319));
        QCOMPARE(cell(dialog, 5, 5), QStringLiteral("10")); // headers
        QCOMPARE(cell(dialog, 5, 6), QStringLiteral("2"));  // floats
        QVERIFY(dialog->summary().contains(QStringLiteral("358")));
        dialog->close();
    }

    void theOpenEditorsCurrentTextIsCountedNotTheFileOnDisk()
    {
        m_window->openLocation(QStringLiteral("chapters/conclusion.tex"), 0);
        editor::LatexEditor *e = m_window->editorTabs()->editorFor(QStringLiteral("chapters/conclusion.tex"));
        QVERIFY(e);
        QTextCursor cursor(e->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(QStringLiteral("Three more words.\n"));
        WordCountDialog *dialog = m_window->showWordCount();
        QCOMPARE(cell(dialog, 4, 0), QStringLiteral("chapters/conclusion.tex"));
        QCOMPARE(cell(dialog, 4, 2), QStringLiteral("45"));
        QCOMPARE(cell(dialog, 5, 1), QLocale().toString(361));
        dialog->close();
    }

    void theStatusBarShowsTheSelectionsWords()
    {
        editor::LatexEditor *e = m_window->editorTabs()->editorFor(QStringLiteral("chapters/conclusion.tex"));
        QVERIFY(e);
        QTextCursor cursor(e->document()->findBlockByNumber(1));
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        e->setTextCursor(cursor); // (English plural forms come from coauthor_en.qm, not loaded here) "Writing together does not need a permanent connection. A local copy, a journal"
        QTRY_COMPARE(m_window->appStatusBar()->selectionText(), QStringLiteral("13 word(s) selected"));
        cursor.clearSelection();
        e->setTextCursor(cursor);
        QTRY_VERIFY(m_window->appStatusBar()->selectionText().isEmpty());
        // A large selection is counted off the UI thread, and arrives.
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(QString(QStringLiteral("word ")).repeated(8000));
        e->selectAll();
        const int all = wordcount::TexCounter::countText(e->toPlainText()).words();
        QVERIFY(all > 8000);
        QTRY_COMPARE(m_window->appStatusBar()->selectionText(), QStringLiteral("%1 word(s) selected").arg(all));
        cursor.clearSelection();
        e->setTextCursor(cursor);
        QTRY_VERIFY(m_window->appStatusBar()->selectionText().isEmpty());
    }

    void cleanupTestCase()
    {
        m_window->editorTabs()->disconnect();
        m_window.reset();
    }
};

QTEST_MAIN(WordCountTest)
#include "tst_wordcount.moc"
