// OfflineQueue: records survive a reopen, a torn or corrupt tail (a crash
// mid-write) is dropped cleanly, fsyncs are batched, compaction keeps exactly
// the unacked state, and the clientId and sequence numbers persist. A full
// disk (RLIMIT_FSIZE) is reported once, and the journal is rewritten from the
// snapshot source once there is room again.

#include "sync/client/offlinequeue.h"
#include "sync/client/shareddocument.h"
#include "tests/sync/client/filesizelimit.h"

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
void edit(OfflineQueue &queue, SharedDocument &doc, int n, QRandomGenerator &rng)
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
        queue.append(local(doc.docId(), op));
        if (out.value()) {
            JournalRecord sent;
            sent.kind = JournalRecord::Kind::Sent;
            sent.docId = doc.docId();
            sent.seq = out.value()->seq;
            sent.version = out.value()->baseVersion;
            queue.append(sent);
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

class TestOfflineQueue : public QObject
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
            OfflineQueue queue;
            QVERIFY(queue.open(dir.path()).ok());
            clientId = queue.clientId();
            QVERIFY(!clientId.isEmpty());
            queue.append(base(QStringLiteral("d1"), QStringLiteral("start"), 3));
            SharedDocument doc(QStringLiteral("d1"), QStringLiteral("d1.tex"), QStringLiteral("start"), 3,
                               [&queue] { return queue.nextSequence(); });
            edit(queue, doc, 1000, rng);
            text = doc.text();
            inFlightSeq = doc.ot().inFlight()->seq;
            queue.close();
        }
        OfflineQueue queue;
        QVERIFY(queue.open(dir.path()).ok());
        QCOMPARE(queue.clientId(), clientId);
        QCOMPARE(queue.droppedBytes(), 0);
        QCOMPARE(queue.recovered().size(), 1 + 1000 + 1);
        auto doc = SharedDocument::replay(queue.recovered(), [&queue] { return queue.nextSequence(); });
        QVERIFY(doc.ok());
        QCOMPARE(doc.value().text(), text);
        QCOMPARE(doc.value().version(), 3);
        QCOMPARE(doc.value().ot().inFlight()->seq, inFlightSeq);
        QCOMPARE(doc.value().serverText(), QStringLiteral("start"));
        QVERIFY(queue.nextSequence() > inFlightSeq);
    }

    void tornLastRecordIsDropped()
    {
        QTemporaryDir dir;
        qint64 sizeBefore = 0;
        {
            OfflineQueue queue;
            QVERIFY(queue.open(dir.path()).ok());
            queue.append(base(QStringLiteral("d1"), QStringLiteral("abc"), 0));
            queue.append(local(QStringLiteral("d1"), TextOperation({Component::insert(3, QStringLiteral("d"))})));
            queue.flush();
            sizeBefore = QFileInfo(dir.filePath(QStringLiteral("journal"))).size();
            queue.append(local(QStringLiteral("d1"), TextOperation({Component::insert(4, QStringLiteral("e"))})));
            queue.close();
        }
        // A crash in the middle of writing the last record.
        QFile file(dir.filePath(QStringLiteral("journal")));
        const qint64 full = file.size();
        QVERIFY(full > sizeBefore + 10);
        QVERIFY(file.resize(sizeBefore + (full - sizeBefore) / 2));

        {
            OfflineQueue queue;
            QVERIFY(queue.open(dir.path()).ok());
            QVERIFY(queue.droppedBytes() > 0);
            QCOMPARE(queue.recovered().size(), 2);
            auto doc = SharedDocument::replay(queue.recovered(), {});
            QVERIFY(doc.ok());
            QCOMPARE(doc.value().text(), QStringLiteral("abcd"));
            // New records follow the last intact one.
            queue.append(local(QStringLiteral("d1"), TextOperation({Component::insert(4, QStringLiteral("X"))})));
            queue.close();
        }
        OfflineQueue queue;
        QVERIFY(queue.open(dir.path()).ok());
        QCOMPARE(queue.droppedBytes(), 0);
        auto doc = SharedDocument::replay(queue.recovered(), {});
        QVERIFY(doc.ok());
        QCOMPARE(doc.value().text(), QStringLiteral("abcdX"));
    }

    void corruptRecordEndsJournal()
    {
        QTemporaryDir dir;
        {
            OfflineQueue queue;
            QVERIFY(queue.open(dir.path()).ok());
            queue.append(base(QStringLiteral("d1"), QStringLiteral("abc"), 0));
            for (int i = 0; i < 10; ++i)
                queue.append(local(QStringLiteral("d1"), TextOperation({Component::insert(0, QStringLiteral("z"))})));
            queue.close();
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
        OfflineQueue queue;
        QVERIFY(queue.open(dir.path()).ok());
        QVERIFY(queue.droppedBytes() > 0);
        QCOMPARE(queue.recovered().size(), 10);
    }

    void garbageFileIsNotFatal()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("journal")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArrayLiteral("\xff\xff\xff\x7fgarbage that is not a journal"));
        file.close();
        OfflineQueue queue;
        QVERIFY(queue.open(dir.path()).ok());
        QVERIFY(queue.recovered().isEmpty());
        QVERIFY(!queue.clientId().isEmpty());
    }

    void fsyncsAreBatched()
    {
        QTemporaryDir dir;
        OfflineQueue queue;
        QVERIFY(queue.open(dir.path()).ok());
        QSignalSpy durable(&queue, &OfflineQueue::durable);
        const qint64 first = queue.append(base(QStringLiteral("d1"), QString(), 0));
        QVERIFY(!queue.isDurable(first));
        QVERIFY(durable.wait(1000)); // the timer syncs within ~50 ms
        QVERIFY(queue.isDurable(first));
        durable.clear();
        // 64 waiting records are synced at once, without the timer.
        for (int i = 0; i < OfflineQueue::syncBatchRecords; ++i)
            queue.append(local(QStringLiteral("d1"), TextOperation({Component::insert(0, QStringLiteral("a"))})));
        QCOMPARE(durable.size(), 1);
        QCOMPARE(queue.durableCount(), queue.appendedCount());
        queue.append(local(QStringLiteral("d1"), TextOperation({Component::insert(0, QStringLiteral("a"))})));
        queue.flush();
        QCOMPARE(queue.durableCount(), queue.appendedCount());
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
            OfflineQueue queue;
            QVERIFY(queue.open(dir.path()).ok());
            queue.append(base(QStringLiteral("d1"), QString(), 0));
            queue.append(base(QStringLiteral("d2"), QStringLiteral("other"), 9));
            SharedDocument doc(QStringLiteral("d1"), QStringLiteral("d1.tex"), QString(), 0,
                               [&queue] { return queue.nextSequence(); });
            edit(queue, doc, 300, rng);
            // The first op is acked; the next one goes in flight.
            auto next = doc.ack(1);
            QVERIFY(next.ok() && next.value());
            seq = next.value()->seq;
            sizeBeforeCompaction = QFileInfo(dir.filePath(QStringLiteral("journal"))).size();
            QList<JournalRecord> state = doc.snapshotRecords();
            state.append(base(QStringLiteral("d2"), QStringLiteral("other"), 9));
            QVERIFY(queue.compact(state).ok());
            QCOMPARE(queue.growthBytes(), 0);
            text = doc.text();
            serverText = doc.serverText();
            queue.close();
        }
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("journal"))).size() < sizeBeforeCompaction);
        OfflineQueue queue;
        QVERIFY(queue.open(dir.path()).ok());
        auto doc = SharedDocument::replay(recordsOf(queue.recovered(), QStringLiteral("d1")), {});
        QVERIFY(doc.ok());
        QCOMPARE(doc.value().text(), text);
        QCOMPARE(doc.value().serverText(), serverText);
        QCOMPARE(doc.value().version(), 1);
        QCOMPARE(doc.value().ot().inFlight()->seq, seq);
        auto other = SharedDocument::replay(recordsOf(queue.recovered(), QStringLiteral("d2")), {});
        QVERIFY(other.ok());
        QCOMPARE(other.value().text(), QStringLiteral("other"));
        QVERIFY(queue.nextSequence() > seq);
    }

    void forgottenDocIsDropped()
    {
        QTemporaryDir dir;
        {
            OfflineQueue queue;
            QVERIFY(queue.open(dir.path()).ok());
            queue.append(base(QStringLiteral("d1"), QStringLiteral("a"), 0));
            queue.append(base(QStringLiteral("d2"), QStringLiteral("b"), 0));
            JournalRecord forget;
            forget.kind = JournalRecord::Kind::Forget;
            forget.docId = QStringLiteral("d1");
            queue.append(forget);
        }
        OfflineQueue queue;
        QVERIFY(queue.open(dir.path()).ok());
        QCOMPARE(queue.recovered().size(), 1);
        QCOMPARE(queue.recovered().first().docId, QStringLiteral("d2"));
    }

    void fullDiskFailsOnceAndRecovers()
    {
        QTemporaryDir dir;
        QRandomGenerator rng(2024);
        qInfo("seed 2024");
        const QString journal = dir.filePath(QStringLiteral("journal"));
        QString text;
        quint64 lastSeq = 0;
        {
            OfflineQueue queue;
            QVERIFY(queue.open(dir.path()).ok());
            queue.append(base(QStringLiteral("d1"), QStringLiteral("start"), 0));
            SharedDocument doc(QStringLiteral("d1"), QStringLiteral("d1.tex"), QStringLiteral("start"), 0,
                               [&queue] { return queue.nextSequence(); });
            queue.setSnapshotSource([&doc] { return doc.snapshotRecords(); });
            edit(queue, doc, 20, rng);
            queue.flush();
            QVERIFY(queue.isHealthy());
            const qint64 intact = QFileInfo(journal).size();
            QSignalSpy failed(&queue, &OfflineQueue::writeFailed);
            QSignalSpy recovered(&queue, &OfflineQueue::writeRecovered);
            QSignalSpy durable(&queue, &OfflineQueue::durable);

            FileSizeLimit full(intact + 40); // less than one more record
            QVERIFY(full.isActive());
            edit(queue, doc, 50, rng);
            queue.flush();
            QCOMPARE(failed.count(), 1);
            QVERIFY(!queue.isHealthy());
            QCOMPARE(queue.failureReason(), qt_error_string(EFBIG));
            QVERIFY2(failed.first().first().toString().contains(qt_error_string(EFBIG)),
                     qPrintable(failed.first().first().toString()));
            QVERIFY(durable.isEmpty());
            QVERIFY(queue.durableCount() < queue.appendedCount());
            // The file ends on its last whole record.
            QCOMPARE(QFileInfo(journal).size(), intact);
            // Not durable, but an op may go to the server.
            QVERIFY(!queue.isDurable(queue.appendedCount() - 1));
            QVERIFY(queue.mayTransmit(queue.appendedCount() - 1, doc.ot().inFlight()->seq));

            // Retries while the disk is still full fail quietly.
            QTest::qWait(OfflineQueue::retryIntervalMs + 500);
            QVERIFY(!queue.isHealthy());
            QCOMPARE(failed.count(), 1);
            QVERIFY(recovered.isEmpty());

            full.lift();
            QTRY_COMPARE_WITH_TIMEOUT(recovered.count(), 1, OfflineQueue::retryIntervalMs + 2000);
            QVERIFY(queue.isHealthy());
            QVERIFY(queue.failureReason().isEmpty());
            QCOMPARE(queue.durableCount(), queue.appendedCount());
            QVERIFY(!durable.isEmpty());

            // Appends work again and are durable.
            edit(queue, doc, 10, rng);
            queue.flush();
            QCOMPARE(queue.durableCount(), queue.appendedCount());
            text = doc.text();
            lastSeq = doc.ot().inFlight()->seq;
            queue.close();
        }
        OfflineQueue queue;
        QVERIFY(queue.open(dir.path()).ok());
        QCOMPARE(queue.droppedBytes(), 0);
        auto doc = SharedDocument::replay(queue.recovered(), [&queue] { return queue.nextSequence(); });
        QVERIFY2(doc.ok(), doc.ok() ? "" : qPrintable(doc.error()));
        QCOMPARE(doc.value().text(), text);
        QCOMPARE(doc.value().ot().inFlight()->seq, lastSeq);
        // A restart never reuses a seq the last run may have sent unjournaled.
        QVERIFY(queue.nextSequence() >= lastSeq + OfflineQueue::seqMarginPerRun);
    }

    void failedQueueReportsAgainAfterRecovery()
    {
        QTemporaryDir dir;
        OfflineQueue queue;
        QVERIFY(queue.open(dir.path()).ok());
        QList<JournalRecord> state{base(QStringLiteral("d1"), QStringLiteral("x"), 0)};
        queue.setSnapshotSource([&state] { return state; });
        queue.append(state.first());
        queue.flush();
        QSignalSpy failed(&queue, &OfflineQueue::writeFailed);
        QSignalSpy recovered(&queue, &OfflineQueue::writeRecovered);
        for (int round = 1; round <= 2; ++round) {
            const qint64 size = QFileInfo(dir.filePath(QStringLiteral("journal"))).size();
            {
                FileSizeLimit full(size + 10);
                const JournalRecord big = base(QStringLiteral("d1"), QString(200 * round, QLatin1Char('y')), round);
                queue.append(big);
                state = {big};
                QCOMPARE(failed.count(), round);
                // compact() is a recovery too; it fails while the disk is full.
                const auto compacted = queue.compact(state);
                QVERIFY(!compacted.ok());
                QVERIFY2(compacted.error().contains(qt_error_string(EFBIG)), qPrintable(compacted.error()));
                QVERIFY(!queue.isHealthy());
            }
            QVERIFY(queue.compact(state).ok());
            QVERIFY(queue.isHealthy());
            QCOMPARE(recovered.count(), round);
        }
    }

    void oneClientPerWorkingCopy()
    {
        QTemporaryDir dir;
        OfflineQueue first;
        QVERIFY(first.open(dir.path()).ok());
        OfflineQueue second;
        QVERIFY(!second.open(dir.path()).ok());
        first.close();
        QVERIFY(second.open(dir.path()).ok());
        QCOMPARE(second.clientId(), first.clientId());
    }
};

QTEST_GUILESS_MAIN(TestOfflineQueue)
#include "tst_offlinequeue.moc"
