// server_load: drives a coauthor-server process (embedded Redis) with QWebSocket
// clients replaying the automerge-paper trace, and prints throughput, ack and
// all-others-seen latencies, server CPU per op, server RSS and convergence.
#include "serverprocess.h"
#include "testclient.h"

#include "sync/ot/operations.h"

#include <QAbstractEventDispatcher>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <unistd.h>

using namespace coauthor::sync;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;
using coauthor::sync::test::TestClient;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// Runs the event loop until condition() holds, blocking between events (a timer
// wakes it to check the deadline). QCoreApplication::processEvents(flags, ms),
// which TestClient::waitFor uses, drops WaitForMoreEvents and spins: a load
// generator spinning on one of two cores starves the server it measures.
bool blockUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QTimer wake;
    wake.start(20);
    QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        dispatcher->processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// One trace patch: at position, delete deleteCount characters, insert text.
struct Patch
{
    qsizetype position;
    qsizetype deleteCount;
    QString insert;
};

QList<Patch> loadTrace(const QString &path)
{
    QProcess gunzip;
    gunzip.start(QStringLiteral("gzip"), {QStringLiteral("-dc"), path});
    gunzip.waitForFinished(60000);
    const QJsonObject root = QJsonDocument::fromJson(gunzip.readAllStandardOutput()).object();
    QList<Patch> patches;
    for (const QJsonValue &txn : root.value(QLatin1String("txns")).toArray())
        for (const QJsonValue &p : txn.toObject().value(QLatin1String("patches")).toArray()) {
            const QJsonArray a = p.toArray();
            patches.append({qsizetype(a.at(0).toInteger()), qsizetype(a.at(1).toInteger()), a.at(2).toString()});
        }
    return patches;
}

// The patch as an op on text (clamped: with several clients the text is not the
// trace's own, so positions are kept inside it).
TextOperation toOp(const Patch &patch, const QString &text)
{
    TextOperation op;
    const qsizetype p = qMin(patch.position, text.size());
    const qsizetype n = qMin(patch.deleteCount, text.size() - p);
    if (n > 0)
        op.append(Component::erase(p, text.mid(p, n)));
    if (!patch.insert.isEmpty())
        op.append(Component::insert(p, patch.insert));
    if (op.isEmpty())
        op.append(Component::insert(p, QStringLiteral("x")));
    return op;
}

struct ProcStat
{
    qint64 cpuMicros = 0;
    qint64 rssKiB = 0;
};

ProcStat procStat(qint64 pid)
{
    ProcStat s;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        // Fields after the parenthesised command name; utime, stime are 14 and 15.
        const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
        const long ticks = sysconf(_SC_CLK_TCK);
        s.cpuMicros = (f.value(11).toLongLong() + f.value(12).toLongLong()) * 1000000 / ticks;
    }
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        const QString text = QString::fromLatin1(status.readAll());
        const auto m = QRegularExpression(QStringLiteral("VmRSS:\\s+(\\d+)")).match(text);
        s.rssKiB = m.captured(1).toLongLong();
    }
    return s;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(qMin(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5)));
}

struct Server
{
    QTemporaryDir dir;
    QProcess process;
    QString url;
    QString projectId;
    QString token;
    qint64 redisPid = 0;

    bool start(const QString &binary, const QStringList &extra = {})
    {
        const QString data = dir.filePath(QStringLiteral("data"));
        const test::CreatedProject created = test::createProject(binary, data, QStringLiteral("bench"));
        if (!created.ok())
            return false;
        projectId = created.id;
        token = created.token;
        const quint16 port = test::freeLoopbackPort();
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.setStandardErrorFile(dir.filePath(QStringLiteral("server.log")));
        if (!test::startServer(process, binary, port, data, extra))
            return false;
        url = QStringLiteral("ws://127.0.0.1:%1/").arg(port);
        // The embedded redis-server is the server's child.
        QProcess pgrep;
        pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-P"), QString::number(process.processId()), QStringLiteral("redis-server")});
        pgrep.waitForFinished(5000);
        redisPid = pgrep.readAllStandardOutput().trimmed().toLongLong();
        return true;
    }

    void stop()
    {
        process.terminate();
        process.waitForFinished(30000);
    }
};

struct RunResult
{
    int clients = 0;
    int ops = 0;
    double seconds = 0;
    QList<double> ackMs;
    QList<double> seenMs;
    double serverCpuPerOpUs = 0;
    double redisCpuPerOpUs = 0;
    qint64 serverRssKiB = 0;
    bool converged = false;
};

