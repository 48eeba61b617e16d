#include "sync/client/lostversions.h"

#include "sync/ot/operations.h"

namespace coauthor::sync {

Result<LostVersionsReoffer, QString> reofferAfterLoss(const QString &text, qint64 version, qint64 base,
                                                      const QList<VersionedOp> &history,
                                                      const QList<ot::TextOperation> &unacked)
{
    using R = Result<LostVersionsReoffer, QString>;
    if (base > version)
        return R::failure(QStringLiteral("the server's base %1 is after our version %2").arg(base).arg(version));
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
        return R::failure(QStringLiteral("our history does not reach back to version %1").arg(base + 1));
    for (const ot::TextOperation &op : unacked)
        all = ot::compose(all, op);
    auto atBase = ot::apply(text, ot::invert(all));
    if (!atBase)
        return R::failure(QStringLiteral("our ops since version %1 do not undo on our text: %2").arg(base).arg(atBase.error().message));
    return R::success(LostVersionsReoffer{atBase.takeValue(), ot::normalize(all)});
}

} // namespace coauthor::sync
