#include "app/history/sharedhistory.h"

#include "sync/client/syncclient.h"

namespace coauthor::app {

namespace h = sync::history;

SharedHistory::SharedHistory(sync::SyncClient *client, QObject *parent)
    : HistorySource(parent)
    , m_client(client)
{
    // Someone's edit, or ours acknowledged: the list may have a new change.
    connect(client, &sync::SyncClient::remoteOperation, this, &HistorySource::changed);
    connect(client, &sync::SyncClient::treeChanged, this, &HistorySource::changed);
    connect(client, &sync::SyncClient::synchronized, this, &HistorySource::changed);
    connect(client, &sync::SyncClient::userJoined, this,
            [this](const QString &userId, const QString &name, const QString &) {
                m_presentNames.insert(memberOf(userId), name);
            });
    connect(client, &sync::SyncClient::presenceChanged, this,
            [this](const QString &userId, const QString &name) { m_presentNames.insert(memberOf(userId), name); });
}

QString SharedHistory::memberOf(const QString &userId)
{
    // A presence id is the member's id and the session's: "u-…/…".
    return userId.section(u'/', 0, 0);
}

QString SharedHistory::authorName(const h::Author &author) const
{
    if (!author.name.isEmpty())
        return author.name;
    if (m_client && author.memberId == memberOf(m_client->userId()))
        return m_ownName;
    return m_presentNames.value(author.memberId);
}

sync::SyncClient *SharedHistory::client() const
{
    return m_client.data();
}

template <typename T>
std::function<void(sync::Result<T, sync::ServiceError>)> SharedHistory::later(Reply<T> reply)
{
    QPointer<SharedHistory> self(this);
    return [self, reply = std::move(reply)](sync::Result<T, sync::ServiceError> result) {
        if (self)
            QMetaObject::invokeMethod(self, [reply, result] { reply(result); }, Qt::QueuedConnection);
    };
}

template <typename T>
bool SharedHistory::offline(const Reply<T> &reply)
{
    if (m_client)
        return false;
    later<T>(reply)(sync::Result<T, sync::ServiceError>::failure(
        sync::ServiceError::make(QStringLiteral("offline"), QStringLiteral("not connected to the project's server"))));
    return true;
}

void SharedHistory::changes(const QString &path, qint64 beforeVersion, int limit, Reply<h::ChangePage> reply)
{
    if (!offline(reply))
        m_client->requestChanges(path, beforeVersion, limit, later(std::move(reply)));
}

void SharedHistory::textAt(const QString &path, qint64 version, Reply<QString> reply)
{
    if (!offline(reply))
        m_client->requestHistoryText(path, version, later(std::move(reply)));
}

void SharedHistory::diff(const QString &path, qint64 fromVersion, qint64 toVersion, Reply<h::Diff> reply)
{
    if (!offline(reply))
        m_client->requestDiff(path, fromVersion, toVersion, later(std::move(reply)));
}

void SharedHistory::treeAt(qint64 version, Reply<h::ProjectTree> reply)
{
    if (!offline(reply))
        m_client->requestTreeAt(version, later(std::move(reply)));
}

void SharedHistory::fileContent(const QByteArray &sha256, Reply<QByteArray> reply)
{
    if (!offline(reply))
        m_client->requestHistoryFile(sha256, later(std::move(reply)));
}

void SharedHistory::labels(Reply<QList<h::Label>> reply)
{
    if (!offline(reply))
        m_client->requestLabels(later(std::move(reply)));
}

void SharedHistory::addLabel(const QString &name, qint64 version, Reply<h::Label> reply)
{
    if (!offline(reply))
        m_client->addLabel(name, version, later(std::move(reply)));
}

void SharedHistory::search(const QString &text, const h::SearchOptions &options, Reply<h::SearchResult> reply)
{
    if (!offline(reply))
        m_client->searchHistory(text, options, later(std::move(reply)));
}

void SharedHistory::restoreDeleted(const QString &path, qint64 version, Reply<QString> reply)
{
    if (offline(reply))
        return;
    auto done = later(std::move(reply));
    m_client->restoreDeletedFile(path, version, [done](sync::Result<sync::SyncClient::Entry, sync::ServiceError> entry) {
        done(entry ? sync::Result<QString, sync::ServiceError>::success(entry.value().path)
                   : sync::Result<QString, sync::ServiceError>::failure(entry.error()));
    });
}

} // namespace coauthor::app
