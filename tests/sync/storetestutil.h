#pragma once
// Helpers of the redis and docupdater tests: wait for an async callback on the event loop, and a
// private redis-server in a temporary directory.
#include "sync/common/serviceerror.h"
#include "sync/common/result.h"
#include "sync/redis/redisclient.h"
#include "sync/redis/redisserverprocess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <functional>
#include <optional>

namespace coauthor::sync::testing {

// Runs start(cb) and spins the event loop until cb was called (or timeout).
template <typename T>
std::optional<Result<T, ServiceError>> await(
    const std::function<void(std::function<void(Result<T, ServiceError>)>)> &start, int timeoutMs = 15000)
{
    std::optional<Result<T, ServiceError>> out;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    start([&](Result<T, ServiceError> r) {
        out.emplace(std::move(r));
        loop.quit();
    });
    if (!out)
        loop.exec();
    return out;
}

inline Result<RedisReply, ServiceError> redisCommand(RedisClient &client, const QList<QByteArray> &argv)
{
    auto r = await<RedisReply>([&](auto cb) { client.command(argv, cb); });
    if (!r)
        return Result<RedisReply, ServiceError>::failure(ServiceError::make(QStringLiteral("timeout"), QStringLiteral("no reply")));
    return *r;
}

inline bool waitConnected(RedisClient &client, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!client.isConnected() && t.elapsed() < timeoutMs)
        QTest::qWait(10);
    return client.isConnected();
}

} // namespace coauthor::sync::testing
