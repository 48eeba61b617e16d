#include "sync/docupdater/documentupdater.h"

#include "sync/docupdater/dockeys_p.h"
#include "sync/docupdater/docscripts_p.h"
#include "sync/ot/operations.h"
#include "sync/ot/opjson.h"
#include "sync/ot/textbuffer.h"
#include "sync/redis/redisclient.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUuid>
#include <deque>

Q_LOGGING_CATEGORY(lcDocUpdater, "coauthor.docupdater")

namespace coauthor::sync {

namespace {

using Reply = Result<RedisReply, ServiceError>;

ServiceError err(const char *code, const QString &message)
{
    return ServiceError::make(QString::fromLatin1(code), message);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

ServiceError fromOtError(const ot::OtError &e)
{
    switch (e.code) {
    case ot::OtError::Code::PositionOutOfRange:
        return err("op_out_of_range", e.message);
    case ot::OtError::Code::DeleteMismatch:
        return err("delete_mismatch", e.message);
    case ot::OtError::Code::TooManyComponents:
        return err("too_many_components", e.message);
    case ot::OtError::Code::TextTooLong:
        return err("doc_too_large", e.message);
    default:
        return err("invalid_op", e.message);
    }
}

// s as a JSON string. Plain text (no control characters, no surrogates) is escaped
// here; anything else goes through QJsonDocument, whose output the readers parse.
QByteArray jsonString(const QString &s)
{
    bool plain = true;
    for (QChar c : s)
        plain &= c.unicode() >= 0x20 && !c.isSurrogate();
    if (!plain) {
        const QByteArray array = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
        return array.mid(1, array.size() - 2);
    }
    const QByteArray utf8 = s.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 8);
    out += '"';
    for (char c : utf8) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

// The op as JSON, the same as QJsonDocument(ot::toJson(op)) gives (keys in another order).
QByteArray opJson(const ot::TextOperation &op)
{
    QByteArray out = "[";
    for (const ot::Component &c : op.components()) {
        if (out.size() > 1)
            out += ',';
        out += "{\"p\":" + QByteArray::number(c.position) + (c.isInsert() ? ",\"i\":" : ",\"d\":") + jsonString(c.text) + '}';
    }
    out += ']';
    return out;
}

// One op as kept in Redis' recent list ({"v","op","c","s","t"}) and as published
// (the same fields after "k":"u","d":<doc>). Built by hand: it runs for every op,
// and QJsonObject + QJsonDocument cost more than the rest of the fast path.
struct EncodedOp
{
    QByteArray entry;
    QByteArray payload;
};

// madeAt (when the client typed it, 0: not said) goes with its base version as
// "m" and "b", only when said: an op sent as it is typed is encoded as before.
EncodedOp encodeOp(const QString &docId, qint64 version, const ot::TextOperation &op,
                   const QString &clientId, qint64 seq, qint64 ts, qint64 madeAt = 0, qint64 base = 0)
{
    QByteArray fields = "\"v\":" + QByteArray::number(version)
        + ",\"op\":" + opJson(op) + ",\"c\":" + jsonString(clientId)
        + ",\"s\":" + QByteArray::number(seq) + ",\"t\":" + QByteArray::number(ts);
    if (madeAt > 0)
        fields += ",\"m\":" + QByteArray::number(madeAt) + ",\"b\":" + QByteArray::number(base);
    fields += '}';
    return EncodedOp{'{' + fields, "{\"k\":\"u\",\"d\":" + jsonString(docId) + ',' + fields};
}

std::optional<StoredOp> parseEntry(const QJsonObject &o)
{
    auto op = ot::operationFromJson(o.value(QStringLiteral("op")), ot::JsonLimits{1 << 30, 1 << 30});
    if (!op.ok() || !o.contains(QStringLiteral("v")))
        return std::nullopt;
    StoredOp stored{o.value(QStringLiteral("v")).toInteger(), op.takeValue(), o.value(QStringLiteral("c")).toString(),
                    o.value(QStringLiteral("s")).toInteger(), o.value(QStringLiteral("t")).toInteger()};
    stored.madeAt = o.value(QStringLiteral("m")).toInteger();
    stored.baseVersion = o.value(QStringLiteral("b")).toInteger(-1);
    return stored;
}

AppliedUpdate toApplied(const QString &projectId, const QString &docId, const StoredOp &op)
{
    return AppliedUpdate{projectId, docId, op.version, op.op, op.clientId, op.seq, op.timestamp, false};
}

} // namespace

class DocumentUpdater::Impl
{
public:
    DocumentUpdater *q = nullptr;
    RedisClient *redis = nullptr;
    Docstore *docstore = nullptr;
    DocumentUpdaterOptions options;

    // This instance's copy of a doc, so an op is transformed and applied here and
    // only the op goes to Redis (applyBatch checks version + epoch, so a stale copy
    // costs a retry, never a wrong text). Advanced by our own writes and by the
    // updates other instances publish.
    struct CachedDoc
    {
        qint64 version = -1;
        QByteArray epoch;
        ot::TextBuffer text;
        qint64 textVersion = 0;      // the version of the text Redis holds (ours may be behind: harmless)
        std::deque<StoredOp> recent; // the ops up to version, contiguous (may be empty)
        quint64 generation = 0;
        bool inFlight = false; // text and recent are ahead of version until applyBatch answers
    };
    QHash<QByteArray, CachedDoc> cache; // by DocKeys::tag; Redis stays the truth
    quint64 nextGeneration = 1;
    static constexpr int MaxCachedDocs = 64;
    static constexpr size_t CachedOps = 256;
    static constexpr qint64 TextRewriteOps = 50;
    static constexpr qsizetype MaxBatchOps = 100;
    static constexpr qsizetype MaxBatchBytes = 1024 * 1024;

    // Updates of one doc run in arrival order, one batch (fast path) or one update
    // (slow path, under the Redis lock) at a time in this instance; across instances
    // the lock and applyBatch's compare-and-set serialize them.
    struct Pending
    {
        QString projectId;
        DocUpdate update;
        Callback<AppliedUpdate> cb;
        bool slow = false; // the fast path failed for it: take the locked path
    };
    struct Queue
    {
        std::deque<Pending> pending;
        bool running = false;
    };
    QHash<QByteArray, Queue> queues;

    // The updates this instance published, by payload: their echo from the project
    // channel is recognised by its bytes and delivered (in channel order, like every
    // other update) without parsing it again.
    QHash<QByteArray, AppliedUpdate> ownEchoes;
    static constexpr qsizetype MaxOwnEchoes = 10000; // echoes lost with a subscriber connection

    QSet<QByteArray> flushing;          // docs with a flush in flight (by tag)
    QHash<QString, int> subscriptions; // projectId -> refcount
    QHash<QString, QTimer *> graceTimers;
    QTimer scanTimer;

    void pump(const QByteArray &tag)
    {
        auto it = queues.find(tag);
        if (it == queues.end() || it->running)
            return;
        if (it->pending.empty()) {
            queues.erase(it);
            return;
        }
        it->running = true;
        if (!it->pending.front().slow && sendBatch(tag))
            return;
        it = queues.find(tag);
        Pending p = std::move(it->pending.front());
        it->pending.pop_front();
        const QByteArray token = QUuid::createUuid().toByteArray(QUuid::Id128);
        QPointer<DocumentUpdater> self(q);
        // The slow path finishes from Redis replies (never synchronously), so the
        // next one runs from there and the stack cannot grow.
        apply(p.projectId, p.update, token, 0, nowMs() + options.lockWaitMs, false,
              [self, tag, cb = std::move(p.cb)](Result<AppliedUpdate, ServiceError> result) {
                  cb(std::move(result));
                  if (self)
                      self->d->finished(tag);
              });
    }

