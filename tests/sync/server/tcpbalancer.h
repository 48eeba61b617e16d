#pragma once

// TcpBalancer: what an operator puts in front of several coauthor-server instances
// (HAProxy or nginx in TCP mode), in a test: one loopback port; each new
// connection goes to the next instance in turn, or, when that one refuses (it is
// down), to the next that accepts; a connection whose instance goes away is closed,
// so the client reconnects through the balancer to one that is alive.

#include <QList>
#include <QObject>
#include <QTcpServer>

#include <memory>
#include <vector>

class QTcpSocket;

namespace coauthor::sync::test {

class TcpBalancer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TcpBalancer)
public:
    explicit TcpBalancer(const QList<quint16> &backendPorts, QObject *parent = nullptr);
    ~TcpBalancer() override;

    quint16 port() const { return m_server.serverPort(); } // 0 when listening failed
    // Open connections relayed to backend i (by index in the constructor's list).
    int openConnections(int backend) const;
    // Connections ever relayed to backend i.
    int acceptedConnections(int backend) const { return m_accepted.value(backend); }

private:
    struct Link;
    void onNewConnection();
    void tryBackend(Link *link, int attemptsLeft);
    void relay(Link *link);
    void close(Link *link);

    QTcpServer m_server;
    QList<quint16> m_backends;
    QList<int> m_accepted;
    int m_next = 0;
    std::vector<std::unique_ptr<Link>> m_links;
};

} // namespace coauthor::sync::test
