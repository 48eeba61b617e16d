#include "sync/realtime/httpexchange.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace coauthor::sync {

namespace {

// Below this much unsent data the next chunk is asked for.
constexpr qint64 lowWaterBytes = 2 * HttpExchange::chunkBytes;

} // namespace

HttpExchange::HttpExchange(QTcpSocket *socket, const HttpRequestHead &head, int idleTimeoutMs, QObject *parent)
    : QObject(parent), m_socket(socket), m_head(head), m_peerAddress(socket->peerAddress()), m_peerPort(socket->peerPort())
{
    socket->setParent(this);
    // The head was only peeked; what follows it (a body or a pipelined request) is
    // read and dropped: one request per connection.
    socket->read(head.size);
    socket->readAll();
    connect(socket, &QIODevice::readyRead, this, [this] {
        if (m_socket)
            m_socket->readAll();
    });
    connect(socket, &QAbstractSocket::disconnected, this, &HttpExchange::onDisconnected);
    connect(socket, &QIODevice::bytesWritten, this, &HttpExchange::onBytesWritten);
    m_idle.setSingleShot(true);
    m_idle.setInterval(idleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (m_socket)
            m_socket->abort(); // a peer that reads nothing for this long holds no connection
    });
    m_idle.start();
    if (socket->state() != QAbstractSocket::ConnectedState)
        QTimer::singleShot(0, this, &HttpExchange::onDisconnected);
}

HttpExchange::~HttpExchange() = default;

QString HttpExchange::peer() const
{
    return m_peerAddress.toString() + QLatin1Char(':') + QString::number(m_peerPort);
}

QByteArray HttpExchange::reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 206: return QByteArrayLiteral("Partial Content");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 416: return QByteArrayLiteral("Range Not Satisfiable");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 503: return QByteArrayLiteral("Service Unavailable");
    case 505: return QByteArrayLiteral("HTTP Version Not Supported");
    default: return QByteArrayLiteral("Unknown");
    }
}

void HttpExchange::writeHead(int status, const QByteArray &contentType, qint64 length, const Fields &fields)
{
    m_answered = true;
    m_status = status;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head += "Content-Type: " + contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(length) + "\r\n";
    head += "Connection: close\r\n";
    bool cacheControl = false;
    for (const auto &[name, value] : fields) {
        head += name + ": " + value + "\r\n";
        cacheControl = cacheControl || name.compare("Cache-Control", Qt::CaseInsensitive) == 0;
    }
    if (!cacheControl)
        head += "Cache-Control: no-store\r\n";
    head += "\r\n";
    m_socket->write(head);
}

void HttpExchange::respond(int status, const QByteArray &contentType, const QByteArray &body, const Fields &fields)
{
    if (m_answered || !m_socket || m_gone)
        return;
    writeHead(status, contentType, body.size(), fields);
    if (!isHeadRequest())
        m_socket->write(body);
    end();
}

void HttpExchange::respondError(int status, const QString &code, const QString &message, const Fields &fields)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("message"), message}})
                                .toJson(QJsonDocument::Compact)
        + '\n';
    respond(status, QByteArrayLiteral("application/json"), body, fields);
}

void HttpExchange::respondStreamed(int status, const QByteArray &contentType, qint64 length, const Fields &fields,
                                   ChunkSource source)
{
    if (m_answered || !m_socket || m_gone)
        return;
    writeHead(status, contentType, length, fields);
    if (isHeadRequest() || length == 0) {
        end();
        return;
    }
    m_source = std::move(source);
    m_next = 0;
    m_end = length;
    pump();
}

void HttpExchange::pump()
{
    if (!m_socket || m_gone || m_waitingForChunk || !m_source)
        return;
    if (m_next >= m_end) {
        m_source = {};
        end();
        return;
    }
    if (m_socket->bytesToWrite() >= lowWaterBytes)
        return; // onBytesWritten comes back
    const qint64 bytes = std::min(chunkBytes, m_end - m_next);
    m_waitingForChunk = true;
    QPointer<HttpExchange> self(this);
    m_source(m_next, bytes, [self, bytes](std::optional<QByteArray> chunk) {
        if (!self)
            return;
        self->m_waitingForChunk = false;
        if (!self->m_socket || self->m_gone)
            return;
        if (!chunk || chunk->size() != bytes) {
            // Gone meanwhile (expired, Redis down): a short body, never a wrong one.
            self->m_source = {};
            self->m_socket->abort();
            return;
        }
        self->m_socket->write(*chunk);
        self->m_next += bytes;
        self->m_idle.start();
        self->pump();
    });
}

void HttpExchange::onBytesWritten()
{
    m_idle.start();
    pump();
}

void HttpExchange::end()
{
    // Closes once everything written has gone out (disconnectFromHost waits for it).
    if (m_socket)
        m_socket->disconnectFromHost();
}

void HttpExchange::onDisconnected()
{
    if (m_finished)
        return;
    m_finished = true;
    m_idle.stop();
    m_gone = true;
    Q_EMIT finished(m_answered ? m_status : 0);
    deleteLater();
}

} // namespace coauthor::sync
