#include "sync/client/syncclient.h"

#include "sync/client/certificatepin.h"
#include "sync/client/lostversions.h"
#include "sync/client/conflictcopy.h"
#include "sync/client/projectmirror.h"
#include "sync/ot/opjson.h"
#include "sync/protocol/messagecodec.h"
#include "sync/protocol/projectpath.h"
#include "sync/protocol/servermessagecodec.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QWebSocket>

#include <algorithm>
#include <limits>

namespace coauthor::sync {

Q_LOGGING_CATEGORY(lcSyncClient, "coauthor.sync.client")

namespace {

// The journal grows by every event; rewrite it once it is this much larger.
constexpr qint64 compactAfterBytes = 8 * 1024 * 1024;

JournalRecord record(JournalRecord::Kind kind, const QString &docId)
{
    JournalRecord r;
    r.kind = kind;
    r.docId = docId;
    return r;
}

ClientMessage message(ClientMessage::Type type)
{
    ClientMessage m;
    m.type = type;
    return m;
}

// Server-side trouble or back-pressure (rate_limited: this connection has too
// many updates being applied): nothing was applied, the same request may work later.
bool isRetryable(const QString &code)
{
    return code == QLatin1String("storage_unavailable") || code == QLatin1String("internal") || code == QLatin1String("rate_limited");
}

// Our view of the doc is off (we diverged, or the server lost versions): the
// same edits, rebased onto the server's current text, may apply.
bool isRebasable(const QString &code)
{
    return code == QLatin1String("delete_mismatch") || code == QLatin1String("op_out_of_range")
           || code == QLatin1String("version_in_future") || code == QLatin1String("not_joined")
           // A seq the server already recorded for another op of this clientId
           // (docs/protocol.md): the same edit rebased goes under new seqs.
           || code == QLatin1String("stale_seq");
}

bool isGone(const QString &code)
{
    return code == QLatin1String("unknown_doc") || code == QLatin1String("not_found");
}

// A rebase the server refuses again this often is given up for a conflict copy.
constexpr int maxRebases = 3;
// Retries of a doc's request back off up to this (or maxBackoffMs if smaller).
constexpr int maxRetryDelayMs = 5000;
// Where the probe deletes: past the end of any doc, so it never applies; the
// server checks clientId + seq for a duplicate first.
constexpr qsizetype probePosition = qsizetype(1) << 40;

} // namespace

SyncClient::SyncClient(QObject *parent)
    : QObject(parent)
    , m_jitter(QRandomGenerator::global()->generate())
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &SyncClient::connectNow);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        if (m_welcomed)
            sendRequest(message(ClientMessage::Type::Ping));
    });
    m_deadTimer.setSingleShot(true);
    connect(&m_deadTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcSyncClient) << "connection silent too long; dropping it";
        abortConnection();
    });
    connect(&m_journal, &Journal::durable, this, &SyncClient::transmitReady);
    connect(&m_journal, &Journal::writeFailed, this, [this](const QString &message) {
        Q_EMIT errorOccurred(QStringLiteral("journal_write_failed"), message);
        // Ops waiting for durability go now: the server is where they are safe.
        transmitReady();
    });
    connect(&m_journal, &Journal::writeRecovered, this, &SyncClient::journalRecovered);
    // A journal that could not be written is retried from what is in memory.
    m_journal.setSnapshotSource([this] { return snapshot(); });
}

SyncClient::~SyncClient()
{
    close();
}

Result<void, QString> SyncClient::open(const Options &options)
{
    using R = Result<void, QString>;
    close();
    m_options = options;
    m_compactAt = compactAfterBytes;
    auto opened = m_journal.open(QDir(options.workingCopy).filePath(QStringLiteral(".coauthor")));
    if (!opened)
        return opened;
    if (options.mirrorFiles) {
        m_mirror = new ProjectMirror(options.workingCopy, this);
        connect(m_mirror, &ProjectMirror::docEditedOnDisk, this,
                [this](const QString &docId, const ot::TextOperation &op) {
                    if (applyLocalEdit(docId, op).ok())
                        Q_EMIT localOperationFromDisk(docId, op);
                });
        connect(m_mirror, &ProjectMirror::writeFailed, this, [this](const QString &path, const QString &message) {
            Q_EMIT errorOccurred(QStringLiteral("mirror_write_failed"), path + QStringLiteral(": ") + message);
        });
        connect(m_mirror, &ProjectMirror::pathRefused, this, [this](const QString &path, const QString &reason) {
            Q_EMIT errorOccurred(QStringLiteral("mirror_path_refused"), path + QStringLiteral(": ") + reason);
        });
        connect(m_mirror, &ProjectMirror::recovered, this, &SyncClient::mirrorRecovered);
        if (options.watchWorkingCopy) {
            m_mirror->setStateFile(QDir(options.workingCopy).filePath(QStringLiteral(".coauthor/mirror-state.json")));
            m_mirror->setLocalOnlyRule([this](const QString &path) {
                if (m_options.isLocalOnly)
                    return m_options.isLocalOnly(path);
                const QStringList segments = path.split(QLatin1Char('/'));
                return std::any_of(segments.cbegin(), segments.cend(),
                                   [](const QString &s) { return s.startsWith(QLatin1Char('.')); });
            });
            connect(m_mirror, &ProjectMirror::createdOnDisk, this, &SyncClient::localCreated);
            connect(m_mirror, &ProjectMirror::replacedOnDisk, this, &SyncClient::localReplaced);
            connect(m_mirror, &ProjectMirror::removedOnDisk, this, &SyncClient::localRemoved);
            connect(m_mirror, &ProjectMirror::renamedOnDisk, this, &SyncClient::localRenamed);
            connect(m_mirror, &ProjectMirror::localPathRefused, this, [this](const QString &path, const QString &why) {
                Q_EMIT localChangeRefused(path, QStringLiteral("invalid_path"), 0, 0, why);
            });
        }
    }
    restoreFromJournal();
    m_open = true;
    m_attempts = 0;
    m_pingTimer.start(options.pingIntervalMs);
    if (!m_workOffline)
        connectNow();
    return R::success();
}

void SyncClient::restoreFromJournal()
{
    // Group each doc's records, keeping their order.
    QHash<QString, QList<JournalRecord>> byDoc;
    QStringList order;
    for (const JournalRecord &r : m_journal.recovered()) {
        if (!byDoc.contains(r.docId))
            order.append(r.docId);
        byDoc[r.docId].append(r);
    }
    for (const QString &docId : std::as_const(order)) {
        auto doc = SharedDocument::replay(byDoc.value(docId), m_journal.clientId(),
                                          [this] { return m_journal.nextSequence(); });
        if (!doc) {
            qCWarning(lcSyncClient) << "cannot restore doc" << docId << "from the journal:" << doc.error();
            continue;
        }
        DocSlot &slot = m_docs[docId];
        slot.doc = std::make_unique<SharedDocument>(doc.takeValue());
        slot.doc->setSequenceSource([this] { return m_journal.nextSequence(); });
        // The server ops this replica had, for restoreLost; a fresh text (Base)
        // starts them again, and they must end at the doc's version.
        for (const JournalRecord &r : byDoc.value(docId)) {
            if (r.kind == JournalRecord::Kind::Base)
                slot.history.clear();
            else if ((r.kind == JournalRecord::Kind::Remote || r.kind == JournalRecord::Kind::History)
                     && (slot.history.isEmpty() || r.version > slot.history.last().version))
                remember(slot, r.op, r.version, r.clientId, qint64(r.seq));
        }
        if (!slot.history.isEmpty() && slot.history.last().version != slot.doc->version())
            slot.history.clear();
        if (m_mirror)
            m_mirror->setDocText(docId, slot.doc->path(), slot.doc->text());
    }
    // Rewrite the journal from what was restored: history goes, and a seq
    // handed out during the replay (its Sent record was lost) is recorded
    // before anything is sent with it.
    m_journal.compact(snapshot());
}

