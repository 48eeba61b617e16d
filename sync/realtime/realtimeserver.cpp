#include "sync/realtime/realtimeserver.h"

#include "sync/docstore/docstore.h"
#include "sync/docupdater/documentupdater.h"
#include "sync/docupdater/projectfiles.h"
#include "sync/ot/operations.h"
#include "sync/protocol/messagecodec.h"
#include "sync/protocol/servermessagecodec.h"
#include "sync/realtime/clientsession.h"
#include "sync/realtime/compilerequests.h"
#include "sync/realtime/connectionlimiter.h"
#include "sync/realtime/historyrequests.h"
#include "sync/realtime/historyrequeststhread.h"
#include "sync/realtime/httprequesthead.h"
#include "sync/realtime/httpserver.h"
#include "sync/realtime/metrics.h"
#include "sync/realtime/lingeringclose.h"
#include "sync/redis/redisclient.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUuid>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QSslServer>
#include <QSslSocket>

#include <utility>

namespace coauthor::sync {

Q_LOGGING_CATEGORY(lcServer, "coauthor.server")

namespace {

// Presence colours; a client keeps its colour across reconnects (hash of clientId).
const char *const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                               "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};

QString colourFor(const QString &clientId)
{
    return QLatin1String(palette[qHash(clientId) % (sizeof(palette) / sizeof(palette[0]))]);
}

// A connection's presence id: the member's id, so others can tell who it is, and a
// suffix, so two connections of one person (two machines) are told apart.
QString connectionUserId(const QString &memberId)
{
    return memberId + QLatin1Char('/') + QUuid::createUuid().toString(QUuid::Id128).left(8);
}

// Set on a socket once its request head went to the WebSocket or the HTTP server.
constexpr char handedOverProperty[] = "coauthor.handedOver";

qint64 monotonicMs()
{
    return ConnectionLimiter::clockMs();
}

} // namespace

RealtimeServer::RealtimeServer(Docstore *docstore, DocumentUpdater *updater, ProjectFiles *files, RedisClient *redis,
                               DocstoreOpener openHistoryDocstore, const RealtimeOptions &options, QObject *parent)
    : QObject(parent),
      m_docstore(docstore),
      m_updater(updater),
      m_files(files),
      m_history(std::make_unique<HistoryRequests>(docstore)),
      m_historyThreads(openHistoryDocstore ? std::make_unique<HistoryRequestsThread>(std::move(openHistoryDocstore)) : nullptr),
      m_redis(redis),
      m_options(options),
      m_instanceId(QUuid::createUuid().toString(QUuid::Id128)),
      m_tcpServer(std::make_unique<QTcpServer>()),
      m_server(std::make_unique<QWebSocketServer>(QStringLiteral("coauthor-server"), QWebSocketServer::NonSecureMode)),
      m_limiter(std::make_unique<ConnectionLimiter>(options)),
      m_metrics(std::make_unique<Metrics>())
{
    // Small frames (acks, one-character updates) must not wait for Nagle's
    // algorithm and delayed ACKs (up to 40 ms on Linux); QWebSocketServer does not
    // expose its sockets, so we accept them and hand them over. Its own handshake
    // timeout covers only the sockets it accepts itself; ours are timed by the
    // limiter (see maintain()).
    m_server->setHandshakeTimeout(m_options.handshakeTimeoutMs);
    connect(m_tcpServer.get(), &QTcpServer::newConnection, this, &RealtimeServer::acceptPending);
    connect(m_server.get(), &QWebSocketServer::newConnection, this, &RealtimeServer::onNewConnection);
    connect(m_updater, &DocumentUpdater::updatePublished, this, &RealtimeServer::onUpdatePublished);
    connect(m_updater, &DocumentUpdater::projectMessage, this, &RealtimeServer::onProjectMessage);
    if (m_redis)
        connect(m_redis, &RedisClient::subscribed, this, &RealtimeServer::onSubscribed);
    if (m_redis) {
        // A compile's progress reaches every client of the project on this instance.
        m_compiles = std::make_unique<CompileRequests>(m_redis);
        connect(m_compiles.get(), &CompileRequests::progress, this,
                [this](const QString &projectId, const ServerMessage::CompileProgress &progress) {
                    const auto room = m_projects.constFind(projectId);
                    if (room == m_projects.constEnd())
                        return;
                    const QString frame = ServerMessageCodec::encode(ServerMessage{std::nullopt, progress});
                    for (ClientSession *s : room->sessions)
                        s->send(frame);
                });
        connect(m_compiles.get(), &CompileRequests::jobFinished, this,
                [this](const QString &status, qint64 queuedAt, qint64 startedAt, qint64 finishedAt) {
                    ++m_metrics->compilesFinished[status];
                    if (startedAt > 0 && finishedAt >= startedAt)
                        m_metrics->compileSeconds.observe(double(finishedAt - startedAt) / 1000.0);
                    if (queuedAt > 0 && startedAt >= queuedAt)
                        m_metrics->compileQueueSeconds.observe(double(startedAt - queuedAt) / 1000.0);
                });
    }
    m_http = std::make_unique<HttpServer>(m_docstore, m_redis, m_limiter.get(), m_metrics.get(), m_options);
    m_http->setGauges([this](PrometheusText &text) { writeMetrics(text); });
    m_maintenance.setInterval(m_options.maintenanceIntervalMs);
    connect(&m_maintenance, &QTimer::timeout, this, &RealtimeServer::maintain);
}

RealtimeServer::~RealtimeServer()
{
    // Sessions are children; drop them without running onClosed's bookkeeping.
    for (ClientSession *s : std::as_const(m_sessions))
        disconnect(s, nullptr, this, nullptr);
}


void RealtimeServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    // A QSslServer hands out a socket only once its TLS handshake is done; the
    // WebSocket layer then reads plain text from it, so m_server stays in
    // NonSecureMode (its SecureMode would listen itself, without TCP_NODELAY).
    // A client that speaks no TLS (ws:// to a wss:// server) fails that handshake
    // and never reaches the WebSocket layer.
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    server->setHandshakeTimeout(m_options.helloTimeoutMs);
    connect(server.get(), &QTcpServer::pendingConnectionAvailable, this, &RealtimeServer::acceptPending);
    connect(server.get(), &QSslServer::startedEncryptionHandshake, this,
            [](QSslSocket *socket) { socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    connect(server.get(), &QSslServer::errorOccurred, this, [](QSslSocket *socket, QAbstractSocket::SocketError) {
        qCInfo(lcServer).noquote() << "TLS handshake failed from" << socket->peerAddress().toString() << socket->errorString();
    });
    m_tcpServer = std::move(server);
    m_secure = true;
}

Result<void, QString> RealtimeServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcpServer->listen(address, port))
        return Result<void, QString>::failure(QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(m_tcpServer->errorString()));
    m_maintenance.start();
    qCInfo(lcServer).noquote() << "listening on" << QStringLiteral("%1://%2:%3/").arg(m_secure ? QStringLiteral("wss") : QStringLiteral("ws"), address.toString()).arg(m_tcpServer->serverPort())
                               << "instance" << m_instanceId;
    return Result<void, QString>::success();
}

