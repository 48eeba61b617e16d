// The promise of issue 12 under everything at once: five SyncClients type into one
// doc while connections drop, clients quit and come back, a working copy is
// copied (its clientId with it), the coauthor-server process is killed (-9), Redis
// is killed (-9), and Redis comes back with the tail of its AOF cut off (a power
// loss). At the end every line any client typed is in the text exactly once, every
// replica equals the server's text, and the docstore's history replays to that
// text without a gap.
//
// COAUTHOR_SOAK_EDITS (edits per client, default 300) and COAUTHOR_SOAK_SEED make
// the longer run that docs/benchmarks.md records.

#include "sync/client/syncclient.h"
#include "sync/docstore/docstore.h"
#include "sync/ot/operations.h"
#include "sync/redis/redisserverprocess.h"
#include "serverprocess.h"
#include "syncclienttestutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace coauthor::sync;
using ot::Component;
using ot::TextOperation;
using coauthor::sync::test::insertLine;

namespace {

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v > 0 ? v : fallback;
}

// Cuts bytes off the end of the newest AOF file of a stopped redis-server: what a
// power loss does to a file written with fsync every second.
bool cutAofTail(const QString &redisDir, qint64 bytes)
{
    QString newest;
    QDateTime newestTime;
    QDirIterator it(redisDir, {QStringLiteral("*.aof")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        if (newest.isEmpty() || it.fileInfo().lastModified() >= newestTime) {
            newest = it.filePath();
            newestTime = it.fileInfo().lastModified();
        }
    }
    if (newest.isEmpty())
        return false;
    QFile f(newest);
    return f.resize(qMax<qint64>(0, f.size() - bytes));
}

} // namespace

