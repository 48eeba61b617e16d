// `coauthor compile DIR` run as a process: exit codes, text and JSON output.
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using coauthor::test::writeBytes;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCompileCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_cache;
    QTemporaryDir m_project;
    QString m_binary;

    Run coauthor(const QStringList &arguments)
    {
        QProcess process;
        process.start(m_binary, QStringList{QStringLiteral("compile")} + arguments
                                    + QStringList{QStringLiteral("--cache-dir"), m_cache.path()});
        Run run;
        if (!process.waitForFinished(90000))
            return run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_binary = QStringLiteral(COAUTHOR_BIN_DIR "/coauthor");
        if (!QFileInfo(m_binary).isExecutable())
            QFAIL("the coauthor executable is not built");
        QVERIFY(writeBytes(m_project.filePath(QStringLiteral("main.tex")),
                           "\\documentclass{article}\n\\begin{document}\nHello.\n\\input{sub/chapter}\n\\end{document}\n"));
        QVERIFY(writeBytes(m_project.filePath(QStringLiteral("sub/chapter.tex")), "Fine chapter.\n"));
    }

    void successAsJson()
    {
        const Run run = coauthor({m_project.path(), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject object = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(object.value(QLatin1String("status")).toString(), QStringLiteral("success"));
        QVERIFY(object.value(QLatin1String("ok")).toBool());
        QVERIFY(QFileInfo(object.value(QLatin1String("pdf")).toString()).size() > 0);
        QVERIFY(object.value(QLatin1String("diagnostics")).isArray());
    }

    void errorsAsText()
    {
        QVERIFY(writeBytes(m_project.filePath(QStringLiteral("sub/chapter.tex")), "Broken\n\\nosuchmacro\n"));
        const Run run = coauthor({m_project.path()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("sub/chapter.tex:2: error: Undefined control sequence \\nosuchmacro"), run.out.constData());
        QVERIFY(run.out.contains("status: success"));
        QVERIFY(run.out.contains("PDF: "));
        QVERIFY(writeBytes(m_project.filePath(QStringLiteral("sub/chapter.tex")), "Fine chapter.\n"));
    }

    void timeoutExitCode()
    {
        QTemporaryDir loop;
        QVERIFY(writeBytes(loop.filePath(QStringLiteral("paper.tex")),
                           "\\documentclass{article}\n\\begin{document}\n\\def\\x{\\x}\\x\n\\end{document}\n"));
        const Run run = coauthor({loop.path(), QStringLiteral("--timeout"), QStringLiteral("3"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QLatin1String("status")).toString(), QStringLiteral("timed-out"));
    }

    // --main names a root document in a subfolder (no main.tex there to guess);
    // --full and --engine are accepted, and the build's PDF holds that document.
    void mainInSubfolderWithFullAndEngine()
    {
        QTemporaryDir project;
        QVERIFY(writeBytes(project.filePath(QStringLiteral("paper/paper.tex")),
                           "\\documentclass{article}\n\\begin{document}\nSubfolder paper.\n\\input{part}\n\\end{document}\n"));
        QVERIFY(writeBytes(project.filePath(QStringLiteral("paper/part.tex")), "A part.\n"));
        const QStringList arguments{project.path(), QStringLiteral("--main"), QStringLiteral("paper/paper.tex"),
                                    QStringLiteral("--engine"), QStringLiteral("pdflatex"), QStringLiteral("--full"),
                                    QStringLiteral("--json")};
        Run run = coauthor(arguments);
        QVERIFY2(run.exitCode == 0, run.out.constData());
        QJsonObject object = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(object.value(QLatin1String("status")).toString(), QStringLiteral("success"));
        const QString firstBuild = object.value(QLatin1String("buildId")).toString();
        QVERIFY(QFileInfo(object.value(QLatin1String("pdf")).toString()).size() > 0);
        // Without a root document to guess, the folder alone is a usage error.
        QCOMPARE(coauthor({project.path()}).exitCode, 2);
        // Again without --full: a new build of the same project.
        run = coauthor(arguments.mid(0, 5) + QStringList{QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        object = QJsonDocument::fromJson(run.out).object();
        QVERIFY(object.value(QLatin1String("buildId")).toString() != firstBuild);
    }

    // Issue 14: in a folder with paper.tex (which \inputs the others), cover-letter.tex and
    // fig-standalone.tex, `coauthor compile` compiled fig-standalone.tex. The project's
    // setting and a %!TEX program comment choose the engine (no --engine given).
    void theIssuesFolderCompilesPaperTexWithTheProjectsEngine()
    {
        QTemporaryDir project;
        QVERIFY(writeBytes(project.filePath(QStringLiteral("paper.tex")),
                           "\\documentclass{article}\n\\usepackage{standalone}\n\\begin{document}\nThe paper.\n"
                           "\\input{fig-standalone}\n\\end{document}\n"));
        QVERIFY(writeBytes(project.filePath(QStringLiteral("cover-letter.tex")),
                           "\\documentclass{article}\n\\begin{document}\nDear editor.\n\\end{document}\n"));
        QVERIFY(writeBytes(project.filePath(QStringLiteral("fig-standalone.tex")),
                           "\\documentclass{standalone}\n\\begin{document}\nA box.\n\\end{document}\n"));
        Run run = coauthor({project.path(), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.out.constData());
        QJsonObject object = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(object.value(QLatin1String("root")).toString(), QStringLiteral("paper.tex"));
        QCOMPARE(object.value(QLatin1String("engine")).toString(), QStringLiteral("pdflatex"));

        QVERIFY(writeBytes(project.filePath(QStringLiteral(".coauthor-project.json")), "{\"engine\": \"lualatex\"}"));
        run = coauthor({project.path(), QStringLiteral("--json")});
        object = QJsonDocument::fromJson(run.out).object();
        QVERIFY2(run.exitCode == 0, run.out.constData());
        QCOMPARE(object.value(QLatin1String("engine")).toString(), QStringLiteral("lualatex"));

        // A hostile setting is refused with a message, and the guess compiles.
        QVERIFY(writeBytes(project.filePath(QStringLiteral(".coauthor-project.json")),
                           "{\"root\": \"../../etc/passwd.tex\", \"engine\": \"pdflatex -shell-escape\"}"));
        run = coauthor({project.path(), QStringLiteral("--json")});
        object = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(object.value(QLatin1String("root")).toString(), QStringLiteral("paper.tex"));
        QCOMPARE(object.value(QLatin1String("engine")).toString(), QStringLiteral("pdflatex"));
        QVERIFY(run.err.contains("ignored"));

        // --main names the letter; its %!TEX program picks the engine over the setting.
        QVERIFY(writeBytes(project.filePath(QStringLiteral(".coauthor-project.json")), "{\"engine\": \"pdflatex\"}"));
        QVERIFY(writeBytes(project.filePath(QStringLiteral("cover-letter.tex")),
                           "% !TEX program = lualatex\n\\documentclass{article}\n\\begin{document}\nDear editor.\n\\end{document}\n"));
        run = coauthor({project.path(), QStringLiteral("--main"), QStringLiteral("cover-letter.tex"), QStringLiteral("--json")});
        object = QJsonDocument::fromJson(run.out).object();
        QVERIFY2(run.exitCode == 0, run.out.constData());
        QCOMPARE(object.value(QLatin1String("root")).toString(), QStringLiteral("cover-letter.tex"));
        QCOMPARE(object.value(QLatin1String("engine")).toString(), QStringLiteral("lualatex"));
    }

    // --version and --help print and exit without a display (as on a CI machine).
    void versionAndHelpNeedNoDisplay()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        for (const QString &flag : {QStringLiteral("--version"), QStringLiteral("-v"), QStringLiteral("--help")}) {
            QProcess process;
            process.setProcessEnvironment(environment);
            process.start(m_binary, {flag});
            QVERIFY(process.waitForFinished(30000));
            const QByteArray out = process.readAllStandardOutput();
            QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                     qPrintable(flag + u' ' + QString::fromLocal8Bit(process.readAllStandardError())));
            QVERIFY2(flag == QLatin1String("--help") ? out.contains("compile DIR") : out.startsWith("coauthor "), out.constData());
        }
    }

    void usageErrors()
    {
        QCOMPARE(coauthor({}).exitCode, 2);
        QCOMPARE(coauthor({m_project.filePath(QStringLiteral("nosuchdir"))}).exitCode, 2);
        QCOMPARE(coauthor({m_project.path(), QStringLiteral("--engine"), QStringLiteral("tex")}).exitCode, 2);
        QCOMPARE(coauthor({m_project.path(), QStringLiteral("--timeout"), QStringLiteral("0")}).exitCode, 2);
        const Run missingMain = coauthor({m_project.path(), QStringLiteral("--main"), QStringLiteral("nosuch.tex")});
        QCOMPARE(missingMain.exitCode, 4);
    }
};

QTEST_GUILESS_MAIN(TestCompileCommand)
#include "tst_compilecommand.moc"
