// The root-document rule shared by the app and `coauthor compile`: the issue's
// folder (paper.tex includes the others; a cover letter and a standalone figure
// have their own \documentclass), %!TEX root and %!TEX program comments, the
// project's setting over the guess.
#include "apptestsupport.h"

#include "app/project/project.h"
#include "app/project/rootdocument.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor;
using namespace coauthor::app;

namespace {

// The folder of issue 14: before, the app picked cover-letter.tex and the command line fig-standalone.tex.
void writeIssueFolder(const QString &dir)
{
    QVERIFY(test::writeText(dir + QStringLiteral("/paper.tex"),
                            QStringLiteral("\\documentclass{article}\n\\usepackage{standalone}\n\\begin{document}\n"
                                           "\\input{sections/intro}\n\\input{fig-standalone}\n\\end{document}\n")));
    QVERIFY(test::writeText(dir + QStringLiteral("/sections/intro.tex"), QStringLiteral("Intro.\n")));
    QVERIFY(test::writeText(dir + QStringLiteral("/cover-letter.tex"),
                            QStringLiteral("\\documentclass{letter}\n\\begin{document}Dear editor.\\end{document}\n")));
    QVERIFY(test::writeText(dir + QStringLiteral("/fig-standalone.tex"),
                            QStringLiteral("\\documentclass{standalone}\n\\begin{document}A box.\\end{document}\n")));
}

} // namespace

class RootDocumentTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    QString folder(const QString &name)
    {
        const QString dir = m_tmp.filePath(name);
        QDir().mkpath(dir);
        return dir;
    }

