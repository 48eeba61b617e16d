#pragma once

// ClientSession: one WebSocket connection on the server: who it is (after hello),
// the docs it has joined and the order of what it is sent, and its own write queue
// so that a slow client never holds up the others. RealtimeServer routes between
// sessions; what a session knows and owes its client stays in here.

#include "sync/docstore/docstoretypes.h"
#include "sync/protocol/servermessage.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QHash>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QString>
#include <QStringList>

#include <limits>
#include <map>
#include <optional>

class QWebSocket;

namespace coauthor::sync {

struct AppliedUpdate;

class ClientSession : public QObject
{
    Q_OBJECT
public:
    // Who the connection is: the person from the invitation its token belongs to
    // (memberId, name, role), never from what the hello says, except the name of an
    // unnamed invitation. userId is this connection in presence: memberId + "/" + a suffix.
    struct Identity
    {
        QString memberId;
        QString userId;
        QString clientId;
        QString name;
        QString colour;
        QString projectId;
        Role role = Role::ReadOnly;
    };
    // The last cursor the client sent, as others are told it.
    using Cursor = ServerMessage::Cursor;

    // Takes ownership of socket. A client sending more than framesPerSecond on
    // average (frameBurst at once) is closed (1008 rate_limited, signal floodClosed).
    ClientSession(QWebSocket *socket, qint64 maxQueuedBytes, int framesPerSecond, int frameBurst, QObject *parent = nullptr);
    ~ClientSession() override;
    Q_DISABLE_COPY_MOVE(ClientSession)

    // Queues a frame. A broadcast passes the same QString to every recipient, so its
    // text is encoded and stored once however many sessions queue it.
    void send(const QString &frame);
    void send(const ServerMessage &message);
    // Sends what is queued, then closes with code and reason.
    void closeWith(int closeCode, const QString &reason);
    bool isClosing() const { return m_closing; }

    QString peer() const;
    // The source address, kept from the start (a closed socket forgets it).
    const QHostAddress &peerAddress() const { return m_peerAddress; }
    void ping();
    qint64 idleMs() const { return m_lastActivity.elapsed(); }
    void touch() { m_lastActivity.restart(); }
    qint64 connectedMs() const { return m_connectedAt.elapsed(); }

    // ---- identity -------------------------------------------------------------
    // After an accepted hello; until then the session is anonymous (isWelcomed false).
    void accept(const Identity &identity);
    bool isWelcomed() const { return m_welcomed; }
    const QString &memberId() const { return m_identity.memberId; }
    const QString &userId() const { return m_identity.userId; }
    const QString &clientId() const { return m_identity.clientId; }
    const QString &name() const { return m_identity.name; }
    const QString &colour() const { return m_identity.colour; }
    const QString &projectId() const { return m_identity.projectId; }
    Role role() const { return m_identity.role; }
    bool mayWrite() const { return m_identity.role == Role::ReadWrite; }
    // As the project's users list and userJoined name it.
    ServerMessage::User user() const { return ServerMessage::User{userId(), name(), colour(), m_cursor}; }

    const std::optional<Cursor> &cursor() const { return m_cursor; }
    void setCursor(const Cursor &cursor) { m_cursor = cursor; }
    // Moves the stored cursor through an op applied to its doc.
    void cursorFollows(const AppliedUpdate &update);
    // A stored cursor (ours or a remote user's) after update.
    static void moveCursor(Cursor &cursor, const AppliedUpdate &update);

    // ---- between an accepted hello and the welcome ----------------------------
    // The first client of a project on this instance waits until the project
    // channel is subscribed, so it misses nothing published meanwhile. Frames it
    // sends meanwhile wait in order.
    void awaitSubscription(std::optional<qint64> helloRid);
    bool isAwaitingSubscription() const { return m_awaitingSubscription; }
    qint64 awaitingMs() const { return m_awaitingSince.elapsed(); }
    // False (and nothing held) once maxHeldFrames wait: a client that says hello
    // does not send a flood before its welcome.
    bool holdWhileAwaiting(const QString &frame);
    static constexpr int maxHeldFrames = 256;
    // A hello from an address with many failed hellos waits (RealtimeServer); frames
    // that follow it wait with it, as while awaiting the subscription.
    void delayHello() { m_helloDelayed = true; }
    bool isHelloDelayed() const { return m_helloDelayed; }
    QStringList endHelloDelay();
    // Ends the wait; returns the frames that arrived meanwhile, in order.
    QStringList stopAwaiting();
    // The rid of the hello, for its welcome.
    std::optional<qint64> helloRid() const { return m_helloRid; }

