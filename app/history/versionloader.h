// VersionLoader: every file of the project (or of some paths) as it was at one
// version, read from a HistorySource one request after the other — what Restore
// Project, Restore File and Download need. Also reads the latest tree, so that a
// restore can tell a renamed file (same entry, another path) from a new one.
#pragma once

#include "app/history/historysource.h"

#include <QObject>
#include <QPointer>

namespace coauthor::app {

struct VersionFile
{
    sync::history::VersionEntry entry;
    QString text;       // docs
    QByteArray content; // binary files
    bool isDoc() const { return entry.kind == sync::TreeEntry::Kind::Doc; }
};

class VersionLoader : public QObject
{
    Q_OBJECT
public:
    struct Loaded
    {
        qint64 version = 0;
        QList<VersionFile> files;                // sorted by path; no folders
        sync::history::ProjectTree latest;      // the tree now
    };
    using Done = std::function<void(const sync::Result<Loaded, sync::ServiceError> &)>;

    // Reads the files at version (only the given paths when not empty); done once,
    // later. The loader deletes itself after calling done.
    static void load(HistorySource *source, qint64 version, const QStringList &paths, QObject *context, Done done);

private:
    VersionLoader(HistorySource *source, qint64 version, const QStringList &paths, Done done, QObject *parent);
    void next();
    void fail(const sync::ServiceError &error);

    QPointer<HistorySource> m_source;
    QStringList m_paths;
    Done m_done;
    Loaded m_loaded;
    int m_next = 0;
};

} // namespace coauthor::app
