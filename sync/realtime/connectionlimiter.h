#pragma once

// ConnectionLimiter: what one source address may hold of the server before any
// token is checked: open connections (handshaking ones included, so half-open TCP
// connections count), how long a handshake may take, and how long a hello from an
// address that keeps failing to authenticate waits. Bookkeeping only; RealtimeServer
// closes the sockets. Its state is bounded: an entry per address with an open
// connection, plus at most maxRememberedAddresses addresses with recent failures.

#include "sync/realtime/realtimeoptions.h"

#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QString>
#include <QTcpSocket>

namespace coauthor::sync {

class ConnectionLimiter
{
public:
    explicit ConnectionLimiter(const RealtimeOptions &options) : m_options(options) {}
    Q_DISABLE_COPY_MOVE(ConnectionLimiter)

    enum class Admission {
        Accept, // counted; hand it to the WebSocket server
        Refuse, // over a cap: finish the handshake, then close with 1008 too_many_connections
        Drop,   // far over a cap: close the TCP connection at once (no handshake to spend on it)
    };
    // A TCP connection arrived; Accept and Refuse start its handshake clock.
    Admission admit(QTcpSocket *socket, qint64 nowMs);
    // The WebSocket handshake of the connection from peer finished. Returns false
    // when the connection was admitted as Refuse (close it), true otherwise; either
    // way its clock stops. A refused one stops counting here.
    bool handshakeFinished(const QHostAddress &address, quint16 port);
    // The TCP connection went away before its handshake finished.
    void handshakeAbandoned(QTcpSocket *socket);
    // An accepted session closed.
    void sessionClosed(const QHostAddress &address);
    // Aborts the connections whose handshake took longer than handshakeTimeoutMs.
    void expireHandshakes(qint64 nowMs);

    // How long a hello from address waits before it is checked (0: not at all).
    int helloDelayMs(const QHostAddress &address, qint64 nowMs);
    void helloFailed(const QHostAddress &address, qint64 nowMs);
    // A connection of address closed for flooding: like a failed hello, and one
    // that a later accepted hello does not undo.
    void flooded(const QHostAddress &address, qint64 nowMs);
    void helloSucceeded(const QHostAddress &address);

    // The clock of every nowMs given here (monotonic, ms): one for all callers, so a
    // failure counted through HTTP and a hello checked later see the same time.
    static qint64 clockMs();

    int openConnections() const { return m_total; }
    int pendingHandshakes() const { return int(m_pending.size()); }

    static constexpr int maxRememberedAddresses = 4096;

private:
    struct Pending
    {
        QPointer<QTcpSocket> socket;
        QString address;
        QString peer; // peerKey()
        qint64 deadlineMs = 0;
        bool refused = false;
    };
    void release(const QString &address);
    void forget(QHash<QTcpSocket *, Pending>::iterator it);
    static QString peerKey(const QHostAddress &address, quint16 port);

    const RealtimeOptions m_options;
    QHash<QString, int> m_open;                // by address: connections counted
    int m_total = 0;
    QHash<QTcpSocket *, Pending> m_pending;    // handshakes in progress
    QHash<QString, QTcpSocket *> m_pendingByPeer; // "address port" -> its socket
    struct Failures
    {
        int count = 0;
        qint64 lastMs = 0;
        bool flooded = false;
    };
    QHash<QString, Failures> m_failures;        // by address
};

} // namespace coauthor::sync
