// Takes docs/screenshots/find-in-files.png under a real X server (xvfb-run): the
// example project, Find in Files opened with its shortcut from the editor, a
// regular expression searched and a replacement typed.
// Not a test: run by hand.
//
//   xvfb-run -a -s "-screen 0 1366x768x24" env COAUTHOR_SOURCE_DIR=$PWD build/bin/app_search_screenshots OUTDIR

#include "app/editors/editortabs.h"
#include "app/search/findinfilespanel.h"
#include "app/search/searchfeature.h"
#include "app/ui/mainwindow.h"
#include "apptestsupport.h"
#include "screenshotwindow.h"
#include "editor/latexeditor.h"

#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace coauthor::app;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: app_search_screenshots OUTDIR\n");
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
    QTest::qWait(1500);
    auto *editor = window.editorTabs()->currentEditor();
    if (!editor)
        return 5;
    // No window manager under Xvfb: the window must be made active for its shortcuts.
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window))
        std::fprintf(stderr, "the window did not become active\n");
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    FindInFilesPanel *panel = window.searchFeature()->panel();
    QTest::keyClicks(panel->findField(), QStringLiteral("\\\\(eq)?ref\\{([^}]*)\\}"));
    panel->regularExpressionBox()->setChecked(true);
    QSignalSpy done(window.searchFeature(), &SearchFeature::finished);
    QTest::keyClick(panel->findField(), Qt::Key_Return);
    done.wait(10000);
    QTest::keyClicks(panel->replaceField(), QStringLiteral("\\cref{\\2}"));
    QTest::qWait(800);
    coauthor::test::captureScreen(out + QStringLiteral("/find-in-files.png"));
    return window.searchFeature()->dock()->isVisible() ? 0 : 6;
}
