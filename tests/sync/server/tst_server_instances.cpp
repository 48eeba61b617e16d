// Two coauthor-server instances on one external Redis and one PostgreSQL, behind
// a TCP load balancer, clients spread over both editing the same docs at once:
// they converge. One instance killed -9 in the middle of it loses no edit, and its
// clients reconnect through the balancer to the other. Two real coauthor-worker
// processes (each compile in its real bubblewrap sandbox) join the same deployment:
// clients on both instances ask for compiles while they edit, every compile is served
// and its progress reaches both instances; a worker killed -9 mid-compile leaves its
// job to the other.
#include "instancesfixture.h"
#include "linetypist.h"
#include "testclient.h"
#include "tests/sync/storetestutil.h"

#include "sync/compilejobs/compilejob.h"
#include "sync/compilejobs/compilekeys.h"
#include "sync/docstore/docstore.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using namespace coauthor::sync::testing;

class TestServerInstances : public QObject
{
    Q_OBJECT

private:
    static constexpr quint32 seed = 4242;
    static constexpr int clients = 4;

    static bool allConverged(const std::vector<std::unique_ptr<LineTypist>> &typists, const QStringList &docs)
    {
        for (const auto &t : typists)
            for (const QString &doc : docs)
                if (!converged(*typists.front()->client, *t->client, doc))
                    return false;
        return true;
    }

    // Two docs, and `clients` typists connected through the balancer (so spread
    // over the instances in turn), all joined.
    static QStringList setUp(InstancesFixture &fixture, std::vector<std::unique_ptr<LineTypist>> &typists,
                             const QList<std::pair<QString, QString>> &files = {
                                 {QStringLiteral("main.tex"), QStringLiteral("\\documentclass{article}\n")},
                                 {QStringLiteral("refs.bib"), QStringLiteral("% refs\n")}})
    {
        QStringList docs;
        TestClient creator(fixture.instanceUrl(0), fixture.projectId(), fixture.token(), QStringLiteral("creator"));
        if (creator.connectAndHello().isEmpty())
            return {};
        for (const auto &[path, text] : files)
            docs << creator.createDoc(path, text);
        for (int i = 0; i < clients; ++i) {
            typists.push_back(std::make_unique<LineTypist>(fixture.url(), fixture.projectId(), fixture.token(),
                                                           fixture.path(QStringLiteral("client-%1").arg(i)),
                                                           QStringLiteral("typist-%1").arg(i), seed + quint32(i)));
            if (!typists.back()->isOpen())
                return {};
            typists.back()->docIds = docs;
        }
        if (!QTest::qWaitFor([&] { return allConverged(typists, docs); }, 20000))
            return {};
        return docs;
    }

    static std::map<QString, QString> textsOf(const LineTypist &t, const QStringList &docs)
    {
        std::map<QString, QString> texts;
        for (const QString &doc : docs)
            texts[doc] = t.client->document(doc)->text();
        return texts;
    }

    // A real coauthor-worker on the fixture's Redis and PostgreSQL; short timings, so
    // that a job of a killed worker is taken over in seconds. The Redis password in the
    // URL for w0, from the environment for the others (as the instances have it).
    static QProcess *startWorker(InstancesFixture &fixture, const QString &name)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        QString redis = fixture.redisUrl();
        if (name != QLatin1String("w0")) {
            environment.insert(QStringLiteral("COAUTHOR_REDIS_PASSWORD"), InstancesFixture::redisPassword());
            redis = fixture.redisUrlWithoutPassword();
        }
        return fixture.startProcess(name, QStringLiteral(COAUTHOR_WORKER_BINARY),
                                    {QStringLiteral("--redis"), redis, QStringLiteral("--docstore"),
                                     fixture.docstoreUrl(), QStringLiteral("--work-dir"), fixture.path(name),
                                     QStringLiteral("--name"), name, QStringLiteral("--read-block-ms"), QStringLiteral("300"),
                                     QStringLiteral("--claim-idle-ms"), QStringLiteral("2000"), QStringLiteral("--lock-ttl-ms"),
                                     QStringLiteral("2000")},
                                    environment);
    }

    // The compileProgress frame of jobId in state (an empty object when none came).
    static QJsonObject progress(const TestClient &client, const QString &jobId, const QString &state)
    {
        for (const QJsonObject &f : client.received) {
            if (f.value(QLatin1String("type")).toString() == QLatin1String("compileProgress")
                && f.value(QLatin1String("jobId")).toString() == jobId && f.value(QLatin1String("state")).toString() == state)
                return f;
        }
        return {};
    }

    // A protocol `compile` of main.tex with the versions the client has of its doc; the job id.
    static QString requestCompile(TestClient &client)
    {
        QJsonObject versions;
        if (!client.docId().isEmpty())
            versions.insert(client.docId(), client.version());
        const QJsonObject queued = client.request(QJsonObject{{QStringLiteral("type"), QStringLiteral("compile")},
                                                              {QStringLiteral("root"), QStringLiteral("main.tex")},
                                                              {QStringLiteral("versions"), versions}});
        return queued.value(QLatin1String("type")).toString() == QLatin1String("compileQueued")
            ? queued.value(QLatin1String("jobId")).toString()
            : QString();
    }

    // The outcome the worker stored in Redis for jobId.
    static std::optional<CompileOutcome> storedOutcome(InstancesFixture &fixture, const QString &jobId)
    {
        RedisClient redis;
        redis.connectTo(fixture.redisUrl());
        if (!waitConnected(redis))
            return std::nullopt;
        auto stored = redisCommand(redis, {"GET", CompileKeys::result(jobId)});
        if (!stored || stored.value().isNil())
            return std::nullopt;
        return CompileOutcome::fromJson(stored.value().string);
    }

