#pragma once
// RedisReply: a Redis reply converted to a small value type, so callers never see
// hiredis structures. Binary safe: strings are QByteArray.
#include <QByteArray>
#include <QList>

namespace coauthor::sync {

struct RedisReply
{
    enum class Type { Nil, Status, Error, Integer, String, Array };
    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string;         // Status, Error and String replies
    QList<RedisReply> elements; // Array replies

    bool isNil() const { return type == Type::Nil; }
    bool isError() const { return type == Type::Error; }
    // Integer replies as is, String replies parsed as a decimal integer, else fallback.
    qint64 toInteger(qint64 fallback = 0) const;
};

} // namespace coauthor::sync
