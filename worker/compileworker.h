#pragma once
// CompileWorker: one compile worker (Papermerge's worker, Overleaf's clsi as a
// service): takes compile jobs from the CompileQueue (sync/compilejobs) one at a time, holds the
// project's lock in Redis while it compiles (never two compiles of one project at
// once, across workers), reads the project (ProjectSnapshot), compiles it with the
// local compile service in the sandbox (compile::Compiler, per-project compile
// directory, incremental after a success), stores the outcome and outputs in Redis,
// publishes progress (running, pass N, done) and acknowledges the job last, so a
// worker killed at any point loses nothing: its job is taken by another.
// Single-threaded on the event loop; the compile itself runs on the Compiler's pool.
#include "sync/compilejobs/compilejob.h"
#include "sync/compilejobs/compilequeue.h"
#include "worker/workeroptions.h"

#include "compile/compilemodepolicy.h"
#include "compile/compileresult.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace coauthor::compile {
class Compiler;
}
namespace coauthor::sync {
class Docstore;
class DocumentUpdater;
class RedisClient;
}

namespace coauthor::worker {

class ProjectSnapshot;

class CompileWorker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompileWorker)

public:
    // docstore: not owned, must outlive the worker.
    CompileWorker(const WorkerOptions &options, sync::Docstore *docstore, QObject *parent = nullptr);
    ~CompileWorker() override;

    QString name() const { return m_options.name; }

    // Connects to Redis and starts taking jobs.
    void start(const QString &redisUrl);
    // Takes no more jobs; emits stopped() once the current one (if any) is finished.
    void stop();

Q_SIGNALS:
    void jobFinished(const coauthor::sync::CompileOutcome &outcome);
    void stopped();

private:
    struct Current;

    void poll();
    void take(const sync::CompileQueue::Entry &entry);
    void acquireLock();
    void compile();
    void onCompiled(const compile::CompileResult &result);
    void heartbeat();
    void watchPasses();
    void publish(sync::CompileProgress::State state, int pass = 0, const QString &status = {});
    // Stores the outcome (and the outputs), publishes done, acknowledges, unlocks.
    void finish(sync::CompileOutcome outcome, const QByteArray &pdf = {}, const QByteArray &synctex = {});
    void fail(const QString &status, const QString &message);
    void release();

    WorkerOptions m_options;
    sync::Docstore *m_docstore;
    std::unique_ptr<sync::RedisClient> m_redis;  // commands, the document-updater
    std::unique_ptr<sync::RedisClient> m_reader; // the blocking XREADGROUP only
    std::unique_ptr<sync::DocumentUpdater> m_updater;
    std::unique_ptr<sync::CompileQueue> m_queue;
    std::unique_ptr<sync::CompileQueue> m_readerQueue;
    std::unique_ptr<ProjectSnapshot> m_snapshot;
    std::unique_ptr<compile::Compiler> m_compiler;
    std::unique_ptr<Current> m_current;
    QHash<QString, compile::CompileModePolicy> m_policies; // by project
    QTimer m_heartbeat;
    QTimer m_passWatch;
    bool m_started = false;
    bool m_polling = false;
    bool m_stopping = false;
};

} // namespace coauthor::worker