quint16 RealtimeServer::port() const
{
    return m_tcpServer->serverPort();
}

void RealtimeServer::close()
{
    m_tcpServer->close();
    m_server->close();
    m_maintenance.stop();
    const QList<ClientSession *> sessions(m_sessions.cbegin(), m_sessions.cend());
    for (ClientSession *s : sessions)
        if (m_sessions.contains(s))
            s->closeWith(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
}

QString RealtimeServer::docKey(const QString &projectId, const QString &docId)
{
    return projectId + QLatin1Char('\n') + docId;
}

void RealtimeServer::publish(const QString &projectId, ServerMessage::Body message, bool announce)
{
    publish(projectId, ProjectChannelMessage{m_instanceId, announce, ServerMessage{std::nullopt, std::move(message)}});
}

void RealtimeServer::publish(const QString &projectId, const ProjectChannelMessage &message)
{
    m_updater->publishProjectMessage(projectId, ServerMessageCodec::toJson(message));
}

ServerMessage RealtimeServer::error(std::optional<qint64> rid, const QString &code, const QString &message)
{
    return ServerMessage{rid, ServerMessage::Error{code, message}};
}

QString RealtimeServer::readOnlyMessage()
{
    return QStringLiteral("this token may read the project but not change it");
}

ServerMessage RealtimeServer::readOnlyError(std::optional<qint64> rid)
{
    return error(rid, QStringLiteral("read_only"), readOnlyMessage());
}

// Plain sockets come from the QTcpServer at once; TLS ones from the QSslServer once
// their TLS handshake is done (its own timeout bounds that part).
void RealtimeServer::acceptPending()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        switch (m_limiter->admit(socket, monotonicMs())) {
        case ConnectionLimiter::Admission::Drop:
            // Far over a cap: not even a handshake (it would hold a descriptor meanwhile).
            socket->abort();
            socket->deleteLater();
            continue;
        case ConnectionLimiter::Admission::Refuse:
        case ConnectionLimiter::Admission::Accept:
            break;
        }
        connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
            m_limiter->handshakeAbandoned(socket);
            // Gone (or aborted by the handshake timeout) before its request head was
            // whole: nobody else took it.
            if (!socket->property(handedOverProperty).toBool())
                socket->deleteLater();
        });
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // Close codes must reach clients that are still sending (see LingeringClose).
        LingeringClose::attach(socket);
        ++m_metrics->connectionsAccepted;
        // The request head is peeked at, not read, so the WebSocket server reads it
        // again; until it is whole the limiter's handshake clock runs (maintain()).
        connect(socket, &QIODevice::readyRead, this, [this, socket] { readRequestHead(socket); });
        readRequestHead(socket);
    }
}

void RealtimeServer::readRequestHead(QTcpSocket *socket)
{
    HttpRequestHead head;
    const HttpRequestHead::Parsed parsed = HttpRequestHead::parse(socket->peek(HttpRequestHead::maxBytes), &head);
    if (parsed.state == HttpRequestHead::State::Incomplete)
        return;
    disconnect(socket, &QIODevice::readyRead, this, nullptr);
    socket->setProperty(handedOverProperty, true);
    if (parsed.state == HttpRequestHead::State::Complete && head.isWebSocketUpgrade()) {
        m_server->handleConnection(socket);
        return;
    }
    // HTTP: the handshake clock stops; the connection counts against its address
    // until its exchange ends, and a refused one is told so (429).
    if (!m_limiter->handshakeFinished(socket->peerAddress(), socket->peerPort()))
        m_http->refuse(socket, head);
    else if (parsed.state != HttpRequestHead::State::Complete)
        m_http->reject(socket, parsed);
    else
        m_http->serve(socket, head);
}

void RealtimeServer::onNewConnection()
{
    while (m_server->hasPendingConnections()) {
        QWebSocket *socket = m_server->nextPendingConnection();
        if (!m_limiter->handshakeFinished(socket->peerAddress(), socket->peerPort())) {
            qCWarning(lcServer).noquote() << "too many connections; refusing" << socket->peerAddress().toString() << socket->peerPort()
                                          << "(" << m_limiter->openConnections() << "open)";
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("too_many_connections"));
            continue;
        }
        ++m_metrics->webSocketSessions;
        socket->setMaxAllowedIncomingFrameSize(quint64(m_options.maxMessageBytes));
        socket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxMessageBytes));
        auto *session = new ClientSession(socket, m_options.maxQueuedBytes, m_options.framesPerSecond, m_options.frameBurst, this);
        // A flood counts as a failed hello of its address: reconnecting to flood
        // again gets slower each time (see handleHello).
        connect(session, &ClientSession::floodClosed, this, [this, session] { m_limiter->flooded(session->peerAddress(), monotonicMs()); });
        m_sessions.insert(session);
        connect(session, &ClientSession::textReceived, this, [this, session](const QString &frame) { onText(session, frame); });
        connect(session, &ClientSession::binaryReceived, this, [this, session] {
            session->send(error(std::nullopt, QStringLiteral("invalid_message"), QStringLiteral("binary frames are not used; send JSON text frames")));
        });
        connect(session, &ClientSession::closed, this, [this, session] { onClosed(session); });
        qCInfo(lcServer).noquote() << "connection from" << session->peer();
    }
}

void RealtimeServer::onClosed(ClientSession *session)
{
    if (!m_sessions.remove(session))
        return;
    m_limiter->sessionClosed(session->peerAddress());
    if (m_historyThreads)
        m_historyThreads->forget(session); // a request being read answers nobody
    qCInfo(lcServer).noquote() << "connection closed" << session->peer() << session->userId() << session->name();
    if (session->isWelcomed()) {
        const QString owner = docKey(session->projectId(), session->clientId());
        if (m_clientOwners.value(owner) == session) {
            m_clientOwners.remove(owner);
            releaseClientId(session);
        }
    }
    const QStringList docIds = session->joinedDocs();
    for (const QString &docId : docIds)
        leaveDoc(session, docId);
    if (session->isWelcomed()) {
        const QString projectId = session->projectId();
        auto room = m_projects.find(projectId);
        if (room != m_projects.end()) {
            room->sessions.remove(session);
            const int here = int(room->sessions.size());
            publish(projectId, ServerMessage::UserLeft{session->userId()});
            m_updater->projectClientsChanged(projectId, here);
            if (here == 0) {
                if (m_compiles)
                    m_compiles->unwatch(projectId);
                m_updater->unsubscribeProject(projectId);
                m_subscribedProjects.remove(projectId);
                m_projects.erase(room);
            }
        }
    }
    session->deleteLater();
}

