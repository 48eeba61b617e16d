#include "sync/realtime/realtimeserver.h"

#include "sync/docstore/docstore.h"
#include "sync/docupdater/documentupdater.h"
#include "sync/docupdater/projectfiles.h"
#include "sync/ot/operations.h"
#include "sync/protocol/messagecodec.h"
#include "sync/protocol/servermessages.h"
#include "sync/realtime/clientsession.h"
#include "sync/redis/redisclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUuid>
#include <QWebSocket>
#include <QWebSocketServer>

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

QString newUserId()
{
    return QStringLiteral("u-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

qint64 monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

} // namespace

RealtimeServer::RealtimeServer(Docstore *docstore, DocumentUpdater *updater, ProjectFiles *files, RedisClient *redis,
                               const RealtimeOptions &options, QObject *parent)
    : QObject(parent),
      m_docstore(docstore),
      m_updater(updater),
      m_files(files),
      m_redis(redis),
      m_options(options),
      m_instanceId(QUuid::createUuid().toString(QUuid::Id128)),
      m_tcpServer(std::make_unique<QTcpServer>()),
      m_server(std::make_unique<QWebSocketServer>(QStringLiteral("coauthor-server"), QWebSocketServer::NonSecureMode))
{
    // Small frames (acks, one-character updates) must not wait for Nagle's
    // algorithm and delayed ACKs (up to 40 ms on Linux); QWebSocketServer does not
    // expose its sockets, so we accept them and hand them over.
    connect(m_tcpServer.get(), &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            m_server->handleConnection(socket);
        }
    });
    connect(m_server.get(), &QWebSocketServer::newConnection, this, &RealtimeServer::onNewConnection);
    connect(m_updater, &DocumentUpdater::updatePublished, this, &RealtimeServer::onUpdatePublished);
    connect(m_updater, &DocumentUpdater::projectMessage, this, &RealtimeServer::onProjectMessage);
    if (m_redis)
        connect(m_redis, &RedisClient::subscribed, this, &RealtimeServer::onSubscribed);
    m_maintenance.setInterval(m_options.maintenanceIntervalMs);
    connect(&m_maintenance, &QTimer::timeout, this, &RealtimeServer::maintain);
}

RealtimeServer::~RealtimeServer()
{
    // Sessions are children; drop them without running onClosed's bookkeeping.
    for (ClientSession *s : std::as_const(m_sessions))
        disconnect(s, nullptr, this, nullptr);
}

Result<void, QString> RealtimeServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcpServer->listen(address, port))
        return Result<void, QString>::failure(QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(m_tcpServer->errorString()));
    m_maintenance.start();
    qCInfo(lcServer).noquote() << "listening on" << QStringLiteral("ws://%1:%2/").arg(address.toString()).arg(m_tcpServer->serverPort())
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

void RealtimeServer::sendJson(ClientSession *session, const QJsonObject &message)
{
    session->send(MessageCodec::encode(message));
}

void RealtimeServer::publish(const QString &projectId, QJsonObject message)
{
    message.insert(QLatin1String("instance"), m_instanceId);
    m_updater->publishProjectMessage(projectId, message);
}

void RealtimeServer::onNewConnection()
{
    while (m_server->hasPendingConnections()) {
        QWebSocket *socket = m_server->nextPendingConnection();
        socket->setMaxAllowedIncomingFrameSize(quint64(m_options.maxMessageBytes));
        socket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxMessageBytes));
        auto *session = new ClientSession(socket, m_options.maxQueuedBytes, this);
        m_sessions.insert(session);
        connect(session, &ClientSession::textReceived, this, [this, session](const QString &frame) { onText(session, frame); });
        connect(session, &ClientSession::binaryReceived, this, [this, session] {
            sendJson(session, ServerMessages::error(std::nullopt, QStringLiteral("invalid_message"), QStringLiteral("binary frames are not used; send JSON text frames")));
        });
        connect(session, &ClientSession::closed, this, [this, session] { onClosed(session); });
        qCInfo(lcServer).noquote() << "connection from" << session->peer();
    }
}

void RealtimeServer::onClosed(ClientSession *session)
{
    if (!m_sessions.remove(session))
        return;
    qCInfo(lcServer).noquote() << "connection closed" << session->peer() << session->userId << session->name;
    const auto docIds = session->docs.keys();
    for (const QString &docId : docIds)
        leaveDoc(session, docId);
    if (session->welcomed) {
        auto room = m_projects.find(session->projectId);
        if (room != m_projects.end()) {
            room->sessions.remove(session);
            const int here = int(room->sessions.size());
            publish(session->projectId, ServerMessages::userLeft(session->userId));
            m_updater->projectClientsChanged(session->projectId, here);
            if (here == 0) {
                m_updater->unsubscribeProject(session->projectId);
                m_subscribedProjects.remove(session->projectId);
                m_projects.erase(room);
            }
        }
    }
    session->deleteLater();
}

