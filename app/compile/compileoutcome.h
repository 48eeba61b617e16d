// CompileOutcome: what one finished compile means for the app (part of the
// compile feature): the result, the preview PDF, the problems mapped to project
// files, the raw log and the counts, built on the compile's worker thread so
// the UI thread only shows it.
#pragma once

#include "app/compile/problem.h"
#include "compile/compileresult.h"
#include "editor/diagnostic.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

class QThread;

namespace coauthor::app {

class Project;

struct CompileOutcome
{
    compile::CompileResult result;
    QString previewPdf; // a copy of the PDF at a path stable across compiles; empty: no PDF
    QList<Problem> problems;
    QHash<QString, QList<editor::Diagnostic>> diagnostics; // by project file, as the editors mark them
    QString rawLog;      // the .log (at most 4 MB), or latexmk's output when there is none
    bool stopped = false; // ended because the user stopped it: nothing else here is meant to be shown
    int errors = 0;
    int warnings = 0;
    int badBoxes = 0;
    // The thread that parsed the log: a compile worker, never the UI thread (tests check it).
    QThread *parsedOn = nullptr;

    // Reads and parses the build's logs and maps them onto project's files; blocking file I/O,
    // meant for the compile's worker thread.
    static CompileOutcome fromResult(const compile::CompileResult &result, const Project &project);
};

} // namespace coauthor::app

Q_DECLARE_METATYPE(coauthor::app::CompileOutcome)