QList<JournalRecord> SyncClient::snapshot() const
{
    QList<JournalRecord> state;
    for (const auto &[id, slot] : m_docs) {
        state += slot.doc->snapshotRecords();
        for (const ServerOp &h : slot.history) {
            JournalRecord r = record(JournalRecord::Kind::History, id);
            r.version = h.version;
            r.op = h.op;
            r.clientId = h.clientId;
            r.seq = quint64(qMax<qint64>(0, h.seq));
            state.append(r);
        }
    }
    return state;
}

void SyncClient::close()
{
    if (!m_open)
        return;
    m_open = false;
    m_reconnectTimer.stop();
    m_pingTimer.stop();
    m_deadTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_welcomed = false;
    m_projectReceived = false;
    if (m_mirror) {
        m_mirror->flush();
        delete m_mirror;
        m_mirror = nullptr;
    }
    // A journal that could not be written gets a last try here.
    if (!m_docs.empty() || !m_journal.isHealthy())
        m_journal.compact(snapshot());
    m_journal.close();
    m_docs.clear();
    m_tree.clear();
    m_requests.clear();
    failHistoryCalls(QStringLiteral("disconnected"));
    m_heldPresence.clear();
    m_heldCursor.reset();
    setState(State::Offline);
}

QStringList SyncClient::docIds() const
{
    QStringList ids;
    for (const auto &[id, slot] : m_docs)
        ids.append(id);
    return ids;
}

const SharedDocument *SyncClient::document(const QString &docId) const
{
    const auto it = m_docs.find(docId);
    return it == m_docs.end() ? nullptr : it->second.doc.get();
}

QString SyncClient::docIdForPath(const QString &path) const
{
    for (const auto &[id, slot] : m_docs) {
        if (slot.doc->path() == path)
            return id;
    }
    return {};
}

bool SyncClient::isSynchronized() const
{
    // Between the welcome and the project's tree the doc list is not known yet.
    if (!m_welcomed || !m_projectReceived)
        return false;
    for (const Entry &e : m_tree) {
        if (e.kind == QLatin1String("doc") && !m_docs.count(e.id))
            return false;
    }
    for (const auto &[id, slot] : m_docs) {
        if (!slot.joined || slot.doc->ot().hasUnacked())
            return false;
    }
    return true;
}

int SyncClient::unsynchronizedDocs() const
{
    int n = 0;
    for (const auto &[id, slot] : m_docs)
        n += slot.doc->ot().hasUnacked() ? 1 : 0;
    return n;
}

void SyncClient::flushMirror()
{
    if (m_mirror)
        m_mirror->flush();
}

void SyncClient::checkSynchronized()
{
    if (isSynchronized())
        Q_EMIT synchronized();
}

// ---- connection -------------------------------------------------------------

void SyncClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SyncClient::connectNow()
{
    if (!m_open || m_workOffline)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(quint64(MessageCodec::maxFrameBytes));
    connect(m_socket, &QWebSocket::connected, this, &SyncClient::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &SyncClient::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &SyncClient::onTextMessage);
    // Never a blanket ignore: only a self-signed certificate whose digest is
    // the pin (or, with no pin yet, the first one seen) passes its errors.
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        const QSslCertificate peer = m_socket->sslConfiguration().peerCertificate();
        const QByteArray seen = CertificatePin::sha256(peer);
        QByteArray pin = m_options.certificateSha256;
        const bool firstUse = pin.isEmpty();
        if (firstUse)
            pin = seen;
        if (CertificatePin::acceptsErrors(pin, peer, errors)) {
            QList<QSslError> expected = errors;
            m_socket->ignoreSslErrors(expected);
            if (firstUse) {
                m_options.certificateSha256 = seen;
                Q_EMIT certificatePinned(seen);
            }
            return;
        }
        QString code = QStringLiteral("certificate_untrusted");
        QString why;
        if (!m_options.certificateSha256.isEmpty() && seen != m_options.certificateSha256) {
            code = QStringLiteral("certificate_changed");
            why = QStringLiteral("the server's certificate changed: expected %1, got %2")
                      .arg(CertificatePin::format(m_options.certificateSha256), CertificatePin::format(seen));
        } else {
            QStringList reasons;
            for (const QSslError &e : errors)
                reasons << e.errorString();
            why = QStringLiteral("the server's certificate %1 is not trusted: %2")
                      .arg(CertificatePin::format(seen), reasons.join(QStringLiteral("; ")));
        }
        m_lastError = why;
        qCWarning(lcSyncClient).noquote() << why;
        Q_EMIT certificateRefused(m_options.certificateSha256, seen);
        Q_EMIT errorOccurred(code, why);
    });
    // A large message in many frames is a live server too.
    connect(m_socket, &QWebSocket::textFrameReceived, this, [this] { m_deadTimer.start(m_options.deadTimeoutMs); });
    setState(State::Connecting);
    m_deadTimer.start(m_options.deadTimeoutMs);
    m_socket->open(m_options.url);
}

void SyncClient::scheduleReconnect()
{
    if (!m_open || m_workOffline || m_reconnectTimer.isActive())
        return;
    // Exponential backoff with jitter, so that clients cut off together do not
    // all come back in the same instant.
    const qint64 ceiling = qMin<qint64>(m_options.maxBackoffMs, qint64(m_options.minBackoffMs) << qMin(m_attempts, 16));
    const int delay = int(ceiling / 2 + m_jitter.bounded(int(ceiling / 2) + 1));
    ++m_attempts;
    m_reconnectTimer.start(delay);
}

void SyncClient::abortConnection()
{
    if (m_socket)
        m_socket->abort(); // emits disconnected
}

void SyncClient::setWorkOffline(bool offline)
{
    m_workOffline = offline;
    if (offline) {
        m_reconnectTimer.stop();
        abortConnection();
    } else if (m_open && !m_socket) {
        m_attempts = 0;
        connectNow();
    } else if (m_open && m_state == State::Offline) {
        m_attempts = 0;
        connectNow();
    }
}

QString SyncClient::checkPeerCertificate()
{
    // A pinned server that now shows another certificate a CA vouches for
    // raises no sslErrors: the pin is checked here too.
    if (m_options.certificateSha256.isEmpty() || m_options.url.scheme() != QLatin1String("wss"))
        return {};
    const QByteArray seen = CertificatePin::sha256(m_socket->sslConfiguration().peerCertificate());
    if (seen == m_options.certificateSha256)
        return {};
    return QStringLiteral("the server's certificate changed: expected %1, got %2")
        .arg(CertificatePin::format(m_options.certificateSha256), CertificatePin::format(seen));
}

void SyncClient::onConnected()
{
    if (const QString why = checkPeerCertificate(); !why.isEmpty()) {
        m_lastError = why;
        qCWarning(lcSyncClient).noquote() << why;
        Q_EMIT certificateRefused(m_options.certificateSha256,
                                  CertificatePin::sha256(m_socket->sslConfiguration().peerCertificate()));
        Q_EMIT errorOccurred(QStringLiteral("certificate_changed"), why);
        m_socket->abort();
        return;
    }
    ++m_connection;
    ClientMessage hello = message(ClientMessage::Type::Hello);
    hello.protocolVersion = MessageCodec::protocolVersion;
    hello.projectId = m_options.projectId;
    hello.token = m_options.token;
    hello.clientId = m_journal.clientId();
    hello.name = m_options.name;
    sendRequest(hello);
}

