// The whole desktop app on a copy of the example project, with real latexmk,
// Poppler and SyncTeX: open, compile, PDF page 1 painted, problems at the right
// file:line and clicking them, SyncTeX both ways, completion across files,
// unsaved buffers compiled from memory, auto-compile, session restore.
#include "apptestsupport.h"

#include "app/compile/compilecontroller.h"
#include "app/compile/compilefeature.h"
#include "app/compile/compilestatuslabel.h"
#include "app/compile/problemspanel.h"
#include "app/editors/editortabs.h"
#include "app/pdf/pdftoolbar.h"
#include "app/pdf/pdfview.h"
#include "app/project/projectindexer.h"
#include "app/ui/appactions.h"
#include "app/ui/appresources.h"
#include "app/ui/appstatusbar.h"
#include "app/ui/mainwindow.h"
#include "compile/compileresult.h"
#include "editor/latexeditor.h"
#include "editor/outlineview.h"
#include "editor/projectindex.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTreeWidget>

#include <memory>

using namespace coauthor;
using namespace coauthor::app;

namespace {

constexpr int compileTimeoutMs = 90000;

// Waits for the next compile to finish; returns its result.
compile::CompileResult waitForCompile(QSignalSpy &finished, int before)
{
    if (!QTest::qWaitFor([&] { return finished.count() > before; }, compileTimeoutMs))
        return {};
    return finished.last().at(0).value<CompileOutcome>().result;
}

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_project;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QSignalSpy> m_finished;
    std::unique_ptr<QSignalSpy> m_painted;
    QSize m_windowSize;

    CompileController *controller() const { return m_window->compileController(); }

    // Compiles now and waits; the PDF view is up to date when it returns.
    compile::CompileResult compileAndWait()
    {
        const int before = int(m_finished->count());
        controller()->compile();
        return waitForCompile(*m_finished, before);
    }

