// /healthz and /metrics of a real coauthor-server process: healthz says what is down
// when redis-server is stopped (and PostgreSQL, for a server on it) and ok again once
// it is back; /metrics is Prometheus text whose values move with what the server does
// (connections, ops applied, the compile queue, Redis and docstore errors), and only
// loopback and the --metrics-from subnets may read it.
#include "httptestclient.h"
#include "serverprocess.h"
#include "testclient.h"

#include "tests/support/postgrescluster.h"

#include "sync/ot/textoperation.h"
#include "sync/redis/redisserverprocess.h"

#include <QNetworkInterface>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

namespace {

// An IPv4 address of this machine that is not loopback (connecting to it reaches a
// server listening on 0.0.0.0 with a non-loopback peer address); null when none.
QHostAddress nonLoopbackAddress()
{
    for (const QHostAddress &a : QNetworkInterface::allAddresses())
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback() && !a.isLinkLocal())
            return a;
    return {};
}

void stopProcess(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(10000))
        process.kill();
    process.waitForFinished(2000);
}

} // namespace

class TestHttpHealthMetrics : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    RedisServerProcess m_redis;
    QProcess m_server;
    quint16 m_port = 0;
    CreatedProject m_project;

    QByteArray scrape() { return httpGet(m_port, "/metrics").body; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("redis"))));
        QVERIFY(m_redis.start(m_dir.filePath(QStringLiteral("redis")), false).ok());
        const QString data = m_dir.filePath(QStringLiteral("data"));
        m_project = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), data, QStringLiteral("Paper"));
        QVERIFY2(m_project.ok(), qPrintable(m_project.output));
        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_port = freeLoopbackPort();
        QVERIFY(startServer(m_server, QStringLiteral(COAUTHOR_SERVER_BINARY), m_port, data, {QStringLiteral("--redis"), m_redis.url()}));
    }

    void cleanupTestCase() { stopProcess(m_server); }

    void metricsArePrometheusTextWithHelpAndType()
    {
        const HttpAnswer metrics = httpGet(m_port, "/metrics");
        QCOMPARE(metrics.status, 200);
        QCOMPARE(metrics.field("content-type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        // Every sample belongs to a family announced just before with # HELP and # TYPE.
        QByteArray family;
        for (const QByteArray &line : metrics.body.split('\n')) {
            if (line.isEmpty())
                continue;
            if (line.startsWith("# TYPE ")) {
                family = line.split(' ').at(2);
                QVERIFY2(QList<QByteArray>({"counter", "gauge", "histogram"}).contains(line.split(' ').at(3)), line.constData());
                continue;
            }
            if (line.startsWith("# HELP "))
                continue;
            QVERIFY2(line.startsWith(family), line.constData());
            bool ok = false;
            line.mid(line.lastIndexOf(' ') + 1).toDouble(&ok);
            QVERIFY2(ok || line.endsWith("+Inf"), line.constData());
        }
        for (const QByteArray name : {"coauthor_connections", "coauthor_ops_applied_total", "coauthor_compile_queue_length",
                                      "coauthor_redis_errors_total", "coauthor_docstore_errors_total",
                                      "coauthor_compile_duration_seconds_count"})
            QVERIFY2(metricValue(metrics.body, name) >= 0, name);
        QCOMPARE(metricValue(metrics.body, "coauthor_compile_duration_seconds_bucket{le=\"+Inf\"}"), 0.0);
        QCOMPARE(metricValue(metrics.body, "coauthor_redis_up"), 1.0);
    }

    void connectionsAndOpsMoveWithWhatClientsDo()
    {
        const QByteArray before = scrape();
        QCOMPARE(metricValue(before, "coauthor_websocket_sessions"), 0.0);
        const double opsBefore = metricValue(before, "coauthor_ops_applied_total");
        {
            const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(m_port);
            TestClient a(url, m_project.id, m_project.token, QStringLiteral("c-a"));
            TestClient b(url, m_project.id, m_project.token, QStringLiteral("c-b"));
            QCOMPARE(a.connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
            QCOMPARE(b.connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
            const QString doc = a.createDoc(QStringLiteral("main.tex"));
            QVERIFY(a.joinDoc(doc));
            const QByteArray during = scrape();
            QCOMPARE(metricValue(during, "coauthor_websocket_sessions"), 2.0);
            QCOMPARE(metricValue(during, "coauthor_projects_active"), 1.0);
            // Two sessions and the scrape's own connection.
            QCOMPARE(metricValue(during, "coauthor_connections"), 3.0);
            for (int i = 0; i < 10; ++i) {
                a.edit(TextOperation({Component::insert(0, QStringLiteral("x"))}));
                QVERIFY(a.waitFor([&] { return a.isIdle(); }));
            }
            QCOMPARE(metricValue(scrape(), "coauthor_ops_applied_total"), opsBefore + 10);
        }
        QTRY_COMPARE_WITH_TIMEOUT(metricValue(scrape(), "coauthor_websocket_sessions"), 0.0, 5000);
        const QByteArray after = scrape();
        QVERIFY(metricValue(after, "coauthor_websocket_sessions_total") >= 2);
        QVERIFY(metricValue(after, "coauthor_http_responses_total{code=\"200\"}") >= 4);
    }

    // No worker runs here: a compile request stays in the stream.
    void theCompileQueueLengthIsTheStreamsLength()
    {
        QCOMPARE(metricValue(scrape(), "coauthor_compile_queue_length"), 0.0);
        TestClient client(QStringLiteral("ws://127.0.0.1:%1/").arg(m_port), m_project.id, m_project.token, QStringLiteral("c-q"));
        QCOMPARE(client.connectAndHello().value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        for (int i = 0; i < 3; ++i) {
            const QJsonObject queued = client.request(QJsonObject{{QStringLiteral("type"), QStringLiteral("compile")},
                                                                  {QStringLiteral("root"), QStringLiteral("main.tex")}});
            QCOMPARE(queued.value(QLatin1String("type")).toString(), QStringLiteral("compileQueued"));
        }
        const QByteArray metrics = scrape();
        QCOMPARE(metricValue(metrics, "coauthor_compile_queue_length"), 3.0);
        QCOMPARE(metricValue(metrics, "coauthor_compile_queue_pending"), 0.0); // no worker took any
    }

    void healthzSaysWhenRedisIsDownAndOkWhenItIsBack()
    {
        const HttpAnswer ok = httpGet(m_port, "/healthz");
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.body, QByteArray("ok\n"));
        const double errorsBefore = metricValue(scrape(), "coauthor_redis_errors_total");
        m_redis.stop();
        QTRY_COMPARE_WITH_TIMEOUT(httpGet(m_port, "/healthz").status, 503, 5000);
        const HttpAnswer down = httpGet(m_port, "/healthz");
        QVERIFY2(down.body.startsWith("redis: ") && down.body.endsWith('\n') && down.body.count('\n') == 1, down.body.constData());
        // Still scrapable without Redis, saying so.
        const QByteArray metrics = scrape();
        QCOMPARE(metricValue(metrics, "coauthor_redis_up"), 0.0);
        QCOMPARE(metricValue(metrics, "coauthor_compile_queue_length"), -1.0); // not made up
        QVERIFY(metricValue(metrics, "coauthor_redis_disconnects_total") >= 1);
        QVERIFY(metricValue(metrics, "coauthor_redis_errors_total") > errorsBefore);
        QVERIFY(m_redis.restart().ok());
        QTRY_COMPARE_WITH_TIMEOUT(httpGet(m_port, "/healthz").status, 200, 10000);
        QCOMPARE(metricValue(scrape(), "coauthor_redis_up"), 1.0);
    }

    // Loopback by default; another address only through --metrics-from. /healthz is open.
    void onlyLoopbackAndTheAllowedSubnetsMayReadMetrics()
    {
        const QHostAddress outside = nonLoopbackAddress();
        if (outside.isNull())
            QSKIP("this machine has no non-loopback IPv4 address to connect from");
        const QString data = m_dir.filePath(QStringLiteral("data"));
        for (const bool allowed : {false, true}) {
            QProcess server;
            server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            const quint16 port = freeLoopbackPort();
            QStringList args{QStringLiteral("--listen"), QStringLiteral("0.0.0.0:%1").arg(port), QStringLiteral("--data"), data,
                             QStringLiteral("--redis"), m_redis.url()};
            if (allowed)
                args << QStringLiteral("--metrics-from") << outside.toString() + QStringLiteral("/32");
            server.start(QStringLiteral(COAUTHOR_SERVER_BINARY), args);
            QVERIFY(server.waitForStarted(10000) && server.waitForReadyRead(20000));
            const HttpAnswer fromOutside = httpGet(port, "/metrics", {}, "GET", outside);
            QCOMPARE(fromOutside.status, allowed ? 200 : 403);
            if (!allowed)
                QCOMPARE(fromOutside.errorCode(), QStringLiteral("forbidden"));
            QCOMPARE(httpGet(port, "/metrics").status, 200);            // loopback
            QCOMPARE(httpGet(port, "/healthz", {}, "GET", outside).status, 200); // for load balancers
            stopProcess(server);
        }
    }

    // A server on PostgreSQL: the database stopped is "docstore: …", counted as
    // docstore errors, and ok again after PostgreSQL is back (the docstore reopens).
    void healthzSaysWhenTheDocstoreIsDown()
    {
        coauthor::test::PostgresCluster cluster;
        auto started = cluster.start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error()));
        auto database = cluster.createDatabase();
        QVERIFY2(database.ok(), database.ok() ? "" : qPrintable(database.error()));
        const QString data = m_dir.filePath(QStringLiteral("pgdata"));
        const QStringList docstore{QStringLiteral("--docstore"), database.value()};
        const CreatedProject project = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), data, QStringLiteral("On PG"), docstore);
        QVERIFY2(project.ok(), qPrintable(project.output));
        QProcess server;
        server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const quint16 port = freeLoopbackPort();
        QVERIFY(startServer(server, QStringLiteral(COAUTHOR_SERVER_BINARY), port, data,
                            docstore + QStringList{QStringLiteral("--redis"), m_redis.url()}));
        QCOMPARE(httpGet(port, "/healthz").status, 200);
        const double errorsBefore = metricValue(httpGet(port, "/metrics").body, "coauthor_docstore_errors_total");
        QCOMPARE(errorsBefore, 0.0);
        cluster.stop();
        const HttpAnswer down = httpGet(port, "/healthz");
        QCOMPARE(down.status, 503);
        QVERIFY2(down.body.startsWith("docstore: "), down.body.constData());
        QVERIFY(metricValue(httpGet(port, "/metrics").body, "coauthor_docstore_errors_total") > errorsBefore);
        // A member's download is 503 storage_unavailable meanwhile, not 401.
        const HttpAnswer member = httpGet(port, QStringLiteral("/api/projects/%1/compiles/latest").arg(project.id).toUtf8(),
                                          {bearer(project.token)});
        QCOMPARE(member.status, 503);
        QCOMPARE(member.errorCode(), QStringLiteral("storage_unavailable"));
        auto again = cluster.restart(); // the same port and data
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error()));
        QTRY_COMPARE_WITH_TIMEOUT(httpGet(port, "/healthz").status, 200, 10000);
        stopProcess(server);
    }
};

QTEST_GUILESS_MAIN(TestHttpHealthMetrics)
#include "tst_http_health_metrics.moc"
