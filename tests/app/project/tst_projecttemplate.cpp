// New Project's templates: each one compiles with real latexmk to a PDF that shows
// the title and author it was given (special characters included), and making a
// project never overwrites a folder or leaves half a project behind.
#include "app/project/projecttemplate.h"
#include "apptestsupport.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::app;

class ProjectTemplateTest : public QObject
{
    Q_OBJECT

    static QString pdfText(const QString &pdf)
    {
        QProcess p;
        p.start(QStringLiteral("pdftotext"), {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
        p.waitForFinished(30000);
        return QString::fromUtf8(p.readAllStandardOutput()).simplified();
    }

private Q_SLOTS:
    void theTemplatesAreArticleThesisSlidesAndLetter()
    {
        QStringList ids;
        for (const ProjectTemplate &t : projectTemplates()) {
            ids << t.id;
            QVERIFY(!t.name.isEmpty());
            QVERIFY(!t.description.isEmpty());
        }
        QCOMPARE(ids, (QStringList{QStringLiteral("article"), QStringLiteral("thesis"), QStringLiteral("beamer"),
                                   QStringLiteral("letter")}));
    }

    void specialCharactersAreEscapedForLatex()
    {
        QCOMPARE(escapeLatex(QStringLiteral("50% & $5 #1 a_b {x} ~ ^ \\")),
                 QStringLiteral("50\\% \\& \\$5 \\#1 a\\_b \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}"));
        QCOMPARE(escapeLatex(QStringLiteral("Über\nzwei")), QStringLiteral("Über zwei"));
    }

    void everyTemplateCompilesAndShowsItsTitleAndAuthor_data()
    {
        QTest::addColumn<QString>("id");
        for (const ProjectTemplate &t : projectTemplates())
            QTest::newRow(qPrintable(t.id)) << t.id;
    }

    void everyTemplateCompilesAndShowsItsTitleAndAuthor()
    {
        QFETCH(QString, id);
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext (poppler-utils) is missing: dev.sh installs it");
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("My project"));
        const QString title = QStringLiteral("Größe & Co: 50% of x_1");
        QCOMPARE(createProjectFromTemplate(id, folder, title, QStringLiteral("Ada Lovelace")), QString());
        QVERIFY(QFile::exists(folder + QStringLiteral("/main.tex")));
        QProcess latexmk;
        latexmk.setWorkingDirectory(folder);
        latexmk.start(QStringLiteral("latexmk"), {QStringLiteral("-norc"), QStringLiteral("-pdf"),
                                                  QStringLiteral("-interaction=nonstopmode"), QStringLiteral("-halt-on-error"),
                                                  QStringLiteral("main.tex")});
        QVERIFY(latexmk.waitForFinished(120000));
        QVERIFY2(latexmk.exitCode() == 0, latexmk.readAllStandardOutput().right(3000).constData());
        // No warning a new user would have to puzzle over (undefined references, missing citations).
        const QString log = coauthor::test::readText(folder + QStringLiteral("/main.log"));
        QVERIFY2(!log.contains(QLatin1String("LaTeX Warning: There were undefined references")), qPrintable(id));
        QVERIFY2(!log.contains(QLatin1String("Citation")), qPrintable(id));
        const QString text = pdfText(folder + QStringLiteral("/main.pdf"));
        QVERIFY2(text.contains(QStringLiteral("Größe & Co: 50% of x_1")), qPrintable(text.left(400)));
        QVERIFY2(text.contains(QStringLiteral("Ada Lovelace")), qPrintable(text.left(400)));
    }

    void aFolderThatIsNotEmptyIsRefusedAndLeftAsItWas()
    {
        QTemporaryDir dir;
        QVERIFY(coauthor::test::writeText(dir.filePath(QStringLiteral("notes.txt")), QStringLiteral("mine")));
        const QString error = createProjectFromTemplate(QStringLiteral("article"), dir.path(), QStringLiteral("T"), {});
        QVERIFY2(error.contains(QLatin1String("not an empty folder")), qPrintable(error));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("notes.txt")});
        QCOMPARE(coauthor::test::readText(dir.filePath(QStringLiteral("notes.txt"))), QStringLiteral("mine"));
    }

    void anEmptyFolderIsFilledAndAnUnknownTemplateLeavesNothing()
    {
        QTemporaryDir dir;
        QCOMPARE(createProjectFromTemplate(QStringLiteral("thesis"), dir.path(), QStringLiteral("T"), {}), QString());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("chapters/introduction.tex"))));
        const QString missing = dir.filePath(QStringLiteral("other"));
        QVERIFY(!createProjectFromTemplate(QStringLiteral("../thesis"), missing, QStringLiteral("T"), {}).isEmpty());
        QVERIFY(!createProjectFromTemplate(QStringLiteral("novel"), missing, QStringLiteral("T"), {}).isEmpty());
        QVERIFY(!QFileInfo::exists(missing));
    }
};

QTEST_GUILESS_MAIN(ProjectTemplateTest)
#include "tst_projecttemplate.moc"
