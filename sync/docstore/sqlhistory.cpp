#include "sync/docstore/sqlhistory_p.h"

#include "sync/docstore/sqldocstore.h"
#include "sync/docstore/sqlhistoryrows_p.h"
#include "sync/ot/operations.h"
#include "sync/ot/opjson.h"
#include "sync/ot/textbuffer.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>

#include <algorithm>
#include <limits>
#include <map>

// The changes are written as the events are (not grouped when read), so listing
// the changes of a long history reads a page of rows, not the ops behind them.
// A change row is only ever extended at its end: its from_pv (its identity) never
// moves. Every statement here runs in the caller's transaction; allocate() is the
// first write of each, so on PostgreSQL the project's row lock orders concurrent
// writers before they read the open change.

namespace coauthor::sync {

namespace {

template <typename T>
using R = Docstore::Result<T>;

ServiceError error(const char *code, const QString &message)
{
    return ServiceError::make(QString::fromLatin1(code), message);
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

const char *treeKindName(TreeEvent::Kind kind)
{
    switch (kind) {
    case TreeEvent::Kind::Create: return "create";
    case TreeEvent::Kind::Move: return "move";
    case TreeEvent::Kind::Remove: return "remove";
    case TreeEvent::Kind::Replace: return "replace";
    }
    return "create";
}

TreeEvent::Kind treeKindFromName(const QString &name)
{
    if (name == QLatin1String("move"))
        return TreeEvent::Kind::Move;
    if (name == QLatin1String("remove"))
        return TreeEvent::Kind::Remove;
    if (name == QLatin1String("replace"))
        return TreeEvent::Kind::Replace;
    return TreeEvent::Kind::Create;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// Word starts in s when the character before it is before (a word counted where it
// starts, so typing or deleting it letter by letter counts it once).
qint64 wordStarts(const QString &s, QChar before)
{
    qint64 n = 0;
    QChar previous = before;
    for (QChar c : s) {
        if (isWordChar(c) && !isWordChar(previous))
            ++n;
        previous = c;
    }
    return n;
}

} // namespace

namespace historyrows {

TreeEntry::Kind entryKindFromName(const QString &name)
{
    if (name == QLatin1String("file"))
        return TreeEntry::Kind::File;
    if (name == QLatin1String("folder"))
        return TreeEntry::Kind::Folder;
    return TreeEntry::Kind::Doc;
}

namespace {
const char *const fileKindNames[] = {"edited", "created", "renamed", "deleted", "file_version"};

} // namespace

QString encodeKinds(const QList<StoredChangeFile::Kind> &kinds)
{
    QStringList names;
    for (StoredChangeFile::Kind k : kinds)
        names.append(QString::fromLatin1(fileKindNames[int(k)]));
    return names.join(QLatin1Char(','));
}

QList<StoredChangeFile::Kind> decodeKinds(const QString &text)
{
    QList<StoredChangeFile::Kind> out;
    for (const QString &name : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        for (int i = 0; i < 5; ++i) {
            if (name == QLatin1String(fileKindNames[i]))
                out.append(StoredChangeFile::Kind(i));
        }
    }
    return out;
}

QString nullToEmpty(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

StoredChange changeFrom(const QSqlQuery &q)
{
    StoredChange c;
    c.fromVersion = q.value(0).toLongLong();
    c.toVersion = q.value(1).toLongLong();
    c.startedAt = q.value(2).toLongLong();
    c.endedAt = q.value(3).toLongLong();
    c.memberIds = q.value(4).toString().split(QLatin1Char(','));
    c.lastMemberId = q.value(5).toString();
    return c;
}

StoredChangeFile fileFrom(const QSqlQuery &q, int first)
{
    StoredChangeFile f;
    f.entryId = q.value(first).toString();
    f.entryKind = entryKindFromName(q.value(first + 1).toString());
    f.path = q.value(first + 2).toString();
    f.oldPath = q.value(first + 3).toString();
    f.kinds = decodeKinds(q.value(first + 4).toString());
    f.docFrom = q.value(first + 5).toLongLong();
    f.docTo = q.value(first + 6).toLongLong();
    f.sha256 = q.value(first + 7).toString().toLatin1();
    f.size = q.value(first + 8).toLongLong();
    f.wordsAdded = q.value(first + 9).toLongLong();
    f.wordsRemoved = q.value(first + 10).toLongLong();
    return f;
}

} // namespace historyrows

using namespace historyrows;

QStringList SqlHistory::docOpsTable(const QString &name)
{
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (doc_id TEXT NOT NULL, version BIGINT NOT NULL, op TEXT NOT NULL, "
                           "client_id TEXT NOT NULL, seq BIGINT NOT NULL, ts BIGINT NOT NULL, pv BIGINT NOT NULL, "
                           "member_id TEXT NOT NULL DEFAULT '', PRIMARY KEY (doc_id, version), UNIQUE (doc_id, client_id, seq))")
                .arg(name)};
}

QStringList SqlHistory::schema()
{
    QStringList out = docOpsTable(QStringLiteral("doc_ops"));
    out << QStringLiteral("CREATE INDEX IF NOT EXISTS doc_ops_pv ON doc_ops (doc_id, pv, version)")
        << QStringLiteral("CREATE TABLE IF NOT EXISTS doc_snapshots (doc_id TEXT NOT NULL, version BIGINT NOT NULL, "
                          "text TEXT NOT NULL, PRIMARY KEY (doc_id, version))")
        << QStringLiteral("CREATE TABLE IF NOT EXISTS tree_events (project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, "
                          "pv BIGINT NOT NULL, kind TEXT NOT NULL, entry_id TEXT NOT NULL, entry_kind TEXT NOT NULL, "
                          "path TEXT NOT NULL, old_path TEXT NOT NULL DEFAULT '', sha256 TEXT NOT NULL DEFAULT '', "
                          "size BIGINT NOT NULL DEFAULT 0, member_id TEXT NOT NULL DEFAULT '', ts BIGINT NOT NULL, "
                          "PRIMARY KEY (project_id, pv))")
        << QStringLiteral("CREATE INDEX IF NOT EXISTS tree_events_entry ON tree_events (project_id, entry_id)")
        << QStringLiteral("CREATE TABLE IF NOT EXISTS history_changes (project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, "
                          "from_pv BIGINT NOT NULL, to_pv BIGINT NOT NULL, started_at BIGINT NOT NULL, ended_at BIGINT NOT NULL, "
                          "members TEXT NOT NULL, last_member TEXT NOT NULL, PRIMARY KEY (project_id, from_pv))")
        << QStringLiteral("CREATE TABLE IF NOT EXISTS history_change_files (project_id TEXT NOT NULL, change_from BIGINT NOT NULL, "
                          "entry_id TEXT NOT NULL, entry_kind TEXT NOT NULL, path TEXT NOT NULL, old_path TEXT NOT NULL, "
                          "kinds TEXT NOT NULL, doc_from BIGINT NOT NULL, doc_to BIGINT NOT NULL, sha256 TEXT NOT NULL, "
                          "size BIGINT NOT NULL, words_added BIGINT NOT NULL, words_removed BIGINT NOT NULL, "
                          "PRIMARY KEY (project_id, change_from, entry_id))")
        << QStringLiteral("CREATE INDEX IF NOT EXISTS history_change_files_entry ON history_change_files (project_id, entry_id, change_from)")
        << QStringLiteral("CREATE TABLE IF NOT EXISTS labels (project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, "
                          "id BIGINT NOT NULL, name TEXT NOT NULL, pv BIGINT NOT NULL, created_at BIGINT NOT NULL, "
                          "member_id TEXT NOT NULL, PRIMARY KEY (project_id, id))");
    return out;
}

R<void> SqlHistory::runAll(const QStringList &statements, const QString &what)
{
    for (const QString &sql : statements) {
        auto done = m_run(sql, {}, what);
        if (!done.ok())
            return R<void>::failure(done.error());
    }
    return R<void>::success();
}

R<void> SqlHistory::migrateFromVersion2()
{
    // (A version-2 docstore that never stored an op may lack doc_ops.)
    QStringList steps = docOpsTable(QStringLiteral("doc_ops")) + docOpsTable(QStringLiteral("doc_ops_v3"));
    steps << QStringLiteral("INSERT INTO doc_ops_v3 (doc_id, version, op, client_id, seq, ts, pv, member_id) "
                            "SELECT o.doc_id, o.version, o.op, o.client_id, o.seq, o.ts, 0, "
                            "COALESCE((SELECT c.member_id FROM client_ids c JOIN entries e ON e.project_id = c.project_id "
                            "WHERE e.id = o.doc_id AND c.client_id = o.client_id), '') FROM doc_ops o")
          << QStringLiteral("DROP TABLE doc_ops") << QStringLiteral("ALTER TABLE doc_ops_v3 RENAME TO doc_ops")
          << QStringLiteral("ALTER TABLE projects ADD COLUMN history_version BIGINT NOT NULL DEFAULT 0");
    steps << schema();
    if (auto done = runAll(steps, QStringLiteral("migrate to history")); !done.ok())
        return done;
    auto q = m_run(QStringLiteral("SELECT id, created_at FROM projects ORDER BY id"), {}, QStringLiteral("migrate to history"));
    if (!q.ok())
        return R<void>::failure(q.error());
    QList<std::pair<QString, qint64>> projects;
    while (q.value().next())
        projects.append({q.value().value(0).toString(), q.value().value(1).toLongLong()});
    q.value().finish();
    for (const auto &[id, createdAt] : projects) {
        if (auto done = migrateProject(id, createdAt); !done.ok())
            return done;
    }
    return R<void>::success();
}

// A project of version 2 gets, in this deterministic order: a creation event per
// entry (by path, at the project's creation time), then every op by time (a doc's
// ops in version order), each with the next project version; the text each doc
// was created with (found by undoing its ops from the stored text) and a snapshot
// every SnapshotInterval ops; and its changes, grouped as live ones are.
R<void> SqlHistory::migrateProject(const QString &projectId, qint64 createdAt)
{
    auto q = m_run(QStringLiteral("SELECT id, path, kind, size, file_sha256 FROM entries WHERE project_id = ? ORDER BY path"),
                   {projectId}, QStringLiteral("migrate to history"));
    if (!q.ok())
        return R<void>::failure(q.error());
    QList<TreeEvent> created;
    while (q.value().next()) {
        TreeEvent e;
        e.kind = TreeEvent::Kind::Create;
        e.entryId = q.value().value(0).toString();
        e.path = q.value().value(1).toString();
        e.entryKind = entryKindFromName(q.value().value(2).toString());
        e.size = q.value().value(3).toLongLong();
        e.sha256 = q.value().value(4).toString().toLatin1();
        e.timestamp = createdAt;
        created.append(e);
    }
    q.value().finish();
    if (auto done = recordTreeEvents(projectId, created); !done.ok())
        return done;

    struct Pending
    {
        QString docId;
        QString path;
        OpRecord record;
        qint64 orderTime = 0;
    };
    QList<Pending> pending;
    for (const TreeEvent &doc : std::as_const(created)) {
        if (doc.entryKind != TreeEntry::Kind::Doc)
            continue;
        auto text = m_run(QStringLiteral("SELECT text, version FROM docs WHERE entry_id = ?"), {doc.entryId},
                          QStringLiteral("migrate to history"));
        if (!text.ok())
            return R<void>::failure(text.error());
        if (!text.value().next())
            continue;
        const QString current = m_codec.loaded(text.value().value(0).toString());
        const qint64 version = text.value().value(1).toLongLong();
        text.value().finish();
        auto ops = historyOps(projectId, doc.entryId, 0, version, -1);
        if (!ops.ok())
            return R<void>::failure(ops.error());
        QList<std::pair<qint64, QString>> snapshots{{version, current}};
        QString back = current;
        bool complete = ops.value().size() == version;
        for (qsizetype i = ops.value().size() - 1; complete && i >= 0; --i) {
            auto undone = ot::apply(back, ot::invert(ops.value().at(i).op));
            if (!undone.ok()) {
                complete = false;
                break;
            }
            back = undone.takeValue();
            const qint64 v = ops.value().at(i).version - 1;
            if (v % SqlDocstore::SnapshotInterval == 0)
                snapshots.append({v, back});
        }
        for (const auto &[v, t] : std::as_const(snapshots)) {
            if (auto stored = storeSnapshot(doc.entryId, v, t); !stored.ok())
                return stored;
        }
        ot::TextBuffer buffer(back);
        bool counting = complete;
        qint64 orderTime = std::numeric_limits<qint64>::min();
        for (const StoredOp &op : std::as_const(ops.value())) {
            Pending p{doc.entryId, doc.path, OpRecord{0, op.version, op.timestamp, op.memberId, 0, 0}, 0};
            if (counting)
                counting = countWords(buffer, op.op, &p.record.wordsAdded, &p.record.wordsRemoved);
            // A doc's ops keep their order even where the clocks that stamped them did not.
            orderTime = std::max(orderTime, op.timestamp);
            p.orderTime = orderTime;
            pending.append(p);
        }
    }
    if (pending.isEmpty())
        return R<void>::success();
    std::stable_sort(pending.begin(), pending.end(), [](const Pending &a, const Pending &b) {
        if (a.orderTime != b.orderTime)
            return a.orderTime < b.orderTime;
        if (a.docId != b.docId)
            return a.docId < b.docId;
        return a.record.docVersion < b.record.docVersion;
    });
    auto first = allocate(projectId, pending.size());
    if (!first.ok())
        return R<void>::failure(first.error());
    QList<OpRecord> run;
    for (qsizetype i = 0; i < pending.size(); ++i) {
        Pending &p = pending[i];
        p.record.projectVersion = first.value() + i;
        auto up = m_run(QStringLiteral("UPDATE doc_ops SET pv = ? WHERE doc_id = ? AND version = ?"),
                        {p.record.projectVersion, p.docId, p.record.docVersion}, QStringLiteral("migrate to history"));
        if (!up.ok())
            return R<void>::failure(up.error());
        run.append(p.record);
        if (i + 1 == pending.size() || pending.at(i + 1).docId != p.docId) {
            if (auto done = recordOps(projectId, p.docId, p.path, run); !done.ok())
                return done;
            run.clear();
        }
    }
    return R<void>::success();
}

R<qint64> SqlHistory::allocate(const QString &projectId, qint64 n)
{
    auto up = m_run(QStringLiteral("UPDATE projects SET history_version = history_version + ? WHERE id = ?"), {n, projectId},
                    QStringLiteral("project version"));
    if (!up.ok())
        return R<qint64>::failure(up.error());
    auto q = m_run(QStringLiteral("SELECT history_version FROM projects WHERE id = ?"), {projectId}, QStringLiteral("project version"));
    if (!q.ok())
        return R<qint64>::failure(q.error());
    if (!q.value().next())
        return R<qint64>::failure(error("unknown_project", QStringLiteral("no project '%1'").arg(projectId)));
    return R<qint64>::success(q.value().value(0).toLongLong() - n + 1);
}

R<void> SqlHistory::recordTreeEvents(const QString &projectId, QList<TreeEvent> events)
{
    if (events.isEmpty())
        return R<void>::success();
    auto first = allocate(projectId, events.size());
    if (!first.ok())
        return R<void>::failure(first.error());
    auto open = openChange(projectId);
    if (!open.ok())
        return R<void>::failure(open.error());
    OpenChange &change = open.value();
    for (qsizetype i = 0; i < events.size(); ++i) {
        TreeEvent &e = events[i];
        e.projectVersion = first.value() + i;
        if (e.timestamp == 0)
            e.timestamp = now();
        auto q = m_run(QStringLiteral("INSERT INTO tree_events (project_id, pv, kind, entry_id, entry_kind, path, old_path, "
                                      "sha256, size, member_id, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       {projectId, e.projectVersion, QString::fromLatin1(treeKindName(e.kind)), e.entryId, kindName(e.entryKind),
                        e.path, nullToEmpty(e.oldPath), nullToEmpty(QString::fromLatin1(e.sha256)), e.size,
                        nullToEmpty(e.memberId), e.timestamp},
                       QStringLiteral("record tree event"));
        if (!q.ok())
            return R<void>::failure(q.error());
        if (auto moved = advance(projectId, change, Step{e.projectVersion, e.timestamp, e.memberId}); !moved.ok())
            return moved;
        auto file = fileOf(projectId, change, e.entryId);
        if (!file.ok())
            return R<void>::failure(file.error());
        StoredChangeFile &f = *file.value();
        f.entryKind = e.entryKind;
        switch (e.kind) {
        case TreeEvent::Kind::Create:
            f.add(StoredChangeFile::Kind::Created);
            f.sha256 = e.sha256;
            f.size = e.size;
            break;
        case TreeEvent::Kind::Move:
            if (f.oldPath.isEmpty() && !f.kinds.contains(StoredChangeFile::Kind::Created))
                f.oldPath = e.oldPath;
            f.add(StoredChangeFile::Kind::Renamed);
            break;
        case TreeEvent::Kind::Remove:
            f.add(StoredChangeFile::Kind::Deleted);
            break;
        case TreeEvent::Kind::Replace:
            f.add(StoredChangeFile::Kind::FileVersion);
            f.sha256 = e.sha256;
            f.size = e.size;
            break;
        }
        f.path = e.path;
    }
    return write(projectId, change);
}

R<void> SqlHistory::storeSnapshot(const QString &docId, qint64 version, const QString &text)
{
    auto q = m_run(QStringLiteral("INSERT INTO doc_snapshots (doc_id, version, text) VALUES (?, ?, ?) "
                                  "ON CONFLICT (doc_id, version) DO NOTHING"),
                   {docId, version, m_codec.stored(text)}, QStringLiteral("store snapshot"));
    if (!q.ok())
        return R<void>::failure(q.error());
    return R<void>::success();
}

R<void> SqlHistory::recordOps(const QString &projectId, const QString &docId, const QString &path, const QList<OpRecord> &ops)
{
    if (ops.isEmpty())
        return R<void>::success();
    auto open = openChange(projectId);
    if (!open.ok())
        return R<void>::failure(open.error());
    OpenChange &change = open.value();
    for (const OpRecord &op : ops) {
        if (auto moved = advance(projectId, change, Step{op.projectVersion, op.timestamp, op.memberId}); !moved.ok())
            return moved;
        auto file = fileOf(projectId, change, docId);
        if (!file.ok())
            return R<void>::failure(file.error());
        StoredChangeFile &f = *file.value();
        if (f.kinds.isEmpty() || (!f.kinds.contains(StoredChangeFile::Kind::Edited) && f.docTo == 0))
            f.docFrom = op.docVersion - 1;
        f.entryKind = TreeEntry::Kind::Doc;
        f.path = path;
        f.add(StoredChangeFile::Kind::Edited);
        f.docTo = op.docVersion;
        f.wordsAdded += op.wordsAdded;
        f.wordsRemoved += op.wordsRemoved;
    }
    return write(projectId, change);
}

bool SqlHistory::countWords(ot::TextBuffer &text, const ot::TextOperation &op, qint64 *added, qint64 *removed)
{
    for (const ot::Component &c : op.components()) {
        const QChar before = c.position > 0 && c.position <= text.size() ? text.at(c.position - 1) : QChar(QLatin1Char(' '));
        if (!text.apply(ot::TextOperation({c})).ok())
            return false;
        (c.isInsert() ? *added : *removed) += wordStarts(c.text, before);
    }
    return true;
}

R<SqlHistory::OpenChange> SqlHistory::openChange(const QString &projectId)
{
    auto q = m_run(QStringLiteral("SELECT %1 FROM history_changes WHERE project_id = ? ORDER BY from_pv DESC LIMIT 1")
                       .arg(QLatin1String(changeColumns)),
                   {projectId}, QStringLiteral("read changes"));
    if (!q.ok())
        return R<OpenChange>::failure(q.error());
    OpenChange open;
    if (q.value().next()) {
        open.exists = true;
        open.change = changeFrom(q.value());
    }
    return R<OpenChange>::success(std::move(open));
}

R<void> SqlHistory::advance(const QString &projectId, OpenChange &open, const Step &step)
{
    StoredChange &c = open.change;
    if (open.exists) {
        // How far the step is from the change's time span: ops typed offline carry
        // the times they were typed, so a step can be older than the change.
        const qint64 pause = step.timestamp > c.endedAt    ? step.timestamp - c.endedAt
                             : step.timestamp < c.startedAt ? c.startedAt - step.timestamp
                                                            : 0;
        const bool newAuthor = step.memberId != c.lastMemberId;
        if (pause < m_grouping.gapMs && !(newAuthor && pause >= m_grouping.interleaveMs)) {
            c.toVersion = step.projectVersion;
            c.startedAt = std::min(c.startedAt, step.timestamp);
            c.endedAt = std::max(c.endedAt, step.timestamp);
            if (!c.memberIds.contains(step.memberId))
                c.memberIds.append(step.memberId);
            c.lastMemberId = step.memberId;
            open.changeDirty = true;
            return R<void>::success();
        }
        if (auto written = write(projectId, open); !written.ok())
            return written;
    }
    open = OpenChange{};
    open.exists = true;
    open.isNew = true;
    open.changeDirty = true;
    open.change.fromVersion = step.projectVersion - 1;
    open.change.toVersion = step.projectVersion;
    open.change.startedAt = step.timestamp;
    open.change.endedAt = step.timestamp;
    open.change.memberIds = {step.memberId};
    open.change.lastMemberId = step.memberId;
    return R<void>::success();
}

R<StoredChangeFile *> SqlHistory::fileOf(const QString &projectId, OpenChange &open, const QString &entryId)
{
    open.dirty.insert(entryId);
    auto found = open.files.find(entryId);
    if (found != open.files.end())
        return R<StoredChangeFile *>::success(&found.value());
    StoredChangeFile f;
    f.entryId = entryId;
    if (!open.isNew) {
        auto q = m_run(QStringLiteral("SELECT %1 FROM history_change_files WHERE project_id = ? AND change_from = ? AND entry_id = ?")
                           .arg(QLatin1String(fileColumns)),
                       {projectId, open.change.fromVersion, entryId}, QStringLiteral("read change"));
        if (!q.ok())
            return R<StoredChangeFile *>::failure(q.error());
        if (q.value().next())
            f = fileFrom(q.value(), 1);
    }
    return R<StoredChangeFile *>::success(&open.files.insert(entryId, f).value());
}

R<void> SqlHistory::write(const QString &projectId, OpenChange &open)
{
    const StoredChange &c = open.change;
    if (open.changeDirty) {
        auto q = m_run(QStringLiteral("INSERT INTO history_changes (project_id, %1) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                      "ON CONFLICT (project_id, from_pv) DO UPDATE SET to_pv = excluded.to_pv, "
                                      "started_at = excluded.started_at, ended_at = excluded.ended_at, "
                                      "members = excluded.members, last_member = excluded.last_member")
                           .arg(QLatin1String(changeColumns)),
                       {projectId, c.fromVersion, c.toVersion, c.startedAt, c.endedAt, nullToEmpty(c.memberIds.join(QLatin1Char(','))),
                        nullToEmpty(c.lastMemberId)},
                       QStringLiteral("write change"));
        if (!q.ok())
            return R<void>::failure(q.error());
        open.changeDirty = false;
    }
    for (const QString &entryId : std::as_const(open.dirty)) {
        const StoredChangeFile &f = open.files.value(entryId);
        auto q = m_run(QStringLiteral("INSERT INTO history_change_files (project_id, %1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                      "ON CONFLICT (project_id, change_from, entry_id) DO UPDATE SET entry_kind = excluded.entry_kind, "
                                      "path = excluded.path, old_path = excluded.old_path, kinds = excluded.kinds, "
                                      "doc_from = excluded.doc_from, doc_to = excluded.doc_to, sha256 = excluded.sha256, "
                                      "size = excluded.size, words_added = excluded.words_added, words_removed = excluded.words_removed")
                           .arg(QLatin1String(fileColumns)),
                       {projectId, c.fromVersion, f.entryId, kindName(f.entryKind), nullToEmpty(f.path), nullToEmpty(f.oldPath),
                        encodeKinds(f.kinds), f.docFrom, f.docTo, nullToEmpty(QString::fromLatin1(f.sha256)), f.size,
                        f.wordsAdded, f.wordsRemoved},
                       QStringLiteral("write change"));
        if (!q.ok())
            return R<void>::failure(q.error());
    }
    open.dirty.clear();
    return R<void>::success();
}

R<std::pair<qint64, QString>> SqlHistory::lastText(const QString &projectId, const QString &docId)
{
    using Out = R<std::pair<qint64, QString>>;
    auto q = m_run(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM doc_ops WHERE doc_id = ?"), {docId},
                   QStringLiteral("last version"));
    if (!q.ok())
        return Out::failure(q.error());
    const qint64 last = q.value().next() ? q.value().value(0).toLongLong() : 0;
    q.value().finish();
    auto snapshot = docSnapshot(projectId, docId, last);
    if (!snapshot.ok() || snapshot.value().first == last)
        return snapshot;
    auto ops = historyOps(projectId, docId, snapshot.value().first, last, -1);
    if (!ops.ok())
        return Out::failure(ops.error());
    ot::TextBuffer text(snapshot.value().second);
    for (const StoredOp &op : std::as_const(ops.value())) {
        if (!text.apply(op.op).ok())
            return Out::failure(error("internal", QStringLiteral("the op at version %1 of doc '%2' does not apply").arg(op.version).arg(docId)));
    }
    return Out::success({last, text.toString()});
}

R<void> SqlHistory::appendOp(const QString &projectId, const QString &docId, const QString &path, qint64 docVersion,
                             const ot::TextOperation &op, const QString &before, const QString &memberId, qint64 timestamp)
{
    auto pv = allocate(projectId, 1);
    if (!pv.ok())
        return R<void>::failure(pv.error());
    const QString json = QString::fromUtf8(QJsonDocument(ot::toJson(op)).toJson(QJsonDocument::Compact));
    auto q = m_run(QStringLiteral("INSERT INTO doc_ops (doc_id, version, op, client_id, seq, ts, pv, member_id) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                   {docId, docVersion, json, QStringLiteral(""), -docVersion, timestamp, pv.value(), nullToEmpty(memberId)},
                   QStringLiteral("append history"));
    if (!q.ok())
        return R<void>::failure(q.error());
    OpRecord record{pv.value(), docVersion, timestamp, memberId, 0, 0};
    ot::TextBuffer text(before);
    countWords(text, op, &record.wordsAdded, &record.wordsRemoved);
    return recordOps(projectId, docId, path, {record});
}

R<qint64> SqlHistory::projectVersion(const QString &projectId)
{
    auto q = m_run(QStringLiteral("SELECT history_version FROM projects WHERE id = ?"), {projectId}, QStringLiteral("project version"));
    if (!q.ok())
        return R<qint64>::failure(q.error());
    if (!q.value().next())
        return R<qint64>::failure(error("unknown_project", QStringLiteral("no project '%1'").arg(projectId)));
    return R<qint64>::success(q.value().value(0).toLongLong());
}

R<QList<StoredChange>> SqlHistory::changes(const QString &projectId, const QString &entryId, qint64 beforeVersion, int limit)
{
    const qint64 before = beforeVersion <= 0 ? std::numeric_limits<qint64>::max() : beforeVersion;
    auto q = entryId.isEmpty()
                 ? m_run(QStringLiteral("SELECT %1 FROM history_changes WHERE project_id = ? AND to_pv <= ? "
                                        "ORDER BY from_pv DESC LIMIT ?").arg(QLatin1String(changeColumns)),
                         {projectId, before, limit}, QStringLiteral("list changes"))
                 : m_run(QStringLiteral("SELECT c.from_pv, c.to_pv, c.started_at, c.ended_at, c.members, c.last_member "
                                        "FROM history_change_files f JOIN history_changes c "
                                        "ON c.project_id = f.project_id AND c.from_pv = f.change_from "
                                        "WHERE f.project_id = ? AND f.entry_id = ? AND c.to_pv <= ? "
                                        "ORDER BY f.change_from DESC LIMIT ?"),
                         {projectId, entryId, before, limit}, QStringLiteral("list changes"));
    if (!q.ok())
        return R<QList<StoredChange>>::failure(q.error());
    QList<StoredChange> out;
    while (q.value().next())
        out.append(changeFrom(q.value()));
    q.value().finish();
    if (out.isEmpty())
        return R<QList<StoredChange>>::success(out);
    QHash<qint64, qsizetype> index;
    for (qsizetype i = 0; i < out.size(); ++i)
        index.insert(out.at(i).fromVersion, i);
    auto files = m_run(QStringLiteral("SELECT %1 FROM history_change_files WHERE project_id = ? AND change_from >= ? "
                                      "AND change_from <= ? ORDER BY path").arg(QLatin1String(fileColumns)),
                       {projectId, out.last().fromVersion, out.first().fromVersion}, QStringLiteral("list changes"));
    if (!files.ok())
        return R<QList<StoredChange>>::failure(files.error());
    while (files.value().next()) {
        auto at = index.find(files.value().value(0).toLongLong());
        if (at != index.end())
            out[at.value()].files.append(fileFrom(files.value(), 1));
    }
    return R<QList<StoredChange>>::success(out);
}

R<QList<TreeEvent>> SqlHistory::treeEvents(const QString &projectId, qint64 fromVersion, qint64 toVersion, const QString &entryId)
{
    QString sql = QStringLiteral("SELECT pv, kind, entry_id, entry_kind, path, old_path, sha256, size, member_id, ts "
                                 "FROM tree_events WHERE project_id = ? AND pv > ? AND pv <= ?");
    QVariantList values{projectId, fromVersion, toVersion < 0 ? std::numeric_limits<qint64>::max() : toVersion};
    if (!entryId.isEmpty()) {
        sql += QStringLiteral(" AND entry_id = ?");
        values.append(entryId);
    }
    auto q = m_run(sql + QStringLiteral(" ORDER BY pv"), values, QStringLiteral("read tree events"));
    if (!q.ok())
        return R<QList<TreeEvent>>::failure(q.error());
    QList<TreeEvent> out;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        TreeEvent e;
        e.projectVersion = r.value(0).toLongLong();
        e.kind = treeKindFromName(r.value(1).toString());
        e.entryId = r.value(2).toString();
        e.entryKind = entryKindFromName(r.value(3).toString());
        e.path = r.value(4).toString();
        e.oldPath = r.value(5).toString();
        e.sha256 = r.value(6).toString().toLatin1();
        e.size = r.value(7).toLongLong();
        e.memberId = r.value(8).toString();
        e.timestamp = r.value(9).toLongLong();
        out.append(e);
    }
    return R<QList<TreeEvent>>::success(out);
}

R<void> SqlHistory::requireHistoryDoc(const QString &projectId, const QString &docId)
{
    auto q = m_run(QStringLiteral("SELECT entry_kind FROM tree_events WHERE project_id = ? AND entry_id = ? LIMIT 1"),
                   {projectId, docId}, QStringLiteral("find doc"));
    if (!q.ok())
        return R<void>::failure(q.error());
    if (!q.value().next() || q.value().value(0).toString() != QLatin1String("doc"))
        return R<void>::failure(error("unknown_doc", QStringLiteral("no doc '%1' in the history of project '%2'").arg(docId, projectId)));
    return R<void>::success();
}

R<std::pair<qint64, QString>> SqlHistory::docSnapshot(const QString &projectId, const QString &docId, qint64 docVersion)
{
    using Out = R<std::pair<qint64, QString>>;
    if (auto known = requireHistoryDoc(projectId, docId); !known.ok())
        return Out::failure(known.error());
    auto q = m_run(QStringLiteral("SELECT version, text FROM doc_snapshots WHERE doc_id = ? AND version <= ? "
                                  "ORDER BY version DESC LIMIT 1"),
                   {docId, docVersion}, QStringLiteral("read snapshot"));
    if (!q.ok())
        return Out::failure(q.error());
    if (!q.value().next())
        return Out::failure(error("internal", QStringLiteral("doc '%1' has no snapshot at or before version %2").arg(docId).arg(docVersion)));
    return Out::success({q.value().value(0).toLongLong(), m_codec.loaded(q.value().value(1).toString())});
}

R<QList<StoredOp>> SqlHistory::historyOps(const QString &projectId, const QString &docId, qint64 fromVersion, qint64 toVersion,
                                          qint64 maxOps)
{
    if (auto known = requireHistoryDoc(projectId, docId); !known.ok())
        return R<QList<StoredOp>>::failure(known.error());
    auto q = m_run(QStringLiteral("SELECT version, op, client_id, seq, ts, pv, member_id FROM doc_ops WHERE doc_id = ? "
                                  "AND version > ? AND version <= ? ORDER BY version LIMIT ?"),
                   {docId, fromVersion, toVersion < 0 ? std::numeric_limits<qint64>::max() : toVersion,
                    maxOps < 0 ? std::numeric_limits<qint64>::max() : maxOps},
                   QStringLiteral("read history"));
    if (!q.ok())
        return R<QList<StoredOp>>::failure(q.error());
    QList<StoredOp> out;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        auto op = ot::operationFromJsonText(r.value(1).toString().toUtf8(), ot::JsonLimits{1 << 30, 1 << 30});
        if (!op.ok())
            return R<QList<StoredOp>>::failure(error("internal", QStringLiteral("history of doc '%1' has a bad op at version %2")
                                                                     .arg(docId).arg(r.value(0).toLongLong())));
        out.append(StoredOp{r.value(0).toLongLong(), op.takeValue(), r.value(2).toString(), r.value(3).toLongLong(),
                            r.value(4).toLongLong(), r.value(5).toLongLong(), r.value(6).toString()});
    }
    return R<QList<StoredOp>>::success(out);
}

R<qint64> SqlHistory::docVersionAt(const QString &projectId, const QString &docId, qint64 projectVersion)
{
    if (auto known = requireHistoryDoc(projectId, docId); !known.ok())
        return R<qint64>::failure(known.error());
    auto q = m_run(QStringLiteral("SELECT version FROM doc_ops WHERE doc_id = ? AND pv <= ? ORDER BY pv DESC LIMIT 1"),
                   {docId, projectVersion}, QStringLiteral("doc version"));
    if (!q.ok())
        return R<qint64>::failure(q.error());
    return R<qint64>::success(q.value().next() ? q.value().value(0).toLongLong() : 0);
}

R<QByteArray> SqlHistory::contentByHash(const QString &projectId, const QByteArray &sha256)
{
    auto known = m_run(QStringLiteral("SELECT 1 FROM tree_events WHERE project_id = ? AND sha256 = ? LIMIT 1"),
                       {projectId, QString::fromLatin1(sha256)}, QStringLiteral("find content"));
    if (!known.ok())
        return R<QByteArray>::failure(known.error());
    if (sha256.isEmpty() || !known.value().next())
        return R<QByteArray>::failure(error("not_found", QStringLiteral("the project never had a file with hash '%1'")
                                                             .arg(QString::fromLatin1(sha256.left(64)))));
    auto q = m_run(QStringLiteral("SELECT content FROM files WHERE sha256 = ?"), {QString::fromLatin1(sha256)},
                   QStringLiteral("read file"));
    if (!q.ok())
        return R<QByteArray>::failure(q.error());
    if (!q.value().next())
        return R<QByteArray>::failure(error("not_found", QStringLiteral("the content '%1' is missing").arg(QString::fromLatin1(sha256))));
    return R<QByteArray>::success(q.value().value(0).toByteArray());
}

R<QList<StoredLabel>> SqlHistory::labels(const QString &projectId)
{
    auto q = m_run(QStringLiteral("SELECT id, name, pv, created_at, member_id FROM labels WHERE project_id = ? ORDER BY id"),
                   {projectId}, QStringLiteral("list labels"));
    if (!q.ok())
        return R<QList<StoredLabel>>::failure(q.error());
    QList<StoredLabel> out;
    while (q.value().next())
        out.append(StoredLabel{q.value().value(0).toLongLong(), q.value().value(1).toString(), q.value().value(2).toLongLong(),
                               q.value().value(3).toLongLong(), q.value().value(4).toString()});
    return R<QList<StoredLabel>>::success(out);
}

R<StoredLabel> SqlHistory::addLabel(const QString &projectId, const QString &name, qint64 projectVersion, const Actor &by)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 200)
        return R<StoredLabel>::failure(error("invalid_name", QStringLiteral("a label has 1 to 200 characters")));
    auto current = this->projectVersion(projectId);
    if (!current.ok())
        return R<StoredLabel>::failure(current.error());
    const qint64 version = projectVersion < 0 ? current.value() : projectVersion;
    if (version > current.value())
        return R<StoredLabel>::failure(error("version_in_future", QStringLiteral("the project is at version %1, not %2")
                                                                     .arg(current.value()).arg(version)));
    auto next = m_run(QStringLiteral("SELECT COALESCE(MAX(id), 0) + 1 FROM labels WHERE project_id = ?"), {projectId},
                      QStringLiteral("add label"));
    if (!next.ok())
        return R<StoredLabel>::failure(next.error());
    StoredLabel label{next.value().next() ? next.value().value(0).toLongLong() : 1, trimmed, version,
                      by.at ? by.at : now(), nullToEmpty(by.memberId)};
    next.value().finish();
    auto q = m_run(QStringLiteral("INSERT INTO labels (project_id, id, name, pv, created_at, member_id) VALUES (?, ?, ?, ?, ?, ?)"),
                   {projectId, label.id, label.name, label.projectVersion, label.createdAt, label.memberId},
                   QStringLiteral("add label"));
    if (!q.ok())
        return R<StoredLabel>::failure(q.error());
    return R<StoredLabel>::success(label);
}

} // namespace coauthor::sync
