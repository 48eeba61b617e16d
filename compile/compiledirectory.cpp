#include "compile/compiledirectory.h"

#include "compile/projectstate.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace coauthor::compile {

namespace {

CompileDirectory::SyncOutcome failed(CompileStatus status, const QString &message)
{
    return {false, status, message, 0, {}};
}

} // namespace

CompileDirectory::CompileDirectory(const QString &projectRoot)
    : m_projectRoot(projectRoot)
    , m_compileDir(projectRoot + QLatin1String("/compile"))
    , m_stateFile(projectRoot + QLatin1String("/state.json"))
{
}

QString CompileDirectory::checkResourcePath(const QString &path)
{
    if (path.isEmpty())
        return QStringLiteral("empty resource path");
    if (path.startsWith(u'/') || path.contains(u'\\') || (path.size() > 1 && path.at(1) == u':'))
        return QStringLiteral("resource path must be relative: %1").arg(path);
    for (const QChar c : path) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return QStringLiteral("resource path contains a control character: %1").arg(path);
    }
    const QStringList parts = path.split(u'/');
    for (const QString &part : parts) {
        if (part == QLatin1String(".."))
            return QStringLiteral("resource path leaves the project: %1").arg(path);
        if (part.isEmpty() || part == QLatin1String("."))
            return QStringLiteral("malformed resource path: %1").arg(path);
    }
    return QString();
}

CompileDirectory::SyncOutcome CompileDirectory::sync(const CompileRequest &request)
{
    QSet<QString> seen;
    bool rootFound = false;
    for (const Resource &resource : request.resources) {
        const QString problem = checkResourcePath(resource.path);
        if (!problem.isEmpty())
            return failed(CompileStatus::Error, problem);
        if (seen.contains(resource.path))
            return failed(CompileStatus::Error, QStringLiteral("duplicate resource path: %1").arg(resource.path));
        seen.insert(resource.path);
        rootFound = rootFound || resource.path == request.rootDocument;
        if (!resource.sourceFile.isEmpty()) {
            const QFileInfo source(resource.sourceFile);
            if (!source.isFile())
                return failed(CompileStatus::Error, QStringLiteral("not a regular file: %1").arg(resource.sourceFile));
        }
    }
    if (!rootFound)
        return failed(CompileStatus::Error,
                      QStringLiteral("the root document %1 is not among the resources").arg(request.rootDocument));

    QString error;
    const auto state = ProjectState::fromRequest(request, &error);
    if (!state)
        return failed(CompileStatus::Error, error);

    std::optional<ProjectState> stored;
    if (request.syncType == SyncType::Incremental) {
        stored = ProjectState::load(m_stateFile);
        if (!stored || stored->treeHash() != state->treeHash())
            return failed(CompileStatus::Conflict,
                          QStringLiteral("the project's files or options changed since the last compile; "
                                         "a full compile is needed"));
        for (const Resource &resource : request.resources) {
            const QFileInfo target(m_compileDir + u'/' + resource.path);
            if (!target.isFile() || target.isSymLink())
                return failed(CompileStatus::Conflict,
                              QStringLiteral("%1 is missing from the compile directory; a full compile is needed")
                                  .arg(resource.path));
        }
    } else {
        // The state goes first: should the sync stop half way, no later incremental
        // sync may trust this directory.
        if (!remove())
            return failed(CompileStatus::Error, QStringLiteral("cannot clean %1").arg(m_compileDir));
        if (!QDir().mkpath(m_compileDir))
            return failed(CompileStatus::Error, QStringLiteral("cannot create %1").arg(m_compileDir));
    }

    QStringList written;
    for (const Resource &resource : request.resources) {
        if (stored && stored->fileHash(resource.path) == state->fileHash(resource.path))
            continue;
        const SyncOutcome outcome = writeResource(resource);
        if (!outcome.ok) {
            remove();
            return outcome;
        }
        written << resource.path;
    }
    if (!state->save(m_stateFile)) {
        remove();
        return failed(CompileStatus::Error, QStringLiteral("cannot write %1").arg(m_stateFile));
    }
    return {true, CompileStatus::Success, QString(), int(written.size()), written};
}

CompileDirectory::SyncOutcome CompileDirectory::writeResource(const Resource &resource)
{
    // Walk the parents one by one so that nothing is ever written through a symlink,
    // whoever made it.
    const QStringList parts = resource.path.split(u'/');
    QString current = m_compileDir;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        current += u'/' + parts.at(i);
        const QFileInfo info(current);
        if (info.isSymLink())
            return failed(CompileStatus::Error, QStringLiteral("resource path goes through a symlink: %1").arg(resource.path));
        if (!info.exists() && !QDir().mkdir(current))
            return failed(CompileStatus::Error, QStringLiteral("cannot create %1").arg(current));
        if (!QFileInfo(current).isDir())
            return failed(CompileStatus::Error, QStringLiteral("not a folder: %1").arg(current));
    }
    const QString target = m_compileDir + u'/' + resource.path;
    const QFileInfo targetInfo(target);
    if (targetInfo.isSymLink() || targetInfo.exists()) {
        if (targetInfo.isDir() && !targetInfo.isSymLink())
            return failed(CompileStatus::Error, QStringLiteral("a folder is in the way of %1").arg(resource.path));
        if (!QFile::remove(target))
            return failed(CompileStatus::Error, QStringLiteral("cannot replace %1").arg(target));
    }
    if (!resource.sourceFile.isEmpty()) {
        QFile source(resource.sourceFile);
        if (!source.copy(target))
            return failed(CompileStatus::Error,
                          QStringLiteral("cannot copy %1: %2").arg(resource.sourceFile, source.errorString()));
        return {true, CompileStatus::Success, QString(), 1, {}};
    }
    QFile file(target);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(resource.content) != resource.content.size())
        return failed(CompileStatus::Error, QStringLiteral("cannot write %1: %2").arg(target, file.errorString()));
    return {true, CompileStatus::Success, QString(), 1, {}};
}

bool CompileDirectory::remove()
{
    QFile::remove(m_stateFile);
    QDir dir(m_compileDir);
    return !dir.exists() || dir.removeRecursively();
}

} // namespace coauthor::compile
