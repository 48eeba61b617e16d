// Takes docs/screenshots/spell-check.png under a real X server: the main
// window at 1366x768 with a misspelled paragraph, its squiggles, and the
// context menu of one of them (opened by the same QContextMenuEvent a right
// click sends). Not a test: run by hand.
//
//   xvfb-run -s "-screen 0 1366x768x24" env COAUTHOR_SOURCE_DIR=$PWD build/bin/app_spell_screenshot docs/screenshots
//
// With --preferences as a second argument it also writes spell-preferences.png:
// the Preferences dialog with the spell-check entries.

#include "app/editors/editortabs.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/preferencesdialog.h"
#include "apptestsupport.h"
#include "editor/latexeditor.h"
#include "editor/spellsquiggles.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace coauthor;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QTemporaryDir dir;
    coauthor::test::isolateUserState(dir.filePath(QStringLiteral("state")));
    QSettings().setValue(QStringLiteral("compile/auto"), false);
    const QString project = dir.filePath(QStringLiteral("thesis"));
    QDir().mkpath(project);
    coauthor::test::writeText(project + QStringLiteral("/main.tex"), QStringLiteral(
        "\\documentclass{article}\n"
        "\\usepackage{amsmath}\n"
        "\\begin{document}\n"
        "\\section{Introducton}\\label{sec:intro-teh}\n"
        "Spell check underlines misspeled words in the prose of a thesis, in\n"
        "\\emph{emphasised text}, section titles, captions and footnotes\\footnote{Like thiss one.},\n"
        "but never the key of a reference (Section~\\ref{sec:intro-teh}) nor math such as\n"
        "$\\alpha + \\beta x_{teh}$. The sugestions come from Hunspell, and a word can be\n"
        "added to the project's dictionary, which is shared with the coauthors.\n"
        "\\begin{verbatim}\n"
        "verbatimm text is not checked\n"
        "\\end{verbatim}\n"
        "\\end{document}\n"));
    app::initAppResources();
    app::MainWindow window(dir.filePath(QStringLiteral("cache")));
    window.resize(1366, 768);
    window.showMaximized();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    window.openProject(project);
    window.openLocation(QStringLiteral("main.tex"), 1);
    editor::LatexEditor *e = window.editorTabs()->editorFor(QStringLiteral("main.tex"));
    if (!e)
        return 2;
    editor::SpellSquiggles *spell = e->spellSquiggles();
    if (!QTest::qWaitFor([spell] { return spell->isIdle() && !spell->selections().isEmpty(); }, 10000))
        return 3;
    QTest::qWait(300);
    // Right click on "sugestions".
    const int at = int(e->toPlainText().indexOf(QStringLiteral("sugestions"))) + 3;
    QTextCursor c(e->document());
    c.setPosition(at);
    e->setTextCursor(c);
    const QPoint local = e->cursorRect(c).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, local, e->viewport()->mapToGlobal(local));
    QApplication::sendEvent(e->viewport(), &event);
    QTest::qWait(600);
    const bool written = coauthor::test::captureScreen(QDir(outDir).filePath(QStringLiteral("spell-check.png")));
    if (argc > 2 && QByteArray(argv[2]) == "--preferences") {
        if (QWidget *menu = QApplication::activePopupWidget())
            menu->close();
        app::PreferencesDialog dialog(window.settings(), &window);
        dialog.show();
        QTest::qWait(300);
        const QString prefs = QDir(outDir).filePath(QStringLiteral("spell-preferences.png"));
        std::printf("%s: %s\n", qPrintable(prefs), dialog.grab().save(prefs) ? "written" : "failed");
    }
    return written ? 0 : 4;
}
