// Two coauthor-server instances on one external Redis and one PostgreSQL, behind
// a TCP load balancer, clients spread over both editing the same docs at once:
// they converge. One instance killed -9 in the middle of it loses no edit, and its
// clients reconnect through the balancer to the other.
#include "instancesfixture.h"
#include "linetypist.h"
#include "testclient.h"

#include "sync/docstore/docstore.h"

#include <QElapsedTimer>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;

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
    static QStringList setUp(InstancesFixture &fixture, std::vector<std::unique_ptr<LineTypist>> &typists)
    {
        QStringList docs;
        TestClient creator(fixture.instanceUrl(0), fixture.projectId(), fixture.token(), QStringLiteral("creator"));
        if (creator.connectAndHello().isEmpty())
            return {};
        docs << creator.createDoc(QStringLiteral("main.tex"), QStringLiteral("\\documentclass{article}\n"))
             << creator.createDoc(QStringLiteral("refs.bib"), QStringLiteral("% refs\n"));
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
        QVERIFY2(QTest::qWaitFor([&] { return allConverged(typists, docs); }, 40000),
                 qPrintable(seedNote + QLatin1Char('\n') + fixture.log(1)));
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
};

QTEST_GUILESS_MAIN(TestServerInstances)
#include "tst_server_instances.moc"
