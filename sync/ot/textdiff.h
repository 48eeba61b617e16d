#pragma once

// textDiff: an op turning one text into another that touches only what
// differs (Myers' O(ND) shortest edit script), so that when it is transformed
// against other edits — ours made on `before` while the server moved to
// `after` — text nobody changed is neither deleted nor reinserted.

#include "sync/ot/textoperation.h"

#include <QString>

namespace coauthor::sync {

// Beyond this many differing characters (after the common prefix and suffix)
// the search would cost too much time and memory; the middle is then replaced
// as a whole.
inline constexpr qsizetype maxDiffEdits = 2000;

// An op with apply(before, op) == after; empty when they are equal. Never
// splits a surrogate pair; minimal (fewest characters deleted plus inserted)
// unless more than maxEdits differ.
ot::TextOperation textDiff(const QString &before, const QString &after, qsizetype maxEdits = maxDiffEdits);

} // namespace coauthor::sync
