#pragma once
// The Lua scripts of the document-updater. Each runs atomically in Redis, so a
// read sees one consistent version and a write is all or nothing. A script's
// reply is an array read by position; the struct after each script names its
// fields (fromRedis), so callers never index a reply themselves.
#include "sync/redis/redisreply.h"

#include <QByteArray>
#include <QList>

namespace coauthor::sync::docscripts {

// KEYS lock version text ops flushed dedup epoch textVersion [aliases]
// ARGV token ('' = no lock) ttlMs cachedVersion cachedEpoch baseVersion(-1 = none) clientId nonce fromEpoch windowMs
// -> {'locked'} | {'missing'} | {'ok', version, text|nil, {ops...}, dedup|nil, epoch, textVersion, alias|nil}
// alias: with the optional aliases key and fromEpoch, what restoreLost recorded for
// fromEpoch ("<epoch> <version>").
// The text (at textVersion) is left out when the caller's cache (version + epoch) is
// current; ops are those after baseVersion and, with the text, after textVersion too.
// Epochs: "<run>-<base>-<nonce>", run = the first 12 hex digits of this redis-server's
// run_id (new at every start), base = the version the epoch began at. The first read
// after Redis (re)started begins a new epoch at the version Redis still has: a Redis
// that lost its last writes may then reuse no version number of the lost ones without
// the epoch telling (see docs/protocol.md, "Durability"). A new epoch opens a restore
// window of windowMs: the doc's lock is held under a "restore:" token, so writers
// wait while the replicas that saw versions Redis may have lost give them back
// (restore). The epoch is settled before the caller's lock is taken, so that a
// writer cannot slip in at the new base.
inline const QByteArray read = QByteArrayLiteral(R"lua(
local v = redis.call('GET', KEYS[2])
local epoch = redis.call('GET', KEYS[7]) or ''
if v then
  local run = string.sub(string.match(redis.call('INFO', 'server'), 'run_id:(%x+)') or '', 1, 12)
  if string.sub(epoch, 1, 13) ~= run .. '-' then
    epoch = run .. '-' .. v .. '-' .. (ARGV[7] or '0')
    redis.call('SET', KEYS[7], epoch)
    if tonumber(ARGV[9] or '0') > 0 then
      redis.call('SET', KEYS[1], 'restore:' .. (ARGV[7] or '0'), 'NX', 'PX', ARGV[9])
    end
  end
end
if ARGV[1] ~= '' then
  local holder = redis.call('GET', KEYS[1])
  if holder == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
  elseif not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
    return {'locked'}
  end
end
if not v then return {'missing'} end
local tv = tonumber(redis.call('GET', KEYS[8]) or v)
local from = tonumber(ARGV[5])
local alias = false
if KEYS[9] and (ARGV[8] or '') ~= '' then alias = redis.call('HGET', KEYS[9], ARGV[8]) end
-- From another epoch, only the versions up to those it shares with this one are
-- the caller's: the ops after them are what it is answered with.
if from >= 0 and (ARGV[8] or '') ~= '' and ARGV[8] ~= epoch then
  local shared = tonumber(string.match(epoch, '^%x*%-(%d+)%-') or '0')
  if alias then
    local e, upTo = string.match(alias, '^(%S+) (%d+)$')
    if e == epoch and tonumber(upTo) > shared then shared = tonumber(upTo) end
  end
  if from > shared then from = shared end
end
local text = false
if v ~= ARGV[3] or epoch ~= ARGV[4] then
  text = redis.call('GET', KEYS[3])
  if from < 0 or tv < from then from = tv end
end
local ops = {}
if from >= 0 then
  local n = tonumber(v) - from
  if n > 0 then ops = redis.call('LRANGE', KEYS[4], -n, -1) end
end
local dedup = false
if ARGV[6] ~= '' then dedup = redis.call('HGET', KEYS[6], ARGV[6]) end
return {'ok', v, text, ops, dedup, epoch, tv, alias}
)lua");

struct ReadReply
{
    enum class Status { Ok, Locked, Missing };
    Status status = Status::Ok;
    qint64 version = 0;
    bool textIsNil = false;    // left out: the caller's cache is current (or Redis lost the key)
    QByteArray text;           // UTF-8, at textVersion
    QList<RedisReply> ops;     // JSON entries, oldest first
    QByteArray lastOfClient;   // "seq:version" of the client's last op; empty when unknown
    QByteArray epoch;
    qint64 textVersion = 0;
    QByteArray alias;          // "<epoch> <version>" or empty

