#pragma once
// Docstore: the durable store behind the document-updater (Overleaf's docstore +
// project metadata): projects, hashed tokens, the file tree, doc text + version,
// the full op history and binary files. Synchronous; open() picks the backend.
#include "sync/docstore/docstoretypes.h"
#include "sync/common/serviceerror.h"
#include "sync/common/result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <memory>
#include <optional>
#include <utility>

namespace coauthor::sync {

class Docstore
{
public:
    template <typename T>
    using Result = Result<T, ServiceError>;

    virtual ~Docstore() = default;

    // Empty url: SQLite file "docstore.sqlite" in dataDir (created if missing).
    // "postgresql://user:password@host:port/dbname": PostgreSQL through QPSQL.
    // "sqlite:///absolute/path.sqlite": SQLite at that path.
    static Result<std::unique_ptr<Docstore>> open(const QString &url, const QString &dataDir);
    // storage_unavailable failures of the database (every docstore of this process),
    // for operators (/metrics).
    static qint64 storageErrorCount();

    // Projects and invitations. A token is 256 random bits, returned once and stored
    // only as its SHA-256; each invitation is one person (docs/security.md).
    virtual Result<ProjectInfo> createProject(const QString &name) = 0;
    virtual Result<ProjectInfo> project(const QString &projectId) = 0; // unknown_project
    virtual Result<QList<ProjectInfo>> projects() = 0;
    // name: who is invited (at most 100 characters, else invalid_name; empty: an
    // unnamed invitation, whose users name themselves in hello).
    virtual Result<IssuedInvitation> createInvitation(const QString &projectId, const QString &name, Role role) = 0;
    // An unnamed invitation, as tokens were before invitations (tests, old scripts).
    Result<QString> createToken(const QString &projectId, Role role);
    // Every invitation of the project, revoked ones included, oldest first.
    virtual Result<QList<Invitation>> invitations(const QString &projectId) = 0;
    // Revokes by id, or by name when invitationId is empty (not_found; ambiguous_name
    // when two active invitations have that name). Returns the revoked invitation.
    virtual Result<Invitation> revokeInvitation(const QString &projectId, const QString &invitationId,
                                                const QString &name = {}) = 0;
    // The active invitation the token belongs to; unauthorized otherwise.
    virtual Result<Invitation> authenticate(const QString &projectId, const QString &token) = 0;
    // Binds clientId to memberId on its first use in the project, for good; fails with
    // client_id_taken when another member has it.
    virtual Result<void> bindClientId(const QString &projectId, const QString &clientId, const QString &memberId) = 0;
    // The member a clientId is bound to, if any.
    virtual Result<std::optional<QString>> clientIdOwner(const QString &projectId, const QString &clientId) = 0;

    // File tree. Paths are full and already validated (see ProjectFiles::normalizePath);
    // missing parent folders are created. Errors: path_exists, invalid_path
    // (a parent is not a folder), not_found, unknown_project.
    virtual Result<QList<TreeEntry>> entries(const QString &projectId) = 0; // sorted by path
    virtual Result<TreeEntry> entry(const QString &projectId, const QString &entryId) = 0;
    virtual Result<TreeEntry> createDoc(const QString &projectId, const QString &path, const QString &text,
                                        const Actor &by = {}) = 0;
    virtual Result<TreeEntry> createFolder(const QString &projectId, const QString &path, const Actor &by = {}) = 0;
    virtual Result<TreeEntry> createFile(const QString &projectId, const QString &path, const QByteArray &content,
                                         const Actor &by = {}) = 0;
    // Gives the file entry fileId new content (same id and path); not_found when
    // it is not a file of projectId. Returns the entry with its new size and hash.
    virtual Result<TreeEntry> replaceFile(const QString &projectId, const QString &fileId, const QByteArray &content,
                                          const Actor &by = {}) = 0;
    // Moves an entry (a folder with everything under it). Returns the moved entry.
    virtual Result<TreeEntry> moveEntry(const QString &projectId, const QString &entryId, const QString &newPath,
                                        const Actor &by = {}) = 0;
    // Removes an entry (a folder with everything under it). A removed doc's ops and
    // snapshots and every file content stay in the history. Returns every removed entry.
    virtual Result<QList<TreeEntry>> removeEntry(const QString &projectId, const QString &entryId,
                                                 const Actor &by = {}) = 0;
    virtual Result<QByteArray> fileContent(const QString &projectId, const QString &fileId) = 0;

    // Docs and history. unknown_doc when docId is not a doc of projectId.
    virtual Result<StoredDoc> loadDoc(const QString &projectId, const QString &docId) = 0;
    // In one transaction: appends the ops not stored yet (idempotent per version, so
    // two flushes of the same ops are harmless) and stores text + version unless the
    // stored version is already >= version. Fails (storing nothing) unless the history
    // then holds every version after the stored one up to version: it never gets a hole.
    // An op whose (clientId, seq) an op at another version already has is kept with
    // seq = -version (made by servers that applied a reused seq).
    virtual Result<void> storeDoc(const QString &projectId, const QString &docId, const QString &text,
                                  qint64 version, const QList<StoredOp> &ops) = 0;
    // Ops with fromVersion < version <= toVersion (toVersion < 0: no upper bound), in
    // order: the first maxOps of them, stopping after the op that reaches maxBytes of
    // JSON (< 0: no bound), so a page of a long history is read without the rest.
    virtual Result<QList<StoredOp>> opsSince(const QString &projectId, const QString &docId, qint64 fromVersion,
                                             qint64 toVersion = -1, qint64 maxOps = -1, qint64 maxBytes = -1) = 0;
    // The version an op of (clientId, seq) got, if the history has it.
    virtual Result<std::optional<qint64>> findOp(const QString &projectId, const QString &docId,
                                                 const QString &clientId, qint64 seq) = 0;
    // The highest seq of clientId's ops in the history of the doc, if it has any.
    virtual Result<std::optional<qint64>> lastSeq(const QString &projectId, const QString &docId,
                                                  const QString &clientId) = 0;

