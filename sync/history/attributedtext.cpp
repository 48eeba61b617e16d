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

bool AttributedText::insert(qsizetype position, const QString &text, const QString &memberId)
{
    if (text.isEmpty())
        return true;
    qsizetype at = 0;
    std::size_t i = 0;
    // The run the position falls in (or starts): inserted after deleted runs at the
    // same place, so a replaced word reads "old" then "new".
    for (; i < m_runs.size(); ++i) {
        if (!visible(m_runs[i]))
            continue;
        const qsizetype length = m_runs[i].text.size();
        if (position < at + length)
            break;
        at += length;
    }
    if (i == m_runs.size() && position != at)
        return false;
    if (i < m_runs.size() && position > at) {
        // Split run i at the position.
        DiffSegment tail = m_runs[i];
        tail.text = m_runs[i].text.mid(position - at);
        m_runs[i].text.truncate(position - at);
        m_runs.insert(m_runs.begin() + std::ptrdiff_t(i) + 1, tail);
        ++i;
    }
    if (i > 0 && m_runs[i - 1].kind == DiffSegment::Kind::Inserted && m_runs[i - 1].memberId == memberId) {
        m_runs[i - 1].text += text;
        return true;
    }
    m_runs.insert(m_runs.begin() + std::ptrdiff_t(i), DiffSegment{DiffSegment::Kind::Inserted, text, memberId});
    return true;
}

bool AttributedText::erase(qsizetype position, qsizetype length, const QString &memberId)
{
    if (length == 0)
        return true;
    std::vector<DiffSegment> out;
    out.reserve(m_runs.size() + 2);
    qsizetype at = 0;
    const qsizetype end = position + length;
    auto push = [&out](DiffSegment s) {
        if (s.text.isEmpty())
            return;
        if (!out.empty() && out.back().kind == s.kind && out.back().memberId == s.memberId)
            out.back().text += s.text;
        else
            out.push_back(std::move(s));
    };
    for (const DiffSegment &run : m_runs) {
        if (!visible(run)) {
            push(run);
            continue;
        }
        const qsizetype runEnd = at + run.text.size();
        if (runEnd <= position || at >= end) {
            push(run);
        } else {
            const qsizetype from = std::max(position, at) - at;
            const qsizetype to = std::min(end, runEnd) - at;
            push(DiffSegment{run.kind, run.text.left(from), run.memberId});
            // Text the earlier version had is shown deleted; text inserted since and
            // deleted again was in neither version.
            if (run.kind == DiffSegment::Kind::Same)
                push(DiffSegment{DiffSegment::Kind::Deleted, run.text.mid(from, to - from), memberId});
            push(DiffSegment{run.kind, run.text.mid(to), run.memberId});
        }
        at = runEnd;
    }
    if (at < end)
        return false;
    m_runs = std::move(out);
    return true;
}

void AttributedText::removeAll(const QString &memberId)
{
    std::vector<DiffSegment> out;
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
