#pragma once

#include <QObject>

class QSocketNotifier;

namespace coauthor::app {

// SIGTERM and SIGINT as a Qt signal, for the server and the worker: the handler only writes
// a byte to a socket pair (nothing else is safe inside a handler); the event loop reads it
// and emits requested(), once per signal. One per process.
class StopSignals : public QObject
{
    Q_OBJECT

public:
    explicit StopSignals(QObject *parent = nullptr);

    // False when the socket pair or the handlers could not be set up.
    bool isInstalled() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void requested();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace coauthor::app
