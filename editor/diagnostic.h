// Diagnostic: one problem from the last compile, as the editor marks it
// (underline, gutter icon, tooltip). Lines are 1-based.
#pragma once

#include <QList>
#include <QString>

namespace coauthor::editor {

struct Diagnostic
{
    enum class Severity { Error, Warning, BadBox };
    Severity severity = Severity::Error;
    int line = 0; // 1-based; 0 or out of range: not shown in the editor
    QString message;

    bool operator==(const Diagnostic &) const = default;
};

} // namespace coauthor::editor
