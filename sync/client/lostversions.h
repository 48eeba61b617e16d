#pragma once
// LostVersions: what a client re-offers when the server lost versions it had seen
// (a rejoin answered with lostAfter, docs/protocol.md "Durability"). The ops the
// client saw after the base (its own and others', from its recent history), its op
// in flight and its pending ops become one new op on the text at the base, so
// nothing this replica has is lost and it converges with the server's new line. Pure.
#include "sync/ot/textoperation.h"

#include <QList>
#include <QString>

namespace coauthor::sync {

struct VersionedOp
{
    qint64 version = 0; // the doc's version after op
    ot::TextOperation op;
};

struct LostVersionsReoffer
{
    QString textAtBase;   // the server's text at the base, as this client knows it
    ot::TextOperation op; // everything after the base, applied to textAtBase gives text
};

// text: the client's text (its version plus its unacked ops); history: the server ops
// it applied, consecutive, the last one at version; unacked: the in-flight op and the
// pending ops, in order; serverBaseText: the server's text at base. When the history
// does not reach back to base + 1 (e.g. after the app restarted) or does not undo to
// serverBaseText, the re-offer is the one replace that turns serverBaseText into
// text (ProjectMirror::diff): coarser, but it still keeps everything.
LostVersionsReoffer reofferAfterLoss(const QString &text, qint64 version, qint64 base, const QList<VersionedOp> &history,
                                     const QList<ot::TextOperation> &unacked, const QString &serverBaseText);

} // namespace coauthor::sync