void SyncClient::onDisconnected()
{
    int closeCode = QWebSocketProtocol::CloseCodeAbnormalDisconnection;
    QString closeReason;
    if (m_socket) {
        closeCode = int(m_socket->closeCode());
        closeReason = m_socket->closeReason();
        m_socket->disconnect(this);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_welcomed = false;
    m_projectReceived = false;
    m_deadTimer.stop();
    m_requests.clear();
    failHistoryCalls(QStringLiteral("disconnected"));
    // Offline, changes would be lost: the next tree finds them (adoptServerTree).
    if (m_mirror)
        m_mirror->setWatching(false);
    for (auto &[id, slot] : m_docs) {
        slot.joined = false;
        slot.transmitted = false;
        // A probe's answer is lost with the connection: ask again after the fetch.
        if (slot.recovery == DocSlot::Recovery::Probing)
            slot.recovery = DocSlot::Recovery::Fetching;
    }
    m_retries.clear();
    Q_EMIT connectionClosed(closeCode, closeReason);
    setState(State::Offline);
    scheduleReconnect();
}

qint64 SyncClient::sendRequest(ClientMessage message)
{
    const qint64 rid = m_nextRid++;
    message.rid = rid;
    sendFrame(message);
    m_requests.insert(rid, std::move(message));
    return rid;
}

void SyncClient::sendFrame(const ClientMessage &message)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->sendTextMessage(MessageCodec::encode(MessageCodec::toJson(message)));
}

void SyncClient::onTextMessage(const QString &frame)
{
    m_deadTimer.start(m_options.deadTimeoutMs);
    auto decoded = ServerMessageCodec::decode(frame);
    if (!decoded) {
        qCWarning(lcSyncClient) << "unreadable message from the server:" << decoded.error().code << decoded.error().message;
        if (decoded.error().rid) {
            m_requests.remove(*decoded.error().rid);
            deliverHistoryAnswer(decoded.error().rid, ServerMessage::Error{QStringLiteral("invalid_message"), decoded.error().message});
        }
        return;
    }
    const ServerMessage &m = decoded.value();
    if (deliverHistoryAnswer(m.rid, m.body)) {
        m_requests.remove(*m.rid);
        return;
    }
    std::optional<ClientMessage> request;
    if (const auto asked = m.rid ? m_requests.constFind(*m.rid) : m_requests.constEnd(); asked != m_requests.constEnd()) {
        request = *asked;
        m_requests.erase(asked);
    }
    if (request && request->type == ClientMessage::Type::RestoreLost) {
        const auto *refused = std::get_if<ServerMessage::Error>(&m.body);
        restoreAnswered(request->doc, refused ? std::optional(*refused) : std::nullopt);
        return;
    }
    std::visit(
        [&](const auto &body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, ServerMessage::Error>)
                handleError(body, request);
            else if constexpr (requires { this->handle(body); })
                handle(body);
            // (a history answer nobody waits for any more: dropped)
        },
        m.body);
}

void SyncClient::handle(const ServerMessage::Welcome &m)
{
    m_welcomed = true;
    m_projectReceived = false;
    m_attempts = 0;
    m_userId = m.userId;
    m_role = m.role;
    m_maxFileBytes = m.maxFileBytes > 0 ? m.maxFileBytes : defaultMaxFileBytes;
    sendRequest(message(ClientMessage::Type::JoinProject));
}

void SyncClient::handle(const ServerMessage::Rejected &m)
{
    m_lastError = m.message;
    Q_EMIT errorOccurred(m.code, m_lastError);
}

void SyncClient::handleError(const ServerMessage::Error &m, const std::optional<ClientMessage> &request)
{
    qCWarning(lcSyncClient) << "server error" << m.code << m.message << "for"
                            << (request ? MessageCodec::toJson(*request) : QJsonObject());
    if (request && request->type == ClientMessage::Type::JoinDoc)
        joinFailed(request->doc, request->fromVersion.has_value(), m.code);
    using T = ClientMessage::Type;
    if (request && (request->type == T::CreateDoc || request->type == T::CreateFolder || request->type == T::UploadFile
                    || request->type == T::Rename)) {
        // Known to the mirror already: not sent again until it changes.
        Q_EMIT localChangeRefused(request->path, m.code, request->data.size(), 0, m.message);
        return;
    }
    Q_EMIT errorOccurred(m.code, m.message);
}

void SyncClient::joinFailed(const QString &docId, bool rejoin, const QString &code)
{
    const auto it = m_docs.find(docId);
    if (isGone(code)) {
        docRemovedOnServer(docId, false);
        return;
    }
    // A rejoin from our version that cannot work (the server lost versions it
    // had, or a hole in its history) or keeps failing: rebase onto its text.
    // Storage that is down comes back: a rejoin waiting for it keeps our ops exact,
    // a rebase would make them coarser. Anything else that keeps failing is rebased.
    const bool waitForStorage = code == QLatin1String("storage_unavailable");
    if (rejoin && it != m_docs.end() && (!isRetryable(code) || (!waitForStorage && m_retries.value(docId) >= 3))) {
        resync(docId);
        return;
    }
    // Retried, so that a doc never stays unloaded.
    retryLater(docId, [this, docId] {
        const auto it = m_docs.find(docId);
        if (it == m_docs.end() || !it->second.joined)
            joinDoc(docId);
    });
}

void SyncClient::retryLater(const QString &docId, std::function<void()> action)
{
    const int attempt = m_retries[docId]++;
    const qint64 ceiling = qMin(m_options.maxBackoffMs, maxRetryDelayMs);
    const int delay = int(qMin<qint64>(ceiling, qint64(m_options.minBackoffMs) << qMin(attempt, 16)));
    QTimer::singleShot(delay, this, [this, connection = m_connection, action = std::move(action)] {
        if (m_welcomed && connection == m_connection)
            action();
    });
}

void SyncClient::handle(const ServerMessage::Presence &m)
{
    onPresence(presenceOf(m.userId, m.name, m.colour, m.cursor));
}

void SyncClient::handle(const ServerMessage::UserJoined &m)
{
    Q_EMIT userJoined(m.userId, m.name, m.colour);
}

void SyncClient::handle(const ServerMessage::UserLeft &m)
{
    m_heldPresence.remove(m.userId);
    Q_EMIT userLeft(m.userId);
}

// ---- docs -------------------------------------------------------------------

void SyncClient::handle(const ServerMessage::Project &m)
{
    m_projectReceived = true;
    m_projectName = m.name;
    m_tree.clear();
    QSet<QString> docsInTree;
    for (const Entry &e : m.tree) {
        m_tree.append(e);
        if (e.kind == QLatin1String("doc")) {
            docsInTree.insert(e.id);
        } else if (m_mirror && e.kind == QLatin1String("folder")) {
            m_mirror->createFolder(e.path);
        } else if (m_mirror && e.kind == QLatin1String("file") && !m_options.watchWorkingCopy) {
            const QFileInfo local(m_mirror->absolutePath(e.path));
            if (!local.exists() || local.size() != e.size) {
                ClientMessage download = message(ClientMessage::Type::DownloadFile);
                download.id = e.id;
                sendRequest(download);
            }
        }
    }
    // Docs deleted while we were away.
    for (const QString &id : docIds()) {
        if (!docsInTree.contains(id)) {
            if (m_mirror)
                m_mirror->remove(m_docs.at(id).doc->path());
            docRemovedOnServer(id, m_removing.contains(id));
        }
    }
    // Files: downloaded when missing or newer there; what the server lacks is
    // sent or, when the server deleted it while we were away, deleted here.
    if (m_mirror && m_options.watchWorkingCopy) {
        for (const QString &id : m_mirror->adoptServerTree(m.tree)) {
            ClientMessage download = message(ClientMessage::Type::DownloadFile);
            download.id = id;
            sendRequest(download);
        }
    }
    setState(State::Online);
    // Who is already here, with their last cursor.
    for (const ServerMessage::User &u : m.users) {
        Q_EMIT userJoined(u.userId, u.name, u.colour);
        if (u.cursor)
            onPresence(presenceOf(u.userId, u.name, u.colour, *u.cursor));
    }
    for (const Entry &e : std::as_const(m_tree)) {
        if (e.kind == QLatin1String("doc"))
            joinDoc(e.id);
    }
    Q_EMIT treeChanged();
    checkSynchronized();
}

