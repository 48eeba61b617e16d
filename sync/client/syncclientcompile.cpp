// SyncClient's compiles on the server: the compile request with the versions we have,
// its answer, and the project's compile progress as signals.
#include "sync/client/syncclient.h"

#include "sync/client/outputdownload.h"

namespace coauthor::sync {

void SyncClient::compileOnServer(const QString &rootDocument, const QString &engine, bool draft, HistoryDone<QString> done)
{
    ClientMessage m;
    m.type = ClientMessage::Type::Compile;
    m.path = rootDocument;
    m.engine = engine;
    m.draft = draft;
    m.versions = acknowledgedVersions();
    // The request/answer plumbing is the history requests' (one answer per rid, failed
    // with "offline"/"disconnected" the same way).
    auto answer = [this, done](const ServerMessage::Body &body) {
        if (const auto *queued = std::get_if<ServerMessage::CompileQueued>(&body)) {
            if (done)
                done(Result<QString, ServiceError>::success(queued->jobId));
            Q_EMIT compileQueued(queued->jobId);
            return;
        }
        if (!done)
            return;
        if (const auto *error = std::get_if<ServerMessage::Error>(&body))
            done(Result<QString, ServiceError>::failure(ServiceError{error->code, error->message}));
        else
            done(Result<QString, ServiceError>::failure(
                ServiceError{QStringLiteral("invalid_message"), QStringLiteral("the server answered a compile request with another message")}));
    };
    sendHistoryRequest(m, answer, [done](ServiceError e) {
        if (done)
            done(Result<QString, ServiceError>::failure(std::move(e)));
    });
}

QMap<QString, qint64> SyncClient::acknowledgedVersions() const
{
    QMap<QString, qint64> versions;
    for (const auto &[id, slot] : m_docs) {
        // A doc not joined yet on this connection may hold a version of another epoch.
        if (slot.doc && slot.joined)
            versions.insert(id, slot.doc->version());
    }
    return versions;
}

QUrl SyncClient::httpBaseUrl() const
{
    return OutputDownload::httpBase(m_options.url);
}

void SyncClient::handle(const ServerMessage::CompileQueued &m)
{
    // An answer nobody waits for any more (its caller's connection went): still news.
    Q_EMIT compileQueued(m.jobId);
}

void SyncClient::handle(const ServerMessage::CompileProgress &m)
{
    Q_EMIT compileProgress(m.jobId, m.state, m.pass, m.status, m.worker);
}

} // namespace coauthor::sync
