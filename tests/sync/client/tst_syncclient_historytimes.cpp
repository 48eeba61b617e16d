// Who and when in the shared history, end to end on a real CoauthorServer (real
// Redis; SQLite and PostgreSQL): edits typed offline keep the times they were
// typed at (the client's clock, faked here, clamped by the server) and make
// changes of their own under their author once merged; a past collaborator of
// an unnamed invitation is still named when they are not online.
#include "serverfixture.h"
#include "testclient.h"
#include "sync/ot/opjson.h"
#include "syncclienttestutil.h"
#include "tests/support/docstorebackend.h"

#include <QDateTime>
#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using namespace coauthor::sync::history;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;
namespace ot = coauthor::sync::ot;
using coauthor::test::DocstoreBackend;
using coauthor::test::DocstoreLocation;

namespace {

constexpr qint64 Hour = 60 * 60 * 1000;

template <typename T>
std::optional<Result<T, ServiceError>> ask(const std::function<void(SyncClient::HistoryDone<T>)> &start)
{
    std::optional<Result<T, ServiceError>> out;
    start([&](Result<T, ServiceError> r) { out.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
        qWarning() << "no answer within 15 s";
    return out;
}

QString message(const ServiceError &e)
{
    return e.code + QStringLiteral(": ") + e.message;
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The changes that edited the doc, oldest first.
QList<Change> edits(const ChangePage &page)
{
    QList<Change> out;
    for (const Change &c : page.changes) {
        for (const FileChange &f : c.files) {
            if (f.has(FileChange::Kind::Edited))
                out.prepend(c);
        }
    }
    return out;
}

} // namespace

class TestSyncClientHistoryTimes : public QObject
{
    Q_OBJECT
private:
    std::optional<DocstoreLocation> location;
    std::unique_ptr<ServerFixture> server;
    std::unique_ptr<QTemporaryDir> work;
    QString aliceToken, aliceId, bobToken, bobId;
    qint64 clock = 0; // the clients' clock: 0 follows the system's

    bool startServer()
    {
        auto where = DocstoreBackend::fresh();
        if (!where.ok()) {
            qWarning() << where.error();
            return false;
        }
        location.emplace(where.takeValue());
        server = std::make_unique<ServerFixture>();
        ServerConfig config = ServerFixture::fastConfig();
        config.docstoreUrl = location->url();
        if (!server->start(config)) {
            qWarning() << server->error;
            return false;
        }
        work = std::make_unique<QTemporaryDir>();
        auto alice = docstore()->createInvitation(server->projectId, QStringLiteral("Alice"), Role::ReadWrite).value();
        aliceToken = alice.token;
        aliceId = alice.invitation.id;
        // Alice and Bob were invited a month ago: what they typed offline since is theirs to date.
        auto bob = docstore()->createInvitation(server->projectId, QStringLiteral("Bob"), Role::ReadWrite).value();
        bobToken = bob.token;
        bobId = bob.invitation.id;
        clock = 0;
        return backdateInvitations({aliceId, bobId}, now() - 30 * 24 * Hour);
    }

    // On PostgreSQL through the test's cluster; SQLite: the server's own file, on a connection of ours.
    bool backdateInvitations(const QStringList &ids, qint64 at)
    {
        const QString update = QStringLiteral("UPDATE invitations SET created_at = ? WHERE id = ?");
        if (location->isPostgres()) {
            for (const QString &id : ids) {
                if (auto set = location->sql(update, {at, id}); !set.ok()) {
                    qWarning() << set.error();
                    return false;
                }
            }
            return true;
        }
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("backdate"));
            db.setDatabaseName(QDir(server->config.dataDir).filePath(QStringLiteral("docstore.sqlite")));
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            ok = db.open();
            for (const QString &id : ids) {
                QSqlQuery q(db);
                q.prepare(update);
                q.addBindValue(at);
                q.addBindValue(id);
                if (!ok || !q.exec() || q.numRowsAffected() != 1) {
                    qWarning() << "backdating" << id << q.lastError().text();
                    ok = false;
                }
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("backdate"));
        return ok;
    }

    Docstore *docstore() const { return server->servers.front()->docstore(); }

    std::unique_ptr<SyncClient> open(const QString &token, const QString &folder, int instance = 0)
    {
        auto c = std::make_unique<SyncClient>();
        SyncClient::Options o;
        o.url = QUrl(server->url(instance));
        o.projectId = server->projectId;
        o.token = token;
        o.name = folder;
        o.workingCopy = work->filePath(folder);
        o.mirrorFiles = false;
        o.minBackoffMs = 50;
        o.maxBackoffMs = 500;
        o.clock = [this] { return clock ? clock : now(); };
        if (!c->open(o))
            return nullptr;
        if (!QTest::qWaitFor([&] { return c->state() == SyncClient::State::Online && c->isSynchronized(); }, 15000))
            return nullptr;
        return c;
    }

    // A doc created three hours ago (the docstore's own Actor time), joined by c.
    QString oldDoc(SyncClient &c, const QString &path)
    {
        auto doc = docstore()->createDoc(server->projectId, path, QStringLiteral("Title\n"), Actor{aliceId, now() - 3 * Hour});
        if (!doc.ok())
            return {};
        // The clients learn of it when they next join the project.
        c.abortConnection();
        if (!QTest::qWaitFor([&] { return c.document(doc.value().id) && c.isSynchronized(); }, 15000))
            return {};
        return doc.value().id;
    }

    static void typeAtEnd(SyncClient &c, const QString &docId, const QString &text)
    {
        QVERIFY(c.applyLocalEdit(docId, TextOperation({Component::insert(c.document(docId)->text().size(), text)})).ok());
    }

    void goOnline(SyncClient &c)
    {
        c.setWorkOffline(false);
        QVERIFY(QTest::qWaitFor([&] { return c.state() == SyncClient::State::Online && c.isSynchronized(); }, 15000));
    }

private Q_SLOTS:
    void initTestCase_data() { DocstoreBackend::addRows(); }

    void cleanup()
    {
        server.reset();
        location.reset();
        work.reset();
    }

    void offlineEditsAnHourApartAreTwoChangesAtTheirTimesUnderTheirAuthor()
    {
        QVERIFY(startServer());
        auto alice = open(aliceToken, QStringLiteral("alice"));
        QVERIFY(alice);
        const QString doc = oldDoc(*alice, QStringLiteral("paper.tex"));
        QVERIFY(!doc.isEmpty());

        alice->setWorkOffline(true);
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == SyncClient::State::Offline; }, 15000));
        const qint64 first = now() - 2 * Hour, second = now() - Hour;
        clock = first;
        typeAtEnd(*alice, doc, QStringLiteral("Written on the train.\n"));
        clock = first + 20'000; // a second edit of the same sitting: one op, one change
        typeAtEnd(*alice, doc, QStringLiteral("Still on the train.\n"));
        clock = second;
        typeAtEnd(*alice, doc, QStringLiteral("Written at the hotel.\n"));
        // The app quits offline; the journal keeps each edit's time for the next run.
        alice->close();
        alice.reset();
        clock = 0;
        alice = open(aliceToken, QStringLiteral("alice"));
        QVERIFY(alice);

