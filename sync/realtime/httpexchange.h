#pragma once

// HttpExchange: one HTTP request answered on one connection, which is then closed
// (Connection: close; a client opens a new one per request). The body comes from
// memory or is streamed in chunks from a source (a 64 MiB PDF is never in memory at
// once, and never more than a few chunks sit in the socket's buffer); a peer that
// stops reading is cut off after idleTimeoutMs. Deletes itself (and the socket) once
// the connection is gone, after emitting finished() exactly once.

#include "sync/realtime/httprequesthead.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <optional>

namespace coauthor::sync {

class HttpExchange : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpExchange)

public:
    using Fields = QList<std::pair<QByteArray, QByteArray>>;
    // Gives the bytes [offset, offset + bytes) of the body to deliver, or nothing when
    // they cannot be had any more (the connection is then cut: the client sees a short
    // body and may resume with a Range).
    using Deliver = std::function<void(std::optional<QByteArray>)>;
    using ChunkSource = std::function<void(qint64 offset, qint64 bytes, Deliver deliver)>;

    static constexpr qint64 chunkBytes = 256 * 1024;

    // Takes the socket over (its parent becomes this); the head's bytes are still in
    // its read buffer and are read off here.
    HttpExchange(QTcpSocket *socket, const HttpRequestHead &head, int idleTimeoutMs, QObject *parent = nullptr);
    ~HttpExchange() override;

    const HttpRequestHead &request() const { return m_head; }
    QHostAddress peerAddress() const { return m_peerAddress; }
    QString peer() const;
    bool isHeadRequest() const { return m_head.method == "HEAD"; }
    bool isAnswered() const { return m_answered; }
    // The connection went away before the answer was sent.
    bool isGone() const { return m_gone; }

    void respond(int status, const QByteArray &contentType, const QByteArray &body, const Fields &fields = {});
    // {"error":code,"message":message} with that status (the protocol's error codes).
    void respondError(int status, const QString &code, const QString &message, const Fields &fields = {});
    // A body of length bytes from source (not asked at all for HEAD).
    void respondStreamed(int status, const QByteArray &contentType, qint64 length, const Fields &fields,
                         ChunkSource source);

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    // The connection is closed; status: of the answer begun on it (0: none). Once.
    void finished(int status);

private:
    void writeHead(int status, const QByteArray &contentType, qint64 length, const Fields &fields);
    void pump();
    void onBytesWritten();
    void end();
    void onDisconnected();

    QPointer<QTcpSocket> m_socket;
    HttpRequestHead m_head;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    QTimer m_idle;
    bool m_answered = false;
    bool m_gone = false;
    bool m_finished = false;
    int m_status = 0;
    // Streaming: the body still owed and who gives it.
    ChunkSource m_source;
    qint64 m_next = 0;
    qint64 m_end = 0;
    bool m_waitingForChunk = false;
};

} // namespace coauthor::sync
