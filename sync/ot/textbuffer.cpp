#include "sync/ot/textbuffer.h"

#include "sync/ot/utf16_p.h"

#include <algorithm>
#include <cstring>

namespace coauthor::sync::ot {

namespace {

// Spare room kept after a growth so that typing does not reallocate per keystroke.
constexpr qsizetype MinimumGap = 4096;

const char16_t *units(const QString &s)
{
    return QStringView(s).utf16();
}

OtError error(OtError::Code code, qsizetype index, const QString &what)
{
    return {code, QStringLiteral("component %1: %2").arg(index).arg(what)};
}

} // namespace

TextBuffer::TextBuffer(const QString &text)
{
    const qsizetype n = text.size();
    const qsizetype gap = std::max(MinimumGap, n / 8);
    m_data.resize(std::size_t(n + gap));
    if (n > 0) // a null QString has no data pointer at all
        std::memcpy(m_data.data(), units(text), std::size_t(n) * sizeof(char16_t));
    m_gapStart = n;
    m_gapEnd = n + gap;
}

QString TextBuffer::toString() const
{
    return mid(0, size());
}

QString TextBuffer::mid(qsizetype pos, qsizetype len) const
{
    const qsizetype total = size();
    if (pos < 0) {
        len += pos;
        pos = 0;
    }
    if (pos >= total || len <= 0)
        return {};
    len = std::min(len, total - pos);
    QString result(len, Qt::Uninitialized);
    auto *out = reinterpret_cast<char16_t *>(result.data());
    const qsizetype before = std::clamp(m_gapStart - pos, qsizetype(0), len);
    if (before > 0)
        std::memcpy(out, m_data.data() + pos, std::size_t(before) * sizeof(char16_t));
    if (len > before)
        std::memcpy(out + before, m_data.data() + pos + before + gapLength(),
                    std::size_t(len - before) * sizeof(char16_t));
    return result;
}

bool TextBuffer::matches(qsizetype pos, const QString &s) const
{
    const qsizetype len = s.size();
    const char16_t *want = units(s);
    const qsizetype before = std::clamp(m_gapStart - pos, qsizetype(0), len);
    if (before > 0 && std::memcmp(m_data.data() + pos, want, std::size_t(before) * sizeof(char16_t)) != 0)
        return false;
    return len == before
        || std::memcmp(m_data.data() + pos + before + gapLength(), want + before,
                       std::size_t(len - before) * sizeof(char16_t)) == 0;
}

bool TextBuffer::splitsPair(qsizetype pos) const
{
    return pos > 0 && pos < size() && detail::splitsPair(unit(pos - 1), unit(pos));
}

void TextBuffer::moveGap(qsizetype pos)
{
    if (pos == m_gapStart)
        return;
    char16_t *d = m_data.data();
    if (pos < m_gapStart) {
        const qsizetype n = m_gapStart - pos;
        std::memmove(d + m_gapEnd - n, d + pos, std::size_t(n) * sizeof(char16_t));
        m_gapStart -= n;
        m_gapEnd -= n;
        m_unitsMoved += n;
    } else {
        const qsizetype n = pos - m_gapStart;
        std::memmove(d + m_gapStart, d + m_gapEnd, std::size_t(n) * sizeof(char16_t));
        m_gapStart += n;
        m_gapEnd += n;
        m_unitsMoved += n;
    }
}

void TextBuffer::insert(qsizetype pos, const QString &s)
{
    const qsizetype len = s.size();
    if (len == 0)
        return;
    if (len > gapLength()) {
        // Grow once, putting the new gap at pos so nothing moves twice.
        const qsizetype total = size();
        const qsizetype gap = len + std::max(MinimumGap, total / 4);
        std::vector<char16_t> grown(std::size_t(total + gap));
        const qsizetype beforeGap = std::min(pos, m_gapStart);
        // Text [0, pos) and [pos, total) copied around the new gap.
        for (qsizetype i = 0; i < beforeGap; ++i)
            grown[std::size_t(i)] = m_data[std::size_t(i)];
        for (qsizetype i = beforeGap; i < pos; ++i)
            grown[std::size_t(i)] = unit(i);
        for (qsizetype i = pos; i < total; ++i)
            grown[std::size_t(i + gap)] = unit(i);
        m_data = std::move(grown);
        m_gapStart = pos;
        m_gapEnd = pos + gap;
        m_unitsMoved += total;
    } else {
        moveGap(pos);
    }
    std::memcpy(m_data.data() + m_gapStart, units(s), std::size_t(len) * sizeof(char16_t));
    m_gapStart += len;
}

void TextBuffer::erase(qsizetype pos, qsizetype len)
{
    if (len == 0)
        return;
    // Whichever end of the deleted range is nearer the gap is where the gap goes.
    if (pos + len <= m_gapStart) {
        moveGap(pos + len);
        m_gapStart = pos;
    } else {
        moveGap(pos);
        m_gapEnd += len;
    }
}

Result<void, OtError> TextBuffer::applyComponent(const Component &c)
{
    using Code = OtError::Code;
    const qsizetype p = c.position;
    const qsizetype total = size();
    if (p < 0 || p > total)
        return Result<void, OtError>::failure(
            {Code::PositionOutOfRange, QStringLiteral("position %1 is outside the text (length %2)").arg(p).arg(total)});
    if (splitsPair(p))
        return Result<void, OtError>::failure(
            {Code::PositionOutOfRange, QStringLiteral("position %1 splits a surrogate pair").arg(p)});
    if (c.isInsert()) {
        if (detail::hasLoneSurrogate(c.text))
            return Result<void, OtError>::failure(
                {Code::LoneSurrogate, QStringLiteral("inserted text holds a lone surrogate")});
        insert(p, c.text);
        return Result<void, OtError>::success();
    }
    const qsizetype end = p + c.length();
    if (end > total)
        return Result<void, OtError>::failure(
            {Code::PositionOutOfRange, QStringLiteral("delete of %1 at %2 runs past the end of the text (length %3)")
                                           .arg(c.length()).arg(p).arg(total)});
    if (splitsPair(end))
        return Result<void, OtError>::failure(
            {Code::PositionOutOfRange, QStringLiteral("delete end %1 splits a surrogate pair").arg(end)});
    if (!matches(p, c.text))
        return Result<void, OtError>::failure(
            {Code::DeleteMismatch, QStringLiteral("deleted text does not match the text at %1").arg(p)});
    erase(p, c.length());
    return Result<void, OtError>::success();
}

Result<void, OtError> TextBuffer::apply(const TextOperation &op)
{
    const QList<Component> &components = op.components();
    for (qsizetype index = 0; index < components.size(); ++index) {
        auto applied = applyComponent(components[index]);
        if (applied)
            continue;
        // Roll back the components already applied, newest first; their inverses
        // were valid a moment ago, so they cannot fail.
        for (qsizetype undo = index - 1; undo >= 0; --undo) {
            const Component &c = components[undo];
            if (c.isInsert())
                erase(c.position, c.length());
            else
                insert(c.position, c.text);
        }
        return Result<void, OtError>::failure(error(applied.error().code, index, applied.error().message));
    }
    return Result<void, OtError>::success();
}

} // namespace coauthor::sync::ot
