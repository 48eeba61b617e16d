#pragma once

// CompileRequests: the server's side of compiles on the compile workers: a client's
// compile request becomes a job on the workers' queue (sync_compilejobs), and the
// workers' progress messages of the projects this instance has clients in are handed
// back for their rooms. Knows nothing of TeX; the workers compile.

#include "sync/common/result.h"
#include "sync/common/serviceerror.h"
#include "sync/protocol/servermessage.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace coauthor::sync {

struct ClientMessage;
class CompileQueue;
class RedisClient;

class CompileRequests : public QObject
{
    Q_OBJECT
public:
    // redis: not owned; its subscriber carries the progress channels.
    explicit CompileRequests(RedisClient *redis, QObject *parent = nullptr);
    ~CompileRequests() override;

    // Queues message (a compile) for projectId on behalf of memberId; cb gets the job id.
    void request(const QString &projectId, const QString &memberId, const ClientMessage &message,
                 std::function<void(Result<QString, ServiceError>)> cb);

    // The project has clients here (watch) or no more (unwatch): its progress channel.
    void watch(const QString &projectId);
    void unwatch(const QString &projectId);

Q_SIGNALS:
    void progress(const QString &projectId, const coauthor::sync::ServerMessage::CompileProgress &progress);
    // A job requested through this instance is done: its stored outcome (for /metrics;
    // each job is seen by the one instance that queued it, so instances add up).
    void jobFinished(const QString &status, qint64 queuedAt, qint64 startedAt, qint64 finishedAt);

private:
    void onMessage(const QByteArray &channel, const QByteArray &payload);
    void recordOutcome(const QString &jobId);

    RedisClient *m_redis;
    std::unique_ptr<CompileQueue> m_queue;
    QHash<QByteArray, QString> m_watched; // progress channel -> project
    QHash<QString, qint64> m_requested;   // jobs queued here and not done yet -> when (ms since the epoch)
    static constexpr int maxRequested = 10000; // bounded: the oldest are forgotten (their requester left)
};

} // namespace coauthor::sync
