// Takes the word count and main document screenshots for docs/screenshots under a
// real X server: the thesis of tests/wordcount in the window at 1366×768 with
// Tools → Word Count open and a selection counted in the status bar, and the
// tree's context menu with "Set as Main Document".
// Not a test: run by hand.
//
//   xvfb-run -s "-screen 0 1366x768x24" env COAUTHOR_SOURCE_DIR=$PWD build/bin/app_wordcount_screenshots docs/screenshots

#include "app/compile/compilecontroller.h"
#include "app/editors/editortabs.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/projecttree.h"
#include "app/ui/translationloader.h"
#include "app/ui/wordcountdialog.h"
#include "apptestsupport.h"
#include "editor/latexeditor.h"

#include <QApplication>
#include <QFileSystemModel>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTimer>

#include <cstdio>

using namespace coauthor;
using namespace coauthor::app;

int main(int argc, char *argv[])
{
    QTemporaryDir tmp;
    test::isolateUserState(tmp.filePath(QStringLiteral("state")));
    QApplication app(argc, argv);
    initAppResources();
    // English plural forms ("358 words") come from coauthor_en.qm; COAUTHOR_LANG=de or ja for the others.
    const QString language = qEnvironmentVariable("COAUTHOR_LANG", QStringLiteral("en"));
    if (!TranslationLoader::install(language))
        std::fprintf(stderr, "no translation for %s\n", qPrintable(language));
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    const QString project = tmp.filePath(QStringLiteral("thesis"));
    if (!test::copyTree(qEnvironmentVariable("COAUTHOR_SOURCE_DIR") + QStringLiteral("/tests/wordcount/data/thesis"), project)) {
        std::fprintf(stderr, "set COAUTHOR_SOURCE_DIR to the source folder\n");
        return 1;
    }
    MainWindow window(tmp.filePath(QStringLiteral("compiles")));
    window.setGeometry(0, 0, 1366, 768);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    QSignalSpy compiled(window.compileController(), &CompileController::finished);
    window.openProject(project);
    compiled.wait(90000);
    window.openLocation(QStringLiteral("chapters/introduction.tex"), 0);
    if (auto *e = window.editorTabs()->editorFor(QStringLiteral("chapters/introduction.tex"))) {
        QTextCursor cursor(e->document()->findBlockByNumber(1));
        cursor.movePosition(QTextCursor::Down, QTextCursor::KeepAnchor, 3);
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        e->setTextCursor(cursor);
    }
    QTest::qWait(1500);
    WordCountDialog *dialog = window.showWordCount();
    dialog->move(300, 180);
    QTest::qWait(800);
    bool ok = coauthor::test::captureScreen(out + QStringLiteral("/word-count.png"));
    dialog->close();

    ProjectTree *tree = window.projectTree();
    const QModelIndex index = tree->fileSystemModel()->index(project + QStringLiteral("/thesis.tex"));
    QTimer::singleShot(800, [&] {
        ok = coauthor::test::captureScreen(out + QStringLiteral("/main-document-menu.png")) && ok;
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget()))
            menu->close();
    });
    Q_EMIT tree->customContextMenuRequested(tree->visualRect(index).center());
    window.compileController()->stop();
    return ok ? 0 : 1;
}
