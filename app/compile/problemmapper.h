// ProblemMapper: turns the compile log's entries into the app's Problems and
// editor Diagnostics, mapping the file names TeX wrote (relative to the
// compile directory, or absolute inside it) back to project-relative paths; a missing
// package's error gets a second line saying which package to install, and the compile
// layer's hints (LogEntry::hint) are worded in the user's language.
#pragma once

#include "app/compile/problem.h"
#include "compile/logentry.h"
#include "editor/diagnostic.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

namespace coauthor::app {

class Project;

class ProblemMapper
{
    Q_DECLARE_TR_FUNCTIONS(coauthor::app::ProblemMapper)

public:
    static QList<Problem> fromLog(const QList<compile::LogEntry> &entries, const Project &project,
                                  const QString &compileDir);
    // The project file a path from the log refers to; empty when it is not one (a TeX Live file, an aux file).
    static QString projectPath(const QString &logFile, const Project &project, const QString &compileDir);
    // What to do about a missing .sty/.cls: the package that provides it (Debian's
    // texlive-* package where the shipped table knows it) and how to find it otherwise.
    static QString missingFileHint(const QString &fileName);
    // The compile layer's hint on an entry (why a glossary is empty …) in the user's language;
    // empty when it has none.
    static QString hintText(const compile::LogEntry &entry);
    // Problems with a file and a line, grouped by file, as the editors show them.
    static QHash<QString, QList<editor::Diagnostic>> diagnosticsByFile(const QList<Problem> &problems);
};

} // namespace coauthor::app
