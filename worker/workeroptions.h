#pragma once
// WorkerOptions: how a compile worker takes jobs, how long it holds them and what it
// stores. The defaults are the production ones; tests shorten the timings.
#include "compile/sandbox.h"

#include <QString>

namespace coauthor::worker {

struct WorkerOptions
{
    QString name;    // the consumer name in the group; empty: "<host>-<pid>"
    QString workDir; // compile directories and the file cache
    // A job pending this long without its worker's heartbeat is taken by another worker.
    int claimIdleMs = 60 * 1000;
    int heartbeatMs = 0;         // <= 0: claimIdleMs / 4
    int lockTtlMs = 60 * 1000;   // the project's lock, renewed at every heartbeat
    int readBlockMs = 2000;      // XREADGROUP BLOCK; stale jobs are looked for between reads
    int lockRetryMs = 200;       // a job whose project is compiling elsewhere waits this long between tries
    int compileTimeoutSeconds = 180;
    int maxDeliveries = 3;       // a job given to more workers than this is failed, not retried
    qint64 maxOutputBytes = 64LL << 20; // PDF + SyncTeX stored in Redis at most
    int resultTtlSeconds = 24 * 3600;
    int outputTtlSeconds = 3600;
    compile::SandboxLimits limits;
};

} // namespace coauthor::worker
