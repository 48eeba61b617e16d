#include "app/compile/serverbuild.h"

#include "app/compile/problemmapper.h"
#include "app/project/project.h"
#include "compile/logparser.h"
#include "compile/synctex.h"
#include "sync/compilejobs/compilejob.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QThread>

#include <algorithm>

namespace coauthor::app {

namespace {

compile::CompileStatus statusFromName(const QString &name)
{
    using S = compile::CompileStatus;
    for (S s : {S::Success, S::Failure, S::StoppedOnFirstError, S::TimedOut, S::Conflict, S::Busy, S::Error}) {
        if (compile::statusName(s) == name)
            return s;
    }
    return S::Error;
}

int countOf(const QList<Problem> &problems, Problem::Kind kind)
{
    return int(std::count_if(problems.cbegin(), problems.cend(), [kind](const Problem &p) { return p.kind == kind; }));
}

// "/w/compiles/p1/./main.tex" names main.tex in /w/compiles/p1.
QString folderNaming(const QString &file, const QString &rootDocument)
{
    const QString path = QDir::cleanPath(QDir::fromNativeSeparators(file));
    const QString suffix = u'/' + rootDocument;
    if (!QDir::isAbsolutePath(path) || !path.endsWith(suffix))
        return {};
    return path.left(path.size() - suffix.size());
}

bool copyThroughSaveFile(const QString &source, const QString &target)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    QDir().mkpath(QFileInfo(target).absolutePath());
    QSaveFile out(target);
    return out.open(QIODevice::WriteOnly) && out.write(in.readAll()) >= 0 && out.commit();
}

} // namespace

QString ServerBuild::outputDir(const QString &cacheRoot, const QString &projectId, const QString &jobId)
{
    return QDir(cacheRoot).filePath(QStringLiteral("server/%1/%2").arg(projectId, jobId));
}

void ServerBuild::purgeOlder(const QString &cacheRoot, const QString &projectId, const QString &keepJobId, int keep)
{
    QDir project(QDir(cacheRoot).filePath(QStringLiteral("server/") + projectId));
    const QFileInfoList jobs = project.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time);
    int kept = 0;
    for (const QFileInfo &job : jobs) {
        if (job.fileName() == keepJobId || kept++ < keep)
            continue;
        QDir(job.absoluteFilePath()).removeRecursively();
    }
}

QString ServerBuild::workerCompileDir(const QString &pdfPath, const QByteArray &log, const QString &rootDocument)
{
    if (rootDocument.isEmpty())
        return {};
    if (!pdfPath.isEmpty()) {
        const compile::SyncTex synctex(pdfPath);
        if (synctex.isValid()) {
            for (const QString &input : synctex.inputFiles()) {
                if (const QString dir = folderNaming(input, rootDocument); !dir.isEmpty())
                    return dir;
            }
        }
    }
    // TeX logs each file it opens as "(/path/to/file"; the root document is among the first.
    static const QRegularExpression opened(QStringLiteral("\\((/[^()\\s]+)"));
    const QString text = QString::fromUtf8(log.left(256 * 1024));
    for (auto it = opened.globalMatch(text); it.hasNext();) {
        if (const QString dir = folderNaming(it.next().captured(1), rootDocument); !dir.isEmpty())
            return dir;
    }
    return {};
}

CompileOutcome ServerBuild::outcome(const sync::CompileOutcome &record, const QString &dir, const QString &rootDocument,
                                    const Project &project, const QString &previewPdfPath)
{
    CompileOutcome outcome;
    compile::CompileResult &result = outcome.result;
    result.status = statusFromName(record.status);
    result.message = record.message;
    if (record.outputsTooLarge)
        result.message = tr("The PDF was too large for the server to keep (%1 MB).")
                             .arg(QString::number(double(record.pdfBytes + record.synctexBytes) / (1024.0 * 1024.0), 'f', 1));
    result.buildId = record.buildId;
    result.buildDir = dir;
    result.elapsedMs = record.compileMs;
    const QString pdf = QDir(dir).filePath(QStringLiteral("output.pdf"));
    if (record.pdfBytes > 0 && QFileInfo(pdf).size() == record.pdfBytes)
        result.pdfPath = pdf;
    const QString synctex = QDir(dir).filePath(QStringLiteral("output.synctex.gz"));
    if (record.synctexBytes > 0 && QFileInfo(synctex).size() == record.synctexBytes)
        result.synctexPath = synctex;
    // Written beside the outputs, so Show Log and the raw log read it as a local build's.
    const QString logPath = QDir(dir).filePath(QStringLiteral("output.log"));
    QSaveFile log(logPath);
    if (log.open(QIODevice::WriteOnly) && log.write(record.log) == record.log.size() && log.commit())
        result.logPath = logPath;
    result.compileDir = workerCompileDir(result.pdfPath, record.log, rootDocument);

    QList<compile::LogEntry> entries = compile::LogParser::parseLatexLog(QString::fromUtf8(record.log));
    if (entries.isEmpty()) {
        // No log to read (a job that could not run): the worker's own list, if any.
        for (const sync::CompileProblem &p : record.problems) {
            compile::LogEntry e;
            e.level = p.level == QLatin1String("warning") ? compile::LogEntry::Level::Warning
                : p.level == QLatin1String("typesetting") ? compile::LogEntry::Level::Typesetting
                                                           : compile::LogEntry::Level::Error;
            e.file = p.file;
            e.line = p.line;
            e.message = p.message;
            entries << e;
        }
    }
    outcome.problems = ProblemMapper::fromLog(entries, project, result.compileDir);
    outcome.diagnostics = ProblemMapper::diagnosticsByFile(outcome.problems);
    outcome.rawLog = QString::fromUtf8(record.log);
    if (outcome.rawLog.isEmpty())
        outcome.rawLog = result.message;
    outcome.errors = countOf(outcome.problems, Problem::Kind::Error);
    outcome.warnings = countOf(outcome.problems, Problem::Kind::Warning);
    outcome.badBoxes = countOf(outcome.problems, Problem::Kind::BadBox);
    if (!result.pdfPath.isEmpty())
        outcome.previewPdf = copyThroughSaveFile(result.pdfPath, previewPdfPath) ? previewPdfPath : result.pdfPath;
    outcome.parsedOn = QThread::currentThread();
    return outcome;
}

} // namespace coauthor::app
