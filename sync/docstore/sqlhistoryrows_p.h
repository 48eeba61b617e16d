#pragma once
// The history tables' rows as SqlHistory and SqlCompaction both read and write them:
// the column lists, the file-change kinds as stored ("edited,renamed"), and one change
// or change-file row read back. Defined in sqlhistory.cpp.
#include "sync/docstore/docstoretypes.h"

#include <QList>
#include <QString>

class QSqlQuery;

namespace coauthor::sync::historyrows {

inline constexpr char changeColumns[] = "from_pv, to_pv, started_at, ended_at, members, last_member";
inline constexpr char fileColumns[] =
    "change_from, entry_id, entry_kind, path, old_path, kinds, doc_from, doc_to, sha256, size, words_added, words_removed";

QString encodeKinds(const QList<StoredChangeFile::Kind> &kinds);
QList<StoredChangeFile::Kind> decodeKinds(const QString &text);
TreeEntry::Kind entryKindFromName(const QString &name);
// A null QString binds as SQL NULL; the history's text columns are NOT NULL.
QString nullToEmpty(const QString &s);
// A row of changeColumns.
StoredChange changeFrom(const QSqlQuery &q);
// A row of fileColumns from entry_id on, which is column first.
StoredChangeFile fileFrom(const QSqlQuery &q, int first);

} // namespace coauthor::sync::historyrows
