// Word-level SyncTeX in the window, with real pdflatex, SyncTeX and Poppler: forward search
// from a word in the middle of a line highlights that word's Poppler text box (not the line),
// and a click on a word in the PDF puts the caret on that word, the second "quick" on the
// second one.
#include "apptestsupport.h"

#include "app/compile/compilecontroller.h"
#include "app/compile/compileoutcome.h"
#include "app/pdf/pdfdocument.h"
#include "app/pdf/pdfview.h"
#include "app/editors/editortabs.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "editor/latexeditor.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace coauthor;
using namespace coauthor::app;

namespace {

const QString kLine = QStringLiteral("The quick brown fox jumps over the \\emph{lazy} dog and the quick cat.");

// The box of the occurrence-th word of page 1 whose text is text; null when none.
QRectF wordBox(const PdfView *view, const QString &text, int occurrence = 0)
{
    for (const PdfWord &word : view->words(1)) {
        if (word.text == text && occurrence-- == 0)
            return word.rect;
    }
    return {};
}

} // namespace

class SyncTexWordsAppTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<MainWindow> m_window;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        initAppResources();
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        const QString project = m_tmp.filePath(QStringLiteral("fox"));
        QVERIFY(QDir().mkpath(project));
        QFile main(project + QStringLiteral("/main.tex"));
        QVERIFY(main.open(QIODevice::WriteOnly));
        main.write("\\documentclass{article}\n\\begin{document}\n" + kLine.toUtf8()
                   + "\n\nA second paragraph says fox again.\n\\end{document}\n");
        main.close();

        m_window = std::make_unique<MainWindow>(m_tmp.filePath(QStringLiteral("compiles")));
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy finished(m_window->compileController(), &CompileController::finished);
        QVERIFY(m_window->openProject(project));
        QVERIFY(finished.wait(90000));
        QCOMPARE(finished.last().at(0).value<CompileOutcome>().result.status, compile::CompileStatus::Success);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->pdfView()->pageCount() == 1, 10000);
        QVERIFY(!wordBox(m_window->pdfView(), QStringLiteral("lazy")).isNull());
    }

    void forwardSearchFromAWordHighlightsThatWord()
    {
        m_window->openLocation(QStringLiteral("main.tex"), 3, int(kLine.indexOf(QLatin1String("lazy"))) + 3); // la|zy
        QVERIFY(m_window->showCurrentLineInPdf());
        QCOMPARE(m_window->pdfView()->highlightedPage(), 1);
        QCOMPARE(m_window->pdfView()->highlightedRects(), QList<QRectF>{wordBox(m_window->pdfView(), QStringLiteral("lazy"))});

        // The second "quick", not the first; and the caret at a word's end is on it.
        m_window->openLocation(QStringLiteral("main.tex"), 3, int(kLine.lastIndexOf(QLatin1String("quick"))) + 6);
        QVERIFY(m_window->showCurrentLineInPdf());
        QCOMPARE(m_window->pdfView()->highlightedRects(),
                 QList<QRectF>{wordBox(m_window->pdfView(), QStringLiteral("quick"), 1)});

        // Not on a word (in \emph's name): the line's boxes, as before.
        m_window->openLocation(QStringLiteral("main.tex"), 3, int(kLine.indexOf(QLatin1String("emph"))) + 2);
        QVERIFY(m_window->showCurrentLineInPdf());
        const QList<QRectF> line = m_window->pdfView()->highlightedRects();
        QVERIFY(!line.isEmpty());
        QVERIFY(line.first().width() > 3 * wordBox(m_window->pdfView(), QStringLiteral("lazy")).width());
    }

    void aClickOnAWordPutsTheCaretOnIt()
    {
        for (const auto &[text, occurrence, column] :
             {std::tuple{QStringLiteral("lazy"), 0, int(kLine.indexOf(QLatin1String("lazy")))},
              std::tuple{QStringLiteral("quick"), 1, int(kLine.lastIndexOf(QLatin1String("quick")))},
              std::tuple{QStringLiteral("jumps"), 0, int(kLine.indexOf(QLatin1String("jumps")))}}) {
            m_window->openLocation(QStringLiteral("main.tex"), 1);
            const QRectF box = wordBox(m_window->pdfView(), text, occurrence);
            QVERIFY(!box.isNull());
            QVERIFY(m_window->showPdfPointInSource(1, box.center()));
            editor::LatexEditor *e = m_window->editorTabs()->currentEditor();
            QCOMPARE(m_window->editorTabs()->currentFile(), QStringLiteral("main.tex"));
            QCOMPARE(e->currentLine(), 3);
            QCOMPARE(e->currentColumn(), column + 1);
        }
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(SyncTexWordsAppTest)
#include "tst_synctexwords_app.moc"
