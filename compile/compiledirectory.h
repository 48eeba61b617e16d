#pragma once

#include "compile/compilerequest.h"
#include "compile/compileresult.h"

#include <QString>

namespace coauthor::compile {

// A project's working directory for latexmk and its stored sync state.
// Full sync: clean, write every resource, store the state. Incremental sync: only when
// the stored state matches the request and every file is present; writes changed files
// only, so latexmk's aux files survive. Resource paths are checked before any write:
// no absolute paths, no "..", nothing written through a symlink.
class CompileDirectory
{
public:
    // projectRoot: the project's folder under the cache root; the compile directory
    // is projectRoot/compile and the sync state projectRoot/state.json.
    explicit CompileDirectory(const QString &projectRoot);

    QString path() const { return m_compileDir; }

    struct SyncOutcome
    {
        bool ok = false;
        CompileStatus status = CompileStatus::Error; // when !ok: Conflict or Error
        QString message;
        int filesWritten = 0;
        QStringList writtenPaths; // the resources written by this sync (all of them for a full sync)
    };
    SyncOutcome sync(const CompileRequest &request);

    // Deletes the compile directory and the sync state (after a failed compile the
    // directory may hold partial aux files; the next compile is full).
    bool remove();

    // Empty when `path` is a safe relative resource path, else why it is not.
    static QString checkResourcePath(const QString &path);

private:
    SyncOutcome writeResource(const Resource &resource);
    QString m_projectRoot;
    QString m_compileDir;
    QString m_stateFile;
};

} // namespace coauthor::compile