private Q_SLOTS:
    void clientsOnTwoInstancesEditingTheSameDocsConverge()
    {
        InstancesFixture fixture(QStringLiteral(COAUTHOR_SERVER_BINARY));
        QString error;
        QVERIFY2(fixture.start(2, &error), qPrintable(error));
        std::vector<std::unique_ptr<LineTypist>> typists;
        const QStringList docs = setUp(fixture, typists);
        QVERIFY2(docs.size() == 2, qPrintable(fixture.log(0) + fixture.log(1)));
        // Spread: half the clients on each instance.
        QCOMPARE(fixture.balancer().openConnections(0), clients / 2);
        QCOMPARE(fixture.balancer().openConnections(1), clients / 2);

        for (auto &t : typists)
            t->startTyping(15);
        QTest::qWait(2000);
        for (auto &t : typists)
            t->stopTyping();
        const QString seedNote = QStringLiteral("seed %1").arg(seed);
        QVERIFY2(QTest::qWaitFor([&] { return allConverged(typists, docs); }, 30000), qPrintable(seedNote));
        const auto texts = textsOf(*typists.front(), docs);
        QCOMPARE(missingOrDoubledLines(typists, texts), QString());
        // A doc made through one instance reaches the clients of the other, who can edit it.
        typists.at(1)->client->createDoc(QStringLiteral("chapters/new.tex"), QStringLiteral("new\n"));
        QVERIFY(QTest::qWaitFor([&] {
            return std::all_of(typists.begin(), typists.end(), [](const auto &t) {
                const QString id = t->client->docIdForPath(QStringLiteral("chapters/new.tex"));
                return !id.isEmpty() && t->client->document(id) && t->client->isSynchronized();
            });
        }, 20000));
        const QString newDoc = typists.front()->client->docIdForPath(QStringLiteral("chapters/new.tex"));
        for (auto &t : typists)
            t->docIds = {newDoc};
        for (auto &t : typists)
            QVERIFY(t->typeLine());
        QVERIFY2(QTest::qWaitFor([&] { return allConverged(typists, {newDoc}); }, 20000), qPrintable(seedNote));
        QCOMPARE(missingOrDoubledLines(typists, textsOf(*typists.front(), docs + QStringList{newDoc})), QString());

        // Each instance serves the same docs: a fresh client on each reads the same.
        for (int i = 0; i < 2; ++i) {
            TestClient observer(fixture.instanceUrl(i), fixture.projectId(), fixture.token(), QStringLiteral("observer-%1").arg(i));
            QVERIFY(!observer.connectAndHello().isEmpty());
            for (const QString &doc : docs) {
                QVERIFY(observer.joinDoc(doc));
                QCOMPARE(observer.text(), texts.at(doc));
                QCOMPARE(observer.version(), typists.front()->client->document(doc)->version());
            }
        }
    }

    void anInstanceKilledMidLoadLosesNoEditAndItsClientsMoveToTheOther()
    {
        InstancesFixture fixture(QStringLiteral(COAUTHOR_SERVER_BINARY));
        QString error;
        QVERIFY2(fixture.start(2, &error), qPrintable(error));
        std::vector<std::unique_ptr<LineTypist>> typists;
        const QStringList docs = setUp(fixture, typists);
        QVERIFY2(docs.size() == 2, qPrintable(fixture.log(0) + fixture.log(1)));
        QCOMPARE(fixture.balancer().openConnections(0), clients / 2);

        for (auto &t : typists)
            t->startTyping(15);
        QTest::qWait(1200);
        fixture.killInstance(0); // mid-load: ops in flight on it, maybe a doc lock held
        QElapsedTimer sinceKill;
        sinceKill.start();
        QVERIFY(QTest::qWaitFor([&] { return fixture.balancer().openConnections(1) == clients; }, 20000));
        const qint64 movedMs = sinceKill.elapsed();
        QTest::qWait(1000);
        for (auto &t : typists)
            t->stopTyping();

        const QString seedNote = QStringLiteral("seed %1").arg(seed);
        QElapsedTimer converge;
        converge.start();
        QVERIFY2(QTest::qWaitFor([&] { return allConverged(typists, docs); }, 40000),
                 qPrintable(seedNote + QLatin1Char('\n') + fixture.log(1)));
        qInfo("converged %lld ms after typing stopped", converge.elapsed());
        // Every client is on the live instance now.
        QCOMPARE(fixture.balancer().openConnections(0), 0);
        QCOMPARE(fixture.balancer().openConnections(1), clients);
        const auto texts = textsOf(*typists.front(), docs);
        QCOMPARE(missingOrDoubledLines(typists, texts), QString());
        int lines = 0;
        for (const auto &t : typists)
            lines += t->linesTyped();
        qInfo("%d lines typed, versions %lld and %lld; the killed instance's clients were on the other after %lld ms", lines,
              typists.front()->client->document(docs.at(0))->version(), typists.front()->client->document(docs.at(1))->version(),
              movedMs);

        // What the survivor flushes is that text, every op in PostgreSQL.
        fixture.stopInstance(1);
        auto store = Docstore::open(fixture.docstoreUrl(), QString());
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
        for (const QString &doc : docs) {
            const qint64 version = typists.front()->client->document(doc)->version();
            QCOMPARE(store.value()->loadDoc(fixture.projectId(), doc).value().text, texts.at(doc));
            QCOMPARE(store.value()->opsSince(fixture.projectId(), doc, 0).value().size(), version);
        }
        // The killed instance, started again, serves the same.
        QVERIFY2(fixture.startInstance(0), qPrintable(fixture.log(0)));
        TestClient observer(fixture.instanceUrl(0), fixture.projectId(), fixture.token(), QStringLiteral("observer"));
        QVERIFY(!observer.connectAndHello().isEmpty());
        for (const QString &doc : docs) {
            QVERIFY(observer.joinDoc(doc));
            QCOMPARE(observer.text(), texts.at(doc));
        }
    }

    void clientsOnBothInstancesEditAndCompileAndEveryCompileIsServedEvenWhenAnInstanceIsKilled()
    {
        InstancesFixture fixture(QStringLiteral(COAUTHOR_SERVER_BINARY));
        QString error;
        QVERIFY2(fixture.start(2, &error), qPrintable(error));
        QVERIFY(startWorker(fixture, QStringLiteral("w0")));
        QVERIFY(startWorker(fixture, QStringLiteral("w1")));
        std::vector<std::unique_ptr<LineTypist>> typists;
        // The typists type plain lines into body.tex only: every compile of it succeeds.
        const QStringList docs = setUp(fixture, typists,
                                       {{QStringLiteral("main.tex"),
                                         QStringLiteral("\\documentclass{article}\\begin{document}\\input{body}\\end{document}\n")},
                                        {QStringLiteral("body.tex"), QStringLiteral("Body.\n")}});
        QVERIFY2(docs.size() == 2, qPrintable(fixture.log(0) + fixture.log(1)));
        const QString body = docs.at(1);
        for (auto &t : typists)
            t->docIds = {body};
        // One compiling client on each instance, each also editing body.tex.
        std::vector<std::unique_ptr<TestClient>> compilers;
        for (int i = 0; i < 2; ++i) {
            compilers.push_back(std::make_unique<TestClient>(fixture.instanceUrl(i), fixture.projectId(), fixture.token(),
                                                             QStringLiteral("compiler-%1").arg(i)));
            QVERIFY(!compilers.back()->connectAndHello().isEmpty());
            QVERIFY(compilers.back()->joinDoc(body));
        }
        QMap<QString, qint64> askedVersion; // job -> the version of body.tex its client had
        QMap<QString, int> askedBy;         // job -> compiler
        QStringList compilerLines;
        auto editAndCompile = [&](int i) {
            TestClient &c = *compilers.at(size_t(i));
            const QString line = QStringLiteral("compiler-%1 line %2").arg(i).arg(compilerLines.size());
            c.edit(ot::TextOperation({ot::Component::insert(0, line + QLatin1Char('\n'))}));
            compilerLines << line;
            const QString job = requestCompile(c);
            if (!job.isEmpty()) {
                askedVersion.insert(job, c.version());
                askedBy.insert(job, i);
            }
            return !job.isEmpty();
        };
        auto doneOn = [&](const TestClient &c, const QStringList &jobs) {
            return std::all_of(jobs.begin(), jobs.end(), [&](const QString &j) { return !progress(c, j, QStringLiteral("done")).isEmpty(); });
        };

        for (auto &t : typists)
            t->startTyping(40);
        QElapsedTimer load;
        load.start();
        // A compile asked through each instance: its progress reaches the clients of both.
        QVERIFY(editAndCompile(0));
        QVERIFY(editAndCompile(1));
        QVERIFY2(QTest::qWaitFor([&] { return doneOn(*compilers.at(0), askedVersion.keys()) && doneOn(*compilers.at(1), askedVersion.keys()); },
                                 90000),
                 qPrintable(fixture.log(QStringLiteral("w0")) + fixture.log(QStringLiteral("w1"))));
        const qint64 firstTwoMs = load.elapsed();
        // More while typing goes on, and instance 0 killed with them queued or running.
        for (int round = 0; round < 2; ++round) {
            QVERIFY(editAndCompile(0));
            QVERIFY(editAndCompile(1));
            QTest::qWait(150);
        }
        const QStringList beforeKill = askedVersion.keys();
        const qsizetype pendingAtKill = std::count_if(beforeKill.begin(), beforeKill.end(), [&](const QString &j) {
            return progress(*compilers.at(1), j, QStringLiteral("done")).isEmpty();
        });
        fixture.killInstance(0);
        QVERIFY2(pendingAtKill > 0, "every compile was done before the kill: not mid-load");
        // Its compiling client reconnects to the other and asks again.
        TestClient &moved = *compilers.at(0);
        moved.abort();
        moved.setUrl(fixture.instanceUrl(1));
        QVERIFY(!moved.connectAndHello().isEmpty());
        QVERIFY(moved.joinDoc(body, true));
        QVERIFY(editAndCompile(0));
        QVERIFY(editAndCompile(1));
        QTest::qWait(500);
        for (auto &t : typists)
            t->stopTyping();
        QVERIFY(QTest::qWaitFor([&] { return fixture.balancer().openConnections(1) == clients; }, 20000));
        QVERIFY2(QTest::qWaitFor([&] { return allConverged(typists, docs); }, 40000), qPrintable(fixture.log(1)));
        QVERIFY(QTest::qWaitFor([&] {
            return std::all_of(compilers.begin(), compilers.end(), [&](const auto &c) {
                return c->isIdle() && c->version() == typists.front()->client->document(body)->version();
            });
        }, 20000));
        // The last compile, after the edits: it has them all.
        const QString last = requestCompile(*compilers.at(1));
        QVERIFY(!last.isEmpty());
        const qint64 finalVersion = typists.front()->client->document(body)->version();
        askedVersion.insert(last, finalVersion);
        askedBy.insert(last, 1);

        // Every compile served: done with success on the live instance, the outcome in Redis
        // with at least the versions asked for, both workers at work.
        const QStringList jobs = askedVersion.keys();
        QVERIFY2(QTest::qWaitFor([&] { return doneOn(*compilers.at(1), jobs); }, 120000),
                 qPrintable(fixture.log(QStringLiteral("w0")) + fixture.log(QStringLiteral("w1")) + fixture.log(1)));
        QSet<QString> workers;
        for (const QString &job : jobs) {
            const QJsonObject done = progress(*compilers.at(1), job, QStringLiteral("done"));
            QCOMPARE(done.value(QLatin1String("status")).toString(), QStringLiteral("success"));
            const auto outcome = storedOutcome(fixture, job);
            QVERIFY2(outcome, qPrintable(job));
            QCOMPARE(outcome->status, QStringLiteral("success"));
            QVERIFY(outcome->pdfBytes > 0);
            QVERIFY2(outcome->versions.value(body, -1) >= askedVersion.value(job),
                     qPrintable(QStringLiteral("%1: compiled %2, asked %3").arg(job).arg(outcome->versions.value(body, -1)).arg(askedVersion.value(job))));
            QCOMPARE(outcome->worker, done.value(QLatin1String("worker")).toString());
            workers.insert(outcome->worker);
        }
        QCOMPARE(storedOutcome(fixture, last)->versions.value(body), finalVersion);
        QCOMPARE(workers, (QSet<QString>{QStringLiteral("w0"), QStringLiteral("w1")}));
        // Nothing lost by the kill: every line typed, by the typists and the compiling clients.
        const auto texts = textsOf(*typists.front(), docs);
        QCOMPARE(missingOrDoubledLines(typists, texts), QString());
        QCOMPARE(compilers.at(1)->text(), texts.at(body));
        const QStringList bodyLines = texts.at(body).split(QLatin1Char('\n'));
        for (const QString &line : std::as_const(compilerLines))
            QVERIFY2(bodyLines.count(line) == 1, qPrintable(line));
        qInfo("%lld compiles served by w0 and w1 (%lld queued or running when instance 0 was killed); the first two done on "
              "both instances after %lld ms, all %lld ms after the load began",
              qint64(jobs.size()), qint64(pendingAtKill), firstTwoMs, load.elapsed());
    }

    void aWorkerKilledMidCompileLeavesItsJobToTheOtherWorker()
    {
        InstancesFixture fixture(QStringLiteral(COAUTHOR_SERVER_BINARY));
        QString error;
        QVERIFY2(fixture.start(2, &error), qPrintable(error));
        std::map<QString, QProcess *> workers{{QStringLiteral("w0"), startWorker(fixture, QStringLiteral("w0"))},
                                              {QStringLiteral("w1"), startWorker(fixture, QStringLiteral("w1"))}};
        QVERIFY(workers.at(QStringLiteral("w0")) && workers.at(QStringLiteral("w1")));
        TestClient asker(fixture.instanceUrl(0), fixture.projectId(), fixture.token(), QStringLiteral("asker"));
        TestClient watcher(fixture.instanceUrl(1), fixture.projectId(), fixture.token(), QStringLiteral("watcher"));
        QVERIFY(!asker.connectAndHello().isEmpty());
        QVERIFY(!watcher.connectAndHello().isEmpty());
        // About two seconds of TeX per pass: long enough to be killed in the middle.
        QVERIFY(!asker.createDoc(QStringLiteral("main.tex"),
                                 QStringLiteral("\\documentclass{article}\\begin{document}\\newcount\\n \\loop\\advance\\n 1 "
                                                "\\ifnum\\n<2000000 \\repeat Survived.\\end{document}\n"))
                     .isEmpty());
        const QString job = requestCompile(asker);
        QVERIFY(!job.isEmpty());
        QVERIFY2(QTest::qWaitFor([&] { return !progress(watcher, job, QStringLiteral("pass")).isEmpty(); }, 60000),
                 qPrintable(fixture.log(QStringLiteral("w0")) + fixture.log(QStringLiteral("w1"))));
        const QString doomed = progress(watcher, job, QStringLiteral("pass")).value(QLatin1String("worker")).toString();
        QVERIFY2(workers.count(doomed) == 1, qPrintable(doomed));
        QVERIFY(progress(watcher, job, QStringLiteral("done")).isEmpty()); // mid-compile
        QElapsedTimer sinceKill;
        sinceKill.start();
        workers.at(doomed)->kill(); // SIGKILL: no goodbye, the job unacknowledged, the lock held
        QVERIFY(workers.at(doomed)->waitForFinished(5000));
        const QString rescuer = doomed == QLatin1String("w0") ? QStringLiteral("w1") : QStringLiteral("w0");

        QVERIFY2(QTest::qWaitFor([&] { return !progress(watcher, job, QStringLiteral("done")).isEmpty()
                                              && !progress(asker, job, QStringLiteral("done")).isEmpty(); }, 90000),
                 qPrintable(fixture.log(rescuer)));
        for (const TestClient *c : {&asker, &watcher}) {
            const QJsonObject done = progress(*c, job, QStringLiteral("done"));
            QCOMPARE(done.value(QLatin1String("status")).toString(), QStringLiteral("success"));
            QCOMPARE(done.value(QLatin1String("worker")).toString(), rescuer);
        }
        const auto outcome = storedOutcome(fixture, job);
        QVERIFY(outcome);
        QCOMPARE(outcome->worker, rescuer);
        QCOMPARE(outcome->deliveries, 2);
        QVERIFY(outcome->pdfBytes > 0);
        qInfo("%s killed mid-compile; %s finished the job %lld ms later", qPrintable(doomed), qPrintable(rescuer), sinceKill.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestServerInstances)
#include "tst_server_instances.moc"
