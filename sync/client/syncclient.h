#pragma once

// SyncClient: the client side of a shared project — one QWebSocket to
// coauthor-server, the docs as SharedDocuments (text without any widget), the
// offline journal, reconnects, presence and tree changes, and optionally a
// local folder that mirrors the project (docs/protocol.md, "Wire protocol").
// Named SyncClient because the server already has a ClientSession (one
// connection on the server side).

#include "sync/client/journal.h"
#include "sync/client/shareddocument.h"
#include "sync/common/result.h"
#include "sync/common/serviceerror.h"
#include "sync/history/historytypes.h"
#include "sync/protocol/clientmessage.h"
#include "sync/protocol/servermessage.h"

#include <QElapsedTimer>
#include <QList>
#include <QHash>
#include <QSet>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>

class QWebSocket;

namespace coauthor::sync {

class ProjectMirror;

class SyncClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SyncClient)

public:
    enum class State { Offline, Connecting, Online };
    Q_ENUM(State)

    struct Options
    {
        QUrl url;           // ws://host:port/ or wss://host:port/
        // wss:// only: the SHA-256 of the server's certificate (CertificatePin).
        // Set: exactly that certificate is accepted, self-signed or not. Empty:
        // normal verification, except that a self-signed certificate seen
        // first is trusted and pinned (certificatePinned), as Gobby and
        // Syncthing do.
        QByteArray certificateSha256;
        QString projectId;
        QString token;
        QString name;       // shown to collaborators
        QString workingCopy; // local folder; the journal lives in workingCopy/.coauthor
        bool mirrorFiles = true; // write docs and files into workingCopy, pick up edits made on disk
        // With mirrorFiles: files and folders other programs create, replace,
        // rename or delete in workingCopy are sent like the app's own
        // (ProjectMirror: "the working copy as other programs change it").
        bool watchWorkingCopy = true;
        // Which new local files become docs (text) rather than files, which stay
        // on this computer, and how a text file's bytes are read; the app passes
        // its own rules (Project). Defaults: .tex/.bib/.sty/.cls/.txt are text,
        // hidden names stay local, UTF-8.
        std::function<bool(const QString &path)> isTextFile;
        std::function<bool(const QString &path)> isLocalOnly;
        std::function<QString(const QByteArray &bytes)> decodeText;
        // A ping every pingIntervalMs; nothing received (no pong, no frame)
        // for deadTimeoutMs: the connection is dead (a frozen server too), so
        // the state says Offline within ~10 s and reconnecting starts.
        int pingIntervalMs = 3 * 1000;
        int deadTimeoutMs = 8 * 1000;
        int minBackoffMs = 500;
        int maxBackoffMs = 30 * 1000;
        // When an edit is typed (ms since the epoch); empty: the system clock. The
        // journal keeps each edit's time, and an op sent sendTimeAfterMs or more
        // after it was typed (offline, queued) carries it, so the history shows
        // it at its real time (docs/protocol.md, "History"). Tests give a fake one.
        std::function<qint64()> clock;
    };
    static constexpr qint64 sendTimeAfterMs = 2000;

    // One entry of the project's file tree (kind: "doc", "file", "folder").
    using Entry = ServerMessage::Entry;

    explicit SyncClient(QObject *parent = nullptr);
    ~SyncClient() override;

    // Opens the working copy's journal (restoring the docs and unacked edits of
    // an earlier run) and starts connecting. Fails when the working copy is in
    // use or unreadable.
    Result<void, QString> open(const Options &options);
    // Flushes the journal and the mirror, and disconnects.
    void close();

    State state() const { return m_state; }
    QString clientId() const { return m_journal.clientId(); }
    QString userId() const { return m_userId; }
    // The project's name as the server knows it (empty before joining, or from an older server).
    QString projectName() const { return m_projectName; }
    // The token's role as the server told it ("read_write", "read_only"); empty before the first welcome.
    QString role() const { return m_role; }
    bool isReadOnly() const { return m_role == QLatin1String("read_only"); }
    QString lastError() const { return m_lastError; }
    // False while the offline journal cannot be written (a full disk): edits
    // are then kept in memory and sent while online, but a crash loses those
    // the server has not received. journalFailure() is the system's reason.
    bool isJournalHealthy() const { return m_journal.isHealthy(); }
    QString journalFailure() const { return m_journal.failureReason(); }

    QStringList docIds() const;
    const SharedDocument *document(const QString &docId) const;
    QString docIdForPath(const QString &path) const;
    QList<Entry> tree() const { return m_tree; }
    // The project's tree arrived on this connection, every doc is joined and nothing is unacked.
    bool isSynchronized() const;
    // How many docs hold local edits the server has not acknowledged yet.
    int unsynchronizedDocs() const;
    // Writes pending doc texts into the working copy now (the mirror otherwise
    // waits ProjectMirror::writeDelayMs to batch keystrokes).
    void flushMirror();

    // A local edit to a doc's text (made once journaled; sent when it is
    // durable, or at once while the journal cannot be written).
    Result<void, QString> applyLocalEdit(const QString &docId, const ot::TextOperation &op);
    // Caret and selection anchor in our current text of the doc. Sent with the
    // doc's version at once when the doc has no unacked edits; otherwise (or
    // while offline) the latest is kept, moved through later edits, and sent
    // once the server has acknowledged them, so that it is in server
    // coordinates (docs/protocol.md, "Presence").
    void sendCursor(const QString &docId, qint64 position, qint64 anchor);
    // How many server ops per doc are kept to move a collaborator's cursor
    // from the version it was sent at to ours.
    static constexpr qsizetype historyLength = 200;
    static constexpr int restoreWaitMs = 2000;
    static constexpr int maxRestoreAttempts = 4; // a replica without the lost versions waits for one with them

    // Tree changes; the server broadcasts them back as treeChanged.
    void createDoc(const QString &path, const QString &text = {});
    void createFolder(const QString &path);
    void rename(const QString &entryId, const QString &newPath);
    void remove(const QString &entryId);
    // replace: the file already at path gets this content (a new version).
    void uploadFile(const QString &path, const QByteArray &content, bool replace = false);
    // The app created (New File, Add Files…), renamed or removed a path of the
    // working copy itself: shared as the watcher would (text → doc, else a
    // file), and known to the mirror so that its scan does not send it again.
    void publishLocalPath(const QString &path);
    void publishLocalRename(const QString &from, const QString &to);
    void publishLocalRemove(const QString &path);
    // The largest file the server takes (its welcome; 5 MiB before one arrived).
    qint64 maxFileBytes() const { return m_maxFileBytes; }
    static constexpr qint64 defaultMaxFileBytes = 5 * 1024 * 1024;
    static constexpr qint64 maxDocBytes = 2 * 1024 * 1024;
    // The mirror, for tests (nullptr without mirrorFiles).
    ProjectMirror *mirror() const { return m_mirror; }

    // The project's history (docs/protocol.md, "History"), read on the server (its
    // docs flushed first, so every acked op is in it). Each call gives done exactly
    // once: the answer, or the server's error (read_only for addLabel without write
    // access, version_in_future, not_found, …), "offline" at once when not
    // connected, "disconnected" when the connection drops before the answer. A
    // version < 0 is the latest; paths are the project's at that version.
    template <typename T>
    using HistoryDone = std::function<void(Result<T, ServiceError>)>;
    void requestChanges(const QString &path, qint64 beforeVersion, int limit, HistoryDone<history::ChangePage> done);
    void requestHistoryText(const QString &path, qint64 version, HistoryDone<QString> done);
    void requestDiff(const QString &path, qint64 fromVersion, qint64 toVersion, HistoryDone<history::Diff> done);
    void requestTreeAt(qint64 version, HistoryDone<history::ProjectTree> done);
    // A file's content as some version had it (sha256 from a tree or a change).
    void requestHistoryFile(const QByteArray &sha256, HistoryDone<QByteArray> done);
    void searchHistory(const QString &text, const history::SearchOptions &options, HistoryDone<history::SearchResult> done);
    void requestLabels(HistoryDone<QList<history::Label>> done);
    void addLabel(const QString &name, qint64 version, HistoryDone<history::Label> done);
    // Server-side undelete (docs/protocol.md, "History", restoreDeleted): the doc
    // or file that was at path at project version (it existed then, and is removed
    // now) comes back as the same entry — its id and its history kept — with its
    // text (a file: its content) as at version, at path, or at a free path next to
    // it ("intro (restored).tex", "intro (restored 2).tex", …) when path is taken
    // now; its folders are created as needed. done gets the entry as restored (its
    // path may differ from path); every client of the project, this one included,
    // also sees it as treeChanged "created" (the doc is then joined as any new doc).
    // Errors: read_only without write access, not_found (nothing at path at
    // version), not_removed (the entry still exists: restore its text with edits),
    // version_in_future, invalid_path, and those of requestHistoryText.
    void restoreDeletedFile(const QString &path, qint64 version, HistoryDone<Entry> done);

    // Drops the connection as a network failure would; reconnects with backoff.
    void abortConnection();
    // Offline by choice: no reconnects until setWorkOffline(false).
    void setWorkOffline(bool offline);

    Journal &journal() { return m_journal; }

