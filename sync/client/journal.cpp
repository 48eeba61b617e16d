#include "sync/client/journal.h"

#include <QDir>
#include <QFileInfo>
#include <QSysInfo>
#include <QSaveFile>
#include <QSet>
#include <QUuid>
#include <QtEndian>

#include <cerrno>
#include <limits>

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

namespace coauthor::sync {

namespace {

constexpr qsizetype headerSize = 8;
// A single record never legitimately exceeds this (docs are at most a few MiB).
constexpr quint32 maxRecordSize = 256u * 1024u * 1024u;

quint32 crc32Of(const QByteArray &bytes)
{
    return quint32(::crc32(::crc32(0L, nullptr, 0), reinterpret_cast<const Bytef *>(bytes.constData()),
                           uInt(bytes.size())));
}

// fsync of the directory makes a rename inside it durable.
void syncDirectory(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

Journal::Journal(QObject *parent)
    : QObject(parent)
{
    m_syncTimer.setSingleShot(true);
    connect(&m_syncTimer, &QTimer::timeout, this, &Journal::flush);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Journal::retry);
}

Journal::~Journal()
{
    close();
}

Result<void, QString> Journal::open(const QString &directory)
{
    using R = Result<void, QString>;
    close();
    if (!QDir().mkpath(directory))
        return R::failure(tr("Cannot create %1").arg(directory));
    auto lock = std::make_unique<QLockFile>(directory + QStringLiteral("/journal.lock"));
    // A lock left by a crashed client (dead pid) is stale at once; a live
    // client's lock never is.
    lock->setStaleLockTime(std::numeric_limits<int>::max());
    if (!lock->tryLock(0))
        return R::failure(tr("The working copy %1 is in use by another Coauthor window or program").arg(directory));

    const QString path = directory + QStringLiteral("/journal");
    QFile in(path);
    QByteArray bytes;
    if (in.exists()) {
        if (!in.open(QIODevice::ReadOnly))
            return R::failure(tr("Cannot read %1: %2").arg(path, in.errorString()));
        bytes = in.readAll();
        in.close();
    }

    QList<JournalRecord> records;
    qsizetype offset = 0;
    while (offset + headerSize <= bytes.size()) {
        const quint32 length = qFromLittleEndian<quint32>(bytes.constData() + offset);
        const quint32 crc = qFromLittleEndian<quint32>(bytes.constData() + offset + 4);
        if (length > maxRecordSize || offset + headerSize + qsizetype(length) > bytes.size())
            break;
        const QByteArray payload = bytes.mid(offset + headerSize, length);
        if (crc32Of(payload) != crc)
            break;
        auto record = JournalRecord::fromJson(payload);
        if (!record)
            break;
        records.append(std::move(*record));
        offset += headerSize + length;
    }
    m_droppedBytes = bytes.size() - offset;

    m_clientId.clear();
    m_copiedFrom.clear();
    m_nextSeq = 1;
    QSet<QString> forgotten;
    const QString here = QFileInfo(directory).canonicalFilePath();
    for (const JournalRecord &r : std::as_const(records)) {
        if (r.kind == JournalRecord::Kind::Meta) {
            if (!r.clientId.isEmpty())
                m_clientId = r.clientId;
            // Journals written before paths were recorded carry none.
            const bool moved = !r.path.isEmpty() && r.path != here;
            const bool otherMachine = !r.machine.isEmpty() && r.machine != machineId();
            m_copiedFrom = moved || otherMachine ? r.path : QString();
            m_nextSeq = qMax(m_nextSeq, r.seq);
        } else if (r.kind == JournalRecord::Kind::Sent) {
            m_nextSeq = qMax(m_nextSeq, r.seq + 1);
        }
    }
    // Records of a doc before its Forget are history; a later Base starts it again.
    m_recovered.clear();
    for (qsizetype i = records.size() - 1; i >= 0; --i) {
        const JournalRecord &r = records.at(i);
        if (r.kind == JournalRecord::Kind::Meta)
            continue;
        if (r.kind == JournalRecord::Kind::Forget) {
            forgotten.insert(r.docId);
            continue;
        }
        if (!forgotten.contains(r.docId))
            m_recovered.prepend(r);
    }
    // A copy (or a move, which we cannot tell from one) must not share the
    // original's clientId: the server takes one clientId for one client.
    if (m_clientId.isEmpty() || !m_copiedFrom.isEmpty())
        m_clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    // The last run may have sent seqs it could not journal (a full disk).
    if (!records.isEmpty())
        m_nextSeq += seqMarginPerRun;
    m_journaledSeq = m_nextSeq;

    m_file.setFileName(path);
    // Unbuffered: a failed write must not stay in a buffer to be written later
    // behind records that follow it.
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered))
        return R::failure(tr("Cannot open %1: %2").arg(path, m_file.errorString()));
    // Cut a torn tail off so new records follow the last intact one.
    if (!m_file.resize(offset) || !m_file.seek(offset)) {
        m_file.close();
        return R::failure(tr("Cannot truncate %1: %2").arg(path, m_file.errorString()));
    }
    m_directory = directory;
    m_lock = std::move(lock);
    m_appended = 0;
    m_durable = 0;
    m_growth = 0;
    m_intactSize = offset;
    m_failed = false;
    m_failureReason.clear();
    m_sinceSync.start();
    if (offset == 0 || m_droppedBytes > 0 || !m_copiedFrom.isEmpty()) {
        // A fresh journal starts with who we are (a copied one says it anew);
        // keep it durable from the start.
        if (offset == 0 || !m_copiedFrom.isEmpty())
            writeFrame(frame(metaRecord().toJson()));
        if (!m_failed && ::fsync(m_file.handle()) != 0) {
            const QString reason = qt_error_string(errno);
            fail(tr("Cannot sync the offline journal %1: %2").arg(m_file.fileName(), reason), reason);
        }
    }
    return R::success();
}

