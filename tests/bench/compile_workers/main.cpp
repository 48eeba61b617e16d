// compile_workers: compile workers under load, and what the sandbox costs.
//   workers: a real redis-server and SQLite docstore, 20 generated projects (a ~4-page
//            article with sections, math, a table and cross-references: two engine
//            passes), all queued at once, then compiled by 1, 2 and 4 coauthor-worker
//            processes (fresh work dirs: every compile is a full first compile).
//            Prints queue wait (queued -> the worker has the job and the project's lock)
//            and compile time (the compile service's elapsed time) p50/p99, the total
//            time until the last outcome, and jobs/s.
//   sandbox: the same project compiled by compile::Compiler with and without the
//            sandbox, full sync each time, alternating which goes first; medians and
//            their ratio, wall clock.
// Usage: compile_workers [--projects N] (default 20) [--runs N] (sandbox runs, default 7)
#include "tests/sync/storetestutil.h"

#include "compile/compiler.h"
#include "compile/sandbox.h"
#include "sync/docstore/docstore.h"
#include "sync/compilejobs/compilekeys.h"
#include "sync/compilejobs/compilequeue.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace coauthor;
using namespace coauthor::sync;
using namespace coauthor::sync::testing;

namespace {

QByteArray articleText(int project)
{
    QByteArray text = "\\documentclass{article}\\usepackage{amsmath}\\usepackage{booktabs}\n"
                      "\\title{Project " + QByteArray::number(project) + "}\\begin{document}\\maketitle\n";
    for (int section = 1; section <= 6; ++section) {
        text += "\\section{Section " + QByteArray::number(section) + "}\\label{s" + QByteArray::number(section) + "}\n";
        for (int paragraph = 0; paragraph < 4; ++paragraph)
            text += "This paragraph refers to Section~\\ref{s1} and Equation~\\eqref{e1}; it states that for all "
                    "$n \\geq 1$ we have $\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$, which is checked by induction. "
                    "More words make the paragraph as long as paragraphs of a real paper usually are.\n\n";
        text += "\\begin{equation}\\label{e" + QByteArray::number(section)
            + "}\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}\\end{equation}\n";
        text += "\\begin{tabular}{lrr}\\toprule Case & Ops & Time\\\\\\midrule A & 1 & 2\\\\ B & 3 & 4\\\\\\bottomrule\\end{tabular}\n\n";
    }
    return text + "\\end{document}\n";
}

qint64 percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return values.at(index);
}

qint64 median(QList<qint64> values)
{
    return percentile(std::move(values), 0.5);
}

struct Round
{
    int workers = 0;
    QList<qint64> waits;
    QList<qint64> compiles;
    qint64 totalMs = 0;
    int failures = 0;
};

Round runRound(int workerCount, const QStringList &projects, RedisServerProcess &redis, RedisClient &client,
               const QString &docstoreUrl, const QString &root)
{
    Round round;
    round.workers = workerCount;
    QList<QProcess *> workers;
    for (int i = 0; i < workerCount; ++i) {
        auto *process = new QProcess;
        process->setProcessChannelMode(QProcess::ForwardedOutputChannel); // its log lines to /dev/null below
        process->setStandardErrorFile(QProcess::nullDevice());
        const QString name = QStringLiteral("w%1-%2").arg(workerCount).arg(i);
        process->start(QStringLiteral(COAUTHOR_BIN_DIR "/coauthor-worker"),
                       {QStringLiteral("--redis"), redis.url(), QStringLiteral("--docstore"), docstoreUrl,
                        QStringLiteral("--work-dir"), root + u'/' + name, QStringLiteral("--name"), name,
                        QStringLiteral("--read-block-ms"), QStringLiteral("500")});
        process->waitForStarted(10000);
        workers << process;
    }
    QTest::qWait(1000); // the workers are connected and reading before the jobs arrive
    CompileQueue queue(&client);
    QList<QString> jobIds;
    QElapsedTimer timer;
    timer.start();
    for (const QString &project : projects) {
        CompileJob job;
        job.projectId = project;
        job.rootDocument = QStringLiteral("main.tex");
        auto r = await<CompileJob>([&](auto cb) { queue.enqueue(job, cb); });
        if (r && r->ok())
            jobIds << r->value().jobId;
    }
    for (const QString &jobId : std::as_const(jobIds)) {
        for (;;) {
            auto r = redisCommand(client, {"GET", CompileKeys::result(jobId)});
            if (r && !r.value().isNil()) {
                const auto outcome = CompileOutcome::fromJson(r.value().string);
                if (!outcome || outcome->status != QLatin1String("success")) {
                    ++round.failures;
                } else {
                    round.waits << outcome->startedAt - outcome->queuedAt;
                    round.compiles << outcome->compileMs;
                }
                break;
            }
            if (timer.elapsed() > 600000)
                break;
            QTest::qWait(20);
        }
    }
    round.totalMs = timer.elapsed();
    for (QProcess *process : std::as_const(workers)) {
        process->terminate();
        if (!process->waitForFinished(10000))
            process->kill();
        delete process;
    }
    return round;
}

