#pragma once
// DocumentUpdater: Overleaf's document-updater. Applies ops to docs held in Redis
// (transform against every op since the base version, version, fan out through
// pub/sub), loads docs from and flushes them to the Docstore. Keeps no state of its
// own beyond caches, so several instances can share one Redis and one docstore.
#include "sync/docstore/docstore.h"
#include "sync/docupdater/docupdate.h"
#include "sync/docupdater/documentupdateroptions.h"
#include "sync/common/serviceerror.h"
#include "sync/common/result.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace coauthor::sync {

class RedisClient;

class DocumentUpdater : public QObject
{
    Q_OBJECT
public:
    template <typename T>
    using Callback = std::function<void(Result<T, ServiceError>)>;
    using Done = std::function<void(Result<void, ServiceError>)>;

    // Neither redis nor docstore is owned; both must outlive the updater.
    DocumentUpdater(RedisClient *redis, Docstore *docstore, const DocumentUpdaterOptions &options = {},
                    QObject *parent = nullptr);
    ~DocumentUpdater() override;

    const DocumentUpdaterOptions &options() const;

    // The doc as it is now (loaded into Redis from the docstore if needed), and the
    // ops since fromVersion if given (version_in_future if fromVersion > version):
    // at most one page of them (options().joinPageOps/Bytes, DocJoin::more), read
    // from Redis or the docstore without the rest of the history.
    // To miss nothing, subscribeProject() first and drop updatePublished() updates
    // with version <= snapshot.version. Errors: unknown_doc, storage_unavailable.
    // fromEpoch: the epoch fromVersion belongs to (empty: the current one); one of
    // another epoch above its base sets DocJoin::lostAfter instead of failing.
    void joinDoc(const QString &projectId, const QString &docId, std::optional<qint64> fromVersion,
                 Callback<DocJoin> cb, const QString &fromEpoch = QString());

    // Validates, transforms against every op since update.baseVersion, applies,
    // stores (version + 1) and publishes it; a resend of an applied (clientId, seq) is
    // acked with duplicate = true and not applied again. On any error the doc is
    // unchanged. Updates of one doc are applied one at a time, across instances too.
    void applyUpdate(const QString &projectId, const DocUpdate &update, Callback<AppliedUpdate> cb);

    // A replica's copy of versions base+1, base+2, ... of lostEpoch, an epoch whose
    // versions after base Redis lost (its joinDoc was answered lostAfter = base):
    // appended verbatim under their own version numbers, but only while the doc is
    // still at base in the current epoch, nobody having written since. Joins from
    // lostEpoch then share those versions (no re-offer, so nobody's copy of them is
    // applied twice). Gives the version reached. Errors: restore_refused (the doc
    // moved on, or is not lost at base), invalid_op, doc_too_large, storage_unavailable.
    void restoreLost(const QString &projectId, const QString &docId, const QString &lostEpoch, qint64 base,
                     const QList<StoredOp> &ops, Callback<qint64> cb, int attempt = 0);

    // Project channel. Updates applied anywhere arrive as updatePublished() (own
    // included); publishProjectMessage() objects arrive as projectMessage() on every
    // instance subscribed to the project (this one included), unchanged.
    void subscribeProject(const QString &projectId);
    void unsubscribeProject(const QString &projectId);
    void publishProjectMessage(const QString &projectId, const QJsonObject &message);

    // Tell the updater how many clients this instance has in a project; when it drops
    // to 0, the project is flushed after options().lastClientGraceMs unless one comes back.
    void projectClientsChanged(const QString &projectId, int connectedHere);

    // Writes every unflushed op of a doc / project / everything in Redis to the
    // docstore. flushAll is for SIGTERM/SIGINT before exit.
    void flushDoc(const QString &projectId, const QString &docId, Done done = {});
    void flushProject(const QString &projectId, Done done = {});
    void flushAll(Done done = {});

    // Drops a deleted doc's Redis state (ProjectFiles calls this when a doc is removed).
    void forgetDoc(const QString &projectId, const QString &docId);

Q_SIGNALS:
    void updatePublished(const coauthor::sync::AppliedUpdate &update);
    void projectMessage(const QString &projectId, const QJsonObject &message);
    void docFlushed(const QString &projectId, const QString &docId, qint64 version);

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace coauthor::sync
