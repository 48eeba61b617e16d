// History reads off the server's event loop, through a real coauthor-server process
// (real redis-server, real SQLite) on a 200,000-op history: another member's ops are
// acked promptly while searches run, a connection that closes mid-search gets nothing
// and breaks nothing, and one connection's flood of searches is bounded and does not
// keep another's request waiting behind all of it.
//
// COAUTHOR_HISTORY_SERVER_BINARY runs the test against another build (main's, to see
// the acks wait behind a search there).
#include "serverprocess.h"
#include "testclient.h"

#include "sync/docstore/docstore.h"
#include "sync/redis/redisserverprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

namespace {

constexpr qint64 HistoryOps = 200'000;

QString serverBinary()
{
    return qEnvironmentVariable("COAUTHOR_HISTORY_SERVER_BINARY", QStringLiteral(COAUTHOR_SERVER_BINARY));
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size()))));
}

QJsonObject search(qint64 rid, const QString &text)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("historySearch")}, {QStringLiteral("rid"), double(rid)},
                       {QStringLiteral("text"), text}};
}

// The answers (or errors) to rids among c's frames.
int answered(const TestClient &c, qint64 fromRid, qint64 toRid)
{
    int n = 0;
    for (const QJsonObject &f : c.received) {
        const qint64 rid = f.value(QStringLiteral("rid")).toInteger(-1);
        if (rid >= fromRid && rid <= toRid)
            ++n;
    }
    return n;
}

} // namespace

