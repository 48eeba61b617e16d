#pragma once

// RealtimeOptions: limits and timings of the connection layer; the defaults are
// the production ones (docs/protocol.md), tests shorten the timings.

#include <QString>
#include <QStringList>

namespace coauthor::sync {

struct RealtimeOptions
{
    qint64 maxMessageBytes = 8 * 1024 * 1024; // a larger frame or message closes the connection (1009)
    qint64 maxQueuedBytes = 64 * 1024 * 1024; // a client that lets more pile up is closed
    int helloTimeoutMs = 10 * 1000;           // a connection must say hello within this
    int keepaliveIntervalMs = 30 * 1000;      // the server pings every connection this often
    int idleTimeoutMs = 90 * 1000;            // nothing received (not even a pong) for this long: closed
    int gapFillMs = 1000;                     // a version missing this long is fetched from the updater
    int maintenanceIntervalMs = 250;

    // ---- limits against one host or one member starving the rest (docs/protocol.md, "Limits")
    int handshakeTimeoutMs = 10 * 1000;  // a TCP (or TLS) connection must finish the WebSocket handshake within this
    int maxConnectionsPerAddress = 64;   // open connections (handshaking ones too) from one source address
    int maxConnections = 4096;           // open connections in all
    int framesPerSecond = 500;           // messages a connection may send per second on average ...
    int frameBurst = 2000;               // ... and at once; more: closed with 1008 rate_limited
    int maxUpdatesInFlight = 8;          // applyUpdates of one connection in the updater at once; more: rate_limited
    int presenceIntervalMs = 50;         // at most one presence per connection this often; the latest cursor wins
    int failedHellosBeforeDelay = 5;     // rejected hellos from one address before each further hello waits
    int failedHelloDelayMs = 250;        // the first wait; it doubles with every further failure ...
    int failedHelloMaxDelayMs = 8 * 1000; // ... up to this
    int failedHelloForgetMs = 10 * 60 * 1000; // an address without a failure for this long starts afresh

    // ---- HTTP on the same port (docs/protocol.md, "HTTP")
    int httpIdleTimeoutMs = 30 * 1000; // an answer the peer reads nothing of for this long: the connection is cut
    int healthTimeoutMs = 2 * 1000;    // /healthz and /metrics wait this long for Redis
    QStringList metricsFrom;           // subnets ("10.0.0.0/8") that may read /metrics besides loopback
};

} // namespace coauthor::sync