Q_SIGNALS:
    void stateChanged(coauthor::sync::SyncClient::State state);
    // A doc's text arrived from the server (first join, or a reload after an error).
    void docLoaded(const QString &docId, const QString &text, qint64 version);
    // A collaborator's op, as applied to our text of the doc.
    void remoteOperation(const QString &docId, const coauthor::sync::ot::TextOperation &op);
    // A local edit made on disk by another program was applied to the doc.
    void localOperationFromDisk(const QString &docId, const coauthor::sync::ot::TextOperation &op);
    // A collaborator's caret and anchor, in our current text of the doc (for a
    // doc we hold; as sent for one we do not). Presence made at a version we
    // have not reached yet is emitted once we have.
    void presenceChanged(const QString &userId, const QString &name, const QString &colour, const QString &docId,
                         qint64 position, qint64 anchor);
    void userJoined(const QString &userId, const QString &name, const QString &colour);
    void userLeft(const QString &userId);
    void treeChanged();
    // The server rejected an op of ours for good (not storage_unavailable or
    // internal, which are resent): our unsent edits are rebased onto the
    // server's text, or kept as a conflict copy (localTextKept says which).
    void updateError(const QString &docId, const QString &code, const QString &message);
    // Our unsent edits of a doc could not go to the server the normal way and
    // were re-applied to the server's text or kept in a conflict copy;
    // sentence tells the user which, in one sentence.
    void localTextKept(const QString &docId, const QString &sentence);
    // code "journal_write_failed": the offline journal cannot be written (until
    // journalRecovered); "mirror_write_failed": a file of the working copy
    // cannot be written (until mirrorRecovered). Nothing in memory is dropped.
    // "mirror_path_refused": the server sent a path the working copy never
    // takes (ProjectMirror::refusal: inside .coauthor/, outside the folder, not
    // portable), once per path; nothing was written or deleted.
    void errorOccurred(const QString &code, const QString &message);
    // The journal could be written again: every unacked edit is on disk.
    void journalRecovered();
    // Every pending file of the working copy could be written again.
    void mirrorRecovered();
    // Every doc joined, nothing unacked.
    void synchronized();
    // The connection closed (before stateChanged(Offline)); closeCode and
    // reason as the server's close frame gave them (1001 "server shutting
    // down" when it stops), 1006 when it just went away.
    void connectionClosed(int closeCode, const QString &reason);
    // A self-signed certificate was trusted on first use: keep its digest as
    // Options::certificateSha256 for the next runs.
    void certificatePinned(const QByteArray &sha256);
    // The server's certificate was refused (before errorOccurred with code
    // "certificate_changed" or "certificate_untrusted"): expected is the pin
    // (empty when none was given), seen the digest of the certificate shown.
    void certificateRefused(const QByteArray &expected, const QByteArray &seen);
    // A local change of the working copy was sent to the server. kind:
    // "createDoc", "createFolder", "uploadFile", "replaceFile", "rename", "delete".
    void localChangePublished(const QString &kind, const QString &path);
    // A local path was not shared, for good until it changes again. code:
    // "file_too_large" (size, limit in bytes), "doc_too_large" (size, limit),
    // "invalid_path" (detail: why, ProjectPath's words), "read_only", or the
    // server's error code for the request (detail: its message). Said once; the
    // app words it for the user.
    void localChangeRefused(const QString &path, const QString &code, qint64 size, qint64 limit, const QString &detail);

