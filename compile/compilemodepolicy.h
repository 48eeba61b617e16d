#pragma once

#include "compile/compileresult.h"
#include "compile/compilerequest.h"

namespace coauthor::compile {

// The caller's rule for choosing the sync type: Full at first and after any
// non-success (the compile directory may be gone or stale), Incremental after a Success.
class CompileModePolicy
{
public:
    SyncType nextSyncType() const;
    void recordResult(CompileStatus status);

private:
    bool m_lastSucceeded = false;
};

} // namespace coauthor::compile