void RealtimeServer::onText(ClientSession *session, const QString &frame)
{
    // A connection being closed (replaced by a newer one with its clientId, too
    // slow, idle) changes nothing any more.
    if (session->isClosing())
        return;
    if (session->isAwaitingSubscription() || session->isHelloDelayed()) {
        if (!session->holdWhileAwaiting(frame))
            session->closeWith(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("rate_limited"));
        return;
    }
    auto decoded = MessageCodec::decode(frame);
    if (!decoded) {
        const ProtocolError &e = decoded.error();
        // Logged, but not 10,000 lines for a client that sends garbage in a loop.
        ++m_badFrames;
        if (m_badFrames <= 20 || m_badFrames % 1000 == 0)
            qCWarning(lcServer).noquote() << "bad frame from" << session->peer() << session->userId() << e.code << e.message
                                          << "(" << m_badFrames << "bad frames so far)";
        // A hello that cannot be read is a failed hello: rejected and closed like
        // any other (docs/protocol.md, "Connecting"), not an error that leaves an
        // unauthenticated connection open.
        if (e.type == QLatin1String("hello") && !session->isWelcomed()) {
            session->send(ServerMessage{e.rid, ServerMessage::Rejected{e.code, e.message}});
            session->closeWith(QWebSocketProtocol::CloseCodePolicyViolated, e.code);
            return;
        }
        session->send(ServerMessageCodec::errorReply(e));
        return;
    }
    dispatch(session, decoded.value());
}

void RealtimeServer::dispatch(ClientSession *session, ClientMessage &m)
{
    using T = ClientMessage::Type;
    if (m.type == T::Ping) {
        session->send(ServerMessage{m.rid, ServerMessage::Pong{}});
        return;
    }
    if (m.type == T::Hello) {
        handleHello(session, m);
        return;
    }
    if (!session->isWelcomed()) {
        session->send(error(m.rid, QStringLiteral("not_connected"), QStringLiteral("send hello first")));
        return;
    }
    switch (m.type) {
    case T::JoinProject:
        handleJoinProject(session, m);
        break;
    case T::JoinDoc:
        handleJoinDoc(session, m);
        break;
    case T::LeaveDoc:
        handleLeaveDoc(session, m);
        break;
    case T::ApplyUpdate:
        handleApplyUpdate(session, m);
        break;
    case T::RestoreLost:
        handleRestoreLost(session, m);
        break;
    case T::Cursor:
        handleCursor(session, m);
        break;
    case T::CreateDoc:
    case T::CreateFolder:
    case T::Rename:
    case T::Delete:
    case T::UploadFile:
        handleTreeChange(session, m);
        break;
    case T::DownloadFile:
        handleDownload(session, m);
        break;
    case T::HistoryChanges:
    case T::HistoryText:
    case T::HistoryDiff:
    case T::HistoryTree:
    case T::HistoryFile:
    case T::HistorySearch:
    case T::HistoryLabels:
    case T::AddLabel:
        handleHistory(session, m);
        break;
    case T::RestoreDeleted:
        handleRestoreDeleted(session, m);
        break;
    case T::Compile:
        handleCompile(session, m);
        break;
    case T::Hello:
    case T::Ping:
        break;
    }
}

void RealtimeServer::handleHello(ClientSession *session, const ClientMessage &m, bool waited)
{
    if (session->isWelcomed()) {
        session->send(error(m.rid, QStringLiteral("already_connected"), QStringLiteral("this connection already said hello")));
        return;
    }
    // Guessing tokens gets slower with every failure from one address (bounded);
    // the wait holds this connection's frames, not the event loop.
    if (const int delay = waited ? 0 : m_limiter->helloDelayMs(session->peerAddress(), monotonicMs()); delay > 0) {
        session->delayHello();
        QPointer<ClientSession> guard(session);
        QTimer::singleShot(delay, this, [this, guard, m] {
            if (!guard || !m_sessions.contains(guard.data()))
                return;
            const QStringList frames = guard->endHelloDelay();
            if (guard->isClosing())
                return;
            handleHello(guard.data(), m, true);
            for (const QString &frame : frames) {
                if (!guard || guard->isClosing())
                    return;
                onText(guard.data(), frame);
            }
        });
        return;
    }
    auto reject = [&](const QString &code, const QString &message) {
        qCWarning(lcServer).noquote() << "rejected" << session->peer() << "project" << m.projectId << code << message;
        session->send(ServerMessage{m.rid, ServerMessage::Rejected{code, message}});
        session->closeWith(QWebSocketProtocol::CloseCodePolicyViolated, code);
    };
    if (m.protocolVersion != MessageCodec::protocolVersion) {
        reject(QStringLiteral("unsupported_protocol_version"),
               QStringLiteral("this server speaks protocol version %1, not %2").arg(MessageCodec::protocolVersion).arg(m.protocolVersion));
        return;
    }
    auto member = m_docstore->authenticate(m.projectId, m.token);
    if (!member) {
        m_limiter->helloFailed(session->peerAddress(), monotonicMs());
        reject(member.error().code, member.error().message);
        return;
    }
    // A clientId is bound to the first member who uses it, for good (docstore), so
    // nobody can send under another person's clientId: their seqs would make that
    // person's next edits look like resends (acked as duplicates, never applied).
    // Checked before the takeover below, so a refused hello closes nobody.
    auto bound = m_docstore->bindClientId(m.projectId, m.clientId, member.value().id);
    if (!bound) {
        reject(bound.error().code, bound.error().message);
        return;
    }
    m_limiter->helloSucceeded(session->peerAddress());
    // A clientId is one live connection at a time: with two, one clientId would carry
    // two seq streams, so resends could not be told from new ops. The newer one wins
    // (a client reconnecting before the server noticed its old connection died is
    // the common case); the older is told why and closed, and what it had sent is
    // applied and reaches the newer one like the acks of any earlier connection.
    const QString owner = docKey(m.projectId, m.clientId);
    if (ClientSession *previous = m_clientOwners.value(owner); previous && previous != session && !previous->isClosing()) {
        qCWarning(lcServer).noquote() << "client" << m.clientId << "of project" << m.projectId << "connected again from" << session->peer()
                                      << "; closing its connection from" << previous->peer();
        previous->send(error(std::nullopt, QStringLiteral("client_id_in_use"),
                             QStringLiteral("another connection with this clientId took over (a second copy of this project?)")));
        previous->closeWith(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("client_id_in_use"));
    }
    m_clientOwners.insert(owner, session);
    const Invitation &invitation = member.value();
    // The invitation names the person; only an unnamed one (a token from before
    // invitations) lets the client name itself.
    const QString name = !invitation.name.isEmpty() ? invitation.name
                         : m.name.isEmpty()         ? QStringLiteral("Anonymous")
                                                    : m.name;
    // Kept for the history, which names members who are not online (an unnamed
    // invitation's users are known only by what they say here).
    if (auto kept = m_docstore->setMemberName(m.projectId, invitation.id, name); !kept)
        qCWarning(lcServer).noquote() << "the name of member" << invitation.id << "was not kept:" << kept.error().message;
    session->accept(ClientSession::Identity{invitation.id, connectionUserId(invitation.id), m.clientId, name,
                                            colourFor(m.clientId), m.projectId, invitation.role});
    claimClientId(session);

    ProjectRoom &room = m_projects[m.projectId];
    room.sessions.insert(session);
    const int here = int(room.sessions.size());
    if (here == 1) {
        m_updater->subscribeProject(m.projectId);
        if (m_compiles)
            m_compiles->watch(m.projectId);
    }
    m_updater->projectClientsChanged(m.projectId, here);

    qCInfo(lcServer).noquote() << "hello" << session->peer() << "project" << m.projectId << "member" << session->memberId() << "user" << session->userId()
                               << session->name() << "client" << m.clientId << roleName(session->role());
    session->awaitSubscription(m.rid);
    if (!m_redis || m_subscribedProjects.contains(m.projectId))
        finishHello(session);
}

