// SqlDocstore on a real SQLite file: projects, hashed tokens, the file tree, doc
// text + version with its op history (idempotent flushes), files, persistence.
#include "sync/docstore/docstore.h"
#include "sync/docstore/sqldocstore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::sync;
namespace ot = coauthor::sync::ot;

class TestSqlDocstore : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Docstore> openStore(const QString &dir)
    {
        auto store = Docstore::open(QString(), dir);
        if (!store.ok())
            qWarning() << store.error().message;
        return store.ok() ? store.takeValue() : nullptr;
    }

private Q_SLOTS:
    void projectsAndTokens()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
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
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
            db.setDatabaseName(dir.filePath(QStringLiteral("docstore.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT token_hash FROM invitations")));
            int rows = 0;
            for (; q.next(); ++rows)
                QVERIFY(q.value(0).toString() != rw.value() && q.value(0).toString() != ro.value());
            QCOMPARE(rows, 2);
            QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 3);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    }

    // Schema 1 kept one SHA-256 per token and no person; opening it with this
    // version makes each token an unnamed invitation that still lets its users in.
    void aVersionOneDocstoreKeepsItsTokensWorkingAsUnnamedInvitations()
    {
        QTemporaryDir dir;
        const QString legacyToken = QStringLiteral("legacy-token-from-version-one-0123456789abcdef");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(dir.filePath(QStringLiteral("docstore.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const QString &sql : {
                     QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
                     QStringLiteral("INSERT INTO schema_version (version) VALUES (1)"),
                     QStringLiteral("CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL)"),
                     QStringLiteral("INSERT INTO projects VALUES ('p1', 'Old', 1)"),
                     QStringLiteral("CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES "
                                    "projects(id) ON DELETE CASCADE, role TEXT NOT NULL, created_at BIGINT NOT NULL)"),
                 })
                QVERIFY2(q.exec(sql), qPrintable(sql));
            QVERIFY(q.prepare(QStringLiteral("INSERT INTO tokens VALUES (?, 'p1', 'read_only', 2)")));
            q.addBindValue(QString::fromLatin1(QCryptographicHash::hash(legacyToken.toUtf8(), QCryptographicHash::Sha256).toHex()));
            QVERIFY(q.exec());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        auto store = openStore(dir.path());
        QVERIFY(store);
        auto member = store->authenticate(QStringLiteral("p1"), legacyToken);
        QVERIFY2(member.ok(), member.ok() ? "" : qPrintable(member.error().message));
        QVERIFY(member.value().role == Role::ReadOnly);
        QVERIFY(member.value().name.isEmpty());
        QVERIFY(member.value().id.startsWith(QLatin1String("u-")));
        QCOMPARE(store->invitations(QStringLiteral("p1")).value().size(), 1);
        store.reset();
        // Opened again: migrated once, the same member.
        store = openStore(dir.path());
        QCOMPARE(store->authenticate(QStringLiteral("p1"), legacyToken).value().id, member.value().id);
        QVERIFY(store->revokeInvitation(QStringLiteral("p1"), member.value().id).ok());
        QCOMPARE(store->authenticate(QStringLiteral("p1"), legacyToken).error().code, QStringLiteral("unauthorized"));
    }

    void invitationsAreOnePersonEach()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
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
        QTemporaryDir dir;
        auto store = openStore(dir.path());
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
        QTemporaryDir dir;
        QString p, docId;
        {
            auto store = openStore(dir.path());
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
        auto store = openStore(dir.path());
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
        QTemporaryDir dir;
        auto store = openStore(dir.path());
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
        QTemporaryDir dir;
        auto store = openStore(dir.path());
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
        QTemporaryDir dir;
        auto store = openStore(dir.path());
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

    // PostgreSQL through QPSQL, when a server is given (not required; SQLite is the
    // tested default): COAUTHOR_TEST_POSTGRES_URL=postgresql://user@127.0.0.1:5432/db
    void postgresqlWhenAvailable()
    {
        const QString url = qEnvironmentVariable("COAUTHOR_TEST_POSTGRES_URL");
        if (url.isEmpty())
            QSKIP("COAUTHOR_TEST_POSTGRES_URL is not set");
        auto opened = Docstore::open(url, QString());
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        auto store = opened.takeValue();
        const QString p = store->createProject(QStringLiteral("pg")).value().id;
        auto token = store->createToken(p, Role::ReadOnly);
        QVERIFY(store->authenticate(p, token.value()).value().role == Role::ReadOnly);
        const QString doc = store->createDoc(p, QStringLiteral("chapters/a.tex"), QString()).value().id;
        QCOMPARE(store->createDoc(p, QStringLiteral("chapters/a.tex"), {}).error().code, QStringLiteral("path_exists"));
        const StoredOp op1{1, ot::TextOperation({ot::Component::insert(0, QStringLiteral("héllo"))}), QStringLiteral("c"), 1, 5};
        QVERIFY(store->storeDoc(p, doc, QStringLiteral("héllo"), 1, {op1}).ok());
        QVERIFY(store->storeDoc(p, doc, QStringLiteral("héllo"), 1, {op1}).ok());
        QCOMPARE(store->loadDoc(p, doc).value().text, QStringLiteral("héllo"));
        QCOMPARE(store->opsSince(p, doc, 0).value().size(), 1);
        QCOMPARE(store->findOp(p, doc, QStringLiteral("c"), 1).value().value_or(-1), 1);
        const QByteArray bytes("\0\x01\xff binary", 10);
        auto file = store->createFile(p, QStringLiteral("fig.png"), bytes);
        QCOMPARE(store->fileContent(p, file.value().id).value(), bytes);
        const QString folder = store->entries(p).value().at(0).id;
        QVERIFY(store->moveEntry(p, folder, QStringLiteral("parts")).ok());
        QCOMPARE(store->loadDoc(p, doc).value().path, QStringLiteral("parts/a.tex"));
        QCOMPARE(store->removeEntry(p, folder).value().size(), 2);
    }

    void unsupportedUrlIsAnError()
    {
        auto store = Docstore::open(QStringLiteral("mysql://x"), QString());
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, QStringLiteral("storage_unavailable"));
    }

    void unwritableDatabaseIsAClearError()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("notadir")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        auto store = Docstore::open(QString(), dir.filePath(QStringLiteral("notadir/data")));
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, QStringLiteral("storage_unavailable"));
    }
};

QTEST_GUILESS_MAIN(TestSqlDocstore)
#include "tst_sqldocstore.moc"
