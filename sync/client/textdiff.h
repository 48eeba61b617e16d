#pragma once
// textDiff moved to sync_ot (the history's long diffs use it too, and sync_history
// sits below sync_client); this header keeps the client's includes working.
#include "sync/ot/textdiff.h"
