#include "sync/client/projectmirror.h"

#include "sync/client/textdiff.h"
#include "sync/protocol/projectpath.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>

namespace coauthor::sync {

ProjectMirror::ProjectMirror(const QString &root, QObject *parent)
    : QObject(parent)
    , m_root(QDir::cleanPath(root))
{
    QDir().mkpath(m_root);
    m_writeTimer.setSingleShot(true);
    m_writeTimer.setInterval(writeDelayMs);
    connect(&m_writeTimer, &QTimer::timeout, this, &ProjectMirror::flush);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &ProjectMirror::onFileChanged);
}

QString ProjectMirror::absolutePath(const QString &relativePath) const
{
    if (!refusal(relativePath).isEmpty())
        return {};
    return QDir::cleanPath(m_root + QLatin1Char('/') + relativePath);
}

QString ProjectMirror::refusal(const QString &relativePath) const
{
    // The server checks paths with the same rule, but the mirror must not trust it:
    // a path inside .coauthor/ would let a collaborator replace this app's link,
    // journal or lock, and one outside the folder anything of the user's.
    auto checked = ProjectPath::normalize(relativePath);
    if (!checked.ok())
        return checked.error().message;
    const QString path = QDir::cleanPath(m_root + QLatin1Char('/') + relativePath);
    if (!path.startsWith(m_root + QLatin1Char('/')))
        return tr("The path leaves the project folder");
    // A link on the way (made by the user or another program) could lead out of
    // the folder; one that stays inside is harmless.
    const QString canonicalRoot = QFileInfo(m_root).canonicalFilePath();
    QString at = m_root;
    const QStringList segments = relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &segment : segments) {
        at += QLatin1Char('/') + segment;
        const QFileInfo info(at);
        if (!info.isSymLink())
            continue;
        const QString target = info.canonicalFilePath();
        if (target.isEmpty() || !target.startsWith(canonicalRoot + QLatin1Char('/')))
            return tr("'%1' is a symbolic link that leads out of the project folder").arg(segment);
    }
    return {};
}

QString ProjectMirror::guardedPath(const QString &relativePath)
{
    const QString why = refusal(relativePath);
    if (why.isEmpty())
        return QDir::cleanPath(m_root + QLatin1Char('/') + relativePath);
    // Once per path: a refused doc is refused again on every edit.
    if (!m_refused.contains(relativePath)) {
        m_refused.insert(relativePath);
        Q_EMIT pathRefused(relativePath, why);
    }
    return {};
}

void ProjectMirror::setDocText(const QString &docId, const QString &path, const QString &text)
{
    Doc &doc = m_docs[docId];
    if (doc.path != path && !doc.path.isEmpty()) {
        const QString old = absolutePath(doc.path);
        if (!old.isEmpty())
            m_watcher.removePath(old);
    }
    doc.path = path;
    doc.text = text;
    doc.dirty = doc.text != doc.written || !QFileInfo::exists(absolutePath(path));
    if (doc.dirty && !m_writeTimer.isActive())
        m_writeTimer.start(writeDelayMs);
}

void ProjectMirror::flush()
{
    m_writeTimer.stop();
    bool pending = false;
    for (auto it = m_docs.begin(); it != m_docs.end(); ++it) {
        Doc &doc = it.value();
        if (!doc.dirty)
            continue;
        if (writeAtomically(doc.path, doc.text.toUtf8())) {
            doc.written = doc.text;
            doc.dirty = false;
            watch(absolutePath(doc.path));
        } else {
            pending = true;
        }
    }
    for (auto it = m_pendingFiles.begin(); it != m_pendingFiles.end();) {
        if (writeAtomically(it.key(), it.value())) {
            it = m_pendingFiles.erase(it);
        } else {
            pending = true;
            ++it;
        }
    }
    if (pending) {
        // The texts and files stay in memory; try again later.
        m_writeTimer.start(retryIntervalMs);
    } else if (m_failing) {
        m_failing = false;
        Q_EMIT recovered();
    }
}

void ProjectMirror::watch(const QString &absolutePath)
{
    // A rename-over (QSaveFile) drops the path from the watcher; add it again.
    if (!absolutePath.isEmpty() && !m_watcher.files().contains(absolutePath))
        m_watcher.addPath(absolutePath);
}

