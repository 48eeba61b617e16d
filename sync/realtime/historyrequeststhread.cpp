#include "sync/realtime/historyrequeststhread.h"

#include "sync/docstore/docstore.h"
#include "sync/protocol/servermessagecodec.h"
#include "sync/realtime/historyrequests.h"

#include <QLoggingCategory>
#include <QMutexLocker>
#include <QThread>

namespace coauthor::sync {

Q_DECLARE_LOGGING_CATEGORY(lcServer)

HistoryRequestsThread::HistoryRequestsThread(DocstoreOpener open, int threads, QObject *parent)
    : QObject(parent), m_open(std::move(open))
{
    for (int i = 0; i < std::max(1, threads); ++i) {
        QThread *thread = QThread::create([this] { work(); });
        thread->setObjectName(QStringLiteral("history-%1").arg(i));
        m_threads.push_back(thread);
        thread->start();
    }
}

HistoryRequestsThread::~HistoryRequestsThread()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_queued.clear();
        m_turns.clear();
    }
    m_wake.wakeAll();
    for (QThread *thread : m_threads) {
        thread->wait();
        delete thread;
    }
}

bool HistoryRequestsThread::admit(const void *connection)
{
    auto c = m_connections.find(connection);
    if (c == m_connections.end())
        c = m_connections.insert(connection, Connection{m_nextConnection++, 0});
    if (c->unanswered >= MaxPerConnection)
        return false;
    ++c->unanswered;
    return true;
}

void HistoryRequestsThread::submit(const void *connection, const ClientMessage &m, const QString &projectId,
                                   const QString &memberId, Answered answered)
{
    const auto c = m_connections.constFind(connection);
    if (c == m_connections.constEnd())
        return; // forgotten meanwhile
    const quint64 id = m_nextJob++;
    m_waiting.insert(id, Waiting{connection, c->id, std::move(answered)});
    {
        QMutexLocker lock(&m_mutex);
        QQueue<Job> &queue = m_queued[c->id];
        if (queue.isEmpty())
            m_turns.append(c->id);
        queue.enqueue(Job{id, c->id, m, projectId, memberId});
    }
    m_wake.wakeOne();
}

void HistoryRequestsThread::forget(const void *connection)
{
    const auto c = m_connections.constFind(connection);
    if (c == m_connections.constEnd())
        return;
    const quint64 id = c->id;
    m_connections.erase(c);
    m_waiting.removeIf([id](const auto &w) { return w.value().connection == id; });
    QMutexLocker lock(&m_mutex);
    m_queued.remove(id);
    m_turns.removeAll(id);
}

int HistoryRequestsThread::backlog() const
{
    QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const QQueue<Job> &q : m_queued)
        n += int(q.size());
    for (int running : m_running)
        n += running;
    return n;
}

HistoryRequestsThread::Job HistoryRequestsThread::takeNext()
{
    qsizetype turn = 0;
    for (qsizetype i = 0; i < m_turns.size(); ++i) {
        if (m_running.value(m_turns.at(i)) == 0) {
            turn = i;
            break;
        }
    }
    const quint64 connection = m_turns.takeAt(turn);
    QQueue<Job> &queue = m_queued[connection];
    Job job = queue.dequeue();
    if (queue.isEmpty())
        m_queued.remove(connection);
    else
        m_turns.append(connection); // its next request waits for everyone else's turn
    ++m_running[connection];
    return job;
}

void HistoryRequestsThread::work()
{
    // Opened here: the connection belongs to this thread, and is closed here.
    std::unique_ptr<Docstore> store;
    std::unique_ptr<HistoryRequests> requests;
    auto open = [&]() -> std::optional<ServiceError> {
        auto opened = m_open();
        if (!opened.ok()) {
            qCWarning(lcServer).noquote() << "history thread: cannot open the docstore:" << opened.error().message;
            return opened.error();
        }
        store = opened.takeValue();
        requests = std::make_unique<HistoryRequests>(store.get());
        return std::nullopt;
    };
    open();
    for (;;) {
        Job job;
        {
            QMutexLocker lock(&m_mutex);
            while (!m_stopping && m_turns.isEmpty())
                m_wake.wait(&m_mutex);
            if (m_stopping)
                break;
            job = takeNext();
        }
        std::optional<ServiceError> failed;
        if (!requests)
            failed = open(); // a database that was down at the start may be back
        // Encoded here too: a 5 MiB answer's JSON is not the event loop's work either.
        const QString frame = ServerMessageCodec::encode(
            ServerMessage{job.message.rid, failed ? ServerMessage::Body{ServerMessage::Error{failed->code, failed->message}}
                                                  : requests->answer(job.message, job.projectId, job.memberId)});
        {
            QMutexLocker lock(&m_mutex);
            if (--m_running[job.connection] == 0)
                m_running.remove(job.connection);
        }
        QMetaObject::invokeMethod(this, [this, id = job.id, frame] { deliver(id, frame); }, Qt::QueuedConnection);
    }
    requests.reset();
    store.reset();
}

void HistoryRequestsThread::deliver(quint64 jobId, const QString &frame)
{
    const auto w = m_waiting.find(jobId);
    if (w == m_waiting.end())
        return; // its connection was forgotten
    const Waiting waiting = w.value();
    m_waiting.erase(w);
    if (auto c = m_connections.find(waiting.key); c != m_connections.end() && c->id == waiting.connection)
        --c->unanswered;
    waiting.answered(frame);
}

} // namespace coauthor::sync
