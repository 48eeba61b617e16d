#include "sync/realtime/httpserver.h"

#include "sync/compilejobs/compilekeys.h"
#include "sync/docstore/docstore.h"
#include "sync/realtime/connectionlimiter.h"
#include "sync/realtime/httpcompileoutputs.h"
#include "sync/realtime/httpexchange.h"
#include "sync/realtime/metrics.h"
#include "sync/redis/redisclient.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace coauthor::sync {

Q_LOGGING_CATEGORY(lcHttp, "coauthor.server.http")

namespace {

qint64 monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

// One host is one address, whether it came over IPv4 or as ::ffff:a.b.c.d.
QHostAddress plainAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

// The path's segments, percent-decoded; nullopt when one decodes to something no
// id or file name has (a slash, a control character, not UTF-8).
std::optional<QStringList> segments(const QByteArray &path)
{
    QStringList out;
    const QList<QByteArray> raw = path.split('/');
    for (qsizetype i = 1; i < raw.size(); ++i) {
        const QByteArray decoded = QByteArray::fromPercentEncoding(raw.at(i));
        if (decoded.contains('/') || decoded.contains('\0'))
            return std::nullopt;
        out.append(QString::fromUtf8(decoded));
    }
    if (!out.isEmpty() && out.last().isEmpty())
        out.removeLast(); // a trailing slash
    return out;
}

} // namespace

HttpServer::HttpServer(Docstore *docstore, RedisClient *redis, ConnectionLimiter *limiter, Metrics *metrics,
                       const RealtimeOptions &options, QObject *parent)
    : QObject(parent),
      m_docstore(docstore),
      m_redis(redis),
      m_limiter(limiter),
      m_metrics(metrics),
      m_options(options),
      m_outputs(std::make_unique<HttpCompileOutputs>(redis))
{
    for (const QString &cidr : options.metricsFrom) {
        const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(cidr);
        if (subnet.first.isNull())
            qCWarning(lcHttp).noquote() << "ignoring the metrics subnet" << cidr << "(not address/prefix)";
        else
            m_metricsFrom.append(subnet);
    }
}

HttpServer::~HttpServer()
{
    // Exchanges still running go first, while what their finished() handlers and
    // callbacks use is still here (a server stopping does not wait for downloads).
    const QList<HttpExchange *> running = findChildren<HttpExchange *>(Qt::FindDirectChildrenOnly);
    for (HttpExchange *exchange : running) {
        disconnect(exchange, nullptr, this, nullptr);
        delete exchange;
    }
}

bool HttpServer::mayReadMetrics(const QHostAddress &address) const
{
    const QHostAddress plain = plainAddress(address);
    if (plain.isLoopback())
        return true;
    return std::any_of(m_metricsFrom.cbegin(), m_metricsFrom.cend(),
                       [&](const QPair<QHostAddress, int> &subnet) { return plain.isInSubnet(subnet); });
}

HttpExchange *HttpServer::start(QTcpSocket *socket, const HttpRequestHead &head, bool counted)
{
    auto *exchange = new HttpExchange(socket, head, m_options.httpIdleTimeoutMs, this);
    ++m_open;
    const QHostAddress address = exchange->peerAddress();
    const QByteArray method = head.method;
    const QByteArray target = head.target;
    connect(exchange, &HttpExchange::finished, this, [this, address, counted, method, target, peer = exchange->peer()](int status) {
        --m_open;
        if (counted)
            m_limiter->sessionClosed(address);
        ++m_metrics->httpResponses[status];
        qCInfo(lcHttp).noquote() << peer << method << target << (status ? QString::number(status) : QStringLiteral("(no answer)"));
    });
    return exchange;
}

void HttpServer::serve(QTcpSocket *socket, const HttpRequestHead &head)
{
    route(start(socket, head, true));
}

void HttpServer::refuse(QTcpSocket *socket, const HttpRequestHead &head)
{
    start(socket, head, false)->respondError(429, QStringLiteral("too_many_connections"),
                                             QStringLiteral("too many connections from this address; try again later"),
                                             {{"Retry-After", "5"}});
}

