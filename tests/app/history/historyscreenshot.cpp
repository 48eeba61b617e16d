// Takes docs/screenshots/history.png under a real X server (xvfb-run): the example
// project with a local history of a few days (written the way the app records it,
// with those days' times), a label, then the History panel opened with its shortcut
// and the labelled version compared with the latest one.
// Not a test: run by hand.
//
//   xvfb-run -a -s "-screen 0 1366x768x24" env COAUTHOR_SOURCE_DIR=$PWD build/bin/app_history_screenshot OUTDIR

#include "app/compile/compilefeature.h"
#include "app/editors/editortabs.h"
#include "app/history/historyfeature.h"
#include "app/history/historypanel.h"
#include "app/history/localhistorywriter.h"
#include "app/project/project.h"
#include "app/ui/mainwindow.h"
#include "apptestsupport.h"
#include "screenshotwindow.h"
#include "editor/latexeditor.h"
#include "sync/history/historyreader.h"
#include "sync/client/textdiff.h"
#include "sync/ot/operations.h"

#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace coauthor;
using namespace coauthor::app;

namespace {

constexpr qint64 day = 24 * 3600 * 1000;

// The edit as typing would have made it: only what differs.
sync::ot::TextOperation replace(const QString &text, const QString &from, const QString &to)
{
    QString after = text;
    after.replace(text.indexOf(from), from.size(), to);
    return sync::textDiff(text, after);
}

// The project's history as the app would have recorded it over nine days: the
// labelled version and the latest one, or nothing.
std::optional<std::pair<qint64, qint64>> writeHistory(const QString &paper, const QString &author)
{
    LocalHistoryWriter writer;
    if (!writer.open(paper, author))
        return std::nullopt;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString &path : Project(paper).files()) {
        const QByteArray bytes = coauthor::test::readBytes(QDir(paper).filePath(path));
        const bool ok = Project::isTextFile(path) ? bool(writer.recordText(path, QString::fromUtf8(bytes), now - 9 * day))
                                                  : bool(writer.recordFile(path, bytes, now - 9 * day));
        if (!ok)
            return std::nullopt;
    }
    const QString intro = QStringLiteral("sections/introduction.tex");
    QString text = *writer.textOf(intro);
    const auto submitted = sync::history::HistoryReader(*writer.docstore()).currentVersion(writer.projectId());
    if (!submitted || !sync::history::HistoryReader(*writer.docstore())
                           .addLabel(writer.projectId(), QStringLiteral("Submitted to the journal"), submitted.value(),
                                     writer.memberId()))
        return std::nullopt;
    auto edit = [&](const QString &from, const QString &to, qint64 at) {
        const sync::ot::TextOperation op = replace(text, from, to);
        auto applied = sync::ot::apply(text, op);
        if (!applied)
            return false;
        text = applied.value();
        return bool(writer.recordOps(intro, {{op, at}}));
    };
    if (!edit(QStringLiteral("used to mean mailing files back and forth."),
              QStringLiteral("meant mailing files back and forth, and merging them by hand."), now - 4 * day)
        || !edit(QStringLiteral("Web editors such as Overleaf changed that"),
                 QStringLiteral("Overleaf changed that"), now - 4 * day + 60000)
        || !edit(QStringLiteral("  \\item A compile loop that never blocks the editor.\n"),
                 QStringLiteral("  \\item A compile loop that never blocks the editor, with a history of every version.\n"),
                 now - 2 * day))
        return std::nullopt;
    // The file itself is what the history says now.
    const auto latest = sync::history::HistoryReader(*writer.docstore()).currentVersion(writer.projectId());
    if (!latest || !coauthor::test::writeText(QDir(paper).filePath(intro), text))
        return std::nullopt;
    return std::pair{submitted.value(), latest.value()};
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: app_history_screenshot OUTDIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir tmp;
    const QString paper = coauthor::test::isolatedExampleProject(tmp.path());
    if (paper.isEmpty())
        return 3;
    const QString author = QStringLiteral("Ada Lovelace");
    QSettings().setValue(QStringLiteral("collab/name"), author);
    const auto versions = writeHistory(paper, author);
    if (!versions)
        return 7;
    const auto screenshotWindow = coauthor::test::showScreenshotWindow(tmp.path());
    MainWindow &window = *screenshotWindow;
    if (!window.openProject(paper))
        return 4;
    window.openLocation(QStringLiteral("sections/introduction.tex"), 4);
    // The PDF beside the editor, as a user sees it.
    QSignalSpy compiled(window.compileFeature(), &CompileFeature::compiled);
    compiled.wait(90000);
    QTest::qWait(1000);
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window))
        std::fprintf(stderr, "the window did not become active\n");
    HistoryFeature *history = window.historyFeature();
    QSignalSpy refreshed(history, &HistoryFeature::refreshed);
    QTest::keyClick(window.editorTabs()->currentEditor(), Qt::Key_H, Qt::ControlModifier | Qt::AltModifier);
    if (!refreshed.wait(10000))
        return 5;
    history->dock()->raise();
    // The dock a little taller than Qt's default, as a user would drag it to read a compare.
    window.resizeDocks({history->dock()}, {380}, Qt::Vertical);
    HistoryPanel *panel = history->panel();
    QSignalSpy shown(history, &HistoryFeature::versionShown);
    // The label's row (the version it names) and the newest change.
    if (!panel->selectVersions({versions->second, versions->first}))
        std::fprintf(stderr, "the label or the newest change is not listed\n");
    shown.wait(10000);
    QTest::qWait(800);
    coauthor::test::captureScreen(out + QStringLiteral("/history.png"));
    return history->dock()->isVisible() && panel->selection().compare ? 0 : 6;
}
