#include "sync/realtime/connectionlimiter.h"

#include <QElapsedTimer>
#include <QTcpSocket>

#include <algorithm>

namespace coauthor::sync {

namespace {

// One host is one address, whether it came over IPv4 or as ::ffff:a.b.c.d.
QString addressKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

// Refused connections finish their handshake to be told why; past twice a cap
// they are not worth a handshake (a flood: each would hold a descriptor meanwhile).
constexpr int dropFactor = 2;

} // namespace

qint64 ConnectionLimiter::clockMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

QString ConnectionLimiter::peerKey(const QHostAddress &address, quint16 port)
{
    return addressKey(address) + QLatin1Char(' ') + QString::number(port);
}

ConnectionLimiter::Admission ConnectionLimiter::admit(QTcpSocket *socket, qint64 nowMs)
{
    // A socket deleted without saying so may leave its entry under an address a new
    // one now has: that connection is gone.
    if (const auto stale = m_pending.find(socket); stale != m_pending.end())
        handshakeAbandoned(socket);
    const QString address = addressKey(socket->peerAddress());
    const int fromAddress = m_open.value(address);
    if (fromAddress >= dropFactor * m_options.maxConnectionsPerAddress || m_total >= dropFactor * m_options.maxConnections)
        return Admission::Drop;
    const bool refused = fromAddress >= m_options.maxConnectionsPerAddress || m_total >= m_options.maxConnections;
    ++m_open[address];
    ++m_total;
    const QString peer = peerKey(socket->peerAddress(), socket->peerPort());
    m_pending.insert(socket, Pending{socket, address, peer, nowMs + m_options.handshakeTimeoutMs, refused});
    m_pendingByPeer.insert(peer, socket);
    return refused ? Admission::Refuse : Admission::Accept;
}

void ConnectionLimiter::forget(QHash<QTcpSocket *, Pending>::iterator it)
{
    const auto byPeer = m_pendingByPeer.find(it->peer);
    if (byPeer != m_pendingByPeer.end() && byPeer.value() == it.key())
        m_pendingByPeer.erase(byPeer);
    m_pending.erase(it);
}

bool ConnectionLimiter::handshakeFinished(const QHostAddress &address, quint16 port)
{
    const auto byPeer = m_pendingByPeer.find(peerKey(address, port));
    if (byPeer == m_pendingByPeer.end())
        return true; // not one we accepted (cannot happen); let the session caps decide
    const auto it = m_pending.find(byPeer.value());
    m_pendingByPeer.erase(byPeer);
    if (it == m_pending.end())
        return true;
    const bool refused = it->refused;
    const QString key = it->address;
    m_pending.erase(it);
    if (refused)
        release(key);
    return !refused;
}

void ConnectionLimiter::handshakeAbandoned(QTcpSocket *socket)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return; // upgraded already: the session counts it
    const QString key = it->address;
    forget(it);
    release(key);
}

void ConnectionLimiter::sessionClosed(const QHostAddress &address)
{
    release(addressKey(address));
}

void ConnectionLimiter::release(const QString &address)
{
    const auto it = m_open.find(address);
    if (it == m_open.end())
        return;
    --m_total;
    if (--it.value() <= 0)
        m_open.erase(it);
}

void ConnectionLimiter::expireHandshakes(qint64 nowMs)
{
    QList<QTcpSocket *> due;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        if (!it->socket || it->deadlineMs <= nowMs)
            due.append(it.key());
    QList<QPointer<QTcpSocket>> expired;
    for (QTcpSocket *key : std::as_const(due)) {
        const auto it = m_pending.find(key);
        if (it->socket)
            expired.append(it->socket);
        const QString address = it->address;
        forget(it);
        release(address);
    }
    // Aborted after the bookkeeping: abort() emits disconnected at once.
    for (const QPointer<QTcpSocket> &socket : std::as_const(expired))
        if (socket)
            socket->abort();
}

int ConnectionLimiter::helloDelayMs(const QHostAddress &address, qint64 nowMs)
{
    const auto it = m_failures.find(addressKey(address));
    if (it == m_failures.end())
        return 0;
    if (nowMs - it->lastMs > m_options.failedHelloForgetMs) {
        m_failures.erase(it);
        return 0;
    }
    const int over = it->count - m_options.failedHellosBeforeDelay;
    if (over < 0)
        return 0;
    const qint64 delay = qint64(m_options.failedHelloDelayMs) << std::min(over, 20);
    return int(std::min<qint64>(delay, m_options.failedHelloMaxDelayMs));
}

void ConnectionLimiter::helloFailed(const QHostAddress &address, qint64 nowMs)
{
    const QString key = addressKey(address);
    if (!m_failures.contains(key) && m_failures.size() >= maxRememberedAddresses) {
        // Bounded: the address that failed longest ago is forgotten first.
        const auto oldest = std::min_element(m_failures.begin(), m_failures.end(),
                                             [](const Failures &a, const Failures &b) { return a.lastMs < b.lastMs; });
        m_failures.erase(oldest);
    }
    Failures &f = m_failures[key];
    if (nowMs - f.lastMs > m_options.failedHelloForgetMs)
        f = Failures{};
    ++f.count;
    f.lastMs = nowMs;
}

void ConnectionLimiter::flooded(const QHostAddress &address, qint64 nowMs)
{
    helloFailed(address, nowMs);
    m_failures[addressKey(address)].flooded = true;
}

void ConnectionLimiter::helloSucceeded(const QHostAddress &address)
{
    // A mistyped token is forgiven by the right one; a flood is not (its member
    // has the right token).
    const auto it = m_failures.find(addressKey(address));
    if (it != m_failures.end() && !it->flooded)
        m_failures.erase(it);
}

} // namespace coauthor::sync
