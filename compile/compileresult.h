#pragma once

#include <QByteArray>
#include <QString>

namespace coauthor::compile {

// Success: a non-empty PDF was produced (the log may still hold errors; see LogParser).
// Failure: LaTeX ran but produced no PDF. StoppedOnFirstError: the run stopped at the
// first error (CompileOptions::stopOnFirstError). Conflict: an incremental sync did not
// match the compile directory; retry with a full sync. Busy: this project is already
// compiling (requests are refused, not queued). Error: the compile could not run
// (bad request, unsafe path, missing latexmk or TeX, I/O error, cancelled).
enum class CompileStatus { Success, Failure, StoppedOnFirstError, TimedOut, Conflict, Busy, Error };

// Stable lower-case names for the command line and JSON: "success", "failure",
// "stopped-on-first-error", "timed-out", "conflict", "busy", "error".
QString statusName(CompileStatus status);

// What a compile produced. Paths are absolute; empty when there is no such file.
// buildDir holds copies of the outputs and survives later compiles (the last three
// builds are kept); compileDir is the working directory, which the next compile reuses.
struct CompileResult
{
    CompileStatus status = CompileStatus::Error;
    QString message; // for humans
    QString buildId; // hex milliseconds timestamp + "-" + 16 hex random digits
    QString buildDir;
    QString pdfPath;
    QString logPath;
    QString synctexPath;
    QString compileDir;
    QByteArray stdOut; // latexmk's, at most 2 MB
    QByteArray stdErr; // at most 2 MB
    qint64 elapsedMs = 0;
};

} // namespace coauthor::compile
