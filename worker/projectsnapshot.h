#pragma once
// ProjectSnapshot: a shared project as a compile request, read the way the server
// sees it: the file tree from the docstore, each doc's text through the
// document-updater (Redis, loading from the docstore when needed, so edits not yet
// flushed are in), binary files from the docstore, cached on disk by content hash so
// that an unchanged image is read from the docstore once per worker.
#include "sync/compilejobs/compilejob.h"

#include "compile/compilerequest.h"
#include "sync/common/result.h"
#include "sync/common/serviceerror.h"

#include <QMap>
#include <QString>

#include <functional>

namespace coauthor::sync {
class Docstore;
class DocumentUpdater;
}

namespace coauthor::worker {

class ProjectSnapshot
{
public:
    struct Snapshot
    {
        compile::CompileRequest request;  // resources and root; options are the caller's
        QMap<QString, qint64> versions;   // doc id -> version read
    };
    using Callback = std::function<void(sync::Result<Snapshot, sync::ServiceError>)>;

    // Neither is owned. fileCacheDir: where binary files are kept by SHA-256.
    ProjectSnapshot(sync::Docstore *docstore, sync::DocumentUpdater *updater, const QString &fileCacheDir);

    // The project's docs at the current version, which must be at least the job's
    // version of each doc it names (version_in_future otherwise: the job names a
    // version nobody was given). unknown_project, not_found (the root document),
    // storage_unavailable.
    void read(const sync::CompileJob &job, Callback cb);

private:
    sync::Result<QString, sync::ServiceError> cachedFile(const QString &projectId, const QString &fileId,
                                                         const QByteArray &sha256);

    sync::Docstore *m_docstore;
    sync::DocumentUpdater *m_updater;
    QString m_fileCacheDir;
};

} // namespace coauthor::worker
