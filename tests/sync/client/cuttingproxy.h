#pragma once

// CuttingProxy: a TCP relay to a server on this machine that drops the first
// connections after passing cutAfter bytes of the server's answer, as a flaky
// network or a restarting balancer does; later connections are relayed whole.

#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace coauthor::sync::test {

class CuttingProxy : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(CuttingProxy)
public:
    // Relays to 127.0.0.1:targetPort; the first cutConnections connections are cut.
    CuttingProxy(quint16 targetPort, qint64 cutAfter, int cutConnections, QObject *parent = nullptr);

    quint16 port() const { return m_server.serverPort(); }
    int connections() const { return m_connections; }
    int cuts() const { return m_cuts; }

private:
    void onNewConnection();

    QTcpServer m_server;
    quint16 m_targetPort;
    qint64 m_cutAfter;
    int m_cutConnections;
    int m_connections = 0;
    int m_cuts = 0;
};

} // namespace coauthor::sync::test
