#pragma once

// DelayingProxy: a TCP relay between clients and a server on this machine that
// holds every chunk it reads for a random time before passing it on (in order,
// per direction), so that ops cross on the way as they do on a real network.
// What is read in one go is passed on in one go, and chunks that fall due
// together go out together: WebSocket frames arrive batched and split at random.

#include <QObject>
#include <QRandomGenerator>
#include <QTcpServer>

#include <memory>
#include <vector>

namespace coauthor::sync::test {

class DelayingProxy : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(DelayingProxy)
public:
    // Relays to 127.0.0.1:targetPort, delaying each chunk by minDelayMs..maxDelayMs.
    DelayingProxy(quint16 targetPort, quint32 seed, int minDelayMs, int maxDelayMs, QObject *parent = nullptr);
    ~DelayingProxy() override;

    // The port to connect to instead of the target's (0 when listening failed).
    quint16 port() const;

private:
    class Direction;
    struct Link;

    void onNewConnection();
    int nextDelay();

    QTcpServer m_server;
    quint16 m_targetPort;
    QRandomGenerator m_rng;
    int m_minDelayMs;
    int m_maxDelayMs;
    std::vector<std::unique_ptr<Link>> m_links;
};

} // namespace coauthor::sync::test
