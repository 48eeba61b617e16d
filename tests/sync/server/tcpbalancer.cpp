#include "tcpbalancer.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace coauthor::sync::test {

struct TcpBalancer::Link
{
    std::unique_ptr<QTcpSocket> client;
    std::unique_ptr<QTcpSocket> backend;
    int backendIndex = -1;
    bool connected = false;
    bool closed = false;
};

TcpBalancer::TcpBalancer(const QList<quint16> &backendPorts, QObject *parent)
    : QObject(parent), m_backends(backendPorts), m_accepted(backendPorts.size(), 0)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpBalancer::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
}

TcpBalancer::~TcpBalancer()
{
    for (auto &link : m_links) {
        // No signal may reach a half-destroyed balancer.
        if (link->client)
            link->client->disconnect(this);
        if (link->backend)
            link->backend->disconnect(this);
    }
}

int TcpBalancer::openConnections(int backend) const
{
    return int(std::count_if(m_links.begin(), m_links.end(), [backend](const std::unique_ptr<Link> &l) {
        return l->connected && !l->closed && l->backendIndex == backend;
    }));
}

void TcpBalancer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto link = std::make_unique<Link>();
        link->client.reset(socket);
        socket->setParent(nullptr);
        // Bytes the client sends before the backend is connected stay in its socket.
        connect(socket, &QTcpSocket::disconnected, this, [this, l = link.get()] { close(l); });
        Link *raw = link.get();
        m_links.push_back(std::move(link));
        tryBackend(raw, int(m_backends.size()));
    }
}

void TcpBalancer::tryBackend(Link *link, int attemptsLeft)
{
    if (link->closed)
        return;
    if (attemptsLeft == 0) { // every instance is down: as a balancer would, drop the client
        close(link);
        return;
    }
    const int index = m_next;
    m_next = (m_next + 1) % int(m_backends.size());
    link->backendIndex = index;
    link->backend = std::make_unique<QTcpSocket>();
    QTcpSocket *backend = link->backend.get();
    connect(backend, &QTcpSocket::connected, this, [this, link] {
        link->connected = true;
        ++m_accepted[link->backendIndex];
        relay(link);
    });
    connect(backend, &QTcpSocket::errorOccurred, this, [this, link, backend, attemptsLeft](QAbstractSocket::SocketError) {
        if (link->connected || link->backend.get() != backend)
            return; // a connected link ends through disconnected
        // Refused: this instance is down; the next one, later in this event loop turn.
        backend->disconnect(this);
        QTimer::singleShot(0, this, [this, link, attemptsLeft] { tryBackend(link, attemptsLeft - 1); });
    });
    connect(backend, &QTcpSocket::disconnected, this, [this, link] {
        if (link->connected)
            close(link);
    });
    backend->connectToHost(QHostAddress::LocalHost, m_backends.at(index));
}

void TcpBalancer::relay(Link *link)
{
    QTcpSocket *client = link->client.get();
    QTcpSocket *backend = link->backend.get();
    connect(client, &QTcpSocket::readyRead, this, [client, backend] { backend->write(client->readAll()); });
    connect(backend, &QTcpSocket::readyRead, this, [client, backend] { client->write(backend->readAll()); });
    if (client->bytesAvailable() > 0)
        backend->write(client->readAll());
}

// Either side went away: what the other side already sent is passed on, then
// both are closed. The link itself is kept (a few bytes) until the balancer goes.
void TcpBalancer::close(Link *link)
{
    if (link->closed)
        return;
    link->closed = true;
    for (QTcpSocket *s : {link->client.get(), link->backend.get()}) {
        if (!s)
            continue;
        s->disconnect(this);
        if (s == link->client.get() && link->backend && link->backend->bytesAvailable() > 0)
            s->write(link->backend->readAll());
        if (s == link->backend.get() && link->client->bytesAvailable() > 0)
            s->write(link->client->readAll());
        s->disconnectFromHost();
    }
}

} // namespace coauthor::sync::test