    void finished(const QByteArray &tag)
    {
        auto it = queues.find(tag);
        if (it != queues.end())
            it->running = false;
        pump(tag);
    }

    bool sendBatch(const QByteArray &tag);

    CachedDoc *cached(const QByteArray &tag)
    {
        auto it = cache.find(tag);
        return it == cache.end() ? nullptr : &*it;
    }

    // ops: contiguous, the last one at version (older ones may be missing).
    void remember(const DocKeys &keys, qint64 version, const QByteArray &epoch, const QString &text, qint64 textVersion,
                  const QList<StoredOp> &ops)
    {
        if (!cache.contains(keys.tag) && cache.size() >= MaxCachedDocs) {
            // Never drop one whose batch is in flight (its answer updates it).
            for (auto it = cache.begin(); it != cache.end(); ++it) {
                if (!it->inFlight) {
                    cache.erase(it);
                    break;
                }
            }
        }
        CachedDoc doc;
        doc.version = version;
        doc.epoch = epoch;
        doc.text = ot::TextBuffer(text);
        doc.textVersion = qMin(textVersion, version);
        const qsizetype from = qMax<qsizetype>(0, ops.size() - qsizetype(CachedOps));
        for (qsizetype i = from; i < ops.size(); ++i)
            doc.recent.push_back(ops.at(i));
        if (!doc.recent.empty() && doc.recent.back().version != version)
            doc.recent.clear();
        doc.generation = nextGeneration++;
        cache.insert(keys.tag, std::move(doc));
    }

    // Loads a doc from the docstore into Redis (if no one else did meanwhile).
    void load(const QString &projectId, const QString &docId, std::function<void(Result<void, ServiceError>)> done)
    {
        auto stored = docstore->loadDoc(projectId, docId);
        if (!stored.ok()) {
            done(Result<void, ServiceError>::failure(stored.error()));
            return;
        }
        const DocKeys keys(projectId, docId);
        const QByteArray epoch = QUuid::createUuid().toByteArray(QUuid::Id128);
        redis->eval(docscripts::init,
                    {keys.version(), keys.text(), keys.ops(), keys.flushed(), keys.hash(), keys.epoch(), keys.unflushedSince(),
                     keys.textVersion()},
                    {QByteArray::number(stored.value().version), stored.value().text.toUtf8(), epoch},
                    [done](Reply reply) {
                        if (!reply.ok())
                            done(Result<void, ServiceError>::failure(reply.error()));
                        else
                            done(Result<void, ServiceError>::success());
                    });
    }

    // The ops (fromVersion, toVersion] from Redis' recent entries, completed from the
    // docstore history when Redis does not go back that far.
    static Result<QList<StoredOp>, ServiceError> parseEntries(const QString &docId, const QList<RedisReply> &entries)
    {
        QList<StoredOp> out;
        out.reserve(entries.size());
        for (const RedisReply &e : entries) {
            auto op = parseEntry(QJsonDocument::fromJson(e.string).object());
            if (!op)
                return Result<QList<StoredOp>, ServiceError>::failure(
                    err("internal", QStringLiteral("a recent op of doc '%1' in Redis is unreadable").arg(docId)));
            out.append(std::move(*op));
        }
        return Result<QList<StoredOp>, ServiceError>::success(out);
    }

    // Redis keeps the text at textVersion and every op after it; this is the text at
    // version. A gap buffer, so replaying many small ops on a big doc copies it once.
    static Result<QString, ServiceError> rebuild(const QString &docId, const QByteArray &utf8, qint64 textVersion,
                                                     qint64 version, const QList<StoredOp> &entries)
    {
        using Out = Result<QString, ServiceError>;
        if (textVersion >= version)
            return Out::success(QString::fromUtf8(utf8));
        ot::TextBuffer buffer(QString::fromUtf8(utf8));
        qint64 at = textVersion;
        for (const StoredOp &op : entries) {
            if (op.version <= at)
                continue;
            if (op.version != at + 1)
                break;
            auto applied = buffer.apply(op.op);
            if (!applied.ok())
                return Out::failure(err("internal", QStringLiteral("doc '%1' cannot be rebuilt at version %2: %3")
                                                        .arg(docId).arg(op.version).arg(applied.error().message)));
            at = op.version;
        }
        if (at != version)
            return Out::failure(err("internal", QStringLiteral("doc '%1': Redis lacks the ops after version %2").arg(docId).arg(at)));
        return Out::success(buffer.toString());
    }

    // What an op weighs in a join page: about its JSON size.
    static qsizetype pageBytes(const StoredOp &op)
    {
        qsizetype bytes = 16;
        for (const ot::Component &c : op.op.components())
            bytes += c.text.size() + 16;
        return bytes;
    }

    // The ops (fromVersion, toVersion] from Redis' recent entries, completed from the
    // docstore history when Redis does not go back that far. With page limits (< 0:
    // none) only the first maxOps / maxBytes of them, so *complete says whether they
    // reach toVersion; the docstore is asked for that page only.
    Result<QList<StoredOp>, ServiceError> opsBetween(const QString &projectId, const QString &docId, qint64 fromVersion,
                                                     qint64 toVersion, const QList<StoredOp> &entries, qint64 maxOps = -1,
                                                     qint64 maxBytes = -1, bool *complete = nullptr)
    {
        QList<StoredOp> recent;
        for (const StoredOp &op : entries) {
            if (op.version > fromVersion && op.version <= toVersion)
                recent.append(op);
        }
        const qint64 firstRecent = recent.isEmpty() ? toVersion + 1 : recent.first().version;
        QList<StoredOp> out;
        qint64 bytes = 0;
        auto full = [&] { return (maxOps >= 0 && out.size() >= maxOps) || (maxBytes >= 0 && bytes >= maxBytes); };
        // The docstore measures the page in its own units: a page it ended before
        // Redis' ops begin is the whole page, whatever we count.
        bool pageEnded = false;
        if (firstRecent > fromVersion + 1) {
            auto older = docstore->opsSince(projectId, docId, fromVersion, firstRecent - 1, maxOps, maxBytes);
            if (!older.ok())
                return older;
            out = older.takeValue();
            for (const StoredOp &op : std::as_const(out))
                bytes += pageBytes(op);
            pageEnded = (maxOps >= 0 || maxBytes >= 0) && !out.isEmpty() && out.last().version < firstRecent - 1;
        }
        for (qsizetype i = 0; !pageEnded && i < recent.size() && !full(); ++i) {
            bytes += pageBytes(recent.at(i));
            out.append(recent.at(i));
        }
        // Versions must run fromVersion+1 .. (toVersion) without a hole.
        for (qsizetype i = 0; i < out.size(); ++i) {
            if (out.at(i).version != fromVersion + 1 + i)
                return Result<QList<StoredOp>, ServiceError>::failure(
                    err("internal", QStringLiteral("the history of doc '%1' has a hole at version %2")
                                        .arg(docId).arg(fromVersion + 1 + i)));
        }
        const bool reaches = qint64(out.size()) == toVersion - fromVersion;
        if (complete)
            *complete = reaches;
        if (!reaches && !full() && !pageEnded)
            return Result<QList<StoredOp>, ServiceError>::failure(
                err("internal", QStringLiteral("the history of doc '%1' ends before version %2").arg(docId).arg(toVersion)));
        return Result<QList<StoredOp>, ServiceError>::success(out);
    }

    static QByteArray epochNonce() { return QUuid::createUuid().toByteArray(QUuid::Id128).left(8); }

    // Redis holds the doc at version, but the docstore has a later op: Redis lost
    // acked ops it had flushed (a cut AOF tail, a FLUSHALL, a failover to a lagging
    // replica). Writing on would give their version numbers to different ops.
    bool behindDocstore(const QString &projectId, const QString &docId, qint64 version)
    {
        auto newer = docstore->opsSince(projectId, docId, version, version + 1);
        return newer.ok() && !newer.value().isEmpty();
    }

