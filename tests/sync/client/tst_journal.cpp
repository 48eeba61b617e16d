// Journal: records survive a reopen, a torn or corrupt tail (a crash
// mid-write) is dropped cleanly, fsyncs are batched, compaction keeps exactly
// the unacked state, and the clientId and sequence numbers persist. A full
// disk (RLIMIT_FSIZE) is reported once, and the journal is rewritten from the
// snapshot source once there is room again.

#include "sync/client/journal.h"
#include "sync/client/shareddocument.h"
#include "tests/sync/client/filesizelimit.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

using namespace coauthor::sync;
using ot::Component;
using ot::TextOperation;

namespace {

JournalRecord base(const QString &doc, const QString &text, qint64 version)
{
    JournalRecord r;
    r.kind = JournalRecord::Kind::Base;
    r.docId = doc;
    r.text = text;
    r.version = version;
    r.path = doc + QStringLiteral(".tex");
    return r;
}

JournalRecord local(const QString &doc, const TextOperation &op)
{
    JournalRecord r;
    r.kind = JournalRecord::Kind::Local;
    r.docId = doc;
    r.op = op;
    return r;
}

// Makes n local edits to doc through SharedDocument, journaling them the way
// ClientSession does (Local, then Sent when the edit goes in flight).
void edit(Journal &journal, SharedDocument &doc, int n, QRandomGenerator &rng)
{
    for (int i = 0; i < n; ++i) {
        const qsizetype p = rng.bounded(doc.text().size() + 1);
        TextOperation op({Component::insert(p, QString(QChar(u'a' + rng.bounded(26))))});
        if (!doc.text().isEmpty() && rng.bounded(3) == 0) {
            const qsizetype q = rng.bounded(doc.text().size());
            op = TextOperation({Component::erase(q, doc.text().mid(q, 1))});
        }
        auto out = doc.applyLocal(op);
        QVERIFY(out.ok());
        journal.append(local(doc.docId(), op));
        if (out.value()) {
            JournalRecord sent;
            sent.kind = JournalRecord::Kind::Sent;
            sent.docId = doc.docId();
            sent.seq = out.value()->seq;
            sent.version = out.value()->baseVersion;
            journal.append(sent);
        }
    }
}

QList<JournalRecord> recordsOf(const QList<JournalRecord> &all, const QString &doc)
{
    QList<JournalRecord> out;
    for (const JournalRecord &r : all) {
        if (r.docId == doc)
            out.append(r);
    }
    return out;
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thousandOpsSurviveReopen()
    {
        QTemporaryDir dir;
        QRandomGenerator rng(77);
        qInfo("seed 77");
        QString clientId;
        QString text;
        quint64 inFlightSeq = 0;
        {
            Journal journal;
            QVERIFY(journal.open(dir.path()).ok());
            clientId = journal.clientId();
            QVERIFY(!clientId.isEmpty());
            journal.append(base(QStringLiteral("d1"), QStringLiteral("start"), 3));
            SharedDocument doc(QStringLiteral("d1"), QStringLiteral("d1.tex"), QStringLiteral("start"), 3,
                               [&journal] { return journal.nextSequence(); });
            edit(journal, doc, 1000, rng);
            text = doc.text();
            inFlightSeq = doc.ot().inFlight()->seq;
            journal.close();
        }
        Journal journal;
        QVERIFY(journal.open(dir.path()).ok());
        QCOMPARE(journal.clientId(), clientId);
        QCOMPARE(journal.droppedBytes(), 0);
        QCOMPARE(journal.recovered().size(), 1 + 1000 + 1);
        auto doc = SharedDocument::replay(journal.recovered(), journal.clientId(), [&journal] { return journal.nextSequence(); });
        QVERIFY(doc.ok());
        QCOMPARE(doc.value().text(), text);
        QCOMPARE(doc.value().version(), 3);
        QCOMPARE(doc.value().ot().inFlight()->seq, inFlightSeq);
        QCOMPARE(doc.value().serverText(), QStringLiteral("start"));
        QVERIFY(journal.nextSequence() > inFlightSeq);
    }

    void tornLastRecordIsDropped()
    {
        QTemporaryDir dir;
        qint64 sizeBefore = 0;
        {
            Journal journal;
            QVERIFY(journal.open(dir.path()).ok());
            journal.append(base(QStringLiteral("d1"), QStringLiteral("abc"), 0));
            journal.append(local(QStringLiteral("d1"), TextOperation({Component::insert(3, QStringLiteral("d"))})));
            journal.flush();
            sizeBefore = QFileInfo(dir.filePath(QStringLiteral("journal"))).size();
            journal.append(local(QStringLiteral("d1"), TextOperation({Component::insert(4, QStringLiteral("e"))})));
            journal.close();
        }
        // A crash in the middle of writing the last record.
        QFile file(dir.filePath(QStringLiteral("journal")));
        const qint64 full = file.size();
        QVERIFY(full > sizeBefore + 10);
        QVERIFY(file.resize(sizeBefore + (full - sizeBefore) / 2));

        {
            Journal journal;
            QVERIFY(journal.open(dir.path()).ok());
            QVERIFY(journal.droppedBytes() > 0);
            QCOMPARE(journal.recovered().size(), 2);
            auto doc = SharedDocument::replay(journal.recovered(), journal.clientId(), {});
            QVERIFY(doc.ok());
            QCOMPARE(doc.value().text(), QStringLiteral("abcd"));
            // New records follow the last intact one.
            journal.append(local(QStringLiteral("d1"), TextOperation({Component::insert(4, QStringLiteral("X"))})));
            journal.close();
        }
        Journal journal;
        QVERIFY(journal.open(dir.path()).ok());
        QCOMPARE(journal.droppedBytes(), 0);
        auto doc = SharedDocument::replay(journal.recovered(), journal.clientId(), {});
        QVERIFY(doc.ok());
        QCOMPARE(doc.value().text(), QStringLiteral("abcdX"));
    }

    void corruptRecordEndsJournal()
    {
        QTemporaryDir dir;
        {
            Journal journal;
            QVERIFY(journal.open(dir.path()).ok());
            journal.append(base(QStringLiteral("d1"), QStringLiteral("abc"), 0));
            for (int i = 0; i < 10; ++i)
                journal.append(local(QStringLiteral("d1"), TextOperation({Component::insert(0, QStringLiteral("z"))})));
            journal.close();
        }
        QFile file(dir.filePath(QStringLiteral("journal")));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        const qsizetype at = bytes.lastIndexOf("\"z\"");
        QVERIFY(at > 0);
        bytes[at + 1] = 'y'; // the CRC no longer matches
        QVERIFY(file.seek(0));
        file.write(bytes);
        file.close();
        Journal journal;
        QVERIFY(journal.open(dir.path()).ok());
        QVERIFY(journal.droppedBytes() > 0);
        QCOMPARE(journal.recovered().size(), 10);
    }

    void garbageFileIsNotFatal()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("journal")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArrayLiteral("\xff\xff\xff\x7fgarbage that is not a journal"));
        file.close();
        Journal journal;
        QVERIFY(journal.open(dir.path()).ok());
        QVERIFY(journal.recovered().isEmpty());
        QVERIFY(!journal.clientId().isEmpty());
    }

    void fsyncsAreBatched()
    {
        QTemporaryDir dir;
        Journal journal;
        QVERIFY(journal.open(dir.path()).ok());
        QSignalSpy durable(&journal, &Journal::durable);
        const qint64 first = journal.append(base(QStringLiteral("d1"), QString(), 0));
        QVERIFY(!journal.isDurable(first));
        QVERIFY(durable.wait(1000)); // the timer syncs within ~50 ms
        QVERIFY(journal.isDurable(first));
        durable.clear();
        // 64 waiting records are synced at once, without the timer.
        for (int i = 0; i < Journal::syncBatchRecords; ++i)
            journal.append(local(QStringLiteral("d1"), TextOperation({Component::insert(0, QStringLiteral("a"))})));
        QCOMPARE(durable.size(), 1);
        QCOMPARE(journal.durableCount(), journal.appendedCount());
        journal.append(local(QStringLiteral("d1"), TextOperation({Component::insert(0, QStringLiteral("a"))})));
        journal.flush();
        QCOMPARE(journal.durableCount(), journal.appendedCount());
    }

    void compactionKeepsOnlyUnacked()
    {
        QTemporaryDir dir;
        QRandomGenerator rng(5);
        qInfo("seed 5");
        QString text;
        QString serverText;
        quint64 seq = 0;
        qint64 sizeBeforeCompaction = 0;
        {
            Journal journal;
            QVERIFY(journal.open(dir.path()).ok());
            journal.append(base(QStringLiteral("d1"), QString(), 0));
            journal.append(base(QStringLiteral("d2"), QStringLiteral("other"), 9));
            SharedDocument doc(QStringLiteral("d1"), QStringLiteral("d1.tex"), QString(), 0,
                               [&journal] { return journal.nextSequence(); });
            edit(journal, doc, 300, rng);
            // The first op is acked; the next one goes in flight.
            auto next = doc.ack(1);
            QVERIFY(next.ok() && next.value());
            seq = next.value()->seq;
            sizeBeforeCompaction = QFileInfo(dir.filePath(QStringLiteral("journal"))).size();
            QList<JournalRecord> state = doc.snapshotRecords();
            state.append(base(QStringLiteral("d2"), QStringLiteral("other"), 9));
            QVERIFY(journal.compact(state).ok());
            QCOMPARE(journal.growthBytes(), 0);
            text = doc.text();
            serverText = doc.serverText();
            journal.close();
        }
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("journal"))).size() < sizeBeforeCompaction);
        Journal journal;
        QVERIFY(journal.open(dir.path()).ok());
        auto doc = SharedDocument::replay(recordsOf(journal.recovered(), QStringLiteral("d1")), journal.clientId(), {});
        QVERIFY(doc.ok());
        QCOMPARE(doc.value().text(), text);
        QCOMPARE(doc.value().serverText(), serverText);
        QCOMPARE(doc.value().version(), 1);
        QCOMPARE(doc.value().ot().inFlight()->seq, seq);
        auto other = SharedDocument::replay(recordsOf(journal.recovered(), QStringLiteral("d2")), journal.clientId(), {});
        QVERIFY(other.ok());
        QCOMPARE(other.value().text(), QStringLiteral("other"));
        QVERIFY(journal.nextSequence() > seq);
    }

    void forgottenDocIsDropped()
    {
        QTemporaryDir dir;
        {
            Journal journal;
            QVERIFY(journal.open(dir.path()).ok());
            journal.append(base(QStringLiteral("d1"), QStringLiteral("a"), 0));
            journal.append(base(QStringLiteral("d2"), QStringLiteral("b"), 0));
            JournalRecord forget;
            forget.kind = JournalRecord::Kind::Forget;
            forget.docId = QStringLiteral("d1");
            journal.append(forget);
        }
        Journal journal;
        QVERIFY(journal.open(dir.path()).ok());
        QCOMPARE(journal.recovered().size(), 1);
        QCOMPARE(journal.recovered().first().docId, QStringLiteral("d2"));
    }

    void fullDiskFailsOnceAndRecovers()
    {
        QTemporaryDir dir;
        QRandomGenerator rng(2024);
        qInfo("seed 2024");
        const QString journalFile = dir.filePath(QStringLiteral("journal"));
        QString text;
        quint64 lastSeq = 0;
        {
            Journal journal;
            QVERIFY(journal.open(dir.path()).ok());
            journal.append(base(QStringLiteral("d1"), QStringLiteral("start"), 0));
            SharedDocument doc(QStringLiteral("d1"), QStringLiteral("d1.tex"), QStringLiteral("start"), 0,
                               [&journal] { return journal.nextSequence(); });
            journal.setSnapshotSource([&doc] { return doc.snapshotRecords(); });
            edit(journal, doc, 20, rng);
            journal.flush();
            QVERIFY(journal.isHealthy());
            const qint64 intact = QFileInfo(journalFile).size();
            QSignalSpy failed(&journal, &Journal::writeFailed);
            QSignalSpy recovered(&journal, &Journal::writeRecovered);
            QSignalSpy durable(&journal, &Journal::durable);

            FileSizeLimit full(intact + 40); // less than one more record
            QVERIFY(full.isActive());
            edit(journal, doc, 50, rng);
            journal.flush();
            QCOMPARE(failed.count(), 1);
            QVERIFY(!journal.isHealthy());
            QCOMPARE(journal.failureReason(), qt_error_string(EFBIG));
            QVERIFY2(failed.first().first().toString().contains(qt_error_string(EFBIG)),
                     qPrintable(failed.first().first().toString()));
            QVERIFY(durable.isEmpty());
            QVERIFY(journal.durableCount() < journal.appendedCount());
            // The file ends on its last whole record.
            QCOMPARE(QFileInfo(journalFile).size(), intact);
            // Not durable, but an op may go to the server.
            QVERIFY(!journal.isDurable(journal.appendedCount() - 1));
            QVERIFY(journal.mayTransmit(journal.appendedCount() - 1, doc.ot().inFlight()->seq));

            // Retries while the disk is still full fail quietly.
            QTest::qWait(Journal::retryIntervalMs + 500);
            QVERIFY(!journal.isHealthy());
            QCOMPARE(failed.count(), 1);
            QVERIFY(recovered.isEmpty());

            full.lift();
            QTRY_COMPARE_WITH_TIMEOUT(recovered.count(), 1, Journal::retryIntervalMs + 2000);
            QVERIFY(journal.isHealthy());
            QVERIFY(journal.failureReason().isEmpty());
            QCOMPARE(journal.durableCount(), journal.appendedCount());
            QVERIFY(!durable.isEmpty());

            // Appends work again and are durable.
            edit(journal, doc, 10, rng);
            journal.flush();
            QCOMPARE(journal.durableCount(), journal.appendedCount());
            text = doc.text();
            lastSeq = doc.ot().inFlight()->seq;
            journal.close();
        }
        Journal journal;
        QVERIFY(journal.open(dir.path()).ok());
        QCOMPARE(journal.droppedBytes(), 0);
        auto doc = SharedDocument::replay(journal.recovered(), journal.clientId(), [&journal] { return journal.nextSequence(); });
        QVERIFY2(doc.ok(), doc.ok() ? "" : qPrintable(doc.error()));
        QCOMPARE(doc.value().text(), text);
        QCOMPARE(doc.value().ot().inFlight()->seq, lastSeq);
        // A restart never reuses a seq the last run may have sent unjournaled.
        QVERIFY(journal.nextSequence() >= lastSeq + Journal::seqMarginPerRun);
    }

    void failedQueueReportsAgainAfterRecovery()
    {
        QTemporaryDir dir;
        Journal journal;
        QVERIFY(journal.open(dir.path()).ok());
        QList<JournalRecord> state{base(QStringLiteral("d1"), QStringLiteral("x"), 0)};
        journal.setSnapshotSource([&state] { return state; });
        journal.append(state.first());
        journal.flush();
        QSignalSpy failed(&journal, &Journal::writeFailed);
        QSignalSpy recovered(&journal, &Journal::writeRecovered);
        for (int round = 1; round <= 2; ++round) {
            const qint64 size = QFileInfo(dir.filePath(QStringLiteral("journal"))).size();
            {
                FileSizeLimit full(size + 10);
                const JournalRecord big = base(QStringLiteral("d1"), QString(200 * round, QLatin1Char('y')), round);
                journal.append(big);
                state = {big};
                QCOMPARE(failed.count(), round);
                // compact() is a recovery too; it fails while the disk is full.
                const auto compacted = journal.compact(state);
                QVERIFY(!compacted.ok());
                QVERIFY2(compacted.error().contains(qt_error_string(EFBIG)), qPrintable(compacted.error()));
                QVERIFY(!journal.isHealthy());
            }
            QVERIFY(journal.compact(state).ok());
            QVERIFY(journal.isHealthy());
            QCOMPARE(recovered.count(), round);
        }
    }

    void oneClientPerWorkingCopy()
    {
        QTemporaryDir dir;
        Journal first;
        QVERIFY(first.open(dir.path()).ok());
        Journal second;
        QVERIFY(!second.open(dir.path()).ok());
        first.close();
        QVERIFY(second.open(dir.path()).ok());
        QCOMPARE(second.clientId(), first.clientId());
    }

    // A journal copied with its folder (the copy is another path) takes a new
    // clientId and keeps its records; the original keeps its id, and so does
    // the copy from then on. A second open of one folder is refused.
    void aCopiedJournalTakesANewClientId()
    {
        QTemporaryDir dir;
        const QString original = dir.filePath(QStringLiteral("a/.coauthor"));
        QString id;
        {
            Journal j;
            QVERIFY(j.open(original).ok());
            id = j.clientId();
            Journal second;
            const auto refused = second.open(original);
            QVERIFY(!refused.ok());
            QVERIFY(refused.error().contains(QStringLiteral("in use")));
            JournalRecord base;
            base.kind = JournalRecord::Kind::Base;
            base.docId = QStringLiteral("d1");
            base.text = QStringLiteral("kept");
            j.append(base);
            j.close();
        }
        const QString copy = dir.filePath(QStringLiteral("b/.coauthor"));
        QVERIFY(QDir().mkpath(copy));
        QVERIFY(QFile::copy(original + QStringLiteral("/journal"), copy + QStringLiteral("/journal")));
        QString copyId;
        {
            Journal j;
            QVERIFY(j.open(copy).ok());
            QVERIFY(j.clientId() != id);
            QVERIFY(j.copiedFrom().endsWith(QStringLiteral("a/.coauthor")));
            QCOMPARE(j.recovered().size(), 1);
            QCOMPARE(j.recovered().first().text, QStringLiteral("kept"));
            copyId = j.clientId();
        }
        Journal again;
        QVERIFY(again.open(copy).ok());
        QCOMPARE(again.clientId(), copyId);
        QVERIFY(again.copiedFrom().isEmpty());
        Journal first;
        QVERIFY(first.open(original).ok());
        QCOMPARE(first.clientId(), id);
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
