#include "delayingproxy.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <deque>

namespace coauthor::sync::test {

// One way of one connection: what `from` sent, waiting to be written to `to`.
// Due times never decrease, so the bytes keep their order.
class DelayingProxy::Direction : public QObject
{
public:
    Direction(QTcpSocket *from, QTcpSocket *to, DelayingProxy *proxy)
        : m_from(from), m_to(to), m_proxy(proxy)
    {
        m_clock.start();
        connect(from, &QTcpSocket::readyRead, this, &Direction::onReadyRead);
        connect(from, &QTcpSocket::disconnected, this, [this] {
            m_closing = true;
            flush();
        });
        connect(to, &QTcpSocket::connected, this, &Direction::flush);
    }

private:
    void onReadyRead()
    {
        const qint64 due = std::max(m_clock.elapsed() + m_proxy->nextDelay(), m_lastDue);
        m_lastDue = due;
        m_queue.push_back({due, m_from->readAll()});
        QTimer::singleShot(int(due - m_clock.elapsed()), Qt::PreciseTimer, this, &Direction::flush);
    }

    void flush()
    {
        if (!m_to || m_to->state() != QAbstractSocket::ConnectedState)
            return;
        const qint64 now = m_clock.elapsed();
        while (!m_queue.empty() && m_queue.front().due <= now) {
            m_to->write(m_queue.front().bytes);
            m_queue.pop_front();
        }
        if (m_closing && m_queue.empty())
            m_to->disconnectFromHost();
    }

    struct Chunk
    {
        qint64 due;
        QByteArray bytes;
    };
    QPointer<QTcpSocket> m_from;
    QPointer<QTcpSocket> m_to;
    DelayingProxy *m_proxy;
    QElapsedTimer m_clock;
    std::deque<Chunk> m_queue;
    qint64 m_lastDue = 0;
    bool m_closing = false;
};

struct DelayingProxy::Link
{
    std::unique_ptr<QTcpSocket> down; // the client's connection
    std::unique_ptr<QTcpSocket> up;   // ours to the target
    std::unique_ptr<Direction> toTarget;
    std::unique_ptr<Direction> toClient;
};

DelayingProxy::DelayingProxy(quint16 targetPort, quint32 seed, int minDelayMs, int maxDelayMs, QObject *parent)
    : QObject(parent), m_targetPort(targetPort), m_rng(seed), m_minDelayMs(minDelayMs), m_maxDelayMs(maxDelayMs)
{
    connect(&m_server, &QTcpServer::newConnection, this, &DelayingProxy::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
}

DelayingProxy::~DelayingProxy()
{
    // Directions first: they watch the sockets.
    for (auto &link : m_links) {
        link->toTarget.reset();
        link->toClient.reset();
    }
}

quint16 DelayingProxy::port() const
{
    return m_server.isListening() ? m_server.serverPort() : 0;
}

int DelayingProxy::nextDelay()
{
    return m_minDelayMs + int(m_rng.bounded(quint32(m_maxDelayMs - m_minDelayMs + 1)));
}

void DelayingProxy::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(nullptr);
        auto link = std::make_unique<Link>();
        link->down.reset(socket);
        link->up = std::make_unique<QTcpSocket>();
        link->toTarget = std::make_unique<Direction>(link->down.get(), link->up.get(), this);
        link->toClient = std::make_unique<Direction>(link->up.get(), link->down.get(), this);
        link->up->connectToHost(QHostAddress::LocalHost, m_targetPort);
        m_links.push_back(std::move(link));
    }
}

} // namespace coauthor::sync::test
