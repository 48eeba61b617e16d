#pragma once
// AttributedText: a doc's text between two versions as runs the earlier version
// had (Same), runs an op inserted and runs an op deleted, each with the member
// whose op made it, built by replaying the ops: the diff's authors are exact, not
// guessed by a text diff. Positions are those of the current text (Deleted runs
// take no room in it).
#include "sync/history/historytypes.h"
#include "sync/ot/textoperation.h"

#include <vector>

namespace coauthor::sync::history {

class AttributedText
{
public:
    AttributedText() = default;
    explicit AttributedText(const QString &text);

    // False (changing nothing more) when a component is out of range.
    bool apply(const ot::TextOperation &op, const QString &memberId);
    bool insert(qsizetype position, const QString &text, const QString &memberId);
    bool erase(qsizetype position, qsizetype length, const QString &memberId);
    // Everything is deleted by memberId (the doc was removed).
    void removeAll(const QString &memberId);

    // Adjacent runs of one kind and member merged; stops after maxBytes of UTF-8.
    QList<DiffSegment> segments(qint64 maxBytes, bool *truncated) const;

private:
    std::vector<DiffSegment> m_runs;
};

} // namespace coauthor::sync::history
