#include "sync/client/lostversions.h"

#include "sync/client/projectmirror.h"
#include "sync/ot/operations.h"

#include <optional>

namespace coauthor::sync {

namespace {

// The ops after base as this client saw them, composed with its unacked ones, and the
// text at base they imply; nothing when the history does not reach back to base + 1.
std::optional<LostVersionsReoffer> fromHistory(const QString &text, qint64 version, qint64 base,
                                               const QList<VersionedOp> &history, const QList<ot::TextOperation> &unacked)
{
    if (base > version)
        return std::nullopt;
    ot::TextOperation all;
    qint64 next = base + 1;
    for (const VersionedOp &h : history) {
        if (h.version < next)
            continue;
        if (h.version != next)
            break;
        all = ot::compose(all, h.op);
        ++next;
    }
    if (next != version + 1)
        return std::nullopt;
    for (const ot::TextOperation &op : unacked)
        all = ot::compose(all, op);
    auto atBase = ot::apply(text, ot::invert(all));
    if (!atBase)
        return std::nullopt;
    return LostVersionsReoffer{atBase.takeValue(), ot::normalize(all)};
}

} // namespace

LostVersionsReoffer reofferAfterLoss(const QString &text, qint64 version, qint64 base, const QList<VersionedOp> &history,
                                     const QList<ot::TextOperation> &unacked, const QString &serverBaseText)
{
    if (auto exact = fromHistory(text, version, base, history, unacked); exact && exact->textAtBase == serverBaseText)
        return *exact;
    return LostVersionsReoffer{serverBaseText, ProjectMirror::diff(serverBaseText, text)};
}

} // namespace coauthor::sync
