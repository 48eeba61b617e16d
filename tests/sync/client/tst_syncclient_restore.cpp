// Server-side undelete end to end (docs/protocol.md, "History", restoreDeleted):
// a real CoauthorServer on a real Redis and each docstore backend (SQLite,
// PostgreSQL), SyncClients restoring a removed doc or file. The entry comes back
// with its id and its history, its text as at the version asked for, every
// collaborator sees it and edits it; a taken path gives a free name; only
// read-write members restore, and impossible restores say why.
#include "serverfixture.h"
#include "syncclienttestutil.h"
#include "tests/support/docstorebackend.h"

#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using namespace coauthor::sync::history;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;
using coauthor::test::DocstoreBackend;
using coauthor::test::DocstoreLocation;

namespace {

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

std::optional<SyncClient::Entry> entryAt(const SyncClient &c, const QString &path)
{
    for (const SyncClient::Entry &e : c.tree()) {
        if (e.path == path)
            return e;
    }
    return std::nullopt;
}

} // namespace

class TestSyncClientRestore : public QObject
{
    Q_OBJECT
private:
    std::optional<DocstoreLocation> location;
    std::unique_ptr<ServerFixture> server;
    std::unique_ptr<QTemporaryDir> work;
    QString aliceToken, bobToken, readerToken;

    // A server on the row's backend, with Alice and Bob (read-write) and a reader.
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
        Docstore *store = server->servers.front()->docstore();
        aliceToken = store->createInvitation(server->projectId, QStringLiteral("Alice"), Role::ReadWrite).value().token;
        bobToken = store->createInvitation(server->projectId, QStringLiteral("Bob"), Role::ReadWrite).value().token;
        readerToken = store->createInvitation(server->projectId, QStringLiteral("Reader"), Role::ReadOnly).value().token;
        return true;
    }

    std::unique_ptr<SyncClient> open(const QString &token, const QString &folder)
    {
        auto c = openTestClient(QUrl(server->url()), server->projectId, token, work->filePath(folder), folder, false);
        if (c && !QTest::qWaitFor([&] { return c->state() == SyncClient::State::Online && c->isSynchronized(); }, 15000))
            return nullptr;
        return c;
    }

    static bool type(SyncClient &c, const QString &docId, const QString &text)
    {
        if (!c.document(docId) || !c.applyLocalEdit(docId, TextOperation({Component::insert(c.document(docId)->text().size(), text)})).ok())
            return false;
        return QTest::qWaitFor([&] { return c.isSynchronized(); }, 15000);
    }

    static qint64 currentVersion(SyncClient &c)
    {
        auto page = ask<ChangePage>([&](auto done) { c.requestChanges({}, 0, 1, done); });
        return page && page->ok() ? page->value().currentVersion : -1;
    }

