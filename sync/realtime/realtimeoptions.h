#pragma once

// RealtimeOptions: limits and timings of the connection layer; the defaults are
// the production ones (docs/protocol.md), tests shorten the timings.

#include <QString>

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
};

} // namespace coauthor::sync