    // The version the epoch began at (see above); every version up to it is shared by
    // all epochs that came before, later ones are this epoch's own.
    static qint64 epochBase(const QByteArray &epoch)
    {
        const QList<QByteArray> parts = epoch.split('-');
        return parts.size() >= 3 ? parts.at(1).toLongLong() : 0;
    }

    static ReadReply fromRedis(const RedisReply &reply)
    {
        const QList<RedisReply> &r = reply.elements;
        ReadReply out;
        const QByteArray status = r.value(0).string;
        out.status = status == "locked" ? Status::Locked : status == "missing" ? Status::Missing : Status::Ok;
        out.version = r.value(1).toInteger();
        out.textIsNil = r.value(2).isNil();
        out.text = r.value(2).string;
        out.ops = r.value(3).elements;
        out.lastOfClient = r.value(4).string;
        out.epoch = r.value(5).string;
        out.textVersion = r.value(6).toInteger();
        out.alias = r.value(7).string;
        return out;
    }
};

// Drops a doc's state when Redis still holds the version it was found at (it was
// found behind the docstore: the next read loads the docstore's).
// KEYS version text ops flushed hash epoch unflushedSince textVersion dedup   ARGV version
inline const QByteArray dropIfAt = QByteArrayLiteral(R"lua(
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', unpack(KEYS))
return 1
)lua");

// Loads a doc into Redis unless another instance already did.
// KEYS version text ops flushed hash epoch unflushedSince textVersion   ARGV version text epoch
inline const QByteArray init = QByteArrayLiteral(R"lua(
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SET', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[3], KEYS[7])
redis.call('SET', KEYS[4], ARGV[1])
redis.call('SET', KEYS[5], redis.sha1hex(ARGV[2]))
redis.call('SET', KEYS[6], ARGV[3])
redis.call('SET', KEYS[8], ARGV[1])
return 1
)lua");

// Stores one applied op, releases the lock and publishes, only if the caller still
// holds the lock and the doc is still at the version the op was transformed to.
// The text is rewritten only when ARGV[12] is '1' (every N ops):
// readers rebuild the current text from the text at textVersion plus the ops after it.
// KEYS lock version text ops flushed dedup hash unflushedSince textVersion
// ARGV token expectedVersion newText opEntry clientId dedupValue nowMs recentKept channel payload dedupTtl writeText
// -> {-1} lock lost | {-2} version moved | {newVersion, unflushedCount}
inline const QByteArray write = QByteArrayLiteral(R"lua(
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {-1} end
local v = tonumber(redis.call('GET', KEYS[2]) or '-1')
if v ~= tonumber(ARGV[2]) then return {-2} end
v = v + 1
redis.call('SET', KEYS[2], v)
if ARGV[12] == '1' then
  redis.call('SET', KEYS[3], ARGV[3])
  redis.call('SET', KEYS[9], v)
  redis.call('SET', KEYS[7], redis.sha1hex(ARGV[3]))
end
redis.call('RPUSH', KEYS[4], ARGV[4])
local flushed = tonumber(redis.call('GET', KEYS[5]) or '0')
local tv = tonumber(redis.call('GET', KEYS[9]) or v)
local keep = math.max(tonumber(ARGV[8]), v - flushed, v - tv)
redis.call('LTRIM', KEYS[4], -keep, -1)
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[6], ARGV[5], ARGV[6])
  redis.call('EXPIRE', KEYS[6], ARGV[11])
end
redis.call('SET', KEYS[8], ARGV[7], 'NX')
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[9], ARGV[10])
return {v, v - flushed}
)lua");

struct WriteReply
{
    bool written = false;      // false: the lock was lost or the doc moved on; nothing was written
    qint64 version = 0;        // the doc's version after the op
    qint64 unflushedOps = 0;   // ops the docstore does not have yet

    static WriteReply fromRedis(const RedisReply &reply)
    {
        const qint64 code = reply.elements.value(0).toInteger();
        return WriteReply{code >= 0, code, reply.elements.value(1).toInteger()};
    }
};