QString Journal::machineId()
{
    return QString::fromLatin1(QSysInfo::machineUniqueId());
}

JournalRecord Journal::metaRecord() const
{
    JournalRecord meta;
    meta.kind = JournalRecord::Kind::Meta;
    meta.clientId = m_clientId;
    meta.seq = m_nextSeq;
    meta.path = QFileInfo(m_directory).canonicalFilePath();
    meta.machine = machineId();
    return meta;
}

QByteArray Journal::frame(const QByteArray &payload)
{
    QByteArray out(headerSize, Qt::Uninitialized);
    qToLittleEndian<quint32>(quint32(payload.size()), out.data());
    qToLittleEndian<quint32>(crc32Of(payload), out.data() + 4);
    out += payload;
    return out;
}

bool Journal::writeFrame(const QByteArray &bytes)
{
    if (m_failed)
        return false;
    // Straight to the descriptor (the file is unbuffered): a short write
    // leaves errno to say why, which QFile does not keep.
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(m_file.handle(), bytes.constData() + written, size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const QString reason = n < 0 ? qt_error_string(errno) : qt_error_string(ENOSPC);
            fail(tr("Cannot write the offline journal %1: %2").arg(m_file.fileName(), reason), reason);
            return false;
        }
        written += n;
    }
    m_intactSize += bytes.size();
    m_growth += bytes.size();
    return true;
}

void Journal::fail(const QString &message, const QString &reason)
{
    if (m_failed)
        return;
    m_failed = true;
    m_failureReason = reason;
    m_syncTimer.stop();
    // Cut a partly written record off so that the file ends on a whole one
    // (open() would drop it anyway; shrinking works on a full disk).
    m_file.resize(m_intactSize);
    m_sinceRetry.start();
    m_retryTimer.start(retryIntervalMs);
    Q_EMIT writeFailed(message);
}

void Journal::retry()
{
    if (!m_failed || !m_file.isOpen())
        return;
    m_sinceRetry.restart();
    // Only a whole rewrite can make the records since the failure durable.
    if (!m_snapshotSource || !compact(m_snapshotSource()).ok())
        m_retryTimer.start(retryIntervalMs);
}