void RealtimeServer::onText(ClientSession *session, const QString &frame)
{
    if (session->awaitingSubscription) {
        session->framesWhileAwaiting.append(frame);
        return;
    }
    auto decoded = MessageCodec::decode(frame);
    if (!decoded) {
        const ProtocolError &e = decoded.error();
        // Logged, but not 10,000 lines for a client that sends garbage in a loop.
        ++m_badFrames;
        if (m_badFrames <= 20 || m_badFrames % 1000 == 0)
            qCWarning(lcServer).noquote() << "bad frame from" << session->peer() << session->userId << e.code << e.message
                                          << "(" << m_badFrames << "bad frames so far)";
        sendJson(session, e.type == QLatin1String("hello") ? ServerMessages::error(e.rid, e.code, e.message) : ServerMessages::error(e));
        return;
    }
    dispatch(session, decoded.value());
}

void RealtimeServer::dispatch(ClientSession *session, ClientMessage &m)
{
    using T = ClientMessage::Type;
    if (m.type == T::Ping) {
        sendJson(session, ServerMessages::pong(m.rid));
        return;
    }
    if (m.type == T::Hello) {
        handleHello(session, m);
        return;
    }
    if (!session->welcomed) {
        sendJson(session, ServerMessages::error(m.rid, QStringLiteral("not_connected"), QStringLiteral("send hello first")));
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
    case T::Hello:
    case T::Ping:
        break;
    }
}

void RealtimeServer::handleHello(ClientSession *session, const ClientMessage &m)
{
    if (session->welcomed) {
        sendJson(session, ServerMessages::error(m.rid, QStringLiteral("already_connected"), QStringLiteral("this connection already said hello")));
        return;
    }
    auto reject = [&](const QString &code, const QString &message) {
        qCWarning(lcServer).noquote() << "rejected" << session->peer() << "project" << m.projectId << code << message;
        sendJson(session, ServerMessages::rejected(m.rid, code, message));
        session->closeWith(QWebSocketProtocol::CloseCodePolicyViolated, code);
    };
    if (m.protocolVersion != MessageCodec::protocolVersion) {
        reject(QStringLiteral("unsupported_protocol_version"),
               QStringLiteral("this server speaks protocol version %1, not %2").arg(MessageCodec::protocolVersion).arg(m.protocolVersion));
        return;
    }
    auto role = m_docstore->authenticate(m.projectId, m.token);
    if (!role) {
        reject(role.error().code, role.error().message);
        return;
    }
    session->welcomed = true;
    session->role = role.value();
    session->projectId = m.projectId;
    session->clientId = m.clientId;
    session->name = m.name.isEmpty() ? QStringLiteral("Anonymous") : m.name;
    session->colour = colourFor(m.clientId);
    session->userId = newUserId();

    ProjectRoom &room = m_projects[m.projectId];
    room.sessions.insert(session);
    const int here = int(room.sessions.size());
    if (here == 1)
        m_updater->subscribeProject(m.projectId);
    m_updater->projectClientsChanged(m.projectId, here);

    qCInfo(lcServer).noquote() << "hello" << session->peer() << "project" << m.projectId << "user" << session->userId
                               << session->name << "client" << m.clientId << roleName(session->role);
    session->helloRid = m.rid;
    if (!m_redis || m_subscribedProjects.contains(m.projectId)) {
        finishHello(session);
        return;
    }
    session->awaitingSubscription = true;
    session->awaitingSince.start();
}

void RealtimeServer::finishHello(ClientSession *session)
{
    session->awaitingSubscription = false;
    sendJson(session, ServerMessages::welcome(session->helloRid, QStringLiteral(COAUTHOR_VERSION), session->userId, roleName(session->role), session->colour));
    publish(session->projectId, ServerMessages::userJoined(session->userId, session->name, session->colour));
    const QStringList frames = std::exchange(session->framesWhileAwaiting, {});
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
        if (m_sessions.contains(s) && s->awaitingSubscription)
            finishHello(s);
    catchUpEverything();
}

