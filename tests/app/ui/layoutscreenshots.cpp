// Takes docs/screenshots/app-1366.png under a real X server (xvfb-run): the
// window on a 1366x768 laptop screen with the example project compiled, every
// .tex file and the .bib open in tabs, editor and PDF side by side; then
// app-shortcuts.png (Help > Keyboard Shortcuts), app-preferences.png and
// app-cite-popup.png (the \cite completion with authors, year and title).
// Not a test: run by hand,
//
//   xvfb-run -s "-screen 0 1366x768x24" env COAUTHOR_SOURCE_DIR=$PWD build/bin/app_layout_screenshots docs/screenshots

#include "app/compile/compilecontroller.h"
#include "app/editors/editortabs.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/preferencesdialog.h"
#include "app/ui/shortcutsdialog.h"
#include "apptestsupport.h"
#include "editor/latexeditor.h"

#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace coauthor;
using namespace coauthor::app;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: app_layout_screenshots OUTPUT_DIR\n");
        return 2;
    }
    const QString out = QDir(QString::fromLocal8Bit(argv[1])).absolutePath();
    QTemporaryDir tmp;
    initAppResources();
    const QString project = test::isolatedExampleProject(tmp.path());
    if (project.isEmpty())
        return 1;

    MainWindow window(tmp.filePath(QStringLiteral("compiles")));
    window.setGeometry(0, 0, 1366, 768); // no window manager under Xvfb: the whole screen
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !window.openProject(project))
        return 1;
    QSignalSpy finished(window.compileController(), &CompileController::finished);
    finished.wait(120000);
    for (const QString &file : {QStringLiteral("sections/introduction.tex"), QStringLiteral("sections/method.tex"),
                                QStringLiteral("sections/results.tex"), QStringLiteral("sections/conclusion.tex"),
                                QStringLiteral("references.bib"), QStringLiteral("main.tex")})
        window.openLocation(file, 0);
    if (auto *e = window.editorTabs()->editorFor(QStringLiteral("main.tex")))
        e->goToLine(20);
    QTest::qWait(1500);
    const bool written = coauthor::test::captureScreen(QDir(out).filePath(QStringLiteral("app-1366.png")));

    // The dialogs, each grabbed on its own.
    ShortcutsDialog shortcuts(&window);
    shortcuts.show();
    QTest::qWait(300);
    shortcuts.grab().save(QDir(out).filePath(QStringLiteral("app-shortcuts.png")));
    shortcuts.close();
    PreferencesDialog preferences(window.settings());
    preferences.show();
    QTest::qWait(300);
    preferences.grab().save(QDir(out).filePath(QStringLiteral("app-preferences.png")));
    preferences.close();

    // The \cite popup with each key's authors, year and title.
    if (auto *e = window.editorTabs()->openAt(QStringLiteral("sections/introduction.tex"), 3)) {
        e->moveCursor(QTextCursor::EndOfBlock);
        QTest::keyClicks(e, QStringLiteral(" \\cite{"));
        QTest::qWait(800);
        coauthor::test::captureScreen(QDir(out).filePath(QStringLiteral("app-cite-popup.png")));
    }
    return written ? 0 : 1;
}
