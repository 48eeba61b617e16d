// `coauthor count PATH [--main FILE] [--json]` run as a process: TeXcount's counts
// of the test documents, the root found as `coauthor compile` finds it (the issue's
// folder counts from paper.tex), a file's %!TEX root followed, usage errors.
#include "apptestsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run coauthorCount(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(COAUTHOR_BIN_DIR "/coauthor"), QStringList{QStringLiteral("count")} + arguments);
    Run run;
    if (!process.waitForFinished(30000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QString data(const char *folder)
{
    return QStringLiteral(COAUTHOR_WORDCOUNT_DATA_DIR "/") + QLatin1String(folder);
}

} // namespace

class CountCommandTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo(QStringLiteral(COAUTHOR_BIN_DIR "/coauthor")).isExecutable());
    }

    // The figures are texcount -inc -brief's on the same files.
    void aFolderIsCountedPerFileAsTexcountDoes()
    {
        const Run run = coauthorCount({data("thesis")});
        QCOMPARE(run.exitCode, 0);
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.contains(QStringLiteral("37+8+0 (2/0/0/0) File: thesis.tex")), run.out.constData());
        QVERIFY(out.contains(QStringLiteral("74+7+7 (3/1/5/1) File: chapters/background.tex")));
        QVERIFY(out.contains(QStringLiteral("319+20+19 (10/2/6/2) Total")));
        QVERIFY(out.contains(QStringLiteral("Words: 358")));
    }

    void jsonGivesEveryCounterPerFileAndInTotal()
    {
        const Run run = coauthorCount({data("physics"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject object = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(object.value(QLatin1String("root")).toString(), QStringLiteral("paper.tex"));
        const QJsonObject total = object.value(QLatin1String("total")).toObject();
        QCOMPARE(total.value(QLatin1String("textWords")).toInt(), 89);
        QCOMPARE(total.value(QLatin1String("headerWords")).toInt(), 8);
        QCOMPARE(total.value(QLatin1String("captionWords")).toInt(), 32);
        QCOMPARE(total.value(QLatin1String("headers")).toInt(), 4);
        QCOMPARE(total.value(QLatin1String("floats")).toInt(), 2);
        QCOMPARE(total.value(QLatin1String("inlineMath")).toInt(), 10);
        QCOMPARE(total.value(QLatin1String("displayMath")).toInt(), 3);
        QCOMPARE(total.value(QLatin1String("words")).toInt(), 129);
        QCOMPARE(object.value(QLatin1String("files")).toArray().size(), 1);
    }

    void theIssuesFolderIsCountedFromPaperTex()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("issue"));
        QVERIFY(coauthor::test::writeText(dir + QStringLiteral("/paper.tex"),
                                          QStringLiteral("\\documentclass{article}\n\\begin{document}\nThe paper.\n"
                                                         "\\input{fig-standalone}\n\\end{document}\n")));
        QVERIFY(coauthor::test::writeText(dir + QStringLiteral("/cover-letter.tex"),
                                          QStringLiteral("\\documentclass{letter}\n\\begin{document}Dear editor, hello.\\end{document}\n")));
        QVERIFY(coauthor::test::writeText(dir + QStringLiteral("/fig-standalone.tex"),
                                          QStringLiteral("\\documentclass{standalone}\n\\begin{document}Box.\\end{document}\n")));
        QVERIFY(coauthor::test::writeText(dir + QStringLiteral("/reply.tex"),
                                          QStringLiteral("%!TEX root = cover-letter.tex\nNot counted on its own.\n")));
        QJsonObject object = QJsonDocument::fromJson(coauthorCount({dir, QStringLiteral("--json")}).out).object();
        QCOMPARE(object.value(QLatin1String("root")).toString(), QStringLiteral("paper.tex"));
        QCOMPARE(object.value(QLatin1String("total")).toObject().value(QLatin1String("textWords")).toInt(), 3);
        // --main names another document; a file given as PATH follows its %!TEX root.
        object = QJsonDocument::fromJson(
                     coauthorCount({dir, QStringLiteral("--main"), QStringLiteral("cover-letter.tex"), QStringLiteral("--json")}).out)
                     .object();
        QCOMPARE(object.value(QLatin1String("root")).toString(), QStringLiteral("cover-letter.tex"));
        object = QJsonDocument::fromJson(coauthorCount({dir + QStringLiteral("/reply.tex"), QStringLiteral("--json")}).out).object();
        QCOMPARE(object.value(QLatin1String("root")).toString(), QStringLiteral("cover-letter.tex"));
        QCOMPARE(object.value(QLatin1String("total")).toObject().value(QLatin1String("textWords")).toInt(), 3);
        // The project's setting decides over the guess.
        QVERIFY(coauthor::test::writeText(dir + QStringLiteral("/.coauthor-project.json"),
                                          QStringLiteral("{\"root\": \"fig-standalone.tex\"}")));
        object = QJsonDocument::fromJson(coauthorCount({dir, QStringLiteral("--json")}).out).object();
        QCOMPARE(object.value(QLatin1String("root")).toString(), QStringLiteral("fig-standalone.tex"));
    }

    void usageErrorsExitWithTwo()
    {
        QCOMPARE(coauthorCount({}).exitCode, 2);
        QCOMPARE(coauthorCount({m_tmp.filePath(QStringLiteral("nothing-here"))}).exitCode, 2);
        const QString empty = m_tmp.filePath(QStringLiteral("empty"));
        QDir().mkpath(empty);
        const Run run = coauthorCount({empty});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("--main"));
        QVERIFY(coauthorCount({QStringLiteral("--help")}).out.contains("--json"));
    }
};

QTEST_GUILESS_MAIN(CountCommandTest)
#include "tst_countcommand.moc"
