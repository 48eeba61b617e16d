#pragma once

// HttpServer: the HTTP/1.1 side of the server's own port (docs/protocol.md, "HTTP"):
// RealtimeServer peeks at each connection's request head and hands over the ones that
// are no WebSocket upgrade. GET and HEAD only, one request per connection: /healthz,
// /metrics (for the addresses RealtimeOptions::metricsFrom allows) and the compile
// outputs under /api/projects/<id>/compiles/ (HttpCompileOutputs), with the token of
// hello as a Bearer token, checked and slowed down after failures the way hello is.

#include "sync/docstore/docstoretypes.h"
#include "sync/realtime/httprequesthead.h"
#include "sync/realtime/realtimeoptions.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>

#include <functional>
#include <memory>

class QTcpSocket;

namespace coauthor::sync {

class ConnectionLimiter;
class Docstore;
class HttpCompileOutputs;
class HttpExchange;
class PrometheusText;
class RedisClient;
struct Metrics;

class HttpServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    // None owned; all outlive the server. redis may be null (no compiles, healthz
    // without Redis). metricsFrom: see RealtimeOptions.
    HttpServer(Docstore *docstore, RedisClient *redis, ConnectionLimiter *limiter, Metrics *metrics,
               const RealtimeOptions &options, QObject *parent = nullptr);
    ~HttpServer() override;

    // What RealtimeServer adds to /metrics when it is scraped (its gauges).
    void setGauges(std::function<void(PrometheusText &)> gauges) { m_gauges = std::move(gauges); }

    // socket's head is in its read buffer, unread. Serve: admitted and counted by the
    // limiter until the exchange ends (sessionClosed). Refuse: over a connection cap
    // (the limiter counts it no more): 429. Reject: a head that is not a request we
    // take (400, 431, 505).
    void serve(QTcpSocket *socket, const HttpRequestHead &head);
    void refuse(QTcpSocket *socket, const HttpRequestHead &head);
    void reject(QTcpSocket *socket, const HttpRequestHead::Parsed &parsed);

    int openExchanges() const { return m_open; }
    // Whether address may read /metrics.
    bool mayReadMetrics(const QHostAddress &address) const;

private:
    HttpExchange *start(QTcpSocket *socket, const HttpRequestHead &head, bool counted);
    void route(HttpExchange *exchange);
    void serveHealth(HttpExchange *exchange);
    void serveMetrics(HttpExchange *exchange);
    // Checks the Bearer token for projectId like hello (delay after failures,
    // revocation), then calls then with the member's invitation.
    void authenticate(HttpExchange *exchange, const QString &projectId, std::function<void(const Invitation &)> then,
                      bool waited = false);

    Docstore *m_docstore;
    RedisClient *m_redis;
    ConnectionLimiter *m_limiter;
    Metrics *m_metrics;
    RealtimeOptions m_options;
    QList<QPair<QHostAddress, int>> m_metricsFrom;
    std::unique_ptr<HttpCompileOutputs> m_outputs;
    std::function<void(PrometheusText &)> m_gauges;
    int m_open = 0;
};

} // namespace coauthor::sync
