#pragma once

// LingeringClose: lets the peer read the last frames (a close frame with its
// code) after the server closed a connection it was still sending on. When a
// socket is closed with unread data in its receive buffer (a client in the middle
// of an oversized frame, or sending after a rejected hello), the kernel answers
// with a reset, and the peer's kernel throws away what it had not yet read — the
// client sees 1006 instead of the close code. So, as web servers do, a duplicate
// of the descriptor outlives Qt's close: it sends FIN after everything written
// and drains what still arrives until the peer closes or lingerMs pass.
// POSIX only; elsewhere attach() does nothing.

#include <QObject>

class QTcpSocket;

namespace coauthor::sync {

class LingeringClose : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(LingeringClose)

public:
    static constexpr int lingerMs = 2000;

    // Lingers socket's connection when it is closed, whoever closes it.
    static void attach(QTcpSocket *socket);

private:
    LingeringClose(QTcpSocket *socket, qintptr descriptor);
    ~LingeringClose() override;
    void shutDownWriting();
    void drain();
    void finish();

    qintptr m_descriptor;
    bool m_writingShutDown = false;
};

} // namespace coauthor::sync
