#include "app/history/zipwriter.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QtEndian>

#include <zlib.h>

namespace coauthor::app {

namespace {

void put16(QByteArray &out, quint16 v)
{
    char b[2];
    qToLittleEndian(v, b);
    out.append(b, 2);
}

void put32(QByteArray &out, quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}

// Raw deflate (no zlib header), as ZIP's method 8 wants.
std::optional<QByteArray> deflateRaw(const QByteArray &in)
{
    z_stream stream{};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return std::nullopt;
    QByteArray out(qsizetype(deflateBound(&stream, uLong(in.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    stream.avail_in = uInt(in.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int done = deflate(&stream, Z_FINISH);
    deflateEnd(&stream);
    if (done != Z_STREAM_END)
        return std::nullopt;
    out.truncate(qsizetype(stream.total_out));
    return out;
}

} // namespace

sync::Result<void, QString> ZipWriter::write(const QString &file, const QList<Entry> &entries, const QDateTime &modified)
{
    using R = sync::Result<void, QString>;
    const QDate d = modified.date();
    const QTime t = modified.time();
    const quint16 dosTime = quint16((t.hour() << 11) | (t.minute() << 5) | (t.second() / 2));
    const quint16 dosDate = quint16(((std::max(d.year(), 1980) - 1980) << 9) | (d.month() << 5) | d.day());
    constexpr quint16 utf8Names = 1 << 11;

    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return R::failure(out.errorString());
    QByteArray central;
    quint32 offset = 0;
    for (const Entry &entry : entries) {
        const QByteArray name = entry.path.toUtf8();
        const quint32 crc = quint32(crc32(0, reinterpret_cast<const Bytef *>(entry.content.constData()),
                                          uInt(entry.content.size())));
        const auto packed = deflateRaw(entry.content);
        if (!packed)
            return R::failure(QCoreApplication::translate("coauthor::app::ZipWriter", "Cannot compress %1.").arg(entry.path));
        // Stored when deflate does not help (images are compressed already).
        const bool stored = packed->size() >= entry.content.size();
        const QByteArray &data = stored ? entry.content : *packed;
        QByteArray header;
        put32(header, 0x04034b50);
        put16(header, 20);
        put16(header, utf8Names);
        put16(header, stored ? 0 : 8);
        put16(header, dosTime);
        put16(header, dosDate);
        put32(header, crc);
        put32(header, quint32(data.size()));
        put32(header, quint32(entry.content.size()));
        put16(header, quint16(name.size()));
        put16(header, 0);
        header += name;
        if (out.write(header) != header.size() || out.write(data) != data.size())
            return R::failure(out.errorString());

        put32(central, 0x02014b50);
        put16(central, 20 | (3 << 8)); // made by: Unix, so the permissions below are read
        put16(central, 20);
        put16(central, utf8Names);
        put16(central, stored ? 0 : 8);
        put16(central, dosTime);
        put16(central, dosDate);
        put32(central, crc);
        put32(central, quint32(data.size()));
        put32(central, quint32(entry.content.size()));
        put16(central, quint16(name.size()));
        put16(central, 0); // extra
        put16(central, 0); // comment
        put16(central, 0); // disk
        put16(central, 0); // internal attributes
        put32(central, quint32(0100644) << 16); // a regular file, rw-r--r--
        put32(central, offset);
        central += name;
        offset += quint32(header.size() + data.size());
    }
    QByteArray end;
    put32(end, 0x06054b50);
    put16(end, 0);
    put16(end, 0);
    put16(end, quint16(entries.size()));
    put16(end, quint16(entries.size()));
    put32(end, quint32(central.size()));
    put32(end, offset);
    put16(end, 0);
    if (out.write(central) != central.size() || out.write(end) != end.size())
        return R::failure(out.errorString());
    if (!out.commit())
        return R::failure(out.errorString());
    return R::success();
}

} // namespace coauthor::app