// The fast path: applies a batch of ops that the instance transformed and applied
// to its cached copy of the doc at expectedVersion, in one round trip and without
// the lock. It is a compare-and-set: nothing is written unless the doc is unlocked
// (no slow-path writer holds it), still at expectedVersion with the same epoch, and
// every op is newer than its client's last recorded one (anything else - a resend,
// a client Redis does not know - takes the slow path, which asks the full history).
// Then each op is appended, recorded for dedup and published, the text is rewritten
// when ARGV[7] is '1', and the doc is marked unflushed.
// KEYS lock version text ops flushed dedup hash unflushedSince textVersion epoch
// ARGV expectedVersion epoch nowMs recentKept channel dedupTtl writeText text n,
//      then n times: entry clientId seq payload
// -> {'locked'} | {'missing'} | {'moved'} | {'dedup'} | {'ok', newVersion, unflushedCount}
inline const QByteArray applyBatch = QByteArrayLiteral(R"lua(
if redis.call('EXISTS', KEYS[1]) == 1 then return {'locked'} end
local v = redis.call('GET', KEYS[2])
if not v then return {'missing'} end
if v ~= ARGV[1] or (redis.call('GET', KEYS[10]) or '') ~= ARGV[2] then return {'moved'} end
local n = tonumber(ARGV[9])
for i = 0, n - 1 do
  local c = ARGV[11 + 4 * i]
  if c ~= '' then
    local last = redis.call('HGET', KEYS[6], c)
    if not last then return {'dedup'} end
    local s = tonumber(string.match(last, '^(%-?%d+):'))
    if not s or s >= tonumber(ARGV[12 + 4 * i]) then return {'dedup'} end
  end
end
v = tonumber(v)
for i = 0, n - 1 do
  local b = 10 + 4 * i
  v = v + 1
  redis.call('RPUSH', KEYS[4], ARGV[b])
  if ARGV[b + 1] ~= '' then redis.call('HSET', KEYS[6], ARGV[b + 1], ARGV[b + 2] .. ':' .. v) end
  redis.call('PUBLISH', ARGV[5], ARGV[b + 3])
end
redis.call('SET', KEYS[2], v)
if ARGV[7] == '1' then
  redis.call('SET', KEYS[3], ARGV[8])
  redis.call('SET', KEYS[9], v)
  redis.call('SET', KEYS[7], redis.sha1hex(ARGV[8]))
end
local flushed = tonumber(redis.call('GET', KEYS[5]) or '0')
local tv = tonumber(redis.call('GET', KEYS[9]) or v)
local keep = math.max(tonumber(ARGV[4]), v - flushed, v - tv)
redis.call('LTRIM', KEYS[4], -keep, -1)
redis.call('EXPIRE', KEYS[6], ARGV[6])
redis.call('SET', KEYS[8], ARGV[3], 'NX')
return {'ok', v, v - flushed}
)lua");

struct ApplyBatchReply
{
    QByteArray status;         // "ok", or why nothing was written: "locked", "missing", "moved", "dedup"
    qint64 version = 0;        // ok: the doc's version after the batch
    qint64 unflushedOps = 0;   // ok: ops the docstore does not have yet

    bool ok() const { return status == "ok"; }
    static ApplyBatchReply fromRedis(const RedisReply &reply)
    {
        const QList<RedisReply> &r = reply.elements;
        return ApplyBatchReply{r.value(0).string, r.value(1).toInteger(), r.value(2).toInteger()};
    }
};