void SyncClient::joinDoc(const QString &docId)
{
    ClientMessage join = message(ClientMessage::Type::JoinDoc);
    join.doc = docId;
    // A doc being rebased needs the server's text, not the ops since our version.
    if (const auto it = m_docs.find(docId); it != m_docs.end() && it->second.recovery == DocSlot::Recovery::None) {
        join.fromVersion = it->second.doc->version();
        join.epoch = it->second.doc->epoch();
    }
    sendRequest(join);
}

void SyncClient::resync(const QString &docId)
{
    const auto it = m_docs.find(docId);
    if (it == m_docs.end())
        return;
    qCWarning(lcSyncClient) << "rebasing doc" << docId << "onto the server's text";
    DocSlot &slot = it->second;
    slot.joined = false;
    slot.transmitted = false;
    slot.recovery = DocSlot::Recovery::Fetching;
    if (m_welcomed)
        joinDoc(docId);
}

void SyncClient::rebaseOnto(DocSlot &slot, const ServerMessage::Doc &m)
{
    const QString docId = slot.doc->docId();
    const auto &inFlight = slot.doc->ot().inFlight();
    // Whether the server's text holds our in-flight op: unknown unless the
    // server refused it (its ack may have been lost), so ask first.
    bool applied = false;
    if (inFlight && !slot.inFlightRejected) {
        if (!slot.inFlightApplied) {
            sendProbe(slot);
            return;
        }
        applied = *slot.inFlightApplied;
    }
    const OtClient::Rebased rebased = slot.doc->rebase(m.text, m.version, applied);
    slot.doc->setPath(m.path);
    slot.recovery = DocSlot::Recovery::None;
    slot.inFlightRejected = false;
    slot.inFlightApplied.reset();
    slot.joined = true;
    slot.transmitted = false;
    slot.history.clear();
    m_retries.remove(docId);
    // The journal gets the doc as it is now: the server's text and our rebased
    // ops, the in-flight one with its new seq.
    for (const JournalRecord &r : slot.doc->snapshotRecords()) {
        const qint64 n = m_journal.append(r);
        if (r.kind == JournalRecord::Kind::Sent)
            slot.sentRecord = n;
    }
    if (m_heldCursor && m_heldCursor->docId == docId)
        m_heldCursor.reset();
    if (!rebased.local.isNoop())
        Q_EMIT remoteOperation(docId, rebased.local);
    docTextChanged(slot);
    if (slot.doc->ot().hasUnacked()) {
        Q_EMIT localTextKept(docId, tr("Your unsent changes to %1 did not fit the server's copy and were "
                                       "re-applied to its current text.").arg(slot.doc->path()));
    }
    transmitReady();
    maybeCompact();
    docAdvanced(docId);
    checkSynchronized();
}

void SyncClient::sendProbe(DocSlot &slot)
{
    // The in-flight op's seq with a delete that can never apply: the server
    // answers a duplicate ack if it holds an op with that seq, else
    // op_out_of_range; either way it changes nothing.
    slot.recovery = DocSlot::Recovery::Probing;
    ClientMessage probe = message(ClientMessage::Type::ApplyUpdate);
    probe.doc = slot.doc->docId();
    // Made on its base version, the op can only have been applied after it: the
    // server counts a seq as a resend only then (else stale_seq, docs/protocol.md).
    probe.version = slot.doc->ot().inFlight()->baseVersion;
    probe.op = ot::TextOperation({ot::Component::erase(probePosition, QStringLiteral("?"))});
    probe.clientId = m_journal.clientId();
    probe.seq = qint64(slot.doc->ot().inFlight()->seq);
    sendRequest(probe);
}

void SyncClient::probeAnswered(DocSlot &slot, std::optional<bool> applied)
{
    slot.inFlightApplied = applied;
    slot.recovery = DocSlot::Recovery::Fetching;
    const QString docId = slot.doc->docId();
    if (applied) {
        joinDoc(docId); // the text again: it moved on while we asked
        return;
    }
    // The server could not look: ask again after a backoff.
    retryLater(docId, [this, docId] {
        const auto it = m_docs.find(docId);
        if (it != m_docs.end() && it->second.recovery == DocSlot::Recovery::Fetching)
            joinDoc(docId);
    });
}

void SyncClient::docRemovedOnServer(const QString &docId, bool byUs)
{
    const auto it = m_docs.find(docId);
    m_removing.remove(docId);
    if (it == m_docs.end())
        return;
    if (!byUs && it->second.doc->ot().hasUnacked())
        keepConflictCopy(it->second, tr("%1 was deleted by a collaborator while it held changes not sent yet; "
                                        "they are kept in %2."));
    forgetDoc(docId);
}

void SyncClient::keepConflictCopy(const DocSlot &slot, const QString &why)
{
    const QString original = slot.doc->path();
    const QString path = conflictcopy::pathFor(original, QDateTime::currentDateTime(), [this](const QString &p) {
        return std::any_of(m_tree.cbegin(), m_tree.cend(), [&p](const Entry &e) { return e.path == p; })
               || QFileInfo::exists(QDir(m_options.workingCopy).filePath(p));
    });
    const QString text = slot.doc->text();
    // On disk first (durably, before the journal forgets the doc), then on
    // the server when it can take it, so the others see it too.
    if (auto written = conflictcopy::write(m_options.workingCopy, path, text); !written)
        qCWarning(lcSyncClient) << "cannot write the conflict copy" << path << written.error();
    else if (m_mirror)
        m_mirror->noteLocal(path); // sent below (or kept here): not a new file for the watcher
    if (m_welcomed && !isReadOnly() && text.size() <= 1024 * 1024)
        createDoc(path, text);
    qCWarning(lcSyncClient) << "kept the local text of" << original << "as" << path;
    Q_EMIT localTextKept(slot.doc->docId(), why.arg(original, path));
}

void SyncClient::reloadDoc(const QString &docId)
{
    qCWarning(lcSyncClient) << "reloading doc" << docId << "from the server";
    forgetDoc(docId);
    if (m_welcomed)
        joinDoc(docId);
}

void SyncClient::forgetDoc(const QString &docId)
{
    if (!m_docs.count(docId))
        return;
    m_journal.append(record(JournalRecord::Kind::Forget, docId));
    m_docs.erase(docId);
    if (m_heldCursor && m_heldCursor->docId == docId)
        m_heldCursor.reset();
    if (m_mirror)
        m_mirror->forgetDoc(docId);
}

