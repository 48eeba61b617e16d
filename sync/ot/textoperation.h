#pragma once

// TextOperation: an ordered list of insert/delete components (the ShareJS text
// type). Each component's position refers to the text after the previous ones.

#include "sync/ot/component.h"

#include <QList>

namespace coauthor::sync::ot {

class TextOperation
{
public:
    TextOperation() = default;
    // Kept as given (not normalized): the op is applied exactly as it came.
    TextOperation(QList<Component> components);

    const QList<Component> &components() const { return m_components; }

    // Appends c, merging it into the last component when the two are one edit
    // (typing or backspacing); empty components are dropped.
    void append(Component c);

    // True when applying the op changes nothing (no components, or only empty ones).
    bool isNoop() const;
    // Number of components.
    qsizetype size() const { return m_components.size(); }
    bool isEmpty() const { return m_components.isEmpty(); }
    void reserve(qsizetype n) { m_components.reserve(n); }
    void clear() { m_components.clear(); }

    bool operator==(const TextOperation &) const = default;

private:
    QList<Component> m_components;
};

} // namespace coauthor::sync::ot
