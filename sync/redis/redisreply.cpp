#include "sync/redis/redisreply.h"

namespace coauthor::sync {

qint64 RedisReply::toInteger(qint64 fallback) const
{
    if (type == Type::Integer)
        return integer;
    if (type == Type::String || type == Type::Status) {
        bool ok = false;
        const qint64 v = string.toLongLong(&ok);
        return ok ? v : fallback;
    }
    return fallback;
}

} // namespace coauthor::sync
