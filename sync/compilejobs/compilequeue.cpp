#include "sync/compilejobs/compilequeue.h"

#include "sync/compilejobs/compilekeys.h"

#include "sync/redis/redisclient.h"

#include <QDateTime>
#include <QUuid>

namespace coauthor::sync {

namespace {

template <typename T>
Result<T, ServiceError> failure(const ServiceError &error)
{
    return Result<T, ServiceError>::failure(error);
}

// [id, [field, value, ...]] -> the entry; empty when it has no "job" field.
std::optional<CompileQueue::Entry> entryFrom(const RedisReply &reply)
{
    if (reply.type != RedisReply::Type::Array || reply.elements.size() < 2)
        return std::nullopt;
    CompileQueue::Entry entry;
    entry.id = reply.elements.at(0).string;
    const QList<RedisReply> &fields = reply.elements.at(1).elements;
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
        if (fields.at(i).string == "job")
            entry.job = fields.at(i + 1).string;
    }
    return entry;
}

} // namespace

CompileQueue::CompileQueue(RedisClient *redis)
    : m_redis(redis)
{
}

void CompileQueue::createGroup(Done done)
{
    m_redis->command({"XGROUP", "CREATE", CompileKeys::stream(), CompileKeys::group(), "0", "MKSTREAM"},
                     [done](Result<RedisReply, ServiceError> r) {
                         if (!r && !r.error().message.contains(QLatin1String("BUSYGROUP"))) {
                             done(failure<void>(r.error()));
                             return;
                         }
                         done(Result<void, ServiceError>::success());
                     });
}

void CompileQueue::enqueue(CompileJob job, Callback<CompileJob> cb)
{
    if (job.jobId.isEmpty())
        job.jobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (job.queuedAt == 0)
        job.queuedAt = QDateTime::currentMSecsSinceEpoch();
    RedisClient *redis = m_redis;
    redis->command({"XADD", CompileKeys::stream(), "*", "job", job.toJson()},
                   [redis, job, cb](Result<RedisReply, ServiceError> r) {
                       if (!r) {
                           cb(failure<CompileJob>(r.error()));
                           return;
                       }
                       CompileProgress queued;
                       queued.jobId = job.jobId;
                       queued.projectId = job.projectId;
                       queued.state = CompileProgress::State::Queued;
                       redis->publish(CompileKeys::progressChannel(job.projectId), queued.toJson());
                       cb(Result<CompileJob, ServiceError>::success(job));
                   });
}

void CompileQueue::readNew(const QString &consumer, int blockMs, Callback<std::optional<Entry>> cb)
{
    m_redis->command({"XREADGROUP", "GROUP", CompileKeys::group(), consumer.toUtf8(), "COUNT", "1", "BLOCK",
                      QByteArray::number(blockMs), "STREAMS", CompileKeys::stream(), ">"},
                     [cb](Result<RedisReply, ServiceError> r) {
                         if (!r) {
                             cb(failure<std::optional<Entry>>(r.error()));
                             return;
                         }
                         // nil on timeout, else [[stream, [[id, fields]]]]
                         std::optional<Entry> entry;
                         const RedisReply &reply = r.value();
                         if (!reply.elements.isEmpty() && reply.elements.at(0).elements.size() > 1
                             && !reply.elements.at(0).elements.at(1).elements.isEmpty())
                             entry = entryFrom(reply.elements.at(0).elements.at(1).elements.at(0));
                         cb(Result<std::optional<Entry>, ServiceError>::success(entry));
                     });
}

void CompileQueue::claimStale(const QString &consumer, int minIdleMs, Callback<std::optional<Entry>> cb)
{
    claimFrom(consumer, minIdleMs, "0-0", 0, std::move(cb));
}

void CompileQueue::claimFrom(const QString &consumer, int minIdleMs, const QByteArray &cursor, int rounds,
                             Callback<std::optional<Entry>> cb)
{
    // XAUTOCLAIM looks at COUNT pending entries per call: walk the cursor until an
    // idle one is found or the list ends (the list is short: about one entry per worker).
    m_redis->command({"XAUTOCLAIM", CompileKeys::stream(), CompileKeys::group(), consumer.toUtf8(),
                      QByteArray::number(minIdleMs), cursor, "COUNT", "1"},
                     [this, consumer, minIdleMs, rounds, cb](Result<RedisReply, ServiceError> r) {
                         if (!r) {
                             cb(failure<std::optional<Entry>>(r.error()));
                             return;
                         }
                         const RedisReply &reply = r.value();
                         if (reply.elements.size() < 2) {
                             cb(Result<std::optional<Entry>, ServiceError>::success(std::nullopt));
                             return;
                         }
                         std::optional<Entry> first;
                         if (!reply.elements.at(1).elements.isEmpty())
                             first = entryFrom(reply.elements.at(1).elements.at(0));
                         const QByteArray next = reply.elements.at(0).string;
                         if (first || next == "0-0" || rounds >= 10000) {
                             cb(Result<std::optional<Entry>, ServiceError>::success(first));
                             return;
                         }
                         claimFrom(consumer, minIdleMs, next, rounds + 1, cb);
                     });
}

void CompileQueue::keepClaimed(const QString &consumer, const QByteArray &id, Done done)
{
    m_redis->command({"XCLAIM", CompileKeys::stream(), CompileKeys::group(), consumer.toUtf8(), "0", id, "JUSTID"},
                     [done](Result<RedisReply, ServiceError> r) {
                         if (!done)
                             return;
                         done(r ? Result<void, ServiceError>::success() : failure<void>(r.error()));
                     });
}

void CompileQueue::deliveries(const QByteArray &id, Callback<int> cb)
{
    m_redis->command({"XPENDING", CompileKeys::stream(), CompileKeys::group(), id, id, "1"},
                     [cb](Result<RedisReply, ServiceError> r) {
                         if (!r) {
                             cb(failure<int>(r.error()));
                             return;
                         }
                         // [[id, consumer, idle, deliveries]]
                         int count = 0;
                         if (!r.value().elements.isEmpty() && r.value().elements.at(0).elements.size() >= 4)
                             count = int(r.value().elements.at(0).elements.at(3).toInteger());
                         cb(Result<int, ServiceError>::success(count));
                     });
}

void CompileQueue::acknowledge(const QByteArray &id, Done done)
{
    m_redis->command({"XACK", CompileKeys::stream(), CompileKeys::group(), id});
    m_redis->command({"XDEL", CompileKeys::stream(), id}, [done](Result<RedisReply, ServiceError> r) {
        if (!done)
            return;
        done(r ? Result<void, ServiceError>::success() : failure<void>(r.error()));
    });
}

void CompileQueue::pendingCount(Callback<qint64> cb)
{
    m_redis->command({"XPENDING", CompileKeys::stream(), CompileKeys::group()},
                     [cb](Result<RedisReply, ServiceError> r) {
                         if (!r) {
                             cb(failure<qint64>(r.error()));
                             return;
                         }
                         const qint64 count = r.value().elements.isEmpty() ? 0 : r.value().elements.at(0).toInteger();
                         cb(Result<qint64, ServiceError>::success(count));
                     });
}

void CompileQueue::length(Callback<qint64> cb)
{
    m_redis->command({"XLEN", CompileKeys::stream()}, [cb](Result<RedisReply, ServiceError> r) {
        if (!r) {
            cb(failure<qint64>(r.error()));
            return;
        }
        cb(Result<qint64, ServiceError>::success(r.value().toInteger()));
    });
}

} // namespace coauthor::sync