    editor::LatexEditor *open(const QString &file, int line = 0)
    {
        m_window->openLocation(file, line);
        return m_window->editorTabs()->editorFor(file);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        initAppResources();
        m_project = test::isolatedExampleProject(m_tmp.path());
        QVERIFY(!m_project.isEmpty());
        m_project = QFileInfo(m_project).canonicalFilePath();

        m_window = std::make_unique<MainWindow>(m_tmp.filePath(QStringLiteral("compiles")));
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->isShowingWelcome());
        m_finished = std::make_unique<QSignalSpy>(controller(), &CompileController::finished);
        m_painted = std::make_unique<QSignalSpy>(m_window->pdfView(), &PdfView::firstPagePainted);
        // Typing must not start compiles behind the tests' backs, except in the auto-compile test.
        AppSettings settings = m_window->settings();
        settings.autoCompile = false;
        m_window->applySettings(settings);
    }

    void openingTheProjectCompilesAndShowsPageOne()
    {
        QVERIFY(m_window->openProject(m_project));
        QVERIFY(!m_window->isShowingWelcome());
        QCOMPARE(m_window->editorTabs()->currentFile(), QStringLiteral("main.tex"));
        QVERIFY(m_window->compileFeature()->statusLabel()->text().contains(QStringLiteral("Compiling")));
        const compile::CompileResult result = waitForCompile(*m_finished, 0);
        QCOMPARE(result.status, compile::CompileStatus::Success);
        QVERIFY(m_window->pdfView()->pageCount() >= 2);
        QTRY_VERIFY_WITH_TIMEOUT(m_painted->count() > 0, 10000);
        QVERIFY2(m_window->compileFeature()->statusLabel()->text().contains(QStringLiteral("Compiled")),
                 qPrintable(m_window->compileFeature()->statusLabel()->text()));
        QCOMPARE(m_window->problemsPanel()->count(Problem::Kind::Error), 0);
        QVERIFY(m_window->problemsPanel()->rawLog().contains(QStringLiteral("Output written")));
        // The PDF tool bar follows the view.
        QVERIFY2(m_window->pdfToolBar()->pageText().contains(QString::number(m_window->pdfView()->pageCount())),
                 qPrintable(m_window->pdfToolBar()->pageText()));
        QComboBox *zoom = m_window->pdfToolBar()->zoomBox();
        zoom->setCurrentIndex(1);
        Q_EMIT zoom->activated(1);
        QCOMPARE(m_window->pdfView()->zoomMode(), PdfView::ZoomMode::FitPage);
        m_window->actions()->fitWidth->trigger();
        QCOMPARE(m_window->pdfView()->zoomMode(), PdfView::ZoomMode::FitWidth);
        QCOMPARE(zoom->currentIndex(), 0);
        // The outline follows \input into sections/.
        const QList<editor::OutlineEntry> outline = m_window->outlineView()->entries();
        QVERIFY(std::any_of(outline.cbegin(), outline.cend(), [](const editor::OutlineEntry &e) {
            return e.title == QLatin1String("Method") && e.file == QLatin1String("sections/method.tex");
        }));
    }

    // File → Export PDF: the compiled PDF, byte for byte, where the user chose; a PDF that
    // was there is replaced, and a folder that cannot be written is said, not silent.
    void exportPdfWritesTheCompiledPdfWhereChosen()
    {
        QTemporaryDir out;
        const QString target = out.filePath(QStringLiteral("paper.pdf"));
        QVERIFY(test::writeText(target, QStringLiteral("an old export")));
        QString error;
        QVERIFY2(m_window->compileFeature()->exportPdf(target, &error), qPrintable(error));
        const QByteArray pdf = test::readBytes(target);
        QVERIFY(pdf.startsWith("%PDF-"));
        QCOMPARE(pdf, test::readBytes(m_window->compileController()->previewPdfPath()));
        QVERIFY(!QFileInfo::exists(target + QStringLiteral(".part")));
        QVERIFY(!m_window->compileFeature()->exportPdf(out.filePath(QStringLiteral("missing/x.pdf")), &error));
        QVERIFY2(error.contains(QLatin1String("missing")), qPrintable(error));
        QVERIFY(m_window->actions()->exportPdf->isEnabled());
    }

    void completionOffersLabelsFromOtherFiles()
    {
        auto *e = open(QStringLiteral("main.tex"));
        QVERIFY(e);
        QCOMPARE(e->projectIndex(), m_window->projectIndex());
        QVERIFY(m_window->projectIndex()->labels().contains(QStringLiteral("sec:method")));
        e->setFocus();
        e->moveCursor(QTextCursor::Start);
        QTest::keyClicks(e, QStringLiteral("\\ref{sec:me"));
        e->showCompletion();
        QAbstractItemModel *model = e->completer()->completionModel();
        QStringList offered;
        for (int row = 0; row < model->rowCount(); ++row)
            offered << model->index(row, 0).data().toString();
        QVERIFY2(offered.contains(QStringLiteral("sec:method")), qPrintable(offered.join(u',')));
        e->document()->undo(); // typing is one or more undo steps; restore the file text
        while (e->document()->isUndoAvailable())
            e->document()->undo();
        QVERIFY(!e->toPlainText().startsWith(QStringLiteral("\\ref")));
        QVERIFY(!m_window->editorTabs()->isModified(QStringLiteral("main.tex")));
    }

    void aSourceLineLeadsToItsPlaceInThePdfAndBack()
    {
        auto *e = open(QStringLiteral("sections/method.tex"), 4);
        QVERIFY(e);
        QCOMPARE(e->currentLine(), 4);
        const auto location = m_window->syncTex().forward(QStringLiteral("sections/method.tex"), 4);
        QVERIFY(location);
        QVERIFY(location->page >= 1);
        QVERIFY(!location->rects.isEmpty());
        QVERIFY(m_window->showCurrentLineInPdf()); // Ctrl+J

        // Ctrl+click in the PDF: the view asks for the source of that point.
        m_window->openLocation(QStringLiteral("main.tex"), 1);
        Q_EMIT m_window->pdfView()->inverseSearchRequested(location->page, location->rects.first().center());
        QCOMPARE(m_window->editorTabs()->currentFile(), QStringLiteral("sections/method.tex"));
        const int line = m_window->editorTabs()->currentEditor()->currentLine();
        QVERIFY2(qAbs(line - 4) <= 1, qPrintable(QString::number(line)));
    }

    void unsavedBufferIsCompiledFromMemory()
    {
        auto *e = open(QStringLiteral("sections/conclusion.tex"));
        QVERIFY(e);
        const QString onDisk = test::readText(m_project + QStringLiteral("/sections/conclusion.tex"));
        e->moveCursor(QTextCursor::End);
        e->insertPlainText(QStringLiteral("Wombatmarker appears only in memory.\n"));
        QVERIFY(m_window->editorTabs()->isModified(QStringLiteral("sections/conclusion.tex")));
        const compile::CompileResult result = compileAndWait();
        QCOMPARE(result.status, compile::CompileStatus::Success);
        QVERIFY(m_window->pdfView()->find(QStringLiteral("Wombatmarker")));
        QCOMPARE(test::readText(m_project + QStringLiteral("/sections/conclusion.tex")), onDisk);
        // SyncTeX of this build, parsed by the pool a moment after the compile (not by a query).
        QTest::qWait(600);
        QVERIFY(m_window->syncTex().forward(QStringLiteral("sections/conclusion.tex"), 1));
        QVERIFY(m_window->editorTabs()->isModified(QStringLiteral("sections/conclusion.tex")));
        // Ctrl+S writes it.
        m_window->actions()->save->trigger();
        QVERIFY(test::readText(m_project + QStringLiteral("/sections/conclusion.tex")).contains(QStringLiteral("Wombatmarker")));
    }

    void brokenDocumentShowsErrorAtFileAndLine()
    {
        auto *e = open(QStringLiteral("sections/method.tex"));
        QVERIFY(e);
        // Line 6 becomes an undefined command.
        QTextCursor cursor(e->document()->findBlockByNumber(5));
        cursor.insertText(QStringLiteral("\\undefinedcommandxyz "));
        const compile::CompileResult result = compileAndWait();
        QVERIFY(!result.buildId.isEmpty());

        ProblemsPanel *panel = m_window->problemsPanel();
        QVERIFY(panel->count(Problem::Kind::Error) >= 1);
        const Problem first = panel->problems().first();
        QCOMPARE(first.kind, Problem::Kind::Error);
        QCOMPARE(first.file, QStringLiteral("sections/method.tex"));
        QCOMPARE(first.line, 6);
        QVERIFY2(m_window->compileFeature()->statusLabel()->text().contains(QStringLiteral("failed")),
                 qPrintable(m_window->compileFeature()->statusLabel()->text()));
        QVERIFY(m_window->problemsPanel()->title().contains(u'1'));
        // The editor marks the line.
        const QList<editor::Diagnostic> marks = e->diagnostics();
        QVERIFY(std::any_of(marks.cbegin(), marks.cend(), [](const editor::Diagnostic &d) {
            return d.line == 6 && d.severity == editor::Diagnostic::Severity::Error;
        }));

        // Clicking the problem opens the file at that line.
        open(QStringLiteral("main.tex"), 1);
        QTreeWidget *list = panel->list();
        list->scrollToTop();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->topLevelItem(0)).center());
        QCOMPARE(m_window->editorTabs()->currentFile(), QStringLiteral("sections/method.tex"));
        QCOMPARE(m_window->editorTabs()->currentEditor()->currentLine(), 6);

        // Fixed again: the next compile is clean (and full, after the failure).
        e->document()->undo();
        QVERIFY(!e->toPlainText().contains(QStringLiteral("undefinedcommandxyz")));
        QCOMPARE(compileAndWait().status, compile::CompileStatus::Success);
        QCOMPARE(panel->count(Problem::Kind::Error), 0);
        QVERIFY(e->diagnostics().isEmpty() || std::none_of(e->diagnostics().cbegin(), e->diagnostics().cend(),
                                                            [](const editor::Diagnostic &d) {
                                                                return d.severity == editor::Diagnostic::Severity::Error;
                                                            }));
    }

    void autoCompileFiresAfterTypingStops()
    {
        AppSettings settings = m_window->settings();
        settings.autoCompile = true;
        settings.autoCompileDelayMs = 400;
        m_window->applySettings(settings);
        QSignalSpy started(controller(), &CompileController::started);
        auto *e = open(QStringLiteral("sections/results.tex"), 3);
        QVERIFY(e);
        const int before = int(m_finished->count());
        e->setFocus();
        QTest::keyClicks(e, QStringLiteral("Auto "));
        QCOMPARE(started.count(), 0); // not on every keystroke
        QTRY_VERIFY_WITH_TIMEOUT(started.count() == 1, 5000);
        QCOMPARE(waitForCompile(*m_finished, before).status, compile::CompileStatus::Success);
        QTest::qWait(600);
        QCOMPARE(started.count(), 1); // once per pause, not again without typing
        settings.autoCompile = false;
        m_window->applySettings(settings);
        QVERIFY(m_window->editorTabs()->saveAll());
    }

    void newerRequestSupersedesQueuedOne()
    {
        QSignalSpy started(controller(), &CompileController::started);
        const int before = int(m_finished->count());
        controller()->compile();
        controller()->compile();
        controller()->compile();
        QVERIFY(controller()->isCompiling());
        QVERIFY(controller()->hasQueued());
        QVERIFY(QTest::qWaitFor([&] { return m_finished->count() >= before + 2; }, compileTimeoutMs));
        QTest::qWait(300);
        QCOMPARE(m_finished->count(), before + 2); // three requests, two compiles
        QCOMPARE(started.count(), 2);
    }

    void conflictIsRetriedInFull()
    {
        QCOMPARE(compileAndWait().status, compile::CompileStatus::Success); // the next one is incremental
        const QString compileDir = controller()->lastResult().compileDir;
        QVERIFY(!compileDir.isEmpty());
        // The compile directory no longer matches the stored state: incremental sync reports a Conflict.
        QVERIFY(QFile::remove(compileDir + QStringLiteral("/sections/method.tex")));
        QSignalSpy started(controller(), &CompileController::started);
        const int before = int(m_finished->count());
        const compile::CompileResult result = compileAndWait();
        QCOMPARE(result.status, compile::CompileStatus::Success);
        QCOMPARE(started.count(), 2); // the incremental attempt, then the full retry at once
        QTest::qWait(200);
        QCOMPARE(m_finished->count(), before + 1); // the Conflict itself is not reported
        QVERIFY(QFile::exists(compileDir + QStringLiteral("/sections/method.tex")));
    }

    void sessionIsRestored()
    {
        auto *e = open(QStringLiteral("sections/method.tex"), 12);
        QVERIFY(e);
        open(QStringLiteral("references.bib"), 3);
        open(QStringLiteral("sections/method.tex"), 12);
        // A size other than the default, and the outline dock closed: both come back.
        m_window->resize(1280, 820);
        QTRY_COMPARE(m_window->size(), QSize(1280, 820));
        m_windowSize = m_window->size();
        m_window->splitter()->setSizes({650, 450});
        const QList<int> sizes = m_window->splitter()->sizes();
        const QStringList files = m_window->editorTabs()->openFiles();
        auto dockOf = [](MainWindow &window, QWidget *content) -> QDockWidget * {
            const QList<QDockWidget *> docks = window.findChildren<QDockWidget *>();
            for (QDockWidget *dock : docks) {
                if (dock->widget() == content)
                    return dock;
            }
            return nullptr;
        };
        QDockWidget *outlineDock = dockOf(*m_window, m_window->outlineView());
        QVERIFY(outlineDock);
        outlineDock->hide();
        QVERIFY(m_window->close()); // saves the session
        m_window.reset();

        MainWindow again(m_tmp.filePath(QStringLiteral("compiles")));
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(QSettings().value(QStringLiteral("session/lastProject")).toString(), m_project);
        QVERIFY(again.openProject(m_project));
        QCOMPARE(again.editorTabs()->openFiles(), files);
        QCOMPARE(again.editorTabs()->currentFile(), QStringLiteral("sections/method.tex"));
        QCOMPARE(again.editorTabs()->currentEditor()->currentLine(), 12);
        QCOMPARE(again.editorTabs()->editorFor(QStringLiteral("references.bib"))->currentLine(), 3);
        QTRY_VERIFY(again.splitter()->sizes().value(0) > 0);
        const QList<int> restored = again.splitter()->sizes();
        QVERIFY2(qAbs(restored.value(0) - sizes.value(0)) <= 2 && qAbs(restored.value(1) - sizes.value(1)) <= 2,
                 qPrintable(QStringLiteral("%1,%2").arg(restored.value(0)).arg(restored.value(1))));
        QCOMPARE(again.size(), m_windowSize);
        QVERIFY(dockOf(again, again.outlineView()) && dockOf(again, again.outlineView())->isHidden());
        QVERIFY(dockOf(again, again.problemsPanel()) && !dockOf(again, again.problemsPanel())->isHidden());
        again.compileController()->stop();
    }

    // Issue 15: a project opened again shows its last build's PDF at once, marked as from the
    // last session, while its first compile runs; that compile's PDF then replaces it.
    void reopeningShowsTheLastSessionsPdfBeforeTheCompileEnds()
    {
        MainWindow window(m_tmp.filePath(QStringLiteral("compiles")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy finished(window.compileController(), &CompileController::finished);
        QVERIFY(window.openProject(m_project));
        QVERIFY(window.compileController()->isCompiling());
        QVERIFY(!window.compileFeature()->lastSessionPdf().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(window.pdfView()->pageCount() >= 2, 5000);
        QCOMPARE(finished.count(), 0); // the pages came before the compile ended
        const QString status = window.compileFeature()->statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("Compiling")) && status.contains(QStringLiteral("from the last session")),
                 qPrintable(status));

        const compile::CompileResult result = waitForCompile(finished, 0);
        QCOMPARE(result.status, compile::CompileStatus::Success);
        QVERIFY(!window.compileFeature()->statusLabel()->text().contains(QStringLiteral("last session")));
        QVERIFY(window.compileFeature()->lastSessionPdf().isEmpty());
        QVERIFY(window.pdfView()->pageCount() >= 2);
    }

    // A project never compiled before has no old PDF to show.
    void aProjectNeverCompiledShowsNoOldPdf()
    {
        const QString fresh = m_tmp.filePath(QStringLiteral("fresh"));
        QVERIFY(QDir().mkpath(fresh));
        QVERIFY(test::writeText(fresh + QStringLiteral("/main.tex"),
                                QStringLiteral("\\documentclass{article}\n\\begin{document}\nFresh.\n\\end{document}\n")));
        MainWindow window(m_tmp.filePath(QStringLiteral("compiles")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy finished(window.compileController(), &CompileController::finished);
        QVERIFY(window.openProject(fresh));
        QVERIFY(window.compileFeature()->lastSessionPdf().isEmpty());
        QVERIFY(!window.compileFeature()->statusLabel()->text().contains(QStringLiteral("last session")));
        QCOMPARE(window.pdfView()->pageCount(), 0);
        waitForCompile(finished, 0);
    }
};

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
