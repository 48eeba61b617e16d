#pragma once
// RedisConnection: one hiredis async context on the Qt event loop (socket notifiers,
// writes flushed before the loop blocks), with reconnect and backoff. RedisClient
// owns two: commands and pub/sub. Private.
#include "sync/redis/redisreply.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>

struct redisAsyncContext;
struct redisReply;
class QSocketNotifier;

namespace coauthor::sync {

class RedisConnection : public QObject
{
    Q_OBJECT
public:
    // A reply, or nullopt-like failure: ok == false when the connection failed or
    // was lost before the reply came.
    using ReplyHandler = std::function<void(bool ok, const RedisReply &reply)>;

    explicit RedisConnection(QObject *parent = nullptr);
    ~RedisConnection() override;

    void connectTo(const QString &host, quint16 port, const QString &unixPath);
    // Sent as AUTH [user] password first on every (re)connect; empty: none. Call
    // before connectTo().
    void setCredentials(const QByteArray &user, const QByteArray &password)
    {
        m_user = user;
        m_password = password;
    }
    void disconnectFromServer();
    bool isConnected() const { return m_connected; }
    // False when there is no context (down, waiting to reconnect): the handler is
    // then not called.
    bool send(const QList<QByteArray> &argv, ReplyHandler handler);
    // Pub/sub: every reply to argv (and every later message) goes to the
    // persistent handler; hiredis keeps it per channel.
    bool sendPersistent(const QList<QByteArray> &argv);
    void setPushHandler(std::function<void(const RedisReply &)> handler) { m_pushHandler = std::move(handler); }

    static RedisReply convert(const redisReply *reply);

Q_SIGNALS:
    void connected();
    void disconnected();

private:
    void open();
    void scheduleReconnect();
    enum Direction { Read, Write };
    void attachNotifiers(redisAsyncContext *ctx);
    void setNotifier(Direction direction, bool enabled);
    void removeNotifiers();
    void onReadable();
    void flushWrites();
    static void onConnect(const redisAsyncContext *ctx, int status);
    static void onDisconnect(const redisAsyncContext *ctx, int status);
    static void onReply(redisAsyncContext *ctx, void *reply, void *privdata);
    static void onPush(redisAsyncContext *ctx, void *reply, void *privdata);

    QString m_host;
    quint16 m_port = 0;
    QString m_unixPath;
    QByteArray m_user;
    QByteArray m_password;
    bool m_wanted = false;    // keep (re)connecting
    bool m_connected = false;
    bool m_destroying = false;
    int m_backoffMs = 50;
    redisAsyncContext *m_ctx = nullptr;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    bool m_writeWanted = false; // hiredis has output to write
    QTimer m_reconnectTimer;
    std::function<void(const RedisReply &)> m_pushHandler;
};

} // namespace coauthor::sync
