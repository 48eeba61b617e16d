#include "trace.h"

#include "sync/ot/textbuffer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <zlib.h>

#include <algorithm>

namespace coauthor::bench {

namespace {

// Inflates a gzip stream (16 + MAX_WBITS makes zlib expect the gzip header).
bool gunzip(const QByteArray &in, QByteArray *out, QString *error)
{
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
        *error = QStringLiteral("zlib: inflateInit2 failed");
        return false;
    }
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    stream.avail_in = uInt(in.size());
    out->clear();
    int status = Z_OK;
    char chunk[1 << 16];
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) {
            *error = QStringLiteral("zlib: %1").arg(QString::fromUtf8(stream.msg ? stream.msg : "truncated or corrupt gzip data"));
            inflateEnd(&stream);
            return false;
        }
        out->append(chunk, qsizetype(sizeof chunk - stream.avail_out));
        if (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
            *error = QStringLiteral("zlib: truncated gzip data");
            inflateEnd(&stream);
            return false;
        }
    }
    inflateEnd(&stream);
    return true;
}

// Maps code point positions of the evolving document to UTF-16 positions by
// keeping the (sorted) code point positions of its non-BMP characters, which
// are the only ones that take two units.
class AstralIndex
{
public:
    qsizetype toUtf16(qsizetype codePoint) const
    {
        return codePoint + (std::lower_bound(m_positions.begin(), m_positions.end(), codePoint) - m_positions.begin());
    }

    void remove(qsizetype pos, qsizetype count)
    {
        auto first = std::lower_bound(m_positions.begin(), m_positions.end(), pos);
        auto last = std::lower_bound(first, m_positions.end(), pos + count);
        for (auto it = m_positions.erase(first, last); it != m_positions.end(); ++it)
            *it -= count;
    }

    // Inserts text at code point pos; returns its length in code points.
    qsizetype insert(qsizetype pos, const QString &text)
    {
        std::vector<qsizetype> added;
        qsizetype codePoints = 0;
        for (qsizetype i = 0; i < text.size(); ++i, ++codePoints) {
            if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                added.push_back(pos + codePoints);
                ++i;
            }
        }
        auto at = std::lower_bound(m_positions.begin(), m_positions.end(), pos);
        for (auto it = at; it != m_positions.end(); ++it)
            *it += codePoints;
        m_positions.insert(at, added.begin(), added.end());
        return codePoints;
    }

private:
    std::vector<qsizetype> m_positions;
};

} // namespace

sync::ot::TextOperation toOperation(const Patch &patch)
{
    using sync::ot::Component;
    QList<Component> components;
    if (!patch.deleted.isEmpty())
        components.append(Component::erase(patch.position, patch.deleted));
    if (!patch.inserted.isEmpty())
        components.append(Component::insert(patch.position, patch.inserted));
    return sync::ot::TextOperation(std::move(components));
}

bool Trace::load(const QString &path, Trace *trace, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray json;
    if (!gunzip(file.readAll(), &json, error))
        return false;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("%1: not a trace (%2)").arg(path, parseError.errorString());
        return false;
    }
    const QJsonObject root = document.object();
    if (!root.value(QLatin1String("startContent")).isString() || !root.value(QLatin1String("endContent")).isString()
        || !root.value(QLatin1String("txns")).isArray()) {
        *error = QStringLiteral("%1: not a trace (needs startContent, endContent and txns)").arg(path);
        return false;
    }
    trace->startContent = root.value(QLatin1String("startContent")).toString();
    trace->endContent = root.value(QLatin1String("endContent")).toString();
    trace->patches.clear();

    // The document is replayed once here (untimed) to convert positions and to
    // know the text each delete removes.
    sync::ot::TextBuffer document16(trace->startContent);
    AstralIndex astral;
    qsizetype codePoints = astral.insert(0, trace->startContent);

    const QJsonArray txns = root.value(QLatin1String("txns")).toArray();
    trace->patches.reserve(std::size_t(txns.size()));
    for (const QJsonValue &txn : txns) {
        const QJsonArray patches = txn.toObject().value(QLatin1String("patches")).toArray();
        for (const QJsonValue &value : patches) {
            const QJsonArray patch = value.toArray();
            const qsizetype pos = qsizetype(patch.at(0).toDouble(-1));
            const qsizetype deleteCount = qsizetype(patch.at(1).toDouble(-1));
            if (patch.size() != 3 || pos < 0 || deleteCount < 0 || pos + deleteCount > codePoints || !patch.at(2).isString()) {
                *error = QStringLiteral("%1: bad patch %2").arg(path).arg(trace->patches.size());
                return false;
            }
            Patch converted;
            converted.position = astral.toUtf16(pos);
            converted.sizeBefore = document16.size();
            converted.deleted = document16.mid(converted.position, astral.toUtf16(pos + deleteCount) - converted.position);
            converted.inserted = patch.at(2).toString();
            astral.remove(pos, deleteCount);
            codePoints += astral.insert(pos, converted.inserted) - deleteCount;
            if (!document16.apply(toOperation(converted))) {
                *error = QStringLiteral("%1: patch %2 does not apply").arg(path).arg(trace->patches.size());
                return false;
            }
            trace->patches.push_back(std::move(converted));
        }
    }
    return true;
}

} // namespace coauthor::bench
