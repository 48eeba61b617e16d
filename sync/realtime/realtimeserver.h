#pragma once

// RealtimeServer: Overleaf's real-time service. Accepts WebSocket connections,
// authenticates them against the docstore, keeps rooms per project and doc on this
// instance and relays between clients and the DocumentUpdater; knows nothing of how
// ops are transformed. Protocol: docs/protocol.md, "Wire protocol".

#include "sync/common/result.h"
#include "sync/common/serviceerror.h"
#include "sync/protocol/servermessage.h"
#include "sync/realtime/realtimeoptions.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QSslConfiguration;
class QTcpServer;
class QTcpSocket;
class QWebSocketServer;

namespace coauthor::sync {

struct AppliedUpdate;
struct ClientMessage;
class ClientSession;
class CompileRequests;
class ConnectionLimiter;
class Docstore;
class HistoryRequests;
class HistoryRequestsThread;
class HttpServer;
struct Metrics;
class PrometheusText;
class DocumentUpdater;
class ProjectFiles;
class RedisClient;

class RealtimeServer : public QObject
{
    Q_OBJECT
public:
    // Opens another connection to the docstore, for the history threads (called on each).
    using DocstoreOpener = std::function<Result<std::unique_ptr<Docstore>, ServiceError>()>;

    // None is owned; all must outlive the server. redis may be null; when given, the
    // server catches up every joined doc each time the subscriber (re)subscribes.
    // openHistoryDocstore: history reads are answered on their own threads through
    // the connections it opens; null: on the event loop, through docstore.
    RealtimeServer(Docstore *docstore, DocumentUpdater *updater, ProjectFiles *files, RedisClient *redis,
                   DocstoreOpener openHistoryDocstore, const RealtimeOptions &options = {}, QObject *parent = nullptr);
    ~RealtimeServer() override;
    Q_DISABLE_COPY_MOVE(RealtimeServer)

    // wss:// from now on: TLS on every connection before the WebSocket handshake
    // (a configuration from TlsIdentity::load). Call before listen().
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isSecure() const { return m_secure; }
    Result<void, QString> listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    // Stops accepting and closes every connection (going away).
    void close();

    int sessionCount() const { return int(m_sessions.size()); }
    // The close code of a connection whose invitation was revoked (docs/protocol.md).
    static constexpr int RevokedCloseCode = 4403;
    QString instanceId() const { return m_instanceId; }

private:
    struct RemoteUser
    {
        QString instance;
        QString name;
        QString colour;
        std::optional<ServerMessage::Cursor> cursor; // as ClientSession::cursor()
        qint64 lastSeenMs = 0; // refreshed by its instance's usersAlive; dropped when stale
    };
    struct ProjectRoom
    {
        QSet<ClientSession *> sessions;
        QHash<QString, RemoteUser> remoteUsers; // by userId, learnt from the project channel
    };

    // A connection's first bytes: a WebSocket upgrade goes to m_server, anything else to m_http.
    void readRequestHead(QTcpSocket *socket);
    // This instance's part of /metrics (realtimeservermetrics.cpp).
    void writeMetrics(PrometheusText &text) const;
    void onNewConnection();
    void onText(ClientSession *session, const QString &frame);
    void onClosed(ClientSession *session);
    void dispatch(ClientSession *session, ClientMessage &message);

    void handleHello(ClientSession *session, const ClientMessage &message, bool waited = false);
    void finishHello(ClientSession *session);
    void onSubscribed();
    void handleJoinProject(ClientSession *session, const ClientMessage &message);
    void handleJoinDoc(ClientSession *session, const ClientMessage &message);
    void handleLeaveDoc(ClientSession *session, const ClientMessage &message);
    void handleApplyUpdate(ClientSession *session, ClientMessage &message);
    void handleRestoreLost(ClientSession *session, const ClientMessage &m);
    void handleCursor(ClientSession *session, const ClientMessage &message);
    void publishPresence(ClientSession *session);
    void handleTreeChange(ClientSession *session, const ClientMessage &message);
    void handleDownload(ClientSession *session, const ClientMessage &message);
    // History requests: the project's docs flushed first, so the answer includes every acked op.
    void handleHistory(ClientSession *session, const ClientMessage &message);
    void handleRestoreDeleted(ClientSession *session, const ClientMessage &message);
    void handleCompile(ClientSession *session, const ClientMessage &message);

