// The whole server on PostgreSQL, as an operator runs it: coauthor-server with
// --docstore postgresql://… and an external redis-server, real clients
// (SyncClient) typing into two docs. They converge; PostgreSQL holds every op;
// a restart, even onto an emptied Redis, keeps everything, and the clients go on.
#include "instancesfixture.h"
#include "linetypist.h"
#include "testclient.h"

#include "sync/docstore/docstore.h"
#include "tests/support/postgrescluster.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;

class TestServerPostgres : public QObject
{
    Q_OBJECT

private:
    static constexpr quint32 seed = 1717;

    static bool allConverged(const std::vector<std::unique_ptr<LineTypist>> &typists, const QStringList &docs)
    {
        for (const auto &t : typists)
            for (const QString &doc : docs)
                if (!converged(*typists.front()->client, *t->client, doc))
                    return false;
        return true;
    }

private Q_SLOTS:
    void clientsConvergeOnPostgresqlAndARestartOntoAnEmptyRedisKeepsEverything()
    {
        InstancesFixture fixture(QStringLiteral(COAUTHOR_SERVER_BINARY));
        QString error;
        QVERIFY2(fixture.start(1, &error), qPrintable(error));
        const QString url = fixture.instanceUrl(0);
        QStringList docs;
        {
            TestClient creator(url, fixture.projectId(), fixture.token(), QStringLiteral("creator"));
            QVERIFY(!creator.connectAndHello().isEmpty());
            docs << creator.createDoc(QStringLiteral("main.tex"), QStringLiteral("\\documentclass{article}\n"))
                 << creator.createDoc(QStringLiteral("chapters/intro.tex"), QStringLiteral("% Einführung 😀\n"));
            QVERIFY(!docs.at(0).isEmpty() && !docs.at(1).isEmpty());
        }
        std::vector<std::unique_ptr<LineTypist>> typists;
        for (int i = 0; i < 3; ++i) {
            typists.push_back(std::make_unique<LineTypist>(url, fixture.projectId(), fixture.token(),
                                                           fixture.path(QStringLiteral("client-%1").arg(i)),
                                                           QStringLiteral("typist-%1").arg(i), seed + quint32(i)));
            QVERIFY(typists.back()->isOpen());
            typists.back()->docIds = docs;
        }
        const QString seedNote = QStringLiteral("seed %1").arg(seed);
        QVERIFY2(QTest::qWaitFor([&] { return allConverged(typists, docs); }, 20000), qPrintable(seedNote));
        for (auto &t : typists)
            t->startTyping(20);
        QTest::qWait(1500);
        for (auto &t : typists)
            t->stopTyping();
        QVERIFY2(QTest::qWaitFor([&] { return allConverged(typists, docs); }, 30000), qPrintable(seedNote));
        std::map<QString, QString> texts;
        for (const QString &doc : docs)
            texts[doc] = typists.front()->client->document(doc)->text();
        QCOMPARE(missingOrDoubledLines(typists, texts), QString());
        for (const auto &t : typists)
            QVERIFY2(t->linesTyped() >= 20, qPrintable(QString::number(t->linesTyped()))); // it did type, concurrently
        qInfo("typed %d lines, versions %lld and %lld", int(typists.size()) * typists.front()->linesTyped(),
              typists.front()->client->document(docs.at(0))->version(), typists.front()->client->document(docs.at(1))->version());

        // SIGTERM flushes: PostgreSQL has each doc's text at its version, and every op.
        fixture.stopInstance(0);
        {
            auto store = Docstore::open(fixture.docstoreUrl(), QString());
            QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
            for (const QString &doc : docs) {
                const qint64 version = typists.front()->client->document(doc)->version();
                QCOMPARE(store.value()->loadDoc(fixture.projectId(), doc).value().text, texts.at(doc));
                QCOMPARE(store.value()->loadDoc(fixture.projectId(), doc).value().version, version);
                QCOMPARE(store.value()->opsSince(fixture.projectId(), doc, 0).value().size(), version);
            }
        }
        // Redis emptied: whatever the restarted server serves comes from PostgreSQL.
        QProcess cli;
        cli.start(QStringLiteral("redis-cli"), {QStringLiteral("-u"), fixture.redisUrl(), QStringLiteral("FLUSHALL")});
        QVERIFY(cli.waitForFinished(10000) && cli.exitCode() == 0);
        QVERIFY2(fixture.startInstance(0), qPrintable(fixture.log(0)));
        {
            TestClient observer(url, fixture.projectId(), fixture.token(), QStringLiteral("observer"));
            QVERIFY(!observer.connectAndHello().isEmpty());
            for (const QString &doc : docs) {
                QVERIFY(observer.joinDoc(doc));
                QCOMPARE(observer.text(), texts.at(doc));
            }
        }
        // The clients reconnect by themselves and go on where they were.
        QVERIFY2(QTest::qWaitFor([&] {
                     return std::all_of(typists.begin(), typists.end(),
                                        [](const auto &t) { return t->client->state() == SyncClient::State::Online; });
                 }, 20000),
                 qPrintable(fixture.log(0)));
        for (auto &t : typists)
            for (int n = 0; n < 5; ++n)
                QVERIFY(t->typeLine());
        QVERIFY2(QTest::qWaitFor([&] { return allConverged(typists, docs); }, 30000), qPrintable(seedNote));
        for (const QString &doc : docs)
            texts[doc] = typists.front()->client->document(doc)->text();
        QCOMPARE(missingOrDoubledLines(typists, texts), QString());
    }