void SyncClient::handle(const ServerMessage::Doc &m)
{
    const QString &docId = m.doc;
    const qint64 version = m.version;
    auto it = m_docs.find(docId);
    if (m.ops && it != m_docs.end() && it->second.recovery == DocSlot::Recovery::None) {
        // A rejoin from our version: the ops we missed, in order. Our own
        // in-flight op among them is its lost ack.
        DocSlot &slot = it->second;
        if (m.lostAfter) {
            reofferLost(slot, m);
            return;
        }
        noteEpoch(slot, m.epoch);
        for (const ServerMessage::AppliedOp &o : *m.ops) {
            const auto &inFlight = slot.doc->ot().inFlight();
            const bool ours = inFlight && o.clientId == m_journal.clientId() && quint64(o.seq) == inFlight->seq;
            const bool ok = ours ? acked(slot, o.version) : applyRemote(slot, o.op, o.version, o.clientId, o.seq);
            if (!ok) {
                resync(docId);
                return;
            }
        }
        if (slot.doc->version() != version) {
            resync(docId);
            return;
        }
        m_retries.remove(docId);
        if (m.more) {
            // One page of a long catch-up: ask for the next from where it ends.
            joinDoc(docId);
            return;
        }
        slot.joined = true;
        slot.transmitted = false;
        transmitReady();
        docAdvanced(docId);
        checkSynchronized();
        return;
    }
    // A rejoin answer we no longer wait for (the doc is being fetched afresh
    // or was forgotten): it has no text.
    if (m.ops)
        return;
    // The server's text while we hold edits it does not have: keep them.
    if (it != m_docs.end() && it->second.doc->ot().hasUnacked()) {
        rebaseOnto(it->second, m);
        return;
    }
    m_retries.remove(docId);
    DocSlot &slot = m_docs[docId];
    slot.recovery = DocSlot::Recovery::None;
    slot.inFlightRejected = false;
    slot.inFlightApplied.reset();
    slot.doc = std::make_unique<SharedDocument>(docId, m.path, m.text, version, [this] { return m_journal.nextSequence(); });
    slot.doc->setEpoch(m.epoch);
    slot.joined = true;
    slot.transmitted = false;
    JournalRecord base = record(JournalRecord::Kind::Base, docId);
    base.version = version;
    base.text = slot.doc->text();
    base.path = slot.doc->path();
    base.epoch = m.epoch;
    m_journal.append(base);
    slot.history.clear();
    if (m_heldCursor && m_heldCursor->docId == docId)
        m_heldCursor.reset();
    Q_EMIT docLoaded(docId, slot.doc->text(), version);
    docTextChanged(slot);
    maybeCompact();
    docAdvanced(docId);
    checkSynchronized();
}

void SyncClient::noteEpoch(DocSlot &slot, const QString &epoch)
{
    if (epoch.isEmpty() || epoch == slot.doc->epoch())
        return;
    slot.doc->setEpoch(epoch);
    JournalRecord r = record(JournalRecord::Kind::Epoch, slot.doc->docId());
    r.epoch = epoch;
    m_journal.append(r);
}

// The versions after base that the server lost: first offered back verbatim
// (restoreLost), which works while nobody has written since the loss and makes
// them shared history again, then the rejoin tells what is still missing.
bool SyncClient::restoreLost(DocSlot &slot, qint64 base)
{
    const QString attempt = slot.doc->epoch() + QLatin1Char(' ') + QString::number(base);
    if (slot.restoreTried != attempt)
        slot.restoreAttempts = 0;
    // A refused restore is tried again while the server moves on (the versions it
    // took since may be ours: Redis restarted without losing them), a few times.
    if (isReadOnly() || slot.restoreAttempts >= maxRestoreAttempts || slot.doc->epoch().isEmpty())
        return false;
    ++slot.restoreAttempts;
    ClientMessage restore = message(ClientMessage::Type::RestoreLost);
    restore.doc = slot.doc->docId();
    restore.epoch = slot.doc->epoch();
    restore.version = base;
    qint64 next = base + 1;
    for (const ServerOp &h : std::as_const(slot.history)) {
        if (h.version < next)
            continue;
        if (h.version != next)
            break;
        restore.lostOps.append(ClientMessage::LostOp{h.op, h.clientId, h.seq});
        ++next;
    }
    slot.restoreTried = attempt;
    if (restore.lostOps.isEmpty() || next != slot.doc->version() + 1) {
        // Our history does not reach back (the app restarted): another replica may
        // hold those versions whole. Ask again a little later; only if they are
        // still lost then do we re-offer our text as a whole.
        if (slot.restoreAttempts > 1)
            return false;
        slot.joined = false;
        slot.transmitted = false;
        QTimer::singleShot(restoreWaitMs, this, [this, docId = slot.doc->docId(), connection = m_connection] {
            if (m_welcomed && connection == m_connection)
                restoreAnswered(docId, std::nullopt);
        });
        return true;
    }
    slot.joined = false; // nothing is sent, nothing applied, until the rejoin
    slot.transmitted = false;
    qCWarning(lcSyncClient) << "doc" << slot.doc->docId() << ": the server lost versions" << base + 1 << "to"
                            << slot.doc->version() << "; offering our copy of them back";
    sendRequest(restore);
    return true;
}

void SyncClient::restoreAnswered(const QString &docId, const std::optional<ServerMessage::Error> &refused)
{
    if (refused)
        qCWarning(lcSyncClient) << "doc" << docId << ": the server took not our copy of its lost versions:" << refused->code
                                << refused->message;
    const auto it = m_docs.find(docId);
    if (it == m_docs.end() || it->second.joined || it->second.recovery != DocSlot::Recovery::None)
        return;
    if (refused && isRetryable(refused->code))
        it->second.restoreAttempts = qMax(0, it->second.restoreAttempts - 1); // it could not look: not a try
    // From our version in our epoch again: the versions restored (by us or by
    // another replica) are shared now; what is still lost comes back as lostAfter.
    joinDoc(docId);
}

void SyncClient::reofferLost(DocSlot &slot, const ServerMessage::Doc &m)
{
    if (restoreLost(slot, *m.lostAfter))
        return;
    const QString docId = slot.doc->docId();
    QList<VersionedOp> history;
    for (const ServerOp &h : std::as_const(slot.history))
        history.append(VersionedOp{h.version, h.op});
    QList<ot::TextOperation> unacked;
    if (slot.doc->ot().inFlight())
        unacked.append(slot.doc->ot().inFlight()->op);
    unacked += slot.doc->ot().pending();
    const LostVersionsReoffer reoffer =
        reofferAfterLoss(slot.doc->text(), slot.doc->version(), *m.lostAfter, history, unacked, m.baseText);
    qCWarning(lcSyncClient) << "doc" << docId << ": the server lost versions" << *m.lostAfter + 1 << "to"
                            << slot.doc->version() << "; re-offering them as a new edit";
    // The doc at the base, with all we had after it as one local edit, then the
    // server's ops since the base like any rejoin. Our text does not change here.
    slot.doc = std::make_unique<SharedDocument>(docId, slot.doc->path(), reoffer.textAtBase, *m.lostAfter,
                                                [this] { return m_journal.nextSequence(); });
    slot.history.clear();
    slot.doc->setEpoch(m.epoch);
    JournalRecord base = record(JournalRecord::Kind::Base, docId);
    base.version = *m.lostAfter;
    base.text = slot.doc->text();
    base.path = slot.doc->path();
    base.epoch = m.epoch;
    m_journal.append(base);
    if (!applyLocalEdit(docId, reoffer.op).ok()) {
        resync(docId);
        return;
    }
    for (const ServerMessage::AppliedOp &o : *m.ops) {
        if (!applyRemote(slot, o.op, o.version, o.clientId, o.seq)) {
            resync(docId);
            return;
        }
    }
    slot.joined = true;
    slot.transmitted = false;
    transmitReady();
    docAdvanced(docId);
    checkSynchronized();
    Q_EMIT errorOccurred(QStringLiteral("versions_lost"),
                         tr("The server lost recent edits; your copy of them was sent again."));
}

bool SyncClient::applyRemote(DocSlot &slot, const ot::TextOperation &op, qint64 version, const QString &author, qint64 seq)
{
    auto applied = slot.doc->applyRemote(op, version, OtClient::remoteSideFor(author, m_journal.clientId()));
    if (!applied) {
        qCWarning(lcSyncClient) << "doc" << slot.doc->docId() << ":" << applied.error();
        return false;
    }
    JournalRecord r = record(JournalRecord::Kind::Remote, slot.doc->docId());
    r.version = version;
    r.op = op;
    r.clientId = author; // replay breaks its ties with ours again
    r.seq = quint64(qMax<qint64>(0, seq));
    m_journal.append(r);
    remember(slot, op, version, author, seq);
    if (m_heldCursor && m_heldCursor->docId == slot.doc->docId())
        m_heldCursor->caret = m_heldCursor->caret.movedThrough(applied.value());
    Q_EMIT remoteOperation(slot.doc->docId(), applied.value());
    docTextChanged(slot);
    return true;
}

