// Takes docs/screenshots/compile-on-server.png and compile-on-server-menu.png under a real X
// server (xvfb-run): a read-only member's window on a computer without TeX, after Build →
// Compile went to the server's worker (real redis-server, coauthor-server, coauthor-worker):
// the worker's PDF, its problem in the Problems panel, the status label; then the Build menu
// with Compile on Server and Fetch Latest Server PDF. Not a test: run by hand.
//
//   xvfb-run -a -s "-screen 0 1366x768x24" build/bin/app_servercompile_screenshots OUTDIR

#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/compile/compilecontroller.h"
#include "app/compile/compilefeature.h"
#include "app/ui/appactions.h"
#include "app/ui/mainwindow.h"
#include "apptestsupport.h"
#include "screenshotwindow.h"
#include "sync/client/syncclient.h"
#include "tests/sync/client/compileserverprocesses.h"

#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>

using namespace coauthor::app;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: app_servercompile_screenshots OUTDIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir tmp;
    coauthor::test::isolateUserState(tmp.filePath(QStringLiteral("state")));
    coauthor::sync::test::CompileServerProcesses server;
    QString error;
    if (!server.start(QStringLiteral(COAUTHOR_SERVER_BINARY), QStringLiteral(COAUTHOR_WORKER_BINARY), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    coauthor::sync::SyncClient author;
    coauthor::sync::SyncClient::Options o;
    o.url = QUrl(server.url);
    o.projectId = server.project.id;
    o.token = server.project.token;
    o.name = QStringLiteral("Author");
    o.workingCopy = tmp.filePath(QStringLiteral("author"));
    o.mirrorFiles = false;
    if (!author.open(o).ok() || !QTest::qWaitFor([&] { return author.isSynchronized(); }, 15000))
        return 4;
    author.createDoc(QStringLiteral("main.tex"),
                     QStringLiteral("\\documentclass{article}\n\\usepackage{amsmath}\n\\title{Convergence of Shared Edits}\n"
                                    "\\author{A.~Author \\and S.~Supervisor}\n\\begin{document}\n\\maketitle\n"
                                    "\\section{Introduction}\nTwo people edit one paper at once. Each edit is sent to the server,\n"
                                    "which orders them; every copy converges to the same text.\n\n"
                                    "\\section{Transformation}\nFor concurrent operations $a$ and $b$,\n"
                                    "\\begin{equation}\n  b' \\circ a = a' \\circ b .\n\\end{equation}\n"
                                    "This is compiled by the server's worker: \\cite{nobody} is not defined.\n"
                                    "\\end{document}\n"));
    if (!QTest::qWaitFor([&] { return !author.docIdForPath(QStringLiteral("main.tex")).isEmpty() && author.isSynchronized(); }, 15000))
        return 5;

    // The supervisor's computer has no TeX: Compile goes to the server.
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", tmp.filePath(QStringLiteral("no-tex-here")).toLocal8Bit());
    const auto screenshotWindow = coauthor::test::showScreenshotWindow(tmp.path());
    MainWindow &window = *screenshotWindow;
    ShareLink link;
    link.url = QUrl(server.url);
    link.projectId = server.project.id;
    link.token = server.createToken(true);
    link.name = QStringLiteral("Supervisor");
    if (!window.collabFeature()->openSharedProject(tmp.filePath(QStringLiteral("supervisor")), link)
        || !QTest::qWaitFor([&] { return window.collaboration()->client()->isSynchronized()
                                         && window.compileController()->rootDocument() == QLatin1String("main.tex"); }, 15000))
        return 6;
    window.openLocation(QStringLiteral("main.tex"), 16);
    QSignalSpy compiled(window.compileFeature(), &CompileFeature::compiled);
    window.actions()->compile->trigger();
    if (!compiled.wait(90000))
        return 7;
    qputenv("PATH", path); // for import, which takes the picture
    window.activateWindow();
    QTest::qWait(1500);
    coauthor::test::captureScreen(out + QStringLiteral("/compile-on-server.png"));

    QMenu *build = nullptr;
    for (QAction *action : window.menuBar()->actions()) {
        if (action->menu() && action->menu()->actions().contains(window.actions()->compileOnServer))
            build = action->menu();
    }
    if (!build)
        return 8;
    window.menuBar()->setActiveAction(build->menuAction());
    QTest::qWait(300);
    build->setActiveAction(window.actions()->fetchServerPdf);
    QTest::qWait(800);
    coauthor::test::captureScreen(out + QStringLiteral("/compile-on-server-menu.png"));
    build->close();
    return 0;
}
