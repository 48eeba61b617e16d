#pragma once

// TextBuffer: the server's and benchmarks' document, a gap buffer of UTF-16 code
// units, so a small edit moves only the text between the gap and the edit.

#include "sync/ot/oterror.h"
#include "sync/common/result.h"
#include "sync/ot/textoperation.h"

#include <QString>

#include <vector>

namespace coauthor::sync::ot {

class TextBuffer
{
public:
    TextBuffer() = default;
    explicit TextBuffer(const QString &text);

    // Length in UTF-16 code units.
    qsizetype size() const { return qsizetype(m_data.size()) - gapLength(); }
    QString toString() const;
    // Like QString::mid: clamps to the text.
    QString mid(qsizetype pos, qsizetype len) const;
    QChar at(qsizetype pos) const { return QChar(unit(pos)); }

    // All or nothing: on error the buffer is unchanged. Same checks and errors as
    // ot::apply on a QString.
    Result<void, OtError> apply(const TextOperation &op);

    // Code units moved or copied by gap moves and growth since construction;
    // lets tests and benchmarks see that a small edit does not copy the text.
    qint64 unitsMoved() const { return m_unitsMoved; }

private:
    qsizetype gapLength() const { return m_gapEnd - m_gapStart; }
    char16_t unit(qsizetype pos) const { return pos < m_gapStart ? m_data[pos] : m_data[pos + gapLength()]; }
    Result<void, OtError> applyComponent(const Component &c);
    void moveGap(qsizetype pos);
    void insert(qsizetype pos, const QString &s);
    void erase(qsizetype pos, qsizetype len);
    bool matches(qsizetype pos, const QString &s) const;
    bool splitsPair(qsizetype pos) const;

    // Invariant: [m_gapStart, m_gapEnd) is free space inside m_data; the text is
    // m_data[0, m_gapStart) followed by m_data[m_gapEnd, end).
    std::vector<char16_t> m_data;
    qsizetype m_gapStart = 0;
    qsizetype m_gapEnd = 0;
    qint64 m_unitsMoved = 0;
};

} // namespace coauthor::sync::ot
