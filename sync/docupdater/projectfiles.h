#pragma once
// ProjectFiles: the file tree operations (create, rename, delete docs and folders;
// upload and download binary files) over the docstore. Each change is published on
// the project channel, so the clients of every instance see it.
#include "sync/docstore/docstore.h"
#include "sync/common/serviceerror.h"
#include "sync/common/result.h"
#include "sync/protocol/servermessage.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

namespace coauthor::sync {

class DocumentUpdater;

class ProjectFiles : public QObject
{
    Q_OBJECT
public:
    template <typename T>
    using Result = Result<T, ServiceError>;

    static constexpr qint64 DefaultMaxFileBytes = 50 * 1024 * 1024;

    // Neither is owned.
    ProjectFiles(Docstore *docstore, DocumentUpdater *updater, QObject *parent = nullptr);

    void setMaxFileBytes(qint64 bytes) { m_maxFileBytes = bytes; }
    qint64 maxFileBytes() const { return m_maxFileBytes; }

    // A valid project path (ProjectPath::normalize: relative, portable to Windows and
    // macOS, no reserved segment such as .coauthor or .git). Returns it without a
    // trailing '/'; invalid_path with the reason otherwise.
    static Result<QString> normalizePath(const QString &path);
    // The entry as the protocol carries it ("kind": "doc"|"file"|"folder").
    static ServerMessage::Entry wireEntry(const TreeEntry &entry);

    Result<QList<TreeEntry>> fileTree(const QString &projectId);
    // memberId: who does it, for the project's history (empty: an administrator).
    Result<TreeEntry> createDoc(const QString &projectId, const QString &path, const QString &text = {},
                                const QString &memberId = {});
    Result<TreeEntry> createFolder(const QString &projectId, const QString &path, const QString &memberId = {});
    Result<TreeEntry> rename(const QString &projectId, const QString &entryId, const QString &newPath,
                             const QString &memberId = {});
    // Returns every removed entry (a folder's contents included).
    Result<QList<TreeEntry>> remove(const QString &projectId, const QString &entryId, const QString &memberId = {});
    // A new file at path; with replace, a file already at path gets content
    // instead (same id, announced as created again so that clients download it).
    Result<TreeEntry> uploadFile(const QString &projectId, const QString &path, const QByteArray &content,
                                 bool replace = false, const QString &memberId = {});
    Result<QByteArray> downloadFile(const QString &projectId, const QString &fileId);
    // A removed doc or file back as the same entry (Docstore::restoreEntry) with
    // text (a doc) or the content with sha256 (a file), at path or, when path is
    // taken (or differs from an entry only in case), at the first free one of
    // "stem (restored).ext", "stem (restored 2).ext", …; announced as created.
    Result<TreeEntry> restore(const QString &projectId, const QString &entryId, const QString &path, const QString &text,
                              const QByteArray &sha256, const QString &memberId = {});
    static QString restoredPath(const QString &path, int attempt); // attempt 0: path itself

    // Published through DocumentUpdater::publishProjectMessage on success: a
    // ServerMessage::TreeChanged ("created"|"renamed"|"removed", the entries, the
    // old path of a rename). A rename of a folder lists the folder itself; clients
    // move what is under it.

private:
    // normalizePath, and no case-only collision with an entry of the project other
    // than movingId (a rename's own entry) and what is under it.
    Result<QString> checkedPath(const QString &projectId, const QString &path, const QString &movingId = {});
    void publish(const QString &projectId, const QString &change, const QList<TreeEntry> &entries,
                 const QString &oldPath = {});

    Docstore *m_docstore;
    DocumentUpdater *m_updater;
    qint64 m_maxFileBytes = DefaultMaxFileBytes;
};

} // namespace coauthor::sync
