// Compile workers end to end: a real redis-server, a real SQLite docstore, real
// coauthor-worker processes compiling in the real sandbox. Jobs are queued the way a
// server queues them (CompileQueue) and read back from Redis (the stored outcome, the PDF).
#include "tests/sync/storetestutil.h"
#include "tests/compile/pdftext.h"

#include "sync/docstore/docstore.h"
#include "sync/docupdater/documentupdater.h"
#include "sync/ot/operations.h"
#include "sync/compilejobs/compilekeys.h"
#include "sync/compilejobs/compilequeue.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace coauthor;
using namespace coauthor::sync;
using namespace coauthor::sync::testing;

namespace {

QByteArray helloDoc(const QByteArray &text)
{
    return "\\documentclass{article}\\begin{document}" + text + "\\end{document}\n";
}

// About a second of TeX per million rounds of a loop, per pass.
QByteArray slowDoc(int millions, const QByteArray &text)
{
    return "\\documentclass{article}\\begin{document}\\newcount\\n \\loop\\advance\\n 1 \\ifnum\\n<"
        + QByteArray::number(millions) + "000000 \\repeat " + text + "\\end{document}\n";
}

// Processes whose command line mentions text (a worker's work dir: its bwrap and latexmk).
int processesMentioning(const QString &text)
{
    int count = 0;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        QFile cmdline(it.next() + QLatin1String("/cmdline"));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(text.toUtf8()))
            ++count;
    }
    return count;
}

} // namespace

