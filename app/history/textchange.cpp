#include "app/history/textchange.h"

#include "sync/client/textdiff.h"

namespace coauthor::app {

sync::ot::TextOperation textChange(const QString &before, const QString &after)
{
    const qsizetype common = std::min(before.size(), after.size());
    qsizetype prefix = 0;
    while (prefix < common && before.at(prefix) == after.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < common - prefix && before.at(before.size() - 1 - suffix) == after.at(after.size() - 1 - suffix))
        ++suffix;
    // Not between the two halves of a surrogate pair, at either cut.
    while (prefix > 0 && QChar::isHighSurrogate(before.at(prefix - 1).unicode()))
        --prefix;
    while (suffix > 0 && QChar::isLowSurrogate(before.at(before.size() - suffix).unicode()))
        --suffix;
    const qsizetype removed = before.size() - prefix - suffix;
    const qsizetype added = after.size() - prefix - suffix;
    if (removed + added <= minimalDiffUnits)
        return sync::textDiff(before, after);
    sync::ot::TextOperation op;
    op.append(sync::ot::Component::erase(prefix, before.mid(prefix, removed)));
    op.append(sync::ot::Component::insert(prefix, after.mid(prefix, added)));
    return op;
}

} // namespace coauthor::app
