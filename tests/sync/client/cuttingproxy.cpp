#include "cuttingproxy.h"

#include <QHostAddress>

namespace coauthor::sync::test {

CuttingProxy::CuttingProxy(quint16 targetPort, qint64 cutAfter, int cutConnections, QObject *parent)
    : QObject(parent)
    , m_targetPort(targetPort)
    , m_cutAfter(cutAfter)
    , m_cutConnections(cutConnections)
{
    connect(&m_server, &QTcpServer::newConnection, this, &CuttingProxy::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
}

void CuttingProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        const bool cut = m_connections++ < m_cutConnections;
        auto *upstream = new QTcpSocket(client);
        auto passed = std::make_shared<qint64>(0);
        connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] {
            if (upstream->state() == QAbstractSocket::ConnectedState)
                upstream->write(client->readAll());
        });
        connect(upstream, &QTcpSocket::connected, client, [client, upstream] { upstream->write(client->readAll()); });
        connect(upstream, &QTcpSocket::readyRead, client, [this, client, upstream, cut, passed] {
            QByteArray bytes = upstream->readAll();
            if (cut && *passed + bytes.size() >= m_cutAfter) {
                client->write(bytes.left(m_cutAfter - *passed));
                client->flush();
                ++m_cuts;
                upstream->abort();
                client->disconnectFromHost(); // after what was written
                return;
            }
            *passed += bytes.size();
            client->write(bytes);
        });
        connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        connect(client, &QTcpSocket::disconnected, client, [client] { client->deleteLater(); });
        upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }
}

} // namespace coauthor::sync::test
