// ServerBuild: a compile of the server's workers as the app shows it. The job's record
// (sync::CompileOutcome, from the server's HTTP API) and its downloaded PDF and SyncTeX
// data become the app's CompileOutcome, with the log's paths — which name the worker's
// compile directory — mapped to project paths. The files live in the local compile
// cache (outputDir), never in the shared working copy. Blocking file I/O: for a pool thread.
#pragma once

#include "app/compile/compileoutcome.h"

#include <QCoreApplication>
#include <QString>

namespace coauthor::sync {
struct CompileOutcome;
}

namespace coauthor::app {

class Project;

class ServerBuild
{
    Q_DECLARE_TR_FUNCTIONS(coauthor::app::ServerBuild)

public:
    // <cacheRoot>/server/<projectId>/<jobId>: one job's downloaded outputs.
    static QString outputDir(const QString &cacheRoot, const QString &projectId, const QString &jobId);
    // Removes the project's downloaded jobs but the newest keep ones and keepJobId.
    static void purgeOlder(const QString &cacheRoot, const QString &projectId, const QString &keepJobId, int keep = 3);
    // The worker's compile directory: the folder SyncTeX (beside pdfPath) or else the log
    // names the root document in; empty when neither does.
    static QString workerCompileDir(const QString &pdfPath, const QByteArray &log, const QString &rootDocument);
    // The app's outcome of record, whose outputs were downloaded into dir as output.pdf and
    // output.synctex.gz (when the record has them); the PDF is copied to previewPdfPath
    // (stable across compiles, so the view keeps its place) and the log written beside it.
    static CompileOutcome outcome(const sync::CompileOutcome &record, const QString &dir, const QString &rootDocument,
                                  const Project &project, const QString &previewPdfPath);
};

} // namespace coauthor::app
