#include "sync/history/projectexport.h"

#include "sync/history/zipwriter.h"


namespace coauthor::sync::history {

HistoryReader::Result<QByteArray> projectZip(HistoryReader &reader, const QString &projectId, qint64 version)
{
    using R = HistoryReader::Result<QByteArray>;
    auto tree = reader.treeAt(projectId, version);
    if (!tree.ok())
        return R::failure(tree.error());
    // The time of the version: the end of the change that reached it.
    qint64 at = 0;
    if (tree.value().version > 0) {
        for (qint64 before = 0;;) {
            auto page = reader.changes(projectId, {}, before, HistoryReader::MaxChangesPerPage);
            if (!page.ok())
                return R::failure(page.error());
            bool found = false;
            for (const Change &c : page.value().changes) {
                if (c.fromVersion < tree.value().version && tree.value().version <= c.toVersion) {
                    at = c.endedAt;
                    found = true;
                    break;
                }
            }
            if (found || page.value().nextBefore == 0)
                break;
            before = page.value().nextBefore;
        }
    }
    ZipWriter zip(at > 0 ? QDateTime::fromMSecsSinceEpoch(at, Qt::UTC) : QDateTime::currentDateTimeUtc());
    for (const VersionEntry &e : std::as_const(tree.value().entries)) {
        switch (e.kind) {
        case TreeEntry::Kind::Folder:
            zip.addFolder(e.path);
            break;
        case TreeEntry::Kind::Doc: {
            auto text = reader.docText(projectId, e.entryId, e.docVersion);
            if (!text.ok())
                return R::failure(text.error());
            zip.addFile(e.path, text.value().toUtf8());
            break;
        }
        case TreeEntry::Kind::File: {
            auto content = reader.fileContent(projectId, e.sha256);
            if (!content.ok())
                return R::failure(content.error());
            zip.addFile(e.path, content.value());
            break;
        }
        }
    }
    auto bytes = zip.archive();
    if (!bytes.ok())
        return R::failure(ServiceError::make(QStringLiteral("too_large"), bytes.error()));
    return R::success(bytes.value());
}

} // namespace coauthor::sync::history
