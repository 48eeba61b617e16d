#include "sync/docstore/sqldocstore.h"

#include "sync/docstore/sqlcompaction_p.h"
#include "sync/docstore/sqlhistory_p.h"
#include "sync/ot/opjson.h"
#include "sync/ot/textbuffer.h"

#include <QAtomicInt>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>
#include <QVariant>

#include <algorithm>

// File contents live in the database (table files, keyed by SHA-256, shared by
// identical uploads) rather than on disk: a file and its tree entry are written in
// one transaction, every server instance sharing a PostgreSQL docstore sees them
// without a shared disk, and a backup is the database alone. The 50 MiB upload
// limit keeps rows a reasonable size.

namespace coauthor::sync {

namespace {

// 1: tokens (SHA-256, one role per token). 2: invitations (a person per token, the
// tokens of version 1 become unnamed invitations) and client_ids (clientId -> member).
// 3: the project history (sqlhistory.cpp): project versions, tree events, snapshots,
// changes, labels; removed docs keep their ops.
constexpr int SchemaVersion = 3;

QAtomicInt connectionCounter;

template <typename T>
using R = Docstore::Result<T>;

QAtomicInteger<qint64> storageErrors;

ServiceError storageError(const QString &what, const QSqlError &error)
{
    storageErrors.fetchAndAddRelaxed(1);
    return ServiceError::make(QStringLiteral("storage_unavailable"),
                              QStringLiteral("docstore: %1: %2").arg(what, error.text()));
}

ServiceError error(const char *code, const QString &message)
{
    return ServiceError::make(QString::fromLatin1(code), message);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

TreeEntry::Kind kindFromName(const QString &name)
{
    if (name == QLatin1String("file"))
        return TreeEntry::Kind::File;
    if (name == QLatin1String("folder"))
        return TreeEntry::Kind::Folder;
    return TreeEntry::Kind::Doc;
}

// QtSql binds a null QString as SQL NULL; an empty doc is "" (the column is NOT NULL).
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

// PostgreSQL's text cannot hold U+0000, which a doc may contain (SQLite keeps it):
// there it is written as U+FFFF '0', and U+FFFF (a noncharacter, as rare) as
// U+FFFF U+FFFF, so any text comes back exactly. Texts without either, nearly all,
// are stored as they are.
constexpr char16_t postgresEscape = 0xFFFF;

QString escapeForPostgres(const QString &text)
{
    if (!text.contains(QChar(0)) && !text.contains(QChar(postgresEscape)))
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        if (c.unicode() == 0)
            out += QChar(postgresEscape) + QLatin1Char('0');
        else if (c.unicode() == postgresEscape)
            out += QChar(postgresEscape) + QChar(postgresEscape);
        else
            out += c;
    }
    return out;
}

QString unescapeFromPostgres(const QString &stored)
{
    if (!stored.contains(QChar(postgresEscape)))
        return stored;
    QString out;
    out.reserve(stored.size());
    for (qsizetype i = 0; i < stored.size(); ++i) {
        if (stored.at(i).unicode() == postgresEscape && i + 1 < stored.size()) {
            ++i;
            out += stored.at(i) == QLatin1Char('0') ? QChar(0) : stored.at(i);
        } else {
            out += stored.at(i);
        }
    }
    return out;
}

QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}

} // namespace

qint64 Docstore::storageErrorCount()
{
    return storageErrors.loadRelaxed();
}

class SqlDocstore::Impl
{
public:
    QString connectionName;
    bool postgres = false;
    bool inTransaction = false; // run() must not reconnect in the middle of one

    // A doc's text as the backend can hold it, and back.
    QString storedText(const QString &text) const { return postgres ? escapeForPostgres(notNull(text)) : notNull(text); }
    QString loadedText(const QString &stored) const { return postgres ? unescapeFromPostgres(stored) : stored; }
    std::unique_ptr<SqlHistory> history;

    void initHistory()
    {
        history = std::make_unique<SqlHistory>(
            [this](const QString &sql, const QVariantList &values, const QString &what) { return run(sql, values, what); },
            SqlHistory::TextCodec{[this](const QString &t) { return storedText(t); }, [this](const QString &t) { return loadedText(t); }});
    }

    QSqlDatabase db() const { return QSqlDatabase::database(connectionName, false); }

    QSqlQuery query() const
    {
        QSqlQuery q(db());
        q.setForwardOnly(true);
        return q;
    }

    // PostgreSQL: a restart of the server (an upgrade, a failover) cuts the
    // connection for good, and QtSql does not reconnect by itself: every later
    // statement would fail until coauthor-server restarts. True when the
    // connection was lost and is open again.
    bool reconnectIfLost() const
    {
        if (!postgres)
            return false;
        QSqlDatabase database = db();
        if (database.isOpen()) {
            QSqlQuery probe(database);
            if (probe.exec(QStringLiteral("SELECT 1")))
                return false; // the connection is fine: the statement itself failed
        }
        database.close();
        return database.open();
    }

    // Prepares, binds in order, executes. Outside a transaction, a statement that
    // failed because the connection was lost runs once more on a new one: it did
    // not run (the server closed the connection before it came, or aborted it).
    R<QSqlQuery> run(const QString &sql, const QVariantList &values, const QString &what) const
    {
        R<QSqlQuery> result = runOnce(sql, values, what);
        if (!result.ok() && !inTransaction && reconnectIfLost())
            result = runOnce(sql, values, what);
        return result;
    }