bool SyncClient::acked(DocSlot &slot, qint64 version)
{
    // Kept transformed to our version, the in-flight op is what the server applied.
    const std::optional<ot::TextOperation> ours =
        slot.doc->ot().inFlight() ? std::optional(slot.doc->ot().inFlight()->op) : std::nullopt;
    const qint64 oursSeq = slot.doc->ot().inFlight() ? qint64(slot.doc->ot().inFlight()->seq) : 0;
    auto next = slot.doc->ack(version);
    if (!next) {
        qCWarning(lcSyncClient) << "doc" << slot.doc->docId() << ":" << next.error();
        return false;
    }
    if (ours) {
        // Before the Ack: a Sent record must follow the record that caused the send.
        JournalRecord h = record(JournalRecord::Kind::History, slot.doc->docId());
        h.version = version;
        h.op = *ours;
        h.clientId = m_journal.clientId();
        h.seq = quint64(oursSeq);
        m_journal.append(h);
    }
    JournalRecord r = record(JournalRecord::Kind::Ack, slot.doc->docId());
    r.version = version;
    r.seq = 0;
    m_journal.append(r);
    if (ours)
        remember(slot, *ours, version, m_journal.clientId(), oursSeq);
    journalSent(slot, next.value());
    return true;
}

void SyncClient::remember(DocSlot &slot, const ot::TextOperation &op, qint64 version, const QString &clientId, qint64 seq)
{
    if (!slot.history.isEmpty() && slot.history.last().version != version - 1)
        slot.history.clear();
    slot.history.append(ServerOp{version, op, clientId, seq});
    if (slot.history.size() > historyLength)
        slot.history.removeFirst();
}

void SyncClient::journalSent(DocSlot &slot, const std::optional<OutgoingUpdate> &out)
{
    if (!out)
        return;
    // Appended right after the record that caused the send: replay relies on it.
    JournalRecord sent = record(JournalRecord::Kind::Sent, slot.doc->docId());
    sent.seq = out->seq;
    sent.version = out->baseVersion;
    slot.sentRecord = m_journal.append(sent);
    slot.transmitted = false;
}

void SyncClient::transmitReady()
{
    if (!m_welcomed)
        return;
    for (auto &[id, slot] : m_docs) {
        const auto &inFlight = slot.doc->ot().inFlight();
        if (!slot.joined || slot.transmitted || !inFlight || !m_journal.mayTransmit(slot.sentRecord, inFlight->seq))
            continue;
        // The op as transformed to our version, or as first sent when that
        // grew past what the server takes in one op.
        const OutgoingUpdate out = *slot.doc->ot().transmission();
        ClientMessage update = message(ClientMessage::Type::ApplyUpdate);
        update.doc = id;
        update.version = out.baseVersion;
        update.op = out.op;
        update.clientId = m_journal.clientId();
        update.seq = qint64(out.seq);
        // An op sent as it is typed needs no time: the server's is the same.
        if (out.madeAt > 0 && clockNow() - out.madeAt >= sendTimeAfterMs) {
            update.madeAt = out.madeAt;
            // Rebased since it was typed (offline): its time may be older than v's.
            if (out.typedOn >= 0 && out.typedOn < out.baseVersion)
                update.typedOnVersion = out.typedOn;
        }
        sendRequest(update);
        slot.transmitted = true;
    }
}

void SyncClient::handle(const ServerMessage::Ack &m)
{
    const QString &docId = m.doc;
    const auto it = m_docs.find(docId);
    if (it == m_docs.end())
        return;
    DocSlot &slot = it->second;
    const auto &inFlight = slot.doc->ot().inFlight();
    if (slot.recovery == DocSlot::Recovery::Probing && inFlight && quint64(m.seq) == inFlight->seq) {
        probeAnswered(slot, m.duplicate);
        return;
    }
    if (!slot.joined)
        return;
    const qint64 version = m.version;
    if (!inFlight || quint64(m.seq) != inFlight->seq) {
        qCWarning(lcSyncClient) << "unexpected ack of doc" << docId << "version" << m.version << "seq" << m.seq
                                << (m.duplicate ? "(duplicate)" : "");
        return;
    }
    if (!acked(slot, version)) {
        resync(docId);
        return;
    }
    slot.rebases = 0;
    m_retries.remove(docId);
    transmitReady();
    docAdvanced(docId);
    checkSynchronized();
}

void SyncClient::handle(const ServerMessage::Update &m)
{
    const QString &docId = m.doc;
    const auto it = m_docs.find(docId);
    if (it == m_docs.end() || !it->second.joined)
        return;
    if (!applyRemote(it->second, m.applied.op, m.applied.version, m.applied.clientId, m.applied.seq))
        resync(docId);
    else
        docAdvanced(docId);
    maybeCompact();
}

void SyncClient::handle(const ServerMessage::UpdateError &m)
{
    const QString docId = m.doc;
    qCWarning(lcSyncClient) << "update rejected" << docId << m.code << m.message;
    const auto it = m_docs.find(docId);
    if (it == m_docs.end())
        return;
    DocSlot &slot = it->second;
    const auto &inFlight = slot.doc->ot().inFlight();
    // Without a seq (refused before it could be read) it is about the one op in flight.
    if (!inFlight || (m.seq && quint64(*m.seq) != inFlight->seq))
        return; // about an op we no longer have in flight
    const quint64 seq = inFlight->seq;
    if (slot.recovery == DocSlot::Recovery::Probing) {
        // Refused: the server holds no op with that seq (unless it could not look).
        probeAnswered(slot, isRetryable(m.code) ? std::nullopt : std::optional(false));
        return;
    }
    if (!slot.joined)
        return;
    if (isRetryable(m.code)) {
        // Nothing was applied: the same op with the same seq, a little later.
        retryLater(docId, [this, docId, seq] {
            const auto it = m_docs.find(docId);
            if (it == m_docs.end() || !it->second.joined || !it->second.transmitted)
                return;
            const auto &inFlight = it->second.doc->ot().inFlight();
            if (inFlight && inFlight->seq == seq) {
                it->second.transmitted = false;
                transmitReady();
            }
        });
        return;
    }
    Q_EMIT updateError(docId, m.code, m.message);
    slot.inFlightRejected = true;
    if (isRebasable(m.code) && ++slot.rebases <= maxRebases) {
        resync(docId);
        return;
    }
    // The server will not take these edits (too large, read-only, …): keep
    // them beside the doc, which goes back to the server's text.
    keepConflictCopy(slot, tr("The server refused your changes to %1; they are kept in %2."));
    reloadDoc(docId);
}

void SyncClient::docTextChanged(const DocSlot &slot)
{
    if (m_mirror)
        m_mirror->setDocText(slot.doc->docId(), slot.doc->path(), slot.doc->text());
}

void SyncClient::maybeCompact()
{
    if (m_journal.growthBytes() < m_compactAt)
        return;
    auto done = m_journal.compact(snapshot());
    if (done) {
        m_compactAt = compactAfterBytes;
        return;
    }
    // The journal itself is intact and still appended to (a failing append
    // is what reports a full disk); try again after as much growth again,
    // not on every edit.
    qCWarning(lcSyncClient) << "cannot compact the journal:" << done.error();
    m_compactAt = m_journal.growthBytes() + compactAfterBytes;
}

qint64 SyncClient::clockNow() const
{
    return m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
}

