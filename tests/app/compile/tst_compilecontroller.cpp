// CompileController's outcome of a real compile (latexmk), without a window:
// what a failing compile carries, that its log was parsed off the UI thread,
// and that a stopped compile says so.
#include "apptestsupport.h"

#include "app/compile/compilecontroller.h"
#include "app/compile/localbuildsettings.h"
#include "app/project/project.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>

using namespace coauthor;
using namespace coauthor::app;

namespace {

constexpr int compileTimeoutMs = 120000;

} // namespace

class CompileControllerTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    Project writeProject(const QString &name, const QString &mainTex)
    {
        const QString folder = m_tmp.filePath(name);
        if (!QDir().mkpath(folder) || !test::writeText(folder + QStringLiteral("/main.tex"), mainTex))
            return {};
        return Project(folder);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
    }

    // Full shell escape (minted's \\write18) comes only from the local user's setting in
    // .coauthor/: a .coauthor-project.json, a latexmkrc or any other project file (all of
    // which a collaborator can write and the server syncs) that asks for it has no effect.
    void fullShellEscapeComesOnlyFromTheLocalSetting()
    {
        QTemporaryDir marks;
        QVERIFY(marks.isValid());
        const QString mark = marks.filePath(QStringLiteral("minted-ran"));
        const Project project = writeProject(QStringLiteral("minted"),
                                             QStringLiteral("\\documentclass{article}\n\\begin{document}\n"
                                                            "\\immediate\\write18{touch %1}\nText.\n\\end{document}\n")
                                                 .arg(mark));
        QVERIFY(project.isValid());
        // Everything a synced project could say to ask for it.
        QVERIFY(test::writeText(project.absolutePath(QStringLiteral(".coauthor-project.json")),
                                QStringLiteral("{\"root\": \"main.tex\", \"shellEscape\": true, \"fullShellEscape\": true, "
                                               "\"shell_escape\": \"t\", \"engine\": \"pdflatex -shell-escape\"}\n")));
        QVERIFY(test::writeText(project.absolutePath(QStringLiteral("latexmkrc")),
                                QStringLiteral("$pdflatex = 'pdflatex -shell-escape %O %S';\n")));
        QVERIFY(test::writeText(project.absolutePath(QStringLiteral("texmf.cnf")), QStringLiteral("shell_escape = t\n")));

        CompileController controller(m_tmp.filePath(QStringLiteral("cache")));
        controller.setAutoCompile(false);
        controller.setProject(project, QStringLiteral("main.tex"));
        QCOMPARE(controller.buildRequest(compile::SyncType::Full).options.shellEscape, compile::ShellEscape::Restricted);
        QSignalSpy finished(&controller, &CompileController::finished);
        controller.compile();
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, compileTimeoutMs));
        QCOMPARE(finished.first().at(0).value<CompileOutcome>().result.status, compile::CompileStatus::Success);
        QVERIFY(!QFile::exists(mark));

        // The local user's choice, in the project's own .coauthor/ folder.
        QVERIFY(LocalBuildSettings::setFullShellEscape(project.rootPath(), true));
        QVERIFY(LocalBuildSettings::filePath(project.rootPath()).startsWith(project.rootPath() + QStringLiteral("/.coauthor/")));
        QVERIFY(!project.files().contains(QStringLiteral(".coauthor/build.json"))); // hidden: never compiled or shared
        QCOMPARE(controller.buildRequest(compile::SyncType::Full).options.shellEscape, compile::ShellEscape::Full);
        controller.fullRebuild();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() == 2; }, compileTimeoutMs));
        QVERIFY(QFile::exists(mark));

        // Off again: nothing runs.
        QVERIFY(QFile::remove(mark));
        QVERIFY(LocalBuildSettings::setFullShellEscape(project.rootPath(), false));
        controller.fullRebuild();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() == 3; }, compileTimeoutMs));
        QVERIFY(!QFile::exists(mark));
    }

    void aFailingCompilesOutcomeCarriesItsProblemsAndCountsParsedOffTheUiThread()
    {
        // Line 3: an undefined command (an error TeX recovers from); line 4: a missing
        // input, which ends the run in nonstop mode without a PDF.
        const Project project = writeProject(QStringLiteral("broken"),
                                             QStringLiteral("\\documentclass{article}\n"
                                                            "\\begin{document}\n"
                                                            "Text \\undefinedcommandxyz\n"
                                                            "\\input{doesnotexist}\n"
                                                            "\\end{document}\n"));
        QVERIFY(project.isValid());
        CompileController controller(m_tmp.filePath(QStringLiteral("cache")));
        controller.setAutoCompile(false);
        controller.setProject(project, QStringLiteral("main.tex"));
        QSignalSpy finished(&controller, &CompileController::finished);
        controller.compile();
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, compileTimeoutMs));
        QCOMPARE(finished.count(), 1);
        const auto outcome = finished.first().at(0).value<CompileOutcome>();

        QVERIFY2(outcome.result.status != compile::CompileStatus::Success, qPrintable(outcome.result.message));
        QVERIFY(!outcome.stopped);
        QVERIFY(outcome.previewPdf.isEmpty());
        QVERIFY(outcome.errors >= 1);
        QCOMPARE(outcome.errors, int(std::count_if(outcome.problems.cbegin(), outcome.problems.cend(),
                                                   [](const Problem &p) { return p.kind == Problem::Kind::Error; })));
        QCOMPARE(outcome.warnings + outcome.badBoxes + outcome.errors, int(outcome.problems.size()));
        const auto undefined = std::find_if(outcome.problems.cbegin(), outcome.problems.cend(), [](const Problem &p) {
            return p.kind == Problem::Kind::Error && p.file == QLatin1String("main.tex") && p.line == 3;
        });
        QVERIFY2(undefined != outcome.problems.cend(), qPrintable(outcome.rawLog.right(2000)));
        // The editors' marks come with it, by file.
        const QList<editor::Diagnostic> marks = outcome.diagnostics.value(QStringLiteral("main.tex"));
        QVERIFY(std::any_of(marks.cbegin(), marks.cend(), [](const editor::Diagnostic &d) {
            return d.line == 3 && d.severity == editor::Diagnostic::Severity::Error;
        }));
        QVERIFY(outcome.rawLog.contains(QStringLiteral("Undefined control sequence")));
        // Parsed in the compile's worker: a thread, and not this (the UI) one.
        QVERIFY(outcome.parsedOn != nullptr);
        QVERIFY(outcome.parsedOn != QThread::currentThread());
    }

    // The pause before an automatic compile follows the project: half the last compile,
    // at least 250 ms, never more than Preferences' delay; a new project starts at the latter.
    void theAutoCompileDelayAdaptsToHowLongCompilesTake()
    {
        QCOMPARE(CompileController::adaptiveDelay(300, 1000), 250);   // a letter: almost at once
        QCOMPARE(CompileController::adaptiveDelay(1200, 1000), 600);
        QCOMPARE(CompileController::adaptiveDelay(12000, 1000), 1000); // a thesis: the user's limit
        QCOMPARE(CompileController::adaptiveDelay(12000, 200), 200);   // a limit below 250 ms is kept
        const Project project = writeProject(QStringLiteral("adaptive"),
                                             QStringLiteral("\\documentclass{article}\n\\begin{document}\nHi.\n\\end{document}\n"));
        QVERIFY(project.isValid());
        CompileController controller(m_tmp.filePath(QStringLiteral("cache")));
        controller.setAutoCompile(false);
        controller.setAutoCompileDelay(3000);
        controller.setProject(project, QStringLiteral("main.tex"));
        QCOMPARE(controller.autoCompileDelay(), 3000);
        QSignalSpy finished(&controller, &CompileController::finished);
        controller.compile();
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, compileTimeoutMs));
        const qint64 took = controller.lastResult().elapsedMs;
        QVERIFY(took > 0);
        QCOMPARE(controller.autoCompileDelay(), CompileController::adaptiveDelay(took, 3000));
        QVERIFY2(took >= 6000 || controller.autoCompileDelay() < 3000, qPrintable(QString::number(took)));
        controller.setProject(project, QStringLiteral("main.tex"));
        QCOMPARE(controller.autoCompileDelay(), 3000);
    }

    void aStoppedCompilesOutcomeSaysSoAndACompletedOneDoesNot()
    {
        const Project project = writeProject(QStringLiteral("fine"), QStringLiteral("\\documentclass{article}\n"
                                                                                    "\\begin{document}\n"
                                                                                    "Hello.\n"
                                                                                    "\\end{document}\n"));
        QVERIFY(project.isValid());
        CompileController controller(m_tmp.filePath(QStringLiteral("cache")));
        controller.setAutoCompile(false);
        controller.setProject(project, QStringLiteral("main.tex"));
        QSignalSpy finished(&controller, &CompileController::finished);
        controller.compile();
        controller.stop();
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, compileTimeoutMs));
        QVERIFY(finished.last().at(0).value<CompileOutcome>().stopped);

        // The positive control: the same project compiled to the end is not "stopped", and shows its PDF.
        controller.compile();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() == 2; }, compileTimeoutMs));
        const auto outcome = finished.last().at(0).value<CompileOutcome>();
        QVERIFY(!outcome.stopped);
        QCOMPARE(outcome.result.status, compile::CompileStatus::Success);
        QVERIFY(!outcome.previewPdf.isEmpty());
        QCOMPARE(outcome.errors, 0);
    }
};

QTEST_GUILESS_MAIN(CompileControllerTest)
#include "tst_compilecontroller.moc"
