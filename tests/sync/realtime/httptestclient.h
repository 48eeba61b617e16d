#pragma once

// A raw HTTP/1.1 client for the HTTP tests: the exact bytes of a request go out and
// the answer comes back unparsed by any HTTP library, so status lines, fields and
// bodies are checked as they are on the wire. Runs the event loop while it waits, so
// it works against a server in this process too.

#include <QByteArray>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSslSocket>
#include <QTimer>

#include <utility>

namespace coauthor::sync::test {

struct HttpAnswer
{
    int status = 0; // 0: no answer (connection reset, closed, timeout)
    QList<std::pair<QByteArray, QByteArray>> fields; // names in lower case
    QByteArray body;
    qint64 elapsedMs = 0;

    QByteArray field(const QByteArray &name) const
    {
        for (const auto &[n, v] : fields)
            if (n == name)
                return v;
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorCode() const { return json().value(QLatin1String("error")).toString(); }
};

// Sends raw (a whole request) to address:port and reads until the server closes.
// tls: over TLS, accepting the server's self-signed test certificate.
inline HttpAnswer rawHttp(const QHostAddress &address, quint16 port, const QByteArray &raw, int timeoutMs = 20000,
                          bool tls = false)
{
    HttpAnswer answer;
    QElapsedTimer clock;
    clock.start();
    QSslSocket socket;
    QByteArray received;
    QEventLoop loop;
    QObject::connect(&socket, tls ? &QSslSocket::encrypted : &QTcpSocket::connected, &loop, [&] { socket.write(raw); });
    QObject::connect(&socket, &QSslSocket::sslErrors, &loop, [&] { socket.ignoreSslErrors(); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, [&](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (tls)
        socket.connectToHostEncrypted(address.toString(), port);
    else
        socket.connectToHost(address, port);
    loop.exec();
    received += socket.readAll();
    answer.elapsedMs = clock.elapsed();
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0)
        return answer;
    QList<QByteArray> lines = received.left(end).split('\n');
    for (QByteArray &line : lines)
        line = line.trimmed();
    const QList<QByteArray> statusLine = lines.takeFirst().split(' ');
    if (statusLine.size() < 2 || !statusLine.at(0).startsWith("HTTP/1.1"))
        return answer;
    answer.status = statusLine.at(1).toInt();
    for (const QByteArray &line : std::as_const(lines)) {
        const qsizetype colon = line.indexOf(':');
        answer.fields.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    answer.body = received.mid(end + 4);
    return answer;
}

// GET (or HEAD) path on the loopback with optional extra header lines ("Name: value").
inline HttpAnswer httpGet(quint16 port, const QByteArray &path, const QList<QByteArray> &headers = {},
                          const QByteArray &method = QByteArrayLiteral("GET"),
                          const QHostAddress &address = QHostAddress::LocalHost)
{
    QByteArray raw = method + ' ' + path + " HTTP/1.1\r\nHost: coauthor.test\r\n";
    for (const QByteArray &h : headers)
        raw += h + "\r\n";
    raw += "\r\n";
    return rawHttp(address, port, raw);
}

inline QByteArray bearer(const QString &token)
{
    return "Authorization: Bearer " + token.toUtf8();
}

// The value of one sample ("name" or "name{label=\"v\"}" exactly as written) in a
// Prometheus text answer; -1 when it is not there.
inline double metricValue(const QByteArray &text, const QByteArray &sample)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(sample + ' ')))
            return line.mid(sample.size() + 1).toDouble();
    }
    return -1;
}

} // namespace coauthor::sync::test