        auto page = ask<ChangePage>([&](auto done) { alice->requestChanges(QStringLiteral("paper.tex"), 0, 50, done); });
        QVERIFY2(page->ok(), page->ok() ? "" : qPrintable(message(page->error())));
        const QList<Change> edited = edits(page->value());
        QCOMPARE(edited.size(), 2);
        QCOMPARE(edited.at(0).startedAt, first);
        QCOMPARE(edited.at(0).endedAt, first + 20'000);
        QCOMPARE(edited.at(1).startedAt, second);
        for (const Change &c : edited)
            QCOMPARE(c.authors, (QList<Author>{{aliceId, QStringLiteral("Alice")}}));
        // The texts at the end of each change are what was typed by then.
        auto atFirst = ask<QString>([&](auto done) { alice->requestHistoryText(QStringLiteral("paper.tex"), edited.at(0).toVersion, done); });
        QCOMPARE(atFirst->value(), QStringLiteral("Title\nWritten on the train.\nStill on the train.\n"));

        // Positive control: typed online, an op keeps the server's time.
        const qint64 before = now();
        typeAtEnd(*alice, doc, QStringLiteral("Online.\n"));
        QVERIFY(QTest::qWaitFor([&] { return alice->isSynchronized(); }, 15000));
        page = ask<ChangePage>([&](auto done) { alice->requestChanges(QStringLiteral("paper.tex"), 0, 50, done); });
        const QList<Change> all = edits(page->value());
        QCOMPARE(all.size(), 3);
        QVERIFY(all.last().startedAt >= before && all.last().startedAt <= now());
    }

