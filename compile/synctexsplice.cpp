#include "compile/synctexsplice.h"

#include <QFile>
#include <QHash>
#include <QMap>
#include <QSet>

#include <zlib.h>

namespace coauthor::compile {

namespace {

// A .synctex file as lines (each with its "\n"), the sheets found in it and its inputs.
struct SyncTexFile
{
    QByteArray text;
    QList<QByteArrayView> lines;
    qsizetype contentLine = -1;   // the "Content:" line
    qsizetype postambleLine = -1; // the "Postamble:" line
    struct Sheet
    {
        qsizetype first, last; // the "{N" and "}N" lines
    };
    QMap<int, Sheet> sheets;           // by page (1-based)
    QHash<int, QByteArray> inputPaths; // tag -> path
    int highestTag = 0;
};

bool gunzip(const QByteArray &compressed, QByteArray *out)
{
    z_stream stream{};
    // 16 + MAX_WBITS: a gzip wrapper, as TeX writes .synctex.gz.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return false;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    stream.avail_in = uInt(compressed.size());
    out->resize(qMax<qsizetype>(compressed.size() * 8, 1 << 16));
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        if (qsizetype(stream.total_out) == out->size())
            out->resize(out->size() * 2);
        stream.next_out = reinterpret_cast<Bytef *>(out->data() + stream.total_out);
        stream.avail_out = uInt(out->size() - qsizetype(stream.total_out));
        status = inflate(&stream, Z_NO_FLUSH);
        if (status == Z_STREAM_END && stream.avail_in > 0) // another gzip member follows
            status = inflateReset(&stream);
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
            break;
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            break; // truncated
    }
    out->resize(qsizetype(stream.total_out));
    inflateEnd(&stream);
    return status == Z_STREAM_END;
}

QByteArray gzip(const QByteArray &data)
{
    z_stream stream{};
    // Z_BEST_SPEED: the splice is on the path of every fast recompile; the file is a
    // temporary index, a few percent larger does not matter.
    deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

int number(QByteArrayView digits)
{
    bool ok = false;
    const int value = digits.toInt(&ok);
    return ok ? value : -1;
}

bool load(const QString &path, SyncTexFile *file, QString *error)
{
    QFile input(path);
    if (!input.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read the SyncTeX file %1: %2.").arg(path, input.errorString());
        return false;
    }
    const QByteArray raw = input.read(input.size()); // one allocation, unlike readAll()
    // .synctex.gz as TeX writes it, or a plain .synctex (-synctex=-1).
    if (raw.startsWith("\x1f\x8b")) {
        if (!gunzip(raw, &file->text)) {
            *error = QStringLiteral("The SyncTeX file %1 is not a complete gzip file.").arg(path);
            return false;
        }
    } else {
        file->text = raw;
    }
    if (!file->text.startsWith("SyncTeX Version:") || !file->text.endsWith('\n')) {
        *error = QStringLiteral("%1 is not a SyncTeX file.").arg(path);
        return false;
    }
    const QByteArrayView text(file->text);
    for (qsizetype start = 0; start < text.size();) {
        const qsizetype end = text.indexOf('\n', start) + 1;
        file->lines.append(text.sliced(start, end - start));
        start = end;
    }
    int openSheet = -1;
    for (qsizetype i = 0; i < file->lines.size(); ++i) {
        const QByteArrayView line = file->lines[i].chopped(1);
        if (line.startsWith("Input:")) {
            const qsizetype colon = line.indexOf(':', 6);
            const int tag = colon > 6 ? number(line.sliced(6, colon - 6)) : -1;
            if (tag > 0) {
                file->inputPaths.insert(tag, line.sliced(colon + 1).toByteArray());
                file->highestTag = qMax(file->highestTag, tag);
            }
        } else if (line == "Content:") {
            file->contentLine = i;
        } else if (line == "Postamble:") {
            file->postambleLine = i;
        } else if (file->contentLine >= 0 && file->postambleLine < 0 && line.startsWith('{')) {
            openSheet = number(line.sliced(1));
            if (openSheet < 1 || file->sheets.contains(openSheet))
                break;
            file->sheets.insert(openSheet, {i, -1});
        } else if (openSheet > 0 && line.startsWith('}')) {
            if (number(line.sliced(1)) != openSheet)
                break;
            file->sheets[openSheet].last = i;
            openSheet = -1;
        }
    }
    const bool complete = file->contentLine >= 0 && file->postambleLine > file->contentLine && openSheet < 0
        && std::all_of(file->sheets.cbegin(), file->sheets.cend(), [](const SyncTexFile::Sheet &s) { return s.last > s.first; });
    if (!complete) {
        *error = QStringLiteral("The SyncTeX file %1 is incomplete or malformed.").arg(path);
        return false;
    }
    return true;
}

// The settings both files must share for the part's coordinates to mean the same in the base.
QList<QByteArrayView> settings(const SyncTexFile &file)
{
    QList<QByteArrayView> lines;
    for (qsizetype i = 0; i < file.contentLine; ++i) {
        if (!file.lines[i].startsWith("Input:"))
            lines.append(file.lines[i]);
    }
    return lines;
}

// The records that count in the postamble's "Count:" (TeX counts each record it writes
// but not "x" records, inputs or the text before "Content:").
// withForms false: as written by the splice, without form references.
qsizetype countedRecords(const SyncTexFile &file, const SyncTexFile::Sheet &sheet, bool withForms)
{
    qsizetype count = 0;
    for (qsizetype i = sheet.first; i <= sheet.last; ++i) {
        const QByteArrayView line = file.lines[i];
        if (!line.startsWith('x') && !line.startsWith("Input:") && !line.startsWith('!')
            && (withForms || !line.startsWith('f')))
            ++count;
    }
    return count;
}

// Writes lines, recomputing every "!" anchor as TeX does: the bytes written since the
// previous anchor, that anchor's own line included.
class Writer
{
public:
    void line(QByteArrayView text)
    {
        if (text.startsWith('!')) {
            const QByteArray anchor = '!' + QByteArray::number(m_sinceAnchor) + '\n';
            m_out += anchor;
            m_sinceAnchor = anchor.size();
            return;
        }
        m_out += text;
        m_sinceAnchor += text.size();
    }
    QByteArray &result() { return m_out; }

private:
    QByteArray m_out;
    qsizetype m_sinceAnchor = 0;
};

// A record line of the partial build with its input tag moved to the base's numbering.
// Records with a tag: "[(vhkg$xr" then "tag,line:...". Form references ("f") and form
// bounds ("<", ">") carry form numbers, not inputs.
QByteArray retagged(QByteArrayView line, const QHash<int, int> &tags)
{
    static const QByteArrayView tagged("[(vhkg$xr");
    if (line.size() < 3 || !tagged.contains(line[0]))
        return line.toByteArray();
    const qsizetype comma = line.indexOf(',');
    const int tag = comma > 1 ? number(line.sliced(1, comma - 1)) : -1;
    const auto it = tags.constFind(tag);
    if (it == tags.constEnd())
        return line.toByteArray();
    return line.first(1).toByteArray() + QByteArray::number(*it) + line.sliced(comma).toByteArray();
}

} // namespace

std::optional<QByteArray> spliceSyncTex(const QString &baseSyncTex, const QString &partSyncTex,
                                        const QList<int> &partToBasePage, const QList<int> &replacingPartPages,
                                        QString *error)
{
    SyncTexFile base, part;
    if (!load(baseSyncTex, &base, error) || !load(partSyncTex, &part, error))
        return std::nullopt;
    if (settings(base) != settings(part)) {
        *error = QStringLiteral("The SyncTeX files of the two builds have different settings (unit, magnification or offsets).");
        return std::nullopt;
    }
    if (part.sheets.size() != partToBasePage.size()) {
        *error = QStringLiteral("The partial build's SyncTeX has %1 pages but its page map lists %2.")
                     .arg(part.sheets.size())
                     .arg(partToBasePage.size());
        return std::nullopt;
    }
    for (int basePage : partToBasePage) {
        if (!base.sheets.contains(basePage)) {
            *error = QStringLiteral("The complete build's SyncTeX has no page %1 (it has %2).")
                         .arg(basePage)
                         .arg(base.sheets.size());
            return std::nullopt;
        }
    }
    // base page -> the part's page that replaces it
    QHash<int, int> replacement;
    for (int page : replacingPartPages) {
        const int basePage = page >= 1 && page <= partToBasePage.size() ? partToBasePage[page - 1] : -1;
        if (!part.sheets.contains(page) || !base.sheets.contains(basePage)) {
            *error = QStringLiteral("Page %1 of the partial build or its counterpart %2 has no SyncTeX records.")
                         .arg(page)
                         .arg(basePage);
            return std::nullopt;
        }
        replacement.insert(basePage, page);
    }

    // The part's inputs under the base's tags, by path; inputs the base lacks get new tags,
    // declared before the first sheet taken from the part.
    QHash<QByteArray, int> baseTags;
    for (auto it = base.inputPaths.cbegin(); it != base.inputPaths.cend(); ++it)
        baseTags.insert(*it, it.key());
    QHash<int, int> tags;
    QByteArray newInputs;
    int nextTag = base.highestTag;
    for (auto it = part.inputPaths.cbegin(); it != part.inputPaths.cend(); ++it) {
        int tag = baseTags.value(*it);
        if (tag == 0) {
            tag = ++nextTag;
            baseTags.insert(*it, tag);
            newInputs += "Input:" + QByteArray::number(tag) + ':' + *it + '\n';
        }
        tags.insert(it.key(), tag);
    }

    qsizetype count = -1;
    for (qsizetype i = base.postambleLine; i < base.lines.size(); ++i) {
        if (base.lines[i].startsWith("Count:"))
            count = number(base.lines[i].sliced(6).chopped(1));
    }
    Writer out;
    out.result().reserve(base.text.size() + part.text.size());
    for (qsizetype i = 0; i < base.lines.size(); ++i) {
        const QByteArrayView line = base.lines[i];
        const auto sheet = line.startsWith('{') && i > base.contentLine && i < base.postambleLine
            ? base.sheets.constFind(number(line.sliced(1).chopped(1)))
            : base.sheets.constEnd();
        if (sheet != base.sheets.constEnd() && replacement.contains(sheet.key())) {
            const int basePage = sheet.key();
            const SyncTexFile::Sheet taken = part.sheets.value(replacement.value(basePage));
            if (!newInputs.isEmpty()) {
                // Between sheets, where TeX writes the inputs it opens; anchors count them.
                out.line(newInputs);
                newInputs.clear();
            }
            out.line(QByteArray('{' + QByteArray::number(basePage) + '\n'));
            for (qsizetype j = taken.first + 1; j < taken.last; ++j) {
                // A form reference names a form of the partial build, which the base
                // numbers otherwise: without it the form's content has no sync, never a wrong
                // one. The part's inputs are all declared above under the base's tags.
                if (!part.lines[j].startsWith('f') && !part.lines[j].startsWith("Input:"))
                    out.line(retagged(part.lines[j], tags));
            }
            out.line(QByteArray('}' + QByteArray::number(basePage) + '\n'));
            // An input TeX happened to open while shipping the replaced page out stays declared.
            for (qsizetype j = sheet->first; j <= sheet->last; ++j) {
                if (base.lines[j].startsWith("Input:"))
                    out.line(base.lines[j]);
            }
            if (count >= 0)
                count += countedRecords(part, taken, false) - countedRecords(base, sheet.value(), true);
            i = sheet->last;
            continue;
        }
        if (line.startsWith("Count:") && i > base.postambleLine && count >= 0)
            out.line(QByteArray("Count:" + QByteArray::number(count) + '\n'));
        else
            out.line(line);
    }
    return gzip(out.result());
}

} // namespace coauthor::compile
