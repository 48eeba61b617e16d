#include "app/history/localhistory.h"

#include "sync/history/historyreader.h"

#include <QDateTime>
#include <QDir>
#include <QPointer>

namespace coauthor::app {

namespace h = sync::history;

struct LocalHistory::Worker
{
    LocalHistoryWriter writer;
    std::unique_ptr<h::HistoryReader> reader;
};

namespace {

sync::ServiceError notOpen()
{
    return sync::ServiceError::make(QStringLiteral("storage_unavailable"),
                                    QStringLiteral("the project's local history is not open"));
}

} // namespace

LocalHistory::LocalHistory(QObject *parent)
    : HistorySource(parent)
    , m_context(new QObject)
    , m_worker(std::make_unique<Worker>())
{
    m_thread.setObjectName(QStringLiteral("coauthor local history"));
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority); // typing comes first
    m_compaction = new QTimer(this);
    m_compaction->setInterval(compactionMs);
    connect(m_compaction, &QTimer::timeout, this, &LocalHistory::compact);
}

LocalHistory::~LocalHistory()
{
    close();
    m_thread.quit();
    m_thread.wait();
}

template <typename F>
void LocalHistory::post(F &&work)
{
    QMetaObject::invokeMethod(m_context, std::forward<F>(work), Qt::QueuedConnection);
}

template <typename T, typename F>
void LocalHistory::ask(F read, Reply<T> reply)
{
    Worker *worker = m_worker.get();
    // The answer is queued to this object: dropped, not delivered, once it is gone.
    post([this, worker, read = std::move(read), reply = std::move(reply)] {
        using R = sync::Result<T, sync::ServiceError>;
        R result = worker->reader ? read(*worker->reader, worker->writer.projectId()) : R::failure(notOpen());
        QMetaObject::invokeMethod(this, [reply, result] { reply(result); }, Qt::QueuedConnection);
    });
}

void LocalHistory::open(const QString &projectRoot, const QString &author)
{
    close();
    m_root = projectRoot;
    Worker *worker = m_worker.get();
    post([this, worker, projectRoot, author, grouping = m_grouping] {
        auto done = worker->writer.open(projectRoot, author);
        if (done) {
            worker->writer.docstore()->setChangeGrouping(grouping);
            worker->reader = std::make_unique<h::HistoryReader>(*worker->writer.docstore());
        }
        QMetaObject::invokeMethod(this, [this, done] {
            if (done) {
                Q_EMIT opened();
                compact();
                m_compaction->start();
            }
            else
                Q_EMIT failed(tr("The project's history is not kept: %1").arg(done.error()));
        }, Qt::QueuedConnection);
    });
}

void LocalHistory::close()
{
    if (m_root.isEmpty())
        return;
    m_root.clear();
    m_compaction->stop();
    Worker *worker = m_worker.get();
    QMetaObject::invokeMethod(m_context, [worker] {
        worker->reader.reset();
        worker->writer.close();
    }, Qt::BlockingQueuedConnection);
}

void LocalHistory::waitForIdle()
{
    QMetaObject::invokeMethod(m_context, [] {}, Qt::BlockingQueuedConnection);
}

void LocalHistory::recorded(const LocalHistoryWriter::Result &result, const QString &path)
{
    // Runs on the worker: tells the UI thread.
    QMetaObject::invokeMethod(this, [this, result, path] {
        if (result) {
            Q_EMIT changed();
        } else if (!path.isEmpty()) {
            Q_EMIT resyncNeeded(path);
        } else {
            Q_EMIT failed(tr("The project's history could not record a change: %1").arg(result.error()));
        }
    }, Qt::QueuedConnection);
}

void LocalHistory::recordText(const QString &path, const QString &text)
{
    Worker *worker = m_worker.get();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    post([this, worker, path, text, now] {
        if (worker->writer.isOpen())
            recorded(worker->writer.recordText(path, text, now));
    });
}

