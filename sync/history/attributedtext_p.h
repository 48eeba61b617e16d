#pragma once
// AttributedText: a doc's text between two versions as runs the earlier version
// had (Same), runs an op inserted and runs an op deleted, each with the member
// whose op made it, built by replaying the ops: the diff's authors are exact, not
// guessed by a text diff. Positions are those of the current text (Deleted runs
// take no room in it).
#include "sync/history/historytypes.h"
#include "sync/ot/textoperation.h"

#include <list>

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
    using Runs = std::list<DiffSegment>;
    // Moves the finger to the first visible run with start <= position < end (or
    // the end): edits are mostly near the previous one, so this is short.
    void seek(qsizetype position);
    void mergeAround(Runs::iterator it);

    Runs m_runs;
    Runs::iterator m_finger = m_runs.end();
    qsizetype m_fingerAt = 0; // the visible text before m_finger
};

} // namespace coauthor::sync::history
