#include "sync/protocol/historywire_p.h"

#include <QJsonArray>

namespace coauthor::sync::detail {

namespace {

using namespace coauthor::sync::history;

QString entryKindName(TreeEntry::Kind kind)
{
    return kindName(kind);
}

TreeEntry::Kind entryKindFrom(const QString &name)
{
    if (name == QLatin1String("file"))
        return TreeEntry::Kind::File;
    if (name == QLatin1String("folder"))
        return TreeEntry::Kind::Folder;
    return TreeEntry::Kind::Doc;
}

QJsonObject authorJson(const Author &a)
{
    return QJsonObject{{QStringLiteral("id"), a.memberId}, {QStringLiteral("name"), a.name}};
}

QJsonArray authorsJson(const QList<Author> &authors)
{
    QJsonArray out;
    for (const Author &a : authors)
        out.append(authorJson(a));
    return out;
}

QJsonArray versionsJson(const QList<qint64> &versions)
{
    QJsonArray out;
    for (qint64 v : versions)
        out.append(double(v));
    return out;
}

QJsonObject changeJson(const Change &c)
{
    QJsonArray files;
    for (const FileChange &f : c.files) {
        QJsonArray kinds;
        for (FileChange::Kind k : f.kinds)
            kinds.append(kindName(k));
        QJsonObject file{{QStringLiteral("entry"), f.entryId},
                         {QStringLiteral("kind"), entryKindName(f.entryKind)},
                         {QStringLiteral("path"), f.path},
                         {QStringLiteral("changes"), kinds},
                         {QStringLiteral("docFrom"), double(f.docVersionFrom)},
                         {QStringLiteral("docTo"), double(f.docVersionTo)},
                         {QStringLiteral("added"), double(f.wordsAdded)},
                         {QStringLiteral("removed"), double(f.wordsRemoved)}};
        if (!f.oldPath.isEmpty())
            file.insert(QLatin1String("oldPath"), f.oldPath);
        if (!f.sha256.isEmpty()) {
            file.insert(QLatin1String("sha256"), QString::fromLatin1(f.sha256));
            file.insert(QLatin1String("size"), double(f.size));
        }
        files.append(file);
    }
    return QJsonObject{{QStringLiteral("id"), double(c.id)},
                       {QStringLiteral("from"), double(c.fromVersion)},
                       {QStringLiteral("to"), double(c.toVersion)},
                       {QStringLiteral("start"), double(c.startedAt)},
                       {QStringLiteral("end"), double(c.endedAt)},
                       {QStringLiteral("authors"), authorsJson(c.authors)},
                       {QStringLiteral("files"), files}};
}

QJsonObject labelJson(const Label &l)
{
    return QJsonObject{{QStringLiteral("id"), double(l.id)},
                       {QStringLiteral("name"), l.name},
                       {QStringLiteral("version"), double(l.version)},
                       {QStringLiteral("time"), double(l.createdAt)},
                       {QStringLiteral("author"), authorJson(l.author)}};
}

// Reads each object of array with read(reader) until one fails.
template <typename T, typename F>
QList<T> readList(FieldReader &outer, const QJsonArray &array, ProtocolError &error, const QString &what, F read)
{
    QList<T> out;
    for (const QJsonValue &v : array) {
        if (outer.failed())
            break;
        if (!v.isObject()) {
            outer.fail(QStringLiteral("wrong_type"), QStringLiteral("%1 must be an object").arg(what));
            break;
        }
        const QJsonObject object = v.toObject();
        FieldReader r(object, error);
        out.append(read(r));
        if (r.failed())
            break;
    }
    return out;
}

Author readAuthor(FieldReader &outer, const QString &key, ProtocolError &error)
{
    const auto object = outer.optionalObject(key);
    if (!object) {
        if (!outer.failed())
            outer.fail(QStringLiteral("missing_field"), QStringLiteral("\"%1\" is required").arg(key));
        return {};
    }
    FieldReader r(*object, error);
    return Author{r.string(QStringLiteral("id"), -1, true), r.string(QStringLiteral("name"), -1, true)};
}

QList<Author> readAuthors(FieldReader &r, ProtocolError &error)
{
    return readList<Author>(r, r.array(QStringLiteral("authors")), error, QStringLiteral("an author"), [](FieldReader &a) {
        return Author{a.string(QStringLiteral("id"), -1, true), a.string(QStringLiteral("name"), -1, true)};
    });
}

QList<qint64> readVersions(FieldReader &r, const QString &key)
{
    QList<qint64> out;
    for (const QJsonValue &v : r.array(key)) {
        if (!v.isDouble() || v.toDouble() < 0) {
            r.fail(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" must hold versions").arg(key));
            break;
        }
        out.append(qint64(v.toDouble()));
    }
    return out;
}

FileChange::Kind fileKindFrom(const QString &name)
{
    for (FileChange::Kind k : {FileChange::Kind::Edited, FileChange::Kind::Created, FileChange::Kind::Renamed,
                               FileChange::Kind::Deleted, FileChange::Kind::FileVersion}) {
        if (kindName(k) == name)
            return k;
    }
    return FileChange::Kind::Edited;
}

Label readLabel(FieldReader &r, ProtocolError &error)
{
    Label l;
    l.id = r.integer(QStringLiteral("id"));
    l.name = r.string(QStringLiteral("name"), -1, true);
    l.version = r.integer(QStringLiteral("version"));
    l.createdAt = r.integer(QStringLiteral("time"));
    l.author = readAuthor(r, QStringLiteral("author"), error);
    return l;
}

} // namespace