// Runs clientCount clients on a fresh doc; client i replays patches[slice i],
// closed loop (its next op after its ack), at most one op per intervalMs.
RunResult run(Server &server, const QList<Patch> &patches, int clientCount, int opsPerClient, int intervalMs)
{
    RunResult r;
    r.clients = clientCount;
    TestClient creator(server.url, server.projectId, server.token, QStringLiteral("creator"));
    creator.connectAndHello();
    const QString doc = creator.createDoc(QStringLiteral("run-%1.tex").arg(clientCount));

    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < clientCount; ++i) {
        clients.push_back(std::make_unique<TestClient>(server.url, server.projectId, server.token, QStringLiteral("load-%1-%2").arg(clientCount).arg(i)));
        clients.back()->connectAndHello();
        clients.back()->joinDoc(doc);
    }

    QElapsedTimer clock;
    clock.start();
    // (clientId, seq) -> when it was sent and how many others have seen it.
    struct Sent
    {
        qint64 sentNs;
        int seen;
    };
    QHash<QString, Sent> sent;
    auto key = [](const QString &clientId, qint64 seq) {
        QString k = clientId;
        k.append(QLatin1Char('/')).append(QString::number(seq));
        return k;
    };
    std::vector<int> next(size_t(clientCount), 0);
    std::vector<qint64> lastSendNs(size_t(clientCount), 0);
    int totalOps = 0;
    const int sliceSize = int(patches.size()) / clientCount;

    auto sendNext = [&](int i) {
        TestClient *c = clients[size_t(i)].get();
        if (next[size_t(i)] >= opsPerClient || !c->isIdle())
            return;
        const Patch &patch = patches.at(i * sliceSize + next[size_t(i)]);
        ++next[size_t(i)];
        const qint64 now = clock.nsecsElapsed();
        lastSendNs[size_t(i)] = now;
        sent.insert(key(c->clientId(), c->nextSeq()), {now, 0});
        c->edit(toOp(patch, c->text()));
        ++totalOps;
    };
    for (int i = 0; i < clientCount; ++i) {
        TestClient *c = clients[size_t(i)].get();
        c->onAck = [&, i, c](const ServerMessage::Ack &m) {
            auto it = sent.find(key(c->clientId(), m.seq));
            if (it != sent.end())
                r.ackMs.append(double(clock.nsecsElapsed() - it->sentNs) / 1e6);
            const qint64 wait = intervalMs * 1000000LL - (clock.nsecsElapsed() - lastSendNs[size_t(i)]);
            if (wait <= 0)
                QTimer::singleShot(0, c, [&, i] { sendNext(i); });
            else
                QTimer::singleShot(int(wait / 1000000), c, [&, i] { sendNext(i); });
        };
        c->onUpdate = [&](const ServerMessage::Update &m) {
            auto it = sent.find(key(m.applied.clientId, m.applied.seq));
            if (it == sent.end())
                return;
            if (++it->seen == clientCount - 1) {
                r.seenMs.append(double(clock.nsecsElapsed() - it->sentNs) / 1e6);
                sent.erase(it);
            }
        };
    }

    const ProcStat before = procStat(server.process.processId());
    const ProcStat redisBefore = procStat(server.redisPid);
    clock.restart();
    for (int i = 0; i < clientCount; ++i)
        sendNext(i);
    const int expected = opsPerClient * clientCount;
    blockUntil([&] {
        if (totalOps < expected)
            return false;
        for (auto &c : clients)
            if (!c->isIdle() || c->version() != clients.front()->version())
                return false;
        return true;
    }, 600000);
    r.seconds = double(clock.nsecsElapsed()) / 1e9;
    const ProcStat after = procStat(server.process.processId());
    const ProcStat redisAfter = procStat(server.redisPid);
    r.ops = totalOps;
    r.serverCpuPerOpUs = double(after.cpuMicros - before.cpuMicros) / qMax(1, totalOps);
    r.redisCpuPerOpUs = double(redisAfter.cpuMicros - redisBefore.cpuMicros) / qMax(1, totalOps);
    r.serverRssKiB = after.rssKiB;

    r.converged = true;
    for (auto &c : clients)
        r.converged = r.converged && !c->diverged() && c->text() == clients.front()->text();
    TestClient observer(server.url, server.projectId, server.token, QStringLiteral("observer-%1").arg(clientCount));
    observer.connectAndHello();
    observer.joinDoc(doc);
    r.converged = r.converged && observer.text() == clients.front()->text() && observer.version() == clients.front()->version();
    return r;
}

