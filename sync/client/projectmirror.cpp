#include "sync/client/projectmirror.h"

#include "sync/client/textdiff.h"

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
    // Server paths are validated relative paths; refuse anything that would
    // still leave the folder.
    const QString path = QDir::cleanPath(m_root + QLatin1Char('/') + relativePath);
    if (!path.startsWith(m_root + QLatin1Char('/')))
        return {};
    return path;
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
    const QString target = absolutePath(path);
    if (target.isEmpty()) {
        // Never writable; not worth a retry.
        Q_EMIT writeFailed(path, tr("The path leaves the project folder"));
        return true;
    }
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
    const QString target = absolutePath(path);
    if (!target.isEmpty())
        QDir().mkpath(target);
}

void ProjectMirror::rename(const QString &oldPath, const QString &newPath)
{
    const QString from = absolutePath(oldPath);
    const QString to = absolutePath(newPath);
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
    const QString target = absolutePath(path);
    if (target.isEmpty())
        return;
    m_watcher.removePath(target);
    const QString prefix = path + QLatin1Char('/');
    m_pendingFiles.removeIf([&](const auto &it) { return it.key() == path || it.key().startsWith(prefix); });
    const QFileInfo info(target);
    if (info.isDir())
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