class TestSyncSoak : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    RedisServerProcess m_redis;
    std::unique_ptr<QProcess> m_server;
    QString m_dataDir;
    quint16 m_port = 0;
    QString m_projectId;
    QString m_token;
    int m_copies = 0;

    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_port)); }

    std::unique_ptr<SyncClient> client(const QString &workingCopy, const QString &name, bool mirror = false)
    {
        return test::openTestClient(url(), m_projectId, m_token, workingCopy, name, mirror);
    }

    QString newWorkingCopy() { return m_dir.filePath(QStringLiteral("copy%1").arg(++m_copies)); }

    bool startServer()
    {
        m_server = std::make_unique<QProcess>();
        m_server->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // A killed server's doc locks expire soon instead of in 30 s.
        return test::startServer(*m_server, QStringLiteral(COAUTHOR_SERVER_BINARY), m_port, m_dataDir,
                                 {QStringLiteral("--redis"), m_redis.url(), QStringLiteral("--lock-ttl-ms"),
                                  QStringLiteral("1500")});
    }

    static bool allConverged(const std::vector<std::unique_ptr<SyncClient>> &clients, const QString &docId)
    {
        for (size_t i = 1; i < clients.size(); ++i) {
            if (!test::converged(*clients.front(), *clients.at(i), docId))
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto started = m_redis.start(m_dir.filePath(QStringLiteral("redis")), true);
        QVERIFY2(started, started ? "" : qPrintable(started.error()));
        m_dataDir = m_dir.filePath(QStringLiteral("server"));
        const test::CreatedProject created =
            test::createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), m_dataDir, QStringLiteral("Soak"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        m_projectId = created.id;
        m_token = created.token;
        m_port = test::freeLoopbackPort();
        QVERIFY(startServer());
    }

    void cleanupTestCase()
    {
        if (m_server) {
            m_server->terminate();
            m_server->waitForFinished(20000);
        }
        m_redis.stop();
    }

    void everyEditSurvivesEveryFailureExactlyOnce()
    {
        const quint32 seed = quint32(envInt("COAUTHOR_SOAK_SEED", 20261202));
        const int editsPerClient = envInt("COAUTHOR_SOAK_EDITS", 300);
        const int clientCount = 5;
        qInfo("seed %u, %d clients x %d edits", seed, clientCount, editsPerClient);
        QRandomGenerator rng(seed);

        std::vector<std::unique_ptr<SyncClient>> clients;
        QStringList copies;
        for (int i = 0; i < clientCount; ++i) {
            copies.append(newWorkingCopy());
            clients.push_back(client(copies.last(), QStringLiteral("c%1").arg(i)));
            QVERIFY(clients.back());
        }
        QTRY_VERIFY_WITH_TIMEOUT(clients.front()->state() == SyncClient::State::Online, 10000);
        const QString initial = QStringLiteral("start\n");
        clients.front()->createDoc(QStringLiteral("soak.tex"), initial);
        QString docId;
        QTRY_VERIFY_WITH_TIMEOUT(!(docId = clients.front()->docIdForPath(QStringLiteral("soak.tex"))).isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(allConverged(clients, docId), 20000);

        QStringList lines;
        QMap<QString, int> events;
        // Each event with the edit it came after: a missing or doubled line's number
        // then points at what happened around it.
        QStringList timeline;
        auto noteEvent = [&](const QString &what, int who, int n) {
            ++events[what];
            timeline.append(QStringLiteral("%1 (c%2) after edit %3").arg(what).arg(who).arg(n));
        };
        const int total = editsPerClient * clientCount;
        // One failure roughly every 40 edits, spread over the run.
        for (int n = 0; n < total; ++n) {
            const int who = int(rng.bounded(quint32(clients.size())));
            SyncClient &c = *clients.at(size_t(who));
            if (const SharedDocument *doc = c.document(docId)) {
                const QString line = QStringLiteral("[%1:%2]").arg(c.clientId().left(8)).arg(n);
                QVERIFY(c.applyLocalEdit(docId, insertLine(rng, doc->text(), line)).ok());
                lines.append(line);
            }
            if (rng.bounded(40) == 0) {
                switch (rng.bounded(7)) {
                case 0:
                    c.abortConnection();
                    noteEvent(QStringLiteral("connection dropped"), who, n);
                    break;
                case 1: // the app quits and starts again on the same working copy
                    clients.at(size_t(who)).reset();
                    clients.at(size_t(who)) = client(copies.at(who), QStringLiteral("c%1").arg(who));
                    QVERIFY(clients.at(size_t(who)));
                    noteEvent(QStringLiteral("client restarted"), who, n);
                    break;
                case 2: // the working copy is copied, .coauthor/ and all, and opened too
                    if (clients.size() < size_t(clientCount + 2) && QTest::qWaitFor([&] { return c.isSynchronized(); }, 10000)) {
                        clients.at(size_t(who)).reset();
                        const QString copy = newWorkingCopy();
                        QVERIFY(QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-a"), copies.at(who), copy}) == 0);
                        clients.at(size_t(who)) = client(copies.at(who), QStringLiteral("c%1").arg(who));
                        copies.append(copy);
                        clients.push_back(client(copy, QStringLiteral("copy of c%1").arg(who)));
                        QVERIFY(clients.at(size_t(who)) && clients.back());
                        noteEvent(QStringLiteral("working copy copied"), who, n);
                    }
                    break;
                case 3:
                    m_server->kill();
                    m_server->waitForFinished(5000);
                    QVERIFY(startServer());
                    noteEvent(QStringLiteral("server killed"), who, n);
                    break;
                case 4:
                    m_redis.kill();
                    QTest::qWait(int(rng.bounded(300)));
                    QVERIFY(m_redis.restart().ok());
                    noteEvent(QStringLiteral("redis killed"), who, n);
                    break;
                case 5: // power loss: Redis and the server die, the AOF loses its tail
                    m_server->kill();
                    m_server->waitForFinished(5000);
                    m_redis.kill();
                    QVERIFY(cutAofTail(m_redis.dir(), 1 + rng.bounded(400)));
                    QVERIFY(m_redis.restart().ok());
                    QVERIFY(startServer());
                    noteEvent(QStringLiteral("aof tail cut"), who, n);
                    break;
                default:
                    QTest::qWait(int(rng.bounded(200)));
                    break;
                }
            }
            if (rng.bounded(3) == 0)
                QTest::qWait(int(rng.bounded(8)));
            else
                QCoreApplication::processEvents();
        }
        for (auto it = events.cbegin(); it != events.cend(); ++it)
            qInfo("%s: %d", qPrintable(it.key()), it.value());

        QVERIFY2(QTest::qWaitFor([&] { return allConverged(clients, docId); }, 120000),
                 qPrintable(QStringLiteral("replicas did not converge (seed %1)").arg(seed)));
        const QString text = clients.front()->document(docId)->text();
        int missing = 0, doubled = 0;
        QStringList wrong;
        for (const QString &line : std::as_const(lines)) {
            const qsizetype n = text.count(line + QLatin1Char('\n'));
            missing += n == 0;
            doubled += n > 1;
            if (n != 1 && wrong.size() < 10)
                wrong.append(QStringLiteral("%1 x%2").arg(line).arg(n));
        }
        if (missing || doubled)
            qInfo("first wrong lines: %s\nevents: %s", qPrintable(wrong.join(QStringLiteral(", "))),
                  qPrintable(timeline.join(QStringLiteral("; "))));
        QVERIFY2(missing == 0 && doubled == 0,
                 qPrintable(QStringLiteral("of %1 lines %2 missing, %3 more than once (seed %4)")
                                .arg(lines.size()).arg(missing).arg(doubled).arg(seed)));
        QCOMPARE(text.count(QLatin1Char('\n')), lines.size() + 1);

        // The server's own text, through a client that never typed.
        auto observer = client(newWorkingCopy(), QStringLiteral("observer"));
        QVERIFY(observer);
        QTRY_VERIFY_WITH_TIMEOUT(observer->isSynchronized() && observer->document(docId), 20000);
        QCOMPARE(observer->document(docId)->text(), text);
        clients.clear();
        observer.reset();

        // SIGTERM flushes every doc to the docstore; its history replays to the text.
        m_server->terminate();
        QVERIFY(m_server->waitForFinished(20000));
        m_server.reset();
        auto store = Docstore::open(QString(), m_dataDir);
        QVERIFY(store.ok());
        auto stored = store.value()->loadDoc(m_projectId, docId);
        QVERIFY(stored.ok());
        QCOMPARE(stored.value().text, text);
        auto history = store.value()->opsSince(m_projectId, docId, 0);
        QVERIFY(history.ok());
        QString replayed = initial;
        qint64 expected = 1;
        for (const StoredOp &op : history.value()) {
            QCOMPARE(op.version, expected++);
            auto next = ot::apply(replayed, op.op);
            QVERIFY2(next.ok(), qPrintable(QStringLiteral("op %1 does not apply (seed %2)").arg(op.version).arg(seed)));
            replayed = next.value();
        }
        QCOMPARE(expected - 1, stored.value().version);
        QCOMPARE(replayed, text);
        QVERIFY(startServer());
    }
};

QTEST_GUILESS_MAIN(TestSyncSoak)
#include "tst_sync_soak.moc"