void print(const RunResult &r)
{
    out() << QStringLiteral("clients=%1 ops=%2 time=%3s ops/s=%4 ack p50=%5ms p99=%6ms all-others-seen p50=%7ms p99=%8ms "
                            "server cpu=%9us/op redis cpu=%10us/op server rss=%11MB converged=%12")
                 .arg(r.clients).arg(r.ops).arg(r.seconds, 0, 'f', 2).arg(double(r.ops) / r.seconds, 0, 'f', 0)
                 .arg(percentile(r.ackMs, 0.5), 0, 'f', 2).arg(percentile(r.ackMs, 0.99), 0, 'f', 2)
                 .arg(r.clients > 1 ? QString::number(percentile(r.seenMs, 0.5), 'f', 2) : QStringLiteral("-"))
                 .arg(r.clients > 1 ? QString::number(percentile(r.seenMs, 0.99), 'f', 2) : QStringLiteral("-"))
                 .arg(r.serverCpuPerOpUs, 0, 'f', 1).arg(r.redisCpuPerOpUs, 0, 'f', 1)
                 .arg(double(r.serverRssKiB) / 1024.0, 0, 'f', 1).arg(r.converged ? QStringLiteral("yes") : QStringLiteral("NO"))
          << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Load benchmark of coauthor-server (see docs/benchmarks.md)."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("server"), QStringLiteral("coauthor-server binary."), QStringLiteral("path"), QStringLiteral(COAUTHOR_SERVER_BINARY)});
    parser.addOption({QStringLiteral("trace"), QStringLiteral("Trace file."), QStringLiteral("path"),
                      qEnvironmentVariable("COAUTHOR_SHARED_DIR", QStringLiteral(COAUTHOR_DEFAULT_SHARED_DIR)) + QStringLiteral("/traces/automerge-paper.json.gz")});
    parser.addOption({QStringLiteral("ops"), QStringLiteral("Ops replayed by the single client (0: the whole trace)."), QStringLiteral("n"), QStringLiteral("20000")});
    parser.addOption({QStringLiteral("clients"), QStringLiteral("Client counts of the multi-client runs."), QStringLiteral("list"), QStringLiteral("2,10,50")});
    parser.addOption({QStringLiteral("ops-per-client"), QStringLiteral("Ops each client sends in the multi-client runs."), QStringLiteral("n"), QStringLiteral("200")});
    parser.addOption({QStringLiteral("interval"), QStringLiteral("Minimum ms between two ops of one client in the multi-client runs (typing speed)."), QStringLiteral("ms"), QStringLiteral("50")});
    parser.addOption({QStringLiteral("embedded-redis-fsync"), QStringLiteral("The server's --embedded-redis-fsync (always or everysec)."), QStringLiteral("policy"), QStringLiteral("always")});
    parser.process(app);

    const QList<Patch> patches = loadTrace(parser.value(QStringLiteral("trace")));
    if (patches.isEmpty()) {
        out() << "cannot read the trace " << parser.value(QStringLiteral("trace")) << Qt::endl;
        return 1;
    }
    Server server;
    if (!server.start(parser.value(QStringLiteral("server")),
                      {QStringLiteral("--embedded-redis-fsync"), parser.value(QStringLiteral("embedded-redis-fsync"))})) {
        out() << "cannot start " << parser.value(QStringLiteral("server")) << Qt::endl;
        return 1;
    }
    out() << "embedded redis appendfsync " << parser.value(QStringLiteral("embedded-redis-fsync")) << Qt::endl;
    out() << "server " << server.url << " pid " << server.process.processId() << " (embedded redis pid " << server.redisPid << "), trace "
          << patches.size() << " patches" << Qt::endl;

    bool ok = true;
    int singleOps = parser.value(QStringLiteral("ops")).toInt();
    if (singleOps <= 0 || singleOps > patches.size())
        singleOps = int(patches.size());
    const RunResult single = run(server, patches, 1, singleOps, 0);
    print(single);
    ok = ok && single.converged;
    for (const QString &n : parser.value(QStringLiteral("clients")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const RunResult multi = run(server, patches, n.toInt(), parser.value(QStringLiteral("ops-per-client")).toInt(), parser.value(QStringLiteral("interval")).toInt());
        print(multi);
        ok = ok && multi.converged;
    }
    const ProcStat end = procStat(server.process.processId());
    out() << "server rss at end " << QString::number(double(end.rssKiB) / 1024.0, 'f', 1) << " MB" << Qt::endl;
    server.stop();
    return ok ? 0 : 2;
}
