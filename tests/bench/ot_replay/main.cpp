// ot_replay: replays an editing trace through the OT core and, side by side, on a
// plain std::u16string; prints ops/s, medians and the ratio ours/plain. Pass 1
// turns each patch into an op, validate()s it and applies it to a TextBuffer;
// pass 2 also transforms it against a concurrent one-character op; a third line
// decodes each op from its wire JSON first (the server's path). Exits non-zero
// when a replay does not reproduce the trace's endContent.
//
//   ot_replay [TRACE.json.gz] [--repetitions N] [--skip-if-missing]
//
// --skip-if-missing exits 77 (CTest's "skipped") when the trace file does not
// exist, for checkouts without the shared traces folder.
//
// Default trace: $COAUTHOR_SHARED_DIR/traces/automerge-paper.json.gz, else
// ../shared/traces/automerge-paper.json.gz next to the repository.

#include "trace.h"

#include "sync/ot/operations.h"
#include "sync/ot/opjson.h"
#include "sync/ot/textbuffer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cstdio>
#include <string>

#include <time.h>

using namespace coauthor;
using namespace coauthor::sync::ot;

namespace {

QString defaultTrace()
{
    const QString shared = qEnvironmentVariable("COAUTHOR_SHARED_DIR");
    const QString dir = shared.isEmpty() ? QStringLiteral(COAUTHOR_SOURCE_DIR "/../shared") : shared;
    return QDir::cleanPath(dir + QStringLiteral("/traces/automerge-paper.json.gz"));
}

// CPU time of this thread in ms: on a shared, loaded machine the wall clock also
// counts the time spent waiting for a core; both are printed.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Times one run of a replay, wall clock and CPU.
class Stopwatch
{
public:
    void start()
    {
        m_cpu = threadCpuMs();
        m_wall.start();
    }
    std::pair<double, double> elapsed() const { return {double(m_wall.nsecsElapsed()) / 1e6, threadCpuMs() - m_cpu}; }

private:
    QElapsedTimer m_wall;
    double m_cpu = 0;
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

struct Figures
{
    const char *name;
    std::vector<double> ms;
    std::vector<double> cpuMs;

    void add(std::pair<double, double> wallAndCpu)
    {
        ms.push_back(wallAndCpu.first);
        cpuMs.push_back(wallAndCpu.second);
    }
};

void print(const Figures &f, std::size_t ops)
{
    const double m = median(f.ms);
    std::printf("%-34s median %8.2f ms wall (min %8.2f), %8.2f ms CPU  %10.0f ops/s\n", f.name, m,
                *std::min_element(f.ms.begin(), f.ms.end()), median(f.cpuMs), double(ops) / (m / 1000.0));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString path;
    int repetitions = 5;
    bool skipIfMissing = false;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--repetitions") && i + 1 < args.size())
            repetitions = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--skip-if-missing"))
            skipIfMissing = true;
        else if (args[i] == QLatin1String("--help") || args[i] == QLatin1String("-h")) {
            std::printf("usage: ot_replay [TRACE.json.gz] [--repetitions N] [--skip-if-missing]\n");
            return 0;
        } else
            path = args[i];
    }
    if (path.isEmpty())
        path = defaultTrace();
    if (skipIfMissing && !QFileInfo::exists(path)) {
        std::printf("ot_replay: %s not found, skipped\n", qPrintable(path));
        return 77;
    }

    bench::Trace trace;
    QString error;
    QElapsedTimer loadTimer;
    loadTimer.start();
    if (!bench::Trace::load(path, &trace, &error)) {
        std::fprintf(stderr, "ot_replay: %s\n", qPrintable(error));
        return 2;
    }
    const std::size_t n = trace.patches.size();
    std::printf("trace %s: %zu patches, %lld -> %lld UTF-16 units (loaded and converted in %lld ms)\n",
                qPrintable(path), n, qlonglong(trace.startContent.size()), qlonglong(trace.endContent.size()),
                qlonglong(loadTimer.elapsed()));

