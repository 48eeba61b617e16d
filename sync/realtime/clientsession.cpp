#include "sync/realtime/clientsession.h"

#include <QAbstractEventDispatcher>
#include <QLoggingCategory>
#include <QWebSocket>

namespace coauthor::sync {

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace {
// Below this many bytes in the socket's buffer we hand it the next frame; above it
// frames wait in our queue, where a slow client's backlog can be measured and capped.
constexpr qint64 socketHighWater = 256 * 1024;
} // namespace

ClientSession::ClientSession(QWebSocket *socket, qint64 maxQueuedBytes, QObject *parent)
    : QObject(parent), m_socket(socket), m_maxQueuedBytes(maxQueuedBytes)
{
    m_socket->setParent(this);
    m_lastActivity.start();
    m_connectedAt.start();
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &frame) {
        touch();
        Q_EMIT textReceived(frame);
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &) {
        touch();
        Q_EMIT binaryReceived();
    });
    connect(m_socket, &QWebSocket::pong, this, [this](quint64, const QByteArray &) { touch(); });
    connect(m_socket, &QWebSocket::bytesWritten, this, [this](qint64) { pump(); });
    connect(m_socket, &QWebSocket::disconnected, this, &ClientSession::closed);
    // Frames handed to the socket during this pass of the event loop are written
    // just before it waits again, instead of after one more poll for writability
    // (and never from inside the caller's loop over a room: a failed write may
    // close the socket).
    if (auto *dispatcher = QAbstractEventDispatcher::instance(thread()))
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, [this] {
            if (m_unflushed) {
                m_unflushed = false;
                m_socket->flush();
            }
        });
}

ClientSession::~ClientSession() = default;

QString ClientSession::peer() const
{
    return m_socket->peerAddress().toString() + QLatin1Char(':') + QString::number(m_socket->peerPort());
}

void ClientSession::ping()
{
    m_socket->ping();
}

void ClientSession::send(const QString &frame)
{
    if (m_closing && m_closeCode != 1000)
        return;
    m_queue.enqueue(frame);
    m_queuedBytes += frame.size() * 2;
    if (m_queuedBytes > m_maxQueuedBytes) {
        // A client that does not read cannot be allowed to grow our memory without
        // bound; it reconnects and catches up with joinDoc fromVersion.
        qCWarning(lcServer).noquote() << "session" << userId << peer() << "too slow, backlog" << m_queuedBytes << "bytes; closing";
        m_queue.clear();
        m_queuedBytes = 0;
        m_closing = true;
        m_closeCode = QWebSocketProtocol::CloseCodePolicyViolated;
        // Queued: callers iterate rooms while sending, and a close may remove
        // this session from them.
        QMetaObject::invokeMethod(this, [this] { m_socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("too_slow")); }, Qt::QueuedConnection);
        return;
    }
    pump();
}

void ClientSession::pump()
{
    while (!m_queue.isEmpty() && m_socket->bytesToWrite() < socketHighWater) {
        const QString frame = m_queue.dequeue();
        m_queuedBytes -= frame.size() * 2;
        m_socket->sendTextMessage(frame);
        m_unflushed = true;
    }
    if (m_queue.isEmpty() && m_closing && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->close(QWebSocketProtocol::CloseCode(m_closeCode), m_closeReason);
}

void ClientSession::closeWith(int closeCode, const QString &reason)
{
    m_closing = true;
    m_closeCode = closeCode;
    m_closeReason = reason;
    pump();
}

bool ClientSession::offer(const QString &doc, qint64 v, const QString &frame)
{
    const auto it = docs.find(doc);
    if (it == docs.end())
        return false;
    DocState &state = *it;
    if (state.loaded && v <= state.delivered)
        return false;
    // The first frame offered for a version stays (an update and its ack never meet).
    state.held.try_emplace(v, frame);
    return drain(state);
}

bool ClientSession::drain(DocState &state)
{
    if (!state.loaded)
        return false;
    while (!state.held.empty()) {
        auto first = state.held.begin();
        if (first->first <= state.delivered) {
            state.held.erase(first);
        } else if (first->first == state.delivered + 1) {
            send(first->second);
            state.delivered = first->first;
            state.held.erase(first);
        } else {
            break;
        }
    }
    if (state.held.empty()) {
        state.gapSince.invalidate();
        return false;
    }
    if (!state.gapSince.isValid())
        state.gapSince.start();
    return true;
}

} // namespace coauthor::sync
