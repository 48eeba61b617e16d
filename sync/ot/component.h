#pragma once

// Component: one step of a text operation, an insert {p, i} or a delete {p, d}
// (a delete carries the text it removes, so an op can be inverted and checked).

#include <QString>

namespace coauthor::sync::ot {

struct Component
{
    enum class Type { Insert, Delete };

    Type type = Type::Insert;
    qsizetype position = 0; // UTF-16 code units, in the text as left by the previous components
    QString text;

    static Component insert(qsizetype p, QString s) { return {Type::Insert, p, std::move(s)}; }
    static Component erase(qsizetype p, QString s) { return {Type::Delete, p, std::move(s)}; }

    bool isInsert() const { return type == Type::Insert; }
    bool isDelete() const { return type == Type::Delete; }
    // Length in UTF-16 code units of the inserted or deleted text.
    qsizetype length() const { return text.size(); }

    bool operator==(const Component &) const = default;
};

} // namespace coauthor::sync::ot
