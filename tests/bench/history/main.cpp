// history_bench: how fast the history of a long document reads. Stores the
// automerge-paper trace (259,778 edits; the first --ops of them) as one doc's ops,
// flushed 100 at a time as the document-updater does, by two authors in sessions of
// 1,000 ops with a 6-minute pause between (so ~250 changes), then times: listing the
// newest page of changes (project and file), paging through all of them, opening
// random versions, the diff of a change and of long spans (from version 1 to the newest
// and between two far-apart middle versions, also replayed op by op side by side), a
// search through every op.
#include "tests/bench/ot_replay/trace.h"

#include "sync/docstore/docstore.h"
#include "sync/history/historyreader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace coauthor;
using namespace coauthor::sync;
using namespace coauthor::sync::history;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct Timing
{
    QList<double> ms;
    void add(double v) { ms.append(v); }
    double quantile(double q) const
    {
        QList<double> s = ms;
        std::sort(s.begin(), s.end());
        return s.isEmpty() ? 0 : s.at(std::min<qsizetype>(s.size() - 1, qsizetype(q * double(s.size()))));
    }
    QString summary() const
    {
        return QStringLiteral("median %1 ms, p99 %2 ms, max %3 ms (%4 runs)")
            .arg(quantile(0.5), 0, 'f', 2).arg(quantile(0.99), 0, 'f', 2).arg(quantile(1.0), 0, 'f', 2).arg(ms.size());
    }
};

