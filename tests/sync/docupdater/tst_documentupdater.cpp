// DocumentUpdater against a real redis-server and a real docstore, SQLite and
// PostgreSQL (each test once per backend): apply and transform, dedup at any age,
// ops older than Redis keeps, flush triggers, reload after FLUSHALL, two instances
// on one doc, and limits that leave the doc intact.
#include "tests/support/docstorebackend.h"
#include "tests/sync/storetestutil.h"

#include "sync/docstore/docstore.h"
#include "sync/docupdater/documentupdater.h"
#include "sync/ot/operations.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace coauthor::sync;
using namespace coauthor::sync::testing;
using coauthor::test::DocstoreBackend;
using coauthor::test::DocstoreLocation;
namespace ot = coauthor::sync::ot;

namespace {

ot::TextOperation ins(qsizetype p, const QString &s)
{
    return ot::TextOperation({ot::Component::insert(p, s)});
}

ot::TextOperation del(qsizetype p, const QString &s)
{
    return ot::TextOperation({ot::Component::erase(p, s)});
}

// One server instance: its own Redis connections, docstore connection and updater.
struct Instance
{
    Instance(const QString &redisUrl, const DocstoreLocation &where, const DocumentUpdaterOptions &options = {})
    {
        redis.connectTo(redisUrl);
        docstore = where.open().takeValue();
        updater = std::make_unique<DocumentUpdater>(&redis, docstore.get(), options);
    }
    ~Instance() { updater.reset(); }
    RedisClient redis;
    std::unique_ptr<Docstore> docstore;
    std::unique_ptr<DocumentUpdater> updater;
};

} // namespace

class TestDocumentUpdater : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_redisDir;
    RedisServerProcess m_redis;
    std::optional<DocstoreLocation> m_data; // the row's backend: SQLite or PostgreSQL
    std::unique_ptr<RedisClient> m_admin;
    QString m_project;

    Result<AppliedUpdate, ServiceError> apply(DocumentUpdater &u, const DocUpdate &update, const QString &project = {})
    {
        auto r = await<AppliedUpdate>([&](auto cb) { u.applyUpdate(project.isEmpty() ? m_project : project, update, cb); });
        if (!r)
            return Result<AppliedUpdate, ServiceError>::failure(ServiceError::make(QStringLiteral("timeout"), {}));
        return *r;
    }

    Result<DocJoin, ServiceError> join(DocumentUpdater &u, const QString &docId, std::optional<qint64> from = {})
    {
        auto r = await<DocJoin>([&](auto cb) { u.joinDoc(m_project, docId, from, cb); });
        if (!r)
            return Result<DocJoin, ServiceError>::failure(ServiceError::make(QStringLiteral("timeout"), {}));
        return *r;
    }

    bool flushAll(DocumentUpdater &u)
    {
        auto r = await<void>([&](auto cb) { u.flushAll(cb); });
        return r && r->ok();
    }

    QString newDoc(Instance &i, const QString &path, const QString &text)
    {
        return i.docstore->createDoc(m_project, path, text).value().id;
    }

    // The docstore refuses every write to doc text and history: SQLite's own "disk
    // full" (no connection may grow the file past its size), on PostgreSQL the
    // privileges taken away.
    void setDocstoreFull(bool full)
    {
        if (m_data->isPostgres()) {
            const QString sql = full ? QStringLiteral("REVOKE INSERT, UPDATE ON docs, doc_ops FROM coauthor")
                                     : QStringLiteral("GRANT INSERT, UPDATE ON docs, doc_ops TO coauthor");
            auto done = m_data->sql(sql);
            if (!done.ok())
                qWarning() << done.error();
            return;
        }
        for (const QString &name : QSqlDatabase::connectionNames()) {
            if (!name.startsWith(QLatin1String("coauthor-docstore-")))
                continue;
            QSqlQuery q(QSqlDatabase::database(name));
            qint64 pages = 2147483646;
            if (full && q.exec(QStringLiteral("PRAGMA page_count")) && q.next())
                pages = q.value(0).toLongLong();
            q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages));
        }
    }

    // -1 (with the reason logged) when the docstore cannot load the doc.
    qint64 storedVersion(Instance &i, const QString &doc)
    {
        auto stored = i.docstore->loadDoc(m_project, doc);
        if (!stored.ok()) {
            qWarning() << stored.error().code << stored.error().message;
            return -1;
        }
        return stored.value().version;
    }

    std::unique_ptr<Instance> instance(const DocumentUpdaterOptions &options = {})
    {
        auto i = std::make_unique<Instance>(m_redis.url(), *m_data, options);
        waitConnected(i->redis);
        return i;
    }