private Q_SLOTS:
    void theDocumentThatIncludesTheOthersIsTheRootInTheAppAndOnTheCommandLine()
    {
        const QString dir = folder(QStringLiteral("issue"));
        writeIssueFolder(dir);
        const Project project(dir);
        QCOMPARE(project.findRootDocument(), QStringLiteral("paper.tex"));
        QCOMPARE(findRootDocument(dir, project.files(), {}, RootSearch::TopFolderOnly), QStringLiteral("paper.tex"));
        QCOMPARE(includedFiles(dir, QStringLiteral("paper.tex"), project.files()),
                 (QStringList{QStringLiteral("sections/intro.tex"), QStringLiteral("fig-standalone.tex")}));
    }

    void includesAreFoundThroughIncludeSubfileAndImport()
    {
        const QString dir = folder(QStringLiteral("kinds"));
        QVERIFY(test::writeText(dir + QStringLiteral("/a-notes.tex"), QStringLiteral("\\documentclass{article}\nNotes\n")));
        QVERIFY(test::writeText(dir + QStringLiteral("/thesis.tex"),
                                QStringLiteral("\\documentclass{report}\n% \\input{commented}\n\\include{ch/one}\n"
                                               "\\subfile{ch/two.tex}\n\\import{parts/}{three}\n\\input ch/four\n")));
        for (const char *file : {"ch/one.tex", "ch/two.tex", "parts/three.tex", "ch/four.tex", "commented.tex"})
            QVERIFY(test::writeText(dir + u'/' + QLatin1String(file), QStringLiteral("\\documentclass{article}\n")));
        const Project project(dir);
        QCOMPARE(project.findRootDocument(), QStringLiteral("thesis.tex"));
        QCOMPARE(includedFiles(dir, QStringLiteral("thesis.tex"), project.files()).size(), 4);
    }

    void withoutIncludesMainTexThenTheOnlyTopLevelDocumentClass()
    {
        const QString dir = folder(QStringLiteral("plain"));
        QVERIFY(test::writeText(dir + QStringLiteral("/article.tex"), QStringLiteral("\\documentclass{article}\n")));
        QVERIFY(test::writeText(dir + QStringLiteral("/old/draft.tex"), QStringLiteral("\\documentclass{article}\n")));
        QCOMPARE(Project(dir).findRootDocument(), QStringLiteral("article.tex"));
        QVERIFY(test::writeText(dir + QStringLiteral("/main.tex"), QStringLiteral("\\documentclass{article}\n")));
        QCOMPARE(Project(dir).findRootDocument(), QStringLiteral("main.tex"));
    }

    void aMagicRootCommentIsFollowedRelativeToItsFile()
    {
        const QString dir = folder(QStringLiteral("magic"));
        writeIssueFolder(dir);
        QVERIFY(test::writeText(dir + QStringLiteral("/letters/reply.tex"),
                                QStringLiteral("% !TEX root = ../cover-letter.tex\nThanks.\n")));
        QVERIFY(test::writeText(dir + QStringLiteral("/letters/ps.tex"), QStringLiteral("%!TeX root=reply.tex\nP.S.\n")));
        const Project project(dir);
        RootHints hints;
        hints.currentFile = QStringLiteral("letters/reply.tex");
        QCOMPARE(project.findRootDocument(hints), QStringLiteral("cover-letter.tex"));
        // Followed from file to file.
        hints.currentFile = QStringLiteral("letters/ps.tex");
        QCOMPARE(project.findRootDocument(hints), QStringLiteral("cover-letter.tex"));
        // The comment wins over the project's setting; without one, the setting decides.
        hints.setting = QStringLiteral("fig-standalone.tex");
        QCOMPARE(project.findRootDocument(hints), QStringLiteral("cover-letter.tex"));
        hints.currentFile = QStringLiteral("sections/intro.tex");
        QCOMPARE(project.findRootDocument(hints), QStringLiteral("fig-standalone.tex"));
    }

    void aMagicRootThatLeavesTheProjectOrLoopsIsIgnored()
    {
        const QString dir = folder(QStringLiteral("hostile"));
        writeIssueFolder(dir);
        QVERIFY(test::writeText(m_tmp.filePath(QStringLiteral("outside.tex")), QStringLiteral("\\documentclass{article}\n")));
        QVERIFY(test::writeText(dir + QStringLiteral("/escape.tex"), QStringLiteral("%!TEX root = ../outside.tex\n")));
        QVERIFY(test::writeText(dir + QStringLiteral("/absolute.tex"), QStringLiteral("%!TEX root = /etc/passwd\n")));
        QVERIFY(test::writeText(dir + QStringLiteral("/a.tex"), QStringLiteral("%!TEX root = b.tex\n")));
        QVERIFY(test::writeText(dir + QStringLiteral("/b.tex"), QStringLiteral("%!TEX root = a.tex\n")));
        const Project project(dir);
        for (const char *file : {"escape.tex", "absolute.tex"}) {
            RootHints hints;
            hints.currentFile = QLatin1String(file);
            QCOMPARE(project.findRootDocument(hints), QStringLiteral("paper.tex"));
        }
        RootHints loop;
        loop.currentFile = QStringLiteral("a.tex");
        const QString root = project.findRootDocument(loop);
        QVERIFY2(root == QLatin1String("a.tex") || root == QLatin1String("b.tex"), qPrintable(root));
    }

    void aSettingOutsideTheProjectOrMissingFallsBackToTheGuess()
    {
        const QString dir = folder(QStringLiteral("setting"));
        writeIssueFolder(dir);
        const Project project(dir);
        for (const char *setting : {"../outside.tex", "/etc/passwd", "gone.tex"}) {
            RootHints hints;
            hints.setting = QLatin1String(setting);
            QCOMPARE(project.findRootDocument(hints), QStringLiteral("paper.tex"));
        }
        RootHints hints;
        hints.setting = QStringLiteral("cover-letter.tex");
        QCOMPARE(project.findRootDocument(hints), QStringLiteral("cover-letter.tex"));
    }

    void magicCommentsAreReadInTheFirstLinesOnly()
    {
        const MagicComments magic = readMagicComments(QStringLiteral(
            "% !TEX TS-program = XeLaTeX\n%!TEX spellcheck = de_DE\n% !TeX root = ../main.tex\n\\documentclass{article}\n"));
        QCOMPARE(magic.program, QStringLiteral("XeLaTeX"));
        QCOMPARE(magic.spellcheck, QStringLiteral("de_DE"));
        QCOMPARE(magic.root, QStringLiteral("../main.tex"));
        QString late;
        for (int i = 0; i < 30; ++i)
            late += QStringLiteral("line\n");
        QVERIFY(readMagicComments(late + QStringLiteral("%!TEX root = x.tex\n")).root.isEmpty());
    }

    void theProgramCommentPicksOnlyAKnownEngine()
    {
        QCOMPARE(magicProgramEngine(QStringLiteral("xelatex")), QStringLiteral("xelatex"));
        QCOMPARE(magicProgramEngine(QStringLiteral("LuaLaTeX")), QStringLiteral("lualatex"));
        QCOMPARE(magicProgramEngine(QStringLiteral("pdflatex")), QStringLiteral("pdflatex"));
        for (const char *hostile : {"pdflatex -shell-escape", "sh -c 'rm -rf ~'", "latexmk", "pdflatex;touch x", ""})
            QVERIFY2(magicProgramEngine(QLatin1String(hostile)).isEmpty(), hostile);
    }
};

QTEST_GUILESS_MAIN(RootDocumentTest)
#include "tst_rootdocument.moc"