    // Drops the regressed doc from Redis (if still at version) so that the next read
    // loads what the docstore holds, in a new epoch.
    void dropRegressed(const DocKeys &keys, const QString &docId, qint64 version, std::function<void()> then,
                       const QString &why = QString())
    {
        if (why.isEmpty())
            qCWarning(lcDocUpdater).noquote() << "doc" << docId << "is at version" << version
                                           << "in Redis but the docstore has more: Redis lost data; restoring from the docstore";
        else
            qCCritical(lcDocUpdater).noquote() << "doc" << docId << "cannot be read from Redis (" + why
                                                   + "); reloading it from the docstore, replicas give back what it lacks";
        cache.remove(keys.tag);
        redis->eval(docscripts::dropIfAt,
                    {keys.version(), keys.text(), keys.ops(), keys.flushed(), keys.hash(), keys.epoch(), keys.unflushedSince(),
                     keys.textVersion(), keys.dedup()},
                    {QByteArray::number(version)}, [then = std::move(then)](Reply) { then(); });
    }

    void release(const DocKeys &keys, const QByteArray &token)
    {
        redis->eval(docscripts::release, {keys.lock()}, {token});
    }

    void join(const QString &projectId, const QString &docId, std::optional<qint64> fromVersion, const QString &path,
              bool loaded, Callback<DocJoin> cb, const QString &fromEpoch = QString());
    void apply(const QString &projectId, const DocUpdate &update, const QByteArray &token, int attempt,
               qint64 lockDeadline, bool loaded, Callback<AppliedUpdate> cb);
    void flushDoc(const QString &projectId, const QString &docId, Done done);
    void flushList(QList<QByteArray> members, Done done, std::optional<ServiceError> firstError);
    void scan();
    void onMessage(const QByteArray &channel, const QByteArray &payload);
};

DocumentUpdater::DocumentUpdater(RedisClient *redis, Docstore *docstore, const DocumentUpdaterOptions &options,
                                 QObject *parent)
    : QObject(parent), d(std::make_unique<Impl>())
{
    d->q = this;
    d->redis = redis;
    d->docstore = docstore;
    d->options = options;
    connect(redis, &RedisClient::message, this,
            [this](const QByteArray &channel, const QByteArray &payload) { d->onMessage(channel, payload); });
    connect(&d->scanTimer, &QTimer::timeout, this, [this] { d->scan(); });
    // A Redis that restarted may have lost writes this instance's copies have seen:
    // no fast-path write on them until a read (which begins a new epoch) refreshed them.
    connect(redis, &RedisClient::disconnected, this, [this] {
        for (auto &doc : d->cache)
            doc.epoch = QByteArrayLiteral("stale");
    });
    d->scanTimer.start(qMax(100, options.flushScanIntervalMs));
}

DocumentUpdater::~DocumentUpdater()
{
    for (QTimer *t : std::as_const(d->graceTimers))
        delete t;
}

const DocumentUpdaterOptions &DocumentUpdater::options() const
{
    return d->options;
}

void DocumentUpdater::joinDoc(const QString &projectId, const QString &docId, std::optional<qint64> fromVersion,
                              Callback<DocJoin> cb, const QString &fromEpoch)
{
    using Out = Result<DocJoin, ServiceError>;
    auto entry = d->docstore->entry(projectId, docId);
    if (!entry.ok() || entry.value().kind != TreeEntry::Kind::Doc) {
        if (!entry.ok() && entry.error().code == QLatin1String("storage_unavailable"))
            cb(Out::failure(entry.error()));
        else
            cb(Out::failure(err("unknown_doc", QStringLiteral("no doc '%1' in project '%2'").arg(docId, projectId))));
        return;
    }
    if (fromVersion && *fromVersion < 0) {
        cb(Out::failure(err("invalid_op", QStringLiteral("fromVersion must not be negative"))));
        return;
    }
    d->join(projectId, docId, fromVersion, entry.value().path, false, std::move(cb), fromEpoch);
}

void DocumentUpdater::Impl::join(const QString &projectId, const QString &docId, std::optional<qint64> fromVersion,
                                 const QString &path, bool loaded, Callback<DocJoin> cb, const QString &fromEpoch)
{
    using Out = Result<DocJoin, ServiceError>;
    const DocKeys keys(projectId, docId);
    QPointer<DocumentUpdater> self(q);
    redis->eval(
        docscripts::read,
        {keys.lock(), keys.version(), keys.text(), keys.ops(), keys.flushed(), keys.dedup(), keys.epoch(), keys.textVersion(),
         keys.aliases()},
        {QByteArray(), QByteArray::number(options.lockTtlMs), QByteArray(), QByteArray(),
         QByteArray::number(fromVersion.value_or(-1)), QByteArray(), epochNonce(), fromEpoch.toUtf8(),
         QByteArray::number(options.restoreWindowMs)},
        [self, projectId, docId, fromVersion, path, cb, loaded, fromEpoch](Reply reply) {
            if (!self)
                return;
            if (!reply.ok()) {
                cb(Out::failure(reply.error()));
                return;
            }
            const auto r = docscripts::ReadReply::fromRedis(reply.value());
            if (r.status == docscripts::ReadReply::Status::Missing) {
                if (loaded) {
                    cb(Out::failure(err("storage_unavailable", QStringLiteral("the doc vanished from Redis while loading"))));
                    return;
                }
                self->d->load(projectId, docId, [self, projectId, docId, fromVersion, path, cb, fromEpoch](Result<void, ServiceError> done) {
                    if (!self)
                        return;
                    if (!done.ok())
                        cb(Out::failure(done.error()));
                    else
                        self->d->join(projectId, docId, fromVersion, path, true, cb, fromEpoch);
                });
                return;
            }
            const qint64 version = r.version;
            if (self->d->behindDocstore(projectId, docId, version)) {
                if (loaded) {
                    cb(Out::failure(err("storage_unavailable", QStringLiteral("doc '%1' is behind the docstore after loading").arg(docId))));
                    return;
                }
                self->d->dropRegressed(DocKeys(projectId, docId), docId, version, [self, projectId, docId, fromVersion, path, cb, fromEpoch] {
                    if (self)
                        self->d->join(projectId, docId, fromVersion, path, false, cb, fromEpoch);
                });
                return;
            }
            auto entries = parseEntries(docId, r.ops);
            auto text = entries.ok() ? rebuild(docId, r.text, r.textVersion, version, entries.value())
                                     : Result<QString, ServiceError>::failure(entries.error());
            if (!text.ok()) {
                if (loaded) {
                    cb(Out::failure(text.error()));
                    return;
                }
                // Redis' state of the doc is broken (ops missing or unreadable): not a
                // doc to stay stuck on. The docstore's copy, in a new epoch; what it
                // lacks comes back from the replicas (restoreLost).
                self->d->dropRegressed(DocKeys(projectId, docId), docId, version,
                                       [self, projectId, docId, fromVersion, path, cb, fromEpoch] {
                                           if (!self)
                                               return;
                                           // Loaded, then read once more: a doc still broken then is an error, not a loop.
                                           self->d->load(projectId, docId, [self, projectId, docId, fromVersion, path, cb, fromEpoch](
                                                                               Result<void, ServiceError> done) {
                                               if (!self)
                                                   return;
                                               if (!done.ok())
                                                   cb(Out::failure(done.error()));
                                               else
                                                   self->d->join(projectId, docId, fromVersion, path, true, cb, fromEpoch);
                                           });
                                       },
                                       text.error().message);
                return;
            }
            DocJoin join;
            join.snapshot = DocSnapshot{projectId, docId, path, text.takeValue(), version};
            join.epoch = QString::fromLatin1(r.epoch);
            join.epochBase = docscripts::ReadReply::epochBase(r.epoch);
            std::optional<qint64> from = fromVersion;
            // A lost epoch whose versions a replica restored (restoreLost) shares
            // them with this one up to where the restore reached.
            qint64 shared = join.epochBase;
            if (const QList<QByteArray> alias = r.alias.split(' '); alias.size() == 2 && alias.at(0) == r.epoch)
                shared = qMax(shared, alias.at(1).toLongLong());
            if (from && !fromEpoch.isEmpty() && fromEpoch != join.epoch && *from > shared) {
                // Its versions after that are of an epoch Redis lost: not ours to
                // send ops after; it restores or re-offers what it has from there on.
                join.lostAfter = shared;
                from = shared;
                // A short window in which only restores may write (their lock token
                // starts "restore:"; writers wait for it as for any lock), so that the
                // replicas coming back can give the lost versions back verbatim before
                // anyone writes on top of the base.
                self->d->redis->command({QByteArrayLiteral("SET"), DocKeys(projectId, docId).lock(), "restore:" + epochNonce(), QByteArrayLiteral("NX"),
                                         QByteArrayLiteral("PX"), QByteArray::number(self->d->options.restoreWindowMs)});
            }
            if (from) {
                const qint64 since = *from;
                if (since > version) {
                    cb(Out::failure(err("version_in_future", QStringLiteral("doc '%1' is at version %2, not %3")
                                                                 .arg(docId).arg(version).arg(since))));
                    return;
                }
                bool complete = true;
                const DocumentUpdaterOptions &o = self->d->options;
                // The text at a lost epoch's base is found by undoing every op after it, so
                // that answer is never paged (it is rare: Redis lost acked writes).
                const bool paged = !join.lostAfter;
                auto ops = self->d->opsBetween(projectId, docId, since, version, entries.value(),
                                               paged ? o.joinPageOps : -1, paged ? o.joinPageBytes : -1, &complete);
                if (!ops.ok()) {
                    cb(Out::failure(ops.error()));
                    return;
                }
                for (const StoredOp &op : ops.value())
                    join.missed.append(toApplied(projectId, docId, op));
                join.more = !complete;
                if (join.lostAfter) {
                    // The text at the base: the ops since undone (each carries what it deleted).
                    QString base = join.snapshot.text;
                    for (auto it = ops.value().crbegin(); it != ops.value().crend(); ++it) {
                        auto undone = ot::apply(base, ot::invert(it->op));
                        if (!undone.ok()) {
                            cb(Out::failure(err("internal", QStringLiteral("doc '%1' cannot be undone to version %2").arg(docId).arg(*join.lostAfter))));
                            return;
                        }
                        base = undone.takeValue();
                    }
                    join.baseText = base;
                }
            }
            cb(Out::success(join));
        });
}

void DocumentUpdater::applyUpdate(const QString &projectId, const DocUpdate &update, Callback<AppliedUpdate> cb)
{
    using Out = Result<AppliedUpdate, ServiceError>;
    if (update.op.size() > d->options.maxComponents) {
        cb(Out::failure(err("too_many_components", QStringLiteral("an op may have at most %1 components, this one has %2")
                                                       .arg(d->options.maxComponents).arg(update.op.size()))));
        return;
    }
    if (update.baseVersion < 0) {
        cb(Out::failure(err("invalid_op", QStringLiteral("the base version must not be negative"))));
        return;
    }
    const DocKeys keys(projectId, update.docId);
    d->queues[keys.tag].pending.push_back(Impl::Pending{projectId, update, std::move(cb), false});
    d->pump(keys.tag);
}

void DocumentUpdater::restoreLost(const QString &projectId, const QString &docId, const QString &lostEpoch, qint64 base,
                                  const QList<StoredOp> &ops, Callback<qint64> cb, int attempt)
{
    using Out = Result<qint64, ServiceError>;
    auto refuse = [cb](const QString &why) { cb(Out::failure(err("restore_refused", why))); };
    if (ops.isEmpty() || lostEpoch.isEmpty()) {
        refuse(QStringLiteral("nothing to restore"));
        return;
    }
    const DocKeys keys(projectId, docId);
    QPointer<DocumentUpdater> self(this);
    d->redis->eval(
        docscripts::read,
        {keys.lock(), keys.version(), keys.text(), keys.ops(), keys.flushed(), keys.dedup(), keys.epoch(), keys.textVersion(),
         keys.aliases()},
        // From base: the versions after it that Redis still holds are compared below.
        {QByteArray(), QByteArray::number(d->options.lockTtlMs), QByteArray(), QByteArray(), QByteArray::number(base), QByteArray(),
         Impl::epochNonce(), lostEpoch.toUtf8(), QByteArray::number(d->options.restoreWindowMs)},
        [self, projectId, docId, keys, lostEpoch, base, ops, cb, refuse, attempt](Reply reply) {
            if (!self)
                return;
            Impl *d = self->d.get();
            if (!reply.ok()) {
                cb(Out::failure(reply.error()));
                return;
            }
            const auto r = docscripts::ReadReply::fromRedis(reply.value());
            if (r.status != docscripts::ReadReply::Status::Ok) {
                refuse(QStringLiteral("the doc is not loaded; join it first"));
                return;
            }
            qint64 shared = docscripts::ReadReply::epochBase(r.epoch);
            if (const QList<QByteArray> alias = r.alias.split(' '); alias.size() == 2 && alias.at(0) == r.epoch)
                shared = qMax(shared, alias.at(1).toLongLong());
            if (lostEpoch.toUtf8() == r.epoch || shared != base) {
                refuse(QStringLiteral("doc '%1' shares versions up to %2 with that epoch; the restore was made on %3")
                           .arg(docId).arg(shared).arg(base));
                return;
            }
            auto entries = Impl::parseEntries(docId, r.ops);
            if (!entries.ok()) {
                cb(Out::failure(entries.error()));
                return;
            }
            // Versions after base the doc still has (Redis restarted without losing
            // them, or a restore got here first) are shared if they are the same ops,
            // by the same client under the same seq.
            qint64 matched = base;
            if (r.version > base) {
                auto have = d->opsBetween(projectId, docId, base, qMin(r.version, base + qint64(ops.size())), entries.value());
                if (!have.ok()) {
                    cb(Out::failure(have.error()));
                    return;
                }
                for (const StoredOp &op : have.value()) {
                    const StoredOp &theirs = ops.at(qsizetype(op.version - base - 1));
                    if (op.clientId != theirs.clientId || op.seq != theirs.seq || op.op != theirs.op)
                        break;
                    matched = op.version;
                }
            }
            const QList<StoredOp> rest = ops.mid(qsizetype(matched - base));
            if (rest.isEmpty() || r.version != matched) {
                // Nothing to append, or the doc went another way after matched: what
                // matched is shared from now on, the rest is the client's to re-offer.
                d->redis->eval(docscripts::raiseAlias, {keys.aliases()},
                               {lostEpoch.toUtf8(), r.epoch, QByteArray::number(matched)},
                               [cb, refuse, matched, rest, docId](Reply raised) {
                                   if (!raised.ok())
                                       cb(Out::failure(raised.error()));
                                   else if (rest.isEmpty())
                                       cb(Out::success(matched));
                                   else
                                       refuse(QStringLiteral("doc '%1' has other ops after version %2").arg(docId).arg(matched));
                               });
                return;
            }
            auto rebuilt = Impl::rebuild(docId, r.text, r.textVersion, r.version, entries.value());
            if (!rebuilt.ok()) {
                cb(Out::failure(rebuilt.error()));
                return;
            }
            ot::TextBuffer text(rebuilt.takeValue());
            const qint64 ts = nowMs();
            QList<QByteArray> args{QByteArray::number(matched), r.epoch, QByteArray::number(ts),
                                   QByteArray::number(d->options.recentOpsKept), projectChannel(projectId), QByteArray(),
                                   lostEpoch.toUtf8(), r.epoch + ' ' + QByteArray::number(matched + rest.size()),
                                   QByteArray::number(rest.size())};
            qint64 version = matched;
            for (const StoredOp &op : rest) {
                if (op.op.size() > d->options.maxComponents || !text.apply(op.op).ok()) {
                    cb(Out::failure(err("invalid_op", QStringLiteral("the op restored as version %1 does not apply").arg(version + 1))));
                    return;
                }
                const EncodedOp encoded = encodeOp(docId, ++version, op.op, op.clientId, op.seq, ts);
                args << encoded.entry << encoded.payload << op.clientId.toUtf8();
            }
            args[5] = text.toString().toUtf8();
            if (args.at(5).size() > d->options.maxDocBytes) {
                cb(Out::failure(err("doc_too_large", QStringLiteral("the restored doc would be %1 bytes; the limit is %2")
                                                         .arg(args.at(5).size()).arg(d->options.maxDocBytes))));
                return;
            }
            d->redis->eval(
                docscripts::restore,
                {keys.lock(), keys.version(), keys.text(), keys.ops(), keys.flushed(), keys.hash(), keys.unflushedSince(),
                 keys.textVersion(), keys.epoch(), keys.aliases(), keys.dedup()},
                args, [self, projectId, docId, lostEpoch, base, ops, attempt, keys, ts, cb, refuse](Reply written) {
                    if (!self)
                        return;
                    Impl *d = self->d.get();
                    if (!written.ok()) {
                        cb(Out::failure(written.error()));
                        return;
                    }
                    const QList<RedisReply> &w = written.value().elements;
                    // A writer's lock is held for milliseconds; after it the doc may
                    // still be at base.
                    if (w.value(0).string == "locked" && attempt < 40) {
                        QTimer::singleShot(50, self, [self, projectId, docId, lostEpoch, base, ops, attempt, cb] {
                            if (self)
                                self->restoreLost(projectId, docId, lostEpoch, base, ops, cb, attempt + 1);
                        });
                        return;
                    }
                    if (w.value(0).string != "ok") {
                        refuse(QStringLiteral("doc '%1' changed while restoring (%2)").arg(docId, QString::fromUtf8(w.value(0).string)));
                        return;
                    }
                    d->cache.remove(keys.tag);
                    d->redis->command({QByteArrayLiteral("ZADD"), unflushedDocsKey(), QByteArrayLiteral("NX"), QByteArray::number(ts),
                                       projectId.toUtf8() + '/' + docId.toUtf8()});
                    qCWarning(lcDocUpdater).noquote() << "doc" << docId << "restored versions up to" << w.value(1).toInteger()
                                                   << "from a replica";
                    cb(Out::success(w.value(1).toInteger()));
                });
        });
}

// The fast path: the queued updates of a doc, transformed and applied to the cached
// copy, go to Redis in one applyBatch call. False (nothing sent) when the first one
// needs the slow path: no cache, a base version the cache does not reach, an op
// that does not apply here, a doc near the size limit.
bool DocumentUpdater::Impl::sendBatch(const QByteArray &tag)
{
    using Out = Result<AppliedUpdate, ServiceError>;
    CachedDoc *doc = cached(tag);
    if (!doc || doc->version < 0 || doc->inFlight)
        return false;
    Queue &queue = queues[tag];
    const QString projectId = queue.pending.front().projectId;
    const QString docId = queue.pending.front().update.docId;
    const DocKeys keys(projectId, docId);
    const qint64 ts = nowMs();
    const qint64 startVersion = doc->version;

    struct Item
    {
        Pending pending;
        AppliedUpdate applied;
    };
    auto batch = std::make_shared<std::vector<Item>>();
    auto payloads = std::make_shared<QList<QByteArray>>();
    QList<QByteArray> args{QByteArray::number(startVersion), doc->epoch, QByteArray::number(ts),
                           QByteArray::number(options.recentOpsKept), projectChannel(projectId),
                           QByteArray::number(options.dedupTtlSeconds), QByteArray(), QByteArray(), QByteArray()};
    qint64 version = startVersion;
    qsizetype bytes = 0;
    while (!queue.pending.empty() && qsizetype(batch->size()) < MaxBatchOps && bytes < MaxBatchBytes) {
        Pending &p = queue.pending.front();
        const DocUpdate &u = p.update;
        if (p.slow || u.baseVersion > version)
            break;
        const qint64 firstCached = doc->recent.empty() ? version + 1 : doc->recent.front().version;
        if (u.baseVersion + 1 < firstCached)
            break;
        // Two updates of one client in a batch must be in sequence; anything else
        // (a resend racing its original) is sorted out by the slow path.
        bool outOfSequence = false;
        for (const Item &item : *batch)
            outOfSequence |= !u.clientId.isEmpty() && item.applied.clientId == u.clientId && item.applied.seq >= u.seq;
        if (outOfSequence)
            break;
        ot::TextOperation op = u.op;
        // Ties go by author, never by arrival (docs/protocol.md, "transform and the Side convention").
        for (size_t i = size_t(u.baseVersion + 1 - firstCached); i < doc->recent.size(); ++i)
            op = ot::transform(op, doc->recent[i].op, ot::tieBreak(u.clientId, doc->recent[i].clientId, ot::Side::Right));
        // UTF-8 takes at most 3 bytes per UTF-16 unit; near the limit the slow path
        // measures exactly.
        qsizetype grown = doc->text.size();
        for (const ot::Component &c : op.components())
            grown += c.isInsert() ? c.length() : 0;
        if (grown * 3 > options.maxDocBytes)
            break;
        if (!doc->text.apply(op).ok()) // all or nothing; the slow path gives the error
            break;
        ++version;
        const EncodedOp encoded = encodeOp(docId, version, op, u.clientId, u.seq, ts, u.madeAt, u.timeBase());
        bytes += encoded.entry.size() + encoded.payload.size();
        args << encoded.entry << u.clientId.toUtf8() << QByteArray::number(u.seq) << encoded.payload;
        payloads->append(encoded.payload);
        AppliedUpdate applied{projectId, docId, version, op, u.clientId, u.seq, ts, false};
        if (subscriptions.contains(projectId)) {
            if (ownEchoes.size() >= MaxOwnEchoes)
                ownEchoes.clear();
            ownEchoes.insert(encoded.payload, applied);
        }
        doc->recent.push_back(StoredOp{version, std::move(op), u.clientId, u.seq, ts});
        batch->push_back(Item{std::move(p), std::move(applied)});
        queue.pending.pop_front();
    }
    if (batch->empty())
        return false;
    const bool writeText = version - doc->textVersion >= TextRewriteOps;
    if (writeText)
        args[7] = doc->text.toString().toUtf8();
    args[6] = writeText ? QByteArrayLiteral("1") : QByteArrayLiteral("0");
    args[8] = QByteArray::number(qsizetype(batch->size()));
    doc->inFlight = true;
    const quint64 generation = doc->generation;

    QPointer<DocumentUpdater> self(q);
    redis->eval(
        docscripts::applyBatch,
        {keys.lock(), keys.version(), keys.text(), keys.ops(), keys.flushed(), keys.dedup(), keys.hash(), keys.unflushedSince(),
         keys.textVersion(), keys.epoch()},
        args, [self, tag, projectId, docId, batch, generation, version, writeText, payloads](Reply reply) {
            if (!self)
                return;
            Impl *d = self->d.get();
            CachedDoc *doc = d->cached(tag);
            if (doc && doc->generation != generation)
                doc = nullptr;
            const auto batchReply = reply.ok() ? docscripts::ApplyBatchReply::fromRedis(reply.value()) : docscripts::ApplyBatchReply{};
            if (!batchReply.ok()) {
                // Locked, moved on (another instance, a reload), a resend, Redis down:
                // the cache is suspect; each update takes the slow path, in order.
                qCDebug(lcDocUpdater).noquote() << "batch of" << batch->size() << "on" << docId << "takes the slow path:"
                                                << (reply.ok() ? batchReply.status : reply.error().message);
                if (doc)
                    d->cache.remove(tag);
                for (const QByteArray &payload : *payloads)
                    d->ownEchoes.remove(payload);
                Queue &queue = d->queues[tag];
                for (auto it = batch->rbegin(); it != batch->rend(); ++it) {
                    it->pending.slow = true;
                    queue.pending.push_front(std::move(it->pending));
                }
                d->finished(tag);
                return;
            }
            if (doc) {
                doc->version = version;
                doc->inFlight = false;
                if (writeText)
                    doc->textVersion = version;
                while (doc->recent.size() > CachedOps)
                    doc->recent.pop_front();
            }
            const qint64 unflushed = batchReply.unflushedOps;
            for (Item &item : *batch) {
                item.pending.cb(Out::success(item.applied));
                if (!self)
                    return;
            }
            if (unflushed >= d->options.flushEveryOps && !d->flushing.contains(tag))
                self->flushDoc(projectId, docId);
            d->finished(tag);
        });
    // Pipelined right behind the write (one round trip). It must run after the
    // write: a flush that sees nothing unflushed removes the member, and a member
    // without unflushed ops is dropped by the next flush.
    redis->command({QByteArrayLiteral("ZADD"), unflushedDocsKey(), QByteArrayLiteral("NX"), QByteArray::number(ts),
                    projectId.toUtf8() + '/' + docId.toUtf8()});
    return true;
}

void DocumentUpdater::Impl::apply(const QString &projectId, const DocUpdate &update, const QByteArray &token, int attempt,
                                  qint64 lockDeadline, bool loaded, Callback<AppliedUpdate> cb)
{
    using Out = Result<AppliedUpdate, ServiceError>;
    const DocKeys keys(projectId, update.docId);
    const CachedDoc *cachedDoc = cached(keys.tag);
    const bool sentCache = cachedDoc && !cachedDoc->inFlight && cachedDoc->version >= 0;
    QPointer<DocumentUpdater> self(q);
    redis->eval(
        docscripts::read,
        {keys.lock(), keys.version(), keys.text(), keys.ops(), keys.flushed(), keys.dedup(), keys.epoch(), keys.textVersion()},
        {token, QByteArray::number(options.lockTtlMs), sentCache ? QByteArray::number(cachedDoc->version) : QByteArray(),
         sentCache ? cachedDoc->epoch : QByteArray(), QByteArray::number(update.baseVersion), update.clientId.toUtf8(),
         epochNonce(), QByteArray(), QByteArray::number(options.restoreWindowMs)},
        [self, projectId, update, token, attempt, lockDeadline, loaded, cb, keys, sentCache](Reply reply) {
            if (!self)
                return;
            Impl *d = self->d.get();
            if (!reply.ok()) {
                cb(Out::failure(reply.error()));
                return;
            }
            const auto r = docscripts::ReadReply::fromRedis(reply.value());
            if (r.status == docscripts::ReadReply::Status::Locked) {
                // Another instance is applying to this doc: wait a little and retry.
                if (nowMs() > lockDeadline) {
                    cb(Out::failure(err("storage_unavailable",
                                        QStringLiteral("doc '%1' stayed locked by another server").arg(update.docId))));
                    return;
                }
                const int delay = qMin(2 << qMin(attempt, 5), 50);
                QTimer::singleShot(delay, self, [self, projectId, update, token, attempt, lockDeadline, loaded, cb] {
                    if (self)
                        self->d->apply(projectId, update, token, attempt + 1, lockDeadline, loaded, cb);
                });
                return;
            }
            if (r.status == docscripts::ReadReply::Status::Missing) {
                if (loaded) {
                    d->release(keys, token);
                    cb(Out::failure(err("storage_unavailable", QStringLiteral("the doc vanished from Redis while loading"))));
                    return;
                }
                d->load(projectId, update.docId, [self, projectId, update, token, attempt, lockDeadline, cb, keys](
                                                     Result<void, ServiceError> done) {
                    if (!self)
                        return;
                    if (!done.ok()) {
                        self->d->release(keys, token);
                        cb(Out::failure(done.error()));
                        return;
                    }
                    self->d->apply(projectId, update, token, attempt, lockDeadline, true, cb);
                });
                return;
            }

            // From here on we hold the lock: every exit releases it (the write script does on success).
            auto fail = [d, keys, token, cb](ServiceError e) {
                d->release(keys, token);
                cb(Out::failure(std::move(e)));
            };
            const qint64 version = r.version;
            const QByteArray epoch = r.epoch;
            if (d->behindDocstore(projectId, update.docId, version)) {
                // Restore, then fail retryably: the resend applies on the docstore's text.
                d->dropRegressed(keys, update.docId, version, [d, keys, token, cb] {
                    d->release(keys, token);
                    cb(Out::failure(err("storage_unavailable", QStringLiteral("Redis lost data; the doc was restored from the docstore"))));
                });
                return;
            }
            if (update.baseVersion > version) {
                fail(err("version_in_future", QStringLiteral("doc '%1' is at version %2; the op is based on %3")
                                                  .arg(update.docId).arg(version).arg(update.baseVersion)));
                return;
            }
            auto entries = parseEntries(update.docId, r.ops);
            if (!entries.ok()) {
                fail(entries.error());
                return;
            }
            const qint64 textVersion = r.textVersion;
            auto concurrent = d->opsBetween(projectId, update.docId, update.baseVersion, version, entries.value());
            if (!concurrent.ok()) {
                fail(concurrent.error());
                return;
            }

            // The identity of an op is (clientId, seq), and a client's seqs only grow. A
            // resend is an op the client has not seen applied: one of the ops after its
            // base version, acked with the version it got. Any other seq at or below the
            // client's last one is stale (another stream under the same clientId, a
            // client that reused a seq): refused, never applied as a new op, since two
            // ops with one identity would make resends ambiguous.
            auto duplicateOf = [&]() -> Result<std::optional<qint64>, ServiceError> {
                using D = Result<std::optional<qint64>, ServiceError>;
                if (update.clientId.isEmpty())
                    return D::success(std::nullopt);
                for (const StoredOp &op : concurrent.value()) {
                    if (op.clientId == update.clientId && op.seq == update.seq)
                        return D::success(op.version);
                }
                std::optional<qint64> lastSeq;
                const QByteArray &last = r.lastOfClient; // "seq:version" of this client's last op
                if (const qsizetype colon = last.indexOf(':'); colon > 0) {
                    lastSeq = last.left(colon).toLongLong();
                } else {
                    // Redis does not know the client (its dedup entry expired): the docstore does.
                    auto stored = d->docstore->lastSeq(projectId, update.docId, update.clientId);
                    if (!stored.ok())
                        return D::failure(stored.error());
                    lastSeq = stored.value();
                }
                if (lastSeq && update.seq <= *lastSeq)
                    return D::failure(err("stale_seq", QStringLiteral("seq %1 of client '%2' is not above its last op (seq %3) "
                                                                      "and is not an op after version %4; send it with a new seq")
                                                           .arg(update.seq).arg(update.clientId).arg(*lastSeq).arg(update.baseVersion)));
                return D::success(std::nullopt);
            }();
            if (!duplicateOf.ok()) {
                fail(duplicateOf.error());
                return;
            }
            if (duplicateOf.value()) {
                d->release(keys, token);
                cb(Out::success(AppliedUpdate{projectId, update.docId, *duplicateOf.value(), update.op, update.clientId,
                                              update.seq, nowMs(), true}));
                return;
            }

            ot::TextOperation op = update.op;
            for (const StoredOp &other : concurrent.value())
                op = ot::transform(op, other.op, ot::tieBreak(update.clientId, other.clientId, ot::Side::Right));

            QString text;
            if (r.textIsNil) {
                const CachedDoc *cachedNow = d->cached(keys.tag);
                if (!sentCache) {
                    // Version without text: Redis lost a key (eviction?). Refuse rather
                    // than guess; the docstore and the ops in Redis are untouched.
                    fail(err("storage_unavailable", QStringLiteral("the text of doc '%1' is missing in Redis").arg(update.docId)));
                    return;
                }
                if (!cachedNow || cachedNow->inFlight || cachedNow->version != version || cachedNow->epoch != epoch) {
                    d->cache.remove(keys.tag);
                    d->release(keys, token);
                    // The cache changed under us; read again, text included.
                    self->d->apply(projectId, update, token, attempt + 1, lockDeadline, true, cb);
                    return;
                }
                text = cachedNow->text.toString();
            } else {
                auto rebuilt = rebuild(update.docId, r.text, textVersion, version, entries.value());
                if (!rebuilt.ok()) {
                    fail(rebuilt.error());
                    return;
                }
                text = rebuilt.takeValue();
            }
            auto applied = ot::apply(text, op);
            if (!applied.ok()) {
                fail(fromOtError(applied.error()));
                return;
            }
            QString newText = applied.takeValue();
            // UTF-8 takes at most 3 bytes per UTF-16 unit: convert only when it matters.
            QByteArray utf8;
            if (newText.size() * 3 > d->options.maxDocBytes) {
                utf8 = newText.toUtf8();
                if (utf8.size() > d->options.maxDocBytes) {
                    fail(err("doc_too_large", QStringLiteral("the doc would be %1 bytes; the limit is %2")
                                                  .arg(utf8.size()).arg(d->options.maxDocBytes)));
                    return;
                }
            }
            // Rewriting the text on every keystroke costs more than the keystroke;
            // Redis keeps the ops after textVersion, so the text is rewritten only
            // every TextRewriteOps ops.
            const bool writeText = version + 1 - textVersion >= TextRewriteOps;
            if (writeText && utf8.isNull())
                utf8 = newText.toUtf8();

            const qint64 ts = nowMs();
            const qint64 newVersion = version + 1;
            const EncodedOp encoded = encodeOp(update.docId, newVersion, op, update.clientId, update.seq, ts, update.madeAt,
                                               update.timeBase());
            const QByteArray &entryJson = encoded.entry;
            const QByteArray &payload = encoded.payload;
            // The cache after this op: the ops since the base version and this one.
            QList<StoredOp> cacheOps = concurrent.takeValue();
            cacheOps.append(StoredOp{newVersion, op, update.clientId, update.seq, ts});
            const qint64 newTextVersion = writeText ? newVersion : textVersion;
            d->redis->eval(
                docscripts::write,
                {keys.lock(), keys.version(), keys.text(), keys.ops(), keys.flushed(), keys.dedup(), keys.hash(),
                 keys.unflushedSince(), keys.textVersion()},
                {token, QByteArray::number(version), writeText ? utf8 : QByteArray(), entryJson, update.clientId.toUtf8(),
                 QByteArray::number(update.seq) + ':' + QByteArray::number(newVersion), QByteArray::number(ts),
                 QByteArray::number(d->options.recentOpsKept), projectChannel(projectId), payload,
                 QByteArray::number(d->options.dedupTtlSeconds), writeText ? QByteArrayLiteral("1") : QByteArrayLiteral("0")},
                [self, projectId, update, token, attempt, lockDeadline, cb, keys, op, ts, newVersion, epoch,
                 newText, newTextVersion, cacheOps](Reply written) {
                    if (!self)
                        return;
                    Impl *d = self->d.get();
                    if (!written.ok()) {
                        d->release(keys, token);
                        cb(Out::failure(written.error()));
                        return;
                    }
                    const auto w = docscripts::WriteReply::fromRedis(written.value());
                    if (!w.written) {
                        // Lock expired or the doc moved on (e.g. reloaded): start over.
                        d->cache.remove(keys.tag);
                        d->release(keys, token);
                        if (nowMs() > lockDeadline) {
                            cb(Out::failure(err("storage_unavailable", QStringLiteral("could not apply to doc '%1' after retries")
                                                                           .arg(update.docId))));
                            return;
                        }
                        d->apply(projectId, update, token, attempt + 1, lockDeadline, true, cb);
                        return;
                    }
                    d->remember(keys, newVersion, epoch, newText, newTextVersion, cacheOps);
                    const AppliedUpdate applied{projectId, update.docId, newVersion, op, update.clientId, update.seq, ts, false};
                    cb(Out::success(applied));
                    if (!self)
                        return;
                    if (w.unflushedOps >= d->options.flushEveryOps
                        && !d->flushing.contains(keys.tag))
                        self->flushDoc(projectId, update.docId);
                });
            // Pipelined right behind the write (one round trip). It must run after the
            // write: a flush that sees nothing unflushed removes the member, and a
            // member without unflushed ops is dropped by the next flush.
            d->redis->command({QByteArrayLiteral("ZADD"), unflushedDocsKey(), QByteArrayLiteral("NX"), QByteArray::number(ts),
                               projectId.toUtf8() + '/' + update.docId.toUtf8()});
        });
}

void DocumentUpdater::subscribeProject(const QString &projectId)
{
    if (d->subscriptions[projectId]++ == 0)
        d->redis->subscribe(projectChannel(projectId));
}

void DocumentUpdater::unsubscribeProject(const QString &projectId)
{
    auto it = d->subscriptions.find(projectId);
    if (it == d->subscriptions.end())
        return;
    if (--it.value() <= 0) {
        d->subscriptions.erase(it);
        d->redis->unsubscribe(projectChannel(projectId));
    }
}

void DocumentUpdater::publishProjectMessage(const QString &projectId, const QJsonObject &message)
{
    const QJsonObject envelope{{QStringLiteral("k"), QStringLiteral("m")}, {QStringLiteral("m"), message}};
    d->redis->publish(projectChannel(projectId), QJsonDocument(envelope).toJson(QJsonDocument::Compact));
}

void DocumentUpdater::Impl::onMessage(const QByteArray &channel, const QByteArray &payload)
{
    static const QByteArray prefix = projectChannel(QString());
    if (!channel.startsWith(prefix))
        return;
    const QString projectId = QString::fromUtf8(channel.mid(prefix.size()));
    if (!subscriptions.contains(projectId))
        return;
    if (auto own = ownEchoes.find(payload); own != ownEchoes.end()) {
        const AppliedUpdate update = own.value();
        ownEchoes.erase(own);
        Q_EMIT q->updatePublished(update);
        return;
    }
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    const QString kind = o.value(QStringLiteral("k")).toString();
    if (kind == QLatin1String("m")) {
        Q_EMIT q->projectMessage(projectId, o.value(QStringLiteral("m")).toObject());
    } else if (kind == QLatin1String("u")) {
        auto op = parseEntry(o);
        if (!op) {
            qCWarning(lcDocUpdater) << "unreadable update on" << channel;
            return;
        }
        const QString docId = o.value(QStringLiteral("d")).toString();
        // Another instance's update keeps our copy of the doc current (our own are
        // already in it: their versions are not newer).
        const DocKeys keys(projectId, docId);
        if (CachedDoc *doc = cached(keys.tag); doc && !doc->inFlight && doc->version == op->version - 1) {
            if (doc->text.apply(op->op).ok()) {
                doc->version = op->version;
                doc->recent.push_back(*op);
                while (doc->recent.size() > CachedOps)
                    doc->recent.pop_front();
            } else {
                cache.remove(keys.tag);
            }
        }
        Q_EMIT q->updatePublished(toApplied(projectId, docId, *op));
    }
}

void DocumentUpdater::projectClientsChanged(const QString &projectId, int connectedHere)
{
    if (connectedHere > 0) {
        if (QTimer *t = d->graceTimers.take(projectId))
            t->deleteLater();
        return;
    }
    QTimer *&timer = d->graceTimers[projectId];
    if (!timer) {
        timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, projectId] {
            if (QTimer *t = d->graceTimers.take(projectId))
                t->deleteLater();
            flushProject(projectId, [projectId](Result<void, ServiceError> done) {
                if (!done.ok())
                    qCWarning(lcDocUpdater) << "flush of project" << projectId << "failed:" << done.error().message;
            });
        });
    }
    timer->start(d->options.lastClientGraceMs);
}

