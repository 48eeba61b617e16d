// Compiles on the server, end to end: a real coauthor-server (on a redis-server the test
// starts) and a real coauthor-worker; clients ask over the WebSocket and every client of
// the project sees the progress until done; the outcome and the PDF are in Redis.
#include "serverprocess.h"
#include "testclient.h"
#include "tests/sync/storetestutil.h"

#include "sync/compilejobs/compilejob.h"
#include "sync/compilejobs/compilekeys.h"

#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using namespace coauthor::sync::testing;

class TestServerCompile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    RedisServerProcess m_redis;
    QProcess m_server;
    QProcess m_worker;
    CreatedProject m_project;
    QString m_url;

    static bool hasFrame(const QList<QJsonObject> &frames, const QString &jobId, const QString &state)
    {
        return std::any_of(frames.begin(), frames.end(), [&](const QJsonObject &f) {
            return f.value(QLatin1String("type")).toString() == QLatin1String("compileProgress")
                && f.value(QLatin1String("jobId")).toString() == jobId && f.value(QLatin1String("state")).toString() == state;
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString data = m_dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("redis"))));
        QVERIFY(m_redis.start(m_dir.filePath(QStringLiteral("redis")), false).ok());
        m_project = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), data, QStringLiteral("Paper"));
        QVERIFY2(m_project.ok(), qPrintable(m_project.output));
        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const quint16 port = freeLoopbackPort();
        QVERIFY(startServer(m_server, QStringLiteral(COAUTHOR_SERVER_BINARY), port, data,
                            {QStringLiteral("--redis"), m_redis.url()}));
        m_url = QStringLiteral("ws://127.0.0.1:%1/").arg(port);
        m_worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_worker.start(QStringLiteral(COAUTHOR_BIN_DIR "/coauthor-worker"),
                       {QStringLiteral("--redis"), m_redis.url(), QStringLiteral("--docstore"),
                        QStringLiteral("sqlite://") + data + QStringLiteral("/docstore.sqlite"), QStringLiteral("--work-dir"),
                        m_dir.filePath(QStringLiteral("worker")), QStringLiteral("--name"), QStringLiteral("w1"),
                        QStringLiteral("--read-block-ms"), QStringLiteral("300")});
        QVERIFY(m_worker.waitForStarted(10000));
    }

    void cleanupTestCase()
    {
        m_worker.kill();
        m_worker.waitForFinished(5000);
        m_server.terminate();
        if (!m_server.waitForFinished(10000))
            m_server.kill();
    }

    void aMembersCompileRequestIsCompiledAndEveryClientSeesItsProgress()
    {
        TestClient author(m_url, m_project.id, m_project.token, QStringLiteral("c-author"));
        QCOMPARE(author.connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        TestClient reader(m_url, m_project.id, m_project.token, QStringLiteral("c-reader"));
        QCOMPARE(reader.connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        QList<QJsonObject> authorFrames;
        QList<QJsonObject> readerFrames;
        connect(&author, &TestClient::frameReceived, this, [&](const QJsonObject &f) { authorFrames << f; });
        connect(&reader, &TestClient::frameReceived, this, [&](const QJsonObject &f) { readerFrames << f; });
        const QString docId = author.createDoc(
            QStringLiteral("main.tex"), QStringLiteral("\\documentclass{article}\\begin{document}Compiled by a worker.\\end{document}\n"));
        QVERIFY(!docId.isEmpty());

        const QJsonObject queued = author.request(QJsonObject{{QStringLiteral("type"), QStringLiteral("compile")},
                                                              {QStringLiteral("root"), QStringLiteral("main.tex")},
                                                              {QStringLiteral("versions"), QJsonObject{{docId, 0}}}});
        QCOMPARE(queued.value(QLatin1String("type")).toString(), QStringLiteral("compileQueued"));
        const QString jobId = queued.value(QLatin1String("jobId")).toString();
        QVERIFY(!jobId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(hasFrame(authorFrames, jobId, QStringLiteral("done")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(hasFrame(readerFrames, jobId, QStringLiteral("done")), 5000);
        for (const QString &state : {QStringLiteral("queued"), QStringLiteral("running"), QStringLiteral("pass")})
            QVERIFY2(hasFrame(readerFrames, jobId, state), qPrintable(state));
        const auto done = std::find_if(authorFrames.begin(), authorFrames.end(), [&](const QJsonObject &f) {
            return f.value(QLatin1String("state")).toString() == QLatin1String("done");
        });
        QCOMPARE(done->value(QLatin1String("status")).toString(), QStringLiteral("success"));
        QCOMPARE(done->value(QLatin1String("worker")).toString(), QStringLiteral("w1"));

        RedisClient redis;
        redis.connectTo(m_redis.url());
        QVERIFY(waitConnected(redis));
        auto stored = redisCommand(redis, {"GET", CompileKeys::result(jobId)});
        QVERIFY(stored && !stored.value().isNil());
        const auto outcome = CompileOutcome::fromJson(stored.value().string);
        QVERIFY(outcome);
        QVERIFY(outcome->pdfBytes > 0);
        QCOMPARE(outcome->versions.value(docId), 0);
        auto pdf = redisCommand(redis, {"STRLEN", CompileKeys::pdf(jobId)});
        QVERIFY(pdf);
        QCOMPARE(pdf.value().toInteger(), outcome->pdfBytes);
    }

    void aBadCompileRequestGetsAClearError()
    {
        TestClient client(m_url, m_project.id, m_project.token, QStringLiteral("c-bad"));
        QCOMPARE(client.connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        const QJsonObject outside = client.request(QJsonObject{{QStringLiteral("type"), QStringLiteral("compile")},
                                                               {QStringLiteral("root"), QStringLiteral("../etc/passwd")}});
        QCOMPARE(outside.value(QLatin1String("type")).toString(), QStringLiteral("error"));
        QCOMPARE(outside.value(QLatin1String("code")).toString(), QStringLiteral("invalid_path"));
        const QJsonObject badVersions = client.request(QJsonObject{{QStringLiteral("type"), QStringLiteral("compile")},
                                                                   {QStringLiteral("root"), QStringLiteral("main.tex")},
                                                                   {QStringLiteral("versions"), QJsonObject{{QStringLiteral("d"), -1}}}});
        QCOMPARE(badVersions.value(QLatin1String("type")).toString(), QStringLiteral("error"));
        QCOMPARE(badVersions.value(QLatin1String("code")).toString(), QStringLiteral("wrong_type"));
    }
};

QTEST_GUILESS_MAIN(TestServerCompile)
#include "tst_servercompile.moc"
