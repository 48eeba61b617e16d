#pragma once
// CompileQueue: the compile jobs as a Redis Stream with one consumer group
// (CompileKeys::stream/group). Whoever requests a compile enqueues (XADD, and a
// "queued" progress message); each worker reads new entries (XREADGROUP), keeps the
// one it works on claimed (XCLAIM, resetting its idle time) and acknowledges and
// deletes it when its outcome is stored (XACK + XDEL). An entry whose worker died
// stays pending and idle, and is taken by another worker (XAUTOCLAIM): a job is never
// lost, and is redone at worst. Asynchronous, on the RedisClient's event loop.
#include "sync/compilejobs/compilejob.h"

#include "sync/common/result.h"
#include "sync/common/serviceerror.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace coauthor::sync {

class RedisClient;

class CompileQueue
{
public:
    template <typename T>
    using Callback = std::function<void(Result<T, ServiceError>)>;
    using Done = Callback<void>;

    struct Entry
    {
        QByteArray id;  // the stream entry's id
        QByteArray job; // CompileJob JSON, unchecked
    };

    // Not owned; must outlive the queue. A blocking read holds its connection: give
    // readNew() a client of its own.
    explicit CompileQueue(RedisClient *redis);

    // The stream and the group (from the stream's start, so nothing enqueued before
    // any worker ran is missed). Idempotent.
    void createGroup(Done done);
    // Adds the job (a new jobId and queuedAt when empty) and publishes "queued".
    void enqueue(CompileJob job, Callback<CompileJob> cb);
    // The next entry no consumer was given yet, waiting up to blockMs; none on timeout.
    void readNew(const QString &consumer, int blockMs, Callback<std::optional<Entry>> cb);
    // An entry pending for at least minIdleMs (its worker died), now consumer's.
    void claimStale(const QString &consumer, int minIdleMs, Callback<std::optional<Entry>> cb);
    // Resets the idle time of consumer's entry, so nobody takes it while it compiles.
    void keepClaimed(const QString &consumer, const QByteArray &id, Done done = {});
    // How many times the entry was given to a consumer.
    void deliveries(const QByteArray &id, Callback<int> cb);
    void acknowledge(const QByteArray &id, Done done = {});
    // Entries given to a consumer and not acknowledged yet / entries in the stream.
    void pendingCount(Callback<qint64> cb);
    void length(Callback<qint64> cb);

private:
    void claimFrom(const QString &consumer, int minIdleMs, const QByteArray &cursor, int rounds,
                   Callback<std::optional<Entry>> cb);

    RedisClient *m_redis;
};

} // namespace coauthor::sync
