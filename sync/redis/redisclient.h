#pragma once
// RedisClient: async Redis over hiredis on the Qt event loop. One connection for
// commands and a separate one for pub/sub; both reconnect with backoff, and the
// subscriber re-subscribes to every channel each time it reconnects.
#include "sync/common/serviceerror.h"
#include "sync/common/result.h"
#include "sync/redis/redisreply.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <functional>
#include <memory>

namespace coauthor::sync {

class RedisConnection;

class RedisClient : public QObject
{
    Q_OBJECT
public:
    // Error replies from Redis fail with code "internal" (message = Redis' text);
    // a missing or lost connection fails with "storage_unavailable".
    using Callback = std::function<void(Result<RedisReply, ServiceError>)>;

    explicit RedisClient(QObject *parent = nullptr);
    ~RedisClient() override;

    // "redis://host:port", "redis://[user]:password@host:port" (AUTH on every
    // connection; %-encode what a URL cannot hold) or "unix:///path/to/socket".
    // Connects asynchronously and keeps reconnecting (backoff 50 ms doubling to
    // 2 s) until disconnectFromServer().
    void connectTo(const QString &url);
    // url with the password of COAUTHOR_REDIS_PASSWORD when it is a redis:// URL without
    // one: a password in the URL shows on the command line to every local user (libpq
    // reads PGPASSWORD for the docstore the same way). Anything else comes back as it is.
    static QString withEnvironmentPassword(const QString &url);
    void disconnectFromServer();
    bool isConnected() const;
    QString url() const;

    // Sends argv (binary safe). Commands issued while a connection attempt is in
    // progress are queued by hiredis; while disconnected they fail at once.
    // cb may be empty (fire and forget). cb is always called exactly once, from
    // the event loop, never from inside command().
    void command(const QList<QByteArray> &argv, Callback cb = {});
    // EVALSHA of script (SHA-1 computed here), falling back to EVAL on NOSCRIPT.
    void eval(const QByteArray &script, const QList<QByteArray> &keys, const QList<QByteArray> &args,
              Callback cb = {});
    void publish(const QByteArray &channel, const QByteArray &message, Callback cb = {});

    // Pub/sub on the subscriber connection; the set of channels survives reconnects.
    void subscribe(const QByteArray &channel);
    void unsubscribe(const QByteArray &channel);
    QSet<QByteArray> channels() const { return m_channels; }

    // For operators (/metrics): commands that failed (unreachable, or an error reply;
    // a NOSCRIPT answered by EVAL is none) and command connections lost, since start.
    qint64 failedCommands() const { return *m_failedCommands; }
    qint64 connectionsLost() const { return m_connectionsLost; }

Q_SIGNALS:
    void connected();    // the command connection is up (again)
    void disconnected(); // the command connection was lost; reconnecting
    // Subscriptions are (re)established on the subscriber connection: after this,
    // messages published on every channel in channels() arrive.
    void subscribed();
    void message(const QByteArray &channel, const QByteArray &payload);

private:
    void onSubscriberReply(const RedisReply &reply);

    QString m_url;
    QSet<QByteArray> m_channels;
    QHash<QByteArray, QByteArray> m_scriptShas; // script -> its SHA-1 (hex) for EVALSHA
    // Shared with the reply handlers, which may run after a reconnect dropped them.
    std::shared_ptr<qint64> m_failedCommands = std::make_shared<qint64>(0);
    qint64 m_connectionsLost = 0;
    std::unique_ptr<RedisConnection> m_commands;
    std::unique_ptr<RedisConnection> m_subscriber;
};

} // namespace coauthor::sync