    R<QSqlQuery> runOnce(const QString &sql, const QVariantList &values, const QString &what) const
    {
        QSqlQuery q = query();
        // PostgreSQL cannot PREPARE DDL; statements without values run directly.
        if (values.isEmpty()) {
            if (!q.exec(sql))
                return R<QSqlQuery>::failure(storageError(what, q.lastError()));
            return R<QSqlQuery>::success(std::move(q));
        }
        if (!q.prepare(sql))
            return R<QSqlQuery>::failure(storageError(what, q.lastError()));
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec())
            return R<QSqlQuery>::failure(storageError(what, q.lastError()));
        return R<QSqlQuery>::success(std::move(q));
    }

    // Runs body inside a transaction; commits on success, rolls back otherwise. A
    // transaction that failed because the connection was lost runs once more on a
    // new one (it was rolled back), unless its COMMIT was sent: that may have
    // committed, and the caller's retry is the one that can tell.
    template <typename T, typename F>
    R<T> transaction(const QString &what, F body)
    {
        bool commitSent = false;
        R<T> result = transactionOnce<T>(what, body, &commitSent);
        if (!result.ok() && reconnectIfLost() && !commitSent)
            result = transactionOnce<T>(what, body, &commitSent);
        return result;
    }

    template <typename T, typename F>
    R<T> transactionOnce(const QString &what, F &body, bool *commitSent)
    {
        QSqlDatabase database = db();
        // SQLite: BEGIN IMMEDIATE takes the write lock first (waiting up to the busy
        // timeout). A plain BEGIN reads first and then fails at once with "database
        // is locked" when another connection (a second instance on the same file)
        // wrote meanwhile: SQLite cannot wait there without risking a deadlock.
        // Qt's commit() and rollback() only send COMMIT and ROLLBACK.
        if (!postgres) {
            QSqlQuery begin = query();
            if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
                return R<T>::failure(storageError(what, begin.lastError()));
        } else if (!database.transaction()) {
            return R<T>::failure(storageError(what, database.lastError()));
        }
        inTransaction = true;
        R<T> result = body();
        inTransaction = false;
        if (!result.ok()) {
            database.rollback();
            return result;
        }
        *commitSent = true;
        if (!database.commit()) {
            const QSqlError e = database.lastError();
            database.rollback();
            return R<T>::failure(storageError(what, e));
        }
        return result;
    }

    R<void> createSchema()
    {
        const QString blob = postgres ? QStringLiteral("BYTEA") : QStringLiteral("BLOB");
        const QStringList statements = {
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                           "created_at BIGINT NOT NULL, history_version BIGINT NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS invitations (id TEXT PRIMARY KEY, "
                           "project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, name TEXT NOT NULL, "
                           "role TEXT NOT NULL CHECK (role IN ('read_only', 'read_write')), token_hash TEXT NOT NULL UNIQUE, "
                           "created_at BIGINT NOT NULL, revoked_at BIGINT)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS client_ids (project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, "
                           "client_id TEXT NOT NULL, member_id TEXT NOT NULL, PRIMARY KEY (project_id, client_id))"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS files (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, content ")
                + blob + QStringLiteral(" NOT NULL)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS entries (id TEXT PRIMARY KEY, "
                           "project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, path TEXT NOT NULL, "
                           "kind TEXT NOT NULL CHECK (kind IN ('doc', 'file', 'folder')), "
                           "file_sha256 TEXT REFERENCES files(sha256), size BIGINT NOT NULL DEFAULT 0, "
                           "UNIQUE (project_id, path))"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS docs (entry_id TEXT PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE, "
                           "text TEXT NOT NULL, version BIGINT NOT NULL)"),
            // The names members went by at their last hello (the history names past
            // collaborators with them). New in schema 3 without a version bump: an
            // older server simply never reads it.
            QStringLiteral("CREATE TABLE IF NOT EXISTS member_names (project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, "
                           "member_id TEXT NOT NULL, name TEXT NOT NULL, seen_at BIGINT NOT NULL, PRIMARY KEY (project_id, member_id))"),
        };
        return transaction<void>(QStringLiteral("create schema"), [&]() -> R<void> {
            // Instances starting together on a new PostgreSQL database would race in
            // CREATE TABLE IF NOT EXISTS (a unique violation in the catalog) and each
            // insert a schema_version: one at a time (SQLite's write lock does this).
            if (postgres) {
                auto locked = run(QStringLiteral("SELECT pg_advisory_xact_lock(7420)"), {}, QStringLiteral("create schema"));
                if (!locked.ok())
                    return R<void>::failure(locked.error());
            }
            for (const QString &sql : statements) {
                auto done = run(sql, {}, QStringLiteral("create schema"));
                if (!done.ok())
                    return R<void>::failure(done.error());
            }
            auto version = run(QStringLiteral("SELECT version FROM schema_version"), {}, QStringLiteral("schema version"));
            if (!version.ok())
                return R<void>::failure(version.error());
            // Read and finished before anything else runs: SQLite will not drop a table
            // while a statement of the same connection still reads.
            const std::optional<int> stored =
                version.value().next() ? std::optional<int>(version.value().value(0).toInt()) : std::nullopt;
            version.value().finish();
            if (!stored) {
                auto insert = run(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"), {SchemaVersion},
                                  QStringLiteral("schema version"));
                if (!insert.ok())
                    return R<void>::failure(insert.error());
                return history->runAll(SqlHistory::schema(), QStringLiteral("create schema"));
            }
            if (*stored == 1) {
                auto migrated = migrateTokensToInvitations();
                if (!migrated.ok())
                    return migrated;
            }
            if (*stored <= 2) {
                auto migrated = history->migrateFromVersion2();
                if (!migrated.ok())
                    return migrated;
                auto updated = run(QStringLiteral("UPDATE schema_version SET version = 3"), {}, QStringLiteral("schema version"));
                if (!updated.ok())
                    return R<void>::failure(updated.error());
            } else if (*stored > SchemaVersion) {
                return R<void>::failure(error("storage_unavailable",
                                              QStringLiteral("docstore schema version %1 is newer than this server (%2)")
                                                  .arg(*stored)
                                                  .arg(SchemaVersion)));
            }
            return R<void>::success();
        });
    }

    // Version 1 -> 2: every token (already SHA-256) becomes an unnamed invitation
    // with the same hash, so a shared link made before keeps working; its member id
    // comes from the hash, the same on every server sharing the docstore.
    R<void> migrateTokensToInvitations()
    {
        const QStringList statements = {
            QStringLiteral("INSERT INTO invitations (id, project_id, name, role, token_hash, created_at) "
                           "SELECT 'u-' || substr(token_hash, 1, 12), project_id, '', role, token_hash, created_at FROM tokens"),
            QStringLiteral("DROP TABLE tokens"),
            QStringLiteral("UPDATE schema_version SET version = 2"),
        };
        for (const QString &sql : statements) {
            auto done = run(sql, {}, QStringLiteral("migrate tokens to invitations"));
            if (!done.ok())
                return R<void>::failure(done.error());
        }
        return R<void>::success();
    }

    R<void> requireProject(const QString &projectId)
    {
        auto q = run(QStringLiteral("SELECT 1 FROM projects WHERE id = ?"), {projectId}, QStringLiteral("find project"));
        if (!q.ok())
            return R<void>::failure(q.error());
        if (!q.value().next())
            return R<void>::failure(error("unknown_project", QStringLiteral("no project '%1'").arg(projectId)));
        return R<void>::success();
    }

    static TreeEntry entryFrom(const QSqlQuery &q)
    {
        // Columns: id, path, kind, size, file_sha256
        TreeEntry e;
        e.id = q.value(0).toString();
        e.path = q.value(1).toString();
        e.kind = kindFromName(q.value(2).toString());
        e.size = q.value(3).toLongLong();
        e.sha256 = q.value(4).toString().toLatin1();
        return e;
    }

    R<std::optional<TreeEntry>> entryAt(const QString &projectId, const QString &path)
    {
        auto q = run(QStringLiteral("SELECT id, path, kind, size, file_sha256 FROM entries WHERE project_id = ? AND path = ?"),
                     {projectId, path}, QStringLiteral("find entry"));
        if (!q.ok())
            return R<std::optional<TreeEntry>>::failure(q.error());
        if (!q.value().next())
            return R<std::optional<TreeEntry>>::success(std::nullopt);
        return R<std::optional<TreeEntry>>::success(entryFrom(q.value()));
    }

    R<TreeEntry> entryById(const QString &projectId, const QString &entryId)
    {
        auto q = run(QStringLiteral("SELECT id, path, kind, size, file_sha256 FROM entries WHERE project_id = ? AND id = ?"),
                     {projectId, entryId}, QStringLiteral("find entry"));
        if (!q.ok())
            return R<TreeEntry>::failure(q.error());
        if (!q.value().next())
            return R<TreeEntry>::failure(error("not_found", QStringLiteral("no entry '%1' in the project").arg(entryId)));
        return R<TreeEntry>::success(entryFrom(q.value()));
    }

    // Makes sure path is free and every parent of it is a folder (creating missing ones).
    R<void> preparePath(const QString &projectId, const QString &path, const Actor &by)
    {
        auto existing = entryAt(projectId, path);
        if (!existing.ok())
            return R<void>::failure(existing.error());
        if (existing.value())
            return R<void>::failure(error("path_exists", QStringLiteral("'%1' already exists").arg(path)));
        const QString parent = parentOf(path);
        return parent.isEmpty() ? R<void>::success() : ensureFolder(projectId, parent, by);
    }

    // folder and each of its parents: a folder already, or made one now.
    R<void> ensureFolder(const QString &projectId, const QString &folder, const Actor &by)
    {
        auto existing = entryAt(projectId, folder);
        if (!existing.ok())
            return R<void>::failure(existing.error());
        if (existing.value()) {
            if (existing.value()->kind != TreeEntry::Kind::Folder)
                return R<void>::failure(error("invalid_path", QStringLiteral("'%1' is not a folder").arg(folder)));
            return R<void>::success();
        }
        const QString parent = parentOf(folder);
        if (!parent.isEmpty()) {
            auto up = ensureFolder(projectId, parent, by);
            if (!up.ok())
                return up;
        }
        auto inserted = insertEntry(projectId, folder, TreeEntry::Kind::Folder, {}, 0, by);
        if (inserted.ok())
            return R<void>::success();
        if (inserted.error().code != QLatin1String("path_exists"))
            return R<void>::failure(inserted.error());
        // Another instance made it meanwhile (a doc in the same new folder): fine
        // if it is a folder.
        auto made = entryAt(projectId, folder);
        if (!made.ok())
            return R<void>::failure(made.error());
        if (!made.value() || made.value()->kind != TreeEntry::Kind::Folder)
            return R<void>::failure(error("invalid_path", QStringLiteral("'%1' is not a folder").arg(folder)));
        return R<void>::success();
    }

    // Inserts the entry and records its creation in the history.
    // id: a removed entry's own, when it is restored (else a new one).
    R<TreeEntry> insertEntry(const QString &projectId, const QString &path, TreeEntry::Kind kind,
                             const QByteArray &sha256, qint64 size, const Actor &by, const QString &id = {})
    {
        TreeEntry e{id.isEmpty() ? newId() : id, path, kind, size, sha256};
        // preparePath found the path free, but on PostgreSQL another instance's
        // transaction may have taken it since (SQLite's write lock rules that out):
        // it is then path_exists, as it would have been a moment later, not a
        // unique violation that aborts the transaction.
        auto q = run(QStringLiteral("INSERT INTO entries (id, project_id, path, kind, file_sha256, size) VALUES (?, ?, ?, ?, ?, ?) "
                                    "ON CONFLICT (project_id, path) DO NOTHING"),
                     {e.id, projectId, path, kindName(kind),
                      sha256.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(QString::fromLatin1(sha256)), size},
                     QStringLiteral("create entry"));
        if (!q.ok())
            return R<TreeEntry>::failure(q.error());
        if (q.value().numRowsAffected() == 0)
            return R<TreeEntry>::failure(error("path_exists", QStringLiteral("'%1' already exists").arg(path)));
        if (auto recorded = recordEvent(projectId, TreeEvent::Kind::Create, e, by); !recorded.ok())
            return R<TreeEntry>::failure(recorded.error());
        return R<TreeEntry>::success(e);
    }

    R<void> recordEvent(const QString &projectId, TreeEvent::Kind kind, const TreeEntry &e, const Actor &by,
                        const QString &oldPath = {})
    {
        TreeEvent event;
        event.kind = kind;
        event.entryId = e.id;
        event.entryKind = e.kind;
        event.path = e.path;
        event.oldPath = oldPath;
        event.sha256 = e.sha256;
        event.size = e.size;
        event.memberId = by.memberId;
        event.timestamp = by.at;
        return history->recordTreeEvents(projectId, {event});
    }

    // The time an op typed at op.madeAt (the client's clock) keeps in the history:
    // never after the server applied it (op.timestamp), never before the time of
    // the version it was typed on (op.baseVersion: the version the client says it
    // typed it on, which may be older than the one it was sent on; the doc's
    // creation for version 0), nor before the member's own ops stored after that
    // version (a member's ops keep their order in time), nor before the member's
    // invitation. times: the versions stored in the same batch, looked up before
    // the database; ownTimes: the member's latest time in this batch.
    R<qint64> typedTime(const QString &projectId, const QString &docId, const StoredOp &op, const QString &memberId,
                        const QHash<qint64, qint64> &times, const QHash<QString, qint64> &ownTimes)
    {
        const qint64 base = std::clamp<qint64>(op.baseVersion, 0, op.version - 1);
        qint64 floor = 0;
        if (auto known = times.constFind(base); known != times.constEnd()) {
            floor = known.value();
        } else {
            auto q = base > 0 ? run(QStringLiteral("SELECT ts FROM doc_ops WHERE doc_id = ? AND version = ?"), {docId, base},
                                    QStringLiteral("op time"))
                              : run(QStringLiteral("SELECT MIN(ts) FROM tree_events WHERE project_id = ? AND entry_id = ?"),
                                    {projectId, docId}, QStringLiteral("op time"));
            if (!q.ok())
                return R<qint64>::failure(q.error());
            // Unknown (a base the history lacks): the op keeps the server's time.
            if (!q.value().next() || q.value().value(0).isNull())
                return R<qint64>::success(op.timestamp);
            floor = q.value().value(0).toLongLong();
        }
        if (!memberId.isEmpty()) {
            // The ops between the base and this one are those it was rebased over
            // (few): the member's own latest among them, unless this batch has a later one.
            auto own = run(QStringLiteral("SELECT MAX(ts) FROM doc_ops WHERE doc_id = ? AND version > ? AND version < ? AND member_id = ?"),
                           {docId, base, op.version, memberId}, QStringLiteral("op time"));
            if (!own.ok())
                return R<qint64>::failure(own.error());
            if (own.value().next() && !own.value().value(0).isNull())
                floor = std::max(floor, own.value().value(0).toLongLong());
            floor = std::max(floor, ownTimes.value(memberId, 0));
            auto invited = run(QStringLiteral("SELECT created_at FROM invitations WHERE id = ? AND project_id = ?"),
                               {memberId, projectId}, QStringLiteral("op time"));
            if (!invited.ok())
                return R<qint64>::failure(invited.error());
            if (invited.value().next())
                floor = std::max(floor, invited.value().value(0).toLongLong());
        }
        return R<qint64>::success(std::clamp(op.madeAt, std::min(floor, op.timestamp), op.timestamp));
    }

    template <typename F>
    R<TreeEntry> createEntry(const QString &projectId, const QString &path, const Actor &by, F fill)
    {
        return transaction<TreeEntry>(QStringLiteral("create entry"), [&]() -> R<TreeEntry> {
            auto project = requireProject(projectId);
            if (!project.ok())
                return R<TreeEntry>::failure(project.error());
            auto prepared = preparePath(projectId, path, by);
            if (!prepared.ok())
                return R<TreeEntry>::failure(prepared.error());
            return fill();
        });
    }

    R<QList<TreeEntry>> entriesUnder(const QString &projectId, const TreeEntry &root)
    {
        QList<TreeEntry> out{root};
        if (root.kind != TreeEntry::Kind::Folder)
            return R<QList<TreeEntry>>::success(out);
        auto q = run(QStringLiteral("SELECT id, path, kind, size, file_sha256 FROM entries WHERE project_id = ? ORDER BY path"),
                     {projectId}, QStringLiteral("list entries"));
        if (!q.ok())
            return R<QList<TreeEntry>>::failure(q.error());
        const QString prefix = root.path + QLatin1Char('/');
        while (q.value().next()) {
            TreeEntry e = entryFrom(q.value());
            if (e.path.startsWith(prefix))
                out.append(e);
        }
        return R<QList<TreeEntry>>::success(out);
    }

    R<void> requireDoc(const QString &projectId, const QString &docId)
    {
        auto q = run(QStringLiteral("SELECT kind FROM entries WHERE project_id = ? AND id = ?"), {projectId, docId},
                     QStringLiteral("find doc"));
        if (!q.ok())
            return R<void>::failure(q.error());
        if (!q.value().next() || q.value().value(0).toString() != QLatin1String("doc"))
            return R<void>::failure(error("unknown_doc", QStringLiteral("no doc '%1' in project '%2'").arg(docId, projectId)));
        return R<void>::success();
    }
};

SqlDocstore::SqlDocstore(const QString &connectionName) : d(std::make_unique<Impl>())
{
    d->connectionName = connectionName;
}

SqlDocstore::~SqlDocstore()
{
    const QString name = d->connectionName;
    {
        QSqlDatabase database = QSqlDatabase::database(name, false);
        if (database.isValid())
            database.close();
    }
    QSqlDatabase::removeDatabase(name);
}

Docstore::Result<std::unique_ptr<SqlDocstore>> SqlDocstore::open(const ConnectionInfo &info)
{
    using Out = Result<std::unique_ptr<SqlDocstore>>;
    if (!QSqlDatabase::isDriverAvailable(info.driver))
        return Out::failure(error("storage_unavailable", QStringLiteral("the Qt SQL driver %1 is not installed").arg(info.driver)));
    const QString name = QStringLiteral("coauthor-docstore-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<SqlDocstore> store(new SqlDocstore(name));
    store->d->postgres = info.driver == QLatin1String("QPSQL");
    store->d->initHistory();
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(info.driver, name);
        database.setDatabaseName(info.databaseName);
        if (!info.host.isEmpty())
            database.setHostName(info.host);
        if (info.port > 0)
            database.setPort(info.port);
        if (!info.user.isEmpty())
            database.setUserName(info.user);
        if (!info.password.isEmpty())
            database.setPassword(info.password);
        if (!store->d->postgres)
            database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!database.open())
            return Out::failure(storageError(QStringLiteral("open %1").arg(info.databaseName), database.lastError()));
    }
    if (!store->d->postgres) {
        for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"}) {
            auto done = store->d->run(QString::fromLatin1(pragma), {}, QStringLiteral("configure SQLite"));
            // Switching a new file to WAL answers "locked" at once, without the busy
            // timeout, while another instance opening it does the same: try again.
            for (int attempt = 0; !done.ok() && attempt < 50; ++attempt) {
                QThread::msleep(100);
                done = store->d->run(QString::fromLatin1(pragma), {}, QStringLiteral("configure SQLite"));
            }
            if (!done.ok())
                return Out::failure(done.error());
        }
    }
    if (store->d->postgres) {
        // Not "relation … already exists, skipping" eight times in the server's log at every start.
        auto quiet = store->d->run(QStringLiteral("SET client_min_messages TO WARNING"), {}, QStringLiteral("configure PostgreSQL"));
        if (!quiet.ok())
            return Out::failure(quiet.error());
    }
    auto schema = store->d->createSchema();
    if (!schema.ok())
        return Out::failure(schema.error());
    return Out::success(std::move(store));
}

