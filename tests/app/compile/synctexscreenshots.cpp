// Takes docs/screenshots/synctex-word.png and keep-pdf-copy-menu.png under a real X server
// (xvfb-run): the example project with the caret on "convergence" in the middle of a line of
// sections/method.tex and Ctrl+J's highlight on that word alone in the PDF; then the Build
// menu with "Keep a Copy of the PDF next to the Main Document". Not a test: run by hand.
//
//   xvfb-run -a -s "-screen 0 1366x768x24" env COAUTHOR_SOURCE_DIR=$PWD build/bin/app_synctex_screenshots OUTDIR

#include "app/compile/compilecontroller.h"
#include "app/editors/editortabs.h"
#include "app/pdf/pdfview.h"
#include "app/ui/appactions.h"
#include "app/ui/mainwindow.h"
#include "apptestsupport.h"
#include "screenshotwindow.h"
#include "editor/latexeditor.h"

#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace coauthor::app;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: app_synctex_screenshots OUTDIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir tmp;
    const QString paper = coauthor::test::isolatedExampleProject(tmp.path());
    if (paper.isEmpty())
        return 3;
    const auto screenshotWindow = coauthor::test::showScreenshotWindow(tmp.path());
    MainWindow &window = *screenshotWindow;
    QSignalSpy finished(window.compileController(), &CompileController::finished);
    if (!window.openProject(paper) || !finished.wait(60000))
        return 4;
    window.activateWindow();
    QTest::qWait(1000);

    // The caret in "convergence", mid-line; the PDF zoomed so that one word is easy to see.
    const QString line = QStringLiteral("Equation~\\eqref{eq:tp1} is the convergence property TP1. For a document of");
    window.openLocation(QStringLiteral("sections/method.tex"), 12, int(line.indexOf(QLatin1String("convergence"))) + 5);
    window.pdfView()->setZoom(1.6);
    QTest::qWait(600);
    if (!window.showCurrentLineInPdf())
        return 5;
    QTest::qWait(250); // the page rendered, the highlight not yet faded
    coauthor::test::captureScreen(out + QStringLiteral("/synctex-word.png"));
    const bool word = window.pdfView()->highlightedRects().size() == 1
        && window.pdfView()->highlightedRects().first().width() < 80;

    // Build → Keep a Copy of the PDF next to the Main Document.
    QTest::qWait(1600);
    QMenu *build = nullptr;
    for (QAction *action : window.menuBar()->actions()) {
        if (action->menu() && action->menu()->actions().contains(window.actions()->keepPdfCopy))
            build = action->menu();
    }
    if (!build)
        return 6;
    window.menuBar()->setActiveAction(build->menuAction());
    QTest::qWait(300);
    build->setActiveAction(window.actions()->keepPdfCopy);
    QTest::qWait(800);
    coauthor::test::captureScreen(out + QStringLiteral("/keep-pdf-copy-menu.png"));
    build->close();
    return word ? 0 : 7;
}