void DocumentUpdater::flushDoc(const QString &projectId, const QString &docId, Done done)
{
    d->flushDoc(projectId, docId, std::move(done));
}

void DocumentUpdater::Impl::flushDoc(const QString &projectId, const QString &docId, Done done)
{
    using Out = Result<void, ServiceError>;
    if (!done)
        done = [](Out) {};
    const DocKeys keys(projectId, docId);
    QPointer<DocumentUpdater> self(q);
    flushing.insert(keys.tag);
    done = [self, tag = keys.tag, done = std::move(done)](Out result) {
        if (self)
            self->d->flushing.remove(tag);
        done(std::move(result));
    };
    const QByteArray member = projectId.toUtf8() + '/' + docId.toUtf8();
    redis->eval(docscripts::flushRead, {keys.version(), keys.text(), keys.ops(), keys.flushed(), keys.textVersion()}, {},
                [self, projectId, docId, keys, member, done](Reply reply) {
                    if (!self)
                        return;
                    Impl *d = self->d.get();
                    if (!reply.ok()) {
                        done(Out::failure(reply.error()));
                        return;
                    }
                    const auto r = docscripts::FlushReadReply::fromRedis(reply.value());
                    if (!r.found) { // not in Redis: nothing to flush
                        d->redis->command({QByteArrayLiteral("ZREM"), unflushedDocsKey(), member});
                        done(Out::success());
                        return;
                    }
                    const qint64 version = r.version;
                    const qint64 flushed = r.flushed;
                    if (version > flushed) {
                        auto entries = parseEntries(docId, r.ops);
                        if (!entries.ok()) {
                            done(Out::failure(entries.error()));
                            return;
                        }
                        auto text = rebuild(docId, r.text, r.textVersion, version, entries.value());
                        if (!text.ok()) {
                            done(Out::failure(text.error()));
                            return;
                        }
                        QList<StoredOp> ops;
                        for (const StoredOp &op : entries.value()) {
                            if (op.version > flushed)
                                ops.append(op);
                        }
                        // On failure (disk full, database gone) Redis keeps everything: nothing is lost.
                        auto stored = d->docstore->storeDoc(projectId, docId, text.value(), version, ops);
                        if (!stored.ok()) {
                            qCWarning(lcDocUpdater) << "flush of doc" << docId << "failed:" << stored.error().message;
                            done(stored);
                            return;
                        }
                    }
                    d->redis->eval(docscripts::flushed, {keys.flushed(), keys.version(), keys.unflushedSince()},
                                   {QByteArray::number(version)},
                                   [self, projectId, docId, member, version, done](Reply marked) {
                                       if (!self)
                                           return;
                                       if (!marked.ok()) {
                                           done(Out::failure(marked.error()));
                                           return;
                                       }
                                       if (docscripts::FlushedReply::fromRedis(marked.value()).nothingLeft)
                                           self->d->redis->command({QByteArrayLiteral("ZREM"), unflushedDocsKey(), member});
                                       Q_EMIT self->docFlushed(projectId, docId, version);
                                       done(Out::success());
                                   });
                });
}

