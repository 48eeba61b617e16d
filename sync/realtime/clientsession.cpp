#include "sync/realtime/clientsession.h"

#include "sync/docupdater/docupdate.h"
#include "sync/ot/operations.h"
#include "sync/protocol/servermessagecodec.h"

#include <QAbstractEventDispatcher>
#include <QLoggingCategory>
#include <QWebSocket>

#include <algorithm>

namespace coauthor::sync {

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace {
// Below this many bytes in the socket's buffer we hand it the next frame; above it
// frames wait in our queue, where a slow client's backlog can be measured and capped.
constexpr qint64 socketHighWater = 256 * 1024;
} // namespace

ClientSession::ClientSession(QWebSocket *socket, qint64 maxQueuedBytes, int framesPerSecond, int frameBurst, QObject *parent)
    : QObject(parent),
      m_socket(socket),
      m_frameTokens(frameBurst),
      m_framesPerMs(framesPerSecond / 1000.0),
      m_frameBurst(frameBurst),
      m_maxQueuedBytes(maxQueuedBytes)
{
    m_socket->setParent(this);
    m_peerAddress = m_socket->peerAddress();
    m_lastActivity.start();
    m_connectedAt.start();
    m_frameClock.start();
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &frame) {
        touch();
        if (takeFrameToken())
            Q_EMIT textReceived(frame);
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &) {
        touch();
        if (takeFrameToken())
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
    m_journal.enqueue(frame);
    m_queuedBytes += frame.size() * 2;
    if (m_queuedBytes > m_maxQueuedBytes) {
        // A client that does not read cannot be allowed to grow our memory without
        // bound; it reconnects and catches up with joinDoc fromVersion.
        qCWarning(lcServer).noquote() << "session" << userId() << peer() << "too slow, backlog" << m_queuedBytes << "bytes; closing";
        m_journal.clear();
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

bool ClientSession::takeFrameToken()
{
    if (m_closing && m_closeCode == QWebSocketProtocol::CloseCodePolicyViolated && m_closeReason == QLatin1String("rate_limited"))
        return false;
    m_frameTokens = std::min<double>(m_frameBurst, m_frameTokens + double(m_frameClock.restart()) * m_framesPerMs);
    if (m_frameTokens >= 1) {
        m_frameTokens -= 1;
        return true;
    }
    // A flood: closed at once, so that the rest of what it sent is not even read
    // (the socket's buffer goes with the close) and its backlog is dropped.
    qCWarning(lcServer).noquote() << "session" << userId() << peer() << "sends more than" << qRound(m_framesPerMs * 1000)
                                  << "messages/s; closing";
    m_journal.clear();
    m_queuedBytes = 0;
    m_closing = true;
    m_closeCode = QWebSocketProtocol::CloseCodePolicyViolated;
    m_closeReason = QStringLiteral("rate_limited");
    m_socket->close(QWebSocketProtocol::CloseCodePolicyViolated, m_closeReason);
    Q_EMIT floodClosed();
    return false;
}

void ClientSession::pump()
{
    while (!m_journal.isEmpty() && m_socket->bytesToWrite() < socketHighWater) {
        const QString frame = m_journal.dequeue();
        m_queuedBytes -= frame.size() * 2;
        m_socket->sendTextMessage(frame);
        m_unflushed = true;
    }
    if (m_journal.isEmpty() && m_closing && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->close(QWebSocketProtocol::CloseCode(m_closeCode), m_closeReason);
}

void ClientSession::closeWith(int closeCode, const QString &reason)
{
    m_closing = true;
    m_closeCode = closeCode;
    m_closeReason = reason;
    pump();
}

void ClientSession::send(const ServerMessage &message)
{
    send(ServerMessageCodec::encode(message));
}

void ClientSession::accept(const Identity &identity)
{
    m_welcomed = true;
    m_identity = identity;
}

void ClientSession::cursorFollows(const AppliedUpdate &update)
{
    if (m_cursor && m_cursor->doc == update.docId)
        moveCursor(*m_cursor, update);
}

void ClientSession::moveCursor(Cursor &cursor, const AppliedUpdate &update)
{
    // A cursor with a version already counts every op up to it (it may arrive
    // after ops its sender had). It stays exact while the ops that follow it
    // come in order; once one was missed (published before the cursor
    // arrived), it is moved as well as it can be and says no version.
    if (cursor.version && update.version <= *cursor.version)
        return;
    if (cursor.version && update.version != *cursor.version + 1)
        cursor.version.reset();
    else if (cursor.version)
        cursor.version = update.version;
    cursor.position = ot::transformPosition(cursor.position, update.op);
    cursor.anchor = ot::transformPosition(cursor.anchor, update.op);
}

void ClientSession::awaitSubscription(std::optional<qint64> helloRid)
{
    m_helloRid = helloRid;
    m_awaitingSubscription = true;
    m_awaitingSince.start();
}

bool ClientSession::holdWhileAwaiting(const QString &frame)
{
    if (m_framesWhileAwaiting.size() >= maxHeldFrames)
        return false;
    m_framesWhileAwaiting.append(frame);
    return true;
}

QStringList ClientSession::endHelloDelay()
{
    m_helloDelayed = false;
    return std::exchange(m_framesWhileAwaiting, {});
}

QStringList ClientSession::stopAwaiting()
{
    m_awaitingSubscription = false;
    return std::exchange(m_framesWhileAwaiting, {});
}

int ClientSession::beginJoin(const QString &docId)
{
    // A second joinDoc of the same doc restarts its delivery (a client resyncing).
    DocState &state = m_docs[docId];
    state.loaded = false;
    state.held.clear();
    state.gapSince.invalidate();
    // Numbered per session, not per doc: a doc left and joined again must not
    // take a generation an older join still waits with.
    state.joinGeneration = ++m_joinCounter;
    return state.joinGeneration;
}

bool ClientSession::isCurrentJoin(const QString &docId, int generation) const
{
    const auto it = m_docs.constFind(docId);
    return it != m_docs.constEnd() && it->joinGeneration == generation;
}

void ClientSession::joinAnswered(const QString &docId, qint64 version)
{
    const auto it = m_docs.find(docId);
    if (it == m_docs.end())
        return;
    it->loaded = true;
    it->delivered = version;
    drain(*it);
}

std::optional<qint64> ClientSession::deliveredVersion(const QString &docId) const
{
    const auto it = m_docs.constFind(docId);
    if (it == m_docs.constEnd() || !it->loaded)
        return std::nullopt;
    return it->delivered;
}

void ClientSession::updateSubmitted(const QString &docId, qint64 seq)
{
    ++m_updatesInFlight;
    const auto it = m_docs.find(docId);
    if (it != m_docs.end())
        it->outstandingSeqs.insert(seq);
}

void ClientSession::updateAnswered(const QString &docId, qint64 seq)
{
    --m_updatesInFlight;
    const auto it = m_docs.find(docId);
    if (it != m_docs.end())
        it->outstandingSeqs.remove(seq);
}

void ClientSession::sendAck(const QString &docId, const ServerMessage &ack)
{
    const auto *body = std::get_if<ServerMessage::Ack>(&ack.body);
    Q_ASSERT(body);
    const auto it = m_docs.constFind(docId);
    const QString frame = ServerMessageCodec::encode(ack);
    if (!body || it == m_docs.constEnd() || !it->loaded || body->version <= it->delivered)
        send(frame);
    else
        offer(docId, body->version, frame);
}

void ClientSession::deliver(const AppliedUpdate &update, QString &sharedFrame)
{
    const auto it = m_docs.constFind(update.docId);
    if (it == m_docs.constEnd() || (it->loaded && update.version <= it->delivered))
        return;
    if (update.clientId == clientId()) {
        // The sender's own op: the applyUpdate callback brings its ack. Without a
        // request in flight here (it was sent on an earlier connection), this is
        // the ack the client never got.
        if (it->outstandingSeqs.contains(update.seq))
            return;
        const ServerMessage ack{std::nullopt, ServerMessage::Ack{update.docId, update.version, update.seq, false}};
        offer(update.docId, update.version, ServerMessageCodec::encode(ack));
        return;
    }
    if (sharedFrame.isNull())
        sharedFrame = ServerMessageCodec::encode(ServerMessage{
            std::nullopt, ServerMessage::Update{update.docId, {update.version, update.op, update.clientId, update.seq}}});
    offer(update.docId, update.version, sharedFrame); // a gap left is filled by a catch-up (docsWithGaps)
}

QStringList ClientSession::docsWithGaps(qint64 gapFillMs)
{
    QStringList docs;
    for (auto it = m_docs.begin(); it != m_docs.end(); ++it) {
        if (it->gapSince.isValid() && it->gapSince.elapsed() >= gapFillMs) {
            docs.append(it.key());
            it->gapSince.restart(); // at most one catch-up per gapFillMs
        }
    }
    return docs;
}

void ClientSession::offer(const QString &doc, qint64 v, const QString &frame)
{
    const auto it = m_docs.find(doc);
    if (it == m_docs.end())
        return;
    DocState &state = *it;
    if (state.loaded && v <= state.delivered)
        return;
    // The first frame offered for a version stays (an update and its ack never meet).
    state.held.try_emplace(v, frame);
    drain(state);
}

void ClientSession::drain(DocState &state)
{
    if (!state.loaded)
        return;
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
        return;
    }
    if (!state.gapSince.isValid())
        state.gapSince.start();
}

} // namespace coauthor::sync
