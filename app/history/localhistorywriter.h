// LocalHistoryWriter: writes what happens to an unshared project into its local
// docstore — each text file a doc whose ops are the edits, binary files as file
// versions, creations, renames and removals as tree events — under one author,
// the local user. Synchronous and single-threaded: LocalHistoryStore runs it on
// its worker thread, tests may run it directly. Every write is one docstore call,
// so the history never holds half an edit.
#pragma once

#include "sync/common/result.h"
#include "sync/docstore/docstore.h"
#include "sync/ot/textoperation.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>

#include <memory>

namespace coauthor::app {

class LocalHistoryWriter
{
public:
    using Result = sync::Result<void, QString>;

    // An edit of an open file: op turns the text the history has into the next one.
    struct TimedOp
    {
        sync::ot::TextOperation op;
        qint64 timestamp = 0; // ms since the epoch, when it was typed
    };

    // The file holding a project's history, inside the project (hidden, never shared).
    static QString databasePathFor(const QString &projectRoot);
    // Files above this are not recorded (a data dump, a generated table).
    static constexpr qint64 maxFileBytes = 20 * 1024 * 1024;

    LocalHistoryWriter() = default;
    ~LocalHistoryWriter();
    Q_DISABLE_COPY(LocalHistoryWriter)

    // Opens (creating if need be) the project's history; author is who the edits
    // from now on belong to (the local user's name). A second Coauthor on the same
    // project gets SQLite's lock: the error says so and nothing is recorded.
    Result open(const QString &projectRoot, const QString &author);
    void close();
    bool isOpen() const { return m_store != nullptr; }

    sync::Docstore *docstore() const { return m_store.get(); }
    QString projectId() const { return m_projectId; }
    QString projectRoot() const { return m_root; }
    // The local user as a member of the history's project (labels are theirs too).
    QString memberId() const { return m_memberId; }

    // The text path has now (an editor opened on it, or it changed on disk): created
    // when the history does not know it, one diff op when it differs, else nothing.
    Result recordText(const QString &path, const QString &text, qint64 timestamp);
    // Edits of path after the text last recorded. Fails (recording nothing) when
    // they do not apply to it: the caller then records the whole text again.
    Result recordOps(const QString &path, const QList<TimedOp> &ops);
    // A binary file's content now: a new file, a new version, or nothing.
    Result recordFile(const QString &path, const QByteArray &content, qint64 timestamp = 0);
    Result recordRenamed(const QString &from, const QString &to);
    Result recordRemoved(const QString &path);
    // Compares the project on disk with the history and records the differences
    // (files created, changed or removed outside the app). skip: paths whose text the
    // caller records itself (open editors), neither read nor removed.
    Result scan(const QSet<QString> &skip);
    // One path as it is on disk now: recorded, or removed when it is gone.
    Result scanOne(const QString &path);

    // The text the history has for a doc path, if it is one.
    std::optional<QString> textOf(const QString &path);

    // What compaction keeps (docs/architecture.md "Local history"): every op of the
    // changes that ended less than keepEveryOpMs ago; before, one op per change per
    // file; changes that ended over perDayAfterMs ago merged into one per local day.
    // Labels and every change's own versions always stay exact.
    struct CompactionPolicy
    {
        qint64 keepEveryOpMs = 24LL * 3600 * 1000;
        qint64 perDayAfterMs = 30LL * 24 * 3600 * 1000;
    };
    // Compacts what the policy lets go as of now (ms since the epoch); the file
    // is vacuumed when many ops went. Cheap when there is nothing new to compact.
    sync::Result<sync::Docstore::CompactionStats, QString> compact(qint64 now, const CompactionPolicy &policy);
    sync::Result<sync::Docstore::CompactionStats, QString> compact(qint64 now) { return compact(now, CompactionPolicy()); }
    static constexpr qint64 vacuumAfterOps = 10000;

private:
    struct Doc
    {
        QString id;
        qint64 version = -1; // -1: not loaded yet
        QString text;
        qint64 seq = 0; // the last seq of our clientId's ops (not the version: compaction renumbers those)
    };
    struct Stamp
    {
        QDateTime modified;
        qint64 size = -1;
        bool operator==(const Stamp &) const = default;
    };

    Result identify(const QString &author);
    Doc *doc(const QString &path);
    std::optional<sync::TreeEntry> entryAt(const QString &path);
    Result recordDiskFile(const QString &path);
    Result storeOps(const QString &path, Doc &doc, const QList<TimedOp> &ops);
    // The newest change that ended before cutoff: its last version (0: none).
    sync::Result<qint64, QString> lastVersionEndedBefore(qint64 cutoff);
    void vacuum();
    static QString describe(const sync::ServiceError &error);
    // The local user doing a tree change, at a time (0: now).
    sync::Actor actor(qint64 at = 0) const { return sync::Actor{m_memberId, at}; }

    std::unique_ptr<sync::Docstore> m_store;
    QString m_root;
    QString m_projectId;
    QString m_memberId;
    QString m_clientId;
    QHash<QString, Doc> m_docs;      // by path
    QHash<QString, Stamp> m_stamps;  // what scan() last read, by path
};

} // namespace coauthor::app
