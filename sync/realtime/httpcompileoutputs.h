#pragma once

// HttpCompileOutputs: the compile outputs over HTTP (docs/protocol.md, "HTTP"): the
// stored CompileOutcome of a project's latest compile or of one job, and the job's
// output.pdf / output.synctex.gz from the Redis keys the workers write
// (sync/compilejobs/compilekeys.h), streamed in chunks (GETRANGE) with
// Content-Length and `Range: bytes=N-` answered 206. The caller has checked the
// member's token; an outcome of another project is as absent as an unknown one.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace coauthor::sync {

class HttpExchange;
class RedisClient;

class HttpCompileOutputs
{
public:
    // redis: not owned (may be null: a server without Redis has no compiles).
    explicit HttpCompileOutputs(RedisClient *redis) : m_redis(redis) {}

    // rest: the path's segments after /api/projects/<projectId>/compiles/.
    // stillMember: asked every few MiB of a download; false cuts it (revoked meanwhile).
    void serve(HttpExchange *exchange, const QString &projectId, const QStringList &rest,
               std::function<bool()> stillMember);

    // The byte range a Range field asks of a body of length bytes: nullopt for the whole
    // body (no Range, or one we do not take: several ranges, other units); an empty
    // range (first > last) when it cannot be satisfied (416).
    struct ByteRange
    {
        qint64 first = 0;
        qint64 last = -1; // inclusive
    };
    static std::optional<ByteRange> parseRange(const QByteArray &field, qint64 length);
    static bool isJobId(const QString &text);

private:
    void serveOutcome(HttpExchange *exchange, const QString &projectId, const QString &jobId);
    void serveOutput(HttpExchange *exchange, const QString &projectId, const QString &jobId, const QString &file,
                     std::function<bool()> stillMember);
    // The stored outcome JSON of jobId if it is projectId's; nullopt when absent (or
    // another project's), an error code on trouble.
    void loadOutcome(HttpExchange *exchange, const QString &projectId, const QString &jobId,
                     std::function<void(const QByteArray &json)> then);

    RedisClient *m_redis;
};

} // namespace coauthor::sync
