#pragma once

// ProjectMirror: keeps a local folder equal to a shared project — doc texts
// (written atomically, debounced), binary files and tree changes — and reports
// docs changed on disk by other programs as edits against the known text.
// A write that fails (a full disk) is kept in memory and retried every
// retryIntervalMs; writeFailed is emitted once per failure, recovered() when
// everything pending is written.
//
// While watching (setWatching), files and folders that other programs create,
// replace, rename or delete in the folder are reported (createdOnDisk, …): the
// mirror knows what it wrote and what the server has (the "known" state), and
// reports only what differs from it, so its own writes never come back. How it
// notices (docs/protocol.md, "Working copy"): a QFileSystemWatcher on every
// folder and shared binary file starts a scan scanDelayMs after the last event,
// and a scan runs every periodicScanMs anyway (watch limits, network folders);
// a path is reported once two scans in a row saw it the same (a file still
// being written waits).

#include "sync/client/workingcopyscan.h"
#include "sync/ot/textoperation.h"
#include "sync/protocol/servermessage.h"

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

namespace coauthor::sync {

class ProjectMirror : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProjectMirror)

public:
    static constexpr int writeDelayMs = 300;
    static constexpr int retryIntervalMs = 2000;
    static constexpr int scanDelayMs = 400;
    static constexpr int periodicScanMs = 5000;

    explicit ProjectMirror(const QString &root, QObject *parent = nullptr);
    ~ProjectMirror() override; // saves the state file

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

    // ---- the working copy as other programs change it --------------------------
    // The last known state is kept in stateFile between runs (loaded now).
    void setStateFile(const QString &stateFile);
    // New local paths for which rule is true stay on this computer (build
    // products, editors' temporary files); a path already shared is never one.
    void setLocalOnlyRule(std::function<bool(const QString &)> rule) { m_localOnly = std::move(rule); }
    // Scans and reports while true (online, the server's tree adopted); nothing is
    // reported while false, and what changed meanwhile is found by the next
    // adoptServerTree.
    void setWatching(bool watching);
    bool isWatching() const { return m_watching; }
    // The server's whole tree arrived (every connection). Entries whose local copy
    // agrees become known; returns the ids of files to download (missing here,
    // or the server's content differs and ours did not change since we last
    // agreed). Local paths the server lacks are reported by createdOnDisk —
    // except those the last known state had, unchanged since: the server
    // deleted them while we were away, and they are deleted here. A file that
    // changed here since we last agreed is reported by replacedOnDisk.
    // Starts watching.
    QStringList adoptServerTree(const QList<ServerMessage::Entry> &tree);
    // The server's tree changed: what is shared (kept in the state file).
    void setServerPaths(const QSet<QString> &paths);
    // The SHA-256 (hex) of what the mirror knows at path, empty when none: a
    // file announced with this hash is already here (our own upload).
    QByteArray knownSha256(const QString &path) const { return m_known.value(path).sha256; }
    // Known paths and their hashes, for tests.
    QHash<QString, KnownEntry> knownState() const { return m_known; }
    // The app changed the folder itself and tells the server: what is on disk
    // at path now is known, so that the scan does not report it again.
    void noteLocal(const QString &path);
    void noteLocalRename(const QString &from, const QString &to);
    void noteLocalRemoved(const QString &path);
    // Scans now (the timers call it; tests too).
    void scanNow();
    // Writes the state file now.
    void saveState();

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
    // Another program created path (a folder when folder), replaced a shared
    // file's content, deleted or renamed a known path (a delete and a create of
    // the same content within one scan is a rename). Known already: reported once.
    void createdOnDisk(const QString &path, bool folder);
    void replacedOnDisk(const QString &path);
    void removedOnDisk(const QString &path);
    void renamedOnDisk(const QString &from, const QString &to);
    // A new local path that the project cannot hold (ProjectPath), once per path.
    void localPathRefused(const QString &path, const QString &reason);

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
    // What the mirror wrote (content) or made at path is known, with its parents.
    void noteWritten(const QString &path, const QByteArray *content);
    void noteParents(const QString &path);
    void forgetKnown(const QString &path); // path and what is under it
    void moveKnown(const QString &from, const QString &to);
    bool isLocalOnly(const QString &path) const;
    bool isDocPath(const QString &path) const;
    void watchFolders(const QHash<QString, FileStat> &disk);
    void scheduleScan();
    void stateChanged();

    QString m_root;
    QHash<QString, Doc> m_docs; // by doc id
    QHash<QString, QByteArray> m_pendingFiles; // binary files not written yet, by path
    QTimer m_writeTimer;
    bool m_failing = false;
    QSet<QString> m_refused; // paths already reported by pathRefused
    QFileSystemWatcher m_watcher;

    QHash<QString, KnownEntry> m_known;   // what we agree on with the server (or told it), by path
    QSet<QString> m_serverPaths;          // the server's tree, by path
    QHash<QString, FileStat> m_lastScan;  // what the previous scan saw
    QSet<QString> m_watchedFolders;
    QSet<QString> m_refusedLocal;         // local paths reported by localPathRefused
    std::function<bool(const QString &)> m_localOnly;
    QSet<QString> m_localOutputs;         // workingcopyscan::localOutputs, read by each scan
    QString m_stateFile;
    bool m_watching = false;
    bool m_watchLimitLogged = false;
    QTimer m_scanTimer;
    QTimer m_periodicScan;
    QTimer m_stateTimer;
};

} // namespace coauthor::sync
