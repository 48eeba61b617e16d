// ProblemMapper: turns the compile log's entries into the app's Problems and
// editor Diagnostics, mapping the file names TeX wrote (relative to the
// compile directory, or absolute inside it) back to project-relative paths.
#pragma once

#include "app/compile/problem.h"
#include "compile/logentry.h"
#include "editor/diagnostic.h"

#include <QHash>
#include <QList>

namespace coauthor::app {

class Project;

class ProblemMapper
{
public:
    static QList<Problem> fromLog(const QList<compile::LogEntry> &entries, const Project &project,
                                  const QString &compileDir);
    // The project file a path from the log refers to; empty when it is not one (a TeX Live file, an aux file).
    static QString projectPath(const QString &logFile, const Project &project, const QString &compileDir);
    // Problems with a file and a line, grouped by file, as the editors show them.
    static QHash<QString, QList<editor::Diagnostic>> diagnosticsByFile(const QList<Problem> &problems);
};

} // namespace coauthor::app
