// The coauthor-worker executable: takes compile jobs of shared projects from Redis and
// compiles them in the sandbox (worker/compileworker.h). Any number of them, on any
// machine that reaches the Redis and the docstore of the servers.
#include "app/common/stopsignals.h"
#include "compile/sandbox.h"
#include "sync/docstore/docstore.h"
#include "sync/redis/redisclient.h"
#include "worker/compileworker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTextStream>

using namespace coauthor;

namespace {

int intOption(const QCommandLineParser &parser, const QString &name, int fallback)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    return ok && value > 0 ? value : fallback;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("coauthor-worker"));
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Compiles shared Coauthor projects from the compile queue in Redis."));
    parser.addHelpOption();
    const QCommandLineOption redis(QStringLiteral("redis"), QStringLiteral("The servers' Redis: redis://host:port or unix:///path."),
                                   QStringLiteral("url"));
    const QCommandLineOption docstore(QStringLiteral("docstore"),
                                      QStringLiteral("The servers' docstore: postgresql://… or sqlite:///path."),
                                      QStringLiteral("url"));
    const QCommandLineOption workDir(QStringLiteral("work-dir"),
                                     QStringLiteral("Compile directories and cached files (default: the cache location)."),
                                     QStringLiteral("dir"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("This worker's name in the queue (default: host-pid)."),
                                  QStringLiteral("name"));
    const QCommandLineOption claimIdle(QStringLiteral("claim-idle-ms"),
                                       QStringLiteral("Take over a job whose worker was silent this long (default 60000)."),
                                       QStringLiteral("ms"));
    const QCommandLineOption lockTtl(QStringLiteral("lock-ttl-ms"),
                                     QStringLiteral("A project's compile lock expires this long after its worker's last renewal (default 60000)."),
                                     QStringLiteral("ms"));
    const QCommandLineOption readBlock(QStringLiteral("read-block-ms"),
                                       QStringLiteral("Wait this long for a new job before looking for stale ones (default 2000)."),
                                       QStringLiteral("ms"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Compile timeout in seconds (default 180, at most 600)."),
                                     QStringLiteral("s"));
    const QCommandLineOption sandboxUids(
        QStringLiteral("sandbox-uids"),
        QStringLiteral("As root: the uids compiles run as, one per compile at once on this machine, shared by its workers "
                       "(default 1879048192-1879048255)."),
        QStringLiteral("first-last"));
    parser.addOptions({redis, docstore, workDir, name, claimIdle, lockTtl, readBlock, timeout, sandboxUids});
    parser.process(app);

    if (!parser.isSet(redis) || !parser.isSet(docstore)) {
        err << "coauthor-worker: --redis and --docstore are required\n";
        return 2;
    }
    // Projects are untrusted: without the sandbox, no compile at all.
    const QString sandboxProblem = compile::Sandbox::unavailableReason();
    if (!sandboxProblem.isEmpty()) {
        err << "coauthor-worker: cannot sandbox compiles: " << sandboxProblem << '\n';
        return 1;
    }
    worker::WorkerOptions options;
    options.name = parser.value(name);
    options.workDir = parser.isSet(workDir)
        ? QDir(parser.value(workDir)).absolutePath()
        : QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QLatin1String("/worker");
    options.claimIdleMs = intOption(parser, claimIdle.names().first(), options.claimIdleMs);
    options.lockTtlMs = intOption(parser, lockTtl.names().first(), options.lockTtlMs);
    options.readBlockMs = intOption(parser, readBlock.names().first(), options.readBlockMs);
    options.compileTimeoutSeconds = intOption(parser, timeout.names().first(), options.compileTimeoutSeconds);
    if (parser.isSet(sandboxUids)) {
        const QStringList range = parser.value(sandboxUids).split(QLatin1Char('-'));
        bool firstOk = false;
        bool lastOk = false;
        const uint first = range.value(0).toUInt(&firstOk);
        const uint last = range.value(1).toUInt(&lastOk);
        if (range.size() != 2 || !firstOk || !lastOk || first == 0 || last < first || last - first >= 65536) {
            err << "coauthor-worker: --sandbox-uids wants first-last (not root's 0, at most 65536 uids)\n";
            return 2;
        }
        options.limits.uidsWhenRoot.first = first;
        options.limits.uidsWhenRoot.count = int(last - first + 1);
    }
    if (!QDir().mkpath(options.workDir)) {
        err << "coauthor-worker: cannot create " << options.workDir << '\n';
        return 1;
    }
    auto store = sync::Docstore::open(parser.value(docstore), options.workDir);
    if (!store) {
        err << "coauthor-worker: cannot open the docstore: " << store.error().message << '\n';
        return 1;
    }
    std::unique_ptr<sync::Docstore> docs = store.takeValue();

    worker::CompileWorker compileWorker(options, docs.get());
    QObject::connect(&compileWorker, &worker::CompileWorker::stopped, &app, &QCoreApplication::quit);
    // SIGTERM/SIGINT: take no more jobs, finish the current one, exit.
    coauthor::app::StopSignals stopSignals;
    if (!stopSignals.isInstalled()) {
        err << "coauthor-worker: cannot install signal handlers\n";
        return 1;
    }
    QObject::connect(&stopSignals, &coauthor::app::StopSignals::requested, &compileWorker, &worker::CompileWorker::stop);
    // A Redis password may come from the environment rather than the URL (as for coauthor-server).
    compileWorker.start(coauthor::sync::RedisClient::withEnvironmentPassword(parser.value(redis)));
    return app.exec();
}