Docstore::Result<ProjectInfo> SqlDocstore::createProject(const QString &name)
{
    ProjectInfo p{newId(), name, now()};
    auto q = d->run(QStringLiteral("INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)"), {p.id, p.name, p.createdAt},
                    QStringLiteral("create project"));
    if (!q.ok())
        return Result<ProjectInfo>::failure(q.error());
    return Result<ProjectInfo>::success(p);
}

Docstore::Result<ProjectInfo> SqlDocstore::project(const QString &projectId)
{
    auto q = d->run(QStringLiteral("SELECT id, name, created_at FROM projects WHERE id = ?"), {projectId},
                    QStringLiteral("find project"));
    if (!q.ok())
        return Result<ProjectInfo>::failure(q.error());
    if (!q.value().next())
        return Result<ProjectInfo>::failure(error("unknown_project", QStringLiteral("no project '%1'").arg(projectId)));
    return Result<ProjectInfo>::success(
        ProjectInfo{q.value().value(0).toString(), q.value().value(1).toString(), q.value().value(2).toLongLong()});
}

Docstore::Result<QList<ProjectInfo>> SqlDocstore::projects()
{
    auto q = d->run(QStringLiteral("SELECT id, name, created_at FROM projects ORDER BY created_at, id"), {},
                    QStringLiteral("list projects"));
    if (!q.ok())
        return Result<QList<ProjectInfo>>::failure(q.error());
    QList<ProjectInfo> out;
    while (q.value().next())
        out.append(ProjectInfo{q.value().value(0).toString(), q.value().value(1).toString(), q.value().value(2).toLongLong()});
    return Result<QList<ProjectInfo>>::success(out);
}