QByteArray RealtimeServer::clientIdKey(const ClientSession *session)
{
    return "coauthor:client:" + session->projectId().toUtf8() + ':' + session->clientId().toUtf8();
}

QByteArray RealtimeServer::ownerValue(const ClientSession *session) const
{
    return m_instanceId.toUtf8() + ' ' + session->userId().toUtf8();
}

void RealtimeServer::claimClientId(ClientSession *session)
{
    // Across instances on one Redis: the key names the clientId's newest connection;
    // SET … GET swaps it atomically, so of two hellos at once exactly one is newest,
    // and the previous owner's instance is told to close that connection.
    if (!m_redis)
        return;
    QPointer<RealtimeServer> guard(this);
    const QString projectId = session->projectId();
    m_redis->command({QByteArrayLiteral("SET"), clientIdKey(session), ownerValue(session), QByteArrayLiteral("GET"),
                      QByteArrayLiteral("EX"), QByteArray::number(ClientIdKeyTtlSeconds)},
                     [this, guard, projectId](Result<RedisReply, ServiceError> reply) {
                         if (!guard || !reply.ok() || reply.value().isNil() || reply.value().isError())
                             return;
                         const QList<QByteArray> previous = reply.value().string.split(' ');
                         if (previous.size() != 2 || previous.at(0) == m_instanceId.toUtf8())
                             return; // ours: closed already (handleHello)
                         publish(projectId, ProjectChannelMessage{m_instanceId, false,
                                                                  ProjectChannelMessage::ClientTakenOver{QString::fromUtf8(previous.at(1))}});
                     });
}

