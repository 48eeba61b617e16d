#include "worker/compileworker.h"

#include "sync/compilejobs/compilekeys.h"
#include "worker/projectsnapshot.h"

#include "compile/compiler.h"
#include "compile/logparser.h"
#include "compile/sandbox.h"
#include "sync/docstore/docstore.h"
#include "sync/docupdater/documentupdater.h"
#include "sync/redis/redisclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QUuid>

Q_LOGGING_CATEGORY(lcWorker, "coauthor.worker")

namespace coauthor::worker {

using sync::RedisReply;
using sync::ServiceError;

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Outcome, outputs and the project's latest pointer in one step: a reader never sees
// a record whose PDF is not there yet. The latest pointer only moves to a newer job.
// KEYS: result, pdf, synctex, latest. ARGV: outcome, pdf, synctex, result ttl,
// output ttl, job id, queuedAt, store outputs (1/0).
const QByteArray storeScript = R"(
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[4])
if ARGV[8] == '1' then
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[5])
  if #ARGV[3] > 0 then redis.call('SET', KEYS[3], ARGV[3], 'EX', ARGV[5]) end
  local newest = tonumber(redis.call('HGET', KEYS[4], 'queuedAt') or '0')
  if tonumber(ARGV[7]) >= newest then
    redis.call('HSET', KEYS[4], 'jobId', ARGV[6], 'queuedAt', ARGV[7])
    redis.call('EXPIRE', KEYS[4], ARGV[4])
  end
end
return 1
)";

const QByteArray renewScript = R"(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
)";

const QByteArray releaseScript = R"(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)";

QByteArray readCapped(const QString &path, qint64 maxBytes, bool tail)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return QByteArray();
    if (tail && file.size() > maxBytes)
        file.seek(file.size() - maxBytes);
    return file.read(maxBytes);
}

// The compile directory compile::Compiler uses for a project id that is already a
// safe folder name (docstore ids are UUIDs); empty for others (no pass reports then).
QString compileDirOf(const QString &cacheRoot, const QString &projectId)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (!safe.match(projectId).hasMatch())
        return QString();
    return cacheRoot + u'/' + projectId + QLatin1String("/compile");
}

} // namespace

struct CompileWorker::Current
{
    sync::CompileQueue::Entry entry;
    sync::CompileJob job;
    QByteArray lockToken;
    bool locked = false;
    bool lostLock = false;
    int deliveries = 1;
    qint64 startedAt = 0;
    compile::CompileRequest request;
    QMap<QString, qint64> versions;
    QString logPath; // watched for the engine's passes
    qint64 logSize = 0;
    int pass = 0;
};