void writeHistory(QJsonObject &o, const wire::HistoryChanges &m)
{
    QJsonArray changes;
    for (const Change &c : m.page.changes)
        changes.append(changeJson(c));
    o.insert(QLatin1String("changes"), changes);
    o.insert(QLatin1String("nextBefore"), double(m.page.nextBefore));
    o.insert(QLatin1String("currentVersion"), double(m.page.currentVersion));
}

void writeHistory(QJsonObject &o, const wire::HistoryText &m)
{
    o.insert(QLatin1String("path"), m.path);
    o.insert(QLatin1String("version"), double(m.version));
    o.insert(QLatin1String("text"), m.text);
}

void writeHistory(QJsonObject &o, const wire::HistoryDiff &m)
{
    const Diff &d = m.diff;
    o.insert(QLatin1String("path"), d.path);
    o.insert(QLatin1String("entry"), d.entryId);
    o.insert(QLatin1String("from"), double(d.fromVersion));
    o.insert(QLatin1String("to"), double(d.toVersion));
    if (d.binary) {
        o.insert(QLatin1String("binary"), true);
        o.insert(QLatin1String("sha256From"), QString::fromLatin1(d.sha256From));
        o.insert(QLatin1String("sha256To"), QString::fromLatin1(d.sha256To));
    }
    QJsonArray segments;
    for (const DiffSegment &s : d.segments) {
        QJsonObject segment{{QStringLiteral("k"), segmentKindName(s.kind)}, {QStringLiteral("t"), s.text}};
        if (!s.memberId.isEmpty())
            segment.insert(QLatin1String("a"), s.memberId);
        segments.append(segment);
    }
    o.insert(QLatin1String("segments"), segments);
    o.insert(QLatin1String("authors"), authorsJson(d.authors));
    if (d.truncated)
        o.insert(QLatin1String("truncated"), true);
}

void writeHistory(QJsonObject &o, const wire::HistoryTree &m)
{
    QJsonArray entries;
    for (const VersionEntry &e : m.tree.entries) {
        QJsonObject entry{{QStringLiteral("id"), e.entryId},
                          {QStringLiteral("path"), e.path},
                          {QStringLiteral("kind"), entryKindName(e.kind)}};
        if (e.kind == TreeEntry::Kind::Doc)
            entry.insert(QLatin1String("docVersion"), double(e.docVersion));
        if (e.kind == TreeEntry::Kind::File) {
            entry.insert(QLatin1String("sha256"), QString::fromLatin1(e.sha256));
            entry.insert(QLatin1String("size"), double(e.size));
        }
        entries.append(entry);
    }
    o.insert(QLatin1String("version"), double(m.tree.version));
    o.insert(QLatin1String("entries"), entries);
}

