// The compile outputs over HTTP on the server's own port, end to end: a real
// coauthor-server (on a redis-server the test starts) and a real coauthor-worker
// compile a project asked for over the WebSocket; the outcome, the PDF and the
// SyncTeX data then come over HTTP with the members' tokens, as docs/protocol.md
// "HTTP" says: JSON outcome, Content-Length, Range → 206, 401/404/429, the failed-hello
// delay for bad tokens, and the compile's duration in /metrics.
#include "httptestclient.h"
#include "serverprocess.h"
#include "testclient.h"
#include "tests/sync/storetestutil.h"

#include "sync/compilejobs/compilejob.h"
#include "sync/compilejobs/compilekeys.h"

#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using namespace coauthor::sync::testing;

class TestHttpCompileOutputs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;
    RedisServerProcess m_redis;
    QProcess m_server;
    QProcess m_worker;
    quint16 m_port = 0;
    CreatedProject m_project;
    CreatedProject m_other; // a second project with its own token
    QString m_readOnlyToken;
    QString m_readOnlyId;
    QString m_jobId;
    QByteArray m_storedOutcome;
    QByteArray m_pdf;
    QByteArray m_synctex;

    QString runServerCommand(const QStringList &args)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(COAUTHOR_SERVER_BINARY), args + QStringList{QStringLiteral("--data"), m_data});
        p.waitForFinished(20000);
        return QString::fromUtf8(p.readAll());
    }

    QByteArray compiles(const QString &projectId, const QString &rest) const
    {
        return QStringLiteral("/api/projects/%1/compiles/%2").arg(projectId, rest).toUtf8();
    }

    QByteArray redisGet(const QByteArray &key)
    {
        RedisClient redis;
        redis.connectTo(m_redis.url());
        if (!waitConnected(redis))
            return {};
        auto r = redisCommand(redis, {"GET", key});
        return r && !r.value().isNil() ? r.value().string : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("redis"))));
        QVERIFY(m_redis.start(m_dir.filePath(QStringLiteral("redis")), false).ok());
        m_project = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), m_data, QStringLiteral("Paper"));
        QVERIFY2(m_project.ok(), qPrintable(m_project.output));
        m_other = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), m_data, QStringLiteral("Other"));
        QVERIFY2(m_other.ok(), qPrintable(m_other.output));
        const QString invited = runServerCommand({QStringLiteral("invite"), QStringLiteral("create"), QStringLiteral("--project"),
                                                  m_project.id, QStringLiteral("--name"), QStringLiteral("Supervisor"),
                                                  QStringLiteral("--read-only")});
        m_readOnlyToken = QRegularExpression(QStringLiteral("token: (\\S+)")).match(invited).captured(1);
        m_readOnlyId = QRegularExpression(QStringLiteral("invitation: (\\S+)")).match(invited).captured(1);
        QVERIFY2(!m_readOnlyToken.isEmpty(), qPrintable(invited));

        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_port = freeLoopbackPort();
        QVERIFY(startServer(m_server, QStringLiteral(COAUTHOR_SERVER_BINARY), m_port, m_data, {QStringLiteral("--redis"), m_redis.url()}));
        m_worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_worker.start(QStringLiteral(COAUTHOR_BIN_DIR "/coauthor-worker"),
                       {QStringLiteral("--redis"), m_redis.url(), QStringLiteral("--docstore"),
                        QStringLiteral("sqlite://") + m_data + QStringLiteral("/docstore.sqlite"), QStringLiteral("--work-dir"),
                        m_dir.filePath(QStringLiteral("worker")), QStringLiteral("--name"), QStringLiteral("w1"),
                        QStringLiteral("--read-block-ms"), QStringLiteral("300")});
        QVERIFY(m_worker.waitForStarted(10000));

        // Before any compile: nothing to show.
        const HttpAnswer none = httpGet(m_port, compiles(m_project.id, QStringLiteral("latest")), {bearer(m_project.token)});
        QCOMPARE(none.status, 404);
        QCOMPARE(none.errorCode(), QStringLiteral("not_found"));

        // One compile, asked for over the WebSocket as the app does.
        const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(m_port);
        TestClient author(url, m_project.id, m_project.token, QStringLiteral("c-author"));
        QCOMPARE(author.connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        bool done = false;
        connect(&author, &TestClient::frameReceived, this, [&](const QJsonObject &f) {
            done = done || (f.value(QLatin1String("type")).toString() == QLatin1String("compileProgress")
                            && f.value(QLatin1String("state")).toString() == QLatin1String("done"));
        });
        QVERIFY(!author.createDoc(QStringLiteral("main.tex"),
                                  QStringLiteral("\\documentclass{article}\\begin{document}Downloaded over HTTP.\\end{document}\n"))
                     .isEmpty());
        const QJsonObject queued = author.request(QJsonObject{{QStringLiteral("type"), QStringLiteral("compile")},
                                                              {QStringLiteral("root"), QStringLiteral("main.tex")},
                                                              {QStringLiteral("engine"), QStringLiteral("pdflatex")}});
        QCOMPARE(queued.value(QLatin1String("type")).toString(), QStringLiteral("compileQueued"));
        m_jobId = queued.value(QLatin1String("jobId")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(done, 90000);
        m_storedOutcome = redisGet(CompileKeys::result(m_jobId));
        m_pdf = redisGet(CompileKeys::pdf(m_jobId));
        m_synctex = redisGet(CompileKeys::synctex(m_jobId));
        QVERIFY(m_pdf.startsWith("%PDF"));
        QVERIFY(!m_synctex.isEmpty());
        // The server records the outcome's times once it has read it.
        QTRY_VERIFY_WITH_TIMEOUT(metricValue(httpGet(m_port, "/metrics").body, "coauthor_compile_duration_seconds_count") == 1, 5000);
    }

    void cleanupTestCase()
    {
        m_worker.kill();
        m_worker.waitForFinished(5000);
        m_server.terminate();
        if (!m_server.waitForFinished(10000))
            m_server.kill();
    }

    void theLatestCompileIsItsStoredOutcomeAsJson()
    {
        const HttpAnswer latest = httpGet(m_port, compiles(m_project.id, QStringLiteral("latest")), {bearer(m_project.token)});
        QCOMPARE(latest.status, 200);
        QCOMPARE(latest.field("content-type"), QByteArray("application/json"));
        QCOMPARE(latest.field("content-length").toLongLong(), latest.body.size());
        QCOMPARE(latest.body, m_storedOutcome);
        const auto outcome = CompileOutcome::fromJson(latest.body);
        QVERIFY(outcome);
        QCOMPARE(outcome->jobId, m_jobId);
        QCOMPARE(outcome->status, QStringLiteral("success"));
        QCOMPARE(outcome->pdfBytes, m_pdf.size());
        QVERIFY(!outcome->log.isEmpty()); // the log comes inside the outcome
    }

    void oneJobIsServedAndAnotherProjectsJobIsNotFound()
    {
        const HttpAnswer job = httpGet(m_port, compiles(m_project.id, m_jobId), {bearer(m_project.token)});
        QCOMPARE(job.status, 200);
        QCOMPARE(job.body, m_storedOutcome);
        const HttpAnswer unknown = httpGet(m_port, compiles(m_project.id, QStringLiteral("0b7d7c4c-unknown")), {bearer(m_project.token)});
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.errorCode(), QStringLiteral("not_found"));
        QVERIFY(!unknown.json().value(QLatin1String("message")).toString().isEmpty());
        // A member of the other project asks for this project's job under its own project.
        for (const QString &rest : QStringList{m_jobId, m_jobId + QStringLiteral("/output.pdf")}) {
            const HttpAnswer foreign = httpGet(m_port, compiles(m_other.id, rest), {bearer(m_other.token)});
            QCOMPARE(foreign.status, 404);
            QCOMPARE(foreign.errorCode(), QStringLiteral("not_found"));
        }
        // Its token is not one of this project's.
        QCOMPARE(httpGet(m_port, compiles(m_project.id, m_jobId), {bearer(m_other.token)}).status, 401);
        QCOMPARE(httpGet(m_port, compiles(m_project.id, m_jobId + QStringLiteral("/output.log")), {bearer(m_project.token)}).status, 404);
    }

    void thePdfAndTheSynctexDataComeWithTheirLength()
    {
        const HttpAnswer pdf = httpGet(m_port, compiles(m_project.id, m_jobId + QStringLiteral("/output.pdf")), {bearer(m_project.token)});
        QCOMPARE(pdf.status, 200);
        QCOMPARE(pdf.field("content-type"), QByteArray("application/pdf"));
        QCOMPARE(pdf.field("content-length").toLongLong(), m_pdf.size());
        QCOMPARE(pdf.field("accept-ranges"), QByteArray("bytes"));
        QCOMPARE(pdf.body, m_pdf);
        const HttpAnswer synctex = httpGet(m_port, compiles(m_project.id, m_jobId + QStringLiteral("/output.synctex.gz")),
                                           {bearer(m_project.token)});
        QCOMPARE(synctex.status, 200);
        QCOMPARE(synctex.field("content-type"), QByteArray("application/gzip"));
        QCOMPARE(synctex.body, m_synctex);
        QVERIFY(synctex.body.startsWith("\x1f\x8b"));
        // HEAD: the same fields, no body.
        const HttpAnswer head = httpGet(m_port, compiles(m_project.id, m_jobId + QStringLiteral("/output.pdf")),
                                        {bearer(m_project.token)}, "HEAD");
        QCOMPARE(head.status, 200);
        QCOMPARE(head.field("content-length").toLongLong(), m_pdf.size());
        QVERIFY(head.body.isEmpty());
    }

    void aDownloadResumesFromAnOffsetWith206()
    {
        const QByteArray path = compiles(m_project.id, m_jobId + QStringLiteral("/output.pdf"));
        const qint64 n = m_pdf.size();
        const HttpAnswer rest = httpGet(m_port, path, {bearer(m_project.token), "Range: bytes=1000-"});
        QCOMPARE(rest.status, 206);
        QCOMPARE(rest.field("content-range"), "bytes 1000-" + QByteArray::number(n - 1) + '/' + QByteArray::number(n));
        QCOMPARE(rest.field("content-length").toLongLong(), n - 1000);
        QCOMPARE(rest.body, m_pdf.mid(1000));
        const HttpAnswer middle = httpGet(m_port, path, {bearer(m_project.token), "Range: bytes=10-19"});
        QCOMPARE(middle.status, 206);
        QCOMPARE(middle.body, m_pdf.mid(10, 10));
        const HttpAnswer past = httpGet(m_port, path, {bearer(m_project.token), "Range: bytes=" + QByteArray::number(n) + '-'});
        QCOMPARE(past.status, 416);
        QCOMPARE(past.field("content-range"), "bytes */" + QByteArray::number(n));
        // Several ranges are not served as multipart: the whole body.
        const HttpAnswer several = httpGet(m_port, path, {bearer(m_project.token), "Range: bytes=0-1,5-6"});
        QCOMPARE(several.status, 200);
        QCOMPARE(several.body, m_pdf);
    }

    // Outputs are streamed from Redis in chunks: a body of many chunks arrives whole,
    // and a range starting inside a chunk too. (The worker's PDF replaced by 3 MiB of
    // seeded random bytes under its key, as a long thesis would give.)
    void aLargeOutputIsStreamedWholeAndResumesInsideAChunk()
    {
        QRandomGenerator rng(17);
        QByteArray big(3 * 1024 * 1024 + 123, Qt::Uninitialized);
        for (char &c : big)
            c = char(rng.bounded(256));
        RedisClient redis;
        redis.connectTo(m_redis.url());
        QVERIFY(waitConnected(redis));
        QVERIFY(redisCommand(redis, {"SET", CompileKeys::pdf(m_jobId), big, "EX", "600"}));
        const QByteArray path = compiles(m_project.id, m_jobId + QStringLiteral("/output.pdf"));
        const HttpAnswer whole = httpGet(m_port, path, {bearer(m_project.token)});
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.field("content-length").toLongLong(), big.size());
        QVERIFY(whole.body == big);
        const qint64 from = 1024 * 1024 + 7;
        const HttpAnswer rest = httpGet(m_port, path, {bearer(m_project.token), "Range: bytes=" + QByteArray::number(from) + '-'});
        QCOMPARE(rest.status, 206);
        QVERIFY(rest.body == big.mid(from));
        QVERIFY(redisCommand(redis, {"SET", CompileKeys::pdf(m_jobId), m_pdf, "EX", "600"}));
        // An output that expired is 404, its outcome still there.
        QVERIFY(redisCommand(redis, {"DEL", CompileKeys::synctex(m_jobId)}));
        const HttpAnswer expired = httpGet(m_port, compiles(m_project.id, m_jobId + QStringLiteral("/output.synctex.gz")),
                                           {bearer(m_project.token)});
        QCOMPARE(expired.status, 404);
        QCOMPARE(expired.errorCode(), QStringLiteral("not_found"));
        QCOMPARE(httpGet(m_port, compiles(m_project.id, m_jobId), {bearer(m_project.token)}).status, 200);
        QVERIFY(redisCommand(redis, {"SET", CompileKeys::synctex(m_jobId), m_synctex, "EX", "600"}));
    }

    void aReadOnlyMemberMayDownloadUntilRevoked()
    {
        const QByteArray path = compiles(m_project.id, m_jobId + QStringLiteral("/output.pdf"));
        QCOMPARE(httpGet(m_port, path, {bearer(m_readOnlyToken)}).status, 200);
        const QString revoked = runServerCommand({QStringLiteral("invite"), QStringLiteral("revoke"), QStringLiteral("--project"),
                                                  m_project.id, QStringLiteral("--id"), m_readOnlyId});
        QVERIFY2(revoked.contains(QLatin1String("revoked:")), qPrintable(revoked));
        const HttpAnswer after = httpGet(m_port, path, {bearer(m_readOnlyToken)});
        QCOMPARE(after.status, 401);
        QCOMPARE(after.errorCode(), QStringLiteral("unauthorized"));
        // The right token again: the address's failure is forgiven (as for hello).
        QCOMPARE(httpGet(m_port, path, {bearer(m_project.token)}).status, 200);
    }

    void withoutATokenOrWithABadOneItIs401()
    {
        const QByteArray path = compiles(m_project.id, QStringLiteral("latest"));
        const HttpAnswer none = httpGet(m_port, path);
        QCOMPARE(none.status, 401);
        QCOMPARE(none.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(none.field("www-authenticate"), QByteArray("Bearer"));
        QCOMPARE(httpGet(m_port, path, {"Authorization: Basic dXNlcjpwYXNz"}).status, 401);
        const HttpAnswer bad = httpGet(m_port, path, {bearer(QStringLiteral("t-not-a-token"))});
        QCOMPARE(bad.status, 401);
        QCOMPARE(bad.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(httpGet(m_port, compiles(QStringLiteral("p-unknown"), QStringLiteral("latest")), {bearer(m_project.token)}).status, 401);
        QCOMPARE(httpGet(m_port, path, {bearer(m_project.token)}).status, 200); // forgiven again
    }

    // Like hello: 5 failures free, then each waits (250 ms doubling); the right token
    // afterwards waits once and starts the address afresh.
    void badTokensFromOneAddressAreSlowedDownLikeHellos()
    {
        const QByteArray path = compiles(m_project.id, QStringLiteral("latest"));
        for (int i = 0; i < 5; ++i) {
            const HttpAnswer bad = httpGet(m_port, path, {bearer(QStringLiteral("t-guess-%1").arg(i))});
            QCOMPARE(bad.status, 401);
            QVERIFY2(bad.elapsedMs < 200, qPrintable(QString::number(bad.elapsedMs)));
        }
        const HttpAnswer sixth = httpGet(m_port, path, {bearer(QStringLiteral("t-guess-5"))});
        QCOMPARE(sixth.status, 401);
        QVERIFY2(sixth.elapsedMs >= 240, qPrintable(QString::number(sixth.elapsedMs)));
        const HttpAnswer seventh = httpGet(m_port, path, {bearer(QStringLiteral("t-guess-6"))});
        QCOMPARE(seventh.status, 401);
        QVERIFY2(seventh.elapsedMs >= 490, qPrintable(QString::number(seventh.elapsedMs)));
        // A WebSocket hello from the address waits too: one bookkeeping for both.
        QElapsedTimer clock;
        clock.start();
        TestClient guest(QStringLiteral("ws://127.0.0.1:%1/").arg(m_port), m_project.id, m_project.token, QStringLiteral("c-guest"));
        QCOMPARE(guest.connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
        const HttpAnswer good = httpGet(m_port, path, {bearer(m_project.token)});
        QCOMPARE(good.status, 200);
        QVERIFY2(good.elapsedMs < 200, qPrintable(QString::number(good.elapsedMs)));
    }

    // HTTP requests count against the per-address cap like WebSocket connections.
    void pastTheConnectionsOfOneAddressItIs429()
    {
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 64; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(idle.back()->waitForConnected(5000));
        }
        QTest::qWait(200);
        const HttpAnswer refused = httpGet(m_port, "/healthz");
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorCode(), QStringLiteral("too_many_connections"));
        QVERIFY(!refused.field("retry-after").isEmpty());
        idle.clear();
        QTRY_COMPARE_WITH_TIMEOUT(httpGet(m_port, "/healthz").status, 200, 5000);
    }

    void requestsThatAreNotGetOrHeadOrNotHttpGetAClearError()
    {
        const HttpAnswer post = rawHttp(QHostAddress::LocalHost, m_port,
                                        "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
        QCOMPARE(post.status, 405);
        QCOMPARE(post.field("allow"), QByteArray("GET, HEAD"));
        QCOMPARE(post.errorCode(), QStringLiteral("method_not_allowed"));
        QCOMPARE(rawHttp(QHostAddress::LocalHost, m_port, "GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n").status, 505);
        QCOMPARE(rawHttp(QHostAddress::LocalHost, m_port, "GET /healthz HTTP/1.1\r\n\r\n").status, 400); // no Host
        QCOMPARE(rawHttp(QHostAddress::LocalHost, m_port, "\x16\x03\x01 hello\r\n\r\n").status, 400);
        const HttpAnswer huge = rawHttp(QHostAddress::LocalHost, m_port,
                                        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(9000, 'a') + "\r\n\r\n");
        QCOMPARE(huge.status, 431);
        QCOMPARE(huge.errorCode(), QStringLiteral("request_too_large"));
        QCOMPARE(httpGet(m_port, "/nothing/here").status, 404);
        // And WebSocket clients still connect on the same port.
        TestClient client(QStringLiteral("ws://127.0.0.1:%1/").arg(m_port), m_project.id, m_project.token, QStringLiteral("c-after"));
        QCOMPARE(client.connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
    }
};

QTEST_GUILESS_MAIN(TestHttpCompileOutputs)
#include "tst_http_compileoutputs.moc"
