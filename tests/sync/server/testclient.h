#pragma once

// TestClient: a protocol client for the server tests and the load benchmark. It
// follows the client OT rules of docs/protocol.md (one op in flight, the rest
// composed into pending, incoming ops transformed against them with the ties
// broken by ot::tieBreak, as the server does) for one doc.

#include "sync/ot/textoperation.h"
#include "sync/protocol/servermessage.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QRandomGenerator>
#include <QString>

#include <functional>
#include <optional>

class QWebSocket;

namespace coauthor::sync::test {

class TestClient : public QObject
{
    Q_OBJECT
public:
    TestClient(const QString &url, const QString &projectId, const QString &token, const QString &clientId,
               const QString &name = QStringLiteral("test"), QObject *parent = nullptr);
    ~TestClient() override;

    // Opens the socket and says hello; returns the welcome (or rejected / empty on timeout).
    QJsonObject connectAndHello(int timeoutMs = 10000);
    bool isConnected() const;
    void setUrl(const QString &url) { m_url = url; }

    // Sends with a fresh rid and waits for the reply with that rid (empty on timeout).
    QJsonObject request(QJsonObject message, int timeoutMs = 10000);
    void sendObject(const QJsonObject &message);
    void sendRaw(const QString &frame);

    // Creates a doc through the server; its id, or empty when refused or on timeout.
    QString createDoc(const QString &path, const QString &text = {}, int timeoutMs = 10000);

    // Joins doc (from scratch, or from the version it has when rejoin is true, as a
    // reconnecting client does) and resends the op in flight. True on success.
    bool joinDoc(const QString &docId, bool rejoin = false, int timeoutMs = 10000);

    // A local edit: applied to the text at once, sent when nothing is in flight.
    void edit(const ot::TextOperation &op);
    // A random small insert or delete on the current text (ASCII).
    void randomEdit(QRandomGenerator &rng);

    // Incoming frames wait a random 0..maxMs before they are handled (in order).
    void setIncomingDelay(int maxMs, quint32 seed);

    // Drops the connection without a close handshake (the op in flight stays).
    void abort();
    void close();

    bool waitFor(const std::function<bool()> &condition, int timeoutMs = 10000);
    // Nothing in flight and nothing pending.
    bool isIdle() const { return !m_inflight && m_pending.isEmpty(); }

    QString docId() const { return m_docId; }
    QString text() const { return m_text; }
    qint64 version() const { return m_version; }
    qint64 nextSeq() const { return m_nextSeq; }
    QString clientId() const { return m_clientId; }
    int acks() const { return m_acks; }
    int duplicateAcks() const { return m_duplicateAcks; }
    int updatesApplied() const { return m_updatesApplied; }
    int retries() const { return m_retries; }
    // How many doc answers the last joinDoc took (pages of a long catch-up).
    int joinPages() const { return m_joinPages; }
    bool diverged() const { return !m_error.isEmpty(); }
    QString errorText() const { return m_error; }

    // Every frame received, in order, for tests that look at errors and broadcasts.
    QList<QJsonObject> received;
    QJsonObject lastOfType(const QString &type) const;
    int countOfType(const QString &type) const;

    // Called for every update / ack of the joined doc, for latency measurements.
    std::function<void(const ServerMessage::Update &)> onUpdate;
    std::function<void(const ServerMessage::Ack &)> onAck;

    // When false, ops are sent only when flush() is called (tests of unacked ops).
    bool autoSend = true;
    void flush();

Q_SIGNALS:
    void frameReceived(const QJsonObject &message);

private:
    struct InFlight
    {
        ot::TextOperation op;
        qint64 seq = 0;
        qint64 baseVersion = 0;
        bool sent = false;
    };

    void onText(const QString &frame);
    void handle(const QJsonObject &message);
    // What the joined doc's update, ack and updateError do to the client's state.
    void handleForDoc(const ServerMessage::Update &m);
    void handleForDoc(const ServerMessage::Ack &m);
    void handleForDoc(const ServerMessage::UpdateError &m);
    template <typename Other>
    void handleForDoc(const Other &)
    {
    }
    void applyRemote(const ot::TextOperation &op, qint64 v, const QString &author);
    void acknowledge(qint64 v);
    void sendInflight();
    void sendNext();
    void processDelayed();
    void processJoinReply(const ServerMessage &reply);

    QString m_url;
    QString m_projectId;
    QString m_token;
    QString m_clientId;
    QString m_name;
    QWebSocket *m_socket = nullptr;
    qint64 m_nextRid = 1;

    QString m_docId;
    QString m_text;
    qint64 m_version = -1;
    std::optional<InFlight> m_inflight;
    ot::TextOperation m_pending;
    qint64 m_nextSeq = 1;
    int m_acks = 0;
    int m_duplicateAcks = 0;
    int m_updatesApplied = 0;
    int m_retries = 0;
    QString m_error;

    qint64 m_joinRid = -1;
    bool m_joinFromVersion = false;
    bool m_joinOk = false;
    bool m_joinMore = false;
    int m_joinPages = 0;
    qint64 m_savedVersion = -1;

    int m_delayMaxMs = 0;
    QRandomGenerator m_delayRng;
    QQueue<QString> m_delayed;
    bool m_delayTimerRunning = false;
};

} // namespace coauthor::sync::test
