#include "sync/history/textsearch_p.h"

#include <algorithm>

namespace coauthor::sync::history {

TextSearch::TextSearch(const QString &initial, const QString &needle, Qt::CaseSensitivity cs)
    : m_text(initial), m_needle(needle), m_cs(cs)
{
    m_count = initial.count(needle, cs);
}

qsizetype TextSearch::countIn(qsizetype from, qsizetype to) const
{
    from = std::max<qsizetype>(0, from);
    to = std::min(to, m_text.size());
    if (to - from < m_needle.size())
        return 0;
    return m_text.mid(from, to - from).count(m_needle, m_cs);
}

void TextSearch::start(qint64 version)
{
    m_alive = true;
    note(version, 0);
}

bool TextSearch::apply(const ot::TextOperation &op, qint64 version)
{
    const qsizetype n = m_needle.size();
    qsizetype near = 0;
    for (const ot::Component &c : op.components()) {
        const qsizetype p = c.position;
        const qsizetype before = countIn(p - n + 1, p + (c.isInsert() ? 0 : c.length()) + n - 1);
        if (!m_text.apply(ot::TextOperation({c})).ok())
            return false;
        const qsizetype after = countIn(p - n + 1, p + (c.isInsert() ? c.length() : 0) + n - 1);
        m_count += after - before;
        near = p;
    }
    note(version, near);
    return true;
}

void TextSearch::end(qint64 version)
{
    m_alive = false;
    note(version, 0);
}

void TextSearch::note(qint64 version, qsizetype near)
{
    const bool now = present();
    if (now == m_wasPresent)
        return;
    m_wasPresent = now;
    m_transitions.append({version, now});
    if (!now || !m_context.isEmpty())
        return;
    // The line around the occurrence nearest the edit (at most 200 characters).
    const qsizetype from = std::max<qsizetype>(0, near - 2000);
    const QString window = m_text.mid(from, 4000 + m_needle.size());
    qsizetype at = window.indexOf(m_needle, std::min<qsizetype>(near - from, window.size()), m_cs);
    if (at < 0)
        at = window.lastIndexOf(m_needle, -1, m_cs);
    if (at < 0)
        return;
    qsizetype lineStart = window.lastIndexOf(QLatin1Char('\n'), at);
    lineStart = lineStart < 0 ? 0 : lineStart + 1;
    qsizetype lineEnd = window.indexOf(QLatin1Char('\n'), at + m_needle.size());
    if (lineEnd < 0)
        lineEnd = window.size();
    lineStart = std::max(lineStart, at - 100);
    lineEnd = std::min(lineEnd, at + m_needle.size() + 100);
    m_context = window.mid(lineStart, lineEnd - lineStart);
}

} // namespace coauthor::sync::history
