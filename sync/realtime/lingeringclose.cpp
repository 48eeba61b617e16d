#include "sync/realtime/lingeringclose.h"

#include <QSocketNotifier>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace coauthor::sync {

void LingeringClose::attach(QTcpSocket *socket)
{
#ifdef Q_OS_UNIX
    // aboutToClose comes before Qt gives up the descriptor (close() and abort()
    // alike); a connection the peer ended has nothing left to linger for.
    connect(socket, &QIODevice::aboutToClose, socket, [socket] {
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
        const int fd = ::dup(int(socket->socketDescriptor()));
        if (fd >= 0)
            new LingeringClose(socket, fd);
    });
#else
    Q_UNUSED(socket);
#endif
}

LingeringClose::LingeringClose(QTcpSocket *socket, qintptr descriptor)
    : m_descriptor(descriptor)
{
    // FIN only once Qt has written all it buffered and let go of its descriptor;
    // sooner would cut off the close frame itself.
    connect(socket, &QAbstractSocket::disconnected, this, &LingeringClose::shutDownWriting);
    connect(socket, &QObject::destroyed, this, &LingeringClose::shutDownWriting);
    auto *notifier = new QSocketNotifier(descriptor, QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, &LingeringClose::drain);
    QTimer::singleShot(lingerMs, this, &LingeringClose::finish);
}

LingeringClose::~LingeringClose()
{
#ifdef Q_OS_UNIX
    ::close(int(m_descriptor));
#endif
}

void LingeringClose::shutDownWriting()
{
#ifdef Q_OS_UNIX
    if (m_writingShutDown)
        return;
    m_writingShutDown = true;
    ::shutdown(int(m_descriptor), SHUT_WR);
#endif
}

void LingeringClose::drain()
{
#ifdef Q_OS_UNIX
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(int(m_descriptor), buffer, sizeof buffer);
        if (n > 0)
            continue; // what the peer still sends is dropped unread
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
        break; // the peer closed (0) or the connection failed
    }
    // Once writing is shut down, nothing more is owed to this peer.
    if (m_writingShutDown)
        finish();
#endif
}

void LingeringClose::finish()
{
    shutDownWriting();
    deleteLater();
}

} // namespace coauthor::sync
