#include "sync/redis/redisconnection_p.h"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

// hiredis's Qt adapter uses the `slots` keyword, which QT_NO_KEYWORDS removes; its
// moc code is compiled in a separate object library (see CMakeLists.txt).
#define slots Q_SLOTS
#include <hiredis/adapters/qt.h>
#undef slots

#include <cstring>
#include <vector>

namespace coauthor::sync {

namespace {

struct PendingReply
{
    RedisConnection::ReplyHandler handler;
};

// hiredis frees a context by itself when a connection fails or drops, and the Qt
// adapter's destructor writes into the context it was given. Re-pointing a retired
// adapter at this never-freed dummy keeps that write harmless.
redisAsyncContext *retiredContext()
{
    static redisAsyncContext dummy;
    std::memset(&dummy, 0, sizeof dummy);
    return &dummy;
}

} // namespace

RedisConnection::RedisConnection(QObject *parent) : QObject(parent)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RedisConnection::open);
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
    detachAdapter();
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
    m_adapter = new RedisQtAdapter;
    m_adapter->setContext(ctx);
    redisAsyncSetConnectCallback(ctx, &RedisConnection::onConnect);
    redisAsyncSetDisconnectCallback(ctx, &RedisConnection::onDisconnect);
    m_ctx = ctx;
}

void RedisConnection::scheduleReconnect()
{
    if (!m_wanted || m_destroying)
        return;
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = qMin(m_backoffMs * 2, 2000);
}

void RedisConnection::detachAdapter()
{
    if (!m_adapter)
        return;
    m_adapter->setContext(retiredContext());
    m_adapter->deleteLater();
    m_adapter = nullptr;
}

void RedisConnection::onConnect(const redisAsyncContext *ctx, int status)
{
    auto *self = static_cast<RedisConnection *>(ctx->data);
    if (!self)
        return;
    if (status != REDIS_OK) {
        // hiredis frees the context right after this callback.
        self->m_ctx = nullptr;
        self->detachAdapter();
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
    self->detachAdapter();
    if (self->m_destroying)
        return;
    if (wasConnected)
        Q_EMIT self->disconnected();
    self->scheduleReconnect();
}

bool RedisConnection::send(const QList<QByteArray> &argv, ReplyHandler handler)
{
    if (!m_ctx || (m_ctx->c.flags & (REDIS_DISCONNECTING | REDIS_FREEING)))
        return false;
    std::vector<const char *> args;
    std::vector<size_t> lengths;
    args.reserve(argv.size());
    lengths.reserve(argv.size());
    for (const QByteArray &a : argv) {
        args.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    auto *pending = new PendingReply{std::move(handler)};
    if (redisAsyncCommandArgv(m_ctx, &RedisConnection::onReply, pending, int(args.size()), args.data(),
                              lengths.data()) != REDIS_OK) {
        delete pending;
        return false;
    }
    return true;
}

bool RedisConnection::sendPersistent(const QList<QByteArray> &argv)
{
    if (!m_ctx || (m_ctx->c.flags & (REDIS_DISCONNECTING | REDIS_FREEING)))
        return false;
    std::vector<const char *> args;
    std::vector<size_t> lengths;
    for (const QByteArray &a : argv) {
        args.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    return redisAsyncCommandArgv(m_ctx, &RedisConnection::onPush, this, int(args.size()), args.data(),
                                 lengths.data()) == REDIS_OK;
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