private Q_SLOTS:
    void initTestCase_data() { DocstoreBackend::addRows(); }

    void initTestCase()
    {
        auto started = m_redis.start(m_redisDir.path());
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error()));
        m_admin = std::make_unique<RedisClient>();
        m_admin->connectTo(m_redis.url());
        QVERIFY(waitConnected(*m_admin));
    }

    void init()
    {
        QVERIFY(redisCommand(*m_admin, {"FLUSHALL"}).ok());
        m_data.reset();
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        m_data.emplace(std::move(where.value()));
        auto store = m_data->open();
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error()));
        m_project = store.value()->createProject(QStringLiteral("P")).value().id;
    }

    void cleanupTestCase() { m_admin.reset(); }

    void appliesAndTransformsConcurrentOps()
    {
        auto a = instance();
        const QString doc = newDoc(*a, QStringLiteral("main.tex"), QStringLiteral("hello"));
        a->updater->subscribeProject(m_project);
        QSignalSpy published(a->updater.get(), &DocumentUpdater::updatePublished);
        QTRY_VERIFY(redisCommand(*m_admin, {"PUBSUB", "NUMSUB", "coauthor:project:" + m_project.toUtf8()})
                        .value().elements.value(1).toInteger() == 1);

        auto first = apply(*a->updater, DocUpdate{doc, 0, ins(5, QStringLiteral(" world")), QStringLiteral("alice"), 1});
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
        QCOMPARE(first.value().version, 1);
        QVERIFY(!first.value().duplicate);
        // Made on version 0 too, concurrently: transformed against alice's op.
        auto second = apply(*a->updater, DocUpdate{doc, 0, del(0, QStringLiteral("he")), QStringLiteral("bob"), 1});
        QVERIFY(second.ok());
        QCOMPARE(second.value().version, 2);
        auto third = apply(*a->updater, DocUpdate{doc, 1, ins(11, QStringLiteral("!")), QStringLiteral("carol"), 1});
        QVERIFY(third.ok());
        QVERIFY(third.value().op == ins(9, QStringLiteral("!")));

        auto joined = join(*a->updater, doc);
        QVERIFY(joined.ok());
        QCOMPARE(joined.value().snapshot.text, QStringLiteral("llo world!"));
        QCOMPARE(joined.value().snapshot.version, 3);
        QCOMPARE(joined.value().snapshot.path, QStringLiteral("main.tex"));

        QTRY_COMPARE(published.size(), 3);
        const auto last = published.at(2).at(0).value<AppliedUpdate>();
        QCOMPARE(last.version, 3);
        QCOMPARE(last.clientId, QStringLiteral("carol"));
        QCOMPARE(last.docId, doc);

        // Messages reach every subscribed instance unchanged.
        QSignalSpy messages(a->updater.get(), &DocumentUpdater::projectMessage);
        a->updater->publishProjectMessage(m_project, QJsonObject{{QStringLiteral("type"), QStringLiteral("cursor")}});
        QTRY_COMPARE(messages.size(), 1);
        QCOMPARE(messages.at(0).at(1).toJsonObject().value(QStringLiteral("type")).toString(), QStringLiteral("cursor"));
    }

    void joinReturnsMissedOps()
    {
        auto a = instance();
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), QStringLiteral("x"));
        for (int i = 1; i <= 5; ++i)
            QVERIFY(apply(*a->updater, DocUpdate{doc, i - 1, ins(0, QString::number(i)), QStringLiteral("c"), i}).ok());
        auto joined = join(*a->updater, doc, 2);
        QVERIFY2(joined.ok(), qPrintable(joined.ok() ? QString() : joined.error().message));
        QCOMPARE(joined.value().missed.size(), 3);
        QCOMPARE(joined.value().missed.at(0).version, 3);
        QCOMPARE(join(*a->updater, doc, 9).error().code, QStringLiteral("version_in_future"));
        QCOMPARE(join(*a->updater, QStringLiteral("no-such-doc")).error().code, QStringLiteral("unknown_doc"));
    }

    // A rejoin far behind is answered in pages, each contiguous, whether the page
    // ends in the docstore's history (byte limit) or in Redis' recent ops.
    void aLongRejoinComesInContiguousPages()
    {
        DocumentUpdaterOptions options;
        options.recentOpsKept = 5;
        options.flushEveryOps = 5;
        options.joinPageBytes = 300; // about 6 ops of 10 characters
        auto a = instance(options);
        const QString doc = newDoc(*a, QStringLiteral("paged.tex"), QString());
        for (int i = 1; i <= 40; ++i)
            QVERIFY(apply(*a->updater, DocUpdate{doc, i - 1, ins(0, QStringLiteral("%1").arg(i, 10, 10, QLatin1Char('0'))),
                                                 QStringLiteral("c"), i}).ok());
        QVERIFY(flushAll(*a->updater));
        for (int i = 41; i <= 43; ++i) // unflushed: only in Redis
            QVERIFY(apply(*a->updater, DocUpdate{doc, i - 1, ins(0, QStringLiteral("x")), QStringLiteral("c"), i}).ok());
        qint64 from = 0;
        int pages = 0;
        for (bool more = true; more; ++pages) {
            auto joined = join(*a->updater, doc, from);
            QVERIFY2(joined.ok(), qPrintable(joined.ok() ? QString() : joined.error().message));
            const DocJoin &j = joined.value();
            QVERIFY(!j.missed.isEmpty());
            for (qsizetype i = 0; i < j.missed.size(); ++i)
                QCOMPARE(j.missed.at(i).version, from + 1 + i);
            from = j.missed.last().version;
            more = j.more;
            QCOMPARE(more, from < 43);
            QVERIFY(pages < 43);
        }
        QCOMPARE(from, 43);
        QVERIFY2(pages >= 6, qPrintable(QString::number(pages)));
    }

    void duplicatesAreAckedAtAnyAge()
    {
        auto a = instance();
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), QStringLiteral("abc"));
        QVERIFY(apply(*a->updater, DocUpdate{doc, 0, ins(3, QStringLiteral("d")), QStringLiteral("alice"), 1}).ok());
        QVERIFY(apply(*a->updater, DocUpdate{doc, 1, ins(4, QStringLiteral("e")), QStringLiteral("alice"), 2}).ok());
        QVERIFY(apply(*a->updater, DocUpdate{doc, 2, ins(0, QStringLiteral("_")), QStringLiteral("bob"), 1}).ok());

        // The last op again (lost ack), and an older one.
        auto again = apply(*a->updater, DocUpdate{doc, 1, ins(4, QStringLiteral("e")), QStringLiteral("alice"), 2});
        QVERIFY(again.ok());
        QVERIFY(again.value().duplicate);
        QCOMPARE(again.value().version, 2);
        auto older = apply(*a->updater, DocUpdate{doc, 0, ins(3, QStringLiteral("d")), QStringLiteral("alice"), 1});
        QVERIFY(older.value().duplicate);
        QCOMPARE(older.value().version, 1);
        QCOMPARE(join(*a->updater, doc).value().snapshot.text, QStringLiteral("_abcde"));

        // After a flush and losing Redis entirely, the docstore history still knows.
        QVERIFY(flushAll(*a->updater));
        QVERIFY(redisCommand(*m_admin, {"FLUSHALL"}).ok());
        auto late = apply(*a->updater, DocUpdate{doc, 0, ins(3, QStringLiteral("d")), QStringLiteral("alice"), 1});
        QVERIFY(late.ok());
        QVERIFY(late.value().duplicate);
        QCOMPARE(late.value().version, 1);
        auto last = apply(*a->updater, DocUpdate{doc, 2, ins(0, QStringLiteral("_")), QStringLiteral("bob"), 1});
        QVERIFY(last.value().duplicate);
        QCOMPARE(last.value().version, 3);
        auto joined = join(*a->updater, doc);
        QCOMPARE(joined.value().snapshot.text, QStringLiteral("_abcde"));
        QCOMPARE(joined.value().snapshot.version, 3);
    }

    void opOlderThanRedisKeepsMergesFromHistory()
    {
        DocumentUpdaterOptions options;
        options.recentOpsKept = 10;
        options.flushEveryOps = 20;
        auto a = instance(options);
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), QStringLiteral("[]"));
        QSignalSpy flushed(a->updater.get(), &DocumentUpdater::docFlushed);
        for (int i = 1; i <= 60; ++i)
            QVERIFY(apply(*a->updater, DocUpdate{doc, i - 1, ins(1, QStringLiteral("b")), QStringLiteral("bob"), i}).ok());
        QTRY_VERIFY(flushed.size() >= 3);
        QVERIFY(redisCommand(*m_admin, {"LLEN", DocKeysTag(doc) + ":ops"}).value().integer < 60);

        // Offline since version 0: still merges, against the docstore's history.
        auto merged = apply(*a->updater, DocUpdate{doc, 0, ins(1, QStringLiteral("A")), QStringLiteral("alice"), 1});
        QVERIFY2(merged.ok(), qPrintable(merged.ok() ? QString() : merged.error().message));
        QCOMPARE(merged.value().version, 61);
        auto joined = join(*a->updater, doc, 0);
        // Every tie at 1 goes to "alice", whose clientId sorts before "bob".
        QCOMPARE(joined.value().snapshot.text, QStringLiteral("[A") + QString(60, QLatin1Char('b')) + QStringLiteral("]"));
        // The missed ops rebuild the doc from version 0.
        QCOMPARE(joined.value().missed.size(), 61);
        QString text = QStringLiteral("[]");
        for (const AppliedUpdate &u : joined.value().missed)
            text = ot::apply(text, u.op).takeValue();
        QCOMPARE(text, joined.value().snapshot.text);
    }

    void flushesAfterHundredOps()
    {
        auto a = instance();
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), QString());
        QSignalSpy flushed(a->updater.get(), &DocumentUpdater::docFlushed);
        for (int i = 1; i <= 99; ++i)
            QVERIFY(apply(*a->updater, DocUpdate{doc, i - 1, ins(0, QStringLiteral("x")), QStringLiteral("c"), i}).ok());
        QTest::qWait(50);
        QCOMPARE(flushed.size(), 0);
        QCOMPARE(storedVersion(*a, doc), 0);
        QVERIFY(apply(*a->updater, DocUpdate{doc, 99, ins(0, QStringLiteral("x")), QStringLiteral("c"), 100}).ok());
        QTRY_COMPARE(flushed.size(), 1);
        QCOMPARE(storedVersion(*a, doc), 100);
        QCOMPARE(a->docstore->opsSince(m_project, doc, 0).value().size(), 100);
    }

    void flushesWhenTheLastClientLeaves()
    {
        DocumentUpdaterOptions options;
        options.lastClientGraceMs = 300;
        auto a = instance(options);
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), QStringLiteral("x"));
        QVERIFY(apply(*a->updater, DocUpdate{doc, 0, ins(0, QStringLiteral("y")), QStringLiteral("c"), 1}).ok());
        a->updater->projectClientsChanged(m_project, 1);
        a->updater->projectClientsChanged(m_project, 0);
        a->updater->projectClientsChanged(m_project, 1); // came back within the grace period
        QTest::qWait(500);
        QCOMPARE(storedVersion(*a, doc), 0);
        a->updater->projectClientsChanged(m_project, 0);
        QTRY_COMPARE_WITH_TIMEOUT(storedVersion(*a, doc), 1, 3000);
        QCOMPARE(a->docstore->loadDoc(m_project, doc).value().text, QStringLiteral("yx"));
    }

    void flushesOldUnflushedDocsPeriodically()
    {
        DocumentUpdaterOptions options;
        options.flushAfterMs = 200;
        options.flushScanIntervalMs = 100;
        auto a = instance(options);
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), QStringLiteral("x"));
        QVERIFY(apply(*a->updater, DocUpdate{doc, 0, ins(0, QStringLiteral("y")), QStringLiteral("c"), 1}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(storedVersion(*a, doc), 1, 3000);
        QTRY_COMPARE(redisCommand(*m_admin, {"ZCARD", "coauthor:unflushed"}).value().integer, 0);
    }

    void reloadsAfterRedisFlushall()
    {
        auto a = instance();
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), QStringLiteral("base"));
        for (int i = 1; i <= 7; ++i)
            QVERIFY(apply(*a->updater, DocUpdate{doc, i - 1, ins(0, QString::number(i)), QStringLiteral("c"), i}).ok());
        const auto before = join(*a->updater, doc).value().snapshot;
        QVERIFY(flushAll(*a->updater));
        QVERIFY(redisCommand(*m_admin, {"FLUSHALL"}).ok());
        const auto after = join(*a->updater, doc);
        QVERIFY(after.ok());
        QCOMPARE(after.value().snapshot.text, before.text);
        QCOMPARE(after.value().snapshot.version, 7);
        // Rejoin from an old version and edit from it.
        QCOMPARE(join(*a->updater, doc, 3).value().missed.size(), 4);
        auto next = apply(*a->updater, DocUpdate{doc, 5, ins(0, QStringLiteral("z")), QStringLiteral("d"), 1});
        QVERIFY(next.ok());
        QCOMPARE(next.value().version, 8);
    }

    void bigDocKeepsItsTextAcrossFlushAndReload()
    {
        auto a = instance();
        const QString initial(20000, QLatin1Char('a'));
        const QString doc = newDoc(*a, QStringLiteral("big.tex"), initial);
        for (int i = 1; i <= 120; ++i)
            QVERIFY(apply(*a->updater, DocUpdate{doc, i - 1, ins(i - 1, QStringLiteral("x")), QStringLiteral("c"), i}).ok());
        const QString expected = QString(120, QLatin1Char('x')) + initial;
        // Redis holds the text of an older version plus the ops since.
        QVERIFY(redisCommand(*m_admin, {"GET", DocKeysTag(doc) + ":textVersion"}).value().toInteger() < 120);
        QCOMPARE(join(*a->updater, doc).value().snapshot.text, expected);
        QVERIFY(flushAll(*a->updater));
        QCOMPARE(a->docstore->loadDoc(m_project, doc).value().text, expected);
        QVERIFY(redisCommand(*m_admin, {"FLUSHALL"}).ok());
        auto joined = join(*a->updater, doc);
        QCOMPARE(joined.value().snapshot.text, expected);
        QCOMPARE(joined.value().snapshot.version, 120);
    }

    void twoInstancesConvergeWithoutInterleaving()
    {
        auto a = instance();
        auto b = instance();
        // Big enough that Redis keeps the text at an older version plus the ops after
        // it, so each instance rebuilds the doc whenever the other one wrote.
        const QString initial = QStringLiteral("0123456789").repeated(1000);
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), initial);
        a->updater->subscribeProject(m_project);
        QSignalSpy published(a->updater.get(), &DocumentUpdater::updatePublished);
        QTRY_VERIFY(redisCommand(*m_admin, {"PUBSUB", "NUMSUB", "coauthor:project:" + m_project.toUtf8()})
                        .value().elements.value(1).toInteger() == 1);

        const quint32 seed = 20261123;
        qInfo() << "seed" << seed;
        QRandomGenerator rng(seed);
        constexpr int perInstance = 40;
        int done = 0;
        int failed = 0;
        for (int i = 0; i < perInstance; ++i) {
            for (Instance *inst : {a.get(), b.get()}) {
                const bool isA = inst == a.get();
                const QString text = (isA ? QStringLiteral("a") : QStringLiteral("b")) + QString::number(i) + QLatin1Char(';');
                // Every op is made on version 0, so each must be transformed
                // against all those applied before it, whichever instance did.
                inst->updater->applyUpdate(m_project,
                                           DocUpdate{doc, 0, ins(rng.bounded(initial.size() + 1), text),
                                                     isA ? QStringLiteral("A") : QStringLiteral("B"), i + 1},
                                           [&](Result<AppliedUpdate, ServiceError> r) {
                                               ++done;
                                               if (!r.ok()) {
                                                   ++failed;
                                                   qWarning() << r.error().message;
                                               }
                                           });
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 2 * perInstance, 30000);
        QCOMPARE(failed, 0);
        QTRY_COMPARE(published.size(), 2 * perInstance);
        // Versions 1..80 each once, in order, and replaying them gives the doc.
        QString replay = initial;
        for (int i = 0; i < published.size(); ++i) {
            const auto u = published.at(i).at(0).value<AppliedUpdate>();
            QCOMPARE(u.version, i + 1);
            replay = ot::apply(replay, u.op).takeValue();
        }
        const auto fromA = join(*a->updater, doc).value().snapshot;
        const auto fromB = join(*b->updater, doc).value().snapshot;
        QCOMPARE(fromA.version, 2 * perInstance);
        QCOMPARE(fromA.text, fromB.text);
        QCOMPARE(fromA.text, replay);
        QCOMPARE(fromA.text.size(), initial.size() + 2 * QStringLiteral("a10;").size() * 30 + 2 * 10 * 3);
    }

    // Each instance keeps a copy of the doc and sends only the ops (applyBatch, a
    // compare-and-set on version + epoch); the copy follows the other instance's
    // updates through pub/sub, and a stale one (reload, resend) falls back to the
    // locked path without a wrong text or a lost or doubled op.
    void cachedCopiesFollowOtherInstancesReloadsAndResends()
    {
        auto a = instance();
        auto b = instance();
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), QStringLiteral("base"));
        a->updater->subscribeProject(m_project);
        b->updater->subscribeProject(m_project);
        QTRY_VERIFY(redisCommand(*m_admin, {"PUBSUB", "NUMSUB", "coauthor:project:" + m_project.toUtf8()})
                        .value().elements.value(1).toInteger() == 2);
        QSignalSpy publishedB(b->updater.get(), &DocumentUpdater::updatePublished);
        QString expected = QStringLiteral("base");
        qint64 version = 0;
        auto step = [&](Instance &inst, const QString &client, qint64 seq, qint64 base, qsizetype at, const QString &text) {
            auto r = apply(*inst.updater, DocUpdate{doc, base, ins(at, text), client, seq});
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
            QCOMPARE(r.value().version, ++version);
            QVERIFY(!r.value().duplicate);
            expected.insert(at, text);
        };
        for (int i = 1; i <= 6; ++i) {
            step(*a, QStringLiteral("A"), i, version, 0, QStringLiteral("a%1").arg(i));
            // b's copy has every update of a (pub/sub) before it writes.
            QTRY_COMPARE(publishedB.size(), 2 * i - 1);
            step(*b, QStringLiteral("B"), i, version, expected.size(), QStringLiteral("b%1").arg(i));
        }
        QCOMPARE(join(*a->updater, doc).value().snapshot.text, expected);
        QCOMPARE(join(*b->updater, doc).value().snapshot.text, expected);

        // Resends: the last op of A (dedup record) and an older one (recent ops).
        auto last = apply(*a->updater, DocUpdate{doc, 9, ins(0, QStringLiteral("a6")), QStringLiteral("A"), 6});
        QVERIFY(last.ok() && last.value().duplicate);
        QCOMPARE(last.value().version, 11);
        auto older = apply(*a->updater, DocUpdate{doc, 2, ins(0, QStringLiteral("a3")), QStringLiteral("A"), 3});
        QVERIFY(older.ok() && older.value().duplicate);
        QCOMPARE(older.value().version, 5);

        // Redis loses everything after a flush; the warm copies must not be trusted.
        QVERIFY(flushAll(*a->updater));
        QVERIFY(redisCommand(*m_admin, {"FLUSHALL"}).ok());
        step(*a, QStringLiteral("A"), 7, version, 1, QStringLiteral("x"));
        step(*a, QStringLiteral("A"), 8, version, 2, QStringLiteral("y"));
        step(*b, QStringLiteral("B"), 7, version - 1, 0, QStringLiteral("z"));
        // Text that JSON must escape survives Redis, pub/sub and the copies.
        step(*a, QStringLiteral("A"), 9, version, 3, QStringLiteral("q\"\\\n\t\u00e9") + QString::fromUtf8("\xF0\x9F\x98\x80"));
        step(*b, QStringLiteral("B"), 8, version, 0, QStringLiteral("\\end{x}"));
        QCOMPARE(join(*b->updater, doc).value().snapshot.text, expected);
        QCOMPARE(join(*a->updater, doc).value().snapshot.version, version);
    }

    void limitErrorsLeaveTheDocIntact()
    {
        DocumentUpdaterOptions options;
        options.maxDocBytes = 1024;
        auto a = instance(options);
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), QStringLiteral("hello"));
        QVERIFY(apply(*a->updater, DocUpdate{doc, 0, ins(0, QStringLiteral(">")), QStringLiteral("c"), 1}).ok());

        auto code = [&](const DocUpdate &u) {
            auto r = apply(*a->updater, u);
            return r.ok() ? QStringLiteral("ok") : r.error().code;
        };
        QCOMPARE(code(DocUpdate{doc, 5, ins(0, QStringLiteral("x")), QStringLiteral("c"), 2}), QStringLiteral("version_in_future"));
        QCOMPARE(code(DocUpdate{doc, 1, ins(99, QStringLiteral("x")), QStringLiteral("c"), 3}), QStringLiteral("op_out_of_range"));
        QCOMPARE(code(DocUpdate{doc, 1, del(0, QStringLiteral("zz")), QStringLiteral("c"), 4}), QStringLiteral("delete_mismatch"));
        QCOMPARE(code(DocUpdate{doc, 1, ins(0, QString(2000, QLatin1Char('x'))), QStringLiteral("c"), 5}),
                 QStringLiteral("doc_too_large"));
        QList<ot::Component> many;
        for (int i = 0; i < 1001; ++i)
            many.append(ot::Component::insert(0, QStringLiteral("x")));
        QCOMPARE(code(DocUpdate{doc, 1, ot::TextOperation(many), QStringLiteral("c"), 6}), QStringLiteral("too_many_components"));
        QCOMPARE(code(DocUpdate{doc, -1, ins(0, QStringLiteral("x")), QStringLiteral("c"), 7}), QStringLiteral("invalid_op"));
        QCOMPARE(code(DocUpdate{QStringLiteral("no-such-doc"), 0, ins(0, QStringLiteral("x")), QStringLiteral("c"), 8}),
                 QStringLiteral("unknown_doc"));

        auto joined = join(*a->updater, doc);
        QCOMPARE(joined.value().snapshot.text, QStringLiteral(">hello"));
        QCOMPARE(joined.value().snapshot.version, 1);
        // And the doc still takes edits.
        QCOMPARE(code(DocUpdate{doc, 1, ins(6, QStringLiteral("!")), QStringLiteral("c"), 9}), QStringLiteral("ok"));
    }

    void fullDiskKeepsTheDocInRedis()
    {
        auto a = instance();
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), QStringLiteral("x"));
        QVERIFY(apply(*a->updater, DocUpdate{doc, 0, ins(0, QStringLiteral("y")), QStringLiteral("c"), 1}).ok());
        setDocstoreFull(true);
        const QString big(200 * 1024, QLatin1Char('z'));
        QVERIFY(apply(*a->updater, DocUpdate{doc, 1, ins(0, big), QStringLiteral("c"), 2}).ok());
        auto failed = await<void>([&](auto cb) { a->updater->flushDoc(m_project, doc, cb); });
        QVERIFY(failed && !failed->ok());
        QCOMPARE(failed->error().code, QStringLiteral("storage_unavailable"));
        QVERIFY2(failed->error().message.contains(m_data->isPostgres() ? QLatin1String("permission denied") : QLatin1String("full")),
                 qPrintable(failed->error().message));
        QCOMPARE(storedVersion(*a, doc), 0);
        auto joined = join(*a->updater, doc);
        QCOMPARE(joined.value().snapshot.version, 2);
        QCOMPARE(joined.value().snapshot.text, big + QStringLiteral("yx"));
        // Space again: the next flush writes everything.
        setDocstoreFull(false);
        auto flushed = await<void>([&](auto cb) { a->updater->flushDoc(m_project, doc, cb); });
        QVERIFY(flushed && flushed->ok());
        QCOMPARE(storedVersion(*a, doc), 2);
    }

    void redisDownIsStorageUnavailable()
    {
        auto a = instance();
        const QString doc = newDoc(*a, QStringLiteral("a.tex"), QStringLiteral("x"));
        a->redis.disconnectFromServer();
        QTRY_VERIFY(!a->redis.isConnected());
        auto r = apply(*a->updater, DocUpdate{doc, 0, ins(0, QStringLiteral("y")), QStringLiteral("c"), 1});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("storage_unavailable"));
    }

private:
    QByteArray DocKeysTag(const QString &doc) const { return "{doc:" + m_project.toUtf8() + ':' + doc.toUtf8() + '}'; }
};

QTEST_GUILESS_MAIN(TestDocumentUpdater)
#include "tst_documentupdater.moc"
