#pragma once
// The values the document-updater takes and gives: an update a client sends, the
// update as applied (acked to the sender, fanned out to everyone), a doc snapshot.
#include "sync/ot/textoperation.h"

#include <QList>
#include <QString>

namespace coauthor::sync {

// What a client sends: op made on the doc at baseVersion; (clientId, seq) identifies
// it for deduplication of resends at any age.
struct DocUpdate
{
    QString docId;
    qint64 baseVersion = 0;
    ot::TextOperation op;
    QString clientId;
    qint64 seq = 0;
    // When the client says the op was typed (ms since the epoch; 0: not said). Kept
    // with the op for the history, which clamps it (Docstore::storeDoc).
    qint64 madeAt = 0;
    // The version the client typed it on, when older than baseVersion (an edit made
    // offline and rebased before it was sent; -1: baseVersion): the history's
    // lower bound for madeAt.
    qint64 typedOnVersion = -1;
    qint64 timeBase() const
    {
        return typedOnVersion >= 0 && typedOnVersion < baseVersion ? typedOnVersion : baseVersion;
    }
};

// An update as applied: version is the doc's version AFTER it; op is as applied
// (transformed). duplicate: a resend of an already applied (clientId, seq): not
// applied again, version is the one it got then, op is the resent op.
struct AppliedUpdate
{
    QString projectId;
    QString docId;
    qint64 version = 0;
    ot::TextOperation op;
    QString clientId;
    qint64 seq = 0;
    qint64 timestamp = 0; // ms since the epoch
    bool duplicate = false;
};

struct DocSnapshot
{
    QString projectId;
    QString docId;
    QString path;
    QString text;
    qint64 version = 0;
};

// joinDoc's answer: the doc at snapshot.version and, when fromVersion was given, the
// ops fromVersion+1 .. snapshot.version in order (so a rejoining client can rebase).
// When those are more than a page (DocumentUpdaterOptions::joinPageOps/Bytes), missed
// holds the first page only and more is true: ask again from its last version.
struct DocJoin
{
    DocSnapshot snapshot;
    QList<AppliedUpdate> missed;
    bool more = false;
    // The doc's epoch in Redis and the version it began at: a version of an earlier
    // epoch above epochBase may name an op this epoch does not have (docs/protocol.md).
    QString epoch;
    qint64 epochBase = 0;
    // joinDoc from a version of another epoch above epochBase: the versions after
    // lostAfter (= epochBase) that the client saw are lost; missed starts after it.
    std::optional<qint64> lostAfter;
    QString baseText; // with lostAfter: the text at lostAfter
};

} // namespace coauthor::sync
