#include "sync/docstore/sqlcompaction_p.h"

#include "sync/docstore/sqldocstore.h"
#include "sync/docstore/sqlhistoryrows_p.h"
#include "sync/ot/opjson.h"
#include "sync/ot/textbuffer.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>
#include <array>
#include <limits>

// Why versions are renumbered rather than left with gaps: every reader of a doc's
// history (HistoryReader's replay, the diff's op count, the document-updater's
// "ops since v") relies on a doc's ops being 1, 2, 3, …, one per version. A
// compacted doc keeps that: its composed ops are consecutive, and everything that
// names a doc version after them (later ops, snapshots, the change rows, the doc's
// stored version) moves down by the number of ops that went. What names a project
// version (changes, labels, tree events, the ops' own project versions) does not
// move: a composed op takes the project version of the last op it stands for.
//
// Nothing is trusted blindly: the composed ops are replayed next to the originals
// and the compaction fails (rolled back, nothing lost) unless both end at the same text.

namespace coauthor::sync {

using namespace historyrows;

namespace {

template <typename T>
using R = Docstore::Result<T>;

ServiceError error(const char *code, const QString &message)
{
    return ServiceError::make(QString::fromLatin1(code), message);
}

// Folds what a later change did to an entry into what an earlier one did.
void mergeFile(StoredChangeFile &into, const StoredChangeFile &later)
{
    const bool created = into.kinds.contains(StoredChangeFile::Kind::Created);
    const bool renamed = into.kinds.contains(StoredChangeFile::Kind::Renamed);
    if (!created && !renamed && later.kinds.contains(StoredChangeFile::Kind::Renamed))
        into.oldPath = later.oldPath;
    const bool edited = into.kinds.contains(StoredChangeFile::Kind::Edited);
    if (later.kinds.contains(StoredChangeFile::Kind::Edited)) {
        if (!edited)
            into.docFrom = later.docFrom;
        into.docTo = later.docTo;
    }
    for (StoredChangeFile::Kind k : later.kinds)
        into.add(k);
    if (later.kinds.contains(StoredChangeFile::Kind::Created) || later.kinds.contains(StoredChangeFile::Kind::FileVersion)) {
        into.sha256 = later.sha256;
        into.size = later.size;
    }
    into.entryKind = later.entryKind;
    into.path = later.path;
    into.wordsAdded += later.wordsAdded;
    into.wordsRemoved += later.wordsRemoved;
}

// Appends c to acc; a delete of text the last insert put there takes it back out
// of the insert instead (recursively, when it reaches further).
void squashAppend(QList<ot::Component> &acc, ot::Component c)
{
    if (c.text.isEmpty())
        return;
    if (!acc.isEmpty() && c.isDelete() && acc.last().isInsert()) {
        ot::Component &last = acc.last();
        const qsizetype start = std::max(c.position, last.position);
        const qsizetype end = std::min(c.position + c.length(), last.position + last.length());
        if (start < end
            && QStringView(last.text).mid(start - last.position, end - start)
                   == QStringView(c.text).mid(start - c.position, end - start)) {
            last.text.remove(start - last.position, end - start);
            QString rest = c.text;
            rest.remove(start - c.position, end - start);
            if (last.text.isEmpty())
                acc.removeLast();
            squashAppend(acc, ot::Component::erase(c.position, rest));
            return;
        }
    }
    // TextOperation::append merges typing and backspacing runs; asked one pair at a
    // time (the whole op each time would make a long group quadratic).
    while (!acc.isEmpty()) {
        ot::TextOperation pair({acc.last()});
        pair.append(c);
        if (pair.size() != 1)
            break;
        acc.removeLast();
        c = pair.components().first();
    }
    acc.append(std::move(c));
}

// Where old doc version v of a rewritten doc is now: the ops (a, b] became
// groupEnds.size() ops, the i-th standing for the old ops up to groupEnds[i].
qint64 remap(qint64 v, qint64 a, qint64 b, const QList<qint64> &groupEnds)
{
    if (v <= a)
        return v;
    if (v > b)
        return v - ((b - a) - groupEnds.size());
    // A version inside a group (never a change boundary) reads as the group before it.
    const auto after = std::upper_bound(groupEnds.cbegin(), groupEnds.cend(), v);
    return a + (after - groupEnds.cbegin());
}

} // namespace

ot::TextOperation SqlCompaction::squash(const QList<ot::TextOperation> &ops)
{
    QList<ot::Component> acc;
    for (const ot::TextOperation &op : ops) {
        for (const ot::Component &c : op.components())
            squashAppend(acc, c);
    }
    return ot::TextOperation(std::move(acc));
}

R<Docstore::CompactionStats> SqlCompaction::compact(const QString &projectId, const Docstore::HistoryCompaction &how)
{
    using Out = R<Docstore::CompactionStats>;
    Docstore::CompactionStats stats;
    if (how.toVersion <= how.fromVersion)
        return Out::success(stats);
    auto changes = readChanges(projectId, how);
    if (!changes.ok())
        return Out::failure(changes.error());
    if (changes.value().isEmpty())
        return Out::success(stats);
    auto labels = m_history.labels(projectId);
    if (!labels.ok())
        return Out::failure(labels.error());
    QList<qint64> labelVersions;
    for (const StoredLabel &l : std::as_const(labels.value()))
        labelVersions.append(l.projectVersion);
    std::sort(labelVersions.begin(), labelVersions.end());

    stats.changesBefore = changes.value().size();
    auto merged = mergeChanges(projectId, changes.value(), how, labelVersions);
    if (!merged.ok())
        return Out::failure(merged.error());
    stats.changesAfter = merged.value().size();

    // The versions whose text must stay exact: every change boundary and every label.
    const qint64 from = changes.value().first().fromVersion;
    const qint64 to = changes.value().last().toVersion;
    QList<qint64> kept{from};
    QStringList docs;
    for (const StoredChange &c : std::as_const(merged.value())) {
        kept.append(c.toVersion);
        for (const StoredChangeFile &f : c.files) {
            if (f.entryKind == TreeEntry::Kind::Doc && f.kinds.contains(StoredChangeFile::Kind::Edited) && !docs.contains(f.entryId))
                docs.append(f.entryId);
        }
    }
    for (qint64 v : std::as_const(labelVersions)) {
        if (v > from && v < to)
            kept.append(v);
    }
    std::sort(kept.begin(), kept.end());
    for (const QString &docId : std::as_const(docs)) {
        if (auto done = rewriteDoc(projectId, docId, from, to, kept, stats); !done.ok())
            return Out::failure(done.error());
    }
    return Out::success(stats);
}

R<QList<StoredChange>> SqlCompaction::readChanges(const QString &projectId, const Docstore::HistoryCompaction &how)
{
    using Out = R<QList<StoredChange>>;
    auto q = m_run(QStringLiteral("SELECT %1 FROM history_changes WHERE project_id = ? AND from_pv >= ? AND to_pv <= ? "
                                  "ORDER BY from_pv").arg(QLatin1String(changeColumns)),
                   {projectId, how.fromVersion, how.toVersion}, QStringLiteral("compact history"));
    if (!q.ok())
        return Out::failure(q.error());
    QList<StoredChange> out;
    QHash<qint64, qsizetype> index;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        const StoredChange c = changeFrom(r);
        index.insert(c.fromVersion, out.size());
        out.append(c);
    }
    q.value().finish();
    if (out.isEmpty())
        return Out::success(out);
    auto files = m_run(QStringLiteral("SELECT %1 FROM history_change_files WHERE project_id = ? AND change_from >= ? "
                                      "AND change_from <= ? ORDER BY path").arg(QLatin1String(fileColumns)),
                       {projectId, out.first().fromVersion, out.last().fromVersion}, QStringLiteral("compact history"));
    if (!files.ok())
        return Out::failure(files.error());
    while (files.value().next()) {
        const QSqlQuery &r = files.value();
        auto at = index.find(r.value(0).toLongLong());
        if (at == index.end())
            continue;
        out[at.value()].files.append(fileFrom(r, 1));
    }
    return Out::success(out);
}