class TestServerHistoryThreads : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    RedisServerProcess m_redis;
    QProcess m_server;
    CreatedProject m_project;
    QString m_url;
    QString m_longDoc;

    // The long history, written straight into the docstore before the server starts:
    // a doc of about 8 KB with a word typed and taken back again and again.
    bool writeLongHistory(const QString &dataDir)
    {
        auto opened = Docstore::open({}, dataDir);
        if (!opened.ok()) {
            qWarning() << opened.error().message;
            return false;
        }
        Docstore &store = *opened.value();
        QString text;
        for (int i = 0; i < 160; ++i)
            text += QStringLiteral("Line %1 of a long paper that is edited all the time.\n").arg(i);
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 30LL * 24 * 3600 * 1000;
        auto doc = store.createDoc(m_project.id, QStringLiteral("long.tex"), text, Actor{{}, t0});
        if (!doc.ok())
            return false;
        m_longDoc = doc.value().id;
        QList<StoredOp> batch;
        qsizetype at = 0;
        for (qint64 v = 1; v <= HistoryOps; ++v) {
            if (v % 2) // typed here, taken back by the next op
                at = qsizetype((v * 7919) % (text.size() + 1));
            const QString word = QStringLiteral("w%1 ").arg(v / 2);
            TextOperation op = v % 2 ? TextOperation({Component::insert(at, word)})
                                     : TextOperation({Component::erase(at, text.mid(at, word.size()))});
            if (v % 2)
                text.insert(at, word);
            else
                text.remove(at, word.size());
            batch.append(StoredOp{v, op, QStringLiteral("writer"), v, t0 + v * 1000});
            if (batch.size() == 1000) {
                if (!store.storeDoc(m_project.id, m_longDoc, text, v, batch).ok())
                    return false;
                batch.clear();
            }
        }
        return true;
    }

    std::unique_ptr<TestClient> client(const QString &id)
    {
        auto c = std::make_unique<TestClient>(m_url, m_project.id, m_project.token, id, id);
        if (c->connectAndHello().value(QStringLiteral("type")).toString() != QLatin1String("welcome"))
            return nullptr;
        return c;
    }

    // One op at a time, each sent once the previous one is acked and 20 ms passed:
    // how long each waited for its ack (ms). while() runs between ops.
    static QList<double> ackLatencies(TestClient &typist, int ops, const std::function<void()> &between = {})
    {
        QList<double> out;
        QElapsedTimer sent;
        bool acked = false;
        typist.onAck = [&](const ServerMessage::Ack &) {
            out.append(double(sent.nsecsElapsed()) / 1e6);
            acked = true;
        };
        for (int i = 0; i < ops; ++i) {
            acked = false;
            sent.start();
            typist.edit(TextOperation({Component::insert(typist.text().size(), QStringLiteral("x"))}));
            if (!typist.waitFor([&] { return acked; }, 15000))
                break;
            if (between)
                between();
            QTest::qWait(20);
        }
        typist.onAck = {};
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("redis"))));
        QVERIFY(m_redis.start(m_dir.filePath(QStringLiteral("redis")), false).ok());
        const QString data = m_dir.filePath(QStringLiteral("data"));
        m_project = createProject(serverBinary(), data, QStringLiteral("Long history"));
        QVERIFY2(m_project.ok(), qPrintable(m_project.output));
        QElapsedTimer writing;
        writing.start();
        QVERIFY(writeLongHistory(data));
        qInfo("wrote %lld ops of history in %lld ms", HistoryOps, writing.elapsed());
        const quint16 port = freeLoopbackPort();
        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QVERIFY(startServer(m_server, serverBinary(), port, data, {QStringLiteral("--redis"), m_redis.url()}));
        m_url = QStringLiteral("ws://127.0.0.1:%1/").arg(port);
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            if (!m_server.waitForFinished(15000))
                m_server.kill();
        }
    }

    void anotherMembersOpsAreAckedPromptlyWhileLongHistorySearchesRun()
    {
        auto searcher = client(QStringLiteral("searcher"));
        auto typist = client(QStringLiteral("typist"));
        QVERIFY(searcher && typist);
        const QString doc = typist->createDoc(QStringLiteral("notes.tex"), QStringLiteral("Notes\n"));
        QVERIFY(!doc.isEmpty());
        QVERIFY(typist->joinDoc(doc));

        // One search alone: how long it takes (it reads the whole long history).
        QElapsedTimer timer;
        timer.start();
        const QJsonObject alone = searcher->request(
            QJsonObject{{QStringLiteral("type"), QStringLiteral("historySearch")}, {QStringLiteral("text"), QStringLiteral("never typed")}},
            60000);
        const double searchMs = double(timer.nsecsElapsed()) / 1e6;
        QVERIFY2(alone.value(QStringLiteral("type")).toString() == QLatin1String("historySearch"),
                 qPrintable(QJsonDocument(alone).toJson(QJsonDocument::Compact)));

        const QList<double> quiet = ackLatencies(*typist, 100);
        QCOMPARE(quiet.size(), 100);

        // Two searches outstanding all the time while the typist types.
        qint64 nextRid = 1000;
        int searchesAnswered = 0;
        auto keepSearching = [&] {
            const int outstanding = int(nextRid - 1000) - answered(*searcher, 1000, nextRid);
            for (int i = outstanding; i < 2; ++i)
                searcher->sendObject(search(nextRid++, QStringLiteral("never typed")));
        };
        keepSearching();
        const QList<double> busy = ackLatencies(*typist, 100, keepSearching);
        QCOMPARE(busy.size(), 100);
        searchesAnswered = answered(*searcher, 1000, nextRid);
        const int searchesSent = int(nextRid - 1000);
        QVERIFY(searcher->waitFor([&] { return answered(*searcher, 1000, nextRid) == int(nextRid - 1000); }, 120000));

        qInfo("one search alone: %.0f ms; %d searches sent beside the typist, %d answered while it typed", searchMs,
              searchesSent, searchesAnswered);
        qInfo("ack latency quiet: p50 %.1f ms, p90 %.1f ms, max %.1f ms", percentile(quiet, 0.5), percentile(quiet, 0.9),
              percentile(quiet, 1.0));
        qInfo("ack latency while searching: p50 %.1f ms, p90 %.1f ms, max %.1f ms", percentile(busy, 0.5),
              percentile(busy, 0.9), percentile(busy, 1.0));
        // The control: a search is long enough to show as a stall if it ran on the loop.
        QVERIFY2(searchMs >= 300, qPrintable(QStringLiteral("a search took only %1 ms: the history is too short to tell").arg(searchMs)));
        // On the event loop an op waits for the search in front of it (half of one on
        // average, all of it at worst); off it, a busy 2-core machine's scheduling only.
        QVERIFY2(percentile(busy, 0.5) < std::max(50.0, searchMs / 10),
                 qPrintable(QStringLiteral("median ack %1 ms beside %2 ms searches").arg(percentile(busy, 0.5)).arg(searchMs)));
        QVERIFY2(percentile(busy, 0.9) < std::max(150.0, searchMs / 3),
                 qPrintable(QStringLiteral("p90 ack %1 ms beside %2 ms searches").arg(percentile(busy, 0.9)).arg(searchMs)));
    }

    void aConnectionClosedWhileItsSearchRunsGetsNothingAndBreaksNothing()
    {
        for (int round = 0; round < 3; ++round) {
            auto leaver = client(QStringLiteral("leaver"));
            QVERIFY(leaver);
            for (qint64 rid = 1; rid <= 4; ++rid)
                leaver->sendObject(search(rid, QStringLiteral("never typed")));
            QTest::qWait(round * 150); // while it is flushed, queued, read
            if (round == 2)
                leaver->abort();
            else
                leaver->close();
        }
        // The server goes on: a new connection's request is answered, ops are acked.
        auto other = client(QStringLiteral("other"));
        QVERIFY(other);
        const QJsonObject labels = other->request(QJsonObject{{QStringLiteral("type"), QStringLiteral("historyLabels")}}, 60000);
        QCOMPARE(labels.value(QStringLiteral("type")).toString(), QStringLiteral("historyLabels"));
        const QString doc = other->createDoc(QStringLiteral("after.tex"), QStringLiteral("After\n"));
        QVERIFY(!doc.isEmpty());
        QVERIFY(other->joinDoc(doc));
        QCOMPARE(ackLatencies(*other, 3).size(), 3);
        QCOMPARE(m_server.state(), QProcess::Running);
    }

    void oneConnectionsFloodOfSearchesIsBoundedAndDoesNotHoldUpAnother()
    {
        auto flooder = client(QStringLiteral("flooder"));
        auto other = client(QStringLiteral("patient"));
        QVERIFY(flooder && other);
        for (qint64 rid = 1; rid <= 10; ++rid)
            flooder->sendObject(search(rid, QStringLiteral("never typed")));
        // Four are answered in turn; the other six are refused at once, saying why.
        QVERIFY(flooder->waitFor([&] { return flooder->countOfType(QStringLiteral("error")) == 6; }, 15000));
        const QJsonObject refusal = flooder->lastOfType(QStringLiteral("error"));
        QCOMPARE(refusal.value(QStringLiteral("code")).toString(), QStringLiteral("too_many_requests"));
        QVERIFY(refusal.value(QStringLiteral("message")).toString().contains(QStringLiteral("at most 4")));
        QCOMPARE(flooder->countOfType(QStringLiteral("historySearch")), 0);

        // The other connection's search is read before the flooder's last ones.
        other->sendObject(search(1, QStringLiteral("never typed")));
        QVERIFY(other->waitFor([&] { return other->countOfType(QStringLiteral("historySearch")) == 1; }, 60000));
        const int flooderDoneBefore = flooder->countOfType(QStringLiteral("historySearch"));
        QVERIFY(flooder->waitFor([&] { return flooder->countOfType(QStringLiteral("historySearch")) == 4; }, 60000));
        qInfo("the flooder had %d of its 4 answers when the other connection got its one", flooderDoneBefore);
        QVERIFY2(flooderDoneBefore < 4, "the other connection waited behind the whole flood");

        // Answered, the flooder may ask again.
        const QJsonObject again = flooder->request(QJsonObject{{QStringLiteral("type"), QStringLiteral("historyLabels")}}, 60000);
        QCOMPARE(again.value(QStringLiteral("type")).toString(), QStringLiteral("historyLabels"));
    }
};

QTEST_GUILESS_MAIN(TestServerHistoryThreads)
#include "tst_server_historythreads.moc"