void RealtimeServer::releaseClientId(ClientSession *session)
{
    static const QByteArray deleteIfOurs = QByteArrayLiteral(
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");
    if (m_redis)
        m_redis->eval(deleteIfOurs, {clientIdKey(session)}, {ownerValue(session)});
}

void RealtimeServer::finishHello(ClientSession *session)
{
    const QStringList frames = session->stopAwaiting();
    session->send(ServerMessage{session->helloRid(), ServerMessage::Welcome{MessageCodec::protocolVersion, QStringLiteral(COAUTHOR_VERSION),
                                                                           session->userId(), roleName(session->role()), session->colour(),
                                                                           m_files->maxFileBytes()}});
    publish(session->projectId(), ServerMessage::UserJoined{session->userId(), session->name(), session->colour()});
    QPointer<ClientSession> guard(session);
    for (const QString &frame : frames) {
        if (!guard || guard->isClosing())
            return;
        onText(session, frame);
    }
}

void RealtimeServer::onSubscribed()
{
    // Every channel in the subscriber's set is active now.
    for (auto it = m_projects.cbegin(); it != m_projects.cend(); ++it)
        m_subscribedProjects.insert(it.key());
    const QList<ClientSession *> sessions(m_sessions.cbegin(), m_sessions.cend());
    for (ClientSession *s : sessions)
        if (m_sessions.contains(s) && s->isAwaitingSubscription())
            finishHello(s);
    catchUpEverything();
}

void RealtimeServer::handleJoinProject(ClientSession *session, const ClientMessage &m)
{
    auto tree = m_files->fileTree(session->projectId());
    if (!tree) {
        session->send(error(m.rid, tree.error().code, tree.error().message));
        return;
    }
    ServerMessage::Project project;
    project.projectId = session->projectId();
    // The name is for people (a joining app names its folder and window after it); a
    // docstore that cannot say it leaves it out rather than fail the join.
    if (auto info = m_docstore->project(session->projectId()))
        project.name = info.value().name;
    for (const TreeEntry &e : tree.value())
        project.tree.append(ProjectFiles::wireEntry(e));
    const ProjectRoom &room = m_projects[session->projectId()];
    for (ClientSession *other : room.sessions) {
        if (other != session)
            project.users.append(other->user());
    }
    for (auto it = room.remoteUsers.cbegin(); it != room.remoteUsers.cend(); ++it)
        project.users.append(ServerMessage::User{it.key(), it->name, it->colour, it->cursor});
    session->send(ServerMessage{m.rid, std::move(project)});
}

void RealtimeServer::handleJoinDoc(ClientSession *session, const ClientMessage &m)
{
    const int generation = session->beginJoin(m.doc);
    m_docRooms[docKey(session->projectId(), m.doc)].insert(session);

    QPointer<ClientSession> guard(session);
    const QString docId = m.doc;
    const auto rid = m.rid;
    const auto fromVersion = m.fromVersion;
    m_updater->joinDoc(session->projectId(), docId, fromVersion, [this, guard, docId, rid, fromVersion, generation](Result<DocJoin, ServiceError> result) {
        if (!guard || guard->isClosing())
            return;
        ClientSession *session = guard.data();
        if (!session->isCurrentJoin(docId, generation)) {
            // Left or joined again meanwhile: every request gets an answer, and this
            // one's would be stale (the later joinDoc's answer follows).
            session->send(error(rid, QStringLiteral("join_superseded"),
                                QStringLiteral("a later joinDoc or leaveDoc of this doc replaced this joinDoc")));
            return;
        }
        if (!result) {
            session->send(error(rid, result.error().code, result.error().message));
            leaveDoc(session, docId);
            return;
        }
        const DocJoin &join = result.value();
        ServerMessage::Doc doc{docId, join.snapshot.path, join.snapshot.version, {}, std::nullopt, false, join.epoch, join.lostAfter, join.baseText};
        if (fromVersion && join.more && !join.missed.isEmpty()) {
            // One page of a long catch-up: the client applies it and asks again from
            // its last version; the doc stays unjoined until the last page, so no
            // update waits in memory meanwhile.
            QList<ServerMessage::AppliedOp> ops;
            ops.reserve(join.missed.size());
            for (const AppliedUpdate &u : join.missed)
                ops.append(ServerMessage::AppliedOp{u.version, u.op, u.clientId, u.seq});
            doc.version = join.missed.last().version;
            doc.ops = std::move(ops);
            doc.more = true;
            qCInfo(lcServer).noquote() << "joinDoc" << session->userId() << session->projectId() << docId << "page from" << *fromVersion
                                       << "to" << doc.version << "of" << join.snapshot.version;
            session->send(ServerMessage{rid, std::move(doc)});
            leaveDoc(session, docId);
            return;
        }
        if (fromVersion) {
            QList<ServerMessage::AppliedOp> ops;
            for (const AppliedUpdate &u : join.missed)
                ops.append(ServerMessage::AppliedOp{u.version, u.op, u.clientId, u.seq});
            doc.ops = std::move(ops);
        } else {
            doc.text = join.snapshot.text;
        }
        session->send(ServerMessage{rid, std::move(doc)});
        qCInfo(lcServer).noquote() << "joinDoc" << session->userId() << session->projectId() << docId << "version" << join.snapshot.version
                                   << (fromVersion ? QStringLiteral("from %1 (%2 ops)").arg(*fromVersion).arg(join.missed.size()) : QString());
        session->joinAnswered(docId, join.snapshot.version);
    }, m.epoch);
}

void RealtimeServer::leaveDoc(ClientSession *session, const QString &docId)
{
    session->leave(docId);
    const QString key = docKey(session->projectId(), docId);
    auto room = m_docRooms.find(key);
    if (room != m_docRooms.end()) {
        room->remove(session);
        if (room->isEmpty())
            m_docRooms.erase(room);
    }
}

void RealtimeServer::handleLeaveDoc(ClientSession *session, const ClientMessage &m)
{
    if (!session->hasJoined(m.doc)) {
        session->send(error(m.rid, QStringLiteral("not_joined"), QStringLiteral("this connection has not joined doc '%1'").arg(m.doc)));
        return;
    }
    leaveDoc(session, m.doc);
    session->send(ServerMessage{m.rid, ServerMessage::Ok{}});
}

void RealtimeServer::handleApplyUpdate(ClientSession *session, ClientMessage &m)
{
    auto fail = [&](const QString &code, const QString &message) {
        session->send(ServerMessage{m.rid, ServerMessage::UpdateError{m.doc, m.seq, code, message}});
    };
    if (!session->hasJoined(m.doc)) {
        fail(QStringLiteral("not_joined"), QStringLiteral("join the doc before sending updates"));
        return;
    }
    if (!session->mayWrite()) {
        fail(QStringLiteral("read_only"), readOnlyMessage());
        return;
    }
    if (!m.clientId.isEmpty() && m.clientId != session->clientId()) {
        fail(QStringLiteral("invalid_message"), QStringLiteral("clientId differs from the one given in hello"));
        return;
    }
    // Back-pressure: one connection keeps at most this many ops in the updater, so
    // a flood waits in its own client (which resends the op later, same seq)
    // instead of in front of everybody else's ops or in our memory.
    if (session->updatesInFlight() >= m_options.maxUpdatesInFlight) {
        fail(QStringLiteral("rate_limited"), QStringLiteral("too many updates of this connection are being applied; send it again later"));
        return;
    }
    session->updateSubmitted(m.doc, m.seq);

    QPointer<ClientSession> guard(session);
    const auto rid = m.rid;
    const QString docId = m.doc;
    const qint64 seq = m.seq;
    DocUpdate update{m.doc, m.version, std::move(m.op), session->clientId(), m.seq, m.madeAt.value_or(0)};
    // Only with a time: the docstore clamps that time to no earlier than this version's.
    if (m.madeAt && m.typedOnVersion)
        update.typedOnVersion = *m.typedOnVersion;
    QPointer<RealtimeServer> server(this);
    m_updater->applyUpdate(session->projectId(), update, [server, guard, rid, docId, seq](Result<AppliedUpdate, ServiceError> result) {
        // Counted whether or not its sender is still here: it was applied (or not).
        if (server && result && !result.value().duplicate)
            ++server->m_metrics->opsApplied;
        else if (server && !result)
            ++server->m_metrics->opsRejected;
        if (!guard || guard->isClosing())
            return;
        ClientSession *session = guard.data();
        session->updateAnswered(docId, seq);
        if (!result) {
            qCInfo(lcServer).noquote() << "update rejected" << session->userId() << docId << "seq" << seq << result.error().code << result.error().message;
            session->send(ServerMessage{rid, ServerMessage::UpdateError{docId, seq, result.error().code, result.error().message}});
            return;
        }
        const AppliedUpdate &u = result.value();
        session->sendAck(docId, ServerMessage{rid, ServerMessage::Ack{docId, u.version, u.seq, u.duplicate}});
    });
}

void RealtimeServer::handleRestoreLost(ClientSession *session, const ClientMessage &m)
{
    if (!session->hasJoined(m.doc)) {
        session->send(error(m.rid, QStringLiteral("not_joined"), QStringLiteral("join the doc before restoring its versions")));
        return;
    }
    if (!session->mayWrite()) {
        session->send(readOnlyError(m.rid));
        return;
    }
    // The ops keep their authors (the history says who wrote what); the dedup
    // record of a clientId is not touched, so a restore cannot make anybody's
    // next edits look like resends.
    QList<StoredOp> ops;
    for (const ClientMessage::LostOp &lost : m.lostOps)
        ops.append(StoredOp{0, lost.op, lost.clientId, lost.seq, 0});
    QPointer<ClientSession> guard(session);
    const auto rid = m.rid;
    const QString docId = m.doc;
    m_updater->restoreLost(session->projectId(), m.doc, m.epoch, m.version, ops,
                           [this, guard, rid, docId](Result<qint64, ServiceError> result) {
                               if (!guard || guard->isClosing())
                                   return;
                               if (!result) {
                                   guard->send(error(rid, result.error().code, result.error().message));
                                   return;
                               }
                               qCInfo(lcServer).noquote() << "restoreLost" << guard->userId() << docId << "up to" << result.value();
                               guard->send(ServerMessage{rid, ServerMessage::Ok{}});
                           });
}

void RealtimeServer::handleCursor(ClientSession *session, const ClientMessage &m)
{
    if (!session->hasJoined(m.doc)) {
        session->send(error(m.rid, QStringLiteral("not_joined"), QStringLiteral("join the doc before sending its cursor")));
        return;
    }
    session->setCursor(ClientSession::Cursor{m.doc, m.position, m.anchor, m.cursorVersion});
    // Coalesced: a cursor sooner than presenceIntervalMs after the last presence
    // waits, and a later one replaces it (the stored cursor follows the ops meanwhile).
    if (session->isPresenceScheduled())
        return;
    const qint64 wait = m_options.presenceIntervalMs - session->msSincePresence();
    if (wait <= 0) {
        publishPresence(session);
        return;
    }
    session->setPresenceScheduled();
    QPointer<ClientSession> guard(session);
    QTimer::singleShot(int(wait), this, [this, guard] {
        if (guard && m_sessions.contains(guard.data()) && !guard->isClosing())
            publishPresence(guard.data());
    });
}

void RealtimeServer::publishPresence(ClientSession *session)
{
    session->presenceSent();
    if (session->cursor())
        publish(session->projectId(), ServerMessage::Presence{session->userId(), session->name(), session->colour(), *session->cursor()});
}

void RealtimeServer::handleTreeChange(ClientSession *session, const ClientMessage &m)
{
    if (!session->mayWrite()) {
        session->send(readOnlyError(m.rid));
        return;
    }
    using T = ClientMessage::Type;
    Result<TreeEntry, ServiceError> result = Result<TreeEntry, ServiceError>::failure({QStringLiteral("internal"), QString()});
    switch (m.type) {
    case T::CreateDoc:
        result = m_files->createDoc(session->projectId(), m.path, m.text, session->memberId());
        break;
    case T::CreateFolder:
        result = m_files->createFolder(session->projectId(), m.path, session->memberId());
        break;
    case T::Rename:
        result = m_files->rename(session->projectId(), m.id, m.path, session->memberId());
        break;
    case T::UploadFile:
        result = m_files->uploadFile(session->projectId(), m.path, m.data, m.replace, session->memberId());
        break;
    case T::Delete: {
        auto removed = m_files->remove(session->projectId(), m.id, session->memberId());
        if (!removed) {
            session->send(error(m.rid, removed.error().code, removed.error().message));
            return;
        }
        qCInfo(lcServer).noquote() << "delete" << session->userId() << session->projectId() << m.id << removed.value().size() << "entries";
        session->send(ServerMessage{m.rid, ServerMessage::Ok{}});
        return;
    }
    default:
        return;
    }
    if (!result) {
        session->send(error(m.rid, result.error().code, result.error().message));
        return;
    }
    qCInfo(lcServer).noquote() << MessageCodec::typeName(m.type) << session->userId() << session->projectId() << result.value().path;
    session->send(ServerMessage{m.rid, ServerMessage::Ok{ProjectFiles::wireEntry(result.value())}});
}

void RealtimeServer::handleDownload(ClientSession *session, const ClientMessage &m)
{
    auto entry = m_docstore->entry(session->projectId(), m.id);
    if (!entry) {
        session->send(error(m.rid, entry.error().code, entry.error().message));
        return;
    }
    auto content = m_files->downloadFile(session->projectId(), m.id);
    if (!content) {
        session->send(error(m.rid, content.error().code, content.error().message));
        return;
    }
    session->send(ServerMessage{m.rid, ServerMessage::File{m.id, entry.value().path, content.value()}});
}

void RealtimeServer::handleHistory(ClientSession *session, const ClientMessage &m)
{
    // Reading the history is allowed to every member; naming a version changes the project.
    if (m.type == ClientMessage::Type::AddLabel && !session->mayWrite()) {
        session->send(readOnlyError(m.rid));
        return;
    }
    // A label is a write: answered on the event loop, in order with the ops.
    if (!m_historyThreads || m.type == ClientMessage::Type::AddLabel) {
        afterFlush(session, "history", [this, m](ClientSession *session) {
            session->send(ServerMessage{m.rid, m_history->answer(m, session->projectId(), session->memberId())});
        });
        return;
    }
    // Reads go to the history threads, a few per connection at a time. Flushed
    // first here, so a read sees every op its session had acked before it.
    if (!m_historyThreads->admit(session)) {
        session->send(error(m.rid, QStringLiteral("too_many_requests"),
                            QStringLiteral("at most %1 history requests of one connection are answered at a time: "
                                           "wait for an answer before asking again")
                                .arg(HistoryRequestsThread::MaxPerConnection)));
        return;
    }
    afterFlush(session, "history", [this, m](ClientSession *session) {
        QPointer<ClientSession> guard(session);
        m_historyThreads->submit(session, m, session->projectId(), session->memberId(), [guard](const QString &frame) {
            if (guard && !guard->isClosing())
                guard->send(frame);
        });
    });
}

void RealtimeServer::afterFlush(ClientSession *session, const char *what, std::function<void(ClientSession *)> then)
{
    QPointer<ClientSession> guard(session);
    const QString projectId = session->projectId();
    m_updater->flushProject(projectId, [guard, projectId, what, then = std::move(then)](Result<void, ServiceError> flushed) {
        if (!guard || guard->isClosing())
            return;
        // A flush that failed (storage down) is not the reader's business: the
        // answer says what the docstore has, or its own error.
        if (!flushed)
            qCWarning(lcServer).noquote() << QLatin1String(what) + u':' << "flush of" << projectId << "failed:"
                                          << flushed.error().message;
        then(guard.data());
    });
}

void RealtimeServer::handleRestoreDeleted(ClientSession *session, const ClientMessage &m)
{
    if (!session->mayWrite()) {
        session->send(readOnlyError(m.rid));
        return;
    }
    // Flushed first, as for every history request: the text at the version is the docstore's.
    afterFlush(session, "restoreDeleted", [this, m](ClientSession *session) {
        const QString projectId = session->projectId();
        auto target = m_history->restoreTarget(m, projectId);
        if (!target) {
            session->send(error(m.rid, target.error().code, target.error().message));
            return;
        }
        auto restored = m_files->restore(projectId, target.value().entryId, m.path, target.value().text, target.value().sha256,
                                         session->memberId());
        if (!restored) {
            session->send(error(m.rid, restored.error().code, restored.error().message));
            return;
        }
        qCInfo(lcServer).noquote() << "restoreDeleted" << session->userId() << projectId << restored.value().id << restored.value().path;
        session->send(ServerMessage{m.rid, ServerMessage::Ok{ProjectFiles::wireEntry(restored.value())}});
    });
}

void RealtimeServer::handleCompile(ClientSession *session, const ClientMessage &m)
{
    // Any member may compile (a read-only one too, as on Overleaf): it changes nothing.
    if (!m_compiles) {
        session->send(error(m.rid, QStringLiteral("compile_unavailable"), QStringLiteral("this server has no compile workers")));
        return;
    }
    auto path = ProjectFiles::normalizePath(m.path);
    if (!path) {
        session->send(error(m.rid, path.error().code, path.error().message));
        return;
    }
    ClientMessage request = m;
    request.path = path.value();
    QPointer<ClientSession> guard(session);
    const std::optional<qint64> rid = m.rid;
    m_compiles->request(session->projectId(), session->memberId(), request,
                        [guard, rid](Result<QString, ServiceError> r) {
                            if (!guard || guard->isClosing())
                                return;
                            if (!r) {
                                guard->send(error(rid, r.error().code, r.error().message));
                                return;
                            }
                            qCInfo(lcServer).noquote() << "compile" << guard->userId() << guard->projectId() << r.value();
                            guard->send(ServerMessage{rid, ServerMessage::CompileQueued{r.value()}});
                        });
}

void RealtimeServer::onUpdatePublished(const AppliedUpdate &update)
{
    // Stored cursors follow the text, so late joiners see them where they now are.
    auto project = m_projects.find(update.projectId);
    if (project == m_projects.end())
        return;
    for (ClientSession *s : std::as_const(project->sessions))
        s->cursorFollows(update);
    for (RemoteUser &u : project->remoteUsers) {
        if (u.cursor && u.cursor->doc == update.docId)
            ClientSession::moveCursor(*u.cursor, update);
    }
    deliverUpdate(update);
}

void RealtimeServer::deliverUpdate(const AppliedUpdate &update)
{
    const auto room = m_docRooms.constFind(docKey(update.projectId, update.docId));
    if (room == m_docRooms.constEnd())
        return;
    QString frame; // encoded once, shared by every recipient
    for (ClientSession *s : *room)
        s->deliver(update, frame);
}

void RealtimeServer::catchUp(const QString &projectId, const QString &docId)
{
    const QString key = docKey(projectId, docId);
    if (m_catchingUp.contains(key))
        return;
    const auto room = m_docRooms.constFind(key);
    if (room == m_docRooms.constEnd())
        return;
    qint64 from = -1;
    for (ClientSession *s : *room) {
        const std::optional<qint64> delivered = s->deliveredVersion(docId);
        if (delivered && (from < 0 || *delivered < from))
            from = *delivered;
    }
    if (from < 0)
        return;
    m_catchingUp.insert(key);
    QPointer<RealtimeServer> guard(this);
    m_updater->joinDoc(projectId, docId, from, [this, guard, key, projectId, docId, from](Result<DocJoin, ServiceError> result) {
        if (!guard)
            return;
        m_catchingUp.remove(key);
        if (!result) {
            qCWarning(lcServer).noquote() << "catch-up of" << projectId << docId << "from" << from << "failed:" << result.error().code << result.error().message;
            return;
        }
        if (!result.value().missed.isEmpty())
            qCInfo(lcServer).noquote() << "caught up" << projectId << docId << "from" << from << "with" << result.value().missed.size() << "ops";
        for (const AppliedUpdate &u : result.value().missed)
            deliverUpdate(u);
    });
}

void RealtimeServer::catchUpEverything()
{
    for (auto it = m_docRooms.cbegin(); it != m_docRooms.cend(); ++it) {
        const qsizetype cut = it.key().indexOf(QLatin1Char('\n'));
        catchUp(it.key().left(cut), it.key().mid(cut + 1));
    }
}

void RealtimeServer::onProjectMessage(const QString &projectId, const QJsonObject &json)
{
    auto project = m_projects.find(projectId);
    if (project == m_projects.end())
        return;
    auto decoded = ServerMessageCodec::decodeChannel(json);
    if (!decoded) {
        qCWarning(lcServer).noquote() << "unreadable message on the channel of project" << projectId << decoded.error().code
                                      << decoded.error().message;
        return;
    }
    const ProjectChannelMessage &message = decoded.value();
    const bool remote = !message.instance.isEmpty() && message.instance != m_instanceId;

    if (const auto *takenOver = std::get_if<ProjectChannelMessage::ClientTakenOver>(&message.body)) {
        if (!remote)
            return;
        for (ClientSession *s : std::as_const(project->sessions)) {
            if (s->userId() == takenOver->userId && !s->isClosing()) {
                qCWarning(lcServer).noquote() << "client" << s->clientId() << "of project" << projectId
                                              << "connected again through instance" << message.instance << "; closing" << s->peer();
                s->send(error(std::nullopt, QStringLiteral("client_id_in_use"),
                              QStringLiteral("another connection with this clientId took over (a second copy of this project?)")));
                s->closeWith(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("client_id_in_use"));
            }
        }
        return;
    }
    if (const auto *alive = std::get_if<ProjectChannelMessage::UsersAlive>(&message.body)) {
        // Between instances only: the users of a live instance stay listed.
        if (remote) {
            for (const QString &id : alive->userIds) {
                auto it = project->remoteUsers.find(id);
                if (it != project->remoteUsers.end())
                    it->lastSeenMs = monotonicMs();
            }
        }
        return;
    }
    const ServerMessage &forClients = std::get<ServerMessage>(message.body);
    if (const auto *changed = std::get_if<ServerMessage::TreeChanged>(&forClients.body)) {
        // Docs that were removed are left by everyone who had them open.
        if (changed->change == QLatin1String("removed")) {
            for (const ServerMessage::Entry &e : changed->entries) {
                for (ClientSession *s : std::as_const(project->sessions))
                    if (s->hasJoined(e.id))
                        leaveDoc(s, e.id);
            }
        }
        const QString frame = ServerMessageCodec::encode(forClients);
        for (ClientSession *s : std::as_const(project->sessions))
            s->send(frame);
        return;
    }

    // Presence and who comes and goes: remembered when another instance says it.
    QString userId;
    if (const auto *presence = std::get_if<ServerMessage::Presence>(&forClients.body)) {
        userId = presence->userId;
        if (remote) {
            RemoteUser &u = rememberRemoteUser(*project, userId, message.instance, presence->name, presence->colour);
            u.cursor = presence->cursor;
        }
    } else if (const auto *joined = std::get_if<ServerMessage::UserJoined>(&forClients.body)) {
        userId = joined->userId;
        if (remote) {
            rememberRemoteUser(*project, userId, message.instance, joined->name, joined->colour);
            // A newcomer on another instance learns who is connected here.
            if (!message.announce) {
                for (ClientSession *s : std::as_const(project->sessions)) {
                    publish(projectId, ServerMessage::UserJoined{s->userId(), s->name(), s->colour()}, true);
                    if (s->cursor())
                        publish(projectId, ServerMessage::Presence{s->userId(), s->name(), s->colour(), *s->cursor()});
                }
            }
        }
    } else if (const auto *left = std::get_if<ServerMessage::UserLeft>(&forClients.body)) {
        userId = left->userId;
        if (remote)
            project->remoteUsers.remove(userId);
    } else {
        return;
    }
    const QString frame = ServerMessageCodec::encode(forClients);
    for (ClientSession *s : std::as_const(project->sessions))
        if (s->userId() != userId)
            s->send(frame);
}

RealtimeServer::RemoteUser &RealtimeServer::rememberRemoteUser(ProjectRoom &room, const QString &userId, const QString &instance,
                                                               const QString &name, const QString &colour)
{
    RemoteUser &u = room.remoteUsers[userId];
    u.instance = instance;
    u.lastSeenMs = monotonicMs();
    u.name = name;
    u.colour = colour;
    return u;
}

void RealtimeServer::maintain()
{
    const qint64 now = monotonicMs();
    m_limiter->expireHandshakes(now);
    const bool keepalive = now - m_lastKeepaliveMs >= m_options.keepaliveIntervalMs;
    if (keepalive)
        m_lastKeepaliveMs = now;
    QSet<QString> gaps;
    // A copy: closing a session can remove it from m_sessions at once.
    const QList<ClientSession *> sessions(m_sessions.cbegin(), m_sessions.cend());
    for (ClientSession *s : sessions) {
        if (!m_sessions.contains(s) || s->isClosing())
            continue;
        if (!s->isWelcomed() && s->connectedMs() > m_options.helloTimeoutMs) {
            qCInfo(lcServer).noquote() << "no hello from" << s->peer() << "; closing";
            s->closeWith(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("hello_timeout"));
            continue;
        }
        if (s->isAwaitingSubscription() && s->awaitingMs() > 2000) {
            // Redis is slow to confirm; go on rather than keep the client waiting.
            qCWarning(lcServer).noquote() << "project channel of" << s->projectId() << "not confirmed after 2 s; welcoming" << s->userId() << "anyway";
            finishHello(s);
        }
        if (s->idleMs() > m_options.idleTimeoutMs) {
            qCInfo(lcServer).noquote() << "idle" << s->peer() << s->userId() << "; closing";
            s->closeWith(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("idle"));
            continue;
        }
        if (keepalive)
            s->ping();
        for (const QString &docId : s->docsWithGaps(m_options.gapFillMs))
            gaps.insert(docKey(s->projectId(), docId));
    }
    if (keepalive) {
        // Tell the other instances who is still here, and forget the users of an
        // instance that stopped saying so (it died without sending userLeft).
        for (auto project = m_projects.begin(); project != m_projects.end(); ++project) {
            ProjectChannelMessage::UsersAlive alive;
            for (ClientSession *s : std::as_const(project->sessions))
                if (!s->isAwaitingSubscription())
                    alive.userIds.append(s->userId());
            if (!alive.userIds.isEmpty())
                publish(project.key(), ProjectChannelMessage{m_instanceId, false, std::move(alive)});
            for (auto u = project->remoteUsers.begin(); u != project->remoteUsers.end();) {
                if (now - u->lastSeenMs <= 3 * qint64(m_options.keepaliveIntervalMs)) {
                    ++u;
                    continue;
                }
                qCInfo(lcServer).noquote() << "user" << u.key() << "of instance" << u->instance << "went silent; dropping";
                const QString frame = ServerMessageCodec::encode(ServerMessage{std::nullopt, ServerMessage::UserLeft{u.key()}});
                for (ClientSession *s : std::as_const(project->sessions))
                    s->send(frame); // never closes synchronously (see ClientSession::send)
                u = project->remoteUsers.erase(u);
            }
        }
    }
    for (const QString &key : std::as_const(gaps)) {
        const qsizetype cut = key.indexOf(QLatin1Char('\n'));
        catchUp(key.left(cut), key.mid(cut + 1));
    }
    closeRevoked();
}

void RealtimeServer::closeRevoked()
{
    // `invite revoke` may run in another process (the CLI) or on another instance, so
    // the docstore is asked rather than told: one query per project with connections
    // here, each maintenance tick (250 ms), so a revoked person is gone within that.
    const QStringList projectIds = m_projects.keys();
    for (const QString &projectId : projectIds) {
        auto all = m_docstore->invitations(projectId);
        // Storage trouble: try again next tick, close nobody. A project gone from the
        // docstore has no invitation left: everyone is closed.
        if (!all && all.error().code != QLatin1String("unknown_project"))
            continue;
        QSet<QString> active;
        if (all) {
            for (const Invitation &i : all.value())
                if (!i.isRevoked())
                    active.insert(i.id);
        }
        const auto room = m_projects.constFind(projectId);
        if (room == m_projects.constEnd())
            continue;
        const QList<ClientSession *> sessions(room->sessions.cbegin(), room->sessions.cend());
        for (ClientSession *s : sessions) {
            if (s->isClosing() || active.contains(s->memberId()))
                continue;
            qCInfo(lcServer).noquote() << "invitation" << s->memberId() << "revoked; closing" << s->peer() << s->userId();
            s->send(error(std::nullopt, QStringLiteral("revoked"), QStringLiteral("your invitation to this project was revoked")));
            s->closeWith(RevokedCloseCode, QStringLiteral("revoked"));
        }
    }
}

} // namespace coauthor::sync
