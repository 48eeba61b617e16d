#include "testclient.h"

#include "sync/ot/operations.h"
#include "sync/protocol/messagecodec.h"
#include "sync/protocol/servermessagecodec.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

namespace coauthor::sync::test {

using ot::Side;
using ot::TextOperation;

TestClient::TestClient(const QString &url, const QString &projectId, const QString &token, const QString &clientId,
                       const QString &name, QObject *parent)
    : QObject(parent), m_url(url), m_projectId(projectId), m_token(token), m_clientId(clientId), m_name(name)
{
}

TestClient::~TestClient()
{
    if (m_socket)
        m_socket->abort();
}

bool TestClient::waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

QJsonObject TestClient::connectAndHello(int timeoutMs)
{
    if (m_socket) {
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &TestClient::onText);
    m_socket->open(QUrl(m_url));
    if (!waitFor([this] { return m_socket->state() == QAbstractSocket::ConnectedState; }, timeoutMs))
        return {};
    ClientMessage hello;
    hello.type = ClientMessage::Type::Hello;
    hello.protocolVersion = MessageCodec::protocolVersion;
    hello.projectId = m_projectId;
    hello.token = m_token;
    hello.clientId = m_clientId;
    hello.name = m_name;
    return request(MessageCodec::toJson(hello), timeoutMs);
}

bool TestClient::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void TestClient::sendObject(const QJsonObject &message)
{
    sendRaw(MessageCodec::encode(message));
}

void TestClient::sendRaw(const QString &frame)
{
    if (m_socket)
        m_socket->sendTextMessage(frame);
}

QJsonObject TestClient::request(QJsonObject message, int timeoutMs)
{
    const qint64 rid = m_nextRid++;
    message.insert(QStringLiteral("rid"), double(rid));
    QJsonObject reply;
    bool got = false;
    auto connection = connect(this, &TestClient::frameReceived, this, [&](const QJsonObject &m) {
        if (!got && m.value(QLatin1String("rid")).toDouble(-1) == double(rid)) {
            reply = m;
            got = true;
        }
    });
    sendObject(message);
    waitFor([&] { return got; }, timeoutMs);
    disconnect(connection);
    return reply;
}

QJsonObject TestClient::lastOfType(const QString &type) const
{
    for (auto it = received.crbegin(); it != received.crend(); ++it)
        if (it->value(QLatin1String("type")).toString() == type)
            return *it;
    return {};
}

int TestClient::countOfType(const QString &type) const
{
    int n = 0;
    for (const QJsonObject &m : received)
        n += m.value(QLatin1String("type")).toString() == type;
    return n;
}

void TestClient::setIncomingDelay(int maxMs, quint32 seed)
{
    m_delayMaxMs = maxMs;
    m_delayRng.seed(seed);
}

void TestClient::onText(const QString &frame)
{
    if (m_delayMaxMs <= 0) {
        handle(QJsonDocument::fromJson(frame.toUtf8()).object());
        return;
    }
    m_delayed.enqueue(frame);
    if (m_delayTimerRunning)
        return;
    m_delayTimerRunning = true;
    QTimer::singleShot(int(m_delayRng.bounded(m_delayMaxMs + 1)), this, &TestClient::processDelayed);
}

void TestClient::processDelayed()
{
    if (m_delayed.isEmpty()) {
        m_delayTimerRunning = false;
        return;
    }
    handle(QJsonDocument::fromJson(m_delayed.dequeue().toUtf8()).object());
    QTimer::singleShot(int(m_delayRng.bounded(m_delayMaxMs + 1)), this, &TestClient::processDelayed);
}

void TestClient::handle(const QJsonObject &m)
{
    received.append(m);
    auto decoded = ServerMessageCodec::decode(m);
    if (!decoded) {
        m_error = QStringLiteral("undecodable frame (%1): %2").arg(decoded.error().code, decoded.error().message);
        Q_EMIT frameReceived(m);
        return;
    }
    const ServerMessage &message = decoded.value();
    if (m_joinRid >= 0 && message.rid == m_joinRid) {
        // Handled here, before any update that follows it in the same read.
        m_joinRid = -1;
        processJoinReply(message);
        Q_EMIT frameReceived(m);
        return;
    }
    if (!m_docId.isEmpty() && m_version >= 0)
        std::visit([this](const auto &body) { handleForDoc(body); }, message.body);
    Q_EMIT frameReceived(m);
}

void TestClient::handleForDoc(const ServerMessage::Update &m)
{
    if (m.doc != m_docId)
        return;
    const qint64 v = m.applied.version;
    if (v != m_version + 1)
        m_error = QStringLiteral("update v%1 while at v%2").arg(v).arg(m_version);
    else
        applyRemote(m.applied.op, v, m.applied.clientId);
    if (onUpdate)
        onUpdate(m);
}

void TestClient::handleForDoc(const ServerMessage::Ack &m)
{
    // An ack for an op that is not in flight (a duplicate after the rid-less ack
    // already came) changes nothing.
    if (m.doc != m_docId || !m_inflight || m_inflight->seq != m.seq)
        return;
    if (m.duplicate)
        ++m_duplicateAcks;
    acknowledge(m.version);
    if (onAck)
        onAck(m);
}

void TestClient::handleForDoc(const ServerMessage::UpdateError &m)
{
    if (m.doc != m_docId)
        return;
    const qint64 seq = m.seq.value_or(0);
    if ((m.code == QLatin1String("storage_unavailable") || m.code == QLatin1String("internal")) && m_inflight && m_inflight->seq == seq) {
        // Nothing was applied: the same op, same seq, a little later.
        ++m_retries;
        QTimer::singleShot(200, this, [this, seq] {
            if (m_inflight && m_inflight->seq == seq)
                sendInflight();
        });
        return;
    }
    if (m.code == QLatin1String("stale_seq") && m_inflight && m_inflight->seq == seq) {
        // Another copy used this clientId's seqs: the op was not applied; it goes
        // again under a seq well above them.
        ++m_retries;
        m_nextSeq += 1000;
        m_inflight->seq = m_nextSeq++;
        sendInflight();
        return;
    }
    m_error = QStringLiteral("updateError %1: %2").arg(m.code, m.message);
}

void TestClient::applyRemote(const TextOperation &op, qint64 v, const QString &author)
{
    // op' against what we have sent but not had acked, then against what we have
    // not sent; ours are transformed the other way. Ties go as the server broke
    // them: the op of the author whose clientId sorts first keeps its inserts first.
    const Side theirs = ot::tieBreak(author, m_clientId, Side::Left);
    const Side ours = ot::opposite(theirs);
    TextOperation incoming = op;
    if (m_inflight) {
        const TextOperation mine = m_inflight->op;
        m_inflight->op = ot::transform(mine, incoming, ours);
        incoming = ot::transform(incoming, mine, theirs);
    }
    if (!m_pending.isEmpty()) {
        const TextOperation mine = m_pending;
        m_pending = ot::transform(mine, incoming, ours);
        incoming = ot::transform(incoming, mine, theirs);
    }
    auto applied = ot::apply(m_text, incoming);
    if (!applied) {
        m_error = QStringLiteral("cannot apply remote op at v%1: %2").arg(v).arg(applied.error().message);
        return;
    }
    m_text = applied.takeValue();
    m_version = v;
    ++m_updatesApplied;
}

void TestClient::acknowledge(qint64 v)
{
    m_version = v;
    m_inflight.reset();
    ++m_acks;
    sendNext();
}

void TestClient::sendInflight()
{
    if (!m_inflight || !isConnected())
        return;
    m_inflight->sent = true;
    ClientMessage update;
    update.type = ClientMessage::Type::ApplyUpdate;
    update.rid = m_nextRid++;
    update.doc = m_docId;
    update.version = m_version;
    update.op = m_inflight->op;
    update.clientId = m_clientId;
    update.seq = m_inflight->seq;
    sendObject(MessageCodec::toJson(update));
}

void TestClient::sendNext()
{
    if (m_inflight || m_pending.isEmpty() || !autoSend)
        return;
    m_inflight = InFlight{m_pending, m_nextSeq++, m_version, false};
    m_pending = TextOperation();
    sendInflight();
}

void TestClient::flush()
{
    const bool saved = autoSend;
    autoSend = true;
    sendNext();
    autoSend = saved;
}

void TestClient::edit(const TextOperation &op)
{
    auto applied = ot::apply(m_text, op);
    if (!applied) {
        m_error = QStringLiteral("local edit does not apply: %1").arg(applied.error().message);
        return;
    }
    m_text = applied.takeValue();
    m_pending = m_pending.isEmpty() ? op : ot::compose(m_pending, op);
    sendNext();
}

void TestClient::randomEdit(QRandomGenerator &rng)
{
    const qsizetype size = m_text.size();
    if (size > 0 && rng.bounded(3) == 0) {
        const qsizetype p = rng.bounded(int(size));
        const qsizetype n = 1 + rng.bounded(int(qMin<qsizetype>(5, size - p)));
        edit(TextOperation({ot::Component::erase(p, m_text.mid(p, n))}));
        return;
    }
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz \n\\{}";
    QString s;
    const int n = 1 + int(rng.bounded(4));
    for (int i = 0; i < n; ++i)
        s.append(QLatin1Char(letters[rng.bounded(int(sizeof(letters) - 1))]));
    edit(TextOperation({ot::Component::insert(rng.bounded(int(size) + 1), s)}));
}

QString TestClient::createDoc(const QString &path, const QString &text, int timeoutMs)
{
    ClientMessage create;
    create.type = ClientMessage::Type::CreateDoc;
    create.path = path;
    create.text = text;
    auto reply = ServerMessageCodec::decode(request(MessageCodec::toJson(create), timeoutMs));
    const auto *ok = reply ? std::get_if<ServerMessage::Ok>(&reply.value().body) : nullptr;
    return ok && ok->entry ? ok->entry->id : QString();
}

bool TestClient::joinDoc(const QString &docId, bool rejoin, int timeoutMs)
{
    m_joinFromVersion = rejoin && m_docId == docId && m_version >= 0;
    m_docId = docId;
    m_joinPages = 0;
    do {
        ClientMessage join;
        join.type = ClientMessage::Type::JoinDoc;
        join.doc = docId;
        if (m_joinFromVersion)
            join.fromVersion = m_version;
        // Until the answer is handled, updates are not applied (m_version < 0).
        m_savedVersion = m_version;
        m_version = -1;
        m_joinOk = false;
        m_joinMore = false;
        m_joinRid = m_nextRid; // request() uses this rid
        request(MessageCodec::toJson(join), timeoutMs);
        if (m_joinRid >= 0) {
            m_joinRid = -1;
            m_version = m_savedVersion;
        }
        ++m_joinPages;
    } while (m_joinOk && m_joinMore); // a page of a long catch-up: ask for the next
    return m_joinOk;
}

void TestClient::processJoinReply(const ServerMessage &reply)
{
    const auto *doc = std::get_if<ServerMessage::Doc>(&reply.body);
    if (!doc) {
        m_version = m_savedVersion;
        return;
    }
    m_joinOk = true;
    if (!m_joinFromVersion) {
        m_text = doc->text;
        m_version = doc->version;
        m_inflight.reset();
        m_pending = TextOperation();
        return;
    }
    m_version = m_savedVersion;
    for (const ServerMessage::AppliedOp &entry : doc->ops.value_or(QList<ServerMessage::AppliedOp>())) {
        if (entry.version <= m_version)
            continue;
        if (m_inflight && entry.clientId == m_clientId && entry.seq == m_inflight->seq) {
            // The ack lost with the old connection.
            m_version = entry.version;
            m_inflight.reset();
            ++m_acks;
            continue;
        }
        applyRemote(entry.op, entry.version, entry.clientId);
    }
    if (m_version != doc->version)
        m_error = QStringLiteral("rejoin answer at v%1 left the client at v%2").arg(doc->version).arg(m_version);
    m_joinMore = doc->more;
    if (m_joinMore)
        return; // not joined yet: nothing is sent until the last page
    if (m_inflight)
        sendInflight();
    else
        sendNext();
}

void TestClient::abort()
{
    if (m_socket)
        m_socket->abort();
}

void TestClient::close()
{
    if (m_socket)
        m_socket->close();
}

} // namespace coauthor::sync::test