static QString tokenHash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

// The row was found by its hash; comparing again in constant time keeps a timing
// difference from telling anything about a hash it did not match.
static bool sameHash(const QString &a, const QString &b)
{
    const QByteArray x = a.toLatin1();
    const QByteArray y = b.toLatin1();
    if (x.size() != y.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < x.size(); ++i)
        diff |= static_cast<unsigned char>(x.at(i) ^ y.at(i));
    return diff == 0;
}

static Invitation invitationFrom(const QSqlQuery &q)
{
    // Columns: id, project_id, name, role, created_at, revoked_at
    Invitation i;
    i.id = q.value(0).toString();
    i.projectId = q.value(1).toString();
    i.name = q.value(2).toString();
    i.role = q.value(3).toString() == QLatin1String("read_only") ? Role::ReadOnly : Role::ReadWrite;
    i.createdAt = q.value(4).toLongLong();
    i.revokedAt = q.value(5).isNull() ? 0 : q.value(5).toLongLong();
    return i;
}

static const char invitationColumns[] = "id, project_id, name, role, created_at, revoked_at";

Docstore::Result<IssuedInvitation> SqlDocstore::createInvitation(const QString &projectId, const QString &name, Role role)
{
    using Out = Result<IssuedInvitation>;
    if (name.size() > 100 || name != name.trimmed())
        return Out::failure(error("invalid_name", QStringLiteral("a name has at most 100 characters and no surrounding spaces")));
    auto project = d->requireProject(projectId);
    if (!project.ok())
        return Out::failure(project.error());
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(random.data()),
                                         reinterpret_cast<quint32 *>(random.data() + random.size()));
    IssuedInvitation issued;
    issued.token = QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    issued.invitation = Invitation{QStringLiteral("u-") + QUuid::createUuid().toString(QUuid::Id128).left(12), projectId,
                                   notNull(name), role, now(), 0};
    auto q = d->run(QStringLiteral("INSERT INTO invitations (id, project_id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                    {issued.invitation.id, projectId, issued.invitation.name, roleName(role), tokenHash(issued.token),
                     issued.invitation.createdAt},
                    QStringLiteral("create invitation"));
    if (!q.ok())
        return Out::failure(q.error());
    return Out::success(issued);
}

Docstore::Result<QList<Invitation>> SqlDocstore::invitations(const QString &projectId)
{
    using Out = Result<QList<Invitation>>;
    auto project = d->requireProject(projectId);
    if (!project.ok())
        return Out::failure(project.error());
    auto q = d->run(QStringLiteral("SELECT %1 FROM invitations WHERE project_id = ? ORDER BY created_at, id")
                        .arg(QLatin1String(invitationColumns)),
                    {projectId}, QStringLiteral("list invitations"));
    if (!q.ok())
        return Out::failure(q.error());
    QList<Invitation> out;
    while (q.value().next())
        out.append(invitationFrom(q.value()));
    return Out::success(out);
}

Docstore::Result<Invitation> SqlDocstore::revokeInvitation(const QString &projectId, const QString &invitationId,
                                                           const QString &name)
{
    using Out = Result<Invitation>;
    return d->transaction<Invitation>(QStringLiteral("revoke invitation"), [&]() -> Out {
        auto all = invitations(projectId);
        if (!all.ok())
            return Out::failure(all.error());
        QList<Invitation> matches;
        for (const Invitation &i : all.value()) {
            if (invitationId.isEmpty() ? (!i.isRevoked() && i.name == name) : i.id == invitationId)
                matches.append(i);
        }
        if (matches.isEmpty())
            return Out::failure(error("not_found", invitationId.isEmpty()
                                                       ? QStringLiteral("no active invitation for '%1'").arg(name)
                                                       : QStringLiteral("no invitation '%1' in the project").arg(invitationId)));
        if (matches.size() > 1)
            return Out::failure(error("ambiguous_name", QStringLiteral("%1 active invitations are named '%2'; revoke one by --id")
                                                            .arg(matches.size()).arg(name)));
        Invitation revoked = matches.first();
        if (!revoked.isRevoked()) {
            revoked.revokedAt = now();
            auto q = d->run(QStringLiteral("UPDATE invitations SET revoked_at = ? WHERE id = ?"), {revoked.revokedAt, revoked.id},
                            QStringLiteral("revoke invitation"));
            if (!q.ok())
                return Out::failure(q.error());
        }
        return Out::success(revoked);
    });
}