qint64 compileOnce(compile::Compiler &compiler, const QByteArray &text)
{
    compiler.clearCache(QStringLiteral("bench"));
    compile::CompileRequest request;
    request.projectId = QStringLiteral("bench");
    request.rootDocument = QStringLiteral("main.tex");
    request.resources.append({QStringLiteral("main.tex"), text, QString()});
    QElapsedTimer timer;
    timer.start();
    const compile::CompileResult result = compiler.run(request);
    if (result.status != compile::CompileStatus::Success)
        std::fprintf(stderr, "compile failed: %s\n", qPrintable(result.message));
    return timer.elapsed();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int projectCount = 20;
    int runs = 7;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--projects"))
            projectCount = std::max(1, args.at(i + 1).toInt());
        if (args.at(i) == QLatin1String("--runs"))
            runs = std::max(1, args.at(i + 1).toInt());
    }
    const QString sandboxProblem = compile::Sandbox::unavailableReason();
    if (!sandboxProblem.isEmpty()) {
        std::fprintf(stderr, "no sandbox: %s\n", qPrintable(sandboxProblem));
        return 1;
    }
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("redis")));
    RedisServerProcess redis;
    if (!redis.start(dir.filePath(QStringLiteral("redis")), false).ok()) {
        std::fprintf(stderr, "cannot start redis-server\n");
        return 1;
    }
    const QString docstoreUrl = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("docstore.sqlite"));
    auto store = Docstore::open(docstoreUrl, dir.path());
    if (!store) {
        std::fprintf(stderr, "cannot open the docstore\n");
        return 1;
    }
    std::unique_ptr<Docstore> docstore = store.takeValue();
    RedisClient client;
    client.connectTo(redis.url());
    waitConnected(client);
    QStringList projects;
    for (int p = 0; p < projectCount; ++p) {
        const QString id = docstore->createProject(QStringLiteral("bench")).value().id;
        docstore->createDoc(id, QStringLiteral("main.tex"), QString::fromUtf8(articleText(p)));
        projects << id;
    }

    std::printf("compile_workers: %d projects queued at once, per worker count\n", projectCount);
    std::printf("%-8s %10s %10s %12s %12s %10s %8s %8s\n", "workers", "wait p50", "wait p99", "compile p50",
                "compile p99", "total", "jobs/s", "failed");
    for (int workers : {1, 2, 4}) {
        const Round round = runRound(workers, projects, redis, client, docstoreUrl,
                                     dir.filePath(QStringLiteral("work")));
        std::printf("%-8d %8lld ms %8lld ms %10lld ms %10lld ms %8lld ms %8.2f %8d\n", workers,
                    percentile(round.waits, 0.5), percentile(round.waits, 0.99), percentile(round.compiles, 0.5),
                    percentile(round.compiles, 0.99), round.totalMs,
                    round.totalMs > 0 ? 1000.0 * double(round.compiles.size()) / double(round.totalMs) : 0.0,
                    round.failures);
        std::fflush(stdout);
    }

    compile::Compiler plain(dir.filePath(QStringLiteral("plain")));
    compile::Compiler sandboxed(dir.filePath(QStringLiteral("sandboxed")));
    sandboxed.setSandbox(std::make_shared<compile::Sandbox>());
    const QByteArray text = articleText(0);
    compileOnce(plain, text); // warm the page cache for both
    compileOnce(sandboxed, text);
    QList<qint64> plainMs;
    QList<qint64> sandboxedMs;
    for (int run = 0; run < runs; ++run) {
        if (run % 2 == 0) {
            plainMs << compileOnce(plain, text);
            sandboxedMs << compileOnce(sandboxed, text);
        } else {
            sandboxedMs << compileOnce(sandboxed, text);
            plainMs << compileOnce(plain, text);
        }
    }
    const qint64 p = median(plainMs);
    const qint64 s = median(sandboxedMs);
    std::printf("sandbox overhead (%d runs, full compile of one project, medians): without %lld ms, with %lld ms, "
                "ratio %.3f\n",
                runs, p, s, p > 0 ? double(s) / double(p) : 0.0);
    return 0;
}