R<QList<StoredChange>> SqlCompaction::mergeChanges(const QString &projectId, const QList<StoredChange> &changes,
                                                   const Docstore::HistoryCompaction &how, const QList<qint64> &labels)
{
    using Out = R<QList<StoredChange>>;
    if (how.bucketMs <= 0)
        return Out::success(changes);
    const auto bucket = [&](qint64 at) {
        const qint64 t = at + how.offsetMs;
        return t >= 0 ? t / how.bucketMs : (t - how.bucketMs + 1) / how.bucketMs;
    };
    QList<StoredChange> out;
    QList<StoredChange> group;
    const auto flush = [&]() -> R<void> {
        if (group.isEmpty())
            return R<void>::success();
        StoredChange merged = group.first();
        for (qsizetype i = 1; i < group.size(); ++i) {
            const StoredChange &c = group.at(i);
            merged.toVersion = c.toVersion;
            merged.startedAt = std::min(merged.startedAt, c.startedAt);
            merged.endedAt = std::max(merged.endedAt, c.endedAt);
            for (const QString &m : c.memberIds) {
                if (!merged.memberIds.contains(m))
                    merged.memberIds.append(m);
            }
            merged.lastMemberId = c.lastMemberId;
            for (const StoredChangeFile &f : c.files) {
                auto same = std::find_if(merged.files.begin(), merged.files.end(),
                                         [&](const StoredChangeFile &g) { return g.entryId == f.entryId; });
                if (same == merged.files.end())
                    merged.files.append(f);
                else
                    mergeFile(*same, f);
            }
        }
        if (group.size() > 1) {
            if (auto written = writeMerged(projectId, group, merged); !written.ok())
                return written;
        }
        out.append(merged);
        group.clear();
        return R<void>::success();
    };
    for (const StoredChange &c : changes) {
        // A label on the boundary keeps it: the label's version stays a change's end.
        const bool joins = !group.isEmpty() && bucket(c.startedAt) == bucket(group.first().startedAt)
                           && !std::binary_search(labels.cbegin(), labels.cend(), c.fromVersion);
        if (!joins) {
            if (auto done = flush(); !done.ok())
                return Out::failure(done.error());
        }
        group.append(c);
    }
    if (auto done = flush(); !done.ok())
        return Out::failure(done.error());
    return Out::success(out);
}

