#include "app/compile/compileoutcome.h"

#include "app/compile/problemmapper.h"
#include "app/project/project.h"
#include "compile/logparser.h"

#include <QFile>
#include <QThread>

#include <algorithm>

namespace coauthor::app {

namespace {

constexpr qint64 maxRawLogBytes = 4 * 1024 * 1024;

QString readLog(const QString &path)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return {};
    // TeX writes its log in the input's encoding; for a UTF-8 document that is UTF-8.
    return QString::fromUtf8(file.read(maxRawLogBytes));
}

int countOf(const QList<Problem> &problems, Problem::Kind kind)
{
    return int(std::count_if(problems.cbegin(), problems.cend(), [kind](const Problem &p) { return p.kind == kind; }));
}

} // namespace

CompileOutcome CompileOutcome::fromResult(const compile::CompileResult &result, const Project &project)
{
    CompileOutcome outcome;
    outcome.result = result;
    outcome.problems = ProblemMapper::fromLog(compile::LogParser::parseBuild(result, project.rootPath()), project, result.compileDir);
    outcome.diagnostics = ProblemMapper::diagnosticsByFile(outcome.problems);
    outcome.rawLog = readLog(result.logPath);
    if (outcome.rawLog.isEmpty())
        outcome.rawLog = QString::fromUtf8(result.stdOut + result.stdErr);
    outcome.errors = countOf(outcome.problems, Problem::Kind::Error);
    outcome.warnings = countOf(outcome.problems, Problem::Kind::Warning);
    outcome.badBoxes = countOf(outcome.problems, Problem::Kind::BadBox);
    outcome.parsedOn = QThread::currentThread();
    return outcome;
}

} // namespace coauthor::app