void LocalHistory::recordOps(const QString &path, const QList<LocalHistoryWriter::TimedOp> &ops)
{
    Worker *worker = m_worker.get();
    post([this, worker, path, ops] {
        if (worker->writer.isOpen())
            recorded(worker->writer.recordOps(path, ops), path);
    });
}

void LocalHistory::recordDiskFile(const QString &path)
{
    // One file's scan: the rest of the project is as the last scan saw it.
    Worker *worker = m_worker.get();
    post([this, worker, path] {
        if (!worker->writer.isOpen())
            return;
        recorded(worker->writer.scanOne(path));
    });
}

void LocalHistory::recordRenamed(const QString &from, const QString &to)
{
    Worker *worker = m_worker.get();
    post([this, worker, from, to] {
        if (worker->writer.isOpen())
            recorded(worker->writer.recordRenamed(from, to));
    });
}

void LocalHistory::recordRemoved(const QString &path)
{
    Worker *worker = m_worker.get();
    post([this, worker, path] {
        if (worker->writer.isOpen())
            recorded(worker->writer.recordRemoved(path));
    });
}

void LocalHistory::scan(const QSet<QString> &skip)
{
    Worker *worker = m_worker.get();
    post([this, worker, skip] {
        if (worker->writer.isOpen())
            recorded(worker->writer.scan(skip));
    });
}

void LocalHistory::compact()
{
    Worker *worker = m_worker.get();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    post([this, worker, now] {
        if (!worker->writer.isOpen())
            return;
        auto done = worker->writer.compact(now);
        QMetaObject::invokeMethod(this, [this, done] {
            if (!done) {
                Q_EMIT failed(tr("The project's history could not be compacted: %1").arg(done.error()));
                return;
            }
            const auto &stats = done.value();
            if (stats.opsAfter != stats.opsBefore || stats.changesAfter != stats.changesBefore)
                Q_EMIT changed();
            Q_EMIT compacted(stats);
        }, Qt::QueuedConnection);
    });
}

void LocalHistory::changes(const QString &path, qint64 beforeVersion, int limit, Reply<h::ChangePage> reply)
{
    ask<h::ChangePage>([=](h::HistoryReader &reader, const QString &project) {
        return reader.changes(project, path, beforeVersion, limit);
    }, std::move(reply));
}

void LocalHistory::textAt(const QString &path, qint64 version, Reply<QString> reply)
{
    ask<QString>([=](h::HistoryReader &reader, const QString &project) { return reader.textAt(project, path, version); },
                 std::move(reply));
}

void LocalHistory::diff(const QString &path, qint64 fromVersion, qint64 toVersion, Reply<h::Diff> reply)
{
    ask<h::Diff>([=](h::HistoryReader &reader, const QString &project) {
        return reader.diff(project, path, fromVersion, toVersion);
    }, std::move(reply));
}

void LocalHistory::treeAt(qint64 version, Reply<h::ProjectTree> reply)
{
    ask<h::ProjectTree>([=](h::HistoryReader &reader, const QString &project) { return reader.treeAt(project, version); },
                        std::move(reply));
}

void LocalHistory::fileContent(const QByteArray &sha256, Reply<QByteArray> reply)
{
    ask<QByteArray>([=](h::HistoryReader &reader, const QString &project) {
        return reader.fileContent(project, sha256);
    }, std::move(reply));
}

void LocalHistory::labels(Reply<QList<h::Label>> reply)
{
    ask<QList<h::Label>>([](h::HistoryReader &reader, const QString &project) { return reader.labels(project); },
                         std::move(reply));
}

void LocalHistory::addLabel(const QString &name, qint64 version, Reply<h::Label> reply)
{
    Worker *worker = m_worker.get();
    ask<h::Label>([=](h::HistoryReader &reader, const QString &project) {
        return reader.addLabel(project, name, version, worker->writer.memberId());
    }, std::move(reply));
}

void LocalHistory::search(const QString &text, const h::SearchOptions &options, Reply<h::SearchResult> reply)
{
    ask<h::SearchResult>([=](h::HistoryReader &reader, const QString &project) {
        return reader.search(project, text, options);
    }, std::move(reply));
}

} // namespace coauthor::app
