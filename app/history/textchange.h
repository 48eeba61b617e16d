// textChange: the op from one text to another as the history records and a restore
// applies it — sync::textDiff's minimal edits for an ordinary change, and for a
// large one (a file rewritten, a chapter pasted over) one delete and one insert of
// the differing middle, without textDiff's search for an edit script over megabytes
// (up to maxDiffEdits rounds, each keeping a copy of its diagonals) on the history's
// and a restore's path.
#pragma once

#include "sync/ot/textoperation.h"

#include <QString>

namespace coauthor::app {

// Differing middles up to this many UTF-16 units (both sides together) get textDiff.
inline constexpr qsizetype minimalDiffUnits = 8000;

// An op with apply(before, op) == after; empty when they are equal. Never splits a surrogate pair.
sync::ot::TextOperation textChange(const QString &before, const QString &after);

} // namespace coauthor::app
