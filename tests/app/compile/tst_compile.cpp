// The compile feature without a window: ProblemMapper (log paths back to project
// files, problems sorted and turned into diagnostics), CompileController's requests,
// ProblemsPanel (counts, filters, activation).
#include "apptestsupport.h"

#include "app/compile/compilecontroller.h"
#include "app/compile/compilefeature.h"
#include "app/compile/localbuildsettings.h"
#include "app/compile/localpdfcopy.h"
#include "app/project/appsettings.h"
#include "app/compile/problemmapper.h"
#include "app/compile/problemspanel.h"
#include "app/project/project.h"
#include "sync/client/workingcopyscan.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QMainWindow>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace coauthor;
using namespace coauthor::app;

class CompileFeatureTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_project;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_project = test::isolatedExampleProject(m_tmp.path());
        QVERIFY(!m_project.isEmpty());
    }

    void problemPathsMapBackToTheProject()
    {
        const Project project(m_project);
        const QString compileDir = m_tmp.filePath(QStringLiteral("cache/compile"));
        QCOMPARE(ProblemMapper::projectPath(QStringLiteral("./sections/method.tex"), project, compileDir),
                 QStringLiteral("sections/method.tex"));
        QCOMPARE(ProblemMapper::projectPath(compileDir + QStringLiteral("/sections/method.tex"), project, compileDir),
                 QStringLiteral("sections/method.tex"));
        QCOMPARE(ProblemMapper::projectPath(m_project + QStringLiteral("/main.tex"), project, compileDir),
                 QStringLiteral("main.tex"));
        QCOMPARE(ProblemMapper::projectPath(QStringLiteral("sections/results"), project, compileDir),
                 QStringLiteral("sections/results.tex"));
        QVERIFY(ProblemMapper::projectPath(QStringLiteral("/usr/share/texlive/texmf-dist/tex/latex/base/article.cls"),
                                           project, compileDir)
                    .isEmpty());
        QVERIFY(ProblemMapper::projectPath(QStringLiteral("../outside.tex"), project, compileDir).isEmpty());
        QVERIFY(ProblemMapper::projectPath(QStringLiteral("output.bbl"), project, compileDir).isEmpty());
    }

    void problemsAreSortedAndBecomeDiagnostics()
    {
        const Project project(m_project);
        using Level = compile::LogEntry::Level;
        const QList<compile::LogEntry> entries = {
            {Level::Typesetting, QStringLiteral("sections/results.tex"), 12, QStringLiteral("Overfull \\hbox"), {}},
            {Level::Warning, QStringLiteral("main.tex"), 0, QStringLiteral("Citation undefined"), {}},
            {Level::Error, QStringLiteral("./sections/method.tex"), 7, QStringLiteral("Undefined control sequence."), {}},
        };
        const QList<Problem> problems = ProblemMapper::fromLog(entries, project, QString());
        QCOMPARE(problems.size(), 3);
        QCOMPARE(problems[0].kind, Problem::Kind::Error);
        QCOMPARE(problems[0].file, QStringLiteral("sections/method.tex"));
        QCOMPARE(problems[0].line, 7);
        QCOMPARE(problems[2].kind, Problem::Kind::BadBox);
        const auto diagnostics = ProblemMapper::diagnosticsByFile(problems);
        QCOMPARE(diagnostics.size(), 2); // the warning has no line
        QCOMPARE(diagnostics.value(QStringLiteral("sections/method.tex")).first().line, 7);
        QCOMPARE(diagnostics.value(QStringLiteral("sections/method.tex")).first().severity,
                 editor::Diagnostic::Severity::Error);
    }

    // A missing package's problem says which package to install: Debian's texlive-* package
    // where the shipped table knows it, how to find it where it does not.
    void aMissingPackageProblemNamesThePackageToInstall()
    {
        const Project project(m_project);
        using Level = compile::LogEntry::Level;
        const QList<Problem> problems = ProblemMapper::fromLog(
            {{Level::Error, QStringLiteral("main.tex"), 3, QStringLiteral("LaTeX Error: File `siunitx.sty' not found."), {}},
             {Level::Error, QStringLiteral("main.tex"), 4, QStringLiteral("LaTeX Error: File `nosuchpackage.sty' not found."), {}},
             {Level::Error, QStringLiteral("main.tex"), 5, QStringLiteral("LaTeX Error: File `figures/plot' not found."), {}}},
            project, QString());
        QCOMPARE(problems.size(), 3);
        // A missing figure is the project's own: no package to install.
        QCOMPARE(problems[2].message, QStringLiteral("LaTeX Error: File `figures/plot' not found."));
        QCOMPARE(problems[0].message.section(u'\n', 0, 0),
                 QStringLiteral("LaTeX Error: File `siunitx.sty' not found. (install texlive-science)"));
        QVERIFY2(problems[0].message.contains(QLatin1String("sudo apt install texlive-science")), qPrintable(problems[0].message));
        QCOMPARE(problems[1].message.section(u'\n', 0, 0),
                 QStringLiteral("LaTeX Error: File `nosuchpackage.sty' not found. "
                                "(install the TeX Live package that provides it)"));
        QVERIFY(problems[1].message.contains(QLatin1String("apt-file search nosuchpackage.sty")));
        QVERIFY(problems[1].message.contains(QLatin1String("tlmgr search --global --file nosuchpackage.sty")));
        QVERIFY(problems[1].message.contains(QLatin1String("MiKTeX")));
    }

    // Build → Allow Shell Escape asks each time it is turned on (saying so when the project is
    // shared), stores the answer only in the project's .coauthor/, and turns off without asking.
    void fullShellEscapeIsAskedEachTimeAndStoredLocally()
    {
        QMainWindow window;
        window.setStatusBar(new QStatusBar(&window));
        CompileFeature::Actions actions;
        for (QAction **action : {&actions.compile, &actions.fullRebuild, &actions.stop, &actions.autoCompile,
                                 &actions.showLog, &actions.pdflatex, &actions.xelatex, &actions.lualatex,
                                 &actions.uplatex, &actions.fullShellEscape})
            *action = new QAction(&window);
        actions.fullShellEscape->setCheckable(true);
        AppSettings settings;
        settings.autoCompile = false;
        CompileFeature feature(m_tmp.filePath(QStringLiteral("feature-cache")), &window, actions, &settings);
        QList<bool> asked; // the shared flag of each question
        bool answer = false;
        feature.setShellEscapeConfirmation([&](bool shared) {
            asked << shared;
            return answer;
        });
        bool shared = true;
        feature.setSharedCheck([&] { return shared; });
        const Project project(m_project);
        feature.setProject(project);
        QVERIFY(actions.fullShellEscape->isEnabled());
        QVERIFY(!actions.fullShellEscape->isChecked());

        actions.fullShellEscape->trigger(); // refused
        QCOMPARE(asked, QList<bool>{true});
        QVERIFY(!actions.fullShellEscape->isChecked());
        QVERIFY(!LocalBuildSettings::fullShellEscape(project.rootPath()));

        answer = true;
        actions.fullShellEscape->trigger();
        QCOMPARE(asked, (QList<bool>{true, true}));
        QVERIFY(actions.fullShellEscape->isChecked());
        QVERIFY(LocalBuildSettings::fullShellEscape(project.rootPath()));
        feature.controller()->stop();

        actions.fullShellEscape->trigger(); // off: no question
        QCOMPARE(asked.size(), 2);
        QVERIFY(!LocalBuildSettings::fullShellEscape(project.rootPath()));
        shared = false;
        actions.fullShellEscape->trigger();
        QCOMPARE(asked, (QList<bool>{true, true, false}));
        feature.controller()->stop();
        QVERIFY(LocalBuildSettings::setFullShellEscape(project.rootPath(), false));

        // The warning names the risk; a shared project's adds that collaborators' edits count.
        QVERIFY(CompileFeature::shellEscapeWarning(false).contains(
            QLatin1String("a document can run any program on this computer, with your permissions, including one a collaborator wrote")));
        QVERIFY(!CompileFeature::shellEscapeWarning(false).contains(QLatin1String("edits are included")));
        QVERIFY(CompileFeature::shellEscapeWarning(true).contains(QLatin1String("every collaborator's edits are included")));
    }

    // Build → Keep a Copy of the PDF next to the Main Document: on, each successful compile
    // writes main.pdf beside main.tex (listed as a local output, never shared), never over a
    // file it did not write; off, no copy.
    void theKeptPdfCopyIsWrittenNextToTheMainDocumentOnlyWhenOn()
    {
        QTemporaryDir tmp;
        const QString root = test::isolatedExampleProject(tmp.path());
        QVERIFY(!root.isEmpty());
        QMainWindow window;
        window.setStatusBar(new QStatusBar(&window));
        CompileFeature::Actions actions;
        for (QAction **action : {&actions.compile, &actions.fullRebuild, &actions.stop, &actions.autoCompile,
                                 &actions.showLog, &actions.pdflatex, &actions.xelatex, &actions.lualatex,
                                 &actions.uplatex, &actions.keepPdfCopy})
            *action = new QAction(&window);
        actions.keepPdfCopy->setCheckable(true);
        AppSettings settings;
        settings.autoCompile = false;
        CompileFeature feature(tmp.filePath(QStringLiteral("cache")), &window, actions, &settings);
        const Project project(root);
        QCOMPARE(feature.setProject(project), QStringLiteral("main.tex"));
        QVERIFY(actions.keepPdfCopy->isEnabled());
        QVERIFY(!actions.keepPdfCopy->isChecked());
        QSignalSpy finished(feature.controller(), &CompileController::finished);
        const QString copy = project.absolutePath(QStringLiteral("main.pdf"));
        const auto compile = [&] {
            const int before = int(finished.count());
            feature.controller()->compile();
            return QTest::qWaitFor([&] { return finished.count() > before; }, 90000)
                && finished.last().at(0).value<CompileOutcome>().result.status == compile::CompileStatus::Success;
        };

        // Off (the default): no file next to the main document.
        QVERIFY(compile());
        QVERIFY(!QFileInfo::exists(copy));

        actions.keepPdfCopy->trigger(); // on: the PDF on screen is copied at once
        QVERIFY(LocalBuildSettings::keepPdfCopy(project.rootPath()));
        QVERIFY(QFileInfo::exists(copy));
        QFile::remove(copy);
        QVERIFY(compile());
        QVERIFY(QFileInfo(copy).isFile());
        QCOMPARE(test::readBytes(copy), test::readBytes(feature.controller()->previewPdfPath()));
        QVERIFY(!QFileInfo::exists(copy + QStringLiteral(".part")));
        QVERIFY(sync::workingcopyscan::localOutputs(project.rootPath()).contains(QStringLiteral("main.pdf")));
        // Only in this computer's .coauthor/, never in a shared project file.
        QVERIFY(!test::readText(project.absolutePath(QStringLiteral(".coauthor-project.json"))).contains(QLatin1String("keep")));

        // A file of that name that is not the copy it wrote (a collaborator's) is left alone.
        {
            QFile other(copy);
            QVERIFY(other.open(QIODevice::WriteOnly | QIODevice::Truncate));
            other.write("%PDF- someone else's");
        }
        QVERIFY(compile());
        QCOMPARE(test::readBytes(copy), QByteArray("%PDF- someone else's"));
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("not replaced")),
                 qPrintable(window.statusBar()->currentMessage()));

        // Off: no new copy.
        QFile::remove(copy);
        actions.keepPdfCopy->trigger();
        QVERIFY(!LocalBuildSettings::keepPdfCopy(project.rootPath()));
        QVERIFY(compile());
        QVERIFY(!QFileInfo::exists(copy));
        QCOMPARE(LocalPdfCopy::pathFor(QStringLiteral("chapters/thesis.tex")), QStringLiteral("chapters/thesis.pdf"));
    }

    void requestsCarryUnsavedBuffers()
    {
        CompileController controller(m_tmp.filePath(QStringLiteral("compiles")));
        const Project project(m_project);
        controller.setProject(project, QStringLiteral("main.tex"));
        controller.setBufferProvider([] {
            return QHash<QString, QByteArray>{{QStringLiteral("sections/method.tex"), QStringLiteral("edited ü").toUtf8()},
                                              {QStringLiteral("sections/new.tex"), QByteArrayLiteral("not on disk")}};
        });
        const compile::CompileRequest request = controller.buildRequest(compile::SyncType::Incremental);
        QCOMPARE(request.projectId, project.projectId());
        QCOMPARE(request.rootDocument, QStringLiteral("main.tex"));
        QCOMPARE(request.syncType, compile::SyncType::Incremental);
        int seen = 0;
        for (const compile::Resource &r : request.resources) {
            if (r.path == QLatin1String("sections/method.tex")) {
                QCOMPARE(r.content, QStringLiteral("edited ü").toUtf8());
                QVERIFY(r.sourceFile.isEmpty());
                ++seen;
            } else if (r.path == QLatin1String("sections/new.tex")) {
                QCOMPARE(r.content, QByteArray("not on disk"));
                ++seen;
            } else if (r.path == QLatin1String("figures/pipeline.png")) {
                QCOMPARE(r.sourceFile, project.absolutePath(r.path));
                ++seen;
            }
            QVERIFY(!r.path.startsWith(u'/'));
        }
        QCOMPARE(seen, 3);
    }

    void problemsPanelCountsFiltersAndActivates()
    {
        ProblemsPanel panel;
        panel.resize(600, 200);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy title(&panel, &ProblemsPanel::titleChanged);
        panel.setProblems({
            {Problem::Kind::Error, QStringLiteral("sections/method.tex"), 7, QStringLiteral("Undefined control sequence."), {}},
            {Problem::Kind::Warning, QStringLiteral("main.tex"), 3, QStringLiteral("Reference undefined"), {}},
            {Problem::Kind::Warning, QString(), 0, QStringLiteral("Font shape undefined"), {}},
            {Problem::Kind::BadBox, QStringLiteral("sections/results.tex"), 12, QStringLiteral("Overfull \\hbox"), {}},
        });
        QCOMPARE(title.count(), 1);
        QCOMPARE(panel.count(Problem::Kind::Error), 1);
        QCOMPARE(panel.count(Problem::Kind::Warning), 2);
        QVERIFY(panel.title().contains(u'1') && panel.title().contains(u'2'));
        QCOMPARE(panel.list()->topLevelItemCount(), 4);

        panel.setKindVisible(Problem::Kind::Warning, false);
        QVERIFY(panel.list()->topLevelItem(1)->isHidden());
        QVERIFY(!panel.list()->topLevelItem(0)->isHidden());
        panel.setKindVisible(Problem::Kind::Warning, true);

        QSignalSpy activated(&panel, &ProblemsPanel::problemActivated);
        QTreeWidgetItem *item = panel.list()->topLevelItem(0);
        QTest::mouseClick(panel.list()->viewport(), Qt::LeftButton, {}, panel.list()->visualItemRect(item).center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().at(0).toString(), QStringLiteral("sections/method.tex"));
        QCOMPARE(activated.first().at(1).toInt(), 7);

        panel.setRawLog(QStringLiteral("This is pdfTeX\n! Undefined control sequence."));
        panel.showRawLog(true);
        QVERIFY(panel.isRawLogShown());
        QVERIFY(panel.rawLog().contains(QStringLiteral("Undefined control")));
        panel.clear();
        QCOMPARE(panel.list()->topLevelItemCount(), 0);
    }
};

QTEST_MAIN(CompileFeatureTest)
#include "tst_compile.moc"
