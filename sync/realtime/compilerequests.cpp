#include "sync/realtime/compilerequests.h"

#include "sync/compilejobs/compilejob.h"
#include "sync/compilejobs/compilekeys.h"
#include "sync/compilejobs/compilequeue.h"
#include "sync/protocol/clientmessage.h"
#include "sync/redis/redisclient.h"

#include <QPointer>

#include <algorithm>

namespace coauthor::sync {

CompileRequests::CompileRequests(RedisClient *redis, QObject *parent)
    : QObject(parent)
    , m_redis(redis)
    , m_queue(std::make_unique<CompileQueue>(redis))
{
    connect(m_redis, &RedisClient::message, this, &CompileRequests::onMessage);
}

CompileRequests::~CompileRequests() = default;

void CompileRequests::request(const QString &projectId, const QString &memberId, const ClientMessage &message,
                              std::function<void(Result<QString, ServiceError>)> cb)
{
    CompileJob job;
    job.projectId = projectId;
    job.rootDocument = message.path;
    if (!message.engine.isEmpty())
        job.engine = message.engine;
    job.draft = message.draft;
    job.versions = message.versions;
    job.requestedBy = memberId;
    QPointer<CompileRequests> self(this);
    m_queue->enqueue(job, [self, cb](Result<CompileJob, ServiceError> r) {
        if (r && self) {
            if (self->m_requested.size() >= maxRequested) {
                const auto oldest = std::min_element(self->m_requested.begin(), self->m_requested.end());
                self->m_requested.erase(oldest);
            }
            self->m_requested.insert(r.value().jobId, r.value().queuedAt);
        }
        if (!r) {
            cb(Result<QString, ServiceError>::failure(ServiceError::make(QStringLiteral("storage_unavailable"),
                                                                         r.error().message)));
            return;
        }
        cb(Result<QString, ServiceError>::success(r.value().jobId));
    });
}

void CompileRequests::watch(const QString &projectId)
{
    const QByteArray channel = CompileKeys::progressChannel(projectId);
    m_watched.insert(channel, projectId);
    m_redis->subscribe(channel);
}

void CompileRequests::unwatch(const QString &projectId)
{
    const QByteArray channel = CompileKeys::progressChannel(projectId);
    if (m_watched.remove(channel))
        m_redis->unsubscribe(channel);
}

void CompileRequests::onMessage(const QByteArray &channel, const QByteArray &payload)
{
    const auto project = m_watched.constFind(channel);
    if (project == m_watched.constEnd())
        return;
    const auto decoded = CompileProgress::fromJson(payload);
    if (!decoded || decoded->projectId != *project)
        return;
    if (decoded->state == CompileProgress::State::Done && m_requested.remove(decoded->jobId))
        recordOutcome(decoded->jobId);
    ServerMessage::CompileProgress message;
    message.jobId = decoded->jobId;
    message.state = stateName(decoded->state);
    message.pass = decoded->pass;
    message.status = decoded->status;
    message.worker = decoded->worker;
    Q_EMIT progress(*project, message);
}

void CompileRequests::recordOutcome(const QString &jobId)
{
    QPointer<CompileRequests> self(this);
    m_redis->command({"GET", CompileKeys::result(jobId)}, [self](Result<RedisReply, ServiceError> r) {
        if (!self || !r || r.value().isNil())
            return;
        const auto outcome = CompileOutcome::fromJson(r.value().string);
        if (outcome)
            Q_EMIT self->jobFinished(outcome->status, outcome->queuedAt, outcome->startedAt, outcome->finishedAt);
    });
}

} // namespace coauthor::sync