void RealtimeServer::handleJoinProject(ClientSession *session, const ClientMessage &m)
{
    auto tree = m_files->fileTree(session->projectId);
    if (!tree) {
        sendJson(session, ServerMessages::error(m.rid, tree.error().code, tree.error().message));
        return;
    }
    QJsonArray entries;
    for (const TreeEntry &e : tree.value())
        entries.append(ProjectFiles::entryToJson(e));

    QJsonArray users;
    const ProjectRoom &room = m_projects[session->projectId];
    for (ClientSession *other : room.sessions) {
        if (other == session)
            continue;
        QJsonObject u = ServerMessages::user(other->userId, other->name, other->colour);
        if (other->cursor) {
            u.insert(QLatin1String("doc"), other->cursor->doc);
            u.insert(QLatin1String("position"), double(other->cursor->position));
            u.insert(QLatin1String("anchor"), double(other->cursor->anchor));
            if (other->cursor->version)
                u.insert(QLatin1String("v"), double(*other->cursor->version));
        }
        users.append(u);
    }
    for (auto it = room.remoteUsers.cbegin(); it != room.remoteUsers.cend(); ++it) {
        QJsonObject u = ServerMessages::user(it.key(), it->name, it->colour);
        if (it->position >= 0) {
            u.insert(QLatin1String("doc"), it->doc);
            u.insert(QLatin1String("position"), double(it->position));
            u.insert(QLatin1String("anchor"), double(it->anchor));
            if (it->version)
                u.insert(QLatin1String("v"), double(*it->version));
        }
        users.append(u);
    }
    sendJson(session, ServerMessages::project(m.rid, session->projectId, entries, users));
}

void RealtimeServer::handleJoinDoc(ClientSession *session, const ClientMessage &m)
{
    // A second joinDoc of the same doc restarts its delivery (a client resyncing).
    ClientSession::DocState &state = session->docs[m.doc];
    state.loaded = false;
    state.held.clear();
    state.gapSince.invalidate();
    const int generation = ++state.joinGeneration;
    m_docRooms[docKey(session->projectId, m.doc)].insert(session);

    QPointer<ClientSession> guard(session);
    const QString docId = m.doc;
    const auto rid = m.rid;
    const auto fromVersion = m.fromVersion;
    m_updater->joinDoc(session->projectId, docId, fromVersion, [this, guard, docId, rid, fromVersion, generation](Result<DocJoin, ServiceError> result) {
        if (!guard || guard->isClosing())
            return;
        ClientSession *session = guard.data();
        auto it = session->docs.find(docId);
        if (it == session->docs.end() || it->joinGeneration != generation)
            return; // left or rejoined meanwhile
        if (!result) {
            sendJson(session, ServerMessages::error(rid, result.error().code, result.error().message));
            leaveDoc(session, docId);
            return;
        }
        const DocJoin &join = result.value();
        if (fromVersion) {
            QJsonArray ops;
            for (const AppliedUpdate &u : join.missed)
                ops.append(ServerMessages::opEntry(u.version, u.op, u.clientId, u.seq));
            sendJson(session, ServerMessages::docOps(rid, docId, join.snapshot.path, join.snapshot.version, ops));
        } else {
            sendJson(session, ServerMessages::docSnapshot(rid, docId, join.snapshot.path, join.snapshot.text, join.snapshot.version));
        }
        qCInfo(lcServer).noquote() << "joinDoc" << session->userId << session->projectId << docId << "version" << join.snapshot.version
                                   << (fromVersion ? QStringLiteral("from %1 (%2 ops)").arg(*fromVersion).arg(join.missed.size()) : QString());
        it->loaded = true;
        it->delivered = join.snapshot.version;
        session->drain(*it);
    });
}

void RealtimeServer::leaveDoc(ClientSession *session, const QString &docId)
{
    session->docs.remove(docId);
    const QString key = docKey(session->projectId, docId);
    auto room = m_docRooms.find(key);
    if (room != m_docRooms.end()) {
        room->remove(session);
        if (room->isEmpty())
            m_docRooms.erase(room);
    }
}

void RealtimeServer::handleLeaveDoc(ClientSession *session, const ClientMessage &m)
{
    leaveDoc(session, m.doc);
    sendJson(session, ServerMessages::ok(m.rid));
}

