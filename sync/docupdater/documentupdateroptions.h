#pragma once
// DocumentUpdaterOptions: limits and flush policy of the document-updater; the
// defaults are the production ones, tests shorten the timings.
#include <QtGlobal>

namespace coauthor::sync {

struct DocumentUpdaterOptions
{
    qsizetype maxDocBytes = 2 * 1024 * 1024; // UTF-8 bytes after the op is applied
    qsizetype maxComponents = 1000;
    int recentOpsKept = 200;          // ops kept in Redis per doc (unflushed ones always are)
    int flushEveryOps = 100;          // flush a doc once it has this many unflushed ops
    int flushAfterMs = 5 * 60 * 1000; // flush a doc whose first unflushed op is this old
    int flushScanIntervalMs = 30 * 1000;
    int lastClientGraceMs = 10 * 1000; // flush a project this long after its last client left
    int lockTtlMs = 30 * 1000;
    int lockWaitMs = 10 * 1000; // give up (storage_unavailable) after waiting this long for a doc lock
    // After a join learns that Redis lost versions, writers wait this long so that
    // replicas can restore them verbatim first (DocumentUpdater::restoreLost).
    int restoreWindowMs = 1500;
    int dedupTtlSeconds = 7 * 24 * 3600; // Redis dedup entries; older ones are found in the docstore
    // A rejoin (joinDoc fromVersion) answers at most this many ops / bytes of op JSON
    // at a time; a client further behind catches up page by page (docs/protocol.md).
    qsizetype joinPageOps = 20000;
    qsizetype joinPageBytes = 4 * 1024 * 1024;
};

} // namespace coauthor::sync