void DocumentUpdater::Impl::flushList(QList<QByteArray> members, Done done, std::optional<ServiceError> firstError)
{
    using Out = Result<void, ServiceError>;
    if (members.isEmpty()) {
        done(firstError ? Out::failure(*firstError) : Out::success());
        return;
    }
    const QByteArray member = members.takeFirst();
    const qsizetype slash = member.indexOf('/');
    if (slash <= 0) {
        flushList(std::move(members), std::move(done), firstError);
        return;
    }
    QPointer<DocumentUpdater> self(q);
    flushDoc(QString::fromUtf8(member.left(slash)), QString::fromUtf8(member.mid(slash + 1)),
             [self, members, done, firstError](Out result) {
                 if (!self)
                     return;
                 std::optional<ServiceError> error = firstError;
                 if (!result.ok() && !error)
                     error = result.error();
                 self->d->flushList(members, done, error);
             });
}

void DocumentUpdater::flushProject(const QString &projectId, Done done)
{
    using Out = Result<void, ServiceError>;
    if (!done)
        done = [](Out) {};
    auto entries = d->docstore->entries(projectId);
    if (!entries.ok()) {
        done(Out::failure(entries.error()));
        return;
    }
    QList<QByteArray> members;
    for (const TreeEntry &e : entries.value()) {
        if (e.kind == TreeEntry::Kind::Doc)
            members.append(projectId.toUtf8() + '/' + e.id.toUtf8());
    }
    d->flushList(members, std::move(done), std::nullopt);
}