void HttpServer::reject(QTcpSocket *socket, const HttpRequestHead::Parsed &parsed)
{
    // The head could not be read: nothing of it is taken as a request (size 0: the
    // bytes are drained unread).
    HttpExchange *exchange = start(socket, HttpRequestHead{}, true);
    switch (parsed.state) {
    case HttpRequestHead::State::TooLarge:
        exchange->respondError(431, QStringLiteral("request_too_large"), parsed.error);
        break;
    case HttpRequestHead::State::UnsupportedVersion:
        exchange->respondError(505, QStringLiteral("invalid_request"), parsed.error);
        break;
    default:
        exchange->respondError(400, QStringLiteral("invalid_request"), parsed.error);
        break;
    }
}

void HttpServer::route(HttpExchange *exchange)
{
    const HttpRequestHead &head = exchange->request();
    if (head.method != "GET" && head.method != "HEAD") {
        exchange->respondError(405, QStringLiteral("method_not_allowed"),
                               QStringLiteral("this server answers GET and HEAD only (edits go over the WebSocket)"),
                               {{"Allow", "GET, HEAD"}});
        return;
    }
    const std::optional<QStringList> path = segments(head.path());
    if (!path) {
        exchange->respondError(404, QStringLiteral("not_found"), QStringLiteral("no such resource"));
        return;
    }
    if (*path == QStringList{QStringLiteral("healthz")}) {
        serveHealth(exchange);
        return;
    }
    if (*path == QStringList{QStringLiteral("metrics")}) {
        if (!mayReadMetrics(exchange->peerAddress())) {
            exchange->respondError(403, QStringLiteral("forbidden"),
                                   QStringLiteral("/metrics is for the addresses the operator allowed (--metrics-from)"));
            return;
        }
        serveMetrics(exchange);
        return;
    }
    // /api/projects/<projectId>/compiles/...
    if (path->size() >= 5 && path->at(0) == QLatin1String("api") && path->at(1) == QLatin1String("projects")
        && path->at(3) == QLatin1String("compiles")) {
        const QString projectId = path->at(2);
        const QStringList rest = path->mid(4);
        QPointer<HttpExchange> guard(exchange);
        authenticate(exchange, projectId, [this, guard, projectId, rest](const Invitation &member) {
            if (!guard || guard->isGone())
                return;
            const QString token = QString::fromUtf8(guard->request().field("authorization").mid(7).trimmed());
            Docstore *docstore = m_docstore;
            // Asked again during a long download: a revoked member's download stops.
            auto stillMember = [docstore, projectId, token, id = member.id] {
                auto again = docstore->authenticate(projectId, token);
                return again.ok() ? again.value().id == id : again.error().code != QLatin1String("unauthorized");
            };
            m_outputs->serve(guard, projectId, rest, stillMember);
        });
        return;
    }
    exchange->respondError(404, QStringLiteral("not_found"), QStringLiteral("no such resource"));
}

void HttpServer::authenticate(HttpExchange *exchange, const QString &projectId, std::function<void(const Invitation &)> then,
                              bool waited)
{
    const QByteArray authorization = exchange->request().field("authorization");
    if (!authorization.startsWith("Bearer ") || authorization.mid(7).trimmed().isEmpty()) {
        exchange->respondError(401, QStringLiteral("unauthorized"),
                               QStringLiteral("send the project's token as Authorization: Bearer <token>"),
                               {{"WWW-Authenticate", "Bearer"}});
        return;
    }
    // Guessing tokens gets slower with every failure from one address, as for hello
    // (the same bookkeeping: a failure here delays the next hello too).
    if (const int delay = waited ? 0 : m_limiter->helloDelayMs(exchange->peerAddress(), monotonicMs()); delay > 0) {
        QPointer<HttpExchange> guard(exchange);
        QTimer::singleShot(delay, this, [this, guard, projectId, then] {
            if (guard && !guard->isGone())
                authenticate(guard, projectId, then, true);
        });
        return;
    }
    const QString token = QString::fromUtf8(authorization.mid(7).trimmed());
    auto member = m_docstore->authenticate(projectId, token);
    if (!member) {
        if (member.error().code != QLatin1String("unauthorized")) {
            exchange->respondError(503, member.error().code, member.error().message, {{"Retry-After", "5"}});
            return;
        }
        m_limiter->helloFailed(exchange->peerAddress(), monotonicMs());
        exchange->respondError(401, member.error().code, member.error().message, {{"WWW-Authenticate", "Bearer"}});
        return;
    }
    m_limiter->helloSucceeded(exchange->peerAddress());
    then(member.value());
}

