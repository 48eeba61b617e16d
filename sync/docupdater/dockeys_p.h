#pragma once
// DocKeys: the Redis keys of one doc. They share the hash tag {doc:<project>:<doc>}
// so a Redis Cluster keeps them in one slot and one Lua script can touch them all.
#include <QByteArray>
#include <QString>

namespace coauthor::sync {

struct DocKeys
{
    DocKeys(const QString &projectId, const QString &docId)
        : tag("{doc:" + projectId.toUtf8() + ':' + docId.toUtf8() + '}')
    {
    }
    QByteArray tag;
    QByteArray lock() const { return tag + ":lock"; }
    QByteArray version() const { return tag + ":version"; }
    QByteArray text() const { return tag + ":text"; }       // the text at textVersion (not every op rewrites it)
    QByteArray textVersion() const { return tag + ":textVersion"; }
    QByteArray ops() const { return tag + ":ops"; } // recent ops, JSON, oldest first; all after textVersion and flushed
    QByteArray flushed() const { return tag + ":flushed"; } // version known to be in the docstore
    QByteArray dedup() const { return tag + ":dedup"; }     // hash clientId -> "seq:version" of its last op
    QByteArray hash() const { return tag + ":hash"; }       // SHA-1 of the UTF-8 text at textVersion
    QByteArray unflushedSince() const { return tag + ":unflushedSince"; } // ms of the first unflushed op
    QByteArray epoch() const { return tag + ":epoch"; }     // random per load; guards caches across FLUSHALL
    // hash lost epoch -> "<epoch> <version>": the epoch named restored the lost one's
    // versions verbatim up to version (restoreLost), so they are shared history.
    QByteArray aliases() const { return tag + ":aliases"; }
};

// Not in any doc's slot: the docs with unflushed ops (member "project/doc", score =
// first unflushed time) for the periodic and shutdown flushes.
inline QByteArray unflushedDocsKey()
{
    return QByteArrayLiteral("coauthor:unflushed");
}

inline QByteArray projectChannel(const QString &projectId)
{
    return "coauthor:project:" + projectId.toUtf8();
}

} // namespace coauthor::sync