void RealtimeServer::handleApplyUpdate(ClientSession *session, ClientMessage &m)
{
    auto fail = [&](const QString &code, const QString &message) {
        sendJson(session, ServerMessages::updateError(m.rid, m.doc, m.seq, code, message));
    };
    auto it = session->docs.find(m.doc);
    if (it == session->docs.end()) {
        fail(QStringLiteral("not_joined"), QStringLiteral("join the doc before sending updates"));
        return;
    }
    if (session->role != Role::ReadWrite) {
        fail(QStringLiteral("read_only"), QStringLiteral("this token may read the project but not change it"));
        return;
    }
    if (!m.clientId.isEmpty() && m.clientId != session->clientId) {
        fail(QStringLiteral("invalid_message"), QStringLiteral("clientId differs from the one given in hello"));
        return;
    }
    it->outstandingSeqs.insert(m.seq);

    QPointer<ClientSession> guard(session);
    const auto rid = m.rid;
    const QString docId = m.doc;
    const qint64 seq = m.seq;
    DocUpdate update{m.doc, m.version, std::move(m.op), session->clientId, m.seq};
    m_updater->applyUpdate(session->projectId, update, [this, guard, rid, docId, seq](Result<AppliedUpdate, ServiceError> result) {
        if (!guard || guard->isClosing())
            return;
        ClientSession *session = guard.data();
        auto it = session->docs.find(docId);
        if (it != session->docs.end())
            it->outstandingSeqs.remove(seq);
        if (!result) {
            qCInfo(lcServer).noquote() << "update rejected" << session->userId << docId << "seq" << seq << result.error().code << result.error().message;
            sendJson(session, ServerMessages::updateError(rid, docId, seq, result.error().code, result.error().message));
            return;
        }
        const AppliedUpdate &u = result.value();
        const QString frame = ServerMessages::ackFrame(rid, docId, u.version, u.seq, u.duplicate);
        // The ack takes its place in version order, after every update before it.
        if (it == session->docs.end() || !it->loaded || u.version <= it->delivered)
            session->send(frame);
        else
            session->offer(docId, u.version, frame);
    });
}

void RealtimeServer::handleCursor(ClientSession *session, const ClientMessage &m)
{
    if (!session->docs.contains(m.doc)) {
        sendJson(session, ServerMessages::error(m.rid, QStringLiteral("not_joined"), QStringLiteral("join the doc before sending its cursor")));
        return;
    }
    session->cursor = ClientSession::Cursor{m.doc, m.position, m.anchor, m.cursorVersion};
    publish(session->projectId, ServerMessages::presence(session->userId, session->name, session->colour, m.doc, m.position, m.anchor, m.cursorVersion));
}

void RealtimeServer::handleTreeChange(ClientSession *session, const ClientMessage &m)
{
    if (session->role != Role::ReadWrite) {
        sendJson(session, ServerMessages::error(m.rid, QStringLiteral("read_only"), QStringLiteral("this token may read the project but not change it")));
        return;
    }
    using T = ClientMessage::Type;
    Result<TreeEntry, ServiceError> result = Result<TreeEntry, ServiceError>::failure({QStringLiteral("internal"), QString()});
    switch (m.type) {
    case T::CreateDoc:
        result = m_files->createDoc(session->projectId, m.path, m.text);
        break;
    case T::CreateFolder:
        result = m_files->createFolder(session->projectId, m.path);
        break;
    case T::Rename:
        result = m_files->rename(session->projectId, m.id, m.path);
        break;
    case T::UploadFile:
        result = m_files->uploadFile(session->projectId, m.path, m.data);
        break;
    case T::Delete: {
        auto removed = m_files->remove(session->projectId, m.id);
        if (!removed) {
            sendJson(session, ServerMessages::error(m.rid, removed.error().code, removed.error().message));
            return;
        }
        qCInfo(lcServer).noquote() << "delete" << session->userId << session->projectId << m.id << removed.value().size() << "entries";
        sendJson(session, ServerMessages::ok(m.rid));
        return;
    }
    default:
        return;
    }
    if (!result) {
        sendJson(session, ServerMessages::error(m.rid, result.error().code, result.error().message));
        return;
    }
    qCInfo(lcServer).noquote() << MessageCodec::typeName(m.type) << session->userId << session->projectId << result.value().path;
    sendJson(session, ServerMessages::ok(m.rid, ProjectFiles::entryToJson(result.value())));
}

void RealtimeServer::handleDownload(ClientSession *session, const ClientMessage &m)
{
    auto entry = m_docstore->entry(session->projectId, m.id);
    if (!entry) {
        sendJson(session, ServerMessages::error(m.rid, entry.error().code, entry.error().message));
        return;
    }
    auto content = m_files->downloadFile(session->projectId, m.id);
    if (!content) {
        sendJson(session, ServerMessages::error(m.rid, content.error().code, content.error().message));
        return;
    }
    sendJson(session, ServerMessages::file(m.rid, m.id, entry.value().path, content.value()));
}