CompileWorker::CompileWorker(const WorkerOptions &options, sync::Docstore *docstore, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_docstore(docstore)
    , m_redis(std::make_unique<sync::RedisClient>())
    , m_reader(std::make_unique<sync::RedisClient>())
{
    if (m_options.name.isEmpty())
        m_options.name = QHostInfo::localHostName() + u'-' + QString::number(QCoreApplication::applicationPid());
    if (m_options.heartbeatMs <= 0)
        m_options.heartbeatMs = std::max(50, m_options.claimIdleMs / 4);
    sync::DocumentUpdaterOptions updaterOptions;
    // The worker only reads docs; flushing them is the servers' job.
    updaterOptions.flushScanIntervalMs = 24 * 3600 * 1000;
    updaterOptions.flushAfterMs = 24 * 3600 * 1000;
    m_updater = std::make_unique<sync::DocumentUpdater>(m_redis.get(), docstore, updaterOptions);
    m_queue = std::make_unique<sync::CompileQueue>(m_redis.get());
    m_readerQueue = std::make_unique<sync::CompileQueue>(m_reader.get());
    m_snapshot = std::make_unique<ProjectSnapshot>(docstore, m_updater.get(), m_options.workDir + QLatin1String("/files"));
    m_compiler = std::make_unique<compile::Compiler>(m_options.workDir + QLatin1String("/compiles"));
    m_compiler->setSandbox(std::make_shared<compile::Sandbox>(m_options.limits));
    connect(m_compiler.get(), &compile::Compiler::finished, this, &CompileWorker::onCompiled);
    m_heartbeat.setInterval(m_options.heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &CompileWorker::heartbeat);
    m_passWatch.setInterval(100);
    connect(&m_passWatch, &QTimer::timeout, this, &CompileWorker::watchPasses);
}

CompileWorker::~CompileWorker()
{
    // The Compiler's destructor stops a running compile and waits for it; its
    // finished() is then dropped, and the job stays pending for another worker.
    m_compiler.reset();
}

void CompileWorker::start(const QString &redisUrl)
{
    QDir().mkpath(m_options.workDir);
    m_redis->connectTo(redisUrl);
    m_reader->connectTo(redisUrl);
    m_started = true;
    QPointer<CompileWorker> self(this);
    auto createGroup = std::make_shared<std::function<void()>>();
    *createGroup = [self, createGroup] {
        if (!self)
            return;
        self->m_queue->createGroup([self, createGroup](sync::Result<void, ServiceError> r) {
            if (!self)
                return;
            if (!r) {
                // Redis not up yet: RedisClient keeps reconnecting; try again.
                QTimer::singleShot(200, self, [createGroup] { (*createGroup)(); });
                return;
            }
            qCInfo(lcWorker, "worker %s taking compile jobs", qPrintable(self->m_options.name));
            self->poll();
        });
    };
    QTimer::singleShot(0, this, [createGroup] { (*createGroup)(); });
}

void CompileWorker::stop()
{
    m_stopping = true;
    if (!m_current)
        QTimer::singleShot(0, this, &CompileWorker::stopped);
}

void CompileWorker::poll()
{
    if (m_current || m_polling || !m_started)
        return;
    if (m_stopping) {
        Q_EMIT stopped();
        return;
    }
    m_polling = true;
    QPointer<CompileWorker> self(this);
    auto retryLater = [self] {
        QTimer::singleShot(250, self, [self] {
            if (self)
                self->poll();
        });
    };
    // A dead worker's job first: it has waited longest.
    m_queue->claimStale(m_options.name, m_options.claimIdleMs,
                        [self, retryLater](sync::Result<std::optional<sync::CompileQueue::Entry>, ServiceError> r) {
        if (!self)
            return;
        if (r && r.value()) {
            self->m_polling = false;
            self->take(*r.value());
            return;
        }
        if (!r || self->m_stopping) {
            self->m_polling = false;
            retryLater();
            return;
        }
        self->m_readerQueue->readNew(self->m_options.name, self->m_options.readBlockMs,
                                     [self, retryLater](sync::Result<std::optional<sync::CompileQueue::Entry>, ServiceError> r) {
            if (!self)
                return;
            self->m_polling = false;
            if (r && r.value()) {
                self->take(*r.value());
                return;
            }
            if (!r)
                retryLater();
            else
                QTimer::singleShot(0, self, [self] {
                    if (self)
                        self->poll();
                });
        });
    });
}

void CompileWorker::take(const sync::CompileQueue::Entry &entry)
{
    QString error;
    const auto job = sync::CompileJob::fromJson(entry.job, &error);
    if (!job) {
        // Nobody can ever compile it and it names no job to answer: drop it.
        qCWarning(lcWorker, "dropping stream entry %s: %s", entry.id.constData(), qPrintable(error));
        m_queue->acknowledge(entry.id);
        QTimer::singleShot(0, this, &CompileWorker::poll);
        return;
    }
    m_current = std::make_unique<Current>();
    m_current->entry = entry;
    m_current->job = *job;
    m_current->lockToken = QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + ':' + m_options.name.toUtf8();
    m_heartbeat.start();

    QPointer<CompileWorker> self(this);
    const QByteArray id = entry.id;
    m_queue->deliveries(id, [self, id](sync::Result<int, ServiceError> r) {
        if (!self || !self->m_current || self->m_current->entry.id != id)
            return;
        self->m_current->deliveries = r ? std::max(1, r.value()) : 1;
        if (self->m_current->deliveries > self->m_options.maxDeliveries) {
            self->fail(QStringLiteral("error"),
                       QStringLiteral("the job was given to %1 workers and none finished it")
                           .arg(self->m_current->deliveries - 1));
            return;
        }
        // Done already (its worker died between storing and acknowledging): acknowledge only.
        self->m_redis->command({"EXISTS", sync::CompileKeys::result(self->m_current->job.jobId)},
                               [self, id](sync::Result<RedisReply, ServiceError> r) {
            if (!self || !self->m_current || self->m_current->entry.id != id)
                return;
            if (r && r.value().toInteger() == 1) {
                qCInfo(lcWorker, "job %s was compiled already", qPrintable(self->m_current->job.jobId));
                self->m_queue->acknowledge(id);
                self->release();
                return;
            }
            self->acquireLock();
        });
    });
}

void CompileWorker::acquireLock()
{
    QPointer<CompileWorker> self(this);
    const QByteArray id = m_current->entry.id;
    m_redis->command({"SET", sync::CompileKeys::lock(m_current->job.projectId), m_current->lockToken, "NX", "PX",
                      QByteArray::number(m_options.lockTtlMs)},
                     [self, id](sync::Result<RedisReply, ServiceError> r) {
        if (!self || !self->m_current || self->m_current->entry.id != id)
            return;
        if (!r || r.value().isNil()) {
            // The project compiles elsewhere (or Redis is away): wait, holding the job.
            QTimer::singleShot(self->m_options.lockRetryMs, self, [self, id] {
                if (self && self->m_current && self->m_current->entry.id == id)
                    self->acquireLock();
            });
            return;
        }
        self->m_current->locked = true;
        self->m_current->startedAt = now();
        self->compile();
    });
}

void CompileWorker::compile()
{
    publish(sync::CompileProgress::State::Running);
    QPointer<CompileWorker> self(this);
    const QByteArray id = m_current->entry.id;
    m_snapshot->read(m_current->job, [self, id](sync::Result<ProjectSnapshot::Snapshot, ServiceError> r) {
        if (!self || !self->m_current || self->m_current->entry.id != id)
            return;
        if (!r) {
            self->fail(QStringLiteral("error"), QStringLiteral("%1: %2").arg(r.error().code, r.error().message));
            return;
        }
        const sync::CompileJob &job = self->m_current->job;
        const auto engine = compile::engineFromName(job.engine);
        if (!engine) {
            self->fail(QStringLiteral("error"), QStringLiteral("unknown engine %1").arg(job.engine));
            return;
        }
        compile::CompileRequest request = r.value().request;
        request.options.engine = *engine;
        request.options.draft = job.draft;
        request.options.timeoutSeconds = self->m_options.compileTimeoutSeconds;
        // The project is untrusted: never full shell escape, whatever anyone asked.
        request.options.shellEscape = compile::ShellEscape::Restricted;
        request.syncType = self->m_policies.value(job.projectId).nextSyncType();
        self->m_current->request = request;
        self->m_current->versions = r.value().versions;
        const QString dir = compileDirOf(self->m_compiler->cacheRoot(), job.projectId);
        self->m_current->logPath = dir.isEmpty() ? QString() : dir + QLatin1String("/output.log");
        if (!self->m_current->logPath.isEmpty())
            QFile::remove(self->m_current->logPath);
        self->m_passWatch.start();
        self->m_compiler->start(request);
    });
}

void CompileWorker::watchPasses()
{
    if (!m_current || m_current->logPath.isEmpty())
        return;
    // Every engine run rewrites output.log from its start: a new file, or one that
    // shrank, is the next pass.
    const QFileInfo log(m_current->logPath);
    const qint64 size = log.exists() ? log.size() : -1;
    if (size >= 0 && (m_current->pass == 0 || size < m_current->logSize)) {
        ++m_current->pass;
        publish(sync::CompileProgress::State::Pass, m_current->pass);
    }
    m_current->logSize = size;
}

void CompileWorker::onCompiled(const compile::CompileResult &result)
{
    if (!m_current)
        return;
    m_passWatch.stop();
    // A compile shorter than the watch's interval ran its pass between two looks: report it
    // before "done" (a log is there, so at least one engine run happened).
    watchPasses();
    if (m_current->lostLock) {
        // Another worker has the project (and will have the job): ours is void.
        qCWarning(lcWorker, "job %s: the project's lock was lost; leaving the job to another worker",
                  qPrintable(m_current->job.jobId));
        m_heartbeat.stop();
        m_current.reset();
        QTimer::singleShot(0, this, &CompileWorker::poll);
        return;
    }
    const QString projectId = m_current->job.projectId;
    m_policies[projectId].recordResult(result.status);
    if (result.status == compile::CompileStatus::Conflict && m_current->request.syncType == compile::SyncType::Incremental) {
        m_current->request.syncType = compile::SyncType::Full;
        m_passWatch.start();
        m_compiler->start(m_current->request);
        return;
    }
    sync::CompileOutcome outcome;
    outcome.status = compile::statusName(result.status);
    outcome.message = result.message;
    outcome.buildId = result.buildId;
    outcome.compileMs = result.elapsedMs;
    outcome.log = readCapped(result.logPath, sync::CompileOutcome::maxLogBytes, true);
    for (const compile::LogEntry &entry : compile::LogParser::parseBuild(result))
        outcome.problems.append({compile::levelName(entry.level), entry.file, entry.line, compile::messageWithHint(entry)});
    QByteArray pdf;
    QByteArray synctex;
    const qint64 outputs = QFileInfo(result.pdfPath).size() + QFileInfo(result.synctexPath).size();
    if (!result.pdfPath.isEmpty() && outputs <= m_options.maxOutputBytes) {
        pdf = readCapped(result.pdfPath, m_options.maxOutputBytes, false);
        synctex = readCapped(result.synctexPath, m_options.maxOutputBytes, false);
    }
    outcome.outputsTooLarge = !result.pdfPath.isEmpty() && outputs > m_options.maxOutputBytes;
    if (outcome.outputsTooLarge)
        outcome.message = QStringLiteral("the PDF and SyncTeX data are %1 bytes, more than the %2 a worker stores")
                              .arg(outputs).arg(m_options.maxOutputBytes);
    finish(outcome, pdf, synctex);
}

void CompileWorker::fail(const QString &status, const QString &message)
{
    sync::CompileOutcome outcome;
    outcome.status = status;
    outcome.message = message;
    finish(outcome);
}

void CompileWorker::finish(sync::CompileOutcome outcome, const QByteArray &pdf, const QByteArray &synctex)
{
    const sync::CompileJob &job = m_current->job;
    outcome.jobId = job.jobId;
    outcome.projectId = job.projectId;
    outcome.worker = m_options.name;
    outcome.queuedAt = job.queuedAt;
    outcome.startedAt = m_current->startedAt ? m_current->startedAt : now();
    outcome.finishedAt = now();
    outcome.deliveries = m_current->deliveries;
    outcome.versions = m_current->versions;
    outcome.pdfBytes = pdf.size();
    outcome.synctexBytes = synctex.size();

    QPointer<CompileWorker> self(this);
    const QByteArray id = m_current->entry.id;
    m_redis->eval(storeScript,
                  {sync::CompileKeys::result(job.jobId), sync::CompileKeys::pdf(job.jobId), sync::CompileKeys::synctex(job.jobId),
                   sync::CompileKeys::latest(job.projectId)},
                  {outcome.toJson(), pdf, synctex, QByteArray::number(m_options.resultTtlSeconds),
                   QByteArray::number(m_options.outputTtlSeconds), job.jobId.toUtf8(), QByteArray::number(job.queuedAt),
                   pdf.isEmpty() ? "0" : "1"},
                  [self, id, outcome](sync::Result<RedisReply, ServiceError> r) {
        if (!self || !self->m_current || self->m_current->entry.id != id)
            return;
        if (!r) {
            // Not stored: not acknowledged either; the job is retaken once Redis is back.
            qCWarning(lcWorker, "job %s: cannot store its outcome: %s", qPrintable(outcome.jobId),
                      qPrintable(r.error().message));
            self->release();
            return;
        }
        self->publish(sync::CompileProgress::State::Done, 0, outcome.status);
        self->m_queue->acknowledge(id);
        qCInfo(lcWorker, "job %s of project %s: %s in %lld ms", qPrintable(outcome.jobId), qPrintable(outcome.projectId),
               qPrintable(outcome.status), outcome.finishedAt - outcome.startedAt);
        self->release();
        Q_EMIT self->jobFinished(outcome);
    });
}

void CompileWorker::release()
{
    if (!m_current)
        return;
    if (m_current->locked)
        m_redis->eval(releaseScript, {sync::CompileKeys::lock(m_current->job.projectId)}, {m_current->lockToken});
    m_heartbeat.stop();
    m_passWatch.stop();
    m_current.reset();
    if (m_stopping) {
        QTimer::singleShot(0, this, &CompileWorker::stopped);
        return;
    }
    QTimer::singleShot(0, this, &CompileWorker::poll);
}

void CompileWorker::heartbeat()
{
    if (!m_current)
        return;
    m_queue->keepClaimed(m_options.name, m_current->entry.id);
    if (!m_current->locked)
        return;
    QPointer<CompileWorker> self(this);
    const QByteArray id = m_current->entry.id;
    m_redis->eval(renewScript, {sync::CompileKeys::lock(m_current->job.projectId)},
                  {m_current->lockToken, QByteArray::number(m_options.lockTtlMs)},
                  [self, id](sync::Result<RedisReply, ServiceError> r) {
        if (!self || !self->m_current || self->m_current->entry.id != id)
            return;
        if (r && r.value().toInteger() == 0 && !self->m_current->lostLock) {
            self->m_current->lostLock = true;
            self->m_compiler->cancel(self->m_current->job.projectId);
        }
    });
}

void CompileWorker::publish(sync::CompileProgress::State state, int pass, const QString &status)
{
    sync::CompileProgress progress;
    progress.jobId = m_current->job.jobId;
    progress.projectId = m_current->job.projectId;
    progress.state = state;
    progress.pass = pass;
    progress.status = status;
    progress.worker = m_options.name;
    m_redis->publish(sync::CompileKeys::progressChannel(progress.projectId), progress.toJson());
}

} // namespace coauthor::worker
