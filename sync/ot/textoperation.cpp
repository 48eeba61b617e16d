#include "sync/ot/textoperation.h"

#include <algorithm>

namespace coauthor::sync::ot {

TextOperation::TextOperation(QList<Component> components)
    : m_components(std::move(components))
{
}

namespace {

// Merges c into last when the two are one edit (typing or backspacing).
bool merge(Component &last, Component &c)
{
    // An insert inside or at either end of the previous insert: one insert.
    if (last.isInsert() && c.isInsert() && last.position <= c.position
        && c.position <= last.position + last.length()) {
        last.text.insert(c.position - last.position, c.text);
        return true;
    }
    // A delete that covers the point where the previous delete happened
    // (backspace or forward delete continuing): one delete of the joined text.
    if (last.isDelete() && c.isDelete() && c.position <= last.position
        && last.position <= c.position + c.length()) {
        c.text.insert(last.position - c.position, last.text);
        last = std::move(c);
        return true;
    }
    return false;
}

} // namespace

void TextOperation::append(Component c)
{
    if (c.text.isEmpty())
        return;
    // A merged delete starts earlier than before and may now join the component
    // before it too, so merging repeats; this keeps normalize() idempotent.
    while (!m_components.isEmpty() && merge(m_components.last(), c))
        c = m_components.takeLast();
    m_components.append(std::move(c));
}

bool TextOperation::isNoop() const
{
    return std::all_of(m_components.cbegin(), m_components.cend(),
                       [](const Component &c) { return c.text.isEmpty(); });
}

} // namespace coauthor::sync::ot
