#include "testclient.h"

#include "sync/ot/operations.h"
#include "sync/ot/opjson.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
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
    return request(QJsonObject{{QStringLiteral("type"), QStringLiteral("hello")},
                               {QStringLiteral("protocolVersion"), 1},
                               {QStringLiteral("projectId"), m_projectId},
                               {QStringLiteral("token"), m_token},
                               {QStringLiteral("clientId"), m_clientId},
                               {QStringLiteral("name"), m_name}},
                   timeoutMs);
}

bool TestClient::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void TestClient::sendObject(const QJsonObject &message)
{
    sendRaw(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
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
    const QString type = m.value(QLatin1String("type")).toString();
    if (m_joinRid >= 0 && m.value(QLatin1String("rid")).toDouble(-1) == double(m_joinRid)) {
        // Handled here, before any update that follows it in the same read.
        m_joinRid = -1;
        processJoinReply(m);
        Q_EMIT frameReceived(m);
        return;
    }
    const QString doc = m.value(QLatin1String("doc")).toString();
    if (!m_docId.isEmpty() && doc == m_docId && m_version >= 0) {
        if (type == QLatin1String("update")) {
            const qint64 v = qint64(m.value(QLatin1String("v")).toDouble());
            if (v != m_version + 1) {
                m_error = QStringLiteral("update v%1 while at v%2").arg(v).arg(m_version);
            } else {
                auto op = ot::operationFromJson(m.value(QLatin1String("op")));
                if (!op)
                    m_error = QStringLiteral("bad op in update: %1").arg(op.error().message);
                else
                    applyRemote(op.value(), v);
            }
            if (onUpdate)
                onUpdate(m);
        } else if (type == QLatin1String("ack")) {
            const qint64 seq = qint64(m.value(QLatin1String("seq")).toDouble());
            // An ack for an op that is not in flight (a duplicate after the
            // rid-less ack already came) changes nothing.
            if (m_inflight && m_inflight->seq == seq) {
                if (m.value(QLatin1String("duplicate")).toBool())
                    ++m_duplicateAcks;
                acknowledge(qint64(m.value(QLatin1String("v")).toDouble()));
                if (onAck)
                    onAck(m);
            }
        } else if (type == QLatin1String("updateError")) {
            const QString code = m.value(QLatin1String("code")).toString();
            const qint64 seq = qint64(m.value(QLatin1String("seq")).toDouble());
            if ((code == QLatin1String("storage_unavailable") || code == QLatin1String("internal")) && m_inflight && m_inflight->seq == seq) {
                // Nothing was applied: the same op, same seq, a little later.
                ++m_retries;
                QTimer::singleShot(200, this, [this, seq] {
                    if (m_inflight && m_inflight->seq == seq)
                        sendInflight();
                });
                Q_EMIT frameReceived(m);
                return;
            }
            m_error = QStringLiteral("updateError %1: %2").arg(m.value(QLatin1String("code")).toString(), m.value(QLatin1String("message")).toString());
        }
    }
    Q_EMIT frameReceived(m);
}

void TestClient::applyRemote(const TextOperation &op, qint64 v)
{
    // op' against what we have sent but not had acked, then against what we have
    // not sent; ours are transformed the other way (the server's op won the ties).
    TextOperation incoming = op;
    if (m_inflight) {
        const TextOperation mine = m_inflight->op;
        m_inflight->op = ot::transform(mine, incoming, Side::Right);
        incoming = ot::transform(incoming, mine, Side::Left);
    }
    if (!m_pending.isEmpty()) {
        const TextOperation mine = m_pending;
        m_pending = ot::transform(mine, incoming, Side::Right);
        incoming = ot::transform(incoming, mine, Side::Left);
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
    sendObject(QJsonObject{{QStringLiteral("type"), QStringLiteral("applyUpdate")},
                           {QStringLiteral("rid"), double(m_nextRid++)},
                           {QStringLiteral("doc"), m_docId},
                           {QStringLiteral("v"), double(m_version)},
                           {QStringLiteral("op"), ot::toJson(m_inflight->op)},
                           {QStringLiteral("clientId"), m_clientId},
                           {QStringLiteral("seq"), double(m_inflight->seq)}});
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

bool TestClient::joinDoc(const QString &docId, bool rejoin, int timeoutMs)
{
    QJsonObject message{{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("doc"), docId}};
    m_joinFromVersion = rejoin && m_docId == docId && m_version >= 0;
    if (m_joinFromVersion)
        message.insert(QStringLiteral("fromVersion"), double(m_version));
    // Until the answer is handled, updates are not applied (m_version < 0).
    m_savedVersion = m_version;
    m_docId = docId;
    m_version = -1;
    m_joinOk = false;
    m_joinRid = m_nextRid; // request() uses this rid
    request(message, timeoutMs);
    if (m_joinRid >= 0) {
        m_joinRid = -1;
        m_version = m_savedVersion;
    }
    return m_joinOk;
}

void TestClient::processJoinReply(const QJsonObject &reply)
{
    if (reply.value(QLatin1String("type")).toString() != QLatin1String("doc")) {
        m_version = m_savedVersion;
        return;
    }
    m_joinOk = true;
    if (!m_joinFromVersion) {
        m_text = reply.value(QLatin1String("text")).toString();
        m_version = qint64(reply.value(QLatin1String("version")).toDouble());
        m_inflight.reset();
        m_pending = TextOperation();
        return;
    }
    m_version = m_savedVersion;
    const QJsonArray ops = reply.value(QLatin1String("ops")).toArray();
    for (const QJsonValue &value : ops) {
        const QJsonObject entry = value.toObject();
        const qint64 v = qint64(entry.value(QLatin1String("v")).toDouble());
        if (v <= m_version)
            continue;
        if (m_inflight && entry.value(QLatin1String("clientId")).toString() == m_clientId
            && qint64(entry.value(QLatin1String("seq")).toDouble()) == m_inflight->seq) {
            // The ack lost with the old connection.
            m_version = v;
            m_inflight.reset();
            ++m_acks;
            continue;
        }
        auto op = ot::operationFromJson(entry.value(QLatin1String("op")));
        if (!op) {
            m_error = QStringLiteral("bad op in joinDoc");
            return;
        }
        applyRemote(op.value(), v);
    }
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
