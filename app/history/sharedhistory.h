// SharedHistory: a shared project's history, read from its server through the
// sync::SyncClient request API (docs/protocol.md, "History") — the same
// sync_history values as the local history, so the History view is one for both.
// Answers are handed over queued (the client may answer "offline" from inside the
// call), and never once the source or its client is gone.
#pragma once

#include "app/history/historysource.h"

#include <QHash>
#include <QPointer>

namespace coauthor::sync {
class SyncClient;
}

namespace coauthor::app {

class SharedHistory : public HistorySource
{
    Q_OBJECT
    Q_DISABLE_COPY(SharedHistory)

public:
    explicit SharedHistory(sync::SyncClient *client, QObject *parent = nullptr);

    sync::SyncClient *client() const;
    // This user's name (the one Share Project uses): the history names members by their
    // invitation, and the host's own invitation and unnamed ones have none.
    void setOwnName(const QString &name) { m_ownName = name; }
    // The invitation's name, else the name the member gives in the project now.
    QString authorName(const sync::history::Author &author) const override;

    void changes(const QString &path, qint64 beforeVersion, int limit, Reply<sync::history::ChangePage> reply) override;
    void textAt(const QString &path, qint64 version, Reply<QString> reply) override;
    void diff(const QString &path, qint64 fromVersion, qint64 toVersion, Reply<sync::history::Diff> reply) override;
    void treeAt(qint64 version, Reply<sync::history::ProjectTree> reply) override;
    void fileContent(const QByteArray &sha256, Reply<QByteArray> reply) override;
    void labels(Reply<QList<sync::history::Label>> reply) override;
    void addLabel(const QString &name, qint64 version, Reply<sync::history::Label> reply) override;
    void search(const QString &text, const sync::history::SearchOptions &options,
                Reply<sync::history::SearchResult> reply) override;
    void restoreDeleted(const QString &path, qint64 version, Reply<QString> reply) override;

private:
    // The client's callback for reply: queued to this object, dropped once it is gone.
    template <typename T>
    std::function<void(sync::Result<T, sync::ServiceError>)> later(Reply<T> reply);
    template <typename T>
    bool offline(const Reply<T> &reply);
    static QString memberOf(const QString &userId);

    QPointer<sync::SyncClient> m_client;
    QString m_ownName;
    QHash<QString, QString> m_presentNames; // member id -> the name they joined with
};

} // namespace coauthor::app