bool ProjectMirror::writeAtomically(const QString &path, const QByteArray &content)
{
    const QString target = guardedPath(path);
    if (target.isEmpty())
        return true; // never writable (reported once by guardedPath); not worth a retry

    QDir().mkpath(QFileInfo(target).absolutePath());
    QSaveFile file(target);
    QString error;
    // Unbuffered: a short write (a full disk) must show in write()'s result;
    // commit() alone would not see it and would rename a cut file into place.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        error = file.errorString();
    } else if (file.write(content) != content.size()) {
        // A short write sets no error on the file; errno says why.
        error = file.error() != QFileDevice::NoError ? file.errorString() : qt_error_string(errno);
        file.cancelWriting();
    } else if (!file.commit()) {
        error = file.errorString();
    }
    if (error.isEmpty())
        return true;
    // Once per failure, not on every retry.
    if (!m_failing) {
        m_failing = true;
        Q_EMIT writeFailed(path, error);
    }
    return false;
}

void ProjectMirror::writeFile(const QString &path, const QByteArray &content)
{
    m_pendingFiles.remove(path);
    if (!writeAtomically(path, content)) {
        m_pendingFiles.insert(path, content);
        if (!m_writeTimer.isActive())
            m_writeTimer.start(retryIntervalMs);
    }
}

void ProjectMirror::createFolder(const QString &path)
{
    const QString target = guardedPath(path);
    if (!target.isEmpty())
        QDir().mkpath(target);
}

void ProjectMirror::rename(const QString &oldPath, const QString &newPath)
{
    const QString from = guardedPath(oldPath);
    const QString to = guardedPath(newPath);
    if (from.isEmpty() || to.isEmpty())
        return;
    m_watcher.removePath(from);
    QDir().mkpath(QFileInfo(to).absolutePath());
    QDir().rename(from, to);
    // Docs and unwritten files inside a renamed folder move with it.
    const QString prefix = oldPath + QLatin1Char('/');
    const QStringList pendingPaths = m_pendingFiles.keys();
    for (const QString &p : pendingPaths) {
        if (p == oldPath || p.startsWith(prefix))
            m_pendingFiles.insert(newPath + p.mid(oldPath.size()), m_pendingFiles.take(p));
    }
    for (Doc &doc : m_docs) {
        if (doc.path == oldPath)
            doc.path = newPath;
        else if (doc.path.startsWith(prefix))
            doc.path = newPath + doc.path.mid(oldPath.size());
        else
            continue;
        watch(absolutePath(doc.path));
    }
}

void ProjectMirror::remove(const QString &path)
{
    const QString target = guardedPath(path);
    if (target.isEmpty())
        return;
    m_watcher.removePath(target);
    const QString prefix = path + QLatin1Char('/');
    m_pendingFiles.removeIf([&](const auto &it) { return it.key() == path || it.key().startsWith(prefix); });
    const QFileInfo info(target);
    // A link (one that stays inside, or refusal() would have said no) goes, not
    // what it points to.
    if (info.isSymLink())
        QFile::remove(target);
    else if (info.isDir())
        QDir(target).removeRecursively();
    else
        QFile::remove(target);
}

void ProjectMirror::forgetDoc(const QString &docId)
{
    const auto it = m_docs.constFind(docId);
    if (it == m_docs.constEnd())
        return;
    const QString path = absolutePath(it->path);
    if (!path.isEmpty())
        m_watcher.removePath(path);
    m_docs.erase(it);
}

void ProjectMirror::onFileChanged(const QString &changedPath)
{
    for (auto it = m_docs.begin(); it != m_docs.end(); ++it) {
        Doc &doc = it.value();
        if (absolutePath(doc.path) != changedPath)
            continue;
        watch(changedPath);
        QFile file(changedPath);
        if (!file.open(QIODevice::ReadOnly))
            return; // deleted or replaced mid-write; a later change reports it
        const QString onDisk = QString::fromUtf8(file.readAll());
        // Our own write, or nothing new.
        if (onDisk == doc.written || onDisk == doc.text)
            return;
        const ot::TextOperation op = diff(doc.text, onDisk);
        doc.written = onDisk;
        if (!op.isNoop())
            Q_EMIT docEditedOnDisk(it.key(), op);
        return;
    }
}

ot::TextOperation ProjectMirror::diff(const QString &before, const QString &after)
{
    return textDiff(before, after);
}

} // namespace coauthor::sync