void RealtimeServer::onUpdatePublished(const AppliedUpdate &update)
{
    // Stored cursors follow the text, so late joiners see them where they now are.
    auto project = m_projects.find(update.projectId);
    if (project == m_projects.end())
        return;
    for (ClientSession *s : std::as_const(project->sessions)) {
        if (s->cursor && s->cursor->doc == update.docId)
            moveStoredCursor(s->cursor->position, s->cursor->anchor, s->cursor->version, update);
    }
    for (RemoteUser &u : project->remoteUsers) {
        if (u.position >= 0 && u.doc == update.docId)
            moveStoredCursor(u.position, u.anchor, u.version, update);
    }
    deliverUpdate(update);
}

void RealtimeServer::moveStoredCursor(qint64 &position, qint64 &anchor, std::optional<qint64> &version, const AppliedUpdate &update)
{
    // A cursor with a version already counts every op up to it (it may arrive
    // after ops its sender had). It stays exact while the ops that follow it
    // come in order; once one was missed (published before the cursor
    // arrived), it is moved as well as it can be and says no version.
    if (version && update.version <= *version)
        return;
    if (version && update.version != *version + 1)
        version.reset();
    else if (version)
        version = update.version;
    position = ot::transformPosition(position, update.op);
    anchor = ot::transformPosition(anchor, update.op);
}

