#include "sync/redis/redissupervisor.h"

#include <QLoggingCategory>
#include <QPointer>

namespace coauthor::sync {

Q_LOGGING_CATEGORY(lcRedisSupervisor, "coauthor.redis.supervisor")

namespace {
constexpr int firstBackoffMs = 200;
constexpr int maxBackoffMs = 5000;
} // namespace

RedisSupervisor::RedisSupervisor(RedisServerProcess *process, QObject *parent) : QObject(parent), m_process(process)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RedisSupervisor::tryRestart);
    QPointer<RedisSupervisor> self(this);
    m_process->setExitHandler([self] {
        if (self)
            self->onExited();
    });
}

RedisSupervisor::~RedisSupervisor()
{
    m_process->setExitHandler({});
}

void RedisSupervisor::onExited()
{
    if (m_process->isRunning() || m_retry.isActive())
        return;
    // One that dies again soon after a restart waits longer each time (a crash loop).
    if (m_upSince.isValid() && m_upSince.elapsed() < 10000)
        m_backoffMs = qMin(m_backoffMs * 2, maxBackoffMs);
    else
        m_backoffMs = firstBackoffMs;
    qCWarning(lcRedisSupervisor).noquote() << "the embedded redis-server exited; restarting it in" << m_backoffMs << "ms";
    Q_EMIT redisExited();
    m_retry.start(m_backoffMs);
}

void RedisSupervisor::tryRestart()
{
    // Blocks until Redis answers PING (its AOF loaded): nothing could be served meanwhile anyway.
    auto launched = m_process->restart();
    if (!launched) {
        m_backoffMs = qMin(m_backoffMs * 2, maxBackoffMs);
        qCWarning(lcRedisSupervisor).noquote() << "cannot restart the embedded redis-server:" << launched.error()
                                               << "- next try in" << m_backoffMs << "ms";
        m_retry.start(m_backoffMs);
        return;
    }
    ++m_restarts;
    m_upSince.start();
    qCInfo(lcRedisSupervisor).noquote() << "embedded redis-server restarted:" << m_process->localUrl() << "pid" << m_process->pid();
    Q_EMIT restarted(m_process->localUrl());
}

} // namespace coauthor::sync
