// RealtimeServer's part of /metrics: its gauges (sampled at the scrape) and the
// counters it keeps in Metrics; HttpServer adds its own and the compile queue's.
#include "sync/realtime/realtimeserver.h"

#include "sync/docstore/docstore.h"
#include "sync/realtime/connectionlimiter.h"
#include "sync/realtime/httpserver.h"
#include "sync/realtime/metrics.h"
#include "sync/redis/redisclient.h"

namespace coauthor::sync {

void RealtimeServer::writeMetrics(PrometheusText &text) const
{
    const Metrics &m = *m_metrics;
    text.gauge("coauthor_connections", "TCP (or TLS) connections open: WebSocket sessions, HTTP exchanges and handshakes.",
               m_limiter->openConnections());
    text.gauge("coauthor_websocket_sessions", "WebSocket connections open (welcomed or not).", double(m_sessions.size()));
    text.gauge("coauthor_handshakes_pending", "Connections whose request head or WebSocket handshake is not finished.",
               m_limiter->pendingHandshakes());
    text.gauge("coauthor_projects_active", "Projects with a connection on this instance.", double(m_projects.size()));
    text.counter("coauthor_connections_accepted_total", "TCP (or TLS) connections accepted (not reset at once).",
                 double(m.connectionsAccepted));
    text.counter("coauthor_websocket_sessions_total", "WebSocket handshakes completed.", double(m.webSocketSessions));
    text.counter("coauthor_ops_applied_total", "Updates applied through this instance (resent duplicates not counted).",
                 double(m.opsApplied));
    text.counter("coauthor_ops_rejected_total", "Updates answered updateError.", double(m.opsRejected));
    if (m_redis) {
        text.counter("coauthor_redis_errors_total", "Redis commands that failed (unreachable or an error reply).",
                     double(m_redis->failedCommands()));
        text.counter("coauthor_redis_disconnects_total", "Redis command connections lost.", double(m_redis->connectionsLost()));
    }
    text.counter("coauthor_docstore_errors_total", "Docstore operations that failed with storage_unavailable.",
                 double(Docstore::storageErrorCount()));
    text.family("coauthor_compiles_finished_total", "counter", "Compile jobs queued through this instance that finished, by status.");
    for (auto it = m.compilesFinished.cbegin(); it != m.compilesFinished.cend(); ++it)
        text.sample("coauthor_compiles_finished_total", double(it.value()), {{"status", it.key()}});
    text.histogram("coauthor_compile_duration_seconds",
                   "Compile jobs queued through this instance: the worker's start to its stored outcome.", m.compileSeconds);
    text.histogram("coauthor_compile_queue_wait_seconds", "Compile jobs queued through this instance: queued to taken by a worker.",
                   m.compileQueueSeconds);
}

} // namespace coauthor::sync