void DocumentUpdater::flushAll(Done done)
{
    using Out = Result<void, ServiceError>;
    if (!done)
        done = [](Out) {};
    QPointer<DocumentUpdater> self(this);
    d->redis->command({QByteArrayLiteral("ZRANGE"), unflushedDocsKey(), QByteArrayLiteral("0"), QByteArrayLiteral("-1")},
                      [self, done](Reply reply) {
                          if (!self)
                              return;
                          if (!reply.ok()) {
                              done(Out::failure(reply.error()));
                              return;
                          }
                          QList<QByteArray> members;
                          for (const RedisReply &m : reply.value().elements)
                              members.append(m.string);
                          self->d->flushList(members, done, std::nullopt);
                      });
}

void DocumentUpdater::Impl::scan()
{
    QPointer<DocumentUpdater> self(q);
    const QByteArray before = QByteArray::number(nowMs() - options.flushAfterMs);
    redis->command({QByteArrayLiteral("ZRANGEBYSCORE"), unflushedDocsKey(), QByteArrayLiteral("-inf"), before},
                   [self](Reply reply) {
                       if (!self || !reply.ok())
                           return;
                       QList<QByteArray> members;
                       for (const RedisReply &m : reply.value().elements)
                           members.append(m.string);
                       if (!members.isEmpty())
                           self->d->flushList(members, [](Result<void, ServiceError>) {}, std::nullopt);
                   });
}

void DocumentUpdater::forgetDoc(const QString &projectId, const QString &docId)
{
    const DocKeys keys(projectId, docId);
    d->cache.remove(keys.tag);
    d->redis->command({QByteArrayLiteral("DEL"), keys.version(), keys.text(), keys.ops(), keys.flushed(), keys.dedup(),
                       keys.hash(), keys.unflushedSince(), keys.epoch(), keys.textVersion(), keys.aliases()});
    d->redis->command({QByteArrayLiteral("ZREM"), unflushedDocsKey(), projectId.toUtf8() + '/' + docId.toUtf8()});
}

} // namespace coauthor::sync
