// history_compaction_bench: what compaction does to a real local history. Records
// the automerge-paper trace (259,778 keystrokes of a LaTeX paper) through the app's
// LocalHistoryWriter as the recorder hands it over — a keystroke every 200 ms, the
// edits of each second composed into one op — in writing sessions of --session
// keystrokes, four a day three hours apart; then compacts as the app does half a
// day after the last session (LocalHistoryWriter::compact: every op of the last
// day, one per change before, one per day after 30 days) and prints the ops,
// changes and file size before and after, the time taken, and checks the text at
// every remaining change against the history before compaction.
#include "tests/bench/ot_replay/trace.h"

#include "app/history/localhistorywriter.h"
#include "sync/history/historyreader.h"
#include "sync/ot/operations.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

using namespace coauthor;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

[[noreturn]] void die(const QString &what)
{
    out() << "history_compaction_bench: " << what << Qt::endl;
    std::exit(1);
}

// The history's file with its write-ahead log folded in, in bytes.
qint64 fileSize(const QString &path)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("size"));
        db.setDatabaseName(path);
        if (db.open())
            QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("size"));
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

QString mib(qint64 bytes)
{
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 2);
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
    parser.addOption({QStringLiteral("session"), QStringLiteral("Keystrokes per writing session."), QStringLiteral("n"),
                      QStringLiteral("1500")});
    parser.process(app);

    bench::Trace trace;
    QString error;
    if (!bench::Trace::load(parser.value(QStringLiteral("trace")), &trace, &error))
        die(error);
    const qsizetype session = std::max<qsizetype>(1, parser.value(QStringLiteral("session")).toLongLong());

    QTemporaryDir project;
    app::LocalHistoryWriter writer;
    if (auto opened = writer.open(project.path(), QStringLiteral("Martin")); !opened)
        die(opened.error());
    const QString path = QStringLiteral("paper.tex");
    constexpr qint64 hour = 3600 * 1000;
    constexpr qint64 day = 24 * hour;
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - 365 * day;
    if (auto created = writer.recordText(path, trace.startContent, start); !created)
        die(created.error());

    QElapsedTimer recording;
    recording.start();
    QString text = trace.startContent;
    QList<app::LocalHistoryWriter::TimedOp> batch;
    sync::ot::TextOperation second;
    qint64 at = start;
    qint64 last = start;
    const qsizetype n = qsizetype(trace.patches.size());
    for (qsizetype i = 0; i < n; ++i) {
        const qsizetype s = i / session; // session s: day s / 4, at 8:00 + 3 h × (s % 4)
        if (i % session == 0)
            at = start + (s / 4) * day + 8 * hour + (s % 4) * 3 * hour;
        at += 200;
        second = sync::ot::compose(second, bench::toOperation(trace.patches.at(size_t(i))));
        if ((i + 1) % 5 == 0 || (i + 1) % session == 0 || i + 1 == n) {
            batch.append({second, at});
            second = {};
        }
        if ((i + 1) % session == 0 || i + 1 == n) {
            if (auto done = writer.recordOps(path, batch); !done)
                die(done.error());
            batch.clear();
            last = at;
        }
    }
    const double recordMs = double(recording.nsecsElapsed()) / 1e6;
    if (writer.textOf(path).value_or(QString()) != trace.endContent)
        die(QStringLiteral("the recorded text differs from the trace's"));

    sync::Docstore &store = *writer.docstore();
    const QString projectId = writer.projectId();
    const QString docId = store.entries(projectId).value().first().id;
    const QString file = app::LocalHistoryWriter::databasePathFor(project.path());
    const qint64 opsBefore = store.historyOps(projectId, docId, 0, -1).value().size();
    const auto changesBefore = store.changes(projectId, {}, 0, 100000).value();
    const qint64 sizeBefore = fileSize(file);
    out() << "recorded " << n << " keystrokes as " << opsBefore << " ops, " << changesBefore.size() << " changes over "
          << (last - start) / day + 1 << " days in " << qRound(recordMs) << " ms; file " << mib(sizeBefore) << Qt::endl;

    // The texts at every change's end before, to check against after.
    sync::history::HistoryReader reader(store);
    QHash<qint64, QString> before;
    for (const sync::StoredChange &c : changesBefore)
        before.insert(c.toVersion, reader.textAt(projectId, path, c.toVersion).value());

    const qint64 now = last + 12 * hour;
    QElapsedTimer compacting;
    compacting.start();
    auto stats = writer.compact(now);
    const double compactMs = double(compacting.nsecsElapsed()) / 1e6;
    if (!stats)
        die(stats.error());
    const qint64 opsAfter = store.historyOps(projectId, docId, 0, -1).value().size();
    const auto changesAfter = store.changes(projectId, {}, 0, 100000).value();
    const qint64 sizeAfter = fileSize(file);
    out() << "compacted (with VACUUM) in " << qRound(compactMs) << " ms: " << opsAfter << " ops, " << changesAfter.size()
          << " changes; file " << mib(sizeAfter) << " (" << QString::number(100.0 * double(sizeAfter) / double(sizeBefore), 'f', 1)
          << " % of before)" << Qt::endl;

    qsizetype checked = 0;
    for (const sync::StoredChange &c : changesAfter) {
        if (!before.contains(c.toVersion))
            die(QStringLiteral("version %1 was no change's end before").arg(c.toVersion));
        if (reader.textAt(projectId, path, c.toVersion).value() != before.value(c.toVersion))
            die(QStringLiteral("the text at version %1 changed").arg(c.toVersion));
        ++checked;
    }
    QElapsedTimer again;
    again.start();
    auto second_run = writer.compact(now);
    out() << "text at all " << checked << " remaining changes equal to before; a second compaction: "
          << QString::number(double(again.nsecsElapsed()) / 1e6, 'f', 1) << " ms, "
          << (second_run ? second_run.value().docsRewritten : -1) << " docs rewritten" << Qt::endl;
    return 0;
}