class TestCompileWorker : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    RedisServerProcess m_redis;
    std::unique_ptr<Docstore> m_docstore;
    RedisClient m_client;
    std::unique_ptr<CompileQueue> m_queue;
    std::unique_ptr<DocumentUpdater> m_updater;
    QList<QProcess *> m_workers;
    QList<QByteArray> m_progress; // every progress message, in order

    QString docstoreUrl() const { return QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("docstore.sqlite")); }

    QProcess *startWorker(const QString &name)
    {
        auto *process = new QProcess(this);
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->start(QStringLiteral(COAUTHOR_BIN_DIR "/coauthor-worker"),
                       {QStringLiteral("--redis"), m_redis.url(), QStringLiteral("--docstore"), docstoreUrl(),
                        QStringLiteral("--work-dir"), m_dir.filePath(QStringLiteral("work/") + name),
                        QStringLiteral("--name"), name, QStringLiteral("--claim-idle-ms"), QStringLiteral("1500"),
                        QStringLiteral("--lock-ttl-ms"), QStringLiteral("3000"), QStringLiteral("--read-block-ms"),
                        QStringLiteral("300"), QStringLiteral("--timeout"), QStringLiteral("60")});
        if (!process->waitForStarted(10000))
            qWarning("cannot start coauthor-worker: %s", qPrintable(process->errorString()));
        m_workers << process;
        return process;
    }

    QString createProject(const QMap<QString, QByteArray> &docs, QMap<QString, QString> *docIds = nullptr)
    {
        const QString id = m_docstore->createProject(QStringLiteral("p")).value().id;
        for (auto it = docs.begin(); it != docs.end(); ++it) {
            const TreeEntry entry = m_docstore->createDoc(id, it.key(), QString::fromUtf8(it.value())).value();
            if (docIds)
                docIds->insert(it.key(), entry.id);
        }
        return id;
    }

    CompileJob enqueue(const QString &projectId, const QMap<QString, qint64> &versions = {})
    {
        CompileJob job;
        job.projectId = projectId;
        job.rootDocument = QStringLiteral("main.tex");
        job.versions = versions;
        auto r = await<CompileJob>([&](auto cb) { m_queue->enqueue(job, cb); });
        if (!r || !r->ok())
            return {};
        return r->value();
    }

    std::optional<CompileOutcome> outcomeOf(const QString &jobId, int timeoutMs = 60000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            auto r = redisCommand(m_client, {"GET", CompileKeys::result(jobId)});
            if (r && !r.value().isNil())
                return CompileOutcome::fromJson(r.value().string);
            QTest::qWait(100);
        }
        return std::nullopt;
    }

    qint64 integer(const QList<QByteArray> &argv)
    {
        auto r = redisCommand(m_client, argv);
        return r ? r.value().toInteger(-1) : -1;
    }

    QList<CompileProgress> progressOf(const QString &jobId) const
    {
        QList<CompileProgress> found;
        for (const QByteArray &message : m_progress) {
            if (auto progress = CompileProgress::fromJson(message); progress && progress->jobId == jobId)
                found << *progress;
        }
        return found;
    }

    bool waitForProgress(const QString &jobId, CompileProgress::State state, int timeoutMs = 30000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            const QList<CompileProgress> seen = progressOf(jobId);
            if (std::any_of(seen.begin(), seen.end(), [state](const CompileProgress &p) { return p.state == state; }))
                return true;
            QTest::qWait(20);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("redis"))));
        const auto started = m_redis.start(m_dir.filePath(QStringLiteral("redis")), false);
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error()));
        auto store = Docstore::open(docstoreUrl(), m_dir.path());
        QVERIFY(store.ok());
        m_docstore = store.takeValue();
        m_client.connectTo(m_redis.url());
        QVERIFY(waitConnected(m_client));
        m_queue = std::make_unique<CompileQueue>(&m_client);
        m_updater = std::make_unique<DocumentUpdater>(&m_client, m_docstore.get());
        connect(&m_client, &RedisClient::message, this, [this](const QByteArray &, const QByteArray &payload) {
            m_progress << payload;
        });
    }

    void cleanup()
    {
        for (QProcess *process : std::as_const(m_workers)) {
            process->kill();
            process->waitForFinished(5000);
            delete process;
        }
        m_workers.clear();
    }

    void aJobIsCompiledFromTheDocsInRedisAndAcknowledged()
    {
        QMap<QString, QString> ids;
        const QString project = createProject({{QStringLiteral("main.tex"), helloDoc("Stored text. \\input{chapter}")}}, &ids);
        QVERIFY(m_docstore->createFile(project, QStringLiteral("chapter.tex"), "From a binary file.").ok());
        m_client.subscribe(CompileKeys::progressChannel(project));
        // An edit the docstore does not have yet: only the document-updater's Redis has it.
        DocUpdate update;
        update.docId = ids.value(QStringLiteral("main.tex"));
        update.baseVersion = 0;
        update.op = ot::TextOperation({ot::Component::insert(QStringLiteral("\\documentclass{article}\\begin{document}").size(),
                                                             QStringLiteral("Edited in Redis. "))});
        update.clientId = QStringLiteral("c1");
        update.seq = 1;
        auto applied = await<AppliedUpdate>([&](auto cb) { m_updater->applyUpdate(project, update, cb); });
        QVERIFY(applied && applied->ok());
        QCOMPARE(applied->value().version, 1);
        QTest::qWait(200); // subscribed before the job is queued

        startWorker(QStringLiteral("w1"));
        const CompileJob job = enqueue(project, {{update.docId, 1}});
        QVERIFY(!job.jobId.isEmpty());
        const auto outcome = outcomeOf(job.jobId);
        QVERIFY(outcome);
        QVERIFY2(outcome->status == QLatin1String("success"), qPrintable(outcome->message));
        QCOMPARE(outcome->worker, QStringLiteral("w1"));
        QCOMPARE(outcome->versions.value(update.docId), 1);
        QVERIFY(outcome->pdfBytes > 0);
        QVERIFY(outcome->synctexBytes > 0);
        QVERIFY(outcome->log.contains("Output written on output.pdf"));

        auto pdf = redisCommand(m_client, {"GET", CompileKeys::pdf(job.jobId)});
        QVERIFY(pdf && pdf.value().string.size() == outcome->pdfBytes);
        QFile file(m_dir.filePath(QStringLiteral("fetched.pdf")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(pdf.value().string);
        file.close();
        const QString text = compile::test::pdfText(file.fileName());
        QVERIFY2(text.contains(QStringLiteral("Edited in Redis. Stored text.")) && text.contains(QStringLiteral("From a binary file.")),
                 qPrintable(text));
        auto latest = redisCommand(m_client, {"HGET", CompileKeys::latest(project), "jobId"});
        QVERIFY(latest);
        QCOMPARE(latest.value().string, job.jobId.toUtf8());

        // Acknowledged and gone from the stream.
        QTRY_COMPARE_WITH_TIMEOUT(integer({"XLEN", CompileKeys::stream()}), 0, 5000);
        auto pending = await<qint64>([&](auto cb) { m_queue->pendingCount(cb); });
        QVERIFY(pending && pending->ok());
        QCOMPARE(pending->value(), 0);

        // queued, running, pass 1, …, done: in that order.
        QTRY_VERIFY_WITH_TIMEOUT(waitForProgress(job.jobId, CompileProgress::State::Done, 100), 5000);
        const QList<CompileProgress> progress = progressOf(job.jobId);
        QVERIFY(progress.size() >= 4);
        QCOMPARE(progress.first().state, CompileProgress::State::Queued);
        QCOMPARE(progress.at(1).state, CompileProgress::State::Running);
        QCOMPARE(progress.at(2).state, CompileProgress::State::Pass);
        QCOMPARE(progress.at(2).pass, 1);
        QCOMPARE(progress.last().state, CompileProgress::State::Done);
        QCOMPARE(progress.last().status, QStringLiteral("success"));
    }

    void badJobsGetAClearErrorAndTheWorkerGoesOn()
    {
        QMap<QString, QString> ids;
        const QString project = createProject({{QStringLiteral("main.tex"), helloDoc("Next one.")}}, &ids);
        startWorker(QStringLiteral("w1"));
        // Not a job at all: dropped (acknowledged), nothing to answer.
        QVERIFY(redisCommand(m_client, {"XADD", CompileKeys::stream(), "*", "job", "{not json"}).ok());
        // A version nobody was given.
        const CompileJob future = enqueue(project, {{ids.value(QStringLiteral("main.tex")), 5}});
        const auto refused = outcomeOf(future.jobId);
        QVERIFY(refused);
        QCOMPARE(refused->status, QStringLiteral("error"));
        QVERIFY2(refused->message.contains(QLatin1String("version_in_future")), qPrintable(refused->message));
        const CompileJob fine = enqueue(project);
        const auto outcome = outcomeOf(fine.jobId);
        QVERIFY(outcome);
        QCOMPARE(outcome->status, QStringLiteral("success"));
        QTRY_COMPARE_WITH_TIMEOUT(integer({"XLEN", CompileKeys::stream()}), 0, 5000);
    }

    void aWorkerKilledMidJobLeavesItsJobToAnother()
    {
        const QString project = createProject({{QStringLiteral("main.tex"), slowDoc(8, "Survived.")}});
        m_client.subscribe(CompileKeys::progressChannel(project));
        QTest::qWait(200);
        QProcess *doomed = startWorker(QStringLiteral("doomed"));
        const CompileJob job = enqueue(project);
        QVERIFY(waitForProgress(job.jobId, CompileProgress::State::Pass));
        doomed->kill(); // SIGKILL, mid-compile
        QVERIFY(doomed->waitForFinished(5000));
        // Its sandbox went with it (--die-with-parent), nothing of it runs on.
        const QString doomedDir = m_dir.filePath(QStringLiteral("work/doomed"));
        QTRY_COMPARE_WITH_TIMEOUT(processesMentioning(doomedDir), 0, 5000);

        startWorker(QStringLiteral("rescuer"));
        const auto outcome = outcomeOf(job.jobId, 90000);
        QVERIFY(outcome);
        QVERIFY2(outcome->status == QLatin1String("success"), qPrintable(outcome->message));
        QCOMPARE(outcome->worker, QStringLiteral("rescuer"));
        QCOMPARE(outcome->deliveries, 2);
        QTRY_COMPARE_WITH_TIMEOUT(integer({"XLEN", CompileKeys::stream()}), 0, 5000);
    }

    void aJobWhoseOutcomeIsStoredIsAcknowledgedWithoutCompilingAgain()
    {
        // As left by a worker killed after storing the outcome, before acknowledging.
        const QString project = createProject({{QStringLiteral("main.tex"), helloDoc("Compiled before.")}});
        CompileOutcome stored;
        stored.jobId = QStringLiteral("already-done");
        stored.projectId = project;
        stored.status = QStringLiteral("success");
        stored.worker = QStringLiteral("the-one-that-died");
        QVERIFY(redisCommand(m_client, {"SET", CompileKeys::result(stored.jobId), stored.toJson()}).ok());
        CompileJob job;
        job.jobId = stored.jobId;
        job.projectId = project;
        job.rootDocument = QStringLiteral("main.tex");
        QVERIFY(await<CompileJob>([&](auto cb) { m_queue->enqueue(job, cb); }));
        startWorker(QStringLiteral("w1"));
        QTRY_COMPARE_WITH_TIMEOUT(integer({"XLEN", CompileKeys::stream()}), 0, 10000);
        const auto outcome = outcomeOf(stored.jobId);
        QVERIFY(outcome);
        QCOMPARE(outcome->worker, QStringLiteral("the-one-that-died"));
        QCOMPARE(integer({"EXISTS", CompileKeys::pdf(stored.jobId)}), 0); // not compiled again
    }

    void sigtermFinishesTheCurrentJobThenExits()
    {
        const QString project = createProject({{QStringLiteral("main.tex"), slowDoc(3, "Finished.")}});
        m_client.subscribe(CompileKeys::progressChannel(project));
        QTest::qWait(200);
        QProcess *worker = startWorker(QStringLiteral("stopping"));
        const CompileJob job = enqueue(project);
        QVERIFY(waitForProgress(job.jobId, CompileProgress::State::Pass));
        worker->terminate();
        QVERIFY(worker->waitForFinished(60000));
        QCOMPARE(worker->exitStatus(), QProcess::NormalExit);
        QCOMPARE(worker->exitCode(), 0);
        const auto outcome = outcomeOf(job.jobId, 1000);
        QVERIFY(outcome);
        QCOMPARE(outcome->status, QStringLiteral("success"));
        QCOMPARE(outcome->worker, QStringLiteral("stopping"));
        QCOMPARE(integer({"XLEN", CompileKeys::stream()}), 0);
    }

    void twoJobsOfOneProjectNeverRunAtOnce()
    {
        const QString project = createProject({{QStringLiteral("main.tex"), slowDoc(2, "One at a time.")}});
        startWorker(QStringLiteral("a"));
        startWorker(QStringLiteral("b"));
        QList<CompileJob> jobs;
        for (int i = 0; i < 4; ++i)
            jobs << enqueue(project);
        QList<CompileOutcome> outcomes;
        for (const CompileJob &job : std::as_const(jobs)) {
            const auto outcome = outcomeOf(job.jobId, 90000);
            QVERIFY(outcome);
            QCOMPARE(outcome->status, QStringLiteral("success"));
            outcomes << *outcome;
        }
        std::sort(outcomes.begin(), outcomes.end(),
                  [](const CompileOutcome &x, const CompileOutcome &y) { return x.startedAt < y.startedAt; });
        for (qsizetype i = 1; i < outcomes.size(); ++i) {
            QVERIFY2(outcomes.at(i).startedAt >= outcomes.at(i - 1).finishedAt,
                     qPrintable(QStringLiteral("job %1 (%2) started at %3, before job %4 (%5) finished at %6")
                                    .arg(i).arg(outcomes.at(i).worker).arg(outcomes.at(i).startedAt).arg(i - 1)
                                    .arg(outcomes.at(i - 1).worker).arg(outcomes.at(i - 1).finishedAt)));
        }
    }

    void twentyQueuedJobsOverTwoWorkersAllComplete()
    {
        QList<CompileJob> jobs;
        QList<QString> projects;
        for (int p = 0; p < 10; ++p)
            projects << createProject({{QStringLiteral("main.tex"), helloDoc("Project " + QByteArray::number(p) + ".")}});
        for (int i = 0; i < 20; ++i)
            jobs << enqueue(projects.at(i % projects.size()));
        startWorker(QStringLiteral("a"));
        startWorker(QStringLiteral("b"));
        QSet<QString> workers;
        for (const CompileJob &job : std::as_const(jobs)) {
            const auto outcome = outcomeOf(job.jobId, 120000);
            QVERIFY2(outcome, qPrintable(job.jobId));
            QVERIFY2(outcome->status == QLatin1String("success"), qPrintable(outcome->message));
            workers << outcome->worker;
        }
        QCOMPARE(workers, (QSet<QString>{QStringLiteral("a"), QStringLiteral("b")}));
        QTRY_COMPARE_WITH_TIMEOUT(integer({"XLEN", CompileKeys::stream()}), 0, 5000);
        auto pending = await<qint64>([&](auto cb) { m_queue->pendingCount(cb); });
        QVERIFY(pending && pending->ok());
        QCOMPARE(pending->value(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCompileWorker)
#include "tst_compileworker.moc"