Docstore::Result<Invitation> SqlDocstore::authenticate(const QString &projectId, const QString &token)
{
    const QString hash = tokenHash(token);
    auto q = d->run(QStringLiteral("SELECT %1, token_hash FROM invitations WHERE token_hash = ? AND project_id = ? AND revoked_at IS NULL")
                        .arg(QLatin1String(invitationColumns)),
                    {hash, projectId}, QStringLiteral("check token"));
    if (!q.ok())
        return Result<Invitation>::failure(q.error());
    if (token.isEmpty() || !q.value().next() || !sameHash(q.value().value(6).toString(), hash))
        return Result<Invitation>::failure(error("unauthorized", QStringLiteral("the token is not valid for this project")));
    return Result<Invitation>::success(invitationFrom(q.value()));
}

Docstore::Result<void> SqlDocstore::bindClientId(const QString &projectId, const QString &clientId, const QString &memberId)
{
    // INSERT … ON CONFLICT DO NOTHING then read: of two servers binding at once, the
    // first insert wins and both read the same owner.
    auto insert = d->run(QStringLiteral("INSERT INTO client_ids (project_id, client_id, member_id) VALUES (?, ?, ?) "
                                        "ON CONFLICT (project_id, client_id) DO NOTHING"),
                         {projectId, clientId, memberId}, QStringLiteral("bind clientId"));
    if (!insert.ok())
        return Result<void>::failure(insert.error());
    auto owner = clientIdOwner(projectId, clientId);
    if (!owner.ok())
        return Result<void>::failure(owner.error());
    if (owner.value() != memberId)
        return Result<void>::failure(error("client_id_taken", QStringLiteral("clientId '%1' belongs to another member of the project")
                                                                  .arg(clientId)));
    return Result<void>::success();
}

Docstore::Result<std::optional<QString>> SqlDocstore::clientIdOwner(const QString &projectId, const QString &clientId)
{
    auto q = d->run(QStringLiteral("SELECT member_id FROM client_ids WHERE project_id = ? AND client_id = ?"), {projectId, clientId},
                    QStringLiteral("find clientId"));
    if (!q.ok())
        return Result<std::optional<QString>>::failure(q.error());
    if (!q.value().next())
        return Result<std::optional<QString>>::success(std::nullopt);
    return Result<std::optional<QString>>::success(q.value().value(0).toString());
}

Docstore::Result<QList<TreeEntry>> SqlDocstore::entries(const QString &projectId)
{
    auto project = d->requireProject(projectId);
    if (!project.ok())
        return Result<QList<TreeEntry>>::failure(project.error());
    auto q = d->run(QStringLiteral("SELECT id, path, kind, size, file_sha256 FROM entries WHERE project_id = ? ORDER BY path"),
                    {projectId}, QStringLiteral("list entries"));
    if (!q.ok())
        return Result<QList<TreeEntry>>::failure(q.error());
    QList<TreeEntry> out;
    while (q.value().next())
        out.append(Impl::entryFrom(q.value()));
    return Result<QList<TreeEntry>>::success(out);
}

Docstore::Result<TreeEntry> SqlDocstore::entry(const QString &projectId, const QString &entryId)
{
    return d->entryById(projectId, entryId);
}

Docstore::Result<TreeEntry> SqlDocstore::createDoc(const QString &projectId, const QString &path, const QString &text,
                                                const Actor &by)
{
    return d->createEntry(projectId, path, by, [&]() -> Result<TreeEntry> {
        auto e = d->insertEntry(projectId, path, TreeEntry::Kind::Doc, {}, 0, by);
        if (!e.ok())
            return e;
        auto q = d->run(QStringLiteral("INSERT INTO docs (entry_id, text, version) VALUES (?, ?, 0)"), {e.value().id, d->storedText(text)},
                        QStringLiteral("create doc"));
        if (!q.ok())
            return Result<TreeEntry>::failure(q.error());
        // The text it was created with: version 0 of its history.
        if (auto snapshot = d->history->storeSnapshot(e.value().id, 0, text); !snapshot.ok())
            return Result<TreeEntry>::failure(snapshot.error());
        return e;
    });
}

Docstore::Result<TreeEntry> SqlDocstore::createFolder(const QString &projectId, const QString &path, const Actor &by)
{
    return d->createEntry(projectId, path, by,
                          [&]() -> Result<TreeEntry> { return d->insertEntry(projectId, path, TreeEntry::Kind::Folder, {}, 0, by); });
}

Docstore::Result<void> SqlDocstore::storeContent(const QByteArray &sha, const QByteArray &content)
{
    auto known = d->run(QStringLiteral("SELECT 1 FROM files WHERE sha256 = ?"), {QString::fromLatin1(sha)},
                        QStringLiteral("find file"));
    if (!known.ok())
        return Result<void>::failure(known.error());
    if (known.value().next())
        return Result<void>::success();
    // Two instances storing the same new content at once: one row.
    auto q = d->run(QStringLiteral("INSERT INTO files (sha256, size, content) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING"),
                    {QString::fromLatin1(sha), qint64(content.size()), content}, QStringLiteral("store file"));
    if (!q.ok())
        return Result<void>::failure(q.error());
    return Result<void>::success();
}

Docstore::Result<TreeEntry> SqlDocstore::createFile(const QString &projectId, const QString &path, const QByteArray &content,
                                                 const Actor &by)
{
    const QByteArray sha = QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
    return d->createEntry(projectId, path, by, [&]() -> Result<TreeEntry> {
        if (auto stored = storeContent(sha, content); !stored.ok())
            return Result<TreeEntry>::failure(stored.error());
        return d->insertEntry(projectId, path, TreeEntry::Kind::File, sha, content.size(), by);
    });
}

// The old content stays in files (keyed by its hash): the history's versions of the
// file are read from there.
Docstore::Result<TreeEntry> SqlDocstore::replaceFile(const QString &projectId, const QString &fileId, const QByteArray &content,
                                                  const Actor &by)
{
    const QByteArray sha = QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
    return d->transaction<TreeEntry>(QStringLiteral("replace file"), [&]() -> Result<TreeEntry> {
        auto entry = d->entryById(projectId, fileId);
        if (!entry.ok())
            return entry;
        if (entry.value().kind != TreeEntry::Kind::File)
            return Result<TreeEntry>::failure(error("not_found", QStringLiteral("'%1' is not a file").arg(entry.value().path)));
        if (auto stored = storeContent(sha, content); !stored.ok())
            return Result<TreeEntry>::failure(stored.error());
        auto q = d->run(QStringLiteral("UPDATE entries SET file_sha256 = ?, size = ? WHERE id = ?"),
                        {QString::fromLatin1(sha), qint64(content.size()), fileId}, QStringLiteral("replace file"));
        if (!q.ok())
            return Result<TreeEntry>::failure(q.error());
        TreeEntry out = entry.value();
        out.sha256 = sha;
        out.size = content.size();
        if (auto recorded = d->recordEvent(projectId, TreeEvent::Kind::Replace, out, by); !recorded.ok())
            return Result<TreeEntry>::failure(recorded.error());
        return Result<TreeEntry>::success(out);
    });
}

Docstore::Result<TreeEntry> SqlDocstore::moveEntry(const QString &projectId, const QString &entryId, const QString &newPath,
                                                const Actor &by)
{
    return d->transaction<TreeEntry>(QStringLiteral("move entry"), [&]() -> Result<TreeEntry> {
        auto root = d->entryById(projectId, entryId);
        if (!root.ok())
            return root;
        const QString oldPath = root.value().path;
        if (newPath == oldPath)
            return root;
        if (root.value().kind == TreeEntry::Kind::Folder && newPath.startsWith(oldPath + QLatin1Char('/')))
            return Result<TreeEntry>::failure(error("invalid_path", QStringLiteral("cannot move a folder into itself")));
        auto moved = d->entriesUnder(projectId, root.value());
        if (!moved.ok())
            return Result<TreeEntry>::failure(moved.error());
        auto prepared = d->preparePath(projectId, newPath, by);
        if (!prepared.ok())
            return Result<TreeEntry>::failure(prepared.error());
        for (const TreeEntry &e : moved.value()) {
            const QString path = newPath + e.path.mid(oldPath.size());
            auto q = d->run(QStringLiteral("UPDATE entries SET path = ? WHERE id = ?"), {path, e.id}, QStringLiteral("move entry"));
            if (!q.ok())
                return Result<TreeEntry>::failure(q.error());
            TreeEntry now = e;
            now.path = path;
            if (auto recorded = d->recordEvent(projectId, TreeEvent::Kind::Move, now, by, e.path); !recorded.ok())
                return Result<TreeEntry>::failure(recorded.error());
        }
        TreeEntry out = root.value();
        out.path = newPath;
        return Result<TreeEntry>::success(out);
    });
}

