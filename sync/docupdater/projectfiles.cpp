#include "sync/docupdater/projectfiles.h"

#include "sync/docupdater/documentupdater.h"
#include "sync/protocol/projectpath.h"
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
    return ProjectPath::normalize(path);
}

ProjectFiles::Result<QString> ProjectFiles::checkedPath(const QString &projectId, const QString &path, const QString &movingId)
{
    auto p = normalizePath(path);
    if (!p.ok())
        return p;
    // A name that differs from an existing one only in case is one file on Windows
    // and macOS: the second would overwrite the first there. The entry being moved
    // (and what is under it) does not count, so "main.tex" may become "Main.tex".
    auto tree = m_docstore->entries(projectId);
    if (!tree.ok())
        return Result<QString>::failure(tree.error());
    QString movingPath;
    for (const TreeEntry &e : tree.value()) {
        if (e.id == movingId)
            movingPath = e.path;
    }
    QStringList existing;
    for (const TreeEntry &e : tree.value()) {
        if (!movingPath.isEmpty() && (e.path == movingPath || e.path.startsWith(movingPath + QLatin1Char('/'))))
            continue;
        existing.append(e.path);
    }
    const QString other = ProjectPath::caseCollision(p.value(), existing);
    if (!other.isEmpty())
        return Result<QString>::failure(invalidPath(QStringLiteral("'%1' differs from '%2' only in case; Windows and macOS would see one file")
                                                        .arg(p.value(), other)));
    return p;
}

ServerMessage::Entry ProjectFiles::wireEntry(const TreeEntry &entry)
{
    return ServerMessage::Entry{entry.id, entry.path, kindName(entry.kind), entry.size, QString::fromLatin1(entry.sha256)};
}

ProjectFiles::Result<QList<TreeEntry>> ProjectFiles::fileTree(const QString &projectId)
{
    return m_docstore->entries(projectId);
}

ProjectFiles::Result<TreeEntry> ProjectFiles::createDoc(const QString &projectId, const QString &path, const QString &text,
                                                        const QString &memberId)
{
    auto p = checkedPath(projectId, path);
    if (!p.ok())
        return Result<TreeEntry>::failure(p.error());
    // UTF-8 (the docstore, the wire) cannot carry half a surrogate pair: storing it
    // would store another text than the one sent.
    if (ProjectPath::hasLoneSurrogate(text))
        return Result<TreeEntry>::failure(ServiceError::make(QStringLiteral("invalid_text"),
                                                             QStringLiteral("the text contains a lone surrogate (not valid Unicode)")));
    if (text.toUtf8().size() > 2 * 1024 * 1024)
        return Result<TreeEntry>::failure(ServiceError::make(QStringLiteral("doc_too_large"),
                                                             QStringLiteral("a doc may hold at most 2 MiB")));
    auto created = m_docstore->createDoc(projectId, p.value(), text, Actor{memberId, 0});
    if (created.ok())
        publish(projectId, QStringLiteral("created"), {created.value()});
    return created;
}

ProjectFiles::Result<TreeEntry> ProjectFiles::createFolder(const QString &projectId, const QString &path, const QString &memberId)
{
    auto p = checkedPath(projectId, path);
    if (!p.ok())
        return Result<TreeEntry>::failure(p.error());
    auto created = m_docstore->createFolder(projectId, p.value(), Actor{memberId, 0});
    if (created.ok())
        publish(projectId, QStringLiteral("created"), {created.value()});
    return created;
}

ProjectFiles::Result<TreeEntry> ProjectFiles::rename(const QString &projectId, const QString &entryId, const QString &newPath,
                                                     const QString &memberId)
{
    auto p = checkedPath(projectId, newPath, entryId);
    if (!p.ok())
        return Result<TreeEntry>::failure(p.error());
    auto before = m_docstore->entry(projectId, entryId);
    if (!before.ok())
        return before;
    auto moved = m_docstore->moveEntry(projectId, entryId, p.value(), Actor{memberId, 0});
    if (moved.ok() && moved.value().path != before.value().path)
        publish(projectId, QStringLiteral("renamed"), {moved.value()}, before.value().path);
    return moved;
}

ProjectFiles::Result<QList<TreeEntry>> ProjectFiles::remove(const QString &projectId, const QString &entryId, const QString &memberId)
{
    auto removed = m_docstore->removeEntry(projectId, entryId, Actor{memberId, 0});
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
                                                         const QByteArray &content, bool replace,
                                                         const QString &memberId)
{
    if (content.size() > m_maxFileBytes)
        return Result<TreeEntry>::failure(ServiceError::make(
            QStringLiteral("file_too_large"),
            QStringLiteral("'%1' is %2 bytes; the limit is %3").arg(path).arg(content.size()).arg(m_maxFileBytes)));
    if (replace) {
        auto tree = m_docstore->entries(projectId);
        if (!tree.ok())
            return Result<TreeEntry>::failure(tree.error());
        for (const TreeEntry &e : tree.value()) {
            if (e.path != path || e.kind != TreeEntry::Kind::File)
                continue;
            auto replaced = m_docstore->replaceFile(projectId, e.id, content, Actor{memberId, 0});
            if (replaced.ok())
                publish(projectId, QStringLiteral("created"), {replaced.value()});
            return replaced;
        }
    }
    auto p = checkedPath(projectId, path);
    if (!p.ok())
        return Result<TreeEntry>::failure(p.error());
    auto created = m_docstore->createFile(projectId, p.value(), content, Actor{memberId, 0});
    if (created.ok())
        publish(projectId, QStringLiteral("created"), {created.value()});
    return created;
}

ProjectFiles::Result<QByteArray> ProjectFiles::downloadFile(const QString &projectId, const QString &fileId)
{
    return m_docstore->fileContent(projectId, fileId);
}

QString ProjectFiles::restoredPath(const QString &path, int attempt)
{
    if (attempt == 0)
        return path;
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    const qsizetype cut = dot > slash + 1 ? dot : path.size();
    const QString mark = attempt == 1 ? QStringLiteral(" (restored)") : QStringLiteral(" (restored %1)").arg(attempt);
    return path.left(cut) + mark + path.mid(cut);
}

ProjectFiles::Result<TreeEntry> ProjectFiles::restore(const QString &projectId, const QString &entryId, const QString &path,
                                                      const QString &text, const QByteArray &sha256, const QString &memberId)
{
    auto p = normalizePath(path);
    if (!p.ok())
        return Result<TreeEntry>::failure(p.error());
    auto tree = m_docstore->entries(projectId);
    if (!tree.ok())
        return Result<TreeEntry>::failure(tree.error());
    QStringList existing;
    for (const TreeEntry &e : tree.value())
        existing.append(e.path);
    constexpr int MaxAttempts = 100;
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        const QString candidate = restoredPath(p.value(), attempt);
        if (existing.contains(candidate) || !ProjectPath::caseCollision(candidate, existing).isEmpty())
            continue;
        auto free = normalizePath(candidate); // a longer name may outgrow the limits
        if (!free.ok())
            return Result<TreeEntry>::failure(free.error());
        auto restored = m_docstore->restoreEntry(projectId, entryId, candidate, text, sha256, Actor{memberId, 0});
        if (restored.ok())
            publish(projectId, QStringLiteral("created"), {restored.value()});
        return restored;
    }
    return Result<TreeEntry>::failure(ServiceError::make(QStringLiteral("path_exists"),
                                                         QStringLiteral("'%1' and its restored names are all taken").arg(path)));
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
