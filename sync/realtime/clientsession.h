#pragma once

// ClientSession: one WebSocket connection on the server: who it is (after hello),
// the docs it has joined and the order of what it is sent, and its own write queue
// so that a slow client never holds up the others.

#include "sync/docstore/docstoretypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>

class QWebSocket;

namespace coauthor::sync {

class ClientSession : public QObject
{
    Q_OBJECT
public:
    // The delivery state of one joined doc. Every change reaches the client once and
    // in version order: frames wait in held until the versions before them are sent.
    struct DocState
    {
        bool loaded = false;   // the joinDoc answer was sent; delivered is valid
        qint64 delivered = -1; // the last version sent to the client
        std::map<qint64, QString> held;
        QSet<qint64> outstandingSeqs; // applyUpdates given to the updater, not answered yet
        QElapsedTimer gapSince;       // running while held waits for a missing version
        int joinGeneration = 0;       // tells a stale joinDoc answer from the current one
    };

    struct Cursor
    {
        QString doc;
        qint64 position = 0;
        qint64 anchor = 0;
        // The doc version position and anchor refer to; none for clients that
        // gave none, and once an op was missed (then the position is moved
        // through later ops as well as it can).
        std::optional<qint64> version;
    };

    // Takes ownership of socket.
    ClientSession(QWebSocket *socket, qint64 maxQueuedBytes, QObject *parent = nullptr);
    ~ClientSession() override;
    Q_DISABLE_COPY_MOVE(ClientSession)

    // Queues a frame. A broadcast passes the same QString to every recipient, so its
    // text is encoded and stored once however many sessions queue it.
    void send(const QString &frame);
    // Sends what is queued, then closes with code and reason.
    void closeWith(int closeCode, const QString &reason);
    bool isClosing() const { return m_closing; }

    QString peer() const;
    void ping();
    qint64 idleMs() const { return m_lastActivity.elapsed(); }
    void touch() { m_lastActivity.restart(); }
    qint64 connectedMs() const { return m_connectedAt.elapsed(); }

    // Identity, set by a successful hello.
    bool welcomed = false;
    QString userId;
    QString clientId;
    QString name;
    QString colour;
    QString projectId;
    Role role = Role::ReadOnly;
    std::optional<Cursor> cursor;
    // Between an accepted hello and the welcome: the first client of a project on
    // this instance waits until the project channel is subscribed, so it misses
    // nothing published meanwhile. Frames it sends meanwhile wait in order.
    bool awaitingSubscription = false;
    std::optional<qint64> helloRid;
    QElapsedTimer awaitingSince;
    QStringList framesWhileAwaiting;
    QHash<QString, DocState> docs; // by doc id

    // Offers the frame carrying version v of doc; sends it and whatever it unblocks.
    // Returns true when a gap remains (a version before a held one is missing).
    bool offer(const QString &doc, qint64 v, const QString &frame);
    // Sends held frames that are next in line, drops those already covered.
    bool drain(DocState &state);

Q_SIGNALS:
    void textReceived(const QString &frame);
    void binaryReceived();
    void closed();

private:
    void pump();

    QWebSocket *m_socket;
    QQueue<QString> m_queue;
    qint64 m_queuedBytes = 0;
    qint64 m_maxQueuedBytes;
    bool m_closing = false;
    bool m_unflushed = false; // frames in the socket's buffer, written before the loop blocks
    int m_closeCode = 1000;
    QString m_closeReason;
    QElapsedTimer m_lastActivity;
    QElapsedTimer m_connectedAt;
};

} // namespace coauthor::sync
