// HistorySource: where the History view reads a project's history from — the
// local docstore of an unshared project (LocalHistory) or the server of a shared
// one — in sync_history's values either way, so the view is one for both.
//
// Every request answers once, later, on the thread that asked (the UI thread):
// never from inside the call, never after the source is gone.
#pragma once

#include "sync/common/result.h"
#include "sync/common/serviceerror.h"
#include "sync/history/historytypes.h"

#include <QObject>

#include <functional>

namespace coauthor::app {

class HistorySource : public QObject
{
    Q_OBJECT
public:
    template <typename T>
    using Reply = std::function<void(const sync::Result<T, sync::ServiceError> &)>;

    using QObject::QObject;

    // Changes of the project (path empty) or of one path, newest first, older than
    // beforeVersion (<= 0: from the newest), at most limit.
    virtual void changes(const QString &path, qint64 beforeVersion, int limit, Reply<sync::history::ChangePage> reply) = 0;
    // The text of the doc at path at a project version (< 0: the latest).
    virtual void textAt(const QString &path, qint64 version, Reply<QString> reply) = 0;
    // path from one project version to another, with who inserted and deleted what.
    virtual void diff(const QString &path, qint64 fromVersion, qint64 toVersion, Reply<sync::history::Diff> reply) = 0;
    virtual void treeAt(qint64 version, Reply<sync::history::ProjectTree> reply) = 0;
    virtual void fileContent(const QByteArray &sha256, Reply<QByteArray> reply) = 0;
    virtual void labels(Reply<QList<sync::history::Label>> reply) = 0;
    virtual void addLabel(const QString &name, qint64 version, Reply<sync::history::Label> reply) = 0;
    virtual void search(const QString &text, const sync::history::SearchOptions &options,
                        Reply<sync::history::SearchResult> reply) = 0;

    // Brings back the file that was at path at version and is deleted now, as the
    // same file with its history (a shared project's server-side undelete). reply:
    // the path it came back at (next to path when path is taken). not_supported
    // where the source cannot (the local history: the restore re-creates the file).
    virtual void restoreDeleted(const QString &path, qint64 version, Reply<QString> reply);

    // The name to show for an author the history names by member id only.
    virtual QString authorName(const sync::history::Author &author) const { return author.name; }

Q_SIGNALS:
    // New versions exist: a view showing the newest changes reads them again.
    void changed();
};

} // namespace coauthor::app
