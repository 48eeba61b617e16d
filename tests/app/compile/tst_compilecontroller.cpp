// CompileController's outcome of a real compile (latexmk), without a window:
// what a failing compile carries, that its log was parsed off the UI thread,
// and that a stopped compile says so.
#include "apptestsupport.h"

#include "app/compile/compilecontroller.h"
#include "app/project/project.h"

#include <QDir>
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
