// SqlDocstore on both backends, every run: a real SQLite file and a real PostgreSQL
// (the test's own cluster, tests/support/postgrescluster.h): projects, hashed
// tokens, the file tree, doc text + version with its op history (idempotent
// flushes), files, persistence.
#include "sync/docstore/docstore.h"
#include "sync/docstore/sqldocstore.h"
#include "tests/support/docstorebackend.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <thread>
#include <vector>

using namespace coauthor::sync;
using coauthor::test::DocstoreBackend;
using coauthor::test::DocstoreLocation;
namespace ot = coauthor::sync::ot;


class TestSqlDocstore : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Docstore> openStore(const DocstoreLocation &where)
    {
        auto store = where.open();
        if (!store.ok())
            qWarning() << store.error();
        return store.ok() ? store.takeValue() : nullptr;
    }

private Q_SLOTS:
    void initTestCase_data() { DocstoreBackend::addRows(); }

    void projectsAndTokens()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        auto store = openStore(where.value());
        QVERIFY(store);
        auto p = store->createProject(QStringLiteral("Thesis"));
        QVERIFY(p.ok());
        QCOMPARE(store->project(p.value().id).value().name, QStringLiteral("Thesis"));
        QCOMPARE(store->project(QStringLiteral("nope")).error().code, QStringLiteral("unknown_project"));
        QCOMPARE(store->projects().value().size(), 1);

        auto rw = store->createToken(p.value().id, Role::ReadWrite);
        auto ro = store->createToken(p.value().id, Role::ReadOnly);
        QVERIFY(rw.ok() && ro.ok());
        QVERIFY(rw.value().size() >= 40);
        QVERIFY(store->authenticate(p.value().id, rw.value()).value().role == Role::ReadWrite);
        QVERIFY(store->authenticate(p.value().id, ro.value()).value().role == Role::ReadOnly);
        QCOMPARE(store->authenticate(p.value().id, QStringLiteral("guess")).error().code, QStringLiteral("unauthorized"));
        QCOMPARE(store->authenticate(p.value().id, QString()).error().code, QStringLiteral("unauthorized"));
        auto other = store->createProject(QStringLiteral("Other"));
        QCOMPARE(store->authenticate(other.value().id, rw.value()).error().code, QStringLiteral("unauthorized"));
        QCOMPARE(store->createToken(QStringLiteral("nope"), Role::ReadOnly).error().code, QStringLiteral("unknown_project"));

        // Only the hash is stored.
        store.reset();
        auto hashes = where.value().sql(QStringLiteral("SELECT token_hash FROM invitations"));
        QVERIFY2(hashes.ok(), hashes.ok() ? "" : qPrintable(hashes.error()));
        QCOMPARE(hashes.value().size(), 2);
        QVERIFY(!hashes.value().contains(rw.value()) && !hashes.value().contains(ro.value()));
        QCOMPARE(where.value().sql(QStringLiteral("SELECT version FROM schema_version")).value(), QStringList{QStringLiteral("3")});
    }

    // Schema 1 kept one SHA-256 per token and no person; opening it with this
    // version makes each token an unnamed invitation that still lets its users in.
    void aVersionOneDocstoreKeepsItsTokensWorkingAsUnnamedInvitations()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        const QString legacyToken = QStringLiteral("legacy-token-from-version-one-0123456789abcdef");
        for (const QString &sql : {
                 QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
                 QStringLiteral("INSERT INTO schema_version (version) VALUES (1)"),
                 QStringLiteral("CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL)"),
                 QStringLiteral("INSERT INTO projects VALUES ('p1', 'Old', 1)"),
                 QStringLiteral("CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES "
                                "projects(id) ON DELETE CASCADE, role TEXT NOT NULL, created_at BIGINT NOT NULL)"),
             }) {
            auto done = where.value().sql(sql);
            QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error()));
        }
        QVERIFY(where.value()
                    .sql(QStringLiteral("INSERT INTO tokens VALUES (?, 'p1', 'read_only', 2)"),
                         {QString::fromLatin1(QCryptographicHash::hash(legacyToken.toUtf8(), QCryptographicHash::Sha256).toHex())})
                    .ok());

        auto store = openStore(where.value());
        QVERIFY(store);
        auto member = store->authenticate(QStringLiteral("p1"), legacyToken);
        QVERIFY2(member.ok(), member.ok() ? "" : qPrintable(member.error().message));
        QVERIFY(member.value().role == Role::ReadOnly);
        QVERIFY(member.value().name.isEmpty());
        QVERIFY(member.value().id.startsWith(QLatin1String("u-")));
        QCOMPARE(store->invitations(QStringLiteral("p1")).value().size(), 1);
        store.reset();
        // Opened again: migrated once, the same member.
        store = openStore(where.value());
        QCOMPARE(store->authenticate(QStringLiteral("p1"), legacyToken).value().id, member.value().id);
        QVERIFY(store->revokeInvitation(QStringLiteral("p1"), member.value().id).ok());
        QCOMPARE(store->authenticate(QStringLiteral("p1"), legacyToken).error().code, QStringLiteral("unauthorized"));
    }

    void invitationsAreOnePersonEach()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        auto store = openStore(where.value());
        QVERIFY(store);
        const QString p = store->createProject(QStringLiteral("Thesis")).value().id;
        auto ada = store->createInvitation(p, QStringLiteral("Ada"), Role::ReadWrite);
        auto ada2 = store->createInvitation(p, QStringLiteral("Ada"), Role::ReadOnly);
        QVERIFY(ada.ok() && ada2.ok());
        QVERIFY(ada.value().invitation.id != ada2.value().invitation.id);
        QCOMPARE(store->authenticate(p, ada.value().token).value().name, QStringLiteral("Ada"));
        QCOMPARE(store->createInvitation(p, QString(101, QLatin1Char('x')), Role::ReadWrite).error().code, QStringLiteral("invalid_name"));
        QCOMPARE(store->revokeInvitation(p, QString(), QStringLiteral("Ada")).error().code, QStringLiteral("ambiguous_name"));
        QCOMPARE(store->revokeInvitation(p, QString(), QStringLiteral("Nobody")).error().code, QStringLiteral("not_found"));
        QVERIFY(store->revokeInvitation(p, ada2.value().invitation.id).ok());
        QVERIFY(store->revokeInvitation(p, QString(), QStringLiteral("Ada")).ok()); // the one still active
        QCOMPARE(store->authenticate(p, ada.value().token).error().code, QStringLiteral("unauthorized"));
        QCOMPARE(store->invitations(p).value().size(), 2);
        QVERIFY(store->invitations(p).value().at(0).isRevoked());

        // clientIds: the first member to use one keeps it.
        QVERIFY(store->bindClientId(p, QStringLiteral("c1"), QStringLiteral("u-a")).ok());
        QVERIFY(store->bindClientId(p, QStringLiteral("c1"), QStringLiteral("u-a")).ok());
        QCOMPARE(store->bindClientId(p, QStringLiteral("c1"), QStringLiteral("u-b")).error().code, QStringLiteral("client_id_taken"));
        QCOMPARE(store->clientIdOwner(p, QStringLiteral("c1")).value(), std::optional<QString>(QStringLiteral("u-a")));
    }

    void fileTree()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        auto store = openStore(where.value());
        const QString p = store->createProject(QStringLiteral("P")).value().id;
        auto main = store->createDoc(p, QStringLiteral("main.tex"), QStringLiteral("\\documentclass{article}"));
        QVERIFY2(main.ok(), main.ok() ? "" : qPrintable(main.error().message));
        auto chapter = store->createDoc(p, QStringLiteral("chapters/intro.tex"), QStringLiteral("Intro"));
        QVERIFY(chapter.ok()); // creates the folder "chapters"
        auto entries = store->entries(p).value();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(0).path, QStringLiteral("chapters"));
        QVERIFY(entries.at(0).kind == TreeEntry::Kind::Folder);
        QCOMPARE(store->createDoc(p, QStringLiteral("main.tex"), {}).error().code, QStringLiteral("path_exists"));
        QCOMPARE(store->createDoc(p, QStringLiteral("main.tex/x.tex"), {}).error().code, QStringLiteral("invalid_path"));
        QCOMPARE(store->createFolder(p, QStringLiteral("chapters")).error().code, QStringLiteral("path_exists"));

        const QByteArray png("\x89PNG\r\n\x1a\n\0binary", 15);
        auto file = store->createFile(p, QStringLiteral("figures/plot.png"), png);
        QVERIFY(file.ok());
        QCOMPARE(file.value().size, 15);
        QCOMPARE(store->fileContent(p, file.value().id).value(), png);
        QCOMPARE(store->fileContent(p, main.value().id).error().code, QStringLiteral("not_found"));

        // Renaming a folder moves what is inside it.
        const QString chaptersId = entries.at(0).id;
        auto moved = store->moveEntry(p, chaptersId, QStringLiteral("parts/chapters"));
        QVERIFY(moved.ok());
        QCOMPARE(store->entry(p, chapter.value().id).value().path, QStringLiteral("parts/chapters/intro.tex"));
        QCOMPARE(store->loadDoc(p, chapter.value().id).value().path, QStringLiteral("parts/chapters/intro.tex"));
        QCOMPARE(store->moveEntry(p, moved.value().id, QStringLiteral("parts/chapters/x")).error().code,
                 QStringLiteral("invalid_path"));
        QCOMPARE(store->moveEntry(p, main.value().id, QStringLiteral("figures/plot.png")).error().code,
                 QStringLiteral("path_exists"));

        auto removed = store->removeEntry(p, store->entry(p, moved.value().id).value().id);
        QVERIFY(removed.ok());
        QCOMPARE(removed.value().size(), 2);
        QCOMPARE(store->loadDoc(p, chapter.value().id).error().code, QStringLiteral("unknown_doc"));
        QCOMPARE(store->entry(p, QStringLiteral("nope")).error().code, QStringLiteral("not_found"));

        // Another project cannot reach this one's entries.
        const QString other = store->createProject(QStringLiteral("Q")).value().id;
        QCOMPARE(store->loadDoc(other, main.value().id).error().code, QStringLiteral("unknown_doc"));
        QCOMPARE(store->fileContent(other, file.value().id).error().code, QStringLiteral("not_found"));
    }

    void docHistory()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        QString p, docId;
        {
            auto store = openStore(where.value());
            p = store->createProject(QStringLiteral("P")).value().id;
            docId = store->createDoc(p, QStringLiteral("a.tex"), QStringLiteral("ab")).value().id;
            auto doc = store->loadDoc(p, docId);
            QCOMPARE(doc.value().text, QStringLiteral("ab"));
            QCOMPARE(doc.value().version, 0);

            const StoredOp op1{1, ot::TextOperation({ot::Component::insert(2, QStringLiteral("c"))}), QStringLiteral("alice"), 1, 100};
            const StoredOp op2{2, ot::TextOperation({ot::Component::erase(0, QStringLiteral("a"))}), QStringLiteral("bob"), 7, 200};
            QVERIFY(store->storeDoc(p, docId, QStringLiteral("abc"), 1, {op1}).ok());
            // A repeated flush of the same ops is harmless.
            QVERIFY(store->storeDoc(p, docId, QStringLiteral("bc"), 2, {op1, op2}).ok());
            QVERIFY(store->storeDoc(p, docId, QStringLiteral("abc"), 1, {op1}).ok()); // stale: ignored
            // A hole in the history is refused.
            auto gap = store->storeDoc(p, docId, QStringLiteral("zz"), 4, {});
            QVERIFY(!gap.ok());
            QCOMPARE(store->loadDoc(p, docId).value().version, 2);
            QCOMPARE(store->storeDoc(p, QStringLiteral("nope"), {}, 1, {}).error().code, QStringLiteral("unknown_doc"));
        }
        // Reopen: everything is durable.
        auto store = openStore(where.value());
        auto doc = store->loadDoc(p, docId);
        QCOMPARE(doc.value().text, QStringLiteral("bc"));
        QCOMPARE(doc.value().version, 2);
        auto ops = store->opsSince(p, docId, 0);
        QCOMPARE(ops.value().size(), 2);
        QCOMPARE(ops.value().at(1).version, 2);
        QCOMPARE(ops.value().at(1).clientId, QStringLiteral("bob"));
        QCOMPARE(ops.value().at(1).seq, 7);
        QCOMPARE(ops.value().at(1).timestamp, 200);
        QVERIFY(ops.value().at(1).op == ot::TextOperation({ot::Component::erase(0, QStringLiteral("a"))}));
        QCOMPARE(store->opsSince(p, docId, 1).value().size(), 1);
        QCOMPARE(store->opsSince(p, docId, 0, 1).value().size(), 1);
        QCOMPARE(store->findOp(p, docId, QStringLiteral("bob"), 7).value().value_or(-1), 2);
        QVERIFY(!store->findOp(p, docId, QStringLiteral("bob"), 8).value().has_value());
    }

    // An older server applied a reused (clientId, seq) as a new op; its flush used to
    // drop that op silently (the unique (clientId, seq)) and leave a hole in the history.
    void anOpReusingASeqKeepsTheHistoryWhole()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        auto store = openStore(where.value());
        const QString p = store->createProject(QStringLiteral("p")).value().id;
        const QString doc = store->createDoc(p, QStringLiteral("a.tex"), QString()).value().id;
        const StoredOp op1{1, ot::TextOperation({ot::Component::insert(0, QStringLiteral("a"))}), QStringLiteral("c"), 5, 1};
        const StoredOp op2{2, ot::TextOperation({ot::Component::insert(1, QStringLiteral("b"))}), QStringLiteral("c"), 10, 2};
        const StoredOp op3{3, ot::TextOperation({ot::Component::insert(2, QStringLiteral("c"))}), QStringLiteral("c"), 5, 3};
        QVERIFY(store->storeDoc(p, doc, QStringLiteral("ab"), 2, {op1, op2}).ok());
        auto third = store->storeDoc(p, doc, QStringLiteral("abc"), 3, {op3});
        QVERIFY2(third.ok(), qPrintable(third.ok() ? QString() : third.error().message));
        const auto ops = store->opsSince(p, doc, 0).value();
        QCOMPARE(ops.size(), 3);
        QCOMPARE(ops.at(2).version, 3);
        QCOMPARE(ops.at(2).seq, -3); // the first op keeps the identity (c, 5)
        QCOMPARE(store->findOp(p, doc, QStringLiteral("c"), 5).value().value_or(-1), 1);
        QCOMPARE(store->lastSeq(p, doc, QStringLiteral("c")).value().value_or(-1), 10);
        QVERIFY(!store->lastSeq(p, doc, QStringLiteral("d")).value().has_value());
        QCOMPARE(store->loadDoc(p, doc).value().version, 3);
        // Flushing the same ops again changes nothing.
        QVERIFY(store->storeDoc(p, doc, QStringLiteral("abc"), 3, {op1, op2, op3}).ok());
        QCOMPARE(store->opsSince(p, doc, 0).value().size(), 3);
    }

    // The history check covers every version stored, not just the last one.
    void aHoleInsideTheStoredOpsIsRefused()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        auto store = openStore(where.value());
        const QString p = store->createProject(QStringLiteral("p")).value().id;
        const QString doc = store->createDoc(p, QStringLiteral("a.tex"), QString()).value().id;
        const StoredOp op1{1, ot::TextOperation({ot::Component::insert(0, QStringLiteral("a"))}), QStringLiteral("c"), 1, 1};
        const StoredOp op3{3, ot::TextOperation({ot::Component::insert(2, QStringLiteral("c"))}), QStringLiteral("c"), 3, 3};
        QVERIFY(!store->storeDoc(p, doc, QStringLiteral("abc"), 3, {op1, op3}).ok());
        QCOMPARE(store->loadDoc(p, doc).value().version, 0);
        QCOMPARE(store->opsSince(p, doc, 0).value().size(), 0); // all or nothing
    }

    // A page of a long history is read without the rest: at most maxOps ops, and
    // no more once maxBytes of op JSON are read.
    void opsSinceReadsOnePage()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        auto store = openStore(where.value());
        const QString p = store->createProject(QStringLiteral("p")).value().id;
        const QString doc = store->createDoc(p, QStringLiteral("a.tex"), QString()).value().id;
        QList<StoredOp> ops;
        QString text;
        for (int v = 1; v <= 50; ++v) {
            ops.append(StoredOp{v, ot::TextOperation({ot::Component::insert(0, QStringLiteral("xxxxxxxxxx"))}), QStringLiteral("c"), v, v});
            text += QStringLiteral("xxxxxxxxxx");
        }
        QVERIFY(store->storeDoc(p, doc, text, 50, ops).ok());
        QCOMPARE(store->opsSince(p, doc, 0, -1, 7).value().size(), 7);
        QCOMPARE(store->opsSince(p, doc, 45, -1, 7).value().size(), 5);
        const auto byBytes = store->opsSince(p, doc, 10, -1, -1, 100).value(); // each op is ~25 bytes of JSON
        QVERIFY2(byBytes.size() >= 3 && byBytes.size() <= 5, qPrintable(QString::number(byBytes.size())));
        QCOMPARE(byBytes.first().version, 11);
    }

    // What the backend stores is exactly what was given: accented and astral
    // (UTF-16 surrogate pairs) text, and file bytes with NULs and 0xff.
    void textAndBytesComeBackExactly()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        auto store = openStore(where.value());
        QVERIFY(store);
        const QString p = store->createProject(QStringLiteral("Thèse — 論文")).value().id;
        QCOMPARE(store->project(p).value().name, QStringLiteral("Thèse — 論文"));
        const QString text = QStringLiteral("héllo 😀 \\section{Über}");
        const QString doc = store->createDoc(p, QStringLiteral("chapters/ä.tex"), text).value().id;
        QCOMPARE(store->createDoc(p, QStringLiteral("chapters/ä.tex"), {}).error().code, QStringLiteral("path_exists"));
        QCOMPARE(store->loadDoc(p, doc).value().text, text);
        const StoredOp op1{1, ot::TextOperation({ot::Component::insert(0, QStringLiteral("😀é"))}), QStringLiteral("c"), 1, 5};
        QVERIFY(store->storeDoc(p, doc, QStringLiteral("😀é") + text, 1, {op1}).ok());
        QVERIFY(store->storeDoc(p, doc, QStringLiteral("😀é") + text, 1, {op1}).ok());
        QCOMPARE(store->loadDoc(p, doc).value().text, QStringLiteral("😀é") + text);
        QVERIFY(store->opsSince(p, doc, 0).value().at(0).op == op1.op);
        QCOMPARE(store->findOp(p, doc, QStringLiteral("c"), 1).value().value_or(-1), 1);
        const QByteArray bytes("\0\x01\xff binary\0", 11);
        auto file = store->createFile(p, QStringLiteral("fig.png"), bytes);
        QCOMPARE(store->fileContent(p, file.value().id).value(), bytes);
        const QString folder = store->entries(p).value().at(0).id;
        QVERIFY(store->moveEntry(p, folder, QStringLiteral("parts")).ok());
        QCOMPARE(store->loadDoc(p, doc).value().path, QStringLiteral("parts/ä.tex"));
        QCOMPARE(store->removeEntry(p, folder).value().size(), 2);
    }

    // A doc may hold U+0000 (a pasted binary, a stray byte in a .tex on disk);
    // PostgreSQL's text cannot, and refused it: the doc could not be created, and
    // once an op brought one in, no flush of the doc ever succeeded again. Both
    // backends keep such a text exactly; on PostgreSQL U+FFFF (its escape) too.
    // (SQLite itself reads U+FFFE and U+FFFF back as U+FFFD: left as it is.)
    void aDocWithANulCharacterIsStoredExactly()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        auto store = openStore(where.value());
        QVERIFY(store);
        const QString p = store->createProject(QStringLiteral("p")).value().id;
        const QChar escape = where.value().isPostgres() ? QChar(0xFFFF) : QChar(0xE000);
        const QString text = QStringLiteral("a") + QChar(0) + QStringLiteral("b") + escape + QStringLiteral("0") + escape;
        auto created = store->createDoc(p, QStringLiteral("nul.tex"), text);
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        QCOMPARE(store->loadDoc(p, created.value().id).value().text, text);
        const QString typed = QChar(0) + QStringLiteral("x") + escape;
        const StoredOp op{1, ot::TextOperation({ot::Component::insert(0, typed)}), QStringLiteral("c"), 1, 1};
        auto stored = store->storeDoc(p, created.value().id, typed + text, 1, {op});
        QVERIFY2(stored.ok(), stored.ok() ? "" : qPrintable(stored.error().message));
        QCOMPARE(store->loadDoc(p, created.value().id).value().text, typed + text);
        QCOMPARE(store->loadDoc(p, created.value().id).value().version, 1);
        QVERIFY(store->opsSince(p, created.value().id, 0).value().at(0).op == op.op);
    }

    // Several server instances start on one new database at the same moment:
    // each creates the schema if it is missing, and none may fail for that, nor
    // leave two schema versions behind.
    void instancesOpeningOneNewDatabaseAtOnceAllSucceed()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        const DocstoreLocation &location = where.value();
        constexpr int instances = 4;
        QStringList failures;
        QMutex failuresLock;
        std::vector<std::thread> threads;
        for (int i = 0; i < instances; ++i) {
            threads.emplace_back([&] {
                auto store = location.open(); // each on its own connection, in its own thread
                const QString failure = !store.ok()                                                ? store.error()
                                        : !store.value()->createProject(QStringLiteral("p")).ok() ? QStringLiteral("createProject failed")
                                                                                                  : QString();
                if (!failure.isEmpty()) {
                    QMutexLocker locker(&failuresLock);
                    failures.append(failure);
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(location.sql(QStringLiteral("SELECT version FROM schema_version")).value(), QStringList{QStringLiteral("3")});
        QCOMPARE(openStore(location)->projects().value().size(), instances);
    }

    // Two instances flush the same doc at once (both found it in the unflushed
    // set): the same ops, stored twice concurrently, are one history, and
    // neither flush fails for it.
    void twoInstancesFlushingOneDocAtOnceStoreOneHistory()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        const DocstoreLocation &location = where.value();
        QString p, doc;
        {
            auto store = openStore(location);
            QVERIFY(store);
            p = store->createProject(QStringLiteral("p")).value().id;
            doc = store->createDoc(p, QStringLiteral("a.tex"), QString()).value().id;
        }
        constexpr int rounds = 20;
        constexpr int opsPerRound = 10;
        QList<StoredOp> ops;
        QStringList texts{QString()};
        for (int v = 1; v <= rounds * opsPerRound; ++v) {
            ops.append(StoredOp{v, ot::TextOperation({ot::Component::insert(v - 1, QStringLiteral("x"))}),
                                QStringLiteral("client-%1").arg(v % 3), v, v});
            texts.append(texts.last() + QLatin1Char('x'));
        }
        QStringList failures;
        QMutex failuresLock;
        std::vector<std::thread> threads;
        for (int instance = 0; instance < 2; ++instance) {
            threads.emplace_back([&] {
                auto store = location.open();
                if (!store.ok()) {
                    QMutexLocker locker(&failuresLock);
                    failures.append(store.error());
                    return;
                }
                for (int round = 1; round <= rounds; ++round) {
                    // Each flush sends every op after what it believes is flushed.
                    const qint64 version = round * opsPerRound;
                    auto stored = store.value()->storeDoc(p, doc, texts.at(version), version,
                                                          ops.mid((round - 1) * opsPerRound, opsPerRound));
                    if (!stored.ok()) {
                        QMutexLocker locker(&failuresLock);
                        failures.append(stored.error().message);
                    }
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        auto store = openStore(location);
        QCOMPARE(store->loadDoc(p, doc).value().version, rounds * opsPerRound);
        QCOMPARE(store->loadDoc(p, doc).value().text, texts.last());
        const auto history = store->opsSince(p, doc, 0).value();
        QCOMPARE(history.size(), rounds * opsPerRound);
        for (const StoredOp &op : history)
            QCOMPARE(op.seq, op.version); // nobody's seq taken for a resend
    }

    void unsupportedUrlIsAnError()
    {
        auto store = Docstore::open(QStringLiteral("mysql://x"), QString());
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, QStringLiteral("storage_unavailable"));
    }

    // Two instances create entries at the same moment (two members, one on each):
    // docs in one new folder both succeed (each may create the folder); the same
    // path is created once and the other is told path_exists, as on one instance;
    // identical file contents are stored once.
    void twoInstancesCreatingEntriesAtOnceGetWhatOneInstanceWouldGive()
    {
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        const DocstoreLocation &location = where.value();
        QString p;
        {
            auto store = openStore(location);
            QVERIFY(store);
            p = store->createProject(QStringLiteral("p")).value().id;
        }
        constexpr int rounds = 30;
        QStringList failures;
        QList<int> samePathCreated(rounds, 0);
        QList<int> samePathExists(rounds, 0);
        QMutex lock;
        std::vector<std::thread> threads;
        for (int instance = 0; instance < 2; ++instance) {
            threads.emplace_back([&, instance] {
                auto store = location.open();
                const auto fail = [&](const QString &what) {
                    QMutexLocker locker(&lock);
                    failures.append(what);
                };
                if (!store.ok())
                    return fail(store.error());
                for (int n = 0; n < rounds; ++n) {
                    auto doc = store.value()->createDoc(p, QStringLiteral("part-%1/sub/doc-%2.tex").arg(n).arg(instance), QString());
                    if (!doc.ok())
                        fail(QStringLiteral("createDoc in a new folder: %1 %2").arg(doc.error().code, doc.error().message));
                    auto same = store.value()->createDoc(p, QStringLiteral("same-%1.tex").arg(n), QString());
                    {
                        QMutexLocker locker(&lock);
                        if (same.ok())
                            ++samePathCreated[n];
                        else if (same.error().code == QLatin1String("path_exists"))
                            ++samePathExists[n];
                        else
                            failures.append(QStringLiteral("createDoc of one path: %1 %2").arg(same.error().code, same.error().message));
                    }
                    auto file = store.value()->createFile(p, QStringLiteral("fig-%1-%2.png").arg(n).arg(instance), QByteArray("same bytes"));
                    if (!file.ok())
                        fail(QStringLiteral("createFile of the same content: %1 %2").arg(file.error().code, file.error().message));
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(samePathCreated, QList<int>(rounds, 1));
        QCOMPARE(samePathExists, QList<int>(rounds, 1));
        auto store = openStore(location);
        const auto entries = store->entries(p).value();
        // Per round: part-n, part-n/sub, two docs, same-n, two files.
        QCOMPARE(entries.size(), rounds * 7);
        QCOMPARE(location.sql(QStringLiteral("SELECT COUNT(*) FROM files")).value(), QStringList{QStringLiteral("1")});
    }

    // SQLite: a data directory that cannot be made; PostgreSQL: a wrong password
    // and a port nothing listens on. Each is storage_unavailable with the reason.
    void aDatabaseThatCannotBeOpenedIsAClearError()
    {
        QTemporaryDir dir;
        if (DocstoreBackend::current() == QLatin1String("sqlite")) {
            QFile blocker(dir.filePath(QStringLiteral("notadir")));
            QVERIFY(blocker.open(QIODevice::WriteOnly));
            blocker.close();
            auto store = Docstore::open(QString(), dir.filePath(QStringLiteral("notadir/data")));
            QVERIFY(!store.ok());
            QCOMPARE(store.error().code, QStringLiteral("storage_unavailable"));
            return;
        }
        auto where = DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        QUrl wrongPassword(where.value().url());
        wrongPassword.setPassword(QStringLiteral("guess"));
        auto refused = Docstore::open(wrongPassword.toString(), QString());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("storage_unavailable"));
        QVERIFY2(refused.error().message.contains(QLatin1String("password authentication failed")), qPrintable(refused.error().message));
        QVERIFY2(!refused.error().message.contains(QLatin1String("guess")), "the password is not in the message");
        QUrl closedPort(where.value().url());
        closedPort.setPort(1);
        auto unreachable = Docstore::open(closedPort.toString(), QString());
        QVERIFY(!unreachable.ok());
        QCOMPARE(unreachable.error().code, QStringLiteral("storage_unavailable"));
    }
};

QTEST_GUILESS_MAIN(TestSqlDocstore)
#include "tst_sqldocstore.moc"
