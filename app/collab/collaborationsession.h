// CollaborationSession: the app's side of a shared project. Owns the
// SyncClient for the working copy and binds every open editor tab of a shared
// doc to it through a DocumentBridge (our edits out, collaborators' in, the
// local caret and view left alone), shows collaborators' carets in the tab of
// the doc they are in, and sends ours. The files on disk are the mirror's.
#pragma once

#include "app/collab/sharelink.h"
#include "sync/client/syncclient.h"
#include "sync/common/result.h"

#include <QColor>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <map>

namespace coauthor::editor {
class DocumentBridge;
class LatexEditor;
class RemoteCursors;
class SharedUndoStack;
} // namespace coauthor::editor

namespace coauthor::app {

class EditorTabs;

class CollaborationSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(CollaborationSession)

public:
    struct Collaborator
    {
        QString userId;
        QString name;
        QColor colour;
        QString path; // the file their caret is in; empty when none yet
    };

    // Our caret is sent at most this often while it moves.
    static constexpr int cursorIntervalMs = 120;

    explicit CollaborationSession(EditorTabs *tabs, QObject *parent = nullptr);
    ~CollaborationSession() override;

    // Opens the working copy's journal and connects; tabs already open are
    // bound as their docs arrive. Fails when the folder is in use elsewhere.
    sync::Result<void, QString> start(const QString &workingCopy, const ShareLink &link);
    // Flushes the journal and the mirror, unbinds the tabs and disconnects.
    void stop();
    bool isActive() const { return m_active; }
    QString workingCopy() const { return m_workingCopy; }
    const ShareLink &link() const { return m_link; }
    // The client itself, for tests; the app goes through the methods below.
    sync::SyncClient *client() const { return m_client; }
    // The connection's state; Offline when not active.
    sync::SyncClient::State connectionState() const;
    // The server said it was shutting down when the connection closed (the
    // host quit); false again once online.
    bool serverShutDown() const { return m_serverShutDown; }
    // Keeps editing without a connection (nothing when not active).
    void setWorkOffline(bool offline);
    // Writes what the mirror still holds back into the working copy now.
    void flushMirror();

    // Every doc joined and, if given, every binary file present in the folder.
    bool isMirrorComplete() const;
    bool isSharedPath(const QString &relativePath) const;
    // Joined with a read-only token: shared tabs are read-only.
    bool isReadOnly() const;
    // The live text of every shared doc, by project-relative path (what a
    // compile must see, whether or not the mirror has written it yet).
    QHash<QString, QString> documentTexts() const;
    // The same texts as the bytes a compile must see: what the mirror writes into
    // the working copy, UTF-8 (shared docs are UTF-8 everywhere, whatever the
    // encoding the file had before it was shared).
    QHash<QString, QByteArray> documentFiles() const;
    QList<Collaborator> collaborators() const;
    // Local edits not yet acknowledged by the server (since the last synchronized state).
    int unsynchronizedEdits() const;
    // What cannot be written on this computer (the offline journal, files of
    // the working copy) and why, for the status bar; empty when all is well.
    // Nothing is dropped meanwhile: it is kept in memory and retried.
    QString storageProblem() const;
    // Edits that are neither acknowledged by the server nor on disk: quitting
    // now would lose them.
    bool hasEditsOnlyInMemory() const;

    // What binds a tab, for tests and the window's undo actions.
    editor::DocumentBridge *bridgeFor(const QString &relativePath) const;
    editor::RemoteCursors *remoteCursorsFor(const QString &relativePath) const;
    // The own-only undo stack of a shared tab, or nullptr.
    editor::SharedUndoStack *undoStackFor(const editor::LatexEditor *editor) const;

    // The project tree changed a file locally: pass it on to the shared project.
    void localFileCreated(const QString &relativePath);
    void localPathRenamed(const QString &from, const QString &to);
    void localPathRemoved(const QString &relativePath);
    // A new file or folder of the working copy that is never shared: hidden,
    // an editor's backup or temporary file, a LaTeX build product (the
    // project's .coauthor-project.json and .coauthor-dictionary are shared).
    static bool staysLocal(const QString &relativePath);
    // Why a local file was not shared, for the user, in one sentence
    // (SyncClient::localChangeRefused).
    static QString refusalSentence(const QString &path, const QString &code, qint64 size, qint64 limit,
                                   const QString &detail);

