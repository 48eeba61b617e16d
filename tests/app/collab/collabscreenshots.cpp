// Takes the "writing together" screenshots for docs/screenshots under a real X
// server (xvfb-run): two app windows side by side, one hosting the example
// project with the bundled coauthor-server, the other joined to it, each
// showing the other's caret; and the Share dialog with the address and tokens.
// Not a test: run by hand, see docs/screenshots/README or the README section.
//
//   xvfb-run -s "-screen 0 2400x1000x24" env COAUTHOR_SOURCE_DIR=$PWD build/bin/app_collab_screenshots docs/screenshots

#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "app/compile/compilecontroller.h"
#include "app/editors/editortabs.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "apptestsupport.h"
#include "editor/latexeditor.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

#include <cstdio>

using namespace coauthor;
using namespace coauthor::app;

namespace {

// Puts the caret (and a selection of length characters) at line:column.
void placeCaret(editor::LatexEditor *e, int line, int column, int length = 0)
{
    e->goToLine(line, column);
    QTextCursor c = e->textCursor();
    c.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, length);
    e->setTextCursor(c);
}

void typeSlowly(editor::LatexEditor *e, const QString &text)
{
    for (QChar ch : text) {
        if (ch == u'\n')
            QTest::keyClick(e, Qt::Key_Return);
        else
            QTest::keyClicks(e, QString(ch));
        QTest::qWait(30);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("coauthor"));
    QApplication::setOrganizationName(QStringLiteral("Coauthor"));
    initAppResources();
    const QString out = QDir(app.arguments().value(1, QStringLiteral("."))).absolutePath();
    QTemporaryDir tmp;
    test::isolateUserState(tmp.filePath(QStringLiteral("state")));
    qputenv("XDG_DATA_HOME", QFile::encodeName(tmp.filePath(QStringLiteral("state/data"))));
    const QString project = tmp.filePath(QStringLiteral("paper"));
    if (!test::copyExampleProject(project)) {
        std::fprintf(stderr, "set COAUTHOR_SOURCE_DIR to the source tree\n");
        return 1;
    }

    MainWindow a(tmp.filePath(QStringLiteral("compiles-a")));
    MainWindow b(tmp.filePath(QStringLiteral("compiles-b")));
    a.setGeometry(0, 0, 1195, 975);
    b.setGeometry(1205, 0, 1195, 975);
    a.show();
    b.show();
    a.serverHost()->setDataDir(tmp.filePath(QStringLiteral("server")));
    QSignalSpy compiledA(a.compileController(), &CompileController::finished);
    if (!a.openProject(project))
        return 1;

    // Share Project… → Host on this computer.
    QSettings().setValue(QStringLiteral("collab/name"), QStringLiteral("Ada"));
    ShareDialog dialog(a.serverHost(), a.project().name(), [&a](const ShareLink &link) { return a.collabFeature()->shareProject(link); }, &a);
    dialog.setHostOnThisComputer(true);
    dialog.setUserName(QStringLiteral("Ada"));
    dialog.show();
    dialog.move(360, 220);
    QTest::qWait(300);
    if (!dialog.share()) {
        std::fprintf(stderr, "share: %s\n", qPrintable(dialog.errorText()));
        return 1;
    }
    QTest::qWait(500);
    test::captureScreen(out + QStringLiteral("/app-share-dialog.png"), QString::number(dialog.winId()));
    ShareLink link = dialog.link();
    dialog.accept();

    // The other window joins.
    QSignalSpy compiledB(b.compileController(), &CompileController::finished);
    link.name = QStringLiteral("Bo");
    auto opened = b.collabFeature()->openSharedProject(tmp.filePath(QStringLiteral("Documents/Coauthor/paper")), link);
    if (!opened) {
        std::fprintf(stderr, "open shared: %s\n", qPrintable(opened.error()));
        return 1;
    }
    if (!QTest::qWaitFor([&] { return compiledA.count() > 0 && compiledB.count() > 0; }, 60000))
        std::fprintf(stderr, "the compiles did not finish (%d, %d)\n", int(compiledA.count()), int(compiledB.count()));

    auto *ea = a.editorTabs()->editorFor(QStringLiteral("main.tex"));
    auto *eb = b.editorTabs()->editorFor(QStringLiteral("main.tex"));
    if (!ea || !eb)
        return 1;
    a.activateWindow();
    ea->setFocus();
    placeCaret(ea, 24, 1);
    typeSlowly(ea, QStringLiteral("% Ada: shorten the abstract?\n"));
    QTest::qWait(300);
    b.activateWindow();
    eb->setFocus();
    placeCaret(eb, 26, 20, 23);
    QTest::qWait(300);
    a.activateWindow();
    ea->setFocus();
    placeCaret(ea, 18, 9);
    // Let the compiles the edits started finish, for a calm status bar.
    const qsizetype before = compiledA.count() + compiledB.count();
    QTest::qWait(1500);
    if (!QTest::qWaitFor([&] { return compiledA.count() + compiledB.count() >= before + 2; }, 30000))
        std::fprintf(stderr, "no compile after the edits\n");
    QTest::qWait(1000);
    test::captureScreen(out + QStringLiteral("/app-collab.png"));
    return 0;
}
