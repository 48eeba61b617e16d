// Not a test: the app process that crashes in app_crash_recovery_test. It opens
// the project in a MainWindow, opens a file, types the given text into it
// through key events without saving, says "typed" once the journal's batch
// interval has passed, and waits to be killed with SIGKILL.
//   app_crash_typist STATE_DIR PROJECT FILE TEXT

#include "apptestsupport.h"
#include "app/editors/editortabs.h"
#include "app/project/appsettings.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "editor/latexeditor.h"

#include <QApplication>
#include <QTest>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5) {
        std::fprintf(stderr, "usage: app_crash_typist STATE_DIR PROJECT FILE TEXT\n");
        return 2;
    }
    coauthor::test::isolateUserState(args.at(1));
    coauthor::app::initAppResources();
    coauthor::app::MainWindow window(args.at(1) + QStringLiteral("/compiles"));
    window.show();
    if (!window.openProject(args.at(2)))
        return 3;
    window.openLocation(args.at(3), 1);
    auto *editor = window.editorTabs()->editorFor(args.at(3));
    if (!editor)
        return 4;
    window.saveSession(); // as a run before this one would have left it
    editor->setFocus();
    QTest::keyClicks(editor, args.at(4));
    // The journal fsyncs in batches (every 50 ms): what the user typed that
    // long ago is on disk.
    QTest::qWait(300);
    std::printf("typed\n");
    std::fflush(stdout);
    return app.exec();
}