Docstore::Result<QList<TreeEntry>> SqlDocstore::removeEntry(const QString &projectId, const QString &entryId, const Actor &by)
{
    return d->transaction<QList<TreeEntry>>(QStringLiteral("remove entry"), [&]() -> Result<QList<TreeEntry>> {
        auto root = d->entryById(projectId, entryId);
        if (!root.ok())
            return Result<QList<TreeEntry>>::failure(root.error());
        auto removed = d->entriesUnder(projectId, root.value());
        if (!removed.ok())
            return removed;
        // Deepest first, so nothing is left without its folder even mid-transaction.
        // A doc's ops stay (the history shows deleted files), with a snapshot of its
        // last text; file contents stay for the file's old versions.
        for (qsizetype i = removed.value().size() - 1; i >= 0; --i) {
            const TreeEntry &e = removed.value().at(i);
            if (e.kind == TreeEntry::Kind::Doc) {
                auto last = d->run(QStringLiteral("INSERT INTO doc_snapshots (doc_id, version, text) SELECT entry_id, version, text "
                                                  "FROM docs WHERE entry_id = ? ON CONFLICT (doc_id, version) DO NOTHING"),
                                   {e.id}, QStringLiteral("remove entry"));
                if (!last.ok())
                    return Result<QList<TreeEntry>>::failure(last.error());
            }
            for (const char *sql : {"DELETE FROM docs WHERE entry_id = ?", "DELETE FROM entries WHERE id = ?"}) {
                auto q = d->run(QString::fromLatin1(sql), {e.id}, QStringLiteral("remove entry"));
                if (!q.ok())
                    return Result<QList<TreeEntry>>::failure(q.error());
            }
            if (auto recorded = d->recordEvent(projectId, TreeEvent::Kind::Remove, e, by); !recorded.ok())
                return Result<QList<TreeEntry>>::failure(recorded.error());
        }
        return removed;
    });
}

Docstore::Result<QByteArray> SqlDocstore::fileContent(const QString &projectId, const QString &fileId)
{
    auto e = d->entryById(projectId, fileId);
    if (!e.ok())
        return Result<QByteArray>::failure(e.error());
    if (e.value().kind != TreeEntry::Kind::File)
        return Result<QByteArray>::failure(error("not_found", QStringLiteral("'%1' is not a file").arg(e.value().path)));
    auto q = d->run(QStringLiteral("SELECT content FROM files WHERE sha256 = ?"), {QString::fromLatin1(e.value().sha256)},
                    QStringLiteral("read file"));
    if (!q.ok())
        return Result<QByteArray>::failure(q.error());
    if (!q.value().next())
        return Result<QByteArray>::failure(error("not_found", QStringLiteral("the content of '%1' is missing").arg(e.value().path)));
    return Result<QByteArray>::success(q.value().value(0).toByteArray());
}

Docstore::Result<StoredDoc> SqlDocstore::loadDoc(const QString &projectId, const QString &docId)
{
    auto q = d->run(QStringLiteral("SELECT e.path, d.text, d.version FROM entries e JOIN docs d ON d.entry_id = e.id "
                                   "WHERE e.project_id = ? AND e.id = ?"),
                    {projectId, docId}, QStringLiteral("load doc"));
    if (!q.ok())
        return Result<StoredDoc>::failure(q.error());
    if (!q.value().next())
        return Result<StoredDoc>::failure(error("unknown_doc", QStringLiteral("no doc '%1' in project '%2'").arg(docId, projectId)));
    return Result<StoredDoc>::success(StoredDoc{projectId, docId, q.value().value(0).toString(),
                                                d->loadedText(q.value().value(1).toString()), q.value().value(2).toLongLong()});
}

