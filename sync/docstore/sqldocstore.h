#pragma once
// SqlDocstore: the Docstore over QtSql, SQLite (WAL, foreign keys) or PostgreSQL
// (QPSQL), with one named connection per instance and a schema_version table.
// File contents are stored in the database (see sqldocstore.cpp for why).
#include "sync/docstore/docstore.h"

#include <QString>

namespace coauthor::sync {

class SqlDocstore : public Docstore
{
public:
    // driver: "QSQLITE" (databaseName = file path) or "QPSQL".
    struct ConnectionInfo
    {
        QString driver;
        QString databaseName;
        QString host;
        int port = -1;
        QString user;
        QString password;
    };

    ~SqlDocstore() override;
    static Result<std::unique_ptr<SqlDocstore>> open(const ConnectionInfo &info);

    Result<ProjectInfo> createProject(const QString &name) override;
    Result<ProjectInfo> project(const QString &projectId) override;
    Result<QList<ProjectInfo>> projects() override;
    Result<IssuedInvitation> createInvitation(const QString &projectId, const QString &name, Role role) override;
    Result<QList<Invitation>> invitations(const QString &projectId) override;
    Result<Invitation> revokeInvitation(const QString &projectId, const QString &invitationId, const QString &name = {}) override;
    Result<Invitation> authenticate(const QString &projectId, const QString &token) override;
    Result<void> bindClientId(const QString &projectId, const QString &clientId, const QString &memberId) override;
    Result<std::optional<QString>> clientIdOwner(const QString &projectId, const QString &clientId) override;

    Result<QList<TreeEntry>> entries(const QString &projectId) override;
    Result<TreeEntry> entry(const QString &projectId, const QString &entryId) override;
    Result<TreeEntry> createDoc(const QString &projectId, const QString &path, const QString &text,
                                const Actor &by = {}) override;
    Result<TreeEntry> createFolder(const QString &projectId, const QString &path, const Actor &by = {}) override;
    Result<TreeEntry> createFile(const QString &projectId, const QString &path, const QByteArray &content,
                                 const Actor &by = {}) override;
    Result<TreeEntry> replaceFile(const QString &projectId, const QString &fileId, const QByteArray &content,
                                  const Actor &by = {}) override;
    Result<TreeEntry> moveEntry(const QString &projectId, const QString &entryId, const QString &newPath,
                                const Actor &by = {}) override;
    Result<QList<TreeEntry>> removeEntry(const QString &projectId, const QString &entryId, const Actor &by = {}) override;
    Result<QByteArray> fileContent(const QString &projectId, const QString &fileId) override;

    Result<StoredDoc> loadDoc(const QString &projectId, const QString &docId) override;
    Result<void> storeDoc(const QString &projectId, const QString &docId, const QString &text, qint64 version,
                          const QList<StoredOp> &ops) override;
    Result<QList<StoredOp>> opsSince(const QString &projectId, const QString &docId, qint64 fromVersion,
                                     qint64 toVersion = -1, qint64 maxOps = -1, qint64 maxBytes = -1) override;
    Result<std::optional<qint64>> findOp(const QString &projectId, const QString &docId, const QString &clientId,
                                         qint64 seq) override;
    Result<std::optional<qint64>> lastSeq(const QString &projectId, const QString &docId, const QString &clientId) override;

    void setChangeGrouping(const ChangeGrouping &grouping) override;
    Result<qint64> projectVersion(const QString &projectId) override;
    Result<QList<StoredChange>> changes(const QString &projectId, const QString &entryId, qint64 beforeVersion,
                                        int limit) override;
    Result<QList<TreeEvent>> treeEvents(const QString &projectId, qint64 fromVersion, qint64 toVersion,
                                        const QString &entryId = {}) override;
    Result<std::pair<qint64, QString>> docSnapshot(const QString &projectId, const QString &docId, qint64 docVersion) override;
    Result<QList<StoredOp>> historyOps(const QString &projectId, const QString &docId, qint64 fromVersion, qint64 toVersion,
                                       qint64 maxOps = -1) override;
    Result<qint64> docVersionAt(const QString &projectId, const QString &docId, qint64 projectVersion) override;
    Result<QByteArray> contentByHash(const QString &projectId, const QByteArray &sha256) override;
    Result<QList<StoredLabel>> labels(const QString &projectId) override;
    Result<StoredLabel> addLabel(const QString &projectId, const QString &name, qint64 projectVersion,
                                 const Actor &by) override;
    // History compaction (sqlcompaction.cpp).
    Result<CompactionStats> compactHistory(const QString &projectId, const HistoryCompaction &how) override;
    Result<TreeEntry> restoreEntry(const QString &projectId, const QString &entryId, const QString &path, const QString &text,
                                   const QByteArray &sha256, const Actor &by) override;
    Result<void> setMemberName(const QString &projectId, const QString &memberId, const QString &name) override;
    Result<QHash<QString, QString>> memberNames(const QString &projectId) override;

    // A snapshot of a doc's text is stored every SnapshotInterval ops, so reading any
    // version replays at most that many.
    static constexpr qint64 SnapshotInterval = 1000;

private:
    explicit SqlDocstore(const QString &connectionName);
    Q_DISABLE_COPY_MOVE(SqlDocstore)
    // Stores content under its hash unless a file already holds it (in the caller's transaction).
    Result<void> storeContent(const QByteArray &sha, const QByteArray &content);
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace coauthor::sync
