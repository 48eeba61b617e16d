#pragma once

// ProjectMirror: keeps a local folder equal to a shared project — doc texts
// (written atomically, debounced), binary files and tree changes — and reports
// docs changed on disk by other programs as edits against the known text.
// A write that fails (a full disk) is kept in memory and retried every
// retryIntervalMs; writeFailed is emitted once per failure, recovered() when
// everything pending is written.

#include "sync/ot/textoperation.h"

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace coauthor::sync {

class ProjectMirror : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProjectMirror)

public:
    static constexpr int writeDelayMs = 300;
    static constexpr int retryIntervalMs = 2000;

    explicit ProjectMirror(const QString &root, QObject *parent = nullptr);

    QString root() const { return m_root; }
    // Where relativePath is on disk; empty when the mirror refuses it (refusal()).
    QString absolutePath(const QString &relativePath) const;
    // Why the mirror never writes, renames or deletes relativePath, whatever the
    // server sends: not a valid project path (ProjectPath, so never inside
    // .coauthor/ or .git/), outside the folder, or through a symbolic link that
    // leads out of it. Empty when it may.
    QString refusal(const QString &relativePath) const;

    // The text of the doc at path changed; written within writeDelayMs.
    void setDocText(const QString &docId, const QString &path, const QString &text);
    void writeFile(const QString &path, const QByteArray &content);
    void createFolder(const QString &path);
    void rename(const QString &oldPath, const QString &newPath);
    void remove(const QString &path);
    // Forgets the doc (it left the project); its file stays unless remove()d.
    void forgetDoc(const QString &docId);
    // Writes every pending doc and file now.
    void flush();
    // Whether docs or files wait to be written after a failed write.
    bool isFailing() const { return m_failing; }

    // The edits turning before into after (textDiff), as an op; a no-op when
    // they are equal.
    static ot::TextOperation diff(const QString &before, const QString &after);

Q_SIGNALS:
    // A doc's file was changed by another program: op turns the text we know
    // into the file's content.
    void docEditedOnDisk(const QString &docId, const coauthor::sync::ot::TextOperation &op);
    void writeFailed(const QString &path, const QString &message);
    // The server sent a path the mirror will not touch (refusal()); emitted once per
    // path. Nothing was written or deleted.
    void pathRefused(const QString &path, const QString &reason);
    // Everything that could not be written is written now.
    void recovered();

private:
    struct Doc
    {
        QString path;
        QString text;    // the latest text from the sync client
        QString written; // what is on disk, as far as we know
        bool dirty = false;
    };
    // absolutePath, or empty after reporting the refusal (once per path).
    QString guardedPath(const QString &relativePath);
    bool writeAtomically(const QString &path, const QByteArray &content);
    void onFileChanged(const QString &absolutePath);
    void watch(const QString &absolutePath);

    QString m_root;
    QHash<QString, Doc> m_docs; // by doc id
    QHash<QString, QByteArray> m_pendingFiles; // binary files not written yet, by path
    QTimer m_writeTimer;
    bool m_failing = false;
    QSet<QString> m_refused; // paths already reported by pathRefused
    QFileSystemWatcher m_watcher;
};

} // namespace coauthor::sync