    void onUpdatePublished(const AppliedUpdate &update);
    void deliverUpdate(const AppliedUpdate &update);
    void onProjectMessage(const QString &projectId, const QJsonObject &json);
    static RemoteUser &rememberRemoteUser(ProjectRoom &room, const QString &userId, const QString &instance, const QString &name,
                                          const QString &colour);
    void catchUp(const QString &projectId, const QString &docId);
    void catchUpEverything();
    void maintain();
    // Closes the connections of revoked invitations (RevokedCloseCode).
    void closeRevoked();

    void leaveDoc(ClientSession *session, const QString &docId);
    // One live connection per clientId across the instances on one Redis (see handleHello).
    static QByteArray clientIdKey(const ClientSession *session);
    QByteArray ownerValue(const ClientSession *session) const;
    void claimClientId(ClientSession *session);
    void releaseClientId(ClientSession *session);
    static constexpr int ClientIdKeyTtlSeconds = 7 * 24 * 3600; // a crashed instance's keys go eventually
    // Tells every instance's clients of the project (this one's included).
    void publish(const QString &projectId, ServerMessage::Body message, bool announce = false);
    void publish(const QString &projectId, const ProjectChannelMessage &message);
    static ServerMessage error(std::optional<qint64> rid, const QString &code, const QString &message);
    // The answer to a change asked for with a read-only token.
    static ServerMessage readOnlyError(std::optional<qint64> rid);
    // Runs then(session) once the project's edits are in the docstore (history requests
    // answer from it), if the session is still open; a failed flush is logged, then runs anyway.
    void afterFlush(ClientSession *session, const char *what, std::function<void(ClientSession *)> then);
    static QString readOnlyMessage();

    static QString docKey(const QString &projectId, const QString &docId);

    Docstore *m_docstore;
    DocumentUpdater *m_updater;
    ProjectFiles *m_files;
    std::unique_ptr<HistoryRequests> m_history;              // writes (labels, restore), on the event loop
    std::unique_ptr<HistoryRequestsThread> m_historyThreads; // reads, off it; null without an opener
    RedisClient *m_redis;
    RealtimeOptions m_options;
    QString m_instanceId;
    void acceptPending();
    std::unique_ptr<QTcpServer> m_tcpServer; // accepts, so sockets get TCP_NODELAY before the handshake
    bool m_secure = false;                   // m_tcpServer is a QSslServer
    std::unique_ptr<QWebSocketServer> m_server;
    std::unique_ptr<ConnectionLimiter> m_limiter; // caps per address and in all, handshake timeout, failed hellos
    std::unique_ptr<CompileRequests> m_compiles;  // compiles on the workers; null without Redis
    std::unique_ptr<Metrics> m_metrics;           // what /metrics counts
    std::unique_ptr<HttpServer> m_http;           // HTTP on the same port (docs/protocol.md, "HTTP")
    QSet<ClientSession *> m_sessions;
    QHash<QString, ProjectRoom> m_projects;
    QHash<QString, QSet<ClientSession *>> m_docRooms; // by docKey
    QHash<QString, ClientSession *> m_clientOwners;   // docKey(project, clientId) -> its one live connection here
    QSet<QString> m_subscribedProjects;               // channel confirmed active by Redis
    QSet<QString> m_catchingUp;                       // docKeys with a catch-up in flight
    QTimer m_maintenance;
    qint64 m_lastKeepaliveMs = 0;
    qint64 m_badFrames = 0;
};

} // namespace coauthor::sync
