#include "sync/redis/redisconnection_p.h"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <QAbstractEventDispatcher>
#include <QLoggingCategory>
#include <QPointer>
#include <QSocketNotifier>
#include <QThread>

#include <charconv>

namespace coauthor::sync {

namespace {

Q_LOGGING_CATEGORY(lcRedisConnection, "coauthor.redis.connection")

struct PendingReply
{
    RedisConnection::ReplyHandler handler;
};

} // namespace

RedisConnection::RedisConnection(QObject *parent) : QObject(parent)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RedisConnection::open);
    // Commands issued during this pass of the event loop go out in one write just
    // before it waits again, instead of after one more poll for writability.
    if (auto *dispatcher = QAbstractEventDispatcher::instance(thread()))
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, &RedisConnection::flushWrites);
}

RedisConnection::~RedisConnection()
{
    m_destroying = true;
    m_wanted = false;
    if (m_ctx) {
        redisAsyncContext *ctx = m_ctx;
        m_ctx = nullptr;
        // Pending handlers are dropped: their owners may already be gone. If we are
        // inside one of this context's callbacks, hiredis frees it only afterwards,
        // so it must not find us through ctx->data then.
        ctx->data = nullptr;
        redisAsyncFree(ctx);
    }
    removeNotifiers();
}

void RedisConnection::connectTo(const QString &host, quint16 port, const QString &unixPath)
{
    m_host = host;
    m_port = port;
    m_unixPath = unixPath;
    m_wanted = true;
    m_backoffMs = 50;
    if (!m_ctx)
        open();
}

void RedisConnection::disconnectFromServer()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    if (m_ctx)
        redisAsyncDisconnect(m_ctx); // replies still pending are delivered, then onDisconnect
}

void RedisConnection::open()
{
    if (!m_wanted || m_ctx)
        return;
    redisAsyncContext *ctx = m_unixPath.isEmpty()
        ? redisAsyncConnect(m_host.toUtf8().constData(), m_port)
        : redisAsyncConnectUnix(m_unixPath.toUtf8().constData());
    if (!ctx || ctx->err) {
        if (ctx)
            redisAsyncFree(ctx);
        scheduleReconnect();
        return;
    }
    ctx->data = this;
    attachNotifiers(ctx);
    redisAsyncSetConnectCallback(ctx, &RedisConnection::onConnect);
    redisAsyncSetDisconnectCallback(ctx, &RedisConnection::onDisconnect);
    m_ctx = ctx;
    // Queued before anything else is sent on this connection, so every command of
    // it (a re-SUBSCRIBE too) comes after the AUTH. A wrong password is said once
    // per connection; the commands then fail with Redis' NOAUTH.
    if (!m_password.isEmpty()) {
        QList<QByteArray> auth{QByteArrayLiteral("AUTH")};
        if (!m_user.isEmpty())
            auth.append(m_user);
        auth.append(m_password);
        send(auth, [](bool ok, const RedisReply &reply) {
            if (ok && reply.isError())
                qCWarning(lcRedisConnection).noquote() << "Redis refused the password:" << QString::fromUtf8(reply.string);
        });
    }
}

void RedisConnection::scheduleReconnect()
{
    if (!m_wanted || m_destroying)
        return;
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = qMin(m_backoffMs * 2, 2000);
}

// Our own event hooks for hiredis (in place of its Qt adapter, which creates and
// deletes a QSocketNotifier for every command): two notifiers per connection,
// switched on and off, plus flushWrites() before the event loop blocks.
void RedisConnection::attachNotifiers(redisAsyncContext *ctx)
{
    m_readNotifier = new QSocketNotifier(ctx->c.fd, QSocketNotifier::Read);
    m_readNotifier->setEnabled(false);
    m_writeNotifier = new QSocketNotifier(ctx->c.fd, QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    m_writeWanted = false;
    connect(m_readNotifier, &QSocketNotifier::activated, this, &RedisConnection::onReadable);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, [this] {
        if (m_ctx)
            redisAsyncHandleWrite(m_ctx);
    });
    ctx->ev.data = this;
    ctx->ev.addRead = [](void *data) { static_cast<RedisConnection *>(data)->setNotifier(Read, true); };
    ctx->ev.delRead = [](void *data) { static_cast<RedisConnection *>(data)->setNotifier(Read, false); };
    ctx->ev.addWrite = [](void *data) { static_cast<RedisConnection *>(data)->setNotifier(Write, true); };
    ctx->ev.delWrite = [](void *data) { static_cast<RedisConnection *>(data)->setNotifier(Write, false); };
    // hiredis calls this before it closes the socket (context freed or lost).
    ctx->ev.cleanup = [](void *data) { static_cast<RedisConnection *>(data)->removeNotifiers(); };
}

void RedisConnection::setNotifier(Direction direction, bool enabled)
{
    if (direction == Write)
        m_writeWanted = enabled;
    // The write notifier stays the way out when the loop does not block (no
    // aboutToBlock) or the socket is full; flushWrites() usually writes first, and
    // hiredis then switches it off again before the loop polls.
    if (QSocketNotifier *n = direction == Read ? m_readNotifier : m_writeNotifier)
        n->setEnabled(enabled);
}

