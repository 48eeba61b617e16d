// Problem: one error, warning or bad box from the last compile, with its file
// already mapped to a project-relative path (empty when it is not a project file).
#pragma once

#include <QList>
#include <QString>

namespace coauthor::app {

struct Problem
{
    enum class Kind { Error, Warning, BadBox };
    Kind kind = Kind::Error;
    QString file; // project-relative, '/'-separated; empty: unknown or outside the project
    int line = 0; // 1-based; 0 = unknown
    QString message;
    QString raw; // the log lines it came from

    bool operator==(const Problem &) const = default;
};

} // namespace coauthor::app
