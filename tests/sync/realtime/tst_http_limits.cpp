// The bounds of HTTP on the server's port, on an in-process server with short
// timings: a request head that never ends is cut at the handshake timeout, a peer
// that reads nothing of a long answer is cut at the HTTP idle timeout (both give
// their connection back to the address's count), and everything also works over TLS
// (https:// on a wss:// server), a multi-MiB output included.
#include "httptestclient.h"
#include "serverfixture.h"

#include "sync/compilejobs/compilejob.h"
#include "sync/compilejobs/compilekeys.h"
#include "tests/sync/storetestutil.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using namespace coauthor::sync::testing;

namespace {

bool makeSelfSignedCertificate(const QString &certificate, const QString &key)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
             QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate});
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

ServerConfig shortTimings()
{
    ServerConfig config = ServerFixture::fastConfig();
    config.realtime.handshakeTimeoutMs = 600;
    config.realtime.httpIdleTimeoutMs = 600;
    return config;
}

} // namespace

class TestHttpLimits : public QObject
{
    Q_OBJECT

    // A finished compile of the fixture's project, as a worker stores it, with a
    // PDF of pdfBytes seeded random bytes; returns its job id.
    static QString storeCompile(ServerFixture &fixture, qint64 pdfBytes, QByteArray *pdf)
    {
        QRandomGenerator rng(23);
        pdf->resize(pdfBytes);
        for (char &c : *pdf)
            c = char(rng.bounded(256));
        CompileOutcome outcome;
        outcome.jobId = QStringLiteral("job-limits-1");
        outcome.projectId = fixture.projectId;
        outcome.status = QStringLiteral("success");
        outcome.pdfBytes = pdfBytes;
        RedisClient redis;
        redis.connectTo(fixture.redis.url());
        if (!waitConnected(redis) || !redisCommand(redis, {"SET", CompileKeys::result(outcome.jobId), outcome.toJson()})
            || !redisCommand(redis, {"SET", CompileKeys::pdf(outcome.jobId), *pdf}))
            return {};
        return outcome.jobId;
    }

    static double exchanges(quint16 port, bool tls = false)
    {
        return metricValue(rawHttp(QHostAddress::LocalHost, port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", 5000, tls).body,
                           "coauthor_http_exchanges");
    }

private Q_SLOTS:
    void aRequestHeadThatNeverEndsIsCutAtTheHandshakeTimeout()
    {
        ServerFixture fixture;
        QVERIFY2(fixture.start(shortTimings()), qPrintable(fixture.error));
        const quint16 port = fixture.servers.front()->port();
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(slow.waitForConnected(5000));
        slow.write("GET /healthz HTTP/1.1\r\nHost: x\r\n"); // and never the empty line
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(slow.state() == QAbstractSocket::UnconnectedState, 5000);
        QVERIFY2(clock.elapsed() >= 300, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(slow.readAll().isEmpty()); // reset, no answer to half a request
        // Its connection no longer counts: only the scrape's own is open.
        const HttpAnswer metrics = httpGet(port, "/metrics");
        QCOMPARE(metricValue(metrics.body, "coauthor_connections"), 1.0);
        QCOMPARE(metricValue(metrics.body, "coauthor_handshakes_pending"), 0.0);
        // A positive control: the same head, finished in time, is answered.
        QCOMPARE(httpGet(port, "/healthz").status, 200);
    }

    void aPeerThatReadsNothingOfALongAnswerIsCutAtTheIdleTimeout()
    {
        ServerFixture fixture;
        QVERIFY2(fixture.start(shortTimings()), qPrintable(fixture.error));
        const quint16 port = fixture.servers.front()->port();
        QByteArray pdf;
        const QString jobId = storeCompile(fixture, 32 * 1024 * 1024, &pdf);
        QVERIFY(!jobId.isEmpty());
        QTcpSocket stalled;
        stalled.setReadBufferSize(4096); // reads no more than this: the kernel's buffers fill up
        stalled.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        stalled.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(stalled.waitForConnected(5000));
        stalled.write("GET /api/projects/" + fixture.projectId.toUtf8() + "/compiles/" + jobId.toUtf8()
                      + "/output.pdf HTTP/1.1\r\nHost: x\r\n" + bearer(fixture.token) + "\r\n\r\n");
        // Answering: its exchange and the scrape's.
        QTRY_COMPARE_WITH_TIMEOUT(exchanges(port), 2.0, 5000);
        QTest::qWait(300);
        QCOMPARE(exchanges(port), 2.0); // still held while within the timeout
        QTRY_COMPARE_WITH_TIMEOUT(exchanges(port), 1.0, 5000);
        QCOMPARE(metricValue(httpGet(port, "/metrics").body, "coauthor_connections"), 1.0);
    }

    void httpsOnATlsServerServesHealthAndALargeOutput()
    {
        ServerFixture fixture;
        QVERIFY(fixture.dir.isValid());
        ServerConfig config = shortTimings();
        config.realtime.httpIdleTimeoutMs = 10000;
        config.tlsCertificateFile = fixture.dir.filePath(QStringLiteral("cert.pem"));
        config.tlsKeyFile = fixture.dir.filePath(QStringLiteral("key.pem"));
        QVERIFY(makeSelfSignedCertificate(config.tlsCertificateFile, config.tlsKeyFile));
        QVERIFY2(fixture.start(config), qPrintable(fixture.error));
        QVERIFY(fixture.url().startsWith(QLatin1String("wss://")));
        const quint16 port = fixture.servers.front()->port();
        const HttpAnswer health = rawHttp(QHostAddress::LocalHost, port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 10000, true);
        QCOMPARE(health.status, 200);
        QCOMPARE(health.body, QByteArray("ok\n"));
        // Plain HTTP to a TLS port never reaches HTTP (the TLS handshake fails).
        QCOMPARE(httpGet(port, "/healthz").status, 0);
        QByteArray pdf;
        const QString jobId = storeCompile(fixture, 5 * 1024 * 1024 + 1, &pdf);
        QVERIFY(!jobId.isEmpty());
        const QByteArray request = "GET /api/projects/" + fixture.projectId.toUtf8() + "/compiles/" + jobId.toUtf8()
            + "/output.pdf HTTP/1.1\r\nHost: x\r\n" + bearer(fixture.readOnlyToken) + "\r\n";
        const HttpAnswer whole = rawHttp(QHostAddress::LocalHost, port, request + "\r\n", 30000, true);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.field("content-length").toLongLong(), pdf.size());
        QVERIFY(whole.body == pdf);
        const HttpAnswer rest = rawHttp(QHostAddress::LocalHost, port, request + "Range: bytes=4000000-\r\n\r\n", 30000, true);
        QCOMPARE(rest.status, 206);
        QVERIFY(rest.body == pdf.mid(4000000));
    }
};

QTEST_GUILESS_MAIN(TestHttpLimits)
#include "tst_http_limits.moc"