    // Untimed preparation: for the second pass a concurrent one-character insert
    // near each op, and for the JSON line the ops as the server receives them
    // (already parsed JSON values of the wire message).
    std::vector<QJsonArray> encoded;
    std::vector<TextOperation> concurrent;
    encoded.reserve(n);
    concurrent.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const bench::Patch &patch = trace.patches[i];
        encoded.push_back(toJson(bench::toOperation(patch)));
        const qsizetype near = std::clamp<qsizetype>(patch.position + qsizetype(i % 11) - 5, 0, patch.sizeBefore);
        concurrent.push_back(TextOperation({Component::insert(near, QStringLiteral("x"))}));
    }

    Figures plain{"plain std::u16string insert/erase", {}, {}};
    Figures pass1{"pass 1: op + validate + apply", {}, {}};
    Figures pass2{"pass 2: pass 1 + transform", {}, {}};
    Figures fromJson{"JSON: operationFromJson + pass 1", {}, {}};
    const std::u16string start(reinterpret_cast<const char16_t *>(trace.startContent.utf16()), std::size_t(trace.startContent.size()));
    const std::u16string end(reinterpret_cast<const char16_t *>(trace.endContent.utf16()), std::size_t(trace.endContent.size()));
    qint64 checksum = 0;
    bool ok = true;

    for (int rep = 0; rep < repetitions && ok; ++rep) {
        Stopwatch timer;
        {
            std::u16string text = start;
            timer.start();
            for (const bench::Patch &patch : trace.patches) {
                if (!patch.deleted.isEmpty())
                    text.erase(std::size_t(patch.position), std::size_t(patch.deleted.size()));
                if (!patch.inserted.isEmpty())
                    text.insert(std::size_t(patch.position), reinterpret_cast<const char16_t *>(patch.inserted.utf16()),
                                std::size_t(patch.inserted.size()));
            }
            plain.add(timer.elapsed());
            ok = ok && text == end;
        }
        {
            // Each patch becomes an op, is validated against the document and applied.
            TextBuffer buffer(trace.startContent);
            timer.start();
            for (const bench::Patch &patch : trace.patches) {
                const TextOperation op = bench::toOperation(patch);
                ok = ok && validate(op, buffer.size()).ok() && buffer.apply(op).ok();
            }
            pass1.add(timer.elapsed());
            ok = ok && buffer.toString() == trace.endContent;
        }
        {
            TextBuffer buffer(trace.startContent);
            timer.start();
            for (std::size_t i = 0; i < n; ++i) {
                const TextOperation op = bench::toOperation(trace.patches[i]);
                ok = ok && validate(op, buffer.size()).ok();
                // What the server does when the op was made before another client's keystroke.
                const TextOperation moved = transform(op, concurrent[i], Side::Right);
                checksum += moved.isEmpty() ? 0 : moved.components().first().position;
                ok = ok && buffer.apply(op).ok();
            }
            pass2.add(timer.elapsed());
            ok = ok && buffer.toString() == trace.endContent;
        }
        {
            // The server's path: the op decoded with strict validation from the wire JSON.
            TextBuffer buffer(trace.startContent);
            timer.start();
            for (const QJsonArray &json : encoded) {
                const auto op = operationFromJson(json);
                ok = ok && op.ok() && validate(op.value(), buffer.size()).ok() && buffer.apply(op.value()).ok();
            }
            fromJson.add(timer.elapsed());
            ok = ok && buffer.toString() == trace.endContent;
        }
    }
    if (!ok) {
        std::fprintf(stderr, "ot_replay: FAILED: the replay did not reproduce endContent\n");
        return 1;
    }

    std::printf("%d repetitions, final text == endContent (%lld units); transform checksum %lld\n", repetitions,
                qlonglong(trace.endContent.size()), qlonglong(checksum));
    for (const Figures *f : {&plain, &pass1, &pass2, &fromJson})
        print(*f, n);
    const double base = median(plain.ms);
    std::printf("ratio ours/plain (wall): pass 1 %.2f, pass 2 %.2f, JSON %.2f\n", median(pass1.ms) / base,
                median(pass2.ms) / base, median(fromJson.ms) / base);
    const double cpuBase = median(plain.cpuMs);
    std::printf("ratio ours/plain (CPU):  pass 1 %.2f, pass 2 %.2f, JSON %.2f\n", median(pass1.cpuMs) / cpuBase,
                median(pass2.cpuMs) / cpuBase, median(fromJson.cpuMs) / cpuBase);
    return 0;
}