void RedisConnection::removeNotifiers()
{
    // May run inside one of their own signals: deleted later, off from now on.
    for (QSocketNotifier *n : {m_readNotifier, m_writeNotifier}) {
        if (n) {
            n->setEnabled(false);
            n->deleteLater();
        }
    }
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    m_writeWanted = false;
}

void RedisConnection::onReadable()
{
    if (!m_ctx)
        return;
    QPointer<RedisConnection> self(this);
    redisAsyncHandleRead(m_ctx); // reply callbacks may queue commands, or destroy us
    if (self)
        flushWrites();
}

void RedisConnection::flushWrites()
{
    if (!m_ctx || !m_writeWanted || !m_connected || (m_ctx->c.flags & REDIS_IN_CALLBACK))
        return;
    redisAsyncHandleWrite(m_ctx); // what does not fit is left to the write notifier
}

void RedisConnection::onConnect(const redisAsyncContext *ctx, int status)
{
    auto *self = static_cast<RedisConnection *>(ctx->data);
    if (!self)
        return;
    if (status != REDIS_OK) {
        // hiredis frees the context right after this callback.
        self->m_ctx = nullptr;
        self->removeNotifiers();
        self->scheduleReconnect();
        return;
    }
    self->m_connected = true;
    self->m_backoffMs = 50;

    Q_EMIT self->connected();
}

void RedisConnection::onDisconnect(const redisAsyncContext *ctx, int)
{
    auto *self = static_cast<RedisConnection *>(ctx->data);
    if (!self)
        return;
    const bool wasConnected = self->m_connected;
    self->m_connected = false;
    self->m_ctx = nullptr;
    self->removeNotifiers();
    if (self->m_destroying)
        return;
    if (wasConnected)
        Q_EMIT self->disconnected();
    self->scheduleReconnect();
}

namespace {

// argv in Redis' wire format (RESP), built in one buffer: hiredis' own formatting
// (sdscatfmt per argument) cost more than the rest of sending a command.
QByteArray formatCommand(const QList<QByteArray> &argv)
{
    qsizetype size = 16;
    for (const QByteArray &a : argv)
        size += a.size() + 16;
    QByteArray out;
    out.reserve(size);
    auto header = [&out](char kind, qsizetype n) {
        char buffer[32];
        buffer[0] = kind;
        char *end = std::to_chars(buffer + 1, buffer + sizeof buffer - 2, n).ptr;
        *end++ = '\r';
        *end++ = '\n';
        out.append(buffer, end - buffer);
    };
    header('*', argv.size());
    for (const QByteArray &a : argv) {
        header('$', a.size());
        out.append(a);
        out.append("\r\n", 2);
    }
    return out;
}

} // namespace

bool RedisConnection::send(const QList<QByteArray> &argv, ReplyHandler handler)
{
    if (!m_ctx || (m_ctx->c.flags & (REDIS_DISCONNECTING | REDIS_FREEING)))
        return false;
    const QByteArray command = formatCommand(argv);
    auto *pending = new PendingReply{std::move(handler)};
    if (redisAsyncFormattedCommand(m_ctx, &RedisConnection::onReply, pending, command.constData(), size_t(command.size()))
        != REDIS_OK) {
        delete pending;
        return false;
    }
    return true;
}

bool RedisConnection::sendPersistent(const QList<QByteArray> &argv)
{
    if (!m_ctx || (m_ctx->c.flags & (REDIS_DISCONNECTING | REDIS_FREEING)))
        return false;
    const QByteArray command = formatCommand(argv);
    return redisAsyncFormattedCommand(m_ctx, &RedisConnection::onPush, this, command.constData(), size_t(command.size()))
        == REDIS_OK;
}

void RedisConnection::onReply(redisAsyncContext *ctx, void *reply, void *privdata)
{
    auto *pending = static_cast<PendingReply *>(privdata);
    auto *self = static_cast<RedisConnection *>(ctx->data);
    // While (or after) the connection is destroyed the handlers' owners may be gone.
    if (self && !self->m_destroying && pending->handler) {
        if (reply)
            pending->handler(true, convert(static_cast<redisReply *>(reply)));
        else
            pending->handler(false, RedisReply{});
    }
    delete pending;
}

void RedisConnection::onPush(redisAsyncContext *, void *reply, void *privdata)
{
    auto *self = static_cast<RedisConnection *>(privdata);
    if (!reply || !self || self->m_destroying || !self->m_pushHandler)
        return;
    self->m_pushHandler(convert(static_cast<redisReply *>(reply)));
}

RedisReply RedisConnection::convert(const redisReply *reply)
{
    RedisReply out;
    if (!reply)
        return out;
    switch (reply->type) {
    case REDIS_REPLY_STRING:
        out.type = RedisReply::Type::String;
        out.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_STATUS:
        out.type = RedisReply::Type::Status;
        out.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ERROR:
        out.type = RedisReply::Type::Error;
        out.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_INTEGER:
        out.type = RedisReply::Type::Integer;
        out.integer = reply->integer;
        break;
    case REDIS_REPLY_ARRAY:
        out.type = RedisReply::Type::Array;
        out.elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            out.elements.append(convert(reply->element[i]));
        break;
    default:
        out.type = RedisReply::Type::Nil;
        break;
    }
    return out;
}

} // namespace coauthor::sync