private:
    // One op of the server's history: the op that made version out of version - 1.
    struct ServerOp
    {
        qint64 version = 0;
        ot::TextOperation op;
        QString clientId; // its author's (ours for our acked ops)
        qint64 seq = 0;
    };
    struct Caret
    {
        qint64 position = 0;
        qint64 anchor = 0;
        // Where it is after op. A collaborator's caret stays before text inserted
        // exactly at it (moveOnInsertAtPos false); ours moves past what we type.
        Caret movedThrough(const ot::TextOperation &op, bool moveOnInsertAtPos = false) const;
        Caret clampedTo(qint64 size) const;
    };
    // Our caret, in our text of docId, waiting for the doc's edits to be acked.
    struct HeldCursor
    {
        QString docId;
        Caret caret;
    };
    // A collaborator's presence as it came (v optional), until it can be shown.
    struct Presence
    {
        QString userId;
        QString name;
        QString colour;
        QString docId;
        Caret caret;
        std::optional<qint64> version;
    };

    struct DocSlot
    {
        std::unique_ptr<SharedDocument> doc;
        bool joined = false;      // joined on the current connection
        bool transmitted = false; // the in-flight op was sent on the current connection
        qint64 sentRecord = -1;   // journal number of the in-flight op's Sent record
        QList<ServerOp> history;  // the last historyLength server ops, consecutive versions
        // Moving our unacked ops onto the server's current text (rebase):
        // Fetching waits for the doc's text (a fresh joinDoc), Probing for the
        // answer whether the server holds our in-flight op.
        enum class Recovery { None, Fetching, Probing };
        Recovery recovery = Recovery::None;
        bool inFlightRejected = false;       // the server refused it: no server text holds it
        std::optional<bool> inFlightApplied; // the probe's answer
        int rebases = 0;                     // rebases in a row the server refused again
        // "<epoch> <base>" of the last restoreLost sent and how often it was tried:
        // after maxRestoreAttempts, what the restores could not bring back is re-offered.
        QString restoreTried;
        int restoreAttempts = 0;
    };

    void setState(State state);
    void connectNow();
    void scheduleReconnect();
    void onConnected();
    // Why the server's certificate is refused (code "certificate_changed" or
    // "certificate_untrusted", a sentence naming the fingerprints), or empty.
    QString checkPeerCertificate();
    void onDisconnected();
    void onTextMessage(const QString &frame);
    qint64 sendRequest(ClientMessage message);
    void sendFrame(const ClientMessage &message);

    // One handler per server message type (onTextMessage decodes and dispatches).
    void handle(const ServerMessage::Welcome &m);
    void handle(const ServerMessage::Rejected &m);
    void handleError(const ServerMessage::Error &m, const std::optional<ClientMessage> &request);
    void handle(const ServerMessage::Ok &) {}
    void handle(const ServerMessage::Pong &) {}
    void handle(const ServerMessage::Project &m);
    void handle(const ServerMessage::Doc &m);
    void handle(const ServerMessage::Ack &m);
    void handle(const ServerMessage::Update &m);
    void handle(const ServerMessage::UpdateError &m);
    void handle(const ServerMessage::Presence &m);
    void handle(const ServerMessage::UserJoined &m);
    void handle(const ServerMessage::UserLeft &m);
    void handle(const ServerMessage::TreeChanged &m);
    void handle(const ServerMessage::File &m);
    // Compiles on the server: the app's "Compile on server" is not built yet.
    void handle(const ServerMessage::CompileQueued &) {}
    void handle(const ServerMessage::CompileProgress &) {}
    void treeEntryCreated(const Entry &e);
    void treeEntryRenamed(const Entry &e, const QString &oldPath);
    void treeEntryRemoved(const Entry &e);
    // The working copy changed under us (the mirror's scan, or the app).
    void localCreated(const QString &path, bool folder);
    void localReplaced(const QString &path);
    void localRemoved(const QString &path);
    void localRenamed(const QString &from, const QString &to);
    const Entry *entryAt(const QString &path) const;
    QList<Entry> entriesAtOrUnder(const QString &path) const;
    void serverPathsChanged();
    bool isTextPath(const QString &path) const;

    void joinDoc(const QString &docId);
    void joinFailed(const QString &docId, bool rejoin, const QString &code);
    void reloadDoc(const QString &docId);
    // The server lost versions after base that we had seen: re-offer them (lostversions.h).
    void reofferLost(DocSlot &slot, const ServerMessage::Doc &m);
    // A rejoin's answer may be in a new epoch (nothing lost for us): journaled.
    void noteEpoch(DocSlot &slot, const QString &epoch);
    // Fetches the server's text of the doc and rebases our unacked ops onto it.
    void resync(const QString &docId);
    void rebaseOnto(DocSlot &slot, const ServerMessage::Doc &m);
    void sendProbe(DocSlot &slot);
    void probeAnswered(DocSlot &slot, std::optional<bool> applied);
    void docRemovedOnServer(const QString &docId, bool byUs);
    // Writes the doc's local text as a new doc next to it (in the working
    // copy, and on the server when it can take it) and tells the user.
    void keepConflictCopy(const DocSlot &slot, const QString &why);
    // Runs action after a backoff that grows with each retry of the doc,
    // unless the connection changed meanwhile.
    void retryLater(const QString &docId, std::function<void()> action);
    void forgetDoc(const QString &docId);
    bool applyRemote(DocSlot &slot, const ot::TextOperation &op, qint64 version, const QString &author, qint64 seq);
    bool restoreLost(DocSlot &slot, qint64 base);
    void restoreAnswered(const QString &docId, const std::optional<ServerMessage::Error> &refused);
    bool acked(DocSlot &slot, qint64 version);
    void journalSent(DocSlot &slot, const std::optional<OutgoingUpdate> &out);
    void transmitReady();
    void remember(DocSlot &slot, const ot::TextOperation &op, qint64 version, const QString &clientId, qint64 seq);
    void flushCursor(DocSlot &slot);
    static Presence presenceOf(const QString &userId, const QString &name, const QString &colour,
                               const ServerMessage::Cursor &cursor);
    void onPresence(const Presence &presence);
    bool showPresence(const Presence &presence);
    void docAdvanced(const QString &docId);
    void docTextChanged(const DocSlot &slot);
    void maybeCompact();
    QList<JournalRecord> snapshot() const;
    void checkSynchronized();
    void restoreFromJournal();
    qint64 clockNow() const;

    Options m_options;
    State m_state = State::Offline;
    QWebSocket *m_socket = nullptr;
    Journal m_journal;
    ProjectMirror *m_mirror = nullptr;
    std::map<QString, DocSlot> m_docs;
    QList<Entry> m_tree;
    QHash<qint64, ClientMessage> m_requests; // by rid: what was asked
    // By rid: the history requests waiting for their answer (syncclienthistory.cpp).
    using HistoryAnswer = std::function<void(const ServerMessage::Body &)>;
    QHash<qint64, HistoryAnswer> m_historyCalls;
    void sendHistoryRequest(ClientMessage message, HistoryAnswer answer, const std::function<void(ServiceError)> &fail);
    // Every waiting history request fails with code (the connection is gone).
    void failHistoryCalls(const QString &code);
    // Hands a history answer to its caller; false when rid is not a history request.
    bool deliverHistoryAnswer(std::optional<qint64> rid, const ServerMessage::Body &body);
    QHash<QString, int> m_retries; // by doc id: failed requests in a row, for the backoff
    QSet<QString> m_removing; // entries we asked the server to delete
    quint64 m_connection = 0; // counts connections, so that a retry for an earlier one is dropped
    QHash<QString, Presence> m_heldPresence; // by user id: made at a version we have not reached
    std::optional<HeldCursor> m_heldCursor; // only the latest caret matters
    qint64 m_nextRid = 1;
    QString m_userId;
    QString m_projectName;
    QString m_role;
    qint64 m_maxFileBytes = defaultMaxFileBytes;
    QString m_lastError;
    bool m_open = false;
    bool m_workOffline = false;
    bool m_welcomed = false;
    bool m_projectReceived = false; // the project's tree arrived on this connection
    int m_attempts = 0;
    qint64 m_compactAt = std::numeric_limits<qint64>::max(); // journal growth that triggers the next compaction (set by open())
    QTimer m_reconnectTimer;
    QTimer m_pingTimer;
    QTimer m_deadTimer;
    QRandomGenerator m_jitter;
};

} // namespace coauthor::sync