    // An operator restarts PostgreSQL (an upgrade, a failover) under a running
    // server: every connection the server had is cut. Editing never waits for the
    // docstore; afterwards people can still join (the token is checked in it) and
    // what was typed reaches it, without restarting coauthor-server.
    void aPostgresqlRestartUnderARunningServerIsNotNoticedByItsUsers()
    {
        InstancesFixture fixture(QStringLiteral(COAUTHOR_SERVER_BINARY));
        QString error;
        QVERIFY2(fixture.start(1, &error), qPrintable(error));
        const QString url = fixture.instanceUrl(0);
        QString doc;
        {
            TestClient creator(url, fixture.projectId(), fixture.token(), QStringLiteral("creator"));
            QVERIFY(!creator.connectAndHello().isEmpty());
            doc = creator.createDoc(QStringLiteral("main.tex"), QStringLiteral("\\documentclass{article}\n"));
            QVERIFY(!doc.isEmpty());
        }
        std::vector<std::unique_ptr<LineTypist>> typists;
        for (int i = 0; i < 2; ++i) {
            typists.push_back(std::make_unique<LineTypist>(url, fixture.projectId(), fixture.token(),
                                                           fixture.path(QStringLiteral("client-%1").arg(i)),
                                                           QStringLiteral("typist-%1").arg(i), seed + 10 + quint32(i)));
            QVERIFY(typists.back()->isOpen());
            typists.back()->docIds = {doc};
        }
        QVERIFY(QTest::qWaitFor([&] { return allConverged(typists, {doc}); }, 20000));

        auto cluster = coauthor::test::PostgresCluster::shared();
        QVERIFY(cluster.ok());
        auto restarted = cluster.value()->restart();
        QVERIFY2(restarted.ok(), restarted.ok() ? "" : qPrintable(restarted.error()));

        for (auto &t : typists)
            for (int n = 0; n < 5; ++n)
                QVERIFY(t->typeLine());
        QVERIFY2(QTest::qWaitFor([&] { return allConverged(typists, {doc}); }, 20000), qPrintable(fixture.log(0)));
        const QString text = typists.front()->client->document(doc)->text();
        {
            TestClient newcomer(url, fixture.projectId(), fixture.token(), QStringLiteral("newcomer"));
            const QJsonObject welcome = newcomer.connectAndHello();
            QVERIFY2(welcome.value(QStringLiteral("type")).toString() == QLatin1String("welcome"),
                     qPrintable(QJsonDocument(welcome).toJson() + fixture.log(0)));
            QVERIFY(newcomer.joinDoc(doc));
            QCOMPARE(newcomer.text(), text);
        }
        fixture.stopInstance(0); // flushes
        auto store = Docstore::open(fixture.docstoreUrl(), QString());
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
        QCOMPARE(store.value()->loadDoc(fixture.projectId(), doc).value().text, text);
    }
};

QTEST_GUILESS_MAIN(TestServerPostgres)
#include "tst_server_postgres.moc"