    // Uploads the files of a local folder into an empty shared project through
    // a client of its own (no mirror: nothing is written into the folder), and
    // waits until the server has them all. Fails when the project is not empty.
    static sync::Result<void, QString> uploadFolder(const QString &folder, const QStringList &relativeFiles,
                                                  const ShareLink &link, int timeoutMs = 60000);
    // Connects to link once (nothing written anywhere): fails with the server's
    // reason for a wrong token or project, or when it does not answer; on success the
    // project's name (empty from an older server).
    // cancelled, when given, is asked while waiting: true stops the wait ("Cancelled.").
    static sync::Result<QString, QString> checkLink(const ShareLink &link, int timeoutMs = 20000,
                                                 const std::function<bool()> &cancelled = {});
    // Runs the event loop until done() or the time is up; false on timeout.
    static bool waitUntil(const std::function<bool()> &done, int timeoutMs);
    // Why the server's certificate was refused, for the user (both fingerprints when it changed).
    static QString certificateRefusal(const QByteArray &expected, const QByteArray &seen);

Q_SIGNALS:
    void stateChanged(coauthor::sync::SyncClient::State state);
    void pendingEditsChanged(int edits);
    void collaboratorsChanged();
    void treeChanged();
    void synchronized();
    void errorOccurred(const QString &message);
    // storageProblem() changed.
    void storageProblemChanged();
    // Docs without a tab changed (collaborators' edits, new docs) and are
    // written into the working copy now: what reads files (the index) reads them again.
    void filesChanged(const QStringList &relativePaths);
    // A shared doc's tab was bound (tests wait for it).
    void editorBound(const QString &relativePath);

private:
    struct Binding
    {
        QString docId;
        QPointer<editor::LatexEditor> editor;
        const QObject *identity = nullptr; // the editor, compared while it is being destroyed
        editor::DocumentBridge *bridge = nullptr;
        editor::RemoteCursors *cursors = nullptr;
        editor::SharedUndoStack *undo = nullptr;
    };

    struct Presence
    {
        QString name;
        QColor colour;
        QString docId;
        qint64 position = -1;
        qint64 anchor = -1;
    };

    static sync::Result<void, QString> upload(sync::SyncClient &client, const QString &error, const QString &folder,
                                            const QStringList &relativeFiles, int timeoutMs);
    void bindEditor(const QString &relativePath, editor::LatexEditor *editor);
    void bindOpenTabs();
    void release(Binding &b);
    void applyReadOnly();
    void unbindAll();
    void onLocalOperation(const QString &docId, const sync::ot::TextOperation &op);
    void onRemoteOperation(const QString &docId, const sync::ot::TextOperation &op);
    void movePresence(const QString &docId, const sync::ot::TextOperation &op);
    void onDocLoaded(const QString &docId, const QString &text);
    void onPresence(const QString &userId, const QString &name, const QString &colour, const QString &docId,
                    qint64 position, qint64 anchor);
    void onTreeChanged();
    void showPresence(const QString &userId);
    void sendOurCursor();
    Binding *bindingFor(const QString &docId);
    void setPendingEdits(int edits);
    void noteUnboundChange(const QString &docId);

    EditorTabs *m_tabs;
    sync::SyncClient *m_client = nullptr;
    bool m_active = false;
    bool m_serverShutDown = false;
    QString m_workingCopy;
    ShareLink m_link;
    std::map<QString, Binding> m_bindings; // by doc id
    QHash<QString, Presence> m_presence;   // by user id
    QTimer m_cursorTimer;
    QTimer m_filesTimer;
    QSet<QString> m_changedDocs; // ids of unbound docs changed since the last filesChanged
    int m_pendingEdits = 0;
    QString m_journalProblem; // why the offline journal cannot be written
    QString m_mirrorProblem;  // which file of the working copy cannot be written, and why
};

} // namespace coauthor::app