Result<void, QString> SyncClient::applyLocalEdit(const QString &docId, const ot::TextOperation &op)
{
    using R = Result<void, QString>;
    const auto it = m_docs.find(docId);
    if (it == m_docs.end())
        return R::failure(tr("Unknown or not yet loaded document %1").arg(docId));
    DocSlot &slot = it->second;
    const qint64 typedAt = clockNow();
    const qint64 typedOn = slot.doc->version();
    auto out = slot.doc->applyLocal(op, typedAt, typedOn);
    if (!out)
        return R::failure(out.error());
    if (op.isNoop())
        return R::success();
    JournalRecord r = record(JournalRecord::Kind::Local, docId);
    r.op = op;
    r.time = typedAt;
    r.typedOn = typedOn;
    m_journal.append(r);
    // Our own typing moves our caret past what it inserts.
    if (m_heldCursor && m_heldCursor->docId == docId)
        m_heldCursor->caret = m_heldCursor->caret.movedThrough(op, true);
    journalSent(slot, out.value());
    // Sent once durable; at once when the journal cannot be written.
    transmitReady();
    docTextChanged(slot);
    maybeCompact();
    return R::success();
}

void SyncClient::sendCursor(const QString &docId, qint64 position, qint64 anchor)
{
    const auto it = m_docs.find(docId);
    if (it == m_docs.end())
        return;
    // Only the latest caret matters; one in another doc is no longer current.
    m_heldCursor = HeldCursor{docId, Caret{position, anchor}.clampedTo(it->second.doc->text().size())};
    flushCursor(it->second);
}

void SyncClient::flushCursor(DocSlot &slot)
{
    // A position in a text with unacked edits means nothing to the others:
    // they may never see that text. Once every edit is acked, our text is the
    // server's at our version.
    if (!m_heldCursor || m_heldCursor->docId != slot.doc->docId() || !m_welcomed || !slot.joined
        || slot.doc->ot().hasUnacked())
        return;
    ClientMessage cursor = message(ClientMessage::Type::Cursor);
    cursor.doc = slot.doc->docId();
    cursor.position = m_heldCursor->caret.position;
    cursor.anchor = m_heldCursor->caret.anchor;
    cursor.cursorVersion = slot.doc->version();
    m_heldCursor.reset();
    sendFrame(cursor);
}

// ---- presence ---------------------------------------------------------------

SyncClient::Caret SyncClient::Caret::movedThrough(const ot::TextOperation &op, bool moveOnInsertAtPos) const
{
    return Caret{qint64(ot::transformPosition(qsizetype(position), op, moveOnInsertAtPos)),
                 qint64(ot::transformPosition(qsizetype(anchor), op, moveOnInsertAtPos))};
}

SyncClient::Caret SyncClient::Caret::clampedTo(qint64 size) const
{
    return Caret{qBound<qint64>(0, position, size), qBound<qint64>(0, anchor, size)};
}

SyncClient::Presence SyncClient::presenceOf(const QString &userId, const QString &name, const QString &colour,
                                            const ServerMessage::Cursor &cursor)
{
    return Presence{userId, name, colour, cursor.doc, Caret{cursor.position, cursor.anchor}, cursor.version};
}

void SyncClient::onPresence(const Presence &presence)
{
    // A newer presence of the same person replaces one still waiting.
    m_heldPresence.remove(presence.userId);
    if (!showPresence(presence))
        m_heldPresence.insert(presence.userId, presence);
}

bool SyncClient::showPresence(const Presence &p)
{
    Caret caret = p.caret;
    const auto it = m_docs.find(p.docId);
    // A doc we do not hold, or a sender that gave no version: as it came.
    if (it != m_docs.end() && p.version) {
        const DocSlot &slot = it->second;
        const SharedDocument &doc = *slot.doc;
        const qint64 v = *p.version;
        if (v > doc.version())
            return false; // the ops up to v are on their way to us
        const auto &history = slot.history;
        const bool known = v == doc.version()
                           || (!history.isEmpty() && history.first().version <= v + 1 && history.last().version == doc.version());
        if (known) {
            // From the server's text at v to ours: the server's ops since v,
            // then our unacked ops.
            for (const ServerOp &op : history) {
                if (op.version > v)
                    caret = caret.movedThrough(op.op);
            }
            if (doc.ot().inFlight())
                caret = caret.movedThrough(doc.ot().inFlight()->op);
            for (const ot::TextOperation &op : doc.ot().pending())
                caret = caret.movedThrough(op);
        }
        // Older than what we remember (or nonsense): kept inside the text, as good as it gets.
        caret = caret.clampedTo(doc.text().size());
    }
    Q_EMIT presenceChanged(p.userId, p.name, p.colour, p.docId, caret.position, caret.anchor);
    return true;
}

void SyncClient::docAdvanced(const QString &docId)
{
    const auto it = m_docs.find(docId);
    if (it == m_docs.end())
        return;
    flushCursor(it->second);
    QList<Presence> ready;
    for (auto p = m_heldPresence.begin(); p != m_heldPresence.end();) {
        if (p->docId == docId && (!p->version || *p->version <= it->second.doc->version())) {
            ready.append(*p);
            p = m_heldPresence.erase(p);
        } else {
            ++p;
        }
    }
    for (const Presence &p : std::as_const(ready))
        showPresence(p);
}

// ---- tree -------------------------------------------------------------------

void SyncClient::createDoc(const QString &path, const QString &text)
{
    ClientMessage m = message(ClientMessage::Type::CreateDoc);
    m.path = path;
    m.text = text;
    sendRequest(m);
}

void SyncClient::createFolder(const QString &path)
{
    ClientMessage m = message(ClientMessage::Type::CreateFolder);
    m.path = path;
    sendRequest(m);
}

void SyncClient::rename(const QString &entryId, const QString &newPath)
{
    ClientMessage m = message(ClientMessage::Type::Rename);
    m.id = entryId;
    m.path = newPath;
    sendRequest(m);
}

void SyncClient::remove(const QString &entryId)
{
    m_removing.insert(entryId);
    ClientMessage m = message(ClientMessage::Type::Delete);
    m.id = entryId;
    sendRequest(m);
}

void SyncClient::uploadFile(const QString &path, const QByteArray &content, bool replace)
{
    ClientMessage m = message(ClientMessage::Type::UploadFile);
    m.path = path;
    m.data = content;
    m.replace = replace;
    sendRequest(m);
}

// ---- the working copy changed under us ------------------------------------------

const SyncClient::Entry *SyncClient::entryAt(const QString &path) const
{
    for (const Entry &e : m_tree) {
        if (e.path == path)
            return &e;
    }
    return nullptr;
}

void SyncClient::serverPathsChanged()
{
    if (!m_mirror)
        return;
    QSet<QString> paths;
    for (const Entry &e : std::as_const(m_tree))
        paths.insert(e.path);
    m_mirror->setServerPaths(paths);
}

bool SyncClient::isTextPath(const QString &path) const
{
    if (m_options.isTextFile)
        return m_options.isTextFile(path);
    static const QStringList suffixes = {QStringLiteral(".tex"), QStringLiteral(".bib"), QStringLiteral(".sty"),
                                         QStringLiteral(".cls"), QStringLiteral(".txt")};
    return std::any_of(suffixes.cbegin(), suffixes.cend(), [&path](const QString &s) { return path.endsWith(s, Qt::CaseInsensitive); });
}

void SyncClient::publishLocalPath(const QString &path)
{
    if (m_mirror)
        m_mirror->noteLocal(path);
    QFileInfo info(QDir(m_options.workingCopy).filePath(path));
    localCreated(path, info.isDir());
}

void SyncClient::publishLocalRename(const QString &from, const QString &to)
{
    if (m_mirror)
        m_mirror->noteLocalRename(from, to);
    localRenamed(from, to);
}

void SyncClient::publishLocalRemove(const QString &path)
{
    if (m_mirror)
        m_mirror->noteLocalRemoved(path);
    localRemoved(path);
}

