// Compile on Server in the window, end to end: a real redis-server, coauthor-server and
// coauthor-worker in its sandbox; a read-only member's app, on a computer without TeX
// (PATH without latexmk), compiles with Build → Compile and shows the worker's PDF, its
// problems mapped to project files, and SyncTeX both ways on the downloaded data; the
// outputs stay in the local cache, never in the shared working copy. Fetch Latest Server
// PDF shows a collaborator's compile.
#include "apptestsupport.h"

#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/compile/compilecontroller.h"
#include "app/compile/compilefeature.h"
#include "app/compile/compilestatuslabel.h"
#include "app/compile/problemspanel.h"
#include "app/compile/servercompile.h"
#include "app/editors/editortabs.h"
#include "app/pdf/pdfdocument.h"
#include "app/pdf/pdfview.h"
#include "app/ui/appactions.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "editor/latexeditor.h"
#include "sync/client/syncclient.h"
#include "tests/sync/client/compileserverprocesses.h"

#include <QDirIterator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

using namespace coauthor;
using namespace coauthor::app;

namespace {

const QString kMain = QStringLiteral("\\documentclass{article}\n"
                                     "\\begin{document}\n"
                                     "The quick brown fox jumps over the lazy dog.\n"
                                     "\n"
                                     "\\undefinedmacro{} breaks this line.\n"
                                     "\\end{document}\n");

// Files of dir (recursively) whose names end with one of suffixes.
QStringList filesEndingWith(const QString &dir, const QStringList &suffixes)
{
    QStringList out;
    for (QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
        const QString file = it.next();
        for (const QString &suffix : suffixes) {
            if (file.endsWith(suffix))
                out << file;
        }
    }
    return out;
}

QRectF wordBox(const PdfView *view, const QString &text)
{
    for (const PdfWord &word : view->words(1)) {
        if (word.text == text)
            return word.rect;
    }
    return {};
}

} // namespace

class ServerCompileAppTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    sync::test::CompileServerProcesses m_server;
    std::unique_ptr<sync::SyncClient> m_author;
    ShareLink m_link;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        initAppResources();
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        QString error;
        QVERIFY2(m_server.start(QStringLiteral(COAUTHOR_SERVER_BINARY), QStringLiteral(COAUTHOR_WORKER_BINARY), &error),
                 qPrintable(error));
        // The author writes the paper from another computer.
        m_author = std::make_unique<sync::SyncClient>();
        sync::SyncClient::Options o;
        o.url = QUrl(m_server.url);
        o.projectId = m_server.project.id;
        o.token = m_server.project.token;
        o.name = QStringLiteral("Author");
        o.workingCopy = m_tmp.filePath(QStringLiteral("author"));
        o.mirrorFiles = false;
        QVERIFY(m_author->open(o).ok());
        QTRY_VERIFY_WITH_TIMEOUT(m_author->isSynchronized(), 15000);
        m_author->createDoc(QStringLiteral("main.tex"), kMain);
        QTRY_VERIFY_WITH_TIMEOUT(!m_author->docIdForPath(QStringLiteral("main.tex")).isEmpty() && m_author->isSynchronized(), 15000);
        // The supervisor reads and compiles, with a read-only invitation.
        m_link.url = QUrl(m_server.url);
        m_link.projectId = m_server.project.id;
        m_link.token = m_server.createToken(true);
        m_link.name = QStringLiteral("Supervisor");
        QVERIFY(!m_link.token.isEmpty());
    }

    void withoutTexCompileRunsOnTheServerAndShowsItsPdfProblemsAndSyncTex()
    {
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", m_tmp.filePath(QStringLiteral("no-tex-here")).toLocal8Bit()); // no latexmk, no pdflatex
        const auto restorePath = qScopeGuard([&] { qputenv("PATH", path); });

        MainWindow w(m_tmp.filePath(QStringLiteral("cache")));
        AppSettings settings = w.settings();
        settings.autoCompile = false;
        w.applySettings(settings);
        w.resize(1366, 740);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString copy = m_tmp.filePath(QStringLiteral("supervisor"));
        auto opened = w.collabFeature()->openSharedProject(copy, m_link);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error()));
        QTRY_VERIFY_WITH_TIMEOUT(w.collaboration()->client()->isSynchronized(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(copy + QStringLiteral("/main.tex")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(w.compileController()->rootDocument(), QStringLiteral("main.tex"), 10000);
        // Opening the project compiled it as always: on the server, as there is no TeX here.
        QTRY_VERIFY_WITH_TIMEOUT(!w.compileFeature()->serverCompile()->isBusy(), 90000);
        // The author goes on writing (below the broken line, so its number stays). (The same
        // text again would meet latexmk's "All targets are up-to-date" after an error: no PDF.)
        const QString doc = m_author->docIdForPath(QStringLiteral("main.tex"));
        const qint64 end = m_author->document(doc)->text().indexOf(QLatin1String("\\end{document}"));
        QVERIFY(m_author->applyLocalEdit(doc, sync::ot::TextOperation({sync::ot::Component::insert(end, QStringLiteral("More text.\n"))})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(m_author->isSynchronized(), 15000);

        QSignalSpy compiled(w.compileFeature(), &CompileFeature::compiled);
        QStringList shown;
        connect(w.compileFeature()->serverCompile(), &ServerCompile::progressed, this, [&](const QString &t) { shown << t; });
        w.actions()->compile->trigger(); // no TeX here: the server compiles
        QVERIFY(w.compileFeature()->serverCompile()->isBusy());
        QVERIFY(compiled.wait(90000));
        QVERIFY(!w.compileFeature()->serverCompile()->isBusy());
        const CompileOutcome outcome = compiled.last().at(0).value<CompileOutcome>();
        QVERIFY2(outcome.result.status == compile::CompileStatus::Success,
                 qPrintable(outcome.result.message + u'\n' + outcome.rawLog.right(1500)));
        QVERIFY(!outcome.previewPdf.isEmpty());
        QVERIFY(outcome.parsedOn != QThread::currentThread());
        // Its steps were in the status label as they came.
        QVERIFY2(shown.contains(ServerCompile::tr("Queued on the server…")), qPrintable(shown.join(u'|')));
        QVERIFY(std::any_of(shown.begin(), shown.end(), [](const QString &t) { return t.contains(QLatin1String("PDF")); }));

        // The worker's PDF in the view.
        QTRY_COMPARE_WITH_TIMEOUT(w.pdfView()->pageCount(), 1, 10000);
        QCOMPARE(w.pdfView()->documentPath(), outcome.previewPdf);
        QTRY_VERIFY_WITH_TIMEOUT(!wordBox(w.pdfView(), QStringLiteral("lazy")).isNull(), 10000);
        // Its problems, at the project's file and line (the worker's paths mapped).
        const QList<Problem> problems = w.problemsPanel()->problems();
        const auto undefined = std::find_if(problems.begin(), problems.end(), [](const Problem &p) {
            return p.kind == Problem::Kind::Error && p.message.contains(QLatin1String("Undefined control sequence"));
        });
        QVERIFY(undefined != problems.end());
        QCOMPARE(undefined->file, QStringLiteral("main.tex"));
        QCOMPARE(undefined->line, 5);
        QCOMPARE(w.compileFeature()->statusLabel()->text(), CompileFeature::tr("Compiled on the server: %n error(s)", nullptr, 1));

        // SyncTeX on the downloaded data: forward onto the word, and back from a click on one.
        w.openLocation(QStringLiteral("main.tex"), 3, 38); // in "lazy"
        QVERIFY(w.showCurrentLineInPdf());
        QCOMPARE(w.pdfView()->highlightedPage(), 1);
        QCOMPARE(w.pdfView()->highlightedRects(), QList<QRectF>{wordBox(w.pdfView(), QStringLiteral("lazy"))});
        w.openLocation(QStringLiteral("main.tex"), 1);
        QVERIFY(w.showPdfPointInSource(1, wordBox(w.pdfView(), QStringLiteral("fox")).center()));
        QCOMPARE(w.editorTabs()->currentFile(), QStringLiteral("main.tex"));
        QCOMPARE(w.editorTabs()->currentEditor()->currentLine(), 3);
        QCOMPARE(w.editorTabs()->currentEditor()->currentColumn(), int(kMain.split(u'\n').at(2).indexOf(QLatin1String("fox"))) + 1);

        // The outputs are in the local cache, never in the shared working copy.
        const QStringList outputs = {QStringLiteral(".pdf"), QStringLiteral(".synctex.gz"), QStringLiteral(".log"), QStringLiteral(".part")};
        QCOMPARE(filesEndingWith(copy, outputs), QStringList());
        QVERIFY(!filesEndingWith(m_tmp.filePath(QStringLiteral("cache/server/")) + w.project().projectId(), {QStringLiteral("output.synctex.gz")}).isEmpty());
    }

    void fetchLatestServerPdfShowsACollaboratorsCompile()
    {
        // The author changes the paper and compiles it on the server.
        const QString doc = m_author->docIdForPath(QStringLiteral("main.tex"));
        const QString line = QStringLiteral("\\undefinedmacro{} breaks this line.\n");
        const qint64 at = m_author->document(doc)->text().indexOf(line);
        QVERIFY(at > 0);
        QVERIFY(m_author->applyLocalEdit(doc, sync::ot::TextOperation({sync::ot::Component::erase(at, line),
                                                                       sync::ot::Component::insert(at, QStringLiteral("Fixed.\n"))}))
                    .ok());
        QTRY_VERIFY_WITH_TIMEOUT(m_author->isSynchronized(), 15000);
        QString job;
        QString done;
        connect(m_author.get(), &sync::SyncClient::compileProgress, this,
                [&](const QString &id, const QString &state, int, const QString &status) {
                    if (id == job && state == QLatin1String("done"))
                        done = status;
                });
        m_author->compileOnServer(QStringLiteral("main.tex"), {}, false, [&](sync::Result<QString, sync::ServiceError> r) {
            if (r)
                job = r.value();
        });
        QTRY_COMPARE_WITH_TIMEOUT(done, QStringLiteral("success"), 90000);

        MainWindow w(m_tmp.filePath(QStringLiteral("cache2")));
        AppSettings settings = w.settings();
        settings.autoCompile = false;
        w.applySettings(settings);
        w.show();
        auto opened = w.collabFeature()->openSharedProject(m_tmp.filePath(QStringLiteral("reader2")), m_link);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error()));
        QTRY_VERIFY_WITH_TIMEOUT(w.collaboration()->client()->isSynchronized(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(w.compileController()->rootDocument(), QStringLiteral("main.tex"), 10000);
        QSignalSpy compiled(w.compileFeature(), &CompileFeature::compiled);
        w.actions()->fetchServerPdf->trigger();
        // (TeX is here: opening the project also compiled it locally, which may end first.)
        const auto fromServer = [&]() -> std::optional<CompileOutcome> {
            for (const QList<QVariant> &emitted : compiled) {
                const auto outcome = emitted.at(0).value<CompileOutcome>();
                if (outcome.result.buildDir.section(u'/', -1) == job)
                    return outcome;
            }
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(fromServer().has_value(), 30000);
        const CompileOutcome outcome = *fromServer();
        QCOMPARE(outcome.errors, 0);
        QTRY_COMPARE_WITH_TIMEOUT(w.pdfView()->documentPath(), outcome.previewPdf, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(w.pdfView()->pageCount(), 1, 10000);
    }

    void stopLeavesTheServersJobAndShowsNothingOfIt()
    {
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", m_tmp.filePath(QStringLiteral("no-tex-here")).toLocal8Bit());
        const auto restorePath = qScopeGuard([&] { qputenv("PATH", path); });
        MainWindow w(m_tmp.filePath(QStringLiteral("cache3")));
        AppSettings settings = w.settings();
        settings.autoCompile = false;
        w.applySettings(settings);
        w.show();
        auto opened = w.collabFeature()->openSharedProject(m_tmp.filePath(QStringLiteral("reader3")), m_link);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error()));
        QTRY_VERIFY_WITH_TIMEOUT(w.collaboration()->client()->isSynchronized(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.compileFeature()->serverCompile()->isBusy(), 90000); // the opening compile
        QSignalSpy compiled(w.compileFeature(), &CompileFeature::compiled);
        w.actions()->compile->trigger();
        QVERIFY(w.compileFeature()->serverCompile()->isBusy());
        QVERIFY(w.actions()->stop->isEnabled());
        w.actions()->stop->trigger();
        QVERIFY(!w.compileFeature()->serverCompile()->isBusy());
        QVERIFY(!w.actions()->stop->isEnabled());
        QCOMPARE(w.compileFeature()->statusLabel()->text(), CompileStatusLabel::tr("Compile stopped"));
        QTest::qWait(3000); // the job ends on the server meanwhile
        QCOMPARE(compiled.count(), 0);
        // Positive control: the same compile not stopped is shown.
        w.actions()->compile->trigger();
        QVERIFY(compiled.wait(90000));
    }

    void aServerErrorIsOneClearSentence()
    {
        QCOMPARE(ServerCompile::errorSentence(QStringLiteral("compile_unavailable"), QStringLiteral("this server has no compile workers")),
                 ServerCompile::tr("This server cannot compile: it runs without compile workers."));
        QVERIFY(!ServerCompile::errorSentence(QStringLiteral("too_large"), {}).contains(QLatin1String("%1")));
        QVERIFY(ServerCompile::errorSentence(QStringLiteral("network_error"), QStringLiteral("Connection refused")).contains(QLatin1String("Connection refused")));
    }

    void cleanupTestCase() { m_author.reset(); }
};

QTEST_MAIN(ServerCompileAppTest)
#include "tst_servercompile_app.moc"
