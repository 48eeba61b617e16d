#include "compile/compilemodepolicy.h"

namespace coauthor::compile {

SyncType CompileModePolicy::nextSyncType() const
{
    return m_lastSucceeded ? SyncType::Incremental : SyncType::Full;
}

void CompileModePolicy::recordResult(CompileStatus status)
{
    // Busy says nothing about the compile directory: the running compile will
    // report its own result, so keep the current choice.
    if (status == CompileStatus::Busy)
        return;
    m_lastSucceeded = status == CompileStatus::Success;
}

} // namespace coauthor::compile