Docstore::Result<void> SqlDocstore::storeDoc(const QString &projectId, const QString &docId, const QString &text,
                                             qint64 version, const QList<StoredOp> &ops)
{
    return d->transaction<void>(QStringLiteral("store doc"), [&]() -> Result<void> {
        auto doc = d->requireDoc(projectId, docId);
        if (!doc.ok())
            return doc;
        // The project's row first: on PostgreSQL another instance flushing the same
        // project waits here until it committed, so the ops it stored are seen below
        // and get no second project version (SQLite's BEGIN IMMEDIATE did this already).
        if (auto locked = d->history->allocate(projectId, 0); !locked.ok())
            return Result<void>::failure(locked.error());
        auto stored = d->run(QStringLiteral("SELECT d.version, d.text, e.path, "
                                            "(SELECT MAX(o.version) FROM doc_ops o WHERE o.doc_id = d.entry_id) "
                                            "FROM docs d JOIN entries e ON e.id = d.entry_id WHERE d.entry_id = ?"),
                             {docId}, QStringLiteral("store doc"));
        if (!stored.ok())
            return Result<void>::failure(stored.error());
        const bool found = stored.value().next();
        const qint64 storedVersion = found ? stored.value().value(0).toLongLong() : 0;
        const QString storedText = found ? d->loadedText(stored.value().value(1).toString()) : QString();
        const QString path = found ? stored.value().value(2).toString() : QString();
        const qint64 lastOp = found ? stored.value().value(3).toLongLong() : 0;
        stored.value().finish();

        // The history: each op not stored yet takes the project's next version, its
        // author (the member its clientId is bound to), its words, and every
        // SnapshotInterval-th version a snapshot of the text, replayed from the stored one.
        qint64 newOps = 0;
        for (const StoredOp &op : ops)
            newOps += op.version > lastOp ? 1 : 0;
        qint64 firstVersion = 0;
        if (newOps > 0) {
            auto allocated = d->history->allocate(projectId, newOps);
            if (!allocated.ok())
                return Result<void>::failure(allocated.error());
            firstVersion = allocated.value();
        }
        QHash<QString, QString> members;
        QHash<qint64, qint64> times;      // doc version -> its time, for this batch's ops
        QHash<QString, qint64> ownTimes;  // member -> the latest time of their ops in this batch
        QList<SqlHistory::OpRecord> records;
        ot::TextBuffer buffer(storedText);
        qint64 bufferVersion = storedVersion;

        // One statement prepared for the whole batch (a flush stores ~100 ops):
        // preparing it per op cost more than running it. A row already there is
        // skipped: a second flush of the same ops, or on PostgreSQL the same op
        // stored a moment ago by another instance's flush (a unique (clientId, seq)
        // the check below could not see yet). An op skipped for anything else
        // leaves a hole, which the count further down refuses; the next flush
        // sees its (clientId, seq) taken and stores it under -version.
        QSqlQuery append = d->query();
        if (!ops.isEmpty()
            && !append.prepare(QStringLiteral("INSERT INTO doc_ops (doc_id, version, op, client_id, seq, ts, pv, member_id) "
                                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")))
            return Result<void>::failure(storageError(QStringLiteral("append history"), append.lastError()));
        for (const StoredOp &op : ops) {
            const QString json =
                QString::fromUtf8(QJsonDocument(ot::toJson(op.op)).toJson(QJsonDocument::Compact));
            // Older servers applied a reused seq as a new op. Such an op is part of
            // the text, so it is stored (a hole would break every later rejoin),
            // under a seq no client sends (-version), so the op that had the
            // (clientId, seq) first keeps it.
            qint64 seq = op.seq;
            auto taken = d->run(QStringLiteral("SELECT version FROM doc_ops WHERE doc_id = ? AND client_id = ? AND seq = ?"),
                                {docId, op.clientId, op.seq}, QStringLiteral("append history"));
            if (!taken.ok())
                return Result<void>::failure(taken.error());
            if (taken.value().next() && taken.value().value(0).toLongLong() != op.version)
                seq = -op.version;
            SqlHistory::OpRecord record{0, op.version, op.timestamp, {}, 0, 0};
            if (op.version > lastOp) {
                auto member = members.constFind(op.clientId);
                if (member == members.constEnd()) {
                    auto owner = clientIdOwner(projectId, op.clientId);
                    if (!owner.ok())
                        return Result<void>::failure(owner.error());
                    member = members.insert(op.clientId, owner.value().value_or(QString()));
                }
                record.memberId = member.value();
                record.projectVersion = firstVersion + records.size();
                if (op.madeAt > 0) {
                    auto clamped = d->typedTime(projectId, docId, op, record.memberId, times, ownTimes);
                    if (!clamped.ok())
                        return Result<void>::failure(clamped.error());
                    record.timestamp = clamped.value();
                }
                if (!record.memberId.isEmpty())
                    ownTimes.insert(record.memberId, std::max(ownTimes.value(record.memberId, 0), record.timestamp));
            }
            const qint64 timestamp = record.timestamp;
            times.insert(op.version, timestamp);
            if (op.version == bufferVersion + 1) {
                if (SqlHistory::countWords(buffer, op.op, &record.wordsAdded, &record.wordsRemoved)) {
                    bufferVersion = op.version;
                    if (op.version > lastOp && op.version % SnapshotInterval == 0) {
                        if (auto snapshot = d->history->storeSnapshot(docId, op.version, buffer.toString()); !snapshot.ok())
                            return snapshot;
                    }
                } else {
                    bufferVersion = -1; // does not apply to the stored text: no words or snapshots from it
                }
            }
            if (op.version > lastOp)
                records.append(record);
            const QVariantList values{docId, op.version, json, op.clientId, seq, timestamp, record.projectVersion,
                                      notNull(record.memberId)};
            for (int i = 0; i < values.size(); ++i)
                append.bindValue(i, values.at(i));
            if (!append.exec())
                return Result<void>::failure(storageError(QStringLiteral("append history"), append.lastError()));
        }
        // The history must hold every version up to the one being stored, or a
        // later rejoin could not be rebased; refuse rather than store a doc with a
        // hole behind it (Redis keeps the ops until a flush succeeds).
        if (version > storedVersion) {
            auto count = d->run(QStringLiteral("SELECT COUNT(*) FROM doc_ops WHERE doc_id = ? AND version > ? AND version <= ?"),
                                {docId, storedVersion, version}, QStringLiteral("check history"));
            if (!count.ok())
                return Result<void>::failure(count.error());
            const qint64 have = count.value().next() ? count.value().value(0).toLongLong() : 0;
            if (have != version - storedVersion)
                return Result<void>::failure(error("internal", QStringLiteral("history of doc '%1' lacks %2 of the versions %3..%4")
                                                                   .arg(docId).arg(version - storedVersion - have)
                                                                   .arg(storedVersion + 1).arg(version)));
        }
        if (auto recorded = d->history->recordOps(projectId, docId, path, records); !recorded.ok())
            return recorded;
        auto q = d->run(QStringLiteral("UPDATE docs SET text = ?, version = ? WHERE entry_id = ? AND version < ?"),
                        {d->storedText(text), version, docId, version}, QStringLiteral("store doc"));
        if (!q.ok())
            return Result<void>::failure(q.error());
        return Result<void>::success();
    });
}

Docstore::Result<QList<StoredOp>> SqlDocstore::opsSince(const QString &projectId, const QString &docId, qint64 fromVersion,
                                                        qint64 toVersion, qint64 maxOps, qint64 maxBytes)
{
    auto doc = d->requireDoc(projectId, docId);
    if (!doc.ok())
        return Result<QList<StoredOp>>::failure(doc.error());
    // LIMIT bounds what the driver fetches; the byte bound stops reading rows.
    auto q = d->run(QStringLiteral("SELECT version, op, client_id, seq, ts FROM doc_ops WHERE doc_id = ? AND version > ? "
                                   "AND version <= ? ORDER BY version LIMIT ?"),
                    {docId, fromVersion, toVersion < 0 ? std::numeric_limits<qint64>::max() : toVersion,
                     maxOps < 0 ? std::numeric_limits<qint64>::max() : maxOps},
                    QStringLiteral("read history"));
    if (!q.ok())
        return Result<QList<StoredOp>>::failure(q.error());
    QList<StoredOp> out;
    qint64 bytes = 0;
    while ((maxBytes < 0 || bytes < maxBytes) && q.value().next()) {
        const QString json = q.value().value(1).toString();
        bytes += json.size();
        auto op = ot::operationFromJsonText(json.toUtf8(), ot::JsonLimits{1 << 30, 1 << 30});
        if (!op.ok())
            return Result<QList<StoredOp>>::failure(
                error("internal", QStringLiteral("history of doc '%1' has a bad op at version %2: %3")
                                      .arg(docId).arg(q.value().value(0).toLongLong()).arg(op.error().message)));
        out.append(StoredOp{q.value().value(0).toLongLong(), op.takeValue(), q.value().value(2).toString(),
                            q.value().value(3).toLongLong(), q.value().value(4).toLongLong()});
    }
    return Result<QList<StoredOp>>::success(out);
}

Docstore::Result<std::optional<qint64>> SqlDocstore::lastSeq(const QString &projectId, const QString &docId,
                                                             const QString &clientId)
{
    Q_UNUSED(projectId);
    auto q = d->run(QStringLiteral("SELECT MAX(seq) FROM doc_ops WHERE doc_id = ? AND client_id = ?"), {docId, clientId},
                    QStringLiteral("last seq"));
    if (!q.ok())
        return Result<std::optional<qint64>>::failure(q.error());
    if (!q.value().next() || q.value().value(0).isNull())
        return Result<std::optional<qint64>>::success(std::nullopt);
    return Result<std::optional<qint64>>::success(q.value().value(0).toLongLong());
}

Docstore::Result<std::optional<qint64>> SqlDocstore::findOp(const QString &projectId, const QString &docId,
                                                            const QString &clientId, qint64 seq)
{
    Q_UNUSED(projectId);
    auto q = d->run(QStringLiteral("SELECT version FROM doc_ops WHERE doc_id = ? AND client_id = ? AND seq = ?"),
                    {docId, clientId, seq}, QStringLiteral("find op"));
    if (!q.ok())
        return Result<std::optional<qint64>>::failure(q.error());
    if (!q.value().next())
        return Result<std::optional<qint64>>::success(std::nullopt);
    return Result<std::optional<qint64>>::success(q.value().value(0).toLongLong());
}

void SqlDocstore::setChangeGrouping(const ChangeGrouping &grouping)
{
    d->history->setGrouping(grouping);
}

Docstore::Result<qint64> SqlDocstore::projectVersion(const QString &projectId)
{
    return d->history->projectVersion(projectId);
}

Docstore::Result<QList<StoredChange>> SqlDocstore::changes(const QString &projectId, const QString &entryId,
                                                           qint64 beforeVersion, int limit)
{
    if (auto project = d->requireProject(projectId); !project.ok())
        return Result<QList<StoredChange>>::failure(project.error());
    return d->history->changes(projectId, entryId, beforeVersion, limit);
}

Docstore::Result<QList<TreeEvent>> SqlDocstore::treeEvents(const QString &projectId, qint64 fromVersion, qint64 toVersion,
                                                           const QString &entryId)
{
    if (auto project = d->requireProject(projectId); !project.ok())
        return Result<QList<TreeEvent>>::failure(project.error());
    return d->history->treeEvents(projectId, fromVersion, toVersion, entryId);
}

Docstore::Result<std::pair<qint64, QString>> SqlDocstore::docSnapshot(const QString &projectId, const QString &docId,
                                                                      qint64 docVersion)
{
    return d->history->docSnapshot(projectId, docId, docVersion);
}

Docstore::Result<QList<StoredOp>> SqlDocstore::historyOps(const QString &projectId, const QString &docId, qint64 fromVersion,
                                                          qint64 toVersion, qint64 maxOps)
{
    return d->history->historyOps(projectId, docId, fromVersion, toVersion, maxOps);
}

Docstore::Result<qint64> SqlDocstore::docVersionAt(const QString &projectId, const QString &docId, qint64 projectVersion)
{
    return d->history->docVersionAt(projectId, docId, projectVersion);
}

Docstore::Result<QByteArray> SqlDocstore::contentByHash(const QString &projectId, const QByteArray &sha256)
{
    return d->history->contentByHash(projectId, sha256);
}

Docstore::Result<QList<StoredLabel>> SqlDocstore::labels(const QString &projectId)
{
    if (auto project = d->requireProject(projectId); !project.ok())
        return Result<QList<StoredLabel>>::failure(project.error());
    return d->history->labels(projectId);
}

Docstore::Result<StoredLabel> SqlDocstore::addLabel(const QString &projectId, const QString &name, qint64 projectVersion,
                                                   const Actor &by)
{
    return d->transaction<StoredLabel>(QStringLiteral("add label"),
                                       [&]() { return d->history->addLabel(projectId, name, projectVersion, by); });
}

// History compaction (sqlcompaction.cpp): one transaction, the project's row first
// (as storeDoc takes it), through the same statement runner as the history.
Docstore::Result<Docstore::CompactionStats> SqlDocstore::compactHistory(const QString &projectId, const HistoryCompaction &how)
{
    return d->transaction<CompactionStats>(QStringLiteral("compact history"), [&]() -> Result<CompactionStats> {
        if (auto locked = d->history->allocate(projectId, 0); !locked.ok())
            return Result<CompactionStats>::failure(locked.error());
        SqlCompaction compaction(
            [this](const QString &sql, const QVariantList &values, const QString &what) { return d->run(sql, values, what); },
            SqlHistory::TextCodec{[this](const QString &t) { return d->storedText(t); },
                                  [this](const QString &t) { return d->loadedText(t); }},
            *d->history);
        return compaction.compact(projectId, how);
    });
}

namespace {

// The op turning before into after: their common prefix and suffix kept (never
// cutting a surrogate pair), the middle replaced. A restore's one edit.
ot::TextOperation replaceMiddle(const QString &before, const QString &after)
{
    qsizetype prefix = 0;
    const qsizetype shorter = std::min(before.size(), after.size());
    while (prefix < shorter && before.at(prefix) == after.at(prefix))
        ++prefix;
    if (prefix > 0 && prefix < shorter && before.at(prefix - 1).isHighSurrogate())
        --prefix;
    qsizetype suffix = 0;
    while (suffix < shorter - prefix && before.at(before.size() - 1 - suffix) == after.at(after.size() - 1 - suffix))
        ++suffix;
    if (suffix > 0 && suffix < shorter - prefix && before.at(before.size() - suffix).isLowSurrogate())
        --suffix;
    QList<ot::Component> components;
    const QString removed = before.mid(prefix, before.size() - prefix - suffix);
    const QString inserted = after.mid(prefix, after.size() - prefix - suffix);
    if (!removed.isEmpty())
        components.append(ot::Component::erase(prefix, removed));
    if (!inserted.isEmpty())
        components.append(ot::Component::insert(prefix, inserted));
    return ot::TextOperation(components);
}

} // namespace

Docstore::Result<TreeEntry> SqlDocstore::restoreEntry(const QString &projectId, const QString &entryId, const QString &path,
                                                   const QString &text, const QByteArray &sha256, const Actor &by)
{
    using Out = Result<TreeEntry>;
    return d->transaction<TreeEntry>(QStringLiteral("restore entry"), [&]() -> Out {
        if (auto project = d->requireProject(projectId); !project.ok())
            return Out::failure(project.error());
        auto alive = d->run(QStringLiteral("SELECT path FROM entries WHERE id = ?"), {entryId}, QStringLiteral("restore entry"));
        if (!alive.ok())
            return Out::failure(alive.error());
        if (alive.value().next())
            return Out::failure(error("not_removed", QStringLiteral("'%1' was not removed: it is '%2'").arg(entryId, alive.value().value(0).toString())));
        alive.value().finish();
        auto events = d->history->treeEvents(projectId, 0, -1, entryId);
        if (!events.ok())
            return Out::failure(events.error());
        if (events.value().isEmpty() || events.value().last().entryKind == TreeEntry::Kind::Folder)
            return Out::failure(error("not_found", QStringLiteral("'%1' was never a doc or file of the project").arg(entryId)));
        const TreeEntry::Kind kind = events.value().last().entryKind;
        qint64 size = 0;
        if (kind == TreeEntry::Kind::File) {
            auto content = d->run(QStringLiteral("SELECT size FROM files WHERE sha256 = ?"), {QString::fromLatin1(sha256)},
                                  QStringLiteral("restore entry"));
            if (!content.ok())
                return Out::failure(content.error());
            if (sha256.isEmpty() || !content.value().next())
                return Out::failure(error("not_found", QStringLiteral("no content with hash '%1'").arg(QString::fromLatin1(sha256.left(64)))));
            size = content.value().value(0).toLongLong();
        }
        if (auto prepared = d->preparePath(projectId, path, by); !prepared.ok())
            return Out::failure(prepared.error());
        auto e = d->insertEntry(projectId, path, kind, kind == TreeEntry::Kind::File ? sha256 : QByteArray(), size, by, entryId);
        if (!e.ok() || kind == TreeEntry::Kind::File)
            return e;
        auto last = d->history->lastText(projectId, entryId);
        if (!last.ok())
            return Out::failure(last.error());
        const auto &[removedAt, removedText] = last.value();
        qint64 version = removedAt;
        const ot::TextOperation op = replaceMiddle(removedText, text);
        if (!op.components().isEmpty()) {
            version = removedAt + 1;
            if (auto appended = d->history->appendOp(projectId, entryId, path, version, op, removedText, by.memberId,
                                                     by.at ? by.at : now());
                !appended.ok())
                return Out::failure(appended.error());
            if (auto snapshot = d->history->storeSnapshot(entryId, version, text); !snapshot.ok())
                return Out::failure(snapshot.error());
        }
        auto q = d->run(QStringLiteral("INSERT INTO docs (entry_id, text, version) VALUES (?, ?, ?)"),
                        {entryId, d->storedText(text), version}, QStringLiteral("restore entry"));
        if (!q.ok())
            return Out::failure(q.error());
        return e;
    });
}

Docstore::Result<void> SqlDocstore::setMemberName(const QString &projectId, const QString &memberId, const QString &name)
{
    if (memberId.isEmpty() || name.isEmpty())
        return Result<void>::success();
    auto q = d->run(QStringLiteral("INSERT INTO member_names (project_id, member_id, name, seen_at) VALUES (?, ?, ?, ?) "
                                   "ON CONFLICT (project_id, member_id) DO UPDATE SET name = excluded.name, seen_at = excluded.seen_at"),
                    {projectId, memberId, name.left(100), now()}, QStringLiteral("member name"));
    if (!q.ok())
        return Result<void>::failure(q.error());
    return Result<void>::success();
}

Docstore::Result<QHash<QString, QString>> SqlDocstore::memberNames(const QString &projectId)
{
    auto q = d->run(QStringLiteral("SELECT member_id, name FROM member_names WHERE project_id = ?"), {projectId},
                    QStringLiteral("member names"));
    if (!q.ok())
        return Result<QHash<QString, QString>>::failure(q.error());
    QHash<QString, QString> out;
    while (q.value().next())
        out.insert(q.value().value(0).toString(), q.value().value(1).toString());
    return Result<QHash<QString, QString>>::success(out);
}

} // namespace coauthor::sync
