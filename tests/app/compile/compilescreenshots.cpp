// Takes docs/screenshots/shell-escape-warning.png and missing-package.png under a real X
// server (xvfb-run): the example project, Build → Allow Shell Escape for This Project…
// opened from the menu with its warning, then a document with a missing package and its
// problem's hint. Not a test: run by hand.
//
//   xvfb-run -a -s "-screen 0 1366x768x24" env COAUTHOR_SOURCE_DIR=$PWD build/bin/app_compile_screenshots OUTDIR

#include "app/compile/compilecontroller.h"
#include "app/compile/compilefeature.h"
#include "app/compile/problemspanel.h"
#include "app/ui/appactions.h"
#include "app/ui/mainwindow.h"
#include "apptestsupport.h"
#include "screenshotwindow.h"

#include <QApplication>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolTip>
#include <QTreeWidget>

#include <cstdio>

using namespace coauthor::app;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: app_compile_screenshots OUTDIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir tmp;
    const QString paper = coauthor::test::isolatedExampleProject(tmp.path());
    if (paper.isEmpty())
        return 3;
    const auto screenshotWindow = coauthor::test::showScreenshotWindow(tmp.path());
    MainWindow &window = *screenshotWindow;
    if (!window.openProject(paper))
        return 4;
    QSignalSpy finished(window.compileController(), &CompileController::finished);
    finished.wait(60000);
    // No window manager under Xvfb: the window must be made active for its shortcuts.
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window))
        std::fprintf(stderr, "the window did not become active\n");

    // The warning is modal: shot and dismissed (Cancel) from a timer while it runs.
    bool warned = false;
    QTimer::singleShot(1200, &window, [&] {
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("shellEscapeWarning"));
        warned = box != nullptr;
        coauthor::test::captureScreen(out + QStringLiteral("/shell-escape-warning.png"));
        if (box)
            box->reject();
    });
    window.actions()->fullShellEscape->trigger();
    const bool stayedOff = !window.actions()->fullShellEscape->isChecked();

    // A missing package: its problem at the \usepackage line, with the package to install.
    coauthor::test::writeText(paper + QStringLiteral("/main.tex"),
                              coauthor::test::readText(paper + QStringLiteral("/main.tex"))
                                  .replace(QStringLiteral("\\documentclass"), QStringLiteral("\\RequirePackage{siunitxx}\n\\documentclass")));
    window.compileController()->fullRebuild();
    finished.wait(60000);
    QTest::qWait(800);
    // The problem's detail, as hovering its row shows it: the hint and the log's context.
    QTreeWidget *list = window.problemsPanel()->list();
    if (QTreeWidgetItem *item = list->topLevelItem(0)) {
        const QRect rect = list->visualItemRect(item);
        QToolTip::showText(list->viewport()->mapToGlobal(rect.center() - QPoint(rect.width() / 4, 0)),
                           item->toolTip(0), list->viewport());
    }
    QTest::qWait(800);
    coauthor::test::captureScreen(out + QStringLiteral("/missing-package.png"));
    return warned && stayedOff ? 0 : 5;
}
