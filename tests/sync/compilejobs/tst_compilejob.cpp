// CompileJob, CompileProgress and CompileOutcome as JSON: what a worker reads from
// Redis is checked before use (a stream entry may come from anything that can XADD).
#include "sync/compilejobs/compilejob.h"

#include <QTest>

using namespace coauthor::sync;

class TestCompileJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aJobSurvivesItsJson()
    {
        CompileJob job;
        job.jobId = QStringLiteral("j-1");
        job.projectId = QStringLiteral("6b257d63-bb99-4d38-b733-ec38e3d0f0cd");
        job.rootDocument = QStringLiteral("thesis/main.tex");
        job.engine = QStringLiteral("lualatex");
        job.draft = true;
        job.versions = {{QStringLiteral("d1"), 7}, {QStringLiteral("d2"), 0}};
        job.requestedBy = QStringLiteral("u-1");
        job.queuedAt = 1796306923808;
        const auto back = CompileJob::fromJson(job.toJson());
        QVERIFY(back);
        QCOMPARE(back->jobId, job.jobId);
        QCOMPARE(back->projectId, job.projectId);
        QCOMPARE(back->rootDocument, job.rootDocument);
        QCOMPARE(back->engine, job.engine);
        QCOMPARE(back->draft, true);
        QCOMPARE(back->versions, job.versions);
        QCOMPARE(back->requestedBy, job.requestedBy);
        QCOMPARE(back->queuedAt, job.queuedAt);
    }

    void malformedJobsAreRefusedWithAReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        const QByteArray ok = R"("jobId":"j","projectId":"p","rootDocument":"main.tex")";
        QTest::newRow("not json") << QByteArray("{not json") << QStringLiteral("not a JSON object");
        QTest::newRow("an array") << QByteArray("[1,2]") << QStringLiteral("not a JSON object");
        QTest::newRow("no job id") << QByteArray(R"({"projectId":"p","rootDocument":"main.tex"})") << QStringLiteral("jobId");
        QTest::newRow("job id with a slash") << QByteArray(R"({"jobId":"a/b","projectId":"p","rootDocument":"m"})")
                                             << QStringLiteral("jobId");
        QTest::newRow("no project") << QByteArray(R"({"jobId":"j","rootDocument":"main.tex"})") << QStringLiteral("projectId");
        QTest::newRow("project id as a number") << QByteArray(R"({"jobId":"j","projectId":5,"rootDocument":"m"})")
                                                << QStringLiteral("projectId");
        QTest::newRow("no root") << QByteArray(R"({"jobId":"j","projectId":"p"})") << QStringLiteral("root document");
        QTest::newRow("versions not an object") << QByteArray("{" + ok + R"(,"versions":[1]})") << QStringLiteral("versions");
        QTest::newRow("negative version") << QByteArray("{" + ok + R"(,"versions":{"d":-1}})") << QStringLiteral("versions");
        QTest::newRow("fractional version") << QByteArray("{" + ok + R"(,"versions":{"d":1.5}})") << QStringLiteral("versions");
        QTest::newRow("version as text") << QByteArray("{" + ok + R"(,"versions":{"d":"3"}})") << QStringLiteral("versions");
    }

    void malformedJobsAreRefusedWithAReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!CompileJob::fromJson(json, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }

    void progressAndOutcomeSurviveTheirJson()
    {
        CompileProgress progress;
        progress.jobId = QStringLiteral("j");
        progress.projectId = QStringLiteral("p");
        progress.state = CompileProgress::State::Pass;
        progress.pass = 2;
        progress.worker = QStringLiteral("w1");
        const auto p = CompileProgress::fromJson(progress.toJson());
        QVERIFY(p);
        QCOMPARE(p->state, CompileProgress::State::Pass);
        QCOMPARE(p->pass, 2);
        QCOMPARE(p->worker, QStringLiteral("w1"));
        QVERIFY(!CompileProgress::fromJson(R"({"jobId":"j","state":"exploded"})"));

        CompileOutcome outcome;
        outcome.jobId = QStringLiteral("j");
        outcome.projectId = QStringLiteral("p");
        outcome.status = QStringLiteral("success");
        outcome.versions = {{QStringLiteral("d"), 3}};
        outcome.problems.append({QStringLiteral("warning"), QStringLiteral("main.tex"), 4, QStringLiteral("Overfull")});
        outcome.log = "This is pdfTeX";
        outcome.pdfBytes = 1234;
        const auto o = CompileOutcome::fromJson(outcome.toJson());
        QVERIFY(o);
        QCOMPARE(o->status, outcome.status);
        QCOMPARE(o->versions, outcome.versions);
        QCOMPARE(o->problems.size(), 1);
        QCOMPARE(o->problems.first().line, 4);
        QCOMPARE(o->log, outcome.log);
        QCOMPARE(o->pdfBytes, 1234);
    }
};

QTEST_GUILESS_MAIN(TestCompileJob)
#include "tst_compilejob.moc"