void HttpServer::serveHealth(HttpExchange *exchange)
{
    // The docstore first (synchronous): a lookup that must answer "unknown project".
    auto probe = m_docstore->project(QStringLiteral("healthz-probe"));
    if (!probe && probe.error().code != QLatin1String("unknown_project")) {
        exchange->respond(503, QByteArrayLiteral("text/plain; charset=utf-8"), "docstore: " + probe.error().message.toUtf8() + '\n');
        return;
    }
    if (!m_redis) {
        exchange->respond(200, QByteArrayLiteral("text/plain; charset=utf-8"), QByteArrayLiteral("ok\n"));
        return;
    }
    if (!m_redis->isConnected()) {
        exchange->respond(503, QByteArrayLiteral("text/plain; charset=utf-8"), QByteArrayLiteral("redis: not connected\n"));
        return;
    }
    QPointer<HttpExchange> guard(exchange);
    // A Redis that accepts but does not answer is down too.
    auto answered = std::make_shared<bool>(false);
    QTimer::singleShot(m_options.healthTimeoutMs, this, [guard, answered] {
        if (!*answered && guard && !guard->isGone()) {
            *answered = true;
            guard->respond(503, QByteArrayLiteral("text/plain; charset=utf-8"), QByteArrayLiteral("redis: no answer to PING\n"));
        }
    });
    m_redis->command({"PING"}, [guard, answered](Result<RedisReply, ServiceError> r) {
        if (*answered || !guard || guard->isGone())
            return;
        *answered = true;
        if (!r)
            guard->respond(503, QByteArrayLiteral("text/plain; charset=utf-8"), "redis: " + r.error().message.toUtf8() + '\n');
        else
            guard->respond(200, QByteArrayLiteral("text/plain; charset=utf-8"), QByteArrayLiteral("ok\n"));
    });
}

void HttpServer::serveMetrics(HttpExchange *exchange)
{
    auto render = [this](HttpExchange *x, std::optional<qint64> queued, std::optional<qint64> pending) {
        PrometheusText text;
        if (m_gauges)
            m_gauges(text);
        text.gauge("coauthor_http_exchanges", "HTTP requests being answered.", m_open);
        text.family("coauthor_http_responses_total", "counter", "HTTP answers sent, by status (0: the connection went before one).");
        for (auto it = m_metrics->httpResponses.cbegin(); it != m_metrics->httpResponses.cend(); ++it)
            text.sample("coauthor_http_responses_total", double(it.value()), {{"code", QString::number(it.key())}});
        if (queued)
            text.gauge("coauthor_compile_queue_length", "Compile jobs in the Redis stream (XLEN), pending ones included.", double(*queued));
        if (pending)
            text.gauge("coauthor_compile_queue_pending", "Compile jobs a worker took and has not acknowledged (XPENDING).", double(*pending));
        if (m_redis)
            text.gauge("coauthor_redis_up", "1 when this instance's Redis answered the scrape's queue query.", queued ? 1 : 0);
        x->respond(200, QByteArray(PrometheusText::contentType), text.text());
    };
    if (!m_redis) {
        render(exchange, std::nullopt, std::nullopt);
        return;
    }
    QPointer<HttpExchange> guard(exchange);
    // XLEN and XPENDING in one round trip; a stream nobody created yet is 0 and 0.
    auto done = std::make_shared<bool>(false);
    auto finish = [guard, render, done](std::optional<qint64> queued, std::optional<qint64> pending) {
        if (*done || !guard || guard->isGone())
            return;
        *done = true;
        render(guard, queued, pending);
    };
    QTimer::singleShot(m_options.healthTimeoutMs, this, [finish] { finish(std::nullopt, std::nullopt); });
    RedisClient *redis = m_redis;
    redis->command({"XLEN", CompileKeys::stream()}, [redis, finish](Result<RedisReply, ServiceError> length) {
        if (!length) {
            finish(std::nullopt, std::nullopt);
            return;
        }
        const qint64 queued = length.value().toInteger();
        redis->command({"XPENDING", CompileKeys::stream(), CompileKeys::group()}, [finish, queued](Result<RedisReply, ServiceError> p) {
            // NOGROUP before any worker ran: nothing is pending.
            const bool noGroup = !p && p.error().message.contains(QLatin1String("NOGROUP"));
            if (!p && !noGroup) {
                finish(queued, std::nullopt);
                return;
            }
            finish(queued, noGroup || p.value().elements.isEmpty() ? 0 : p.value().elements.at(0).toInteger());
        });
    });
}

} // namespace coauthor::sync