// Appends a lost epoch's ops verbatim (restoreLost): only if the doc is unlocked
// (or held by the restore window that joinDoc opens, token "restore:..."),
// still at expectedVersion in the epoch the caller read, so they get the version
// numbers they had. Records the alias and rewrites the text. The authors' dedup
// records are dropped, not set: their next op takes the slow path, which finds a
// resend of a restored op in the ops (a restore can never make an op a duplicate).
// KEYS lock version text ops flushed hash unflushedSince textVersion epoch aliases dedup
// ARGV expectedVersion epoch nowMs recentKept channel text lostEpoch aliasValue n,
//      then n times: entry payload clientId
// -> {'locked'} | {'missing'} | {'moved'} | {'ok', newVersion, unflushedCount}
inline const QByteArray restore = QByteArrayLiteral(R"lua(
local holder = redis.call('GET', KEYS[1])
if holder and string.sub(holder, 1, 8) ~= 'restore:' then return {'locked'} end
local v = redis.call('GET', KEYS[2])
if not v then return {'missing'} end
if v ~= ARGV[1] or (redis.call('GET', KEYS[9]) or '') ~= ARGV[2] then return {'moved'} end
local n = tonumber(ARGV[9])
v = tonumber(v)
for i = 0, n - 1 do
  local b = 10 + 3 * i
  v = v + 1
  redis.call('RPUSH', KEYS[4], ARGV[b])
  redis.call('PUBLISH', ARGV[5], ARGV[b + 1])
  if ARGV[b + 2] ~= '' then redis.call('HDEL', KEYS[11], ARGV[b + 2]) end
end
redis.call('SET', KEYS[2], v)
redis.call('SET', KEYS[3], ARGV[6])
redis.call('SET', KEYS[8], v)
redis.call('SET', KEYS[6], redis.sha1hex(ARGV[6]))
local flushed = tonumber(redis.call('GET', KEYS[5]) or '0')
local keep = math.max(tonumber(ARGV[4]), v - flushed)
redis.call('LTRIM', KEYS[4], -keep, -1)
redis.call('HSET', KEYS[10], ARGV[7], ARGV[8])
redis.call('SET', KEYS[7], ARGV[3], 'NX')
return {'ok', v, v - flushed}
)lua");

// Records that lostEpoch shares this epoch's versions up to version, unless a
// larger share of it is on record for this epoch already.
// KEYS aliases   ARGV lostEpoch epoch version
inline const QByteArray raiseAlias = QByteArrayLiteral(R"lua(
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then
  local e, v = string.match(old, '^(%S+) (%d+)$')
  if e == ARGV[2] and tonumber(v) >= tonumber(ARGV[3]) then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. ARGV[3])
return 1
)lua");

// KEYS lock   ARGV token
inline const QByteArray release = QByteArrayLiteral(R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua");

// A consistent snapshot for a flush: the text at textVersion and the ops after
// min(flushed, textVersion).
// KEYS version text ops flushed textVersion
// -> {'missing'} | {'ok', version, text, {ops...}, flushed, textVersion}
inline const QByteArray flushRead = QByteArrayLiteral(R"lua(
local v = redis.call('GET', KEYS[1])
if not v then return {'missing'} end
local flushed = tonumber(redis.call('GET', KEYS[4]) or '0')
local tv = tonumber(redis.call('GET', KEYS[5]) or v)
local ops = {}
local n = tonumber(v) - math.min(flushed, tv)
if n > 0 then ops = redis.call('LRANGE', KEYS[3], -n, -1) end
return {'ok', v, redis.call('GET', KEYS[2]) or '', ops, flushed, tv}
)lua");

struct FlushReadReply
{
    bool found = false; // false: the doc is not in Redis
    qint64 version = 0;
    QByteArray text;       // UTF-8, at textVersion
    QList<RedisReply> ops; // JSON entries, oldest first
    qint64 flushed = 0;    // the docstore has every op up to this version
    qint64 textVersion = 0;

    static FlushReadReply fromRedis(const RedisReply &reply)
    {
        const QList<RedisReply> &r = reply.elements;
        return FlushReadReply{r.value(0).string == "ok", r.value(1).toInteger(), r.value(2).string, r.value(3).elements,
                              r.value(4).toInteger(), r.value(5).toInteger()};
    }
};

// Records that the docstore has everything up to ARGV[1].
// KEYS flushed version unflushedSince -> 1 when nothing is left unflushed
inline const QByteArray flushed = QByteArrayLiteral(R"lua(
local f = tonumber(redis.call('GET', KEYS[1]) or '0')
local v = tonumber(ARGV[1])
if f < v then redis.call('SET', KEYS[1], v) end
if tonumber(redis.call('GET', KEYS[2]) or '0') <= v then
  redis.call('DEL', KEYS[3])
  return 1
end
return 0
)lua");

struct FlushedReply
{
    bool nothingLeft = false; // every op is in the docstore: the doc leaves the unflushed set

    static FlushedReply fromRedis(const RedisReply &reply) { return FlushedReply{reply.toInteger() == 1}; }
};

} // namespace coauthor::sync::docscripts