bool Journal::mayTransmit(qint64 recordNumber, quint64 seq) const
{
    // While failed, the server is the only durable place for a new edit; the
    // seq bound keeps a restart from reusing a seq the server has seen.
    return isDurable(recordNumber) || (m_failed && seq < m_journaledSeq + seqMarginPerRun);
}

qint64 Journal::append(const JournalRecord &record)
{
    const qint64 number = m_appended++;
    if (!m_file.isOpen())
        return number;
    if (m_failed) {
        // Retry from the event loop, not here: the caller is between records
        // (e.g. a Local and its Sent) and its snapshot would not match them.
        if (m_sinceRetry.elapsed() >= retryGapMs && m_retryTimer.remainingTime() > 0)
            m_retryTimer.start(0);
        return number;
    }
    if (writeFrame(frame(record.toJson())))
        scheduleSync();
    return number;
}

void Journal::scheduleSync()
{
    if (m_appended - m_durable >= syncBatchRecords) {
        flush();
        return;
    }
    if (m_syncTimer.isActive())
        return;
    m_syncTimer.start(int(qMax<qint64>(0, syncIntervalMs - m_sinceSync.elapsed())));
}

void Journal::flush()
{
    m_syncTimer.stop();
    if (!m_file.isOpen() || m_failed || m_durable == m_appended)
        return;
    if (::fdatasync(m_file.handle()) != 0) {
        const QString reason = qt_error_string(errno);
        fail(tr("Cannot sync the offline journal %1: %2").arg(m_file.fileName(), reason), reason);
        return;
    }
    m_sinceSync.restart();
    // Every seq handed out so far has its Sent record in what was just synced.
    m_journaledSeq = m_nextSeq;
    m_durable = m_appended;
    Q_EMIT durable(m_durable);
}

Result<void, QString> Journal::compact(const QList<JournalRecord> &state)
{
    using R = Result<void, QString>;
    if (!m_file.isOpen())
        return R::failure(tr("The offline journal is not open"));
    QSaveFile out(m_file.fileName());
    // Unbuffered, so that a short write (a full disk) shows in write()'s
    // result: commit() alone does not see one and would rename a cut file.
    if (!out.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return R::failure(tr("Cannot rewrite %1: %2").arg(m_file.fileName(), out.errorString()));
    QByteArray bytes = frame(metaRecord().toJson());
    for (const JournalRecord &r : state)
        bytes += frame(r.toJson());
    if (out.write(bytes) != bytes.size()) {
        // A short write sets no error on the file; errno says why.
        const QString reason = out.error() != QFileDevice::NoError ? out.errorString() : qt_error_string(errno);
        out.cancelWriting();
        return R::failure(tr("Cannot rewrite %1: %2").arg(m_file.fileName(), reason));
    }
    // QSaveFile::commit() fsyncs the new file before renaming it over the old one.
    if (!out.commit())
        return R::failure(tr("Cannot rewrite %1: %2").arg(m_file.fileName(), out.errorString()));
    syncDirectory(m_directory);
    m_file.close();
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Append | QIODevice::Unbuffered))
        return R::failure(tr("Cannot reopen %1: %2").arg(m_file.fileName(), m_file.errorString()));
    m_growth = 0;
    m_intactSize = bytes.size();
    m_syncTimer.stop();
    m_retryTimer.stop();
    m_journaledSeq = m_nextSeq;
    m_durable = m_appended;
    m_sinceSync.restart();
    const bool wasFailed = m_failed;
    m_failed = false;
    m_failureReason.clear();
    Q_EMIT durable(m_durable);
    if (wasFailed)
        Q_EMIT writeRecovered();
    return R::success();
}

void Journal::close()
{
    if (!m_file.isOpen())
        return;
    flush();
    m_retryTimer.stop();
    m_file.close();
    m_lock.reset();
}

} // namespace coauthor::sync
