// Takes the screenshots of "when sharing stops" under a real X server
// (xvfb-run): window A hosts the example project with the bundled
// coauthor-server, window B has joined it; A quits and is asked first (the
// question is taken while it is open), then B is told the host left.
// Not a test: run by hand.
//
//   xvfb-run -a -s "-screen 0 2000x800x24" env COAUTHOR_SOURCE_DIR=$PWD build/bin/app_safety_screenshots OUTDIR

#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "app/project/appsettings.h"
#include "app/ui/appresources.h"
#include "app/ui/appstatusbar.h"
#include "app/ui/mainwindow.h"
#include "apptestsupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace coauthor;
using namespace coauthor::app;

namespace {

void screenshot(const QString &file)
{
    QTest::qWait(500); // painted
    test::captureScreen(file);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: app_safety_screenshots OUTDIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir tmp;
    const QString paper = test::isolatedExampleProject(tmp.path());
    if (paper.isEmpty())
        return 3;
    initAppResources();
    QSettings().setValue(QStringLiteral("collab/name"), QStringLiteral("Ada"));
    AppSettings settings = AppSettings::load();
    settings.autoCompile = false;
    settings.save();

    auto a = std::make_unique<MainWindow>(tmp.filePath(QStringLiteral("compiles")));
    auto b = std::make_unique<MainWindow>(tmp.filePath(QStringLiteral("compiles-b")));
    a->setGeometry(0, 0, 1000, 760);
    b->setGeometry(1000, 0, 1000, 760);
    a->show();
    b->show();
    a->serverHost()->setDataDir(tmp.filePath(QStringLiteral("server")));
    if (!a->openProject(paper))
        return 4;
    ShareLink link;
    {
        // Gone before the window it belongs to.
        ShareDialog dialog(a->serverHost(), a->project().name(),
                           [&](const ShareLink &l) { return a->collabFeature()->shareProject(l); }, a.get());
        dialog.setHostOnThisComputer(true);
        dialog.setListenHost(QStringLiteral("127.0.0.1"));
        if (!dialog.share())
            return 5;
        link = dialog.link();
    }
    link.name = QStringLiteral("Bo");
    if (!b->collabFeature()->openSharedProject(tmp.filePath(QStringLiteral("copy")), link))
        return 6;
    if (!QTest::qWaitFor([&] { return !a->collaboration()->collaborators().isEmpty(); }, 10000))
        return 7;

    QTimer::singleShot(300, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        screenshot(out + QStringLiteral("/host-quit-question.png"));
        box->button(QMessageBox::Yes)->click();
    });
    a->close();
    if (!QTest::qWaitFor([&] { return b->appStatusBar()->currentMessage() == CollabFeature::hostLeftMessage(); }, 10000))
        std::fprintf(stderr, "the guest was not told\n");
    QTest::qWait(3000); // through a reconnect or two
    screenshot(out + QStringLiteral("/guest-host-left.png"));
    b.reset();
    a.reset();
    return 0;
}
