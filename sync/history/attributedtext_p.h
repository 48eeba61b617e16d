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
    // The finger is an iterator into m_runs: a copied or moved-from finger would point
    // into the other object's list (its end() is that object's own), so it starts over.
    AttributedText(const AttributedText &other) : m_runs(other.m_runs) {}
    AttributedText(AttributedText &&other) noexcept : m_runs(std::move(other.m_runs)) { other.resetFinger(); }
    AttributedText &operator=(const AttributedText &other);
    AttributedText &operator=(AttributedText &&other) noexcept;

    // False (changing nothing more) when a component is out of range.
    bool apply(const ot::TextOperation &op, const QString &memberId);
    bool insert(qsizetype position, const QString &text, const QString &memberId);
    bool erase(qsizetype position, qsizetype length, const QString &memberId);
    // Everything is deleted by memberId (the doc was removed).
    void removeAll(const QString &memberId);

    // The text of the later version (Same and Inserted runs).
    QString visibleText() const;
    // Adjacent runs of one kind and member merged; stops after maxBytes of UTF-8.
    QList<DiffSegment> segments(qint64 maxBytes, bool *truncated) const;

private:
    using Runs = std::list<DiffSegment>;
    // Moves the finger to the first visible run with start <= position < end (or
    // the end): edits are mostly near the previous one, so this is short.
    void seek(qsizetype position);
    void mergeAround(Runs::iterator it);
    void resetFinger()
    {
        m_finger = m_runs.begin();
        m_fingerAt = 0;
    }

    Runs m_runs;
    Runs::iterator m_finger = m_runs.begin();
    qsizetype m_fingerAt = 0; // the visible text before m_finger
};

} // namespace coauthor::sync::history
