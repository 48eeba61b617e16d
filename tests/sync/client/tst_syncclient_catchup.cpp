// A SyncClient far behind catches up through the pages of a long rejoin
// (joinDoc fromVersion answered with "more": true) and then merges its own
// offline edits. Real redis-server, a real server with a small page, real clients.
#include "sync/client/syncclient.h"
#include "sync/docstore/docstore.h"
#include "sync/redis/redisserverprocess.h"
#include "sync/server/coauthorserver.h"
#include "syncclienttestutil.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::sync;
using coauthor::sync::test::converged;
using ot::Component;
using ot::TextOperation;

class TestSyncClientCatchUp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aClientFarBehindCatchesUpPageByPageAndKeepsItsEdits()
    {
        QTemporaryDir dir;
        RedisServerProcess redis;
        auto started = redis.start(dir.filePath(QStringLiteral("redis")), true);
        QVERIFY2(started, started ? "" : qPrintable(started.error()));
        ServerConfig config;
        config.port = 0;
        config.dataDir = dir.filePath(QStringLiteral("server"));
        config.redisUrl = redis.url();
        config.updater.joinPageOps = 10; // 150 missed ops: 15 pages
        config.updater.recentOpsKept = 5;
        config.updater.flushEveryOps = 20;
        CoauthorServer server;
        auto running = server.start(config);
        QVERIFY2(running, running ? "" : qPrintable(running.error()));
        const QString projectId = server.docstore()->createProject(QStringLiteral("Catch-up")).value().id;
        const QString token = server.docstore()->createToken(projectId, Role::ReadWrite).value();
        const QUrl url(server.url());

        auto a = test::openTestClient(url, projectId, token, dir.filePath(QStringLiteral("a")), QStringLiteral("Ada"), false);
        auto b = test::openTestClient(url, projectId, token, dir.filePath(QStringLiteral("b")), QStringLiteral("Bo"), false);
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->state() == SyncClient::State::Online && b->state() == SyncClient::State::Online, 10000);
        a->createDoc(QStringLiteral("main.tex"), QStringLiteral("start\n"));
        QString docId;
        QTRY_VERIFY_WITH_TIMEOUT(!(docId = a->docIdForPath(QStringLiteral("main.tex"))).isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);

        a->setWorkOffline(true);
        QTRY_COMPARE(a->state(), SyncClient::State::Offline);
        QVERIFY(a->applyLocalEdit(docId, TextOperation({Component::insert(0, QStringLiteral("[offline A]\n"))})).ok());
        const qint64 behind = b->document(docId)->version();
        for (int i = 0; i < 150; ++i) { // one op each: wait until it is acked
            const qsizetype end = b->document(docId)->text().size();
            QVERIFY(b->applyLocalEdit(docId, TextOperation({Component::insert(end, QStringLiteral("b%1 ").arg(i))})).ok());
            QTRY_VERIFY_WITH_TIMEOUT(b->isSynchronized(), 5000);
        }
        QCOMPARE(b->document(docId)->version(), behind + 150);

        a->setWorkOffline(false);
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 20000);
        const QString text = a->document(docId)->text();
        QCOMPARE(text.count(QStringLiteral("[offline A]\n")), 1);
        QVERIFY(text.contains(QStringLiteral("b0 ")) && text.contains(QStringLiteral("b149 ")));
        QCOMPARE(a->document(docId)->version(), behind + 151);
        a.reset();
        b.reset();
        server.stop(5000);
        redis.stop();
    }
};

QTEST_GUILESS_MAIN(TestSyncClientCatchUp)
#include "tst_syncclient_catchup.moc"
