#include "sync/redis/redisclient.h"

#include "sync/redis/redisconnection_p.h"

#include <QCryptographicHash>
#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace coauthor::sync {

namespace {

using Reply = Result<RedisReply, ServiceError>;

ServiceError unavailable()
{
    return ServiceError::make(QStringLiteral("storage_unavailable"), QStringLiteral("Redis is not reachable"));
}

// Calls cb from the event loop, never from inside the call that failed.
void failLater(QObject *context, RedisClient::Callback cb, ServiceError error)
{
    if (!cb)
        return;
    QTimer::singleShot(0, context, [cb = std::move(cb), error = std::move(error)] { cb(Reply::failure(error)); });
}

} // namespace

RedisClient::RedisClient(QObject *parent)
    : QObject(parent), m_commands(std::make_unique<RedisConnection>()), m_subscriber(std::make_unique<RedisConnection>())
{
    connect(m_commands.get(), &RedisConnection::connected, this, &RedisClient::connected);
    connect(m_commands.get(), &RedisConnection::disconnected, this, [this] {
        ++m_connectionsLost;
        Q_EMIT disconnected();
    });
    m_subscriber->setPushHandler([this](const RedisReply &reply) { onSubscriberReply(reply); });
    // A subscriber re-subscribes every time it reconnects.
    connect(m_subscriber.get(), &RedisConnection::connected, this, [this] {
        if (m_channels.isEmpty()) {
            Q_EMIT subscribed();
            return;
        }
        QList<QByteArray> argv{QByteArrayLiteral("SUBSCRIBE")};
        for (const QByteArray &channel : std::as_const(m_channels))
            argv.append(channel);
        m_subscriber->sendPersistent(argv);
    });
}

RedisClient::~RedisClient() = default;

void RedisClient::connectTo(const QString &url)
{
    m_url = url;
    const QUrl parsed(url);
    // redis://[user]:password@host:port (Redis 6 ACL user, or only the requirepass).
    const QByteArray user = parsed.userName(QUrl::FullyDecoded).toUtf8();
    const QByteArray password = parsed.password(QUrl::FullyDecoded).toUtf8();
    m_commands->setCredentials(user, password);
    m_subscriber->setCredentials(user, password);
    if (parsed.scheme() == QLatin1String("unix"))
        m_commands->connectTo({}, 0, parsed.path());
    else
        m_commands->connectTo(parsed.host().isEmpty() ? QStringLiteral("127.0.0.1") : parsed.host(),
                              quint16(parsed.port(6379)), {});
    if (parsed.scheme() == QLatin1String("unix"))
        m_subscriber->connectTo({}, 0, parsed.path());
    else
        m_subscriber->connectTo(parsed.host().isEmpty() ? QStringLiteral("127.0.0.1") : parsed.host(),
                                quint16(parsed.port(6379)), {});
}

void RedisClient::disconnectFromServer()
{
    m_commands->disconnectFromServer();
    m_subscriber->disconnectFromServer();
}

bool RedisClient::isConnected() const
{
    return m_commands->isConnected();
}

QString RedisClient::withEnvironmentPassword(const QString &url)
{
    const QString password = qEnvironmentVariable("COAUTHOR_REDIS_PASSWORD");
    if (password.isEmpty() || !url.startsWith(QLatin1String("redis://")))
        return url;
    QUrl withPassword(url);
    if (!withPassword.password().isEmpty())
        return url;
    withPassword.setPassword(password, QUrl::DecodedMode);
    return withPassword.toString(QUrl::FullyEncoded);
}

QString RedisClient::url() const
{
    return m_url;
}

void RedisClient::command(const QList<QByteArray> &argv, Callback cb)
{
    auto handler = [cb, failed = m_failedCommands](bool ok, const RedisReply &reply) {
        if (!ok || reply.isError())
            ++*failed;
        if (!cb)
            return;
        if (!ok)
            cb(Reply::failure(unavailable()));
        else if (reply.isError())
            cb(Reply::failure(ServiceError::make(QStringLiteral("internal"),
                                                 QStringLiteral("Redis: %1").arg(QString::fromUtf8(reply.string)))));
        else
            cb(Reply::success(reply));
    };
    if (!m_commands->send(argv, std::move(handler))) {
        ++*m_failedCommands;
        failLater(this, std::move(cb), unavailable());
    }
}

void RedisClient::eval(const QByteArray &script, const QList<QByteArray> &keys, const QList<QByteArray> &args,
                       Callback cb)
{
    // SHA-1 once per script, not per call (a few scripts run on every op).
    auto known = m_scriptShas.constFind(script);
    if (known == m_scriptShas.constEnd())
        known = m_scriptShas.insert(script, QCryptographicHash::hash(script, QCryptographicHash::Sha1).toHex());
    const QByteArray sha = *known;
    QList<QByteArray> tail{QByteArray::number(keys.size())};
    tail += keys;
    tail += args;
    QPointer<RedisClient> self(this);
    auto handler = [self, script, tail, cb, failed = m_failedCommands](bool ok, const RedisReply &reply) {
        if (ok && reply.isError() && reply.string.startsWith("NOSCRIPT") && self) {
            // First use on this server (or after a restart / SCRIPT FLUSH): send the body.
            self->command(QList<QByteArray>{QByteArrayLiteral("EVAL"), script} + tail, cb);
            return;
        }
        if (!ok || reply.isError())
            ++*failed;
        if (!cb)
            return;
        if (!ok)
            cb(Reply::failure(unavailable()));
        else if (reply.isError())
            cb(Reply::failure(ServiceError::make(QStringLiteral("internal"),
                                                 QStringLiteral("Redis: %1").arg(QString::fromUtf8(reply.string)))));
        else
            cb(Reply::success(reply));
    };
    if (!m_commands->send(QList<QByteArray>{QByteArrayLiteral("EVALSHA"), sha} + tail, std::move(handler))) {
        ++*m_failedCommands;
        failLater(this, std::move(cb), unavailable());
    }
}

void RedisClient::publish(const QByteArray &channel, const QByteArray &message, Callback cb)
{
    command({QByteArrayLiteral("PUBLISH"), channel, message}, std::move(cb));
}

void RedisClient::subscribe(const QByteArray &channel)
{
    if (m_channels.contains(channel))
        return;
    m_channels.insert(channel);
    // When down, the reconnect subscribes to everything in m_channels.
    if (m_subscriber->isConnected())
        m_subscriber->sendPersistent({QByteArrayLiteral("SUBSCRIBE"), channel});
}

void RedisClient::unsubscribe(const QByteArray &channel)
{
    if (!m_channels.remove(channel))
        return;
    if (m_subscriber->isConnected())
        m_subscriber->sendPersistent({QByteArrayLiteral("UNSUBSCRIBE"), channel});
}

void RedisClient::onSubscriberReply(const RedisReply &reply)
{
    if (reply.type != RedisReply::Type::Array || reply.elements.size() < 3)
        return;
    const QByteArray kind = reply.elements.at(0).string;
    if (kind == "message") {
        Q_EMIT message(reply.elements.at(1).string, reply.elements.at(2).string);
    } else if (kind == "subscribe") {
        if (reply.elements.at(2).toInteger() >= m_channels.size())
            Q_EMIT subscribed();
    }
}

} // namespace coauthor::sync
