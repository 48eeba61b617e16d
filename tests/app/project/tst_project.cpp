// The project feature: Project (files, root document, id) and SessionStore.
#include "apptestsupport.h"

#include "app/project/project.h"
#include "app/project/rootdocument.h"
#include "app/project/sessionstore.h"

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
        m_project = test::isolatedExampleProject(m_tmp.path());
        QVERIFY(!m_project.isEmpty());
        // Build products and hidden folders from a manual latexmk run must not count as project files.
        QVERIFY(test::writeText(m_project + QStringLiteral("/main.aux"), QStringLiteral("x")));
        QDir().mkpath(m_project + QStringLiteral("/.git"));
        QVERIFY(test::writeText(m_project + QStringLiteral("/.git/HEAD"), QStringLiteral("x")));
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

    // The folder names the app proposes (New Project, a joined project) hold on every system.
    void aProposedFolderNameIsPortable()
    {
        QCOMPARE(Project::portableName(QStringLiteral("Fluid dynamics: a study?")), QStringLiteral("Fluid dynamics_ a study_"));
        QCOMPARE(Project::portableName(QStringLiteral("a/b\\c <d>|*\"e\""), u'-'), QStringLiteral("a-b-c -d----e-"));
        QCOMPARE(Project::portableName(QStringLiteral("  Thèse \t 😀 ")), QStringLiteral("Thèse 😀"));
        QCOMPARE(Project::portableName(QStringLiteral("Draft. . .")), QStringLiteral("Draft"));
        QCOMPARE(Project::portableName(QStringLiteral("..")), QString()); // never a parent folder
        QCOMPARE(Project::portableName(QStringLiteral("a\u0001b")), QStringLiteral("a_b"));
    }

    void projectIdIsStableAndDistinct()
    {
        const Project a(m_project);
        const Project b(m_project + QStringLiteral("/sections/.."));
        QCOMPARE(a.projectId(), b.projectId());
        QVERIFY(a.projectId() != Project(m_tmp.path()).projectId());
        QVERIFY(!a.projectId().isEmpty());
    }

    void withoutMainTexTheRootIsTheFirstFileWithAnUncommentedDocumentClass()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("thesis"));
        QDir().mkpath(dir + QStringLiteral("/chapters"));
        QVERIFY(test::writeText(dir + QStringLiteral("/chapters/one.tex"), QStringLiteral("\\chapter{One}\n")));
        QVERIFY(test::writeText(dir + QStringLiteral("/notes.tex"), QStringLiteral("% \\documentclass{x}\nNotes\n")));
        QVERIFY(test::writeText(dir + QStringLiteral("/thesis.tex"),
                                QStringLiteral("\\documentclass{report}\n\\begin{document}\\end{document}\n")));
        QCOMPARE(Project(dir).findRootDocument(), QStringLiteral("thesis.tex"));
    }

    // `coauthor compile` uses the same finder but guesses in the top folder only
    // (tests/compile/tst_compilecommand: a subfolder root needs --main).
    void theCommandLineGuessesARootInTheTopFolderOnly()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("article"));
        QDir().mkpath(dir + QStringLiteral("/paper"));
        QVERIFY(test::writeText(dir + QStringLiteral("/paper/paper.tex"),
                                QStringLiteral("\\documentclass{article}\n\\begin{document}\\end{document}\n")));
        const QStringList files{QStringLiteral("paper/paper.tex")};
        QCOMPARE(findRootDocument(dir, files), QStringLiteral("paper/paper.tex"));
        QCOMPARE(Project(dir).findRootDocument(), QStringLiteral("paper/paper.tex"));
        QVERIFY(findRootDocument(dir, files, {}, RootSearch::TopFolderOnly).isEmpty());
        QVERIFY(test::writeText(dir + QStringLiteral("/draft.tex"), QStringLiteral("\\documentclass{article}\n")));
        QCOMPARE(findRootDocument(dir, files + QStringList{QStringLiteral("draft.tex")}, {}, RootSearch::TopFolderOnly),
                 QStringLiteral("draft.tex"));
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

    void sessionStoreRemembersTheWindowAndAClosedProjectLeavesOnlyTheRecentList()
    {
        SessionStore::clearRecentProjects();
        SessionStore::noteProjectOpened(m_project);
        SessionStore::noteProjectClosed();
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
};

QTEST_GUILESS_MAIN(ProjectTest)
#include "tst_project.moc"
