#include "worker/projectsnapshot.h"

#include "sync/docstore/docstore.h"
#include "sync/docupdater/documentupdater.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <memory>

namespace coauthor::worker {

using sync::ServiceError;
using Result = sync::Result<ProjectSnapshot::Snapshot, ServiceError>;

namespace {

// The state of one read: the docs still to join, what is read so far.
struct Reading
{
    sync::CompileJob job;
    QList<sync::TreeEntry> docs;
    qsizetype next = 0;
    ProjectSnapshot::Snapshot snapshot;
    ProjectSnapshot::Callback cb;
};

void joinNext(sync::DocumentUpdater *updater, const std::shared_ptr<Reading> &reading)
{
    if (reading->next == reading->docs.size()) {
        reading->cb(Result::success(reading->snapshot));
        return;
    }
    const sync::TreeEntry entry = reading->docs.at(reading->next++);
    updater->joinDoc(reading->job.projectId, entry.id, std::nullopt,
                     [updater, reading, entry](sync::Result<sync::DocJoin, ServiceError> r) {
                         if (!r) {
                             reading->cb(Result::failure(r.error()));
                             return;
                         }
                         const sync::DocSnapshot &doc = r.value().snapshot;
                         const qint64 wanted = reading->job.versions.value(entry.id, 0);
                         if (doc.version < wanted) {
                             reading->cb(Result::failure(ServiceError::make(
                                 QStringLiteral("version_in_future"),
                                 QStringLiteral("%1 is at version %2, the job wants %3")
                                     .arg(entry.path).arg(doc.version).arg(wanted))));
                             return;
                         }
                         reading->snapshot.versions.insert(entry.id, doc.version);
                         reading->snapshot.request.resources.append({entry.path, doc.text.toUtf8(), QString()});
                         joinNext(updater, reading);
                     });
}

} // namespace

ProjectSnapshot::ProjectSnapshot(sync::Docstore *docstore, sync::DocumentUpdater *updater, const QString &fileCacheDir)
    : m_docstore(docstore)
    , m_updater(updater)
    , m_fileCacheDir(fileCacheDir)
{
}

sync::Result<QString, ServiceError> ProjectSnapshot::cachedFile(const QString &projectId, const QString &fileId,
                                                               const QByteArray &sha256)
{
    using R = sync::Result<QString, ServiceError>;
    const QString path = m_fileCacheDir + u'/' + QString::fromLatin1(sha256);
    if (!sha256.isEmpty() && QFile::exists(path))
        return R::success(path);
    auto content = m_docstore->fileContent(projectId, fileId);
    if (!content)
        return R::failure(content.error());
    // Named by the hash of what was read, not of what the tree says: a file replaced
    // between the two reads is not cached under the old hash.
    const QString actual = m_fileCacheDir + u'/'
        + QString::fromLatin1(QCryptographicHash::hash(content.value(), QCryptographicHash::Sha256).toHex());
    QDir().mkpath(m_fileCacheDir);
    QSaveFile file(actual);
    if (!file.open(QIODevice::WriteOnly) || file.write(content.value()) != content.value().size() || !file.commit())
        return R::failure(ServiceError::make(QStringLiteral("storage_unavailable"),
                                             QStringLiteral("cannot write %1").arg(actual)));
    return R::success(actual);
}

void ProjectSnapshot::read(const sync::CompileJob &job, Callback cb)
{
    auto entries = m_docstore->entries(job.projectId);
    if (!entries) {
        cb(Result::failure(entries.error()));
        return;
    }
    auto reading = std::make_shared<Reading>();
    reading->job = job;
    reading->cb = std::move(cb);
    reading->snapshot.request.projectId = job.projectId;
    reading->snapshot.request.rootDocument = job.rootDocument;
    bool rootFound = false;
    for (const sync::TreeEntry &entry : entries.value()) {
        if (entry.path == job.rootDocument && entry.kind != sync::TreeEntry::Kind::Folder)
            rootFound = true;
        if (entry.kind == sync::TreeEntry::Kind::Doc) {
            reading->docs.append(entry);
        } else if (entry.kind == sync::TreeEntry::Kind::File) {
            auto path = cachedFile(job.projectId, entry.id, entry.sha256);
            if (!path) {
                reading->cb(Result::failure(path.error()));
                return;
            }
            reading->snapshot.request.resources.append({entry.path, QByteArray(), path.value()});
        }
    }
    if (!rootFound) {
        reading->cb(Result::failure(ServiceError::make(
            QStringLiteral("not_found"), QStringLiteral("the project has no %1").arg(job.rootDocument))));
        return;
    }
    joinNext(m_updater, reading);
}

} // namespace coauthor::worker
