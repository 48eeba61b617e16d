#include "sync/ot/textoperation.h"

#include <algorithm>

namespace coauthor::sync::ot {

TextOperation::TextOperation(QList<Component> components)
    : m_components(std::move(components))
{
}

void TextOperation::append(Component c)
{
    if (c.text.isEmpty())
        return;
    if (!m_components.isEmpty()) {
        Component &last = m_components.last();
        // An insert inside or at either end of the previous insert: one insert.
        if (last.isInsert() && c.isInsert() && last.position <= c.position
            && c.position <= last.position + last.length()) {
            last.text.insert(c.position - last.position, c.text);
            return;
        }
        // A delete that covers the point where the previous delete happened
        // (backspace or forward delete continuing): one delete of the joined text.
        if (last.isDelete() && c.isDelete() && c.position <= last.position
            && last.position <= c.position + c.length()) {
            c.text.insert(last.position - c.position, last.text);
            last = std::move(c);
            return;
        }
    }
    m_components.append(std::move(c));
}

bool TextOperation::isNoop() const
{
    return std::all_of(m_components.cbegin(), m_components.cend(),
                       [](const Component &c) { return c.text.isEmpty(); });
}

} // namespace coauthor::sync::ot
