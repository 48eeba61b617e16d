// The app's non-widget parts: Project (files, root document, id), ProblemMapper
// (log paths back to project files), SessionStore, CompileController's requests.
#include "apptestsupport.h"

#include "app/ui/compilecontroller.h"
#include "app/ui/problemmapper.h"
#include "app/ui/project.h"
#include "app/ui/sessionstore.h"
#include "app/ui/translationloader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor;
using namespace coauthor::app;

class ProjectTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_project;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        m_project = m_tmp.filePath(QStringLiteral("paper"));
        QVERIFY(test::copyExampleProject(m_project));
        // Build products and hidden folders from a manual latexmk run must not count as project files.
        QVERIFY(test::writeFile(m_project + QStringLiteral("/main.aux"), QStringLiteral("x")));
        QDir().mkpath(m_project + QStringLiteral("/.git"));
        QVERIFY(test::writeFile(m_project + QStringLiteral("/.git/HEAD"), QStringLiteral("x")));
    }

    void projectListsFilesAndFindsRoot()
    {
        const Project project(m_project);
        QVERIFY(project.isValid());
        QCOMPARE(project.name(), QStringLiteral("paper"));
        const QStringList files = project.files();
        QVERIFY(files.contains(QStringLiteral("main.tex")));
        QVERIFY(files.contains(QStringLiteral("sections/method.tex")));
        QVERIFY(files.contains(QStringLiteral("figures/pipeline.png")));
        QVERIFY(files.contains(QStringLiteral("references.bib")));
        QVERIFY(!files.contains(QStringLiteral("main.aux")));
        QVERIFY(!files.contains(QStringLiteral(".git/HEAD")));
        QCOMPARE(project.findRootDocument(), QStringLiteral("main.tex"));
        QCOMPARE(project.findRootDocument(QStringLiteral("sections/method.tex")), QStringLiteral("sections/method.tex"));
        QCOMPARE(project.relativePath(project.absolutePath(QStringLiteral("sections/results.tex"))),
                 QStringLiteral("sections/results.tex"));
        QVERIFY(project.relativePath(QStringLiteral("/etc/passwd")).isEmpty());
        QVERIFY(!Project(m_tmp.filePath(QStringLiteral("missing"))).isValid());
    }

    void projectIdIsStableAndDistinct()
    {
        const Project a(m_project);
        const Project b(m_project + QStringLiteral("/sections/.."));
        QCOMPARE(a.projectId(), b.projectId());
        QVERIFY(a.projectId() != Project(m_tmp.path()).projectId());
        QVERIFY(!a.projectId().isEmpty());
    }

    void rootDocumentWithoutMainTex()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("thesis"));
        QDir().mkpath(dir + QStringLiteral("/chapters"));
        QVERIFY(test::writeFile(dir + QStringLiteral("/chapters/one.tex"), QStringLiteral("\\chapter{One}\n")));
        QVERIFY(test::writeFile(dir + QStringLiteral("/notes.tex"), QStringLiteral("% \\documentclass{x}\nNotes\n")));
        QVERIFY(test::writeFile(dir + QStringLiteral("/thesis.tex"),
                                QStringLiteral("\\documentclass{report}\n\\begin{document}\\end{document}\n")));
        QCOMPARE(Project(dir).findRootDocument(), QStringLiteral("thesis.tex"));
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

    void sessionStoreRemembersProjects()
    {
        const QString other = m_tmp.filePath(QStringLiteral("thesis"));
        SessionStore::clearRecentProjects();
        SessionStore::noteProjectOpened(m_project);
        SessionStore::noteProjectOpened(other);
        SessionStore::noteProjectOpened(m_project);
        QCOMPARE(SessionStore::recentProjects(), (QStringList{m_project, other}));
        QCOMPARE(SessionStore::lastProject(), m_project);
        SessionStore::noteProjectOpened(m_tmp.filePath(QStringLiteral("gone")));
        QCOMPARE(SessionStore::recentProjects(), (QStringList{m_project, other})); // missing folders are skipped

        SessionStore::ProjectSession session;
        session.openFiles = {{QStringLiteral("main.tex"), 3, 4}, {QStringLiteral("sections/method.tex"), 20, 1}};
        session.currentFile = QStringLiteral("sections/method.tex");
        SessionStore::saveProjectSession(QStringLiteral("abc"), session);
        const auto restored = SessionStore::projectSession(QStringLiteral("abc"));
        QCOMPARE(restored.openFiles.size(), 2);
        QCOMPARE(restored.openFiles[0].path, QStringLiteral("main.tex"));
        QCOMPARE(restored.openFiles[0].line, 3);
        QCOMPARE(restored.openFiles[0].column, 4);
        QCOMPARE(restored.currentFile, QStringLiteral("sections/method.tex"));
        SessionStore::setRootDocument(QStringLiteral("abc"), QStringLiteral("thesis.tex"));
        QCOMPARE(SessionStore::rootDocument(QStringLiteral("abc")), QStringLiteral("thesis.tex"));
    }

    void sessionStoreRemembersTheWindowAndForgetsTheLastProjectOnly()
    {
        SessionStore::clearRecentProjects();
        SessionStore::noteProjectOpened(m_project);
        SessionStore::forgetLastProject();
        QVERIFY(SessionStore::lastProject().isEmpty());
        QCOMPARE(SessionStore::recentProjects(), QStringList{m_project});

        SessionStore::saveWindowGeometry("geometry");
        SessionStore::saveWindowLayout("docks", "splitter");
        SessionStore::saveWindowGeometry("moved"); // the welcome page saves only the geometry
        const SessionStore::WindowLayout layout = SessionStore::windowLayout();
        QCOMPARE(layout.geometry, QByteArray("moved"));
        QCOMPARE(layout.state, QByteArray("docks"));
        QCOMPARE(layout.splitter, QByteArray("splitter"));
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

    void languageChoice()
    {
        QCOMPARE(TranslationLoader::chooseLanguage(QStringLiteral("ja_JP.UTF-8"), QStringLiteral("de")),
                 QStringLiteral("ja"));
        QCOMPARE(TranslationLoader::chooseLanguage(QString(), QStringLiteral("de")), QStringLiteral("de"));
        QVERIFY(!TranslationLoader::chooseLanguage(QString(), QString()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(ProjectTest)
#include "tst_project.moc"