    void aClaimedTimeIsClampedBetweenTheBaseVersionAndTheServersClock()
    {
        QVERIFY(startServer());
        auto alice = open(aliceToken, QStringLiteral("alice"));
        QVERIFY(alice);
        const QString doc = oldDoc(*alice, QStringLiteral("paper.tex"));
        QVERIFY(!doc.isEmpty());
        auto created = docstore()->treeEvents(server->projectId, 0, -1, doc);
        QVERIFY(created.ok() && !created.value().isEmpty());
        const qint64 createdAt = created.value().first().timestamp;

        // Ten days before the doc existed: kept at the doc's creation.
        alice->setWorkOffline(true);
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == SyncClient::State::Offline; }, 15000));
        clock = now() - 240 * Hour;
        typeAtEnd(*alice, doc, QStringLiteral("From the past.\n"));
        clock = 0;
        goOnline(*alice);
        // Tomorrow: kept at the time the server applied it.
        alice->setWorkOffline(true);
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == SyncClient::State::Offline; }, 15000));
        clock = now() + 24 * Hour;
        typeAtEnd(*alice, doc, QStringLiteral("From the future.\n"));
        clock = now() + 48 * Hour; // still "later" on the client, so the time goes out
        const qint64 sentAfter = now();
        goOnline(*alice);
        const qint64 appliedBefore = now();

        // A history request flushes the project: the docstore then has both ops.
        auto page = ask<ChangePage>([&](auto done) { alice->requestChanges({}, 0, 50, done); });
        QVERIFY(page && page->ok());
        auto ops = docstore()->historyOps(server->projectId, doc, 0, -1);
        QVERIFY(ops.ok());
        QCOMPARE(ops.value().size(), 2);
        QCOMPARE(ops.value().at(0).timestamp, createdAt);
        QVERIFY2(ops.value().at(1).timestamp >= sentAfter && ops.value().at(1).timestamp <= appliedBefore,
                 qPrintable(QString::number(ops.value().at(1).timestamp - sentAfter)));
    }

    void anOfflineEditMadeBeforeACollaboratorsLaterEditKeepsItsTimeOnceRebasedAndMerged()
    {
        QVERIFY(startServer());
        auto alice = open(aliceToken, QStringLiteral("alice"));
        QVERIFY(alice);
        const QString doc = oldDoc(*alice, QStringLiteral("paper.tex"));
        QVERIFY(!doc.isEmpty());
        auto bob = open(bobToken, QStringLiteral("bob"));
        QVERIFY(bob);
        QVERIFY(QTest::qWaitFor([&] { return bob->document(doc) != nullptr; }, 15000));

        // Alice on the train two hours ago; Bob at his desk now, online.
        alice->setWorkOffline(true);
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == SyncClient::State::Offline; }, 15000));
        const qint64 onTheTrain = now() - 2 * Hour;
        clock = onTheTrain;
        typeAtEnd(*alice, doc, QStringLiteral("Written on the train.\n"));
        clock = 0;
        const qint64 bobsStart = now();
        QVERIFY(bob->applyLocalEdit(doc, TextOperation({Component::insert(0, QStringLiteral("% Bob\n"))})).ok());
        QVERIFY(QTest::qWaitFor([&] { return bob->isSynchronized(); }, 15000));
        // Alice back online: her edit is rebased over Bob's before it goes out.
        goOnline(*alice);
        QVERIFY(QTest::qWaitFor([&] { return converged(*alice, *bob, doc); }, 15000));
        QCOMPARE(alice->document(doc)->text(), QStringLiteral("% Bob\nTitle\nWritten on the train.\n"));

        auto page = ask<ChangePage>([&](auto done) { alice->requestChanges(QStringLiteral("paper.tex"), 0, 50, done); });
        QVERIFY2(page->ok(), page->ok() ? "" : qPrintable(message(page->error())));
        auto ops = docstore()->historyOps(server->projectId, doc, 0, -1);
        QVERIFY(ops.ok());
        QCOMPARE(ops.value().size(), 2);
        QCOMPARE(ops.value().at(0).memberId, bobId);
        QVERIFY(ops.value().at(0).timestamp >= bobsStart);
        // Stored after Bob's, at the time it was typed (before: held at Bob's time).
        QCOMPARE(ops.value().at(1).memberId, aliceId);
        QCOMPARE(ops.value().at(1).timestamp, onTheTrain);
        const QList<Change> edited = edits(page->value());
        QCOMPARE(edited.size(), 2);
        QCOMPARE(edited.at(1).authors, (QList<Author>{{aliceId, QStringLiteral("Alice")}}));
        QCOMPARE(edited.at(1).startedAt, onTheTrain);
    }

    void aClientCannotDateAnOpBeforeItsMembershipOrItsOwnEarlierOps()
    {
        const qint64 beforeStart = now();
        QVERIFY(startServer());
        auto alice = open(aliceToken, QStringLiteral("alice"));
        QVERIFY(alice);
        const QString doc = oldDoc(*alice, QStringLiteral("paper.tex"));
        QVERIFY(!doc.isEmpty());
        // A raw client of the fixture's invitation (made after beforeStart), lying about times.
        auto liar = server->client(QStringLiteral("liar"));
        QVERIFY(!liar->connectAndHello().isEmpty());
        QVERIFY(liar->joinDoc(doc));
        auto send = [&](qint64 seq, const QString &text, std::optional<qint64> t) {
            QJsonObject update{{QStringLiteral("type"), QStringLiteral("applyUpdate")}, {QStringLiteral("doc"), doc},
                               {QStringLiteral("v"), double(liar->version())},
                               {QStringLiteral("op"), ot::toJson(TextOperation({Component::insert(0, text)}))},
                               {QStringLiteral("clientId"), liar->clientId()}, {QStringLiteral("seq"), double(seq)}};
            if (t) {
                update.insert(QStringLiteral("t"), double(*t));
                update.insert(QStringLiteral("tv"), 0.0);
            }
            const QJsonObject reply = liar->request(update);
            QCOMPARE(reply.value(QStringLiteral("type")).toString(), QStringLiteral("ack"));
            QVERIFY(QTest::qWaitFor([&] { return alice->document(doc)->version() == qint64(reply.value(QStringLiteral("v")).toInteger()); }, 15000));
            QVERIFY(liar->joinDoc(doc, true));
        };
        // "Typed ten days ago on version 0": before the doc (3 h old) and before its invitation.
        send(1, QStringLiteral("Backdated.\n"), now() - 240 * Hour);
        // Then one at the server's time, then another "typed on version 0" far back.
        send(2, QStringLiteral("Now.\n"), std::nullopt);
        send(3, QStringLiteral("Before my own op.\n"), now() - 240 * Hour);

        auto page = ask<ChangePage>([&](auto done) { alice->requestChanges({}, 0, 50, done); });
        QVERIFY(page && page->ok());
        auto ops = docstore()->historyOps(server->projectId, doc, 0, -1);
        QVERIFY(ops.ok());
        QCOMPARE(ops.value().size(), 3);
        QVERIFY2(ops.value().at(0).timestamp >= beforeStart,
                 qPrintable(QStringLiteral("dated %1 ms before the invitation").arg(beforeStart - ops.value().at(0).timestamp)));
        QVERIFY(ops.value().at(2).timestamp >= ops.value().at(1).timestamp);
        QVERIFY(ops.value().at(2).timestamp <= now());
    }

    void pastCollaboratorsAreNamedInTheHistoryWhenNotOnline()
    {
        QVERIFY(startServer());
        // An unnamed invitation: its user names themselves in hello.
        const QString carolToken = docstore()->createToken(server->projectId, Role::ReadWrite).value();
        QString carolId;
        {
            auto carol = open(carolToken, QStringLiteral("Carol"));
            QVERIFY(carol);
            carol->createDoc(QStringLiteral("notes.tex"), QStringLiteral("Carol's notes\n"));
            QVERIFY(QTest::qWaitFor([&] { return !carol->docIdForPath(QStringLiteral("notes.tex")).isEmpty() && carol->isSynchronized(); }, 15000));
            const QString doc = carol->docIdForPath(QStringLiteral("notes.tex"));
            QVERIFY(QTest::qWaitFor([&] { return carol->document(doc) != nullptr; }, 15000));
            typeAtEnd(*carol, doc, QStringLiteral("More.\n"));
            QVERIFY(QTest::qWaitFor([&] { return carol->isSynchronized(); }, 15000));
            // (The fixture's own tokens are unnamed invitations too: Carol is the one her clientId is bound to.)
            const auto owner = docstore()->clientIdOwner(server->projectId, carol->clientId());
            QVERIFY(owner.ok() && owner.value());
            carolId = *owner.value();
            carol->close();
        }
        // A server started afterwards (no name cached), Carol gone: she is still Carol.
        QVERIFY2(server->addInstance(), qPrintable(server->error));
        auto alice = open(aliceToken, QStringLiteral("alice"), 1);
        QVERIFY(alice);
        auto page = ask<ChangePage>([&](auto done) { alice->requestChanges({}, 0, 50, done); });
        QVERIFY2(page->ok(), page->ok() ? "" : qPrintable(message(page->error())));
        QVERIFY(!page->value().changes.isEmpty());
        QCOMPARE(page->value().changes.last().authors, (QList<Author>{{carolId, QStringLiteral("Carol")}}));
        auto diff = ask<Diff>([&](auto done) { alice->requestDiff(QStringLiteral("notes.tex"), 0, -1, done); });
        QVERIFY2(diff->ok(), diff->ok() ? "" : qPrintable(message(diff->error())));
        QCOMPARE(diff->value().authors, (QList<Author>{{carolId, QStringLiteral("Carol")}}));
        // A named invitation keeps its own name whatever its user says.
        const auto names = docstore()->memberNames(server->projectId);
        QVERIFY(names.ok());
        QCOMPARE(names.value().value(aliceId), QStringLiteral("Alice"));
        QCOMPARE(names.value().value(carolId), QStringLiteral("Carol"));
    }
};

QTEST_GUILESS_MAIN(TestSyncClientHistoryTimes)
#include "tst_syncclient_historytimes.moc"