void writeHistory(QJsonObject &o, const wire::HistoryFile &m)
{
    o.insert(QLatin1String("sha256"), m.sha256);
    o.insert(QLatin1String("size"), double(m.data.size()));
    o.insert(QLatin1String("data"), QString::fromLatin1(m.data.toBase64()));
}

void writeHistory(QJsonObject &o, const wire::HistorySearch &m)
{
    QJsonArray hits;
    for (const SearchHit &h : m.result.hits)
        hits.append(QJsonObject{{QStringLiteral("entry"), h.entryId},
                                {QStringLiteral("path"), h.path},
                                {QStringLiteral("appears"), versionsJson(h.appearsAt)},
                                {QStringLiteral("disappears"), versionsJson(h.disappearsAt)},
                                {QStringLiteral("present"), h.presentNow},
                                {QStringLiteral("context"), h.context}});
    o.insert(QLatin1String("hits"), hits);
    if (m.result.truncated)
        o.insert(QLatin1String("truncated"), true);
}

void writeHistory(QJsonObject &o, const wire::HistoryLabels &m)
{
    QJsonArray labels;
    for (const Label &l : m.labels)
        labels.append(labelJson(l));
    o.insert(QLatin1String("labels"), labels);
}

void writeHistory(QJsonObject &o, const wire::HistoryLabel &m)
{
    o.insert(QLatin1String("label"), labelJson(m.label));
}

wire::HistoryChanges readHistoryChanges(FieldReader &r, ProtocolError &error)
{
    wire::HistoryChanges m;
    m.page.nextBefore = r.integer(QStringLiteral("nextBefore"));
    m.page.currentVersion = r.integer(QStringLiteral("currentVersion"));
    m.page.changes = readList<Change>(r, r.array(QStringLiteral("changes")), error, QStringLiteral("a change"), [&](FieldReader &c) {
        Change change;
        change.id = c.integer(QStringLiteral("id"));
        change.fromVersion = c.integer(QStringLiteral("from"));
        change.toVersion = c.integer(QStringLiteral("to"));
        change.startedAt = c.integer(QStringLiteral("start"));
        change.endedAt = c.integer(QStringLiteral("end"));
        change.authors = readAuthors(c, error);
        change.files = readList<FileChange>(c, c.array(QStringLiteral("files")), error, QStringLiteral("a file of a change"),
                                            [](FieldReader &f) {
                                                FileChange file;
                                                file.entryId = f.string(QStringLiteral("entry"));
                                                file.entryKind = entryKindFrom(f.string(QStringLiteral("kind")));
                                                file.path = f.string(QStringLiteral("path"));
                                                file.oldPath = f.optionalString(QStringLiteral("oldPath")).value_or(QString());
                                                for (const QJsonValue &k : f.array(QStringLiteral("changes")))
                                                    file.kinds.append(fileKindFrom(k.toString()));
                                                file.docVersionFrom = f.integer(QStringLiteral("docFrom"));
                                                file.docVersionTo = f.integer(QStringLiteral("docTo"));
                                                file.sha256 = f.optionalString(QStringLiteral("sha256"), 64).value_or(QString()).toLatin1();
                                                file.size = f.optionalInteger(QStringLiteral("size")).value_or(0);
                                                file.wordsAdded = f.integer(QStringLiteral("added"));
                                                file.wordsRemoved = f.integer(QStringLiteral("removed"));
                                                return file;
                                            });
        return change;
    });
    return m;
}

wire::HistoryText readHistoryText(FieldReader &r)
{
    wire::HistoryText m;
    m.path = r.string(QStringLiteral("path"));
    m.version = r.integer(QStringLiteral("version"));
    m.text = r.string(QStringLiteral("text"), -1, true);
    return m;
}

