// Takes docs/screenshots/add-files.png under a real X server (xvfb-run): window
// A hosts the example project, window B has joined; a figure dropped from
// outside onto A's figures folder (a QDropEvent with its file URL, as a file
// manager sends) is copied in, uploaded, and shows in B's tree and tab.
// Not a test: run by hand.
//
//   xvfb-run -s "-screen 0 2400x1000x24" env COAUTHOR_SOURCE_DIR=$PWD build/bin/app_files_screenshots docs/screenshots
#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "app/editors/editortabs.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/projecttree.h"
#include "apptestsupport.h"

#include <QApplication>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileSystemModel>
#include <QImage>
#include <QMimeData>
#include <QPainter>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <cstdio>

using namespace coauthor;
using namespace coauthor::app;

namespace {

// A small line plot, as a script would save it.
bool savePlot(const QString &path)
{
    QImage image(480, 320, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(Qt::black, 2));
    p.drawLine(40, 280, 460, 280);
    p.drawLine(40, 280, 40, 20);
    p.setPen(QPen(QColor(31, 119, 180), 3));
    QPointF last(40, 260);
    for (int x = 1; x <= 42; ++x) {
        const QPointF next(40 + x * 10, 260 - 220.0 * (1 - 1.0 / (1 + x * 0.15)));
        p.drawLine(last, next);
        last = next;
    }
    p.end();
    return image.save(path);
}

void expand(ProjectTree *tree, const QString &absolute)
{
    if (!QTest::qWaitFor([&] { return tree->fileSystemModel()->index(absolute).isValid(); }, 5000))
        std::fprintf(stderr, "%s is not in the tree\n", qPrintable(absolute));
    tree->expand(tree->fileSystemModel()->index(absolute));
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
    QDir().mkpath(project + QStringLiteral("/figures"));
    const QString plot = tmp.filePath(QStringLiteral("Downloads/convergence.png"));
    QDir().mkpath(QFileInfo(plot).absolutePath());
    if (!savePlot(plot))
        return 1;

    MainWindow a(tmp.filePath(QStringLiteral("compiles-a")));
    MainWindow b(tmp.filePath(QStringLiteral("compiles-b")));
    for (MainWindow *w : {&a, &b}) {
        AppSettings settings = w->settings();
        settings.autoCompile = false;
        w->applySettings(settings);
    }
    a.setGeometry(0, 0, 1195, 975);
    b.setGeometry(1205, 0, 1195, 975);
    a.show();
    b.show();
    a.serverHost()->setDataDir(tmp.filePath(QStringLiteral("server")));
    if (!a.openProject(QFileInfo(project).canonicalFilePath()))
        return 1;
    QSettings().setValue(QStringLiteral("collab/name"), QStringLiteral("Ada"));
    ShareDialog dialog(a.serverHost(), a.project().name(), [&a](const ShareLink &link) { return a.collabFeature()->shareProject(link); }, &a);
    dialog.setHostOnThisComputer(true);
    dialog.setUserName(QStringLiteral("Ada"));
    if (!dialog.share()) {
        std::fprintf(stderr, "share: %s\n", qPrintable(dialog.errorText()));
        return 1;
    }
    ShareLink link = dialog.link();
    link.name = QStringLiteral("Bo");
    const QString copy = tmp.filePath(QStringLiteral("Documents/Coauthor/paper"));
    auto opened = b.collabFeature()->openSharedProject(copy, link);
    if (!opened) {
        std::fprintf(stderr, "open shared: %s\n", qPrintable(opened.error()));
        return 1;
    }
    QTest::qWait(1000);

    // The drop onto A's figures folder.
    ProjectTree *tree = a.projectTree();
    const QString figures = a.project().rootPath() + QStringLiteral("/figures");
    if (!QTest::qWaitFor([&] { return !tree->visualRect(tree->fileSystemModel()->index(figures)).isEmpty(); }, 5000))
        std::fprintf(stderr, "the figures folder is not shown\n");
    const QPointF at = tree->visualRect(tree->fileSystemModel()->index(figures)).center();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(plot)});
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(tree->viewport(), &enter);
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(tree->viewport(), &drop);
    if (!QTest::qWaitFor([&] { return QFileInfo::exists(copy + QStringLiteral("/figures/convergence.png")); }, 15000)) {
        std::fprintf(stderr, "the dropped figure did not reach B\n");
        return 1;
    }
    expand(tree, figures);
    expand(b.projectTree(), b.project().rootPath() + QStringLiteral("/figures"));
    a.projectTree()->selectPath(QStringLiteral("figures/convergence.png"));
    b.projectTree()->selectPath(QStringLiteral("figures/convergence.png"));
    b.openLocation(QStringLiteral("figures/convergence.png"), 0);
    a.openLocation(QStringLiteral("figures/convergence.png"), 0);
    QTest::qWait(1500);
    return coauthor::test::captureScreen(out + QStringLiteral("/add-files.png")) ? 0 : 1;
}
