#include "sync/history/zipwriter.h"

#include <QSaveFile>

#include <zlib.h>

namespace coauthor::sync::history {

namespace {

void put16(QByteArray &out, quint32 v)
{
    out.append(char(v & 0xff));
    out.append(char((v >> 8) & 0xff));
}

void put32(QByteArray &out, quint32 v)
{
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

// Raw deflate (no zlib header), as zip's method 8 wants; empty when it fails.
QByteArray deflateRaw(const QByteArray &in)
{
    z_stream z = {};
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&z, uLong(in.size()))), Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    z.avail_in = uInt(in.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    const int done = deflate(&z, Z_FINISH);
    const qsizetype written = qsizetype(z.total_out);
    deflateEnd(&z);
    if (done != Z_STREAM_END)
        return {};
    out.truncate(written);
    return out;
}

constexpr quint16 Utf8Names = 0x0800;
constexpr quint16 VersionNeeded = 20;

} // namespace

ZipWriter::ZipWriter(QDateTime modified)
{
    // DOS time has 2 s steps and starts in 1980.
    const QDateTime t = modified.toUTC();
    const QDate d = t.date().year() < 1980 ? QDate(1980, 1, 1) : t.date();
    m_dosTime = quint16((t.time().hour() << 11) | (t.time().minute() << 5) | (t.time().second() / 2));
    m_dosDate = quint16(((d.year() - 1980) << 9) | (d.month() << 5) | d.day());
}

void ZipWriter::addFile(const QString &path, const QByteArray &content)
{
    Item item;
    item.path = path;
    item.size = content.size();
    item.crc = quint32(crc32(0L, reinterpret_cast<const Bytef *>(content.constData()), uInt(content.size())));
    const QByteArray deflated = content.isEmpty() ? QByteArray() : deflateRaw(content);
    item.deflated = !deflated.isEmpty() && deflated.size() < content.size();
    item.data = item.deflated ? deflated : content;
    m_items.append(item);
}

void ZipWriter::addFolder(const QString &path)
{
    Item item;
    item.path = path.endsWith(QLatin1Char('/')) ? path : path + QLatin1Char('/');
    item.folder = true;
    m_items.append(item);
}

Result<QByteArray, QString> ZipWriter::archive() const
{
    using R = Result<QByteArray, QString>;
    if (m_items.size() > 0xffff)
        return R::failure(QStringLiteral("%1 entries: a zip without ZIP64 holds at most 65,535").arg(m_items.size()));
    QByteArray out;
    QByteArray directory;
    for (const Item &item : m_items) {
        const QByteArray name = item.path.toUtf8();
        if (out.size() + item.data.size() + name.size() + 30 > qint64(0xffffffffLL) || item.size > qint64(0xffffffffLL))
            return R::failure(QStringLiteral("the project is larger than a zip without ZIP64 holds (4 GiB)"));
        const quint32 offset = quint32(out.size());
        const quint16 method = item.deflated ? 8 : 0;
        put32(out, 0x04034b50);
        put16(out, VersionNeeded);
        put16(out, Utf8Names);
        put16(out, method);
        put16(out, m_dosTime);
        put16(out, m_dosDate);
        put32(out, item.crc);
        put32(out, quint32(item.data.size()));
        put32(out, quint32(item.size));
        put16(out, quint16(name.size()));
        put16(out, 0);
        out.append(name);
        out.append(item.data);

        put32(directory, 0x02014b50);
        put16(directory, (3 << 8) | VersionNeeded); // made by Unix, so the mode below counts
        put16(directory, VersionNeeded);
        put16(directory, Utf8Names);
        put16(directory, method);
        put16(directory, m_dosTime);
        put16(directory, m_dosDate);
        put32(directory, item.crc);
        put32(directory, quint32(item.data.size()));
        put32(directory, quint32(item.size));
        put16(directory, quint16(name.size()));
        put16(directory, 0); // extra
        put16(directory, 0); // comment
        put16(directory, 0); // disk
        put16(directory, 0); // internal attributes
        put32(directory, item.folder ? ((040755u << 16) | 0x10) : (0100644u << 16));
        put32(directory, offset);
        directory.append(name);
    }
    const quint32 directoryOffset = quint32(out.size());
    out.append(directory);
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, quint16(m_items.size()));
    put16(out, quint16(m_items.size()));
    put32(out, quint32(directory.size()));
    put32(out, directoryOffset);
    put16(out, 0);
    return R::success(out);
}

Result<void, QString> ZipWriter::write(const QString &fileName) const
{
    using R = Result<void, QString>;
    auto bytes = archive();
    if (!bytes.ok())
        return R::failure(bytes.error());
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
        return R::failure(QStringLiteral("cannot write %1: %2").arg(fileName, file.errorString()));
    if (file.write(bytes.value()) != bytes.value().size() || !file.commit())
        return R::failure(QStringLiteral("cannot write %1: %2").arg(fileName, file.errorString()));
    return R::success();
}

} // namespace coauthor::sync::history
