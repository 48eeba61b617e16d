#include "sync/history/attributedtext_p.h"

namespace coauthor::sync::history {

namespace {

bool visible(const DiffSegment &s)
{
    return s.kind != DiffSegment::Kind::Deleted;
}

} // namespace

AttributedText::AttributedText(const QString &text)
{
    if (!text.isEmpty())
        m_runs.push_back(DiffSegment{DiffSegment::Kind::Same, text, {}});
    m_finger = m_runs.begin();
    m_fingerAt = 0;
}

AttributedText &AttributedText::operator=(const AttributedText &other)
{
    if (this != &other) {
        m_runs = other.m_runs;
        resetFinger();
    }
    return *this;
}

AttributedText &AttributedText::operator=(AttributedText &&other) noexcept
{
    if (this != &other) {
        m_runs = std::move(other.m_runs);
        resetFinger();
        other.m_runs.clear();
        other.resetFinger();
    }
    return *this;
}

bool AttributedText::apply(const ot::TextOperation &op, const QString &memberId)
{
    for (const ot::Component &c : op.components()) {
        const bool done = c.isInsert() ? insert(c.position, c.text, memberId) : erase(c.position, c.length(), memberId);
        if (!done)
            return false;
    }
    return true;
}

void AttributedText::seek(qsizetype position)
{
    while (m_finger != m_runs.begin() && m_fingerAt > position) {
        --m_finger;
        if (visible(*m_finger))
            m_fingerAt -= m_finger->text.size();
    }
    while (m_finger != m_runs.end() && (!visible(*m_finger) || position >= m_fingerAt + m_finger->text.size())) {
        if (visible(*m_finger))
            m_fingerAt += m_finger->text.size();
        ++m_finger;
    }
}

// Merges the run at it with its neighbours of the same kind and member (keeping
// the finger valid: it is left at the merged run, its start recomputed).
void AttributedText::mergeAround(Runs::iterator it)
{
    if (it == m_runs.end())
        return;
    auto same = [](const DiffSegment &a, const DiffSegment &b) { return a.kind == b.kind && a.memberId == b.memberId; };
    bool fingerHere = m_finger == it;
    if (it != m_runs.begin()) {
        auto before = std::prev(it);
        if (same(*before, *it)) {
            if (fingerHere && visible(*before))
                m_fingerAt -= before->text.size();
            if (m_finger == before)
                fingerHere = true;
            before->text += it->text;
            m_runs.erase(it);
            it = before;
            if (fingerHere)
                m_finger = it;
        }
    }
    auto after = std::next(it);
    if (after != m_runs.end() && same(*it, *after)) {
        if (m_finger == after) {
            m_finger = it;
            if (visible(*it))
                m_fingerAt -= it->text.size();
        }
        it->text += after->text;
        m_runs.erase(after);
    }
}

bool AttributedText::insert(qsizetype position, const QString &text, const QString &memberId)
{
    if (text.isEmpty())
        return true;
    if (position < 0)
        return false;
    seek(position);
    if (m_finger == m_runs.end() && position != m_fingerAt)
        return false;
    // Inserted after deleted runs at the same place, so a replaced word reads "old" then "new".
    auto at = m_finger;
    if (at != m_runs.end() && position > m_fingerAt) {
        DiffSegment head{at->kind, at->text.left(position - m_fingerAt), at->memberId};
        at->text.remove(0, position - m_fingerAt);
        m_runs.insert(at, std::move(head));
        m_fingerAt = position;
    }
    auto inserted = m_runs.insert(at, DiffSegment{DiffSegment::Kind::Inserted, text, memberId});
    m_finger = inserted;
    mergeAround(inserted);
    return true;
}

bool AttributedText::erase(qsizetype position, qsizetype length, const QString &memberId)
{
    if (length == 0)
        return true;
    if (position < 0)
        return false;
    seek(position);
    qsizetype at = m_fingerAt;
    auto it = m_finger;
    const qsizetype end = position + length;
    // Check the range first: all or nothing.
    {
        qsizetype reach = at;
        for (auto scan = it; scan != m_runs.end() && reach < end; ++scan)
            if (visible(*scan))
                reach += scan->text.size();
        if (reach < end)
            return false;
    }
    // The untouched run before the range and its visible start: where the finger
    // goes afterwards (merges only ever append to it).
    const auto anchor = it == m_runs.begin() ? m_runs.end() : std::prev(it);
    const qsizetype anchorAt = anchor == m_runs.end() ? 0 : at - (visible(*anchor) ? anchor->text.size() : 0);
    Runs::iterator first = m_runs.end();
    while (it != m_runs.end() && at < end) {
        if (!visible(*it)) {
            ++it;
            continue;
        }
        const qsizetype runEnd = at + it->text.size();
        const qsizetype from = std::max(position, at) - at;
        const qsizetype to = std::min(end, runEnd) - at;
        DiffSegment run = *it;
        auto next = m_runs.erase(it);
        // The part before the range, the range, the part after, in order.
        auto place = next;
        if (to < run.text.size())
            place = m_runs.insert(place, DiffSegment{run.kind, run.text.mid(to), run.memberId});
        // Text the earlier version had is shown deleted; text inserted since and
        // deleted again was in neither version.
        if (run.kind == DiffSegment::Kind::Same)
            place = m_runs.insert(place, DiffSegment{DiffSegment::Kind::Deleted, run.text.mid(from, to - from), memberId});
        if (from > 0)
            place = m_runs.insert(place, DiffSegment{run.kind, run.text.left(from), run.memberId});
        if (first == m_runs.end())
            first = place;
        at = runEnd;
        it = next;
    }
    if (first != m_runs.end()) {
        // Merge the touched neighbourhood: the anchor, the new runs, the one after.
        auto stop = it == m_runs.end() ? it : std::next(it);
        for (auto scan = anchor == m_runs.end() ? m_runs.begin() : anchor; scan != stop && scan != m_runs.end();) {
            auto next = std::next(scan);
            if (next != m_runs.end() && next->kind == scan->kind && next->memberId == scan->memberId) {
                if (stop == next)
                    stop = std::next(next);
                scan->text += next->text;
                m_runs.erase(next);
                continue;
            }
            scan = next;
        }
    }
    m_finger = anchor == m_runs.end() ? m_runs.begin() : anchor;
    m_fingerAt = anchorAt;
    return true;
}

void AttributedText::removeAll(const QString &memberId)
{
    Runs out;
    for (DiffSegment &run : m_runs) {
        if (run.kind == DiffSegment::Kind::Inserted)
            continue;
        if (run.kind == DiffSegment::Kind::Same)
            run = DiffSegment{DiffSegment::Kind::Deleted, run.text, memberId};
        if (!out.empty() && out.back().kind == run.kind && out.back().memberId == run.memberId)
            out.back().text += run.text;
        else
            out.push_back(run);
    }
    m_runs = std::move(out);
    m_finger = m_runs.begin();
    m_fingerAt = 0;
}

QString AttributedText::visibleText() const
{
    QString out;
    for (const DiffSegment &run : m_runs) {
        if (visible(run))
            out += run.text;
    }
    return out;
}

QList<DiffSegment> AttributedText::segments(qint64 maxBytes, bool *truncated) const
{
    QList<DiffSegment> out;
    qint64 bytes = 0;
    *truncated = false;
    for (const DiffSegment &run : m_runs) {
        if (run.text.isEmpty())
            continue;
        bytes += run.text.toUtf8().size();
        if (bytes > maxBytes) {
            *truncated = true;
            break;
        }
        if (!out.isEmpty() && out.last().kind == run.kind && out.last().memberId == run.memberId)
            out.last().text += run.text;
        else
            out.append(run);
    }
    return out;
}

} // namespace coauthor::sync::history
