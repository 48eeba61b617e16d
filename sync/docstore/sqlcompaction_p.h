#pragma once
// SqlCompaction: Docstore::compactHistory for SqlDocstore — merges old changes per
// time bucket and composes each doc's ops per change, per author and between
// labels, renumbering the doc's versions. Runs in the caller's transaction through
// the caller's statement runner (SQLite and PostgreSQL alike), as SqlHistory does.
#include "sync/docstore/sqlhistory_p.h"

namespace coauthor::sync {

class SqlCompaction
{
public:
    template <typename T>
    using R = Docstore::Result<T>;

    SqlCompaction(SqlHistory::Runner run, SqlHistory::TextCodec codec, SqlHistory &history)
        : m_run(std::move(run)), m_codec(std::move(codec)), m_history(history) {}

    R<Docstore::CompactionStats> compact(const QString &projectId, const Docstore::HistoryCompaction &how);

    // One op doing what ops do one after the other, with an insert and a later
    // delete of the same text cancelled (a typo typed and taken back leaves nothing).
    static ot::TextOperation squash(const QList<ot::TextOperation> &ops);

private:
    R<QList<StoredChange>> readChanges(const QString &projectId, const Docstore::HistoryCompaction &how);
    R<QList<StoredChange>> mergeChanges(const QString &projectId, const QList<StoredChange> &changes,
                                        const Docstore::HistoryCompaction &how, const QList<qint64> &labels);
    R<void> writeMerged(const QString &projectId, const QList<StoredChange> &group, const StoredChange &merged);
    // Rewrites docId's ops with project versions in (fromVersion, toVersion]; kept:
    // the project versions whose text must stay exact, sorted. Adds to stats.
    R<void> rewriteDoc(const QString &projectId, const QString &docId, qint64 fromVersion, qint64 toVersion,
                       const QList<qint64> &kept, Docstore::CompactionStats &stats);

    SqlHistory::Runner m_run;
    SqlHistory::TextCodec m_codec;
    SqlHistory &m_history;
};

} // namespace coauthor::sync