template <typename F>
double timed(F f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

[[noreturn]] void die(const QString &what)
{
    out() << "history_bench: " << what << Qt::endl;
    std::exit(1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("trace"), QStringLiteral("Trace file."), QStringLiteral("path"),
                      qEnvironmentVariable("COAUTHOR_SHARED_DIR", QStringLiteral(COAUTHOR_DEFAULT_SHARED_DIR))
                          + QStringLiteral("/traces/automerge-paper.json.gz")});
    parser.addOption({QStringLiteral("ops"), QStringLiteral("Ops of the trace stored."), QStringLiteral("n"), QStringLiteral("250000")});
    parser.addOption({QStringLiteral("docstore"), QStringLiteral("Docstore URL (default: SQLite in a temporary directory)."),
                      QStringLiteral("url")});
    parser.process(app);

    bench::Trace trace;
    QString error;
    if (!bench::Trace::load(parser.value(QStringLiteral("trace")), &trace, &error))
        die(error);
    const qsizetype ops = std::min<qsizetype>(parser.value(QStringLiteral("ops")).toLongLong(), qsizetype(trace.patches.size()));

    QTemporaryDir dir;
    const QString url = parser.value(QStringLiteral("docstore")).isEmpty()
                            ? QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("history.sqlite"))
                            : parser.value(QStringLiteral("docstore"));
    auto opened = Docstore::open(url, dir.path());
    if (!opened.ok())
        die(opened.error().message);
    Docstore &store = *opened.value();
    const QString project = store.createProject(QStringLiteral("bench")).value().id;
    const QString alice = store.createInvitation(project, QStringLiteral("Alice"), Role::ReadWrite).value().invitation.id;
    const QString bob = store.createInvitation(project, QStringLiteral("Bob"), Role::ReadWrite).value().invitation.id;
    store.bindClientId(project, QStringLiteral("ca"), alice);
    store.bindClientId(project, QStringLiteral("cb"), bob);
    // The times of a past writing: the doc created at T0, its ops after.
    constexpr qint64 T0 = 1'700'000'000'000;
    const QString doc = store.createDoc(project, QStringLiteral("paper.tex"), trace.startContent, Actor{alice, T0}).value().id;

    // Store: flushes of 100 ops, as the document-updater's.
    QString text = trace.startContent;
    QList<StoredOp> batch;
    QElapsedTimer writing;
    writing.start();
    qint64 time = T0;
    for (qsizetype i = 0; i < ops; ++i) {
        const sync::ot::TextOperation op = bench::toOperation(trace.patches.at(size_t(i)));
        const bool alicesSession = (i / 1000) % 2 == 0;
        time += (i % 1000 == 0 && i > 0) ? 6 * 60 * 1000 : 300;
        text.remove(trace.patches.at(size_t(i)).position, trace.patches.at(size_t(i)).deleted.size());
        text.insert(trace.patches.at(size_t(i)).position, trace.patches.at(size_t(i)).inserted);
        batch.append(StoredOp{i + 1, op, alicesSession ? QStringLiteral("ca") : QStringLiteral("cb"), i + 1, time});
        if (batch.size() == 100 || i + 1 == ops) {
            auto stored = store.storeDoc(project, doc, text, i + 1, batch);
            if (!stored.ok())
                die(stored.error().message);
            batch.clear();
        }
    }
    const double writeMs = double(writing.nsecsElapsed()) / 1e6;
    out() << "stored " << ops << " ops in " << writeMs << " ms (" << writeMs * 1000 / double(ops) << " µs/op, flushes of 100)" << Qt::endl;

    HistoryReader reader(store);
    const qint64 current = reader.currentVersion(project).value();
    Timing firstPage, filePage, all;
    qsizetype changes = 0;
    for (int run = 0; run < 20; ++run) {
        firstPage.add(timed([&] {
            if (!reader.changes(project, {}, 0, 50).ok())
                die(QStringLiteral("changes failed"));
        }));
        filePage.add(timed([&] {
            if (!reader.changes(project, QStringLiteral("paper.tex"), 0, 50).ok())
                die(QStringLiteral("changes of the file failed"));
        }));
    }
    for (int run = 0; run < 5; ++run) {
        all.add(timed([&] {
            changes = 0;
            for (qint64 before = 0;;) {
                auto page = reader.changes(project, QStringLiteral("paper.tex"), before, 200);
                changes += page.value().changes.size();
                if (page.value().nextBefore == 0)
                    break;
                before = page.value().nextBefore;
            }
        }));
    }
    out() << "project version " << current << ", " << changes << " changes\n"
          << "list the newest 50 changes of the project: " << firstPage.summary() << "\n"
          << "list the newest 50 changes of paper.tex:   " << filePage.summary() << "\n"
          << "list all " << changes << " changes (pages of 200): " << all.summary() << Qt::endl;

    QRandomGenerator random(20261203);
    Timing open, openText;
    QString last;
    for (int run = 0; run < 200; ++run) {
        const qint64 v = 1 + random.bounded(int(current));
        openText.add(timed([&] {
            auto t = reader.textAt(project, QStringLiteral("paper.tex"), v);
            if (!t.ok())
                die(t.error().message);
            last = t.value();
        }));
        const qint64 docVersion = v - 1;
        open.add(timed([&] {
            if (!reader.docText(project, doc, docVersion).ok())
                die(QStringLiteral("docText failed"));
        }));
    }
    if (reader.textAt(project, QStringLiteral("paper.tex"), -1).value() != text)
        die(QStringLiteral("the latest version differs from the trace's text"));
    out() << "open a random version (textAt: tree + snapshot + <= 1000 ops): " << openText.summary() << "\n"
          << "open a random doc version (docText):                          " << open.summary() << Qt::endl;

    auto newest = reader.changes(project, {}, 0, 1).value().changes.at(0);
    Timing changeDiff, spanDiff, wholeDiff;
    for (int run = 0; run < 5; ++run) {
        changeDiff.add(timed([&] { (void)reader.diff(project, QStringLiteral("paper.tex"), newest.fromVersion, newest.toVersion); }));
        spanDiff.add(timed([&] { (void)reader.diff(project, QStringLiteral("paper.tex"), current - 10000, current); }));
    }
    wholeDiff.add(timed([&] { (void)reader.diff(project, QStringLiteral("paper.tex"), current - 50000, current); }));
    out() << "diff of the newest change (" << newest.toVersion - newest.fromVersion << " ops): " << changeDiff.summary() << "\n"
          << "diff over the last 10,000 ops: " << spanDiff.summary() << "\n"
          << "diff over the last 50,000 ops: " << wholeDiff.summary() << Qt::endl;
    // The long diffs: the first version to the newest, and two far-apart middle versions.
    Timing readAll, fromStart, middle, fromStartExact, middleExact;
    qsizetype segments = 0, exactSegments = 0;
    for (int run = 0; run < 3; ++run) {
        readAll.add(timed([&] {
            for (qint64 v = 0; v < current;) {
                auto page = store.historyOps(project, doc, v, current, 5000);
                if (!page.ok() || page.value().isEmpty())
                    break;
                v = page.value().last().version;
            }
        }));
        fromStart.add(timed([&] {
            auto d = reader.diff(project, QStringLiteral("paper.tex"), 1, current);
            if (!d.ok())
                die(d.error().message);
            segments = d.value().segments.size();
        }));
        middle.add(timed([&] {
            if (!reader.diff(project, QStringLiteral("paper.tex"), current / 4, current * 3 / 4).ok())
                die(QStringLiteral("middle diff failed"));
        }));
        // Side by side: the same two diffs replayed op by op (exactOps -1).
        fromStartExact.add(timed([&] {
            auto d = reader.diff(project, QStringLiteral("paper.tex"), 1, current, -1);
            if (!d.ok())
                die(d.error().message);
            exactSegments = d.value().segments.size();
        }));
        middleExact.add(timed([&] {
            if (!reader.diff(project, QStringLiteral("paper.tex"), current / 4, current * 3 / 4, -1).ok())
                die(QStringLiteral("middle diff failed"));
        }));
    }
    out() << "read all " << current << " ops (historyOps, pages of 5000): " << readAll.summary() << "\n"
          << "diff version 1 -> newest (" << segments << " segments): " << fromStart.summary() << "\n"
          << "diff " << current / 4 << " -> " << current * 3 / 4 << ": " << middle.summary() << "\n"
          << "  the same replayed op by op: version 1 -> newest (" << exactSegments << " segments): " << fromStartExact.summary() << "\n"
          << "  the same replayed op by op: " << current / 4 << " -> " << current * 3 / 4 << ": " << middleExact.summary() << Qt::endl;
    Timing search;
    qsizetype transitions = 0;
    for (int run = 0; run < 3; ++run) {
        search.add(timed([&] {
            auto found = reader.search(project, QStringLiteral("operational transformation"));
            if (!found.ok())
                die(found.error().message);
            transitions = found.value().hits.isEmpty() ? 0 : found.value().hits.at(0).appearsAt.size() + found.value().hits.at(0).disappearsAt.size();
        }));
    }
    out() << "search \"operational transformation\" through every op (" << transitions << " appearances/disappearances): "
          << search.summary() << Qt::endl;
    return 0;
}
