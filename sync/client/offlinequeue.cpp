#include "sync/client/offlinequeue.h"

#include <QDir>
#include <QSaveFile>
#include <QSet>
#include <QUuid>
#include <QtEndian>

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

OfflineQueue::OfflineQueue(QObject *parent)
    : QObject(parent)
{
    m_syncTimer.setSingleShot(true);
    connect(&m_syncTimer, &QTimer::timeout, this, &OfflineQueue::flush);
}

OfflineQueue::~OfflineQueue()
{
    close();
}

ot::Result<void, QString> OfflineQueue::open(const QString &directory)
{
    using R = ot::Result<void, QString>;
    close();
    if (!QDir().mkpath(directory))
        return R::failure(tr("Cannot create %1").arg(directory));
    auto lock = std::make_unique<QLockFile>(directory + QStringLiteral("/journal.lock"));
    // A lock left by a crashed client (dead pid) is stale at once; a live
    // client's lock never is.
    lock->setStaleLockTime(std::numeric_limits<int>::max());
    if (!lock->tryLock(0))
        return R::failure(tr("The working copy %1 is in use by another client").arg(directory));

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
    m_nextSeq = 1;
    QSet<QString> forgotten;
    for (const JournalRecord &r : std::as_const(records)) {
        if (r.kind == JournalRecord::Kind::Meta) {
            if (!r.clientId.isEmpty())
                m_clientId = r.clientId;
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
    if (m_clientId.isEmpty())
        m_clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);

    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadWrite))
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
    m_failed = false;
    if (offset == 0 || m_droppedBytes > 0) {
        // A fresh journal starts with who we are; keep it durable from the start.
        if (offset == 0)
            writeFrame(frame(metaRecord().toJson()));
        ::fsync(m_file.handle());
    }
    m_sinceSync.start();
    return R::success();
}

JournalRecord OfflineQueue::metaRecord() const
{
    JournalRecord meta;
    meta.kind = JournalRecord::Kind::Meta;
    meta.clientId = m_clientId;
    meta.seq = m_nextSeq;
    return meta;
}

QByteArray OfflineQueue::frame(const QByteArray &payload)
{
    QByteArray out(headerSize, Qt::Uninitialized);
    qToLittleEndian<quint32>(quint32(payload.size()), out.data());
    qToLittleEndian<quint32>(crc32Of(payload), out.data() + 4);
    out += payload;
    return out;
}

bool OfflineQueue::writeFrame(const QByteArray &bytes)
{
    if (m_file.write(bytes) != bytes.size() || !m_file.flush()) {
        if (!m_failed) {
            m_failed = true;
            Q_EMIT writeFailed(tr("Cannot write the offline journal %1: %2").arg(m_file.fileName(), m_file.errorString()));
        }
        return false;
    }
    m_growth += bytes.size();
    return true;
}

qint64 OfflineQueue::append(const JournalRecord &record)
{
    const qint64 number = m_appended++;
    if (!m_file.isOpen())
        return number;
    writeFrame(frame(record.toJson()));
    scheduleSync();
    return number;
}

void OfflineQueue::scheduleSync()
{
    if (m_appended - m_durable >= syncBatchRecords) {
        flush();
        return;
    }
    if (m_syncTimer.isActive())
        return;
    m_syncTimer.start(int(qMax<qint64>(0, syncIntervalMs - m_sinceSync.elapsed())));
}

void OfflineQueue::flush()
{
    m_syncTimer.stop();
    if (!m_file.isOpen() || m_durable == m_appended)
        return;
    m_file.flush();
    if (::fdatasync(m_file.handle()) != 0) {
        if (!m_failed) {
            m_failed = true;
            Q_EMIT writeFailed(tr("Cannot sync the offline journal %1").arg(m_file.fileName()));
        }
        return;
    }
    m_sinceSync.restart();
    m_durable = m_appended;
    Q_EMIT durable(m_durable);
}

ot::Result<void, QString> OfflineQueue::compact(const QList<JournalRecord> &state)
{
    using R = ot::Result<void, QString>;
    if (!m_file.isOpen())
        return R::failure(tr("The offline journal is not open"));
    QSaveFile out(m_file.fileName());
    if (!out.open(QIODevice::WriteOnly))
        return R::failure(tr("Cannot rewrite %1: %2").arg(m_file.fileName(), out.errorString()));
    QByteArray bytes = frame(metaRecord().toJson());
    for (const JournalRecord &r : state)
        bytes += frame(r.toJson());
    out.write(bytes);
    // QSaveFile::commit() fsyncs the new file before renaming it over the old one.
    if (!out.commit())
        return R::failure(tr("Cannot rewrite %1: %2").arg(m_file.fileName(), out.errorString()));
    syncDirectory(m_directory);
    m_file.close();
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Append))
        return R::failure(tr("Cannot reopen %1: %2").arg(m_file.fileName(), m_file.errorString()));
    m_growth = 0;
    m_syncTimer.stop();
    m_durable = m_appended;
    m_sinceSync.restart();
    Q_EMIT durable(m_durable);
    return R::success();
}

void OfflineQueue::close()
{
    if (!m_file.isOpen())
        return;
    flush();
    m_file.close();
    m_lock.reset();
}

} // namespace coauthor::sync