    // ---- joined docs and their delivery order ---------------------------------
    // Every change of a joined doc reaches the client once and in version order:
    // frames wait until the versions before them are sent.
    //
    // (Re)starts a join of docId; returns its generation, which tells a stale
    // joinDoc answer from the current one.
    int beginJoin(const QString &docId);
    bool isCurrentJoin(const QString &docId, int generation) const;
    // The joinDoc answer (the doc at version) was sent: what waited for it goes out.
    void joinAnswered(const QString &docId, qint64 version);
    void leave(const QString &docId) { m_docs.remove(docId); }
    bool hasJoined(const QString &docId) const { return m_docs.contains(docId); }
    QStringList joinedDocs() const { return m_docs.keys(); }
    // The last version sent of a doc whose join was answered.
    std::optional<qint64> deliveredVersion(const QString &docId) const;

    // An applyUpdate of this session was given to the updater / was answered.
    void updateSubmitted(const QString &docId, qint64 seq);
    void updateAnswered(const QString &docId, qint64 seq);
    // applyUpdates given to the updater and not answered yet, over all docs.
    int updatesInFlight() const { return m_updatesInFlight; }

    // Presence is sent at most once per presenceIntervalMs; a cursor that comes
    // sooner waits (presenceScheduled) and only the latest is sent.
    qint64 msSincePresence() const { return m_lastPresence.isValid() ? m_lastPresence.elapsed() : std::numeric_limits<qint64>::max(); }
    void presenceSent() { m_lastPresence.start(); m_presenceScheduled = false; }
    bool isPresenceScheduled() const { return m_presenceScheduled; }
    void setPresenceScheduled() { m_presenceScheduled = true; }
    // The ack of an applyUpdate, in its place in version order (after every update before it).
    void sendAck(const QString &docId, const ServerMessage &ack);
    // An update applied to a doc: the sender's own op becomes its ack (unless the
    // answer to its applyUpdate brings it), anyone else's is the update frame,
    // encoded into sharedFrame on first need so every recipient shares one copy.
    void deliver(const AppliedUpdate &update, QString &sharedFrame);
    // Docs whose delivery has waited for a missing version at least gapFillMs;
    // each is named at most once per gapFillMs.
    QStringList docsWithGaps(qint64 gapFillMs);

Q_SIGNALS:
    void textReceived(const QString &frame);
    void binaryReceived();
    void closed();
    void floodClosed(); // closed for sending more than its frame budget

private:
    struct DocState
    {
        bool loaded = false;   // the joinDoc answer was sent; delivered is valid
        qint64 delivered = -1; // the last version sent to the client
        std::map<qint64, QString> held;
        QSet<qint64> outstandingSeqs; // applyUpdates given to the updater, not answered yet
        QElapsedTimer gapSince;       // running while held waits for a missing version
        int joinGeneration = 0;
    };

    void pump();
    // Token bucket of incoming frames; false when the frame is over the budget.
    bool takeFrameToken();
    // Offers the frame carrying version v of doc; sends it and whatever it unblocks.
    void offer(const QString &doc, qint64 v, const QString &frame);
    // Sends held frames that are next in line, drops those already covered.
    void drain(DocState &state);

    QWebSocket *m_socket;
    QHostAddress m_peerAddress;
    double m_frameTokens;
    double m_framesPerMs;
    int m_frameBurst;
    QElapsedTimer m_frameClock;
    int m_updatesInFlight = 0;
    QElapsedTimer m_lastPresence;
    bool m_presenceScheduled = false;
    bool m_helloDelayed = false;
    QQueue<QString> m_journal;
    qint64 m_queuedBytes = 0;
    qint64 m_maxQueuedBytes;
    bool m_closing = false;
    bool m_unflushed = false; // frames in the socket's buffer, written before the loop blocks
    int m_closeCode = 1000;
    QString m_closeReason;
    QElapsedTimer m_lastActivity;
    QElapsedTimer m_connectedAt;

    bool m_welcomed = false;
    Identity m_identity;
    std::optional<Cursor> m_cursor;
    bool m_awaitingSubscription = false;
    std::optional<qint64> m_helloRid;
    QElapsedTimer m_awaitingSince;
    QStringList m_framesWhileAwaiting;
    QHash<QString, DocState> m_docs; // by doc id
    int m_joinCounter = 0;
};

} // namespace coauthor::sync