wire::HistoryDiff readHistoryDiff(FieldReader &r, ProtocolError &error)
{
    wire::HistoryDiff m;
    Diff &d = m.diff;
    d.path = r.string(QStringLiteral("path"));
    d.entryId = r.string(QStringLiteral("entry"));
    d.fromVersion = r.integer(QStringLiteral("from"));
    d.toVersion = r.integer(QStringLiteral("to"));
    d.binary = r.optionalBool(QStringLiteral("binary")).value_or(false);
    d.sha256From = r.optionalString(QStringLiteral("sha256From"), 64).value_or(QString()).toLatin1();
    d.sha256To = r.optionalString(QStringLiteral("sha256To"), 64).value_or(QString()).toLatin1();
    d.truncated = r.optionalBool(QStringLiteral("truncated")).value_or(false);
    d.segments = readList<DiffSegment>(r, r.array(QStringLiteral("segments")), error, QStringLiteral("a segment"), [](FieldReader &s) {
        DiffSegment segment;
        const QString kind = s.string(QStringLiteral("k"));
        segment.kind = kind == QLatin1String("inserted")  ? DiffSegment::Kind::Inserted
                       : kind == QLatin1String("deleted") ? DiffSegment::Kind::Deleted
                                                          : DiffSegment::Kind::Same;
        segment.text = s.string(QStringLiteral("t"), -1, true);
        segment.memberId = s.optionalString(QStringLiteral("a")).value_or(QString());
        return segment;
    });
    d.authors = readAuthors(r, error);
    return m;
}

wire::HistoryTree readHistoryTree(FieldReader &r, ProtocolError &error)
{
    wire::HistoryTree m;
    m.tree.version = r.integer(QStringLiteral("version"));
    m.tree.entries = readList<VersionEntry>(r, r.array(QStringLiteral("entries")), error, QStringLiteral("an entry"), [](FieldReader &e) {
        VersionEntry entry;
        entry.entryId = e.string(QStringLiteral("id"));
        entry.path = e.string(QStringLiteral("path"));
        entry.kind = entryKindFrom(e.string(QStringLiteral("kind")));
        entry.docVersion = e.optionalInteger(QStringLiteral("docVersion")).value_or(0);
        entry.sha256 = e.optionalString(QStringLiteral("sha256"), 64).value_or(QString()).toLatin1();
        entry.size = e.optionalInteger(QStringLiteral("size")).value_or(0);
        return entry;
    });
    return m;
}

wire::HistoryFile readHistoryFile(FieldReader &r)
{
    wire::HistoryFile m;
    m.sha256 = r.string(QStringLiteral("sha256"), 64);
    const QString data = r.string(QStringLiteral("data"), -1, true);
    if (r.failed())
        return m;
    auto decoded = QByteArray::fromBase64Encoding(data.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        r.fail(QStringLiteral("wrong_type"), QStringLiteral("\"data\" must be base64"));
    else
        m.data = std::move(decoded.decoded);
    return m;
}

wire::HistorySearch readHistorySearch(FieldReader &r, ProtocolError &error)
{
    wire::HistorySearch m;
    m.result.truncated = r.optionalBool(QStringLiteral("truncated")).value_or(false);
    m.result.hits = readList<SearchHit>(r, r.array(QStringLiteral("hits")), error, QStringLiteral("a hit"), [](FieldReader &h) {
        SearchHit hit;
        hit.entryId = h.string(QStringLiteral("entry"));
        hit.path = h.string(QStringLiteral("path"), -1, true);
        hit.appearsAt = readVersions(h, QStringLiteral("appears"));
        hit.disappearsAt = readVersions(h, QStringLiteral("disappears"));
        hit.presentNow = h.optionalBool(QStringLiteral("present")).value_or(false);
        hit.context = h.optionalString(QStringLiteral("context")).value_or(QString());
        return hit;
    });
    return m;
}

wire::HistoryLabels readHistoryLabels(FieldReader &r, ProtocolError &error)
{
    wire::HistoryLabels m;
    m.labels = readList<Label>(r, r.array(QStringLiteral("labels")), error, QStringLiteral("a label"),
                               [&](FieldReader &l) { return readLabel(l, error); });
    return m;
}

wire::HistoryLabel readHistoryLabel(FieldReader &r, ProtocolError &error)
{
    wire::HistoryLabel m;
    const auto object = r.optionalObject(QStringLiteral("label"));
    if (!object) {
        if (!r.failed())
            r.fail(QStringLiteral("missing_field"), QStringLiteral("\"label\" is required"));
        return m;
    }
    FieldReader l(*object, error);
    m.label = readLabel(l, error);
    return m;
}

} // namespace coauthor::sync::detail