void SyncClient::localCreated(const QString &path, bool folder)
{
    if (!m_welcomed || entryAt(path) || !docIdForPath(path).isEmpty())
        return;
    if (isReadOnly()) {
        Q_EMIT localChangeRefused(path, QStringLiteral("read_only"), 0, 0, {});
        return;
    }
    if (auto checked = ProjectPath::normalize(path); !checked.ok()) {
        Q_EMIT localChangeRefused(path, QStringLiteral("invalid_path"), 0, 0, checked.error().message);
        return;
    }
    if (folder) {
        createFolder(path);
        Q_EMIT localChangePublished(QStringLiteral("createFolder"), path);
        return;
    }
    QFile file(QDir(m_options.workingCopy).filePath(path));
    // The size first: a file over the limit is never read into memory.
    const qint64 size = file.size();
    const bool text = isTextPath(path);
    const qint64 limit = text ? maxDocBytes : m_maxFileBytes;
    if (size > limit) {
        Q_EMIT localChangeRefused(path, text ? QStringLiteral("doc_too_large") : QStringLiteral("file_too_large"), size,
                                  limit, {});
        return;
    }
    if (!file.open(QIODevice::ReadOnly))
        return; // gone again; the next scan says so
    const QByteArray content = file.readAll();
    if (text) {
        createDoc(path, m_options.decodeText ? m_options.decodeText(content) : QString::fromUtf8(content));
        Q_EMIT localChangePublished(QStringLiteral("createDoc"), path);
    } else {
        uploadFile(path, content);
        Q_EMIT localChangePublished(QStringLiteral("uploadFile"), path);
    }
}

void SyncClient::localReplaced(const QString &path)
{
    const Entry *e = entryAt(path);
    if (!m_welcomed || (e && e->kind != QLatin1String("file")))
        return;
    if (!e && !docIdForPath(path).isEmpty())
        return;
    if (!e && isTextPath(path)) {
        localCreated(path, false); // a text refused before (too large): a doc when it fits
        return;
    }
    // No entry: refused before (too large, now smaller), or our upload of it is
    // still on its way; replace makes the newest bytes win either way.
    if (isReadOnly()) {
        Q_EMIT localChangeRefused(path, QStringLiteral("read_only"), 0, 0, {});
        return;
    }
    QFile file(QDir(m_options.workingCopy).filePath(path));
    if (file.size() > m_maxFileBytes) {
        Q_EMIT localChangeRefused(path, QStringLiteral("file_too_large"), file.size(), m_maxFileBytes, {});
        return;
    }
    if (!file.open(QIODevice::ReadOnly))
        return;
    uploadFile(path, file.readAll(), true);
    Q_EMIT localChangePublished(QStringLiteral("replaceFile"), path);
}

QList<SyncClient::Entry> SyncClient::entriesAtOrUnder(const QString &path) const
{
    // A folder the server made for a file's path is in its tree but was never
    // announced (treeChanged lists the file): then the topmost entries under it.
    if (const Entry *e = entryAt(path))
        return {*e};
    const QString prefix = path + QLatin1Char('/');
    QList<Entry> under;
    for (const Entry &e : m_tree) {
        if (e.path.startsWith(prefix))
            under.append(e);
    }
    QList<Entry> topmost;
    for (const Entry &e : std::as_const(under)) {
        const bool nested = std::any_of(under.cbegin(), under.cend(), [&e](const Entry &other) {
            return other.kind == QLatin1String("folder") && e.path.startsWith(other.path + QLatin1Char('/'));
        });
        if (!nested)
            topmost.append(e);
    }
    return topmost;
}

void SyncClient::localRemoved(const QString &path)
{
    const QList<Entry> entries = entriesAtOrUnder(path);
    if (!m_welcomed || entries.isEmpty())
        return;
    if (isReadOnly()) {
        Q_EMIT localChangeRefused(path, QStringLiteral("read_only"), 0, 0, {});
        return;
    }
    for (const Entry &e : entries)
        remove(e.id);
    Q_EMIT localChangePublished(QStringLiteral("delete"), path);
}

void SyncClient::localRenamed(const QString &from, const QString &to)
{
    const QList<Entry> entries = entriesAtOrUnder(from);
    if (!m_welcomed)
        return;
    if (entries.isEmpty()) {
        localCreated(to, QFileInfo(QDir(m_options.workingCopy).filePath(to)).isDir());
        return;
    }
    if (isReadOnly()) {
        Q_EMIT localChangeRefused(to, QStringLiteral("read_only"), 0, 0, {});
        return;
    }
    if (auto checked = ProjectPath::normalize(to); !checked.ok()) {
        Q_EMIT localChangeRefused(to, QStringLiteral("invalid_path"), 0, 0, checked.error().message);
        return;
    }
    for (const Entry &e : entries)
        rename(e.id, to + e.path.mid(from.size()));
    Q_EMIT localChangePublished(QStringLiteral("rename"), to);
}

void SyncClient::handle(const ServerMessage::TreeChanged &m)
{
    // A removed folder lists everything under it; a renamed one only itself.
    for (const Entry &e : m.entries) {
        if (m.change == QLatin1String("created"))
            treeEntryCreated(e);
        else if (m.change == QLatin1String("renamed"))
            treeEntryRenamed(e, m.oldPath);
        else if (m.change == QLatin1String("removed"))
            treeEntryRemoved(e);
    }
    serverPathsChanged();
    Q_EMIT treeChanged();
}

void SyncClient::treeEntryCreated(const Entry &e)
{
    m_tree.removeIf([&e](const Entry &x) { return x.id == e.id || x.path == e.path; });
    m_tree.append(e);
    if (e.kind == QLatin1String("doc")) {
        if (m_welcomed)
            joinDoc(e.id);
    } else if (e.kind == QLatin1String("file")) {
        // Our own upload coming back: the bytes are here already.
        if (m_mirror && !e.sha256.isEmpty() && m_mirror->knownSha256(e.path) == e.sha256.toLatin1()
            && QFileInfo::exists(m_mirror->absolutePath(e.path)))
            return;
        ClientMessage download = message(ClientMessage::Type::DownloadFile);
        download.id = e.id;
        sendRequest(download);
    } else if (m_mirror) {
        m_mirror->createFolder(e.path);
    }
}

void SyncClient::treeEntryRenamed(const Entry &e, const QString &oldPath)
{
    if (oldPath.isEmpty())
        return;
    const QString prefix = oldPath + QLatin1Char('/');
    for (Entry &x : m_tree) {
        if (x.path == oldPath)
            x.path = e.path;
        else if (x.path.startsWith(prefix))
            x.path = e.path + x.path.mid(oldPath.size());
    }
    for (auto &[id, slot] : m_docs) {
        const QString path = slot.doc->path();
        if (path == oldPath)
            slot.doc->setPath(e.path);
        else if (path.startsWith(prefix))
            slot.doc->setPath(e.path + path.mid(oldPath.size()));
    }
    if (m_mirror)
        m_mirror->rename(oldPath, e.path);
}

void SyncClient::treeEntryRemoved(const Entry &e)
{
    const QString prefix = e.path + QLatin1Char('/');
    QStringList gone;
    m_tree.removeIf([&](const Entry &x) {
        if (x.id == e.id || x.path.startsWith(prefix)) {
            gone.append(x.id);
            return true;
        }
        return false;
    });
    gone.append(e.id);
    const bool byUs = m_removing.contains(e.id);
    for (const QString &id : std::as_const(gone))
        docRemovedOnServer(id, byUs);
    m_removing.remove(e.id);
    if (m_mirror)
        m_mirror->remove(e.path);
}

void SyncClient::handle(const ServerMessage::File &m)
{
    if (!m_mirror)
        return;
    m_mirror->writeFile(m.path, m.data);
    Q_EMIT treeChanged();
}

} // namespace coauthor::sync
