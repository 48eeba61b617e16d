#pragma once

// Journal: a working copy's append-only, fsynced log of sync events, so
// that no local edit is lost to a quit, a crash or a server that is away.
//
// A local edit is "made" once its Local record is durable (fsynced); until then
// it exists only in memory, and nothing derived from it is sent: ClientSession
// sends an op only after the Sent record carrying its seq is durable, so a seq
// the server has seen is always in the journal and is never reused for other
// content. Records are fsynced in batches: at most every 50 ms, at once when 64
// are waiting, and on flush() / close().
//
// The journal is an event log per doc (JournalRecord): the server text at a
// version (Base), then local edits, sends, collaborators' ops and acks in the
// order they happened. Replaying a doc's records through OtClient rebuilds its
// text, its version and its unacked ops with their original seqs, so a restarted
// client rejoins from that version and resends with the same clientId + seq (the
// server drops duplicates). compact() rewrites the journal as one Base plus the
// unacked ops per doc, dropping everything acked.
//
// On disk each record is [length: u32 LE][crc32 of payload: u32 LE][payload:
// compact JSON]. A torn or corrupt record (a crash mid-write) ends the journal:
// it and anything after it are dropped on open and the file is truncated there.
//
// When a write or an fsync fails (a full disk), the journal is "failed": nothing
// more is written to the file (it is cut back to its last whole record) and
// records are only counted, so nothing becomes durable. The caller then sends
// ops without waiting for durability (mayTransmit()): the server holds them
// durably, while holding them back would only keep them in memory longer. The
// journal retries by rewriting the whole journal from the snapshot source (every
// retryIntervalMs, and on appends at most every retryGapMs); once that works it
// is healthy again, everything appended is durable and writeRecovered() is emitted.
//
// Seqs handed out while failed have no durable Sent record, so a restart could
// hand them out again and the server would take a new op for a resend. Every
// open() therefore starts seqs seqMarginPerRun above what the journal records,
// and a failed journal lets at most that many seqs go out undurably.

#include "sync/client/journalrecord.h"
#include "sync/common/result.h"

#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QLockFile>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace coauthor::sync {

class Journal : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(Journal)

public:
    static constexpr int syncIntervalMs = 50;
    static constexpr int syncBatchRecords = 64;
    static constexpr int retryIntervalMs = 2000;
    static constexpr int retryGapMs = 500;
    static constexpr quint64 seqMarginPerRun = quint64(1) << 20;

    explicit Journal(QObject *parent = nullptr);
    ~Journal() override;

    // Opens or creates the journal in directory (e.g. "<project>/.coauthor"),
    // locking it against a second client on the same working copy, and reads
    // back every intact record.
    Result<void, QString> open(const QString &directory);
    bool isOpen() const { return m_file.isOpen(); }
    QString directory() const { return m_directory; }

    // Stable per working copy: generated on first open, kept in the journal.
    // A journal copied with its folder (another path or another machine than
    // it records) gets a new one, so that two working copies never share one;
    // its unacked edits are kept and sent under the new id.
    QString clientId() const { return m_clientId; }
    // The working copy this journal was copied from (empty when it was not).
    QString copiedFrom() const { return m_copiedFrom; }
    // Hands out the next per-client sequence number (monotonic across docs and
    // restarts; persisted by the Sent record that uses it).
    quint64 nextSequence() { return m_nextSeq++; }

    // Records read at open(), in journal order, without the Meta record and
    // without the records of docs forgotten later in the journal.
    const QList<JournalRecord> &recovered() const { return m_recovered; }
    // Bytes of a torn or corrupt tail dropped at open().
    qint64 droppedBytes() const { return m_droppedBytes; }

    // Appends a record (written to the OS at once, fsynced in a batch) and
    // returns its number; it is durable once durableCount() exceeds it.
    qint64 append(const JournalRecord &record);
    qint64 appendedCount() const { return m_appended; }
    qint64 durableCount() const { return m_durable; }
    bool isDurable(qint64 recordNumber) const { return recordNumber < m_durable; }
    // Whether an op whose Sent record is recordNumber, with seq, may go to the
    // server: once durable, or at once while the journal cannot be written.
    bool mayTransmit(qint64 recordNumber, quint64 seq) const;

    // False from a failed write or fsync until a rewrite of the journal works.
    bool isHealthy() const { return !m_failed; }
    // Why the journal cannot be written (the system's error text); empty when healthy.
    QString failureReason() const { return m_failureReason; }
    // What a retry rewrites the journal with (as for compact()); without one
    // the journal stays failed until compact() is called and succeeds.
    void setSnapshotSource(std::function<QList<JournalRecord>()> source) { m_snapshotSource = std::move(source); }

    // fsyncs everything appended so far, now.
    void flush();

    // Replaces the journal, atomically, with a Meta record followed by `state`
    // (which must hold everything still needed: a Base per doc and its unacked
    // ops). Record numbers continue; everything is durable afterwards, and a
    // failed journal is healthy again (writeRecovered()).
    Result<void, QString> compact(const QList<JournalRecord> &state);
    // Bytes appended since the last open() or compact().
    qint64 growthBytes() const { return m_growth; }

    // Flushes and releases the journal.
    void close();

Q_SIGNALS:
    // Every record numbered below count is on disk.
    void durable(qint64 count);
    // Writing failed (e.g. a full disk): edits from now on are not durable.
    // Emitted once per failure; message names the file and the system's error.
    void writeFailed(const QString &message);
    // The journal could be rewritten after a failure: everything is durable again.
    void writeRecovered();

private:
    static QByteArray frame(const QByteArray &payload);
    JournalRecord metaRecord() const;
    static QString machineId();
    bool writeFrame(const QByteArray &bytes);
    void scheduleSync();
    void fail(const QString &message, const QString &reason);
    void retry();

    QString m_directory;
    QFile m_file;
    std::unique_ptr<QLockFile> m_lock;
    QTimer m_syncTimer;
    QTimer m_retryTimer;
    QElapsedTimer m_sinceSync;
    QElapsedTimer m_sinceRetry;
    std::function<QList<JournalRecord>()> m_snapshotSource;
    QString m_clientId;
    QString m_copiedFrom;
    quint64 m_nextSeq = 1;
    QList<JournalRecord> m_recovered;
    qint64 m_droppedBytes = 0;
    qint64 m_appended = 0;
    qint64 m_durable = 0;
    qint64 m_growth = 0;
    qint64 m_intactSize = 0; // bytes of whole records in the file
    quint64 m_journaledSeq = 1; // every seq below it has a durable record
    bool m_failed = false;
    QString m_failureReason;
};

} // namespace coauthor::sync
