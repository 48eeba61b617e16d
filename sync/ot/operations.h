#pragma once

// The OT functions of the text type: apply, transform, transformPosition,
// compose, invert, normalize. Pure functions over values; see docs/protocol.md.

#include "sync/ot/oterror.h"
#include "sync/common/result.h"
#include "sync/ot/textoperation.h"

#include <QString>

namespace coauthor::sync::ot {

// Applies op to text. Fails without a partial result when a position is out of
// range or splits a surrogate pair (PositionOutOfRange), when a delete's text is
// not the text at its position (DeleteMismatch), or when an insert carries a lone
// surrogate (LoneSurrogate).
Result<QString, OtError> apply(const QString &text, const TextOperation &op);

// Size limits on one op, for everything that arrives from another process (the
// defaults are the server's; trusted peers pass larger ones).
struct OpLimits
{
    qsizetype maxComponents = 1000;
    qsizetype maxTextLength = 2 * 1024 * 1024; // UTF-16 code units, summed over the op
};

// Checks an op built in memory before it is applied to a document of
// documentLength UTF-16 units, without the text: every position non-negative
// (NegativePosition) and inside the document as the op's earlier components
// leave it, every delete range too (PositionOutOfRange), no empty component
// (EmptyComponent), no lone surrogate in inserted or deleted text
// (LoneSurrogate), and the limits (TooManyComponents, TextTooLong). What needs
// the text itself, a delete's text matching and surrogate pairs not being split,
// apply() and TextBuffer::apply() check. operationFromJson() checks the same
// op-local rules while decoding.
Result<void, OtError> validate(const TextOperation &op, qsizetype documentLength, const OpLimits &limits = {});

// Which op wins an insert-insert tie at the same position: Side::Left puts op's
// insert first. Server and clients choose it with tieBreak().
enum class Side { Left, Right };

// The side for an op of author (a clientId) transformed against a concurrent
// op of otherAuthor: the author whose clientId sorts first (UTF-16 order) keeps
// its inserts first, whichever op reached the server first, so two people
// typing at one place keep their runs whole. The choice depends only on the
// pair, and swapping the authors swaps the side, so every pair converges.
// Equal authors (never concurrent, but ops without clientId are): sameAuthor.
Side tieBreak(QStringView author, QStringView otherAuthor, Side sameAuthor);

// The other side.
constexpr Side opposite(Side side)
{
    return side == Side::Left ? Side::Right : Side::Left;
}

// op and other were made concurrently on the same text; returns op rewritten to
// apply after other. Both ops are assumed valid on that text.
TextOperation transform(const TextOperation &op, const TextOperation &other, Side side);

// Where a cursor at pos ends up after op. An insert exactly at pos pushes the
// cursor right only if moveOnInsertAtPos; a cursor inside deleted text goes to
// the start of the deletion.
qsizetype transformPosition(qsizetype pos, const TextOperation &op, bool moveOnInsertAtPos = false);

// One op with the effect of first then second: apply(compose(a, b)) == apply(apply(a), b).
TextOperation compose(const TextOperation &first, const TextOperation &second);

// The op that undoes op: apply(apply(s, op), invert(op)) == s.
TextOperation invert(const TextOperation &op);

// The same edit with adjacent components merged and empty ones dropped.
TextOperation normalize(const TextOperation &op);

} // namespace coauthor::sync::ot