void RealtimeServer::deliverUpdate(const AppliedUpdate &update)
{
    const auto room = m_docRooms.constFind(docKey(update.projectId, update.docId));
    if (room == m_docRooms.constEnd())
        return;
    QString frame; // encoded once, shared by every recipient
    for (ClientSession *s : *room) {
        auto it = s->docs.find(update.docId);
        if (it == s->docs.end() || (it->loaded && update.version <= it->delivered))
            continue;
        if (update.clientId == s->clientId) {
            // The sender's own op: the applyUpdate callback brings its ack. Without a
            // request in flight here (it was sent on an earlier connection), this is
            // the ack the client never got.
            if (it->outstandingSeqs.contains(update.seq))
                continue;
            s->offer(update.docId, update.version, ServerMessages::ackFrame(std::nullopt, update.docId, update.version, update.seq, false));
            continue;
        }
        if (frame.isNull())
            frame = MessageCodec::encode(ServerMessages::update(update.docId, update.version, update.op, update.clientId, update.seq));
        s->offer(update.docId, update.version, frame); // a gap left is filled by maintain()
    }
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
        const auto it = s->docs.constFind(docId);
        if (it != s->docs.constEnd() && it->loaded && (from < 0 || it->delivered < from))
            from = it->delivered;
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

void RealtimeServer::onProjectMessage(const QString &projectId, const QJsonObject &message)
{
    auto project = m_projects.find(projectId);
    if (project == m_projects.end())
        return;
    const QString type = message.value(QLatin1String("type")).toString();
    const QString instance = message.value(QLatin1String("instance")).toString();
    const QString userId = message.value(QLatin1String("userId")).toString();
    const bool remote = !instance.isEmpty() && instance != m_instanceId;

    if (type == QLatin1String("treeChanged")) {
        // Docs that were removed are left by everyone who had them open.
        if (message.value(QLatin1String("change")).toString() == QLatin1String("removed")) {
            const QJsonArray entries = message.value(QLatin1String("entries")).toArray();
            for (const QJsonValue &e : entries) {
                const QString id = e.toObject().value(QLatin1String("id")).toString();
                for (ClientSession *s : std::as_const(project->sessions))
                    if (s->docs.contains(id))
                        leaveDoc(s, id);
            }
        }
        const QString frame = MessageCodec::encode(message);
        for (ClientSession *s : std::as_const(project->sessions))
            s->send(frame);
        return;
    }
    if (type == QLatin1String("usersAlive")) {
        // Between instances only: the users of a live instance stay listed.
        if (remote) {
            const QJsonArray ids = message.value(QLatin1String("userIds")).toArray();
            for (const QJsonValue &id : ids) {
                auto it = project->remoteUsers.find(id.toString());
                if (it != project->remoteUsers.end())
                    it->lastSeenMs = monotonicMs();
            }
        }
        return;
    }
    if (type != QLatin1String("presence") && type != QLatin1String("userJoined") && type != QLatin1String("userLeft"))
        return;

    QJsonObject forClients = message;
    forClients.remove(QLatin1String("instance"));
    const bool announce = forClients.take(QLatin1String("announce")).toBool();
    if (remote) {
        if (type == QLatin1String("userLeft")) {
            project->remoteUsers.remove(userId);
        } else {
            RemoteUser &u = project->remoteUsers[userId];
            u.instance = instance;
            u.lastSeenMs = monotonicMs();
            u.name = message.value(QLatin1String("name")).toString();
            u.colour = message.value(QLatin1String("colour")).toString();
            if (type == QLatin1String("presence")) {
                u.doc = message.value(QLatin1String("doc")).toString();
                u.position = qint64(message.value(QLatin1String("position")).toDouble());
                u.anchor = qint64(message.value(QLatin1String("anchor")).toDouble());
                u.version = message.contains(QLatin1String("v")) ? std::optional<qint64>(qint64(message.value(QLatin1String("v")).toDouble()))
                                                                 : std::nullopt;
            }
        }
        // A newcomer on another instance learns who is connected here.
        if (type == QLatin1String("userJoined") && !announce) {
            for (ClientSession *s : std::as_const(project->sessions)) {
                QJsonObject hello = ServerMessages::userJoined(s->userId, s->name, s->colour);
                hello.insert(QLatin1String("announce"), true);
                publish(projectId, hello);
                if (s->cursor)
                    publish(projectId, ServerMessages::presence(s->userId, s->name, s->colour, s->cursor->doc, s->cursor->position, s->cursor->anchor, s->cursor->version));
            }
        }
    }
    const QString frame = MessageCodec::encode(forClients);
    for (ClientSession *s : std::as_const(project->sessions))
        if (s->userId != userId)
            s->send(frame);
}

void RealtimeServer::maintain()
{
    const qint64 now = monotonicMs();
    const bool keepalive = now - m_lastKeepaliveMs >= m_options.keepaliveIntervalMs;
    if (keepalive)
        m_lastKeepaliveMs = now;
    QSet<QString> gaps;
    // A copy: closing a session can remove it from m_sessions at once.
    const QList<ClientSession *> sessions(m_sessions.cbegin(), m_sessions.cend());
    for (ClientSession *s : sessions) {
        if (!m_sessions.contains(s) || s->isClosing())
            continue;
        if (!s->welcomed && s->connectedMs() > m_options.helloTimeoutMs) {
            qCInfo(lcServer).noquote() << "no hello from" << s->peer() << "; closing";
            s->closeWith(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("hello_timeout"));
            continue;
        }
        if (s->awaitingSubscription && s->awaitingSince.elapsed() > 2000) {
            // Redis is slow to confirm; go on rather than keep the client waiting.
            qCWarning(lcServer).noquote() << "project channel of" << s->projectId << "not confirmed after 2 s; welcoming" << s->userId << "anyway";
            finishHello(s);
        }
        if (s->idleMs() > m_options.idleTimeoutMs) {
            qCInfo(lcServer).noquote() << "idle" << s->peer() << s->userId << "; closing";
            s->closeWith(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("idle"));
            continue;
        }
        if (keepalive)
            s->ping();
        for (auto it = s->docs.begin(); it != s->docs.end(); ++it) {
            if (it->gapSince.isValid() && it->gapSince.elapsed() >= m_options.gapFillMs) {
                gaps.insert(docKey(s->projectId, it.key()));
                it->gapSince.restart(); // at most one catch-up per gapFillMs
            }
        }
    }
    if (keepalive) {
        // Tell the other instances who is still here, and forget the users of an
        // instance that stopped saying so (it died without sending userLeft).
        for (auto project = m_projects.begin(); project != m_projects.end(); ++project) {
            QJsonArray ids;
            for (ClientSession *s : std::as_const(project->sessions))
                if (!s->awaitingSubscription)
                    ids.append(s->userId);
            if (!ids.isEmpty())
                publish(project.key(), QJsonObject{{QStringLiteral("type"), QStringLiteral("usersAlive")}, {QStringLiteral("userIds"), ids}});
            for (auto u = project->remoteUsers.begin(); u != project->remoteUsers.end();) {
                if (now - u->lastSeenMs <= 3 * qint64(m_options.keepaliveIntervalMs)) {
                    ++u;
                    continue;
                }
                qCInfo(lcServer).noquote() << "user" << u.key() << "of instance" << u->instance << "went silent; dropping";
                const QString frame = MessageCodec::encode(ServerMessages::userLeft(u.key()));
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
}

} // namespace coauthor::sync
