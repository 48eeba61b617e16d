// SyncClient's history requests: each sends one History* request and hands its
// answer (or the server's error) to the caller's callback, once.
#include "sync/client/syncclient.h"

#include <QTimer>

namespace coauthor::sync {

namespace {

template <typename T>
using Done = SyncClient::HistoryDone<T>;

// The caller's callback for one answer type: the body it expects, or an error.
template <typename Body, typename T, typename Take>
std::function<void(const ServerMessage::Body &)> expect(Done<T> done, Take take)
{
    return [done = std::move(done), take](const ServerMessage::Body &body) {
        if (const auto *answer = std::get_if<Body>(&body)) {
            done(Result<T, ServiceError>::success(take(*answer)));
            return;
        }
        if (const auto *error = std::get_if<ServerMessage::Error>(&body)) {
            done(Result<T, ServiceError>::failure(ServiceError{error->code, error->message}));
            return;
        }
        done(Result<T, ServiceError>::failure(
            ServiceError{QStringLiteral("invalid_message"), QStringLiteral("the server answered a history request with another message")}));
    };
}

template <typename T>
std::function<void(ServiceError)> failWith(const Done<T> &done)
{
    return [done](ServiceError e) { done(Result<T, ServiceError>::failure(std::move(e))); };
}

ClientMessage request(ClientMessage::Type type)
{
    ClientMessage m;
    m.type = type;
    return m;
}

} // namespace

void SyncClient::sendHistoryRequest(ClientMessage message, HistoryAnswer answer, const std::function<void(ServiceError)> &fail)
{
    if (!m_welcomed || !m_socket) {
        // Later, not inside the caller's call: the same order as an answer.
        QTimer::singleShot(0, this, [fail] {
            fail(ServiceError{QStringLiteral("offline"), QStringLiteral("not connected to the server")});
        });
        return;
    }
    const qint64 rid = sendRequest(std::move(message));
    m_historyCalls.insert(rid, std::move(answer));
}

void SyncClient::failHistoryCalls(const QString &code)
{
    const auto calls = std::exchange(m_historyCalls, {});
    for (const HistoryAnswer &answer : calls)
        answer(ServerMessage::Error{code, QStringLiteral("the connection to the server closed before the answer")});
}

bool SyncClient::deliverHistoryAnswer(std::optional<qint64> rid, const ServerMessage::Body &body)
{
    if (!rid)
        return false;
    const auto it = m_historyCalls.find(*rid);
    if (it == m_historyCalls.end())
        return false;
    const HistoryAnswer answer = it.value();
    m_historyCalls.erase(it);
    answer(body);
    return true;
}

void SyncClient::requestChanges(const QString &path, qint64 beforeVersion, int limit, HistoryDone<history::ChangePage> done)
{
    ClientMessage m = request(ClientMessage::Type::HistoryChanges);
    m.path = path;
    m.before = std::max<qint64>(0, beforeVersion);
    m.limit = limit;
    auto fail = failWith(done);
    sendHistoryRequest(m, expect<ServerMessage::HistoryChanges>(std::move(done), [](const auto &a) { return a.page; }), fail);
}

void SyncClient::requestHistoryText(const QString &path, qint64 version, HistoryDone<QString> done)
{
    ClientMessage m = request(ClientMessage::Type::HistoryText);
    m.path = path;
    if (version >= 0)
        m.atVersion = version;
    auto fail = failWith(done);
    sendHistoryRequest(m, expect<ServerMessage::HistoryText>(std::move(done), [](const auto &a) { return a.text; }), fail);
}

void SyncClient::requestDiff(const QString &path, qint64 fromVersion, qint64 toVersion, HistoryDone<history::Diff> done)
{
    ClientMessage m = request(ClientMessage::Type::HistoryDiff);
    m.path = path;
    m.sinceVersion = std::max<qint64>(0, fromVersion);
    if (toVersion >= 0)
        m.atVersion = toVersion;
    auto fail = failWith(done);
    sendHistoryRequest(m, expect<ServerMessage::HistoryDiff>(std::move(done), [](const auto &a) { return a.diff; }), fail);
}

void SyncClient::requestTreeAt(qint64 version, HistoryDone<history::ProjectTree> done)
{
    ClientMessage m = request(ClientMessage::Type::HistoryTree);
    if (version >= 0)
        m.atVersion = version;
    auto fail = failWith(done);
    sendHistoryRequest(m, expect<ServerMessage::HistoryTree>(std::move(done), [](const auto &a) { return a.tree; }), fail);
}

void SyncClient::requestHistoryFile(const QByteArray &sha256, HistoryDone<QByteArray> done)
{
    ClientMessage m = request(ClientMessage::Type::HistoryFile);
    m.sha256 = QString::fromLatin1(sha256);
    auto fail = failWith(done);
    sendHistoryRequest(m, expect<ServerMessage::HistoryFile>(std::move(done), [](const auto &a) { return a.data; }), fail);
}

void SyncClient::searchHistory(const QString &text, const history::SearchOptions &options, HistoryDone<history::SearchResult> done)
{
    ClientMessage m = request(ClientMessage::Type::HistorySearch);
    m.text = text;
    m.caseSensitive = options.caseSensitive;
    m.sinceVersion = options.fromVersion;
    if (options.toVersion >= 0)
        m.atVersion = options.toVersion;
    auto fail = failWith(done);
    sendHistoryRequest(m, expect<ServerMessage::HistorySearch>(std::move(done), [](const auto &a) { return a.result; }), fail);
}

void SyncClient::requestLabels(HistoryDone<QList<history::Label>> done)
{
    auto fail = failWith(done);
    sendHistoryRequest(request(ClientMessage::Type::HistoryLabels),
                       expect<ServerMessage::HistoryLabels>(std::move(done), [](const auto &a) { return a.labels; }), fail);
}

void SyncClient::addLabel(const QString &name, qint64 version, HistoryDone<history::Label> done)
{
    ClientMessage m = request(ClientMessage::Type::AddLabel);
    m.name = name;
    if (version >= 0)
        m.atVersion = version;
    auto fail = failWith(done);
    sendHistoryRequest(m, expect<ServerMessage::HistoryLabel>(std::move(done), [](const auto &a) { return a.label; }), fail);
}

void SyncClient::restoreDeletedFile(const QString &path, qint64 version, HistoryDone<Entry> done)
{
    ClientMessage m = request(ClientMessage::Type::RestoreDeleted);
    m.path = path;
    m.atVersion = std::max<qint64>(0, version);
    auto fail = failWith(done);
    sendHistoryRequest(m, [done = std::move(done)](const ServerMessage::Body &body) {
        const auto *ok = std::get_if<ServerMessage::Ok>(&body);
        if (ok && ok->entry) {
            done(Result<Entry, ServiceError>::success(*ok->entry));
            return;
        }
        if (const auto *error = std::get_if<ServerMessage::Error>(&body)) {
            done(Result<Entry, ServiceError>::failure(ServiceError{error->code, error->message}));
            return;
        }
        done(Result<Entry, ServiceError>::failure(
            ServiceError{QStringLiteral("invalid_message"), QStringLiteral("the server answered restoreDeleted without the entry")}));
    }, fail);
}

} // namespace coauthor::sync
