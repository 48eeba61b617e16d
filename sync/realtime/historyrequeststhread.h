#pragma once
// HistoryRequestsThread: the history reads of every connection answered off the
// server's event loop, so a long search (a second on a 200,000-op history) never
// holds up anyone's typing. A small pool of threads, each with its own docstore
// connection (a QtSql connection belongs to the thread that opened it) and its
// own HistoryRequests; answers come back to the thread that owns this object as
// encoded frames.
//
// Bounds: a connection has at most MaxPerConnection requests unanswered (admit()
// refuses the next); the threads take queued requests connection by connection
// in turn, so one member's flood waits behind itself, not in front of others.
//
// Thread rules: every public method is called on the owner's thread. m_mutex
// guards the queue (m_queued, m_turns, m_running, m_stopping); m_connections and
// m_waiting are the owner's only. Workers touch no QObject but post answers to
// this one (~QObject drops answers posted and not yet delivered).
#include "sync/common/result.h"
#include "sync/common/serviceerror.h"
#include "sync/protocol/clientmessage.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QQueue>
#include <QWaitCondition>

#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace coauthor::sync {

class Docstore;

class HistoryRequestsThread : public QObject
{
    Q_OBJECT
public:
    // Opens a new connection to the server's docstore (called on each worker thread).
    using DocstoreOpener = std::function<Result<std::unique_ptr<Docstore>, ServiceError>()>;
    using Answered = std::function<void(const QString &frame)>;

    static constexpr int MaxPerConnection = 4;
    static constexpr int DefaultThreads = 2;

    explicit HistoryRequestsThread(DocstoreOpener open, int threads = DefaultThreads, QObject *parent = nullptr);
    // Waits for the requests being answered (at most one search's budget each); drops the rest.
    ~HistoryRequestsThread() override;
    Q_DISABLE_COPY_MOVE(HistoryRequestsThread)

    // Counts one more request of connection; false (nothing counted) when it has
    // MaxPerConnection unanswered. Each admitted request ends with submit() or forget().
    bool admit(const void *connection);
    // Queues m, admitted before, for connection (in projectId, as memberId);
    // answered(frame) runs on the owner's thread, unless forget(connection) came first.
    void submit(const void *connection, const ClientMessage &m, const QString &projectId, const QString &memberId,
                Answered answered);
    // The connection is gone: its queued requests are dropped and the answer of
    // one being read is thrown away.
    void forget(const void *connection);

    // Requests queued or being read (for tests and /metrics).
    int backlog() const;

private:
    struct Job
    {
        quint64 id = 0;
        quint64 connection = 0;
        ClientMessage message;
        QString projectId;
        QString memberId;
    };
    struct Connection
    {
        quint64 id = 0;
        int unanswered = 0;
    };
    struct Waiting
    {
        const void *key = nullptr;
        quint64 connection = 0;
        Answered answered;
    };

    void work();
    // Under m_mutex: the next job, taken from the first connection in turn that has
    // none being read (else the first in turn).
    Job takeNext();
    void deliver(quint64 jobId, const QString &frame);

    DocstoreOpener m_open;
    std::vector<QThread *> m_threads;

    QHash<const void *, Connection> m_connections;
    QHash<quint64, Waiting> m_waiting; // by job id
    quint64 m_nextConnection = 1;
    quint64 m_nextJob = 1;

    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QHash<quint64, QQueue<Job>> m_queued; // by connection id
    QList<quint64> m_turns;               // connections with queued jobs, next first
    QHash<quint64, int> m_running;        // jobs being read, by connection id
    bool m_stopping = false;
};

} // namespace coauthor::sync