R<void> SqlCompaction::writeMerged(const QString &projectId, const QList<StoredChange> &group, const StoredChange &merged)
{
    const qint64 first = group.first().fromVersion;
    const qint64 last = group.last().fromVersion;
    const QString what = QStringLiteral("compact history");
    auto gone = m_run(QStringLiteral("DELETE FROM history_change_files WHERE project_id = ? AND change_from >= ? AND change_from <= ?"),
                      {projectId, first, last}, what);
    if (!gone.ok())
        return R<void>::failure(gone.error());
    gone = m_run(QStringLiteral("DELETE FROM history_changes WHERE project_id = ? AND from_pv > ? AND from_pv <= ?"),
                 {projectId, first, last}, what);
    if (!gone.ok())
        return R<void>::failure(gone.error());
    auto up = m_run(QStringLiteral("UPDATE history_changes SET to_pv = ?, started_at = ?, ended_at = ?, members = ?, last_member = ? "
                                   "WHERE project_id = ? AND from_pv = ?"),
                    {merged.toVersion, merged.startedAt, merged.endedAt, nullToEmpty(merged.memberIds.join(QLatin1Char(','))),
                     nullToEmpty(merged.lastMemberId), projectId, first},
                    what);
    if (!up.ok())
        return R<void>::failure(up.error());
    for (const StoredChangeFile &f : merged.files) {
        auto q = m_run(QStringLiteral("INSERT INTO history_change_files (project_id, %1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                           .arg(QLatin1String(fileColumns)),
                       {projectId, first, f.entryId, kindName(f.entryKind), nullToEmpty(f.path), nullToEmpty(f.oldPath),
                        encodeKinds(f.kinds), f.docFrom, f.docTo, nullToEmpty(QString::fromLatin1(f.sha256)), f.size, f.wordsAdded,
                        f.wordsRemoved},
                       what);
        if (!q.ok())
            return R<void>::failure(q.error());
    }
    return R<void>::success();
}

R<void> SqlCompaction::rewriteDoc(const QString &projectId, const QString &docId, qint64 fromVersion, qint64 toVersion,
                                  const QList<qint64> &kept, Docstore::CompactionStats &stats)
{
    const QString what = QStringLiteral("compact history");
    auto q = m_run(QStringLiteral("SELECT version, op, client_id, seq, ts, pv, member_id FROM doc_ops WHERE doc_id = ? "
                                  "AND pv > ? AND pv <= ? ORDER BY version"),
                   {docId, fromVersion, toVersion}, what);
    if (!q.ok())
        return R<void>::failure(q.error());
    QList<StoredOp> ops;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        auto op = ot::operationFromJsonText(r.value(1).toString().toUtf8(), ot::JsonLimits{1 << 30, 1 << 30});
        if (!op.ok())
            return R<void>::failure(error("internal", QStringLiteral("history of doc '%1' has a bad op at version %2")
                                                          .arg(docId).arg(r.value(0).toLongLong())));
        ops.append(StoredOp{r.value(0).toLongLong(), op.takeValue(), r.value(2).toString(), r.value(3).toLongLong(),
                            r.value(4).toLongLong(), r.value(5).toLongLong(), r.value(6).toString()});
    }
    q.value().finish();
    stats.opsBefore += ops.size();
    if (ops.isEmpty())
        return R<void>::success();
    const qint64 a = ops.first().version - 1;
    const qint64 b = ops.last().version;
    if (b - a != ops.size())
        return R<void>::failure(error("internal", QStringLiteral("history of doc '%1' has a hole in versions %2..%3")
                                                      .arg(docId).arg(a + 1).arg(b)));

    // Groups: a new one at each author switch and wherever a kept version lies
    // between two ops (at or after the one, before the other).
    QList<qsizetype> groupStarts{0};
    for (qsizetype i = 1; i < ops.size(); ++i) {
        const auto k = std::lower_bound(kept.cbegin(), kept.cend(), ops.at(i - 1).projectVersion);
        if (ops.at(i).memberId != ops.at(i - 1).memberId || (k != kept.cend() && *k < ops.at(i).projectVersion))
            groupStarts.append(i);
    }
    if (groupStarts.size() == ops.size()) {
        stats.opsAfter += ops.size();
        return R<void>::success(); // nothing to compose
    }
    ++stats.docsRewritten;
    QList<StoredOp> composed;
    QList<qint64> groupEnds;
    for (qsizetype g = 0; g < groupStarts.size(); ++g) {
        const qsizetype begin = groupStarts.at(g);
        const qsizetype end = g + 1 < groupStarts.size() ? groupStarts.at(g + 1) : ops.size();
        QList<ot::TextOperation> run;
        for (qsizetype i = begin; i < end; ++i)
            run.append(ops.at(i).op);
        StoredOp last = ops.at(end - 1);
        last.op = squash(run);
        last.version = a + 1 + composed.size();
        composed.append(last);
        groupEnds.append(ops.at(end - 1).version);
    }
    stats.opsAfter += composed.size();
    const qint64 delta = ops.size() - composed.size();

    // The text before the range, then both histories replayed side by side.
    auto snapshot = m_history.docSnapshot(projectId, docId, a);
    if (!snapshot.ok())
        return R<void>::failure(snapshot.error());
    ot::TextBuffer before(snapshot.value().second);
    auto lead = m_history.historyOps(projectId, docId, snapshot.value().first, a, -1);
    if (!lead.ok())
        return R<void>::failure(lead.error());
    for (const StoredOp &op : std::as_const(lead.value())) {
        if (!before.apply(op.op).ok())
            return R<void>::failure(error("internal", QStringLiteral("the op at version %1 of doc '%2' does not apply").arg(op.version).arg(docId)));
    }
    ot::TextBuffer original = before;
    for (const StoredOp &op : std::as_const(ops)) {
        if (!original.apply(op.op).ok())
            return R<void>::failure(error("internal", QStringLiteral("the op at version %1 of doc '%2' does not apply").arg(op.version).arg(docId)));
    }

    auto removed = m_run(QStringLiteral("DELETE FROM doc_ops WHERE doc_id = ? AND version > ? AND version <= ?"), {docId, a, b}, what);
    if (!removed.ok())
        return R<void>::failure(removed.error());
    removed = m_run(QStringLiteral("DELETE FROM doc_snapshots WHERE doc_id = ? AND version > ? AND version <= ?"), {docId, a, b}, what);
    if (!removed.ok())
        return R<void>::failure(removed.error());
    qint64 lastSnapshot = snapshot.value().first;
    ot::TextBuffer &text = before;
    for (const StoredOp &op : std::as_const(composed)) {
        if (!text.apply(op.op).ok())
            return R<void>::failure(error("internal", QStringLiteral("doc '%1': a composed op does not apply").arg(docId)));
        const QString json = QString::fromUtf8(QJsonDocument(ot::toJson(op.op)).toJson(QJsonDocument::Compact));
        auto in = m_run(QStringLiteral("INSERT INTO doc_ops (doc_id, version, op, client_id, seq, ts, pv, member_id) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                        {docId, op.version, json, op.clientId, op.seq, op.timestamp, op.projectVersion, nullToEmpty(op.memberId)}, what);
        if (!in.ok())
            return R<void>::failure(in.error());
        // Still a snapshot every SnapshotInterval ops, so reading stays bounded.
        if (op.version - lastSnapshot >= SqlDocstore::SnapshotInterval) {
            if (auto stored = m_history.storeSnapshot(docId, op.version, text.toString()); !stored.ok())
                return stored;
            lastSnapshot = op.version;
        }
    }
    if (text.toString() != original.toString())
        return R<void>::failure(error("internal", QStringLiteral("doc '%1': the composed ops do not give the same text").arg(docId)));

    // Everything after the range moves down by delta (through negative versions,
    // so no row meets one not moved yet under the primary key).
    const QStringList shifts{
        QStringLiteral("UPDATE doc_ops SET version = -(version - ?) WHERE doc_id = ? AND version > ?"),
        QStringLiteral("UPDATE doc_ops SET version = -version WHERE doc_id = ? AND version < 0"),
        QStringLiteral("UPDATE doc_snapshots SET version = -(version - ?) WHERE doc_id = ? AND version > ?"),
        QStringLiteral("UPDATE doc_snapshots SET version = -version WHERE doc_id = ? AND version < 0"),
    };
    for (qsizetype i = 0; i < shifts.size(); ++i) {
        auto shifted = i % 2 == 0 ? m_run(shifts.at(i), {delta, docId, b}, what) : m_run(shifts.at(i), {docId}, what);
        if (!shifted.ok())
            return R<void>::failure(shifted.error());
    }
    auto doc = m_run(QStringLiteral("UPDATE docs SET version = version - ? WHERE entry_id = ? AND version >= ?"), {delta, docId, b}, what);
    if (!doc.ok())
        return R<void>::failure(doc.error());

    // The changes' doc ranges: remapped inside the range, moved down after it.
    auto rows = m_run(QStringLiteral("SELECT change_from, doc_from, doc_to FROM history_change_files WHERE project_id = ? "
                                     "AND entry_id = ? AND change_from >= ? AND change_from < ?"),
                      {projectId, docId, fromVersion, toVersion}, what);
    if (!rows.ok())
        return R<void>::failure(rows.error());
    QList<std::array<qint64, 3>> inRange;
    while (rows.value().next())
        inRange.append({rows.value().value(0).toLongLong(), rows.value().value(1).toLongLong(), rows.value().value(2).toLongLong()});
    rows.value().finish();
    for (const auto &[change, docFrom, docTo] : std::as_const(inRange)) {
        auto up = m_run(QStringLiteral("UPDATE history_change_files SET doc_from = ?, doc_to = ? WHERE project_id = ? "
                                       "AND change_from = ? AND entry_id = ?"),
                        {remap(docFrom, a, b, groupEnds), remap(docTo, a, b, groupEnds), projectId, change, docId}, what);
        if (!up.ok())
            return R<void>::failure(up.error());
    }
    auto later = m_run(QStringLiteral("UPDATE history_change_files SET "
                                      "doc_from = CASE WHEN doc_from >= ? THEN doc_from - ? ELSE doc_from END, "
                                      "doc_to = CASE WHEN doc_to >= ? THEN doc_to - ? ELSE doc_to END "
                                      "WHERE project_id = ? AND entry_id = ? AND change_from >= ?"),
                       {b, delta, b, delta, projectId, docId, toVersion}, what);
    if (!later.ok())
        return R<void>::failure(later.error());
    return R<void>::success();
}

} // namespace coauthor::sync