private Q_SLOTS:
    void initTestCase_data() { DocstoreBackend::addRows(); }

    void cleanup()
    {
        server.reset();
        location.reset();
        work.reset();
    }

    void aDeletedDocComesBackAsTheSameDocWithItsHistoryForEveryone()
    {
        QVERIFY(startServer());
        auto alice = open(aliceToken, QStringLiteral("alice"));
        auto bob = open(bobToken, QStringLiteral("bob"));
        QVERIFY(alice && bob);
        const QString path = QStringLiteral("chapters/intro.tex");
        alice->createDoc(path, QStringLiteral("\\section{Intro}\n"));
        QVERIFY(QTest::qWaitFor([&] { return !alice->docIdForPath(path).isEmpty() && alice->isSynchronized(); }, 15000));
        const QString doc = alice->docIdForPath(path);
        QVERIFY(QTest::qWaitFor([&] { return alice->document(doc) != nullptr; }, 15000));
        QVERIFY(type(*alice, doc, QStringLiteral("The paragraph to keep.\n")));
        const QString wanted = alice->document(doc)->text();
        const qint64 keep = currentVersion(*alice);
        QVERIFY(keep > 0);
        QVERIFY(type(*alice, doc, QStringLiteral("A paragraph written later.\n")));
        QVERIFY(QTest::qWaitFor([&] { return bob->document(doc) && converged(*alice, *bob, doc); }, 15000));

        bob->remove(doc);
        QVERIFY(QTest::qWaitFor([&] { return alice->docIdForPath(path).isEmpty() && bob->docIdForPath(path).isEmpty(); }, 15000));

        auto restored = ask<SyncClient::Entry>([&](auto done) { alice->restoreDeletedFile(path, keep, done); });
        QVERIFY(restored);
        QVERIFY2(restored->ok(), restored->ok() ? "" : qPrintable(message(restored->error())));
        QCOMPARE(restored->value().id, doc);
        QCOMPARE(restored->value().path, path);
        QCOMPARE(restored->value().kind, QStringLiteral("doc"));
        // Both see it back, as the same doc, with the text as it was at keep.
        QVERIFY(QTest::qWaitFor([&] { return alice->docIdForPath(path) == doc && bob->docIdForPath(path) == doc; }, 15000));
        QVERIFY(QTest::qWaitFor([&] { return converged(*alice, *bob, doc); }, 15000));
        QCOMPARE(alice->document(doc)->text(), wanted);

        // Its history is its own: the edits before the delete, the delete and the restore.
        auto page = ask<ChangePage>([&](auto done) { alice->requestChanges(path, 0, 50, done); });
        QVERIFY2(page->ok(), page->ok() ? "" : qPrintable(message(page->error())));
        bool created = false, deleted = false;
        for (const Change &c : page->value().changes) {
            for (const FileChange &f : c.files) {
                if (f.entryId != doc)
                    continue; // its folder, made in the same change
                created |= f.has(FileChange::Kind::Created);
                deleted |= f.has(FileChange::Kind::Deleted);
            }
        }
        QVERIFY(created && deleted);
        auto before = ask<QString>([&](auto done) { alice->requestHistoryText(path, keep, done); });
        QCOMPARE(before->value(), wanted);
        auto now = ask<QString>([&](auto done) { alice->requestHistoryText(path, -1, done); });
        QCOMPARE(now->value(), wanted);
        // The text it had when it was deleted is still a version of it.
        auto diff = ask<Diff>([&](auto done) { alice->requestDiff(path, keep, -1, done); });
        QVERIFY2(diff->ok(), diff->ok() ? "" : qPrintable(message(diff->error())));
        QCOMPARE(diff->value().entryId, doc);

        // And it goes on: both edit it, both converge.
        QVERIFY(type(*bob, doc, QStringLiteral("Bob adds a line.\n")));
        QVERIFY(type(*alice, doc, QStringLiteral("Alice too.\n")));
        QVERIFY(QTest::qWaitFor([&] { return converged(*alice, *bob, doc); }, 15000));
        QCOMPARE(alice->document(doc)->text(), wanted + QStringLiteral("Bob adds a line.\nAlice too.\n"));
    }

    void aTakenPathGetsAFreeNameAndAFileComesBackWithItsContent()
    {
        QVERIFY(startServer());
        auto alice = open(aliceToken, QStringLiteral("alice"));
        QVERIFY(alice);
        alice->createDoc(QStringLiteral("main.tex"), QStringLiteral("old main\n"));
        const QByteArray png("\x89PNG old plot", 13);
        alice->createFolder(QStringLiteral("figs"));
        alice->uploadFile(QStringLiteral("figs/plot.png"), png);
        QVERIFY(QTest::qWaitFor([&] { return entryAt(*alice, QStringLiteral("main.tex")) && entryAt(*alice, QStringLiteral("figs/plot.png"))
                                              && entryAt(*alice, QStringLiteral("figs")) && alice->isSynchronized(); }, 15000));
        const QString oldMain = entryAt(*alice, QStringLiteral("main.tex"))->id;
        const QString plot = entryAt(*alice, QStringLiteral("figs/plot.png"))->id;
        const qint64 had = currentVersion(*alice);
        alice->remove(oldMain);
        alice->remove(entryAt(*alice, QStringLiteral("figs"))->id); // the folder, with the plot
        QVERIFY(QTest::qWaitFor([&] { return !entryAt(*alice, QStringLiteral("main.tex")) && !entryAt(*alice, QStringLiteral("figs")); }, 15000));
        alice->createDoc(QStringLiteral("main.tex"), QStringLiteral("new main\n"));
        QVERIFY(QTest::qWaitFor([&] { return entryAt(*alice, QStringLiteral("main.tex")) && alice->isSynchronized(); }, 15000));

        auto main = ask<SyncClient::Entry>([&](auto done) { alice->restoreDeletedFile(QStringLiteral("main.tex"), had, done); });
        QVERIFY2(main->ok(), main->ok() ? "" : qPrintable(message(main->error())));
        QCOMPARE(main->value().id, oldMain);
        QCOMPARE(main->value().path, QStringLiteral("main (restored).tex"));
        QVERIFY(QTest::qWaitFor([&] { return alice->document(oldMain) && alice->isSynchronized(); }, 15000));
        QCOMPARE(alice->document(oldMain)->text(), QStringLiteral("old main\n"));
        QCOMPARE(alice->document(alice->docIdForPath(QStringLiteral("main.tex")))->text(), QStringLiteral("new main\n"));

        // The folder it was in is made again; the file has its old content.
        auto file = ask<SyncClient::Entry>([&](auto done) { alice->restoreDeletedFile(QStringLiteral("figs/plot.png"), had, done); });
        QVERIFY2(file->ok(), file->ok() ? "" : qPrintable(message(file->error())));
        QCOMPARE(file->value().id, plot);
        QCOMPARE(file->value().path, QStringLiteral("figs/plot.png"));
        QCOMPARE(file->value().kind, QStringLiteral("file"));
        QCOMPARE(file->value().size, png.size());
        QVERIFY(QTest::qWaitFor([&] { return entryAt(*alice, QStringLiteral("figs/plot.png")).has_value(); }, 15000));
        auto content = server->servers.front()->docstore()->fileContent(server->projectId, plot);
        QVERIFY(content.ok());
        QCOMPARE(content.value(), png);
        // A second restore of the same entry: it exists now.
        auto again = ask<SyncClient::Entry>([&](auto done) { alice->restoreDeletedFile(QStringLiteral("figs/plot.png"), had, done); });
        QCOMPARE(again->error().code, QStringLiteral("not_removed"));
    }

    void restoringNeedsWriteAccessAndSaysWhyItCannot()
    {
        QVERIFY(startServer());
        auto alice = open(aliceToken, QStringLiteral("alice"));
        auto reader = open(readerToken, QStringLiteral("reader"));
        QVERIFY(alice && reader);
        alice->createDoc(QStringLiteral("a.tex"), QStringLiteral("a\n"));
        alice->createFolder(QStringLiteral("folder"));
        QVERIFY(QTest::qWaitFor([&] { return entryAt(*alice, QStringLiteral("a.tex")) && entryAt(*alice, QStringLiteral("folder"))
                                              && alice->isSynchronized(); }, 15000));
        const qint64 had = currentVersion(*alice);
        const QString a = entryAt(*alice, QStringLiteral("a.tex"))->id;

        auto alive = ask<SyncClient::Entry>([&](auto done) { alice->restoreDeletedFile(QStringLiteral("a.tex"), had, done); });
        QCOMPARE(alive->error().code, QStringLiteral("not_removed"));
        alice->remove(a);
        alice->remove(entryAt(*alice, QStringLiteral("folder"))->id);
        QVERIFY(QTest::qWaitFor([&] { return !entryAt(*alice, QStringLiteral("a.tex")) && !entryAt(*alice, QStringLiteral("folder")); }, 15000));
        QVERIFY(QTest::qWaitFor([&] { return !entryAt(*reader, QStringLiteral("a.tex")); }, 15000));

        auto readOnly = ask<SyncClient::Entry>([&](auto done) { reader->restoreDeletedFile(QStringLiteral("a.tex"), had, done); });
        QCOMPARE(readOnly->error().code, QStringLiteral("read_only"));
        auto never = ask<SyncClient::Entry>([&](auto done) { alice->restoreDeletedFile(QStringLiteral("b.tex"), had, done); });
        QCOMPARE(never->error().code, QStringLiteral("not_found"));
        auto folder = ask<SyncClient::Entry>([&](auto done) { alice->restoreDeletedFile(QStringLiteral("folder"), had, done); });
        QCOMPARE(folder->error().code, QStringLiteral("not_found"));
        auto future = ask<SyncClient::Entry>([&](auto done) { alice->restoreDeletedFile(QStringLiteral("a.tex"), 1'000'000, done); });
        QCOMPARE(future->error().code, QStringLiteral("version_in_future"));
        alice->setWorkOffline(true);
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == SyncClient::State::Offline; }, 15000));
        auto offline = ask<SyncClient::Entry>([&](auto done) { alice->restoreDeletedFile(QStringLiteral("a.tex"), had, done); });
        QCOMPARE(offline->error().code, QStringLiteral("offline"));
        // Positive control: the same request works for a read-write member online.
        alice->setWorkOffline(false);
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == SyncClient::State::Online && alice->isSynchronized(); }, 15000));
        auto works = ask<SyncClient::Entry>([&](auto done) { alice->restoreDeletedFile(QStringLiteral("a.tex"), had, done); });
        QVERIFY2(works->ok(), works->ok() ? "" : qPrintable(message(works->error())));
        QCOMPARE(works->value().id, a);
        QVERIFY(QTest::qWaitFor([&] { return entryAt(*reader, QStringLiteral("a.tex")).has_value(); }, 15000));
    }
};

QTEST_GUILESS_MAIN(TestSyncClientRestore)
#include "tst_syncclient_restore.moc"
