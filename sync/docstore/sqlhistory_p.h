#pragma once
// SqlHistory: the history half of SqlDocstore (schema version 3): the project
// version counter, tree events, the project version and author of every op, text
// snapshots, the changes as they are written, labels, and the migration that gives
// an older docstore's data its history. Works in the caller's transaction, through
// the caller's statement runner, on SQLite and PostgreSQL alike.
#include "sync/docstore/docstore.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <QVariantList>

#include <functional>

namespace coauthor::sync {

namespace ot {
class TextBuffer;
class TextOperation;
}

class SqlHistory
{
public:
    template <typename T>
    using R = Docstore::Result<T>;
    using Runner = std::function<R<QSqlQuery>(const QString &sql, const QVariantList &values, const QString &what)>;

    // A doc's text as the backend stores it (PostgreSQL cannot hold U+0000), and back.
    struct TextCodec
    {
        std::function<QString(const QString &)> stored;
        std::function<QString(const QString &)> loaded;
    };

    SqlHistory(Runner run, TextCodec codec) : m_run(std::move(run)), m_codec(std::move(codec)) {}

    // The tables and indexes of version 3 (IF NOT EXISTS), for a new docstore and
    // after a migration; docOpsTable: doc_ops's definition under another name.
    static QStringList schema();
    static QStringList docOpsTable(const QString &name);
    R<void> runAll(const QStringList &statements, const QString &what);
    // Version 2 -> 3: doc_ops without its cascade (removed docs keep their ops), with
    // a project version per op (creation events first, then ops by time), snapshots
    // (the creation text found by undoing the ops) and the changes.
    R<void> migrateFromVersion2();

    void setGrouping(const ChangeGrouping &grouping) { m_grouping = grouping; }

    // Takes the next n project versions (locking the project's row until commit);
    // returns the first.
    R<qint64> allocate(const QString &projectId, qint64 n);
    // Records tree events (allocating their versions, in order) and folds them into the changes.
    R<void> recordTreeEvents(const QString &projectId, QList<TreeEvent> events);
    // The snapshot of a doc's text at a version (kept when one exists).
    R<void> storeSnapshot(const QString &docId, qint64 version, const QString &text);

    // One stored op as storeDoc hands it over: its version is assigned, its author known.
    struct OpRecord
    {
        qint64 projectVersion = 0;
        qint64 docVersion = 0;
        qint64 timestamp = 0;
        QString memberId;
        qint64 wordsAdded = 0;
        qint64 wordsRemoved = 0;
    };
    // Folds a doc's new ops into the changes.
    R<void> recordOps(const QString &projectId, const QString &docId, const QString &path, const QList<OpRecord> &ops);
    // The words an op inserts and deletes in text (applying it); false when it does not apply.
    static bool countWords(ot::TextBuffer &text, const ot::TextOperation &op, qint64 *added, qint64 *removed);

    // A doc's latest version in the history and its text then (a removed doc's too:
    // the snapshot taken at its removal, plus any ops after it).
    R<std::pair<qint64, QString>> lastText(const QString &projectId, const QString &docId);
    // Appends op, made by memberId at timestamp on the doc's text before (at
    // docVersion - 1), as docVersion with the project's next version, folded into
    // the changes (no clientId: seq -docVersion, as storeDoc keeps a reused seq).
    R<void> appendOp(const QString &projectId, const QString &docId, const QString &path, qint64 docVersion,
                     const ot::TextOperation &op, const QString &before, const QString &memberId, qint64 timestamp);

    R<qint64> projectVersion(const QString &projectId);
    R<QList<StoredChange>> changes(const QString &projectId, const QString &entryId, qint64 beforeVersion, int limit);
    R<QList<TreeEvent>> treeEvents(const QString &projectId, qint64 fromVersion, qint64 toVersion, const QString &entryId);
    R<void> requireHistoryDoc(const QString &projectId, const QString &docId);
    R<std::pair<qint64, QString>> docSnapshot(const QString &projectId, const QString &docId, qint64 docVersion);
    R<QList<StoredOp>> historyOps(const QString &projectId, const QString &docId, qint64 fromVersion, qint64 toVersion,
                                  qint64 maxOps);
    R<qint64> docVersionAt(const QString &projectId, const QString &docId, qint64 projectVersion);
    R<QByteArray> contentByHash(const QString &projectId, const QByteArray &sha256);
    R<QList<StoredLabel>> labels(const QString &projectId);
    R<StoredLabel> addLabel(const QString &projectId, const QString &name, qint64 projectVersion, const Actor &by);

private:
    // One event as the change grouping sees it.
    struct Step
    {
        qint64 projectVersion = 0;
        qint64 timestamp = 0;
        QString memberId;
    };
    // The project's newest change, read once per recording and written back at its end.
    struct OpenChange
    {
        bool exists = false; // a change row to extend (else nothing open yet)
        bool isNew = false;  // not in the table yet: no file rows to read
        bool changeDirty = false;
        StoredChange change;
        QHash<QString, StoredChangeFile> files; // loaded or touched entries of the change
        QSet<QString> dirty;
    };
    R<OpenChange> openChange(const QString &projectId);
    // Starts a new change at step unless it belongs to the open one; updates its range.
    R<void> advance(const QString &projectId, OpenChange &open, const Step &step);
    R<StoredChangeFile *> fileOf(const QString &projectId, OpenChange &open, const QString &entryId);
    R<void> write(const QString &projectId, OpenChange &open);
    R<QList<StoredChangeFile>> filesOf(const QString &projectId, qint64 fromChange, qint64 toChange);
    R<void> migrateProject(const QString &projectId, qint64 createdAt);

    Runner m_run;
    TextCodec m_codec;
    ChangeGrouping m_grouping;
};

} // namespace coauthor::sync
