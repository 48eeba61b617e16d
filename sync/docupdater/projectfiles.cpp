#include "sync/docupdater/projectfiles.h"

#include "sync/docupdater/documentupdater.h"
#include "sync/protocol/servermessagecodec.h"

namespace coauthor::sync {

namespace {

ServiceError invalidPath(const QString &message)
{
    return ServiceError::make(QStringLiteral("invalid_path"), message);
}

} // namespace

ProjectFiles::ProjectFiles(Docstore *docstore, DocumentUpdater *updater, QObject *parent)
    : QObject(parent), m_docstore(docstore), m_updater(updater)
{
}

ProjectFiles::Result<QString> ProjectFiles::normalizePath(const QString &path)
{
    QString p = path;
    if (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    if (p.isEmpty())
        return Result<QString>::failure(invalidPath(QStringLiteral("the path is empty")));
    if (p.size() > 1024)
        return Result<QString>::failure(invalidPath(QStringLiteral("the path is longer than 1024 characters")));
    if (p.startsWith(QLatin1Char('/')))
        return Result<QString>::failure(invalidPath(QStringLiteral("'%1' is absolute; paths are relative to the project").arg(p)));
    for (const QChar c : std::as_const(p)) {
        if (c == QLatin1Char('\\') || c.category() == QChar::Other_Control || c.isSurrogate())
            return Result<QString>::failure(invalidPath(QStringLiteral("'%1' contains a backslash or a control character").arg(p)));
    }
    const QStringList segments = p.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment.isEmpty())
            return Result<QString>::failure(invalidPath(QStringLiteral("'%1' has an empty segment").arg(p)));
        if (segment == QLatin1String(".") || segment == QLatin1String(".."))
            return Result<QString>::failure(invalidPath(QStringLiteral("'%1' contains '.' or '..'").arg(p)));
    }
    return Result<QString>::success(p);
}

ServerMessage::Entry ProjectFiles::wireEntry(const TreeEntry &entry)
{
    return ServerMessage::Entry{entry.id, entry.path, kindName(entry.kind), entry.size};
}

ProjectFiles::Result<QList<TreeEntry>> ProjectFiles::fileTree(const QString &projectId)
{
    return m_docstore->entries(projectId);
}

ProjectFiles::Result<TreeEntry> ProjectFiles::createDoc(const QString &projectId, const QString &path, const QString &text)
{
    auto p = normalizePath(path);
    if (!p.ok())
        return Result<TreeEntry>::failure(p.error());
    if (text.toUtf8().size() > 2 * 1024 * 1024)
        return Result<TreeEntry>::failure(ServiceError::make(QStringLiteral("doc_too_large"),
                                                             QStringLiteral("a doc may hold at most 2 MiB")));
    auto created = m_docstore->createDoc(projectId, p.value(), text);
    if (created.ok())
        publish(projectId, QStringLiteral("created"), {created.value()});
    return created;
}

ProjectFiles::Result<TreeEntry> ProjectFiles::createFolder(const QString &projectId, const QString &path)
{
    auto p = normalizePath(path);
    if (!p.ok())
        return Result<TreeEntry>::failure(p.error());
    auto created = m_docstore->createFolder(projectId, p.value());
    if (created.ok())
        publish(projectId, QStringLiteral("created"), {created.value()});
    return created;
}

ProjectFiles::Result<TreeEntry> ProjectFiles::rename(const QString &projectId, const QString &entryId, const QString &newPath)
{
    auto p = normalizePath(newPath);
    if (!p.ok())
        return Result<TreeEntry>::failure(p.error());
    auto before = m_docstore->entry(projectId, entryId);
    if (!before.ok())
        return before;
    auto moved = m_docstore->moveEntry(projectId, entryId, p.value());
    if (moved.ok() && moved.value().path != before.value().path)
        publish(projectId, QStringLiteral("renamed"), {moved.value()}, before.value().path);
    return moved;
}

ProjectFiles::Result<QList<TreeEntry>> ProjectFiles::remove(const QString &projectId, const QString &entryId)
{
    auto removed = m_docstore->removeEntry(projectId, entryId);
    if (!removed.ok())
        return removed;
    for (const TreeEntry &e : removed.value()) {
        if (e.kind == TreeEntry::Kind::Doc && m_updater)
            m_updater->forgetDoc(projectId, e.id);
    }
    publish(projectId, QStringLiteral("removed"), removed.value());
    return removed;
}

ProjectFiles::Result<TreeEntry> ProjectFiles::uploadFile(const QString &projectId, const QString &path,
                                                         const QByteArray &content)
{
    auto p = normalizePath(path);
    if (!p.ok())
        return Result<TreeEntry>::failure(p.error());
    if (content.size() > m_maxFileBytes)
        return Result<TreeEntry>::failure(ServiceError::make(
            QStringLiteral("file_too_large"),
            QStringLiteral("'%1' is %2 bytes; the limit is %3").arg(p.value()).arg(content.size()).arg(m_maxFileBytes)));
    auto created = m_docstore->createFile(projectId, p.value(), content);
    if (created.ok())
        publish(projectId, QStringLiteral("created"), {created.value()});
    return created;
}

ProjectFiles::Result<QByteArray> ProjectFiles::downloadFile(const QString &projectId, const QString &fileId)
{
    return m_docstore->fileContent(projectId, fileId);
}

void ProjectFiles::publish(const QString &projectId, const QString &change, const QList<TreeEntry> &entries,
                           const QString &oldPath)
{
    if (!m_updater)
        return;
    ServerMessage::TreeChanged changed{change, {}, oldPath};
    for (const TreeEntry &e : entries)
        changed.entries.append(wireEntry(e));
    m_updater->publishProjectMessage(projectId, ServerMessageCodec::toJson(ProjectChannelMessage{{}, false, ServerMessage{std::nullopt, changed}}));
}

} // namespace coauthor::sync
