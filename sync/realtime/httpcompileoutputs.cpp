#include "sync/realtime/httpcompileoutputs.h"

#include "sync/compilejobs/compilejob.h"
#include "sync/compilejobs/compilekeys.h"
#include "sync/realtime/httpexchange.h"
#include "sync/redis/redisclient.h"

#include <QPointer>
#include <QRegularExpression>

#include <algorithm>

namespace coauthor::sync {

namespace {

// Checked for revocation once per this many bytes of a download.
constexpr qint64 memberCheckBytes = 4 * 1024 * 1024;

void storageTrouble(HttpExchange *exchange, const ServiceError &error)
{
    exchange->respondError(503, QStringLiteral("storage_unavailable"), error.message, {{"Retry-After", "5"}});
}

void notFound(HttpExchange *exchange, const QString &message)
{
    exchange->respondError(404, QStringLiteral("not_found"), message);
}

} // namespace

bool HttpCompileOutputs::isJobId(const QString &text)
{
    // CompileQueue's ids are UUIDs; anything else of that alphabet is merely unknown.
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return shape.match(text).hasMatch();
}

std::optional<HttpCompileOutputs::ByteRange> HttpCompileOutputs::parseRange(const QByteArray &field, qint64 length)
{
    // bytes=N- and bytes=N-M (RFC 9110 14.1.2); a suffix range (bytes=-N) too.
    const QByteArray value = field.trimmed();
    if (!value.startsWith("bytes=") || value.contains(','))
        return std::nullopt;
    const QByteArray spec = value.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    const QByteArray firstText = spec.left(dash).trimmed();
    const QByteArray lastText = spec.mid(dash + 1).trimmed();
    auto digits = [](const QByteArray &t) {
        return !t.isEmpty() && t.size() <= 18 && std::all_of(t.cbegin(), t.cend(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (firstText.isEmpty()) {
        if (!digits(lastText))
            return std::nullopt;
        const qint64 suffix = lastText.toLongLong();
        if (suffix == 0 || length == 0)
            return ByteRange{0, -1};
        return ByteRange{std::max<qint64>(0, length - suffix), length - 1};
    }
    if (!digits(firstText) || (!lastText.isEmpty() && !digits(lastText)))
        return std::nullopt;
    const qint64 first = firstText.toLongLong();
    qint64 last = lastText.isEmpty() ? length - 1 : std::min(lastText.toLongLong(), length - 1);
    if (!lastText.isEmpty() && lastText.toLongLong() < first)
        return std::nullopt; // invalid: ignored, the whole body is sent
    if (first >= length)
        return ByteRange{first, first - 1};
    return ByteRange{first, last};
}

void HttpCompileOutputs::serve(HttpExchange *exchange, const QString &projectId, const QStringList &rest,
                               std::function<bool()> stillMember)
{
    if (!m_redis) {
        exchange->respondError(503, QStringLiteral("compile_unavailable"), QStringLiteral("this server has no Redis, so no compiles"));
        return;
    }
    if (rest.size() == 1 && rest.at(0) == QLatin1String("latest")) {
        QPointer<HttpExchange> guard(exchange);
        m_redis->command({"HGET", CompileKeys::latest(projectId), "jobId"}, [this, guard, projectId](Result<RedisReply, ServiceError> r) {
            if (!guard || guard->isGone())
                return;
            if (!r) {
                storageTrouble(guard, r.error());
                return;
            }
            if (r.value().isNil() || !isJobId(QString::fromUtf8(r.value().string))) {
                notFound(guard, QStringLiteral("no compile of this project has finished (or its outcome expired)"));
                return;
            }
            serveOutcome(guard, projectId, QString::fromUtf8(r.value().string));
        });
        return;
    }
    if (rest.isEmpty() || !isJobId(rest.at(0))) {
        notFound(exchange, QStringLiteral("no such compile"));
        return;
    }
    if (rest.size() == 1) {
        serveOutcome(exchange, projectId, rest.at(0));
        return;
    }
    if (rest.size() == 2 && (rest.at(1) == QLatin1String("output.pdf") || rest.at(1) == QLatin1String("output.synctex.gz"))) {
        serveOutput(exchange, projectId, rest.at(0), rest.at(1), std::move(stillMember));
        return;
    }
    notFound(exchange, QStringLiteral("a compile has output.pdf and output.synctex.gz (the log is in its outcome)"));
}

void HttpCompileOutputs::loadOutcome(HttpExchange *exchange, const QString &projectId, const QString &jobId,
                                     std::function<void(const QByteArray &json)> then)
{
    QPointer<HttpExchange> guard(exchange);
    m_redis->command({"GET", CompileKeys::result(jobId)}, [guard, projectId, then](Result<RedisReply, ServiceError> r) {
        if (!guard || guard->isGone())
            return;
        if (!r) {
            storageTrouble(guard, r.error());
            return;
        }
        // The job id is not the secret here, the project is: another project's job is
        // answered exactly like one that never was.
        const std::optional<CompileOutcome> outcome = r.value().isNil() ? std::nullopt : CompileOutcome::fromJson(r.value().string);
        if (!outcome || outcome->projectId != projectId) {
            notFound(guard, QStringLiteral("no such compile in this project (or its outcome expired)"));
            return;
        }
        then(r.value().string);
    });
}

void HttpCompileOutputs::serveOutcome(HttpExchange *exchange, const QString &projectId, const QString &jobId)
{
    loadOutcome(exchange, projectId, jobId, [exchange](const QByteArray &json) {
        exchange->respond(200, QByteArrayLiteral("application/json"), json);
    });
}

void HttpCompileOutputs::serveOutput(HttpExchange *exchange, const QString &projectId, const QString &jobId, const QString &file,
                                     std::function<bool()> stillMember)
{
    const bool pdf = file == QLatin1String("output.pdf");
    const QByteArray key = pdf ? CompileKeys::pdf(jobId) : CompileKeys::synctex(jobId);
    const QByteArray contentType = pdf ? QByteArrayLiteral("application/pdf") : QByteArrayLiteral("application/gzip");
    RedisClient *redis = m_redis;
    loadOutcome(exchange, projectId, jobId, [exchange, redis, key, contentType, file, stillMember](const QByteArray &) {
        QPointer<HttpExchange> guard(exchange);
        redis->command({"STRLEN", key}, [guard, redis, key, contentType, file, stillMember](Result<RedisReply, ServiceError> r) {
            if (!guard || guard->isGone())
                return;
            if (!r) {
                storageTrouble(guard, r.error());
                return;
            }
            // STRLEN of a missing key is 0; an empty output is no output either.
            const qint64 length = r.value().toInteger();
            if (length <= 0) {
                notFound(guard, QStringLiteral("%1 of this compile is absent or expired (outputs are kept 1 h)").arg(file));
                return;
            }
            HttpExchange::Fields fields{{"Accept-Ranges", "bytes"}, {"Cache-Control", "private, max-age=3600, immutable"}};
            qint64 first = 0;
            qint64 last = length - 1;
            int status = 200;
            if (const std::optional<ByteRange> range = parseRange(guard->request().field("range"), length)) {
                if (range->first > range->last) {
                    guard->respondError(416, QStringLiteral("invalid_range"),
                                        QStringLiteral("the range is outside the %1 bytes of %2").arg(length).arg(file),
                                        {{"Content-Range", "bytes */" + QByteArray::number(length)}});
                    return;
                }
                first = range->first;
                last = range->last;
                status = 206;
                fields.append({"Content-Range", "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/'
                                                    + QByteArray::number(length)});
            }
            auto source = [redis, key, first, stillMember](qint64 offset, qint64 bytes, HttpExchange::Deliver deliver) {
                const qint64 at = first + offset;
                if (offset > 0 && (offset / memberCheckBytes) != ((offset - bytes) / memberCheckBytes) && stillMember && !stillMember()) {
                    deliver(std::nullopt);
                    return;
                }
                redis->command({"GETRANGE", key, QByteArray::number(at), QByteArray::number(at + bytes - 1)},
                               [deliver](Result<RedisReply, ServiceError> chunk) {
                                   if (!chunk || chunk.value().isNil())
                                       deliver(std::nullopt);
                                   else
                                       deliver(chunk.value().string);
                               });
            };
            guard->respondStreamed(status, contentType, last - first + 1, fields, source);
        });
    });
}

} // namespace coauthor::sync