    // Project history (read by sync_history's HistoryReader). Every op (when stored)
    // and every tree event gets the project's next version, in the transaction that
    // stores it; the events are grouped into changes as they are written (see
    // ChangeGrouping). A removed doc keeps its ops; every file content is kept.
    // Each tree method's Actor names who made the event; an op's author is the
    // member its clientId is bound to (bindClientId).
    virtual void setChangeGrouping(const ChangeGrouping &grouping) = 0;
    // The project's latest version (0: nothing happened yet).
    virtual Result<qint64> projectVersion(const QString &projectId) = 0;
    // Changes with toVersion <= beforeVersion (<= 0: any), newest first, at most
    // limit; only those touching entryId when it is not empty. The newest change
    // may still grow (its fromVersion, the change's identity, never moves).
    virtual Result<QList<StoredChange>> changes(const QString &projectId, const QString &entryId, qint64 beforeVersion,
                                                int limit) = 0;
    // Tree events with fromVersion < version <= toVersion (< 0: no bound), oldest first;
    // only those of entryId when it is not empty.
    virtual Result<QList<TreeEvent>> treeEvents(const QString &projectId, qint64 fromVersion, qint64 toVersion,
                                                const QString &entryId = {}) = 0;
    // The doc's text at the newest snapshot at or before docVersion: (version, text).
    // Docs removed since are still found. unknown_doc when docId was never a doc of projectId.
    virtual Result<std::pair<qint64, QString>> docSnapshot(const QString &projectId, const QString &docId,
                                                           qint64 docVersion) = 0;
    // Like opsSince, also for removed docs, with projectVersion and memberId filled.
    virtual Result<QList<StoredOp>> historyOps(const QString &projectId, const QString &docId, qint64 fromVersion,
                                               qint64 toVersion, qint64 maxOps = -1) = 0;
    // The doc's version at a project version (0 before its first op).
    virtual Result<qint64> docVersionAt(const QString &projectId, const QString &docId, qint64 projectVersion) = 0;
    // The content with that hash, if the project ever had it (not_found otherwise).
    virtual Result<QByteArray> contentByHash(const QString &projectId, const QByteArray &sha256) = 0;
    // Labels, oldest first. addLabel: invalid_name for an empty name or one over 200
    // characters, version_in_future past the project's version.
    virtual Result<QList<StoredLabel>> labels(const QString &projectId) = 0;
    virtual Result<StoredLabel> addLabel(const QString &projectId, const QString &name, qint64 projectVersion,
                                         const Actor &by) = 0;

    // History compaction (sqlcompaction.cpp), for the app's local history: the
    // changes lying whole inside (fromVersion, toVersion] are merged per time bucket
    // (bucketMs > 0: consecutive changes starting in the same bucket of
    // floor((startedAt + offsetMs) / bucketMs), never joined at a label's version;
    // 0: left as they are), and then each doc's ops in them are composed into one
    // op per change per author, cut at every label. Project versions, labels and
    // tree events do not move, so the tree and every doc's text at each change's
    // boundaries and at each label stay exactly what they were; versions inside a
    // change no longer have their own text. The doc's versions are renumbered
    // (ops 1, 2, 3, … still, fewer of them; its later ops, snapshots, changes and
    // stored version follow), so it is only for a docstore whose doc versions no
    // client holds: not a server's (clients and Redis know those). One transaction.
    struct HistoryCompaction
    {
        qint64 fromVersion = 0;
        qint64 toVersion = 0;
        qint64 bucketMs = 0;
        qint64 offsetMs = 0; // e.g. the local time zone's offset, for buckets of local days
    };
    struct CompactionStats
    {
        qint64 opsBefore = 0; // ops of the changes compacted
        qint64 opsAfter = 0;
        qint64 changesBefore = 0;
        qint64 changesAfter = 0;
        qint64 docsRewritten = 0;
    };
    virtual Result<CompactionStats> compactHistory(const QString &projectId, const HistoryCompaction &how) = 0;

    // Server-side undelete: entryId, a doc or file removed earlier, comes back as the
    // same entry (its id, its history) at path (missing parent folders created;
    // path_exists when taken, not_removed when entryId exists now, not_found when it
    // was never a doc or file of projectId). A doc continues at the version it was
    // removed at: when text differs from its text then, one op of by's (common
    // prefix and suffix kept) turns that into text, so the history still replays to
    // every version. A file gets the content with sha256 (one the project had: else
    // not_found). The Create event and the op are recorded in one transaction.
    virtual Result<TreeEntry> restoreEntry(const QString &projectId, const QString &entryId, const QString &path,
                                           const QString &text, const QByteArray &sha256, const Actor &by) = 0;

    // The names members go by (at most 100 characters), kept so that the history
    // names past collaborators who are not online: set at every hello, read by
    // HistoryReader where the invitation has no name.
    virtual Result<void> setMemberName(const QString &projectId, const QString &memberId, const QString &name) = 0;
    virtual Result<QHash<QString, QString>> memberNames(const QString &projectId) = 0; // member id -> name
};

} // namespace coauthor::sync
