#pragma once
// wordDiff: the shortest edit between two texts found word by word, then character
// by character inside each replaced stretch: the history's long diffs take a whole
// change of a paper at once, and a change that edited several places leaves a middle
// (between the common prefix and suffix) of thousands of characters, where the
// character-level search gives up after its edit budget and shows all of it replaced.
#include "sync/ot/textoperation.h"

#include <QString>

namespace coauthor::sync::history {

// An op with apply(before, op) == after.
ot::TextOperation wordDiff(const QString &before, const QString &after, qsizetype maxEdits);

} // namespace coauthor::sync::history
