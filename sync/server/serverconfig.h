#pragma once

// ServerConfig: where coauthor-server listens and keeps its state (Redis and the
// docstore), plus the limits and timings of its parts.

#include "sync/docupdater/documentupdateroptions.h"
#include "sync/realtime/realtimeoptions.h"

#include <QHostAddress>
#include <QString>

namespace coauthor::sync {

struct ServerConfig
{
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 7420; // 0: any free port (see CoauthorServer::port())
    QString dataDir;     // docstore.sqlite and the embedded redis live here
    // empty: start a private redis-server in dataDir/redis. redis://[user:password@]
    // host:port (a password-less URL takes $COAUTHOR_REDIS_PASSWORD) or unix:///path.
    QString redisUrl;
    // The embedded Redis' appendfsync: "always" (an ack survives a power loss; see
    // docs/benchmarks.md for its cost) or "everysec" (for the benchmark's comparison).
    QString embeddedRedisFsync = QStringLiteral("always");
    QString docstoreUrl; // empty: SQLite in dataDir
    // Both set: wss:// with this PEM certificate (chain) and private key; both
    // empty: ws://, for loopback or behind a TLS-terminating proxy.
    QString tlsCertificateFile;
    QString tlsKeyFile;
    qint64 maxFileBytes = 5 * 1024 * 1024; // uploads; base64 must fit in one 8 MiB frame
    DocumentUpdaterOptions updater;
    RealtimeOptions realtime;
};

} // namespace coauthor::sync
