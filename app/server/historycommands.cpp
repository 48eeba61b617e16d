#include "app/server/historycommands.h"

#include "sync/docstore/docstore.h"
#include "sync/history/historyreader.h"
#include "sync/history/projectexport.h"
#include "sync/protocol/servermessagecodec.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace coauthor::server {

using namespace coauthor::sync;
using namespace coauthor::sync::history;

namespace {

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString authorText(const Author &a)
{
    if (!a.name.isEmpty())
        return a.name;
    return a.memberId.isEmpty() ? QStringLiteral("(server)") : a.memberId;
}

// The protocol's JSON of one answer body, without its "type".
QJsonObject wireJson(ServerMessage::Body body)
{
    QJsonObject o = QJsonDocument::fromJson(ServerMessageCodec::encode(ServerMessage{std::nullopt, std::move(body)}).toUtf8()).object();
    o.remove(QLatin1String("type"));
    return o;
}

void printChange(const Change &c, QTextStream &out)
{
    QStringList authors;
    for (const Author &a : c.authors)
        authors.append(authorText(a));
    out << "change " << c.id << "  versions " << c.fromVersion + 1 << ".." << c.toVersion << "  " << timeText(c.startedAt)
        << " .. " << timeText(c.endedAt) << "  " << authors.join(QStringLiteral(", ")) << "\n";
    for (const FileChange &f : c.files) {
        QStringList kinds;
        for (FileChange::Kind k : f.kinds)
            kinds.append(kindName(k));
        out << "    " << f.path << "  " << kinds.join(QLatin1Char(','));
        if (!f.oldPath.isEmpty())
            out << " (from " << f.oldPath << ")";
        if (f.has(FileChange::Kind::Edited))
            out << "  +" << f.wordsAdded << " -" << f.wordsRemoved << " words";
        out << "\n";
    }
}

} // namespace

int printHistory(Docstore &store, const QString &projectId, const QString &docPath, bool json, QTextStream &out, QTextStream &err)
{
    HistoryReader reader(store);
    QList<Change> changes;
    qint64 current = 0;
    for (qint64 before = 0;;) {
        auto page = reader.changes(projectId, docPath, before, HistoryReader::MaxChangesPerPage);
        if (!page.ok()) {
            err << "coauthor-server: " << page.error().message << Qt::endl;
            return 1;
        }
        current = std::max(current, page.value().currentVersion);
        changes += page.value().changes;
        if (page.value().nextBefore == 0)
            break;
        before = page.value().nextBefore;
    }
    auto labels = reader.labels(projectId);
    if (!labels.ok()) {
        err << "coauthor-server: " << labels.error().message << Qt::endl;
        return 1;
    }
    if (json) {
        QJsonObject o = wireJson(ServerMessage::HistoryChanges{ChangePage{changes, 0, current}});
        o.remove(QLatin1String("nextBefore"));
        o.insert(QLatin1String("labels"), wireJson(ServerMessage::HistoryLabels{labels.value()}).value(QLatin1String("labels")));
        out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        out.flush();
        return 0;
    }
    out << "project " << projectId << " at version " << current << ": " << changes.size() << " changes, "
        << labels.value().size() << " labels\n";
    for (const Change &c : std::as_const(changes))
        printChange(c, out);
    for (const Label &l : labels.value())
        out << "label " << l.id << "  \"" << l.name << "\"  version " << l.version << "  " << timeText(l.createdAt) << "  "
            << authorText(l.author) << "\n";
    out.flush();
    return 0;
}

int exportProject(Docstore &store, const QString &projectId, qint64 version, const QString &zipPath, QTextStream &out,
                  QTextStream &err)
{
    HistoryReader reader(store);
    auto zip = projectZip(reader, projectId, version);
    if (!zip.ok()) {
        err << "coauthor-server: " << zip.error().message << Qt::endl;
        return 1;
    }
    QSaveFile file(zipPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(zip.value()) != zip.value().size() || !file.commit()) {
        err << "coauthor-server: cannot write " << zipPath << ": " << file.errorString() << Qt::endl;
        return 1;
    }
    auto tree = reader.treeAt(projectId, version);
    out << "wrote " << zipPath << ": version " << (tree.ok() ? tree.value().version : version) << ", "
        << (tree.ok() ? tree.value().entries.size() : 0) << " entries, " << zip.value().size() << " bytes" << Qt::endl;
    return 0;
}

} // namespace coauthor::server
