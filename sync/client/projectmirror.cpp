#include "sync/client/projectmirror.h"

#include "sync/client/textdiff.h"
#include "sync/protocol/projectpath.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>

#include <algorithm>
#include <cerrno>

Q_LOGGING_CATEGORY(lcMirror, "coauthor.sync.mirror")

namespace coauthor::sync {

namespace {

bool isUnder(const QString &path, const QString &folder)
{
    return path.startsWith(folder + QLatin1Char('/'));
}

} // namespace

ProjectMirror::ProjectMirror(const QString &root, QObject *parent)
    : QObject(parent)
    , m_root(QDir::cleanPath(root))
{
    QDir().mkpath(m_root);
    m_writeTimer.setSingleShot(true);
    m_writeTimer.setInterval(writeDelayMs);
    connect(&m_writeTimer, &QTimer::timeout, this, &ProjectMirror::flush);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &ProjectMirror::onFileChanged);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &ProjectMirror::scheduleScan);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &ProjectMirror::scheduleScan);
    m_scanTimer.setSingleShot(true);
    connect(&m_scanTimer, &QTimer::timeout, this, &ProjectMirror::scanNow);
    connect(&m_periodicScan, &QTimer::timeout, this, &ProjectMirror::scanNow);
    m_stateTimer.setSingleShot(true);
    connect(&m_stateTimer, &QTimer::timeout, this, &ProjectMirror::saveState);
}

ProjectMirror::~ProjectMirror()
{
    saveState();
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
    if (error.isEmpty()) {
        noteWritten(path, &content);
        return true;
    }
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
    if (target.isEmpty())
        return;
    QDir().mkpath(target);
    noteWritten(path, nullptr);
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
    moveKnown(oldPath, newPath);
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
    forgetKnown(path);
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

// ---- the working copy as other programs change it -------------------------------

void ProjectMirror::setStateFile(const QString &stateFile)
{
    m_stateFile = stateFile;
    // What the last run agreed on with the server: known and shared until the
    // server's tree says otherwise.
    m_known = workingcopyscan::loadState(stateFile);
    m_serverPaths = QSet<QString>(m_known.keyBegin(), m_known.keyEnd());
}

void ProjectMirror::saveState()
{
    m_stateTimer.stop();
    if (m_stateFile.isEmpty())
        return;
    // Only what the server has: a file we sent that it never confirmed is
    // offered again by the next run, not taken for one the server deleted.
    QHash<QString, KnownEntry> agreed;
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it) {
        if (m_serverPaths.contains(it.key()))
            agreed.insert(it.key(), it.value());
    }
    if (!workingcopyscan::saveState(m_stateFile, agreed))
        qCWarning(lcMirror) << "cannot write" << m_stateFile;
}

void ProjectMirror::stateChanged()
{
    if (!m_stateFile.isEmpty() && !m_stateTimer.isActive())
        m_stateTimer.start(1000);
}

void ProjectMirror::setWatching(bool watching)
{
    m_watching = watching;
    if (!watching) {
        m_scanTimer.stop();
        m_periodicScan.stop();
        return;
    }
    m_periodicScan.start(periodicScanMs);
}

void ProjectMirror::scheduleScan()
{
    if (m_watching)
        m_scanTimer.start(scanDelayMs); // restarted by every event: a burst gives one scan
}

void ProjectMirror::setServerPaths(const QSet<QString> &paths)
{
    m_serverPaths = paths;
    stateChanged();
}

void ProjectMirror::noteParents(const QString &path)
{
    for (qsizetype slash = path.lastIndexOf(QLatin1Char('/')); slash > 0; slash = path.lastIndexOf(QLatin1Char('/'), slash - 1)) {
        const QString parent = path.left(slash);
        if (m_known.contains(parent))
            break;
        m_known.insert(parent, KnownEntry{FileStat{true, 0, 0}, {}});
    }
}

void ProjectMirror::noteWritten(const QString &path, const QByteArray *content)
{
    FileStat stat;
    if (!workingcopyscan::stat(QDir::cleanPath(m_root + QLatin1Char('/') + path), &stat))
        return;
    KnownEntry e{stat, {}};
    if (content)
        e.sha256 = QCryptographicHash::hash(*content, QCryptographicHash::Sha256).toHex();
    m_known.insert(path, e);
    m_lastScan.insert(path, stat);
    noteParents(path);
    stateChanged();
}

void ProjectMirror::noteLocal(const QString &path)
{
    const QString absolute = QDir::cleanPath(m_root + QLatin1Char('/') + path);
    FileStat stat;
    if (!workingcopyscan::stat(absolute, &stat))
        return;
    m_known.insert(path, KnownEntry{stat, stat.folder ? QByteArray() : workingcopyscan::sha256(absolute)});
    m_lastScan.insert(path, stat);
    noteParents(path);
    stateChanged();
}

void ProjectMirror::forgetKnown(const QString &path)
{
    m_known.removeIf([&](const auto &it) { return it.key() == path || isUnder(it.key(), path); });
    stateChanged();
}

void ProjectMirror::moveKnown(const QString &from, const QString &to)
{
    QHash<QString, KnownEntry> moved;
    m_known.removeIf([&](const auto &it) {
        if (it.key() != from && !isUnder(it.key(), from))
            return false;
        moved.insert(to + it.key().mid(from.size()), it.value());
        return true;
    });
    for (auto it = moved.cbegin(); it != moved.cend(); ++it) {
        KnownEntry e = it.value();
        // A move keeps the content; the time may change (a copy across devices).
        FileStat stat;
        if (workingcopyscan::stat(QDir::cleanPath(m_root + QLatin1Char('/') + it.key()), &stat) && stat.folder == e.stat.folder)
            e.stat = stat;
        m_known.insert(it.key(), e);
    }
    if (!moved.isEmpty())
        noteParents(to);
    stateChanged();
}

void ProjectMirror::noteLocalRename(const QString &from, const QString &to)
{
    moveKnown(from, to);
}

void ProjectMirror::noteLocalRemoved(const QString &path)
{
    forgetKnown(path);
}

bool ProjectMirror::isLocalOnly(const QString &path) const
{
    return (m_localOnly && m_localOnly(path)) || m_localOutputs.contains(path);
}

bool ProjectMirror::isDocPath(const QString &path) const
{
    return std::any_of(m_docs.cbegin(), m_docs.cend(), [&path](const Doc &d) { return d.path == path; });
}

void ProjectMirror::watchFolders(const QHash<QString, FileStat> &disk)
{
    // One inotify watch per folder (and per shared binary file, whose content
    // changes do not show on its folder). Linux allows 8,192 per user by default
    // (more on newer kernels); when they run out the periodic scan still sees
    // every change, a few seconds later.
    QStringList wanted{m_root};
    for (auto it = disk.cbegin(); it != disk.cend(); ++it) {
        const auto known = m_known.constFind(it.key());
        if (it->folder || (known != m_known.cend() && !isDocPath(it.key())))
            wanted.append(QDir::cleanPath(m_root + QLatin1Char('/') + it.key()));
    }
    const QSet<QString> now(wanted.cbegin(), wanted.cend());
    QStringList add;
    for (const QString &p : std::as_const(wanted)) {
        if (!m_watchedFolders.contains(p))
            add.append(p);
    }
    QStringList drop;
    for (const QString &p : std::as_const(m_watchedFolders)) {
        if (!now.contains(p))
            drop.append(p);
    }
    if (!drop.isEmpty())
        m_watcher.removePaths(drop);
    const QStringList failed = add.isEmpty() ? QStringList() : m_watcher.addPaths(add);
    if (!failed.isEmpty() && !m_watchLimitLogged) {
        m_watchLimitLogged = true;
        qCWarning(lcMirror) << "cannot watch" << failed.size() << "paths (the system's watch limit?);"
                            << "changes there are seen by the scan every" << periodicScanMs << "ms";
    }
    m_watchedFolders = now;
    for (const QString &p : failed)
        m_watchedFolders.remove(p);
}

QStringList ProjectMirror::adoptServerTree(const QList<ServerMessage::Entry> &tree)
{
    using namespace workingcopyscan;
    // What we agreed on last (this run or an earlier one), before the tree changes it.
    QHash<QString, KnownEntry> previous;
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it) {
        if (m_serverPaths.contains(it.key()))
            previous.insert(it.key(), it.value());
    }
    const QHash<QString, FileStat> disk = scan(m_root);
    m_localOutputs = localOutputs(m_root);
    const auto absolute = [this](const QString &path) { return QDir::cleanPath(m_root + QLatin1Char('/') + path); };

    QHash<QString, KnownEntry> known;
    QSet<QString> serverPaths;
    QStringList downloads;
    QStringList replaced;
    for (const ServerMessage::Entry &e : tree) {
        serverPaths.insert(e.path);
        const auto d = disk.constFind(e.path);
        if (d == disk.cend())
            continue; // written by the mirror when it arrives (docs, folders) or downloaded (below)
        const auto p = previous.constFind(e.path);
        const bool unchangedHere = p != previous.cend() && p->stat == *d;
        if (e.kind == QLatin1String("folder")) {
            if (d->folder)
                known.insert(e.path, KnownEntry{*d, {}});
            continue;
        }
        if (d->folder)
            continue;
        const QByteArray sha = unchangedHere ? p->sha256 : sha256(absolute(e.path));
        known.insert(e.path, KnownEntry{*d, sha});
        if (e.kind != QLatin1String("file"))
            continue; // a doc's text is the sync client's: its journal and the server decide
        const bool same = e.sha256.isEmpty() ? d->size == e.size : sha == e.sha256.toLatin1();
        if (same)
            continue;
        if (p != previous.cend() && !unchangedHere)
            replaced.append(e.path); // changed here since we last agreed: ours replaces the server's
        else
            downloads.append(e.id); // the server's is newer, or we never agreed: the server's copy wins
    }
    // Shared files missing here: moved while we were away (the same bytes under a
    // new name the server lacks), or restored (deleting one while the app was
    // closed does not delete it for everyone).
    QList<std::pair<QString, QString>> movedAway;
    QSet<QString> movedTo;
    for (const ServerMessage::Entry &e : tree) {
        // Docs are the sync client's: their text comes back from its journal.
        if (e.kind != QLatin1String("file") || disk.contains(e.path))
            continue;
        const auto p = previous.constFind(e.path);
        if (p != previous.cend() && !p->sha256.isEmpty()) {
            QString to;
            for (auto d = disk.cbegin(); d != disk.cend() && to.isEmpty(); ++d) {
                if (!d->folder && d->size == p->stat.size && !serverPaths.contains(d.key()) && !movedTo.contains(d.key())
                    && !previous.contains(d.key()) && sha256(absolute(d.key())) == p->sha256)
                    to = d.key();
            }
            if (!to.isEmpty()) {
                movedAway.append({e.path, to});
                movedTo.insert(to);
                known.insert(to, KnownEntry{disk[to], p->sha256});
                continue;
            }
        }
        if (!downloads.contains(e.id))
            downloads.append(e.id);
    }

    // Local paths the server lacks: created here (uploaded), or deleted on the
    // server while we were away (deleted here when unchanged since).
    QStringList localPaths = disk.keys();
    std::sort(localPaths.begin(), localPaths.end());
    QStringList created;
    QStringList deletedThere;
    for (const QString &path : std::as_const(localPaths)) {
        if (serverPaths.contains(path) || movedTo.contains(path))
            continue;
        const FileStat &d = disk[path];
        const auto p = previous.constFind(path);
        if (p != previous.cend()) {
            if (d.folder || p->stat == d)
                deletedThere.append(path);
            else
                created.append(path); // changed here after the server deleted it: the user's work is kept
        } else if (!isLocalOnly(path)) {
            created.append(path);
        }
    }
    m_known = known;
    m_serverPaths = serverPaths;
    // Files first, then folders deepest first, and a folder only when nothing of ours is left in it.
    std::sort(deletedThere.begin(), deletedThere.end(), [](const QString &a, const QString &b) { return a > b; });
    for (const QString &path : std::as_const(deletedThere)) {
        const QString target = absolute(path);
        if (disk[path].folder) {
            if (QDir(target).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
                QDir().rmdir(target);
            else if (!created.contains(path))
                created.append(path);
        } else {
            qCInfo(lcMirror) << path << "was deleted on the server while we were away; deleting it here";
            QFile::remove(target);
        }
    }
    std::sort(created.begin(), created.end());
    m_lastScan = scan(m_root);
    setWatching(true);
    watchFolders(m_lastScan);
    for (const QString &path : std::as_const(created)) {
        if (!m_lastScan.contains(path))
            continue;
        const QString why = ProjectPath::normalize(path).ok() ? QString() : ProjectPath::normalize(path).error().message;
        noteLocal(path);
        if (!why.isEmpty()) {
            if (!m_refusedLocal.contains(path)) {
                m_refusedLocal.insert(path);
                Q_EMIT localPathRefused(path, why);
            }
            continue;
        }
        Q_EMIT createdOnDisk(path, m_lastScan[path].folder);
    }
    for (const auto &[from, to] : std::as_const(movedAway))
        Q_EMIT renamedOnDisk(from, to);
    for (const QString &path : std::as_const(replaced))
        Q_EMIT replacedOnDisk(path);
    stateChanged();
    return downloads;
}

void ProjectMirror::scanNow()
{
    using namespace workingcopyscan;
    m_scanTimer.stop();
    if (!m_watching)
        return;
    const QHash<QString, FileStat> disk = scan(m_root);
    m_localOutputs = localOutputs(m_root);
    const auto absolute = [this](const QString &path) { return QDir::cleanPath(m_root + QLatin1Char('/') + path); };
    // Seen the same by the previous scan: not being written any more.
    const auto settled = [&](const QString &path) {
        const auto last = m_lastScan.constFind(path);
        return last != m_lastScan.cend() && *last == disk[path];
    };
    bool unsettled = false;
    QStringList created;
    QStringList changed;
    QStringList removed;
    for (auto it = disk.cbegin(); it != disk.cend(); ++it) {
        const QString &path = it.key();
        const auto k = m_known.find(path);
        if (k == m_known.end()) {
            if (isLocalOnly(path) || m_refusedLocal.contains(path))
                continue;
            if (settled(path))
                created.append(path);
            else
                unsettled = true;
            continue;
        }
        if (it->folder || k->stat == *it)
            continue;
        if (!settled(path)) {
            unsettled = true;
            continue;
        }
        const QByteArray sha = sha256(absolute(path));
        const bool contentChanged = sha != k->sha256;
        k->stat = *it;
        k->sha256 = sha;
        if (!contentChanged)
            continue; // touched, or written again with the same bytes
        if (isDocPath(path))
            onFileChanged(absolute(path)); // a doc: an edit (the doc's own watch may have missed a replace)
        else
            changed.append(path);
    }
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it) {
        if (disk.contains(it.key()))
            continue;
        if (m_lastScan.contains(it.key()))
            unsettled = true; // gone since the last scan: an editor's save may bring it back
        else
            removed.append(it.key());
    }

    // A delete and a create of the same content is a rename (a move); a folder
    // whose files all reappear under a new name too.
    QList<std::pair<QString, QString>> renamed;
    std::sort(removed.begin(), removed.end());
    std::sort(created.begin(), created.end());
    const auto subtree = [](const auto &map, const QString &folder) {
        QStringList out;
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            if (isUnder(it.key(), folder))
                out.append(it.key().mid(folder.size()) + QLatin1Char(':') + QString::number(it->folder ? -1 : qint64(0)));
        }
        out.sort();
        return out;
    };
    QHash<QString, FileStat> knownStats;
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it)
        knownStats.insert(it.key(), it->stat);
    const auto createdFolders = std::count_if(created.cbegin(), created.cend(), [&](const QString &p) { return disk[p].folder; });
    for (const QString &from : std::as_const(removed)) {
        const KnownEntry &k = m_known[from];
        for (const QString &to : std::as_const(created)) {
            const FileStat &d = disk[to];
            if (d.folder != k.stat.folder)
                continue;
            // An empty folder: a rename only when it is the one folder that came.
            const bool match = d.folder ? subtree(knownStats, from) == subtree(disk, to)
                                              && (!subtree(disk, to).isEmpty() || createdFolders == 1)
                                        : d.size == k.stat.size && !k.sha256.isEmpty() && sha256(absolute(to)) == k.sha256;
            if (!match)
                continue;
            renamed.append({from, to});
            break;
        }
        if (!renamed.isEmpty() && renamed.last().first == from) {
            const QString to = renamed.last().second;
            created.removeIf([&](const QString &p) { return p == to || isUnder(p, to); });
        }
    }
    for (const auto &[from, to] : std::as_const(renamed))
        removed.removeIf([&](const QString &p) { return p == from || isUnder(p, from); });
    // A removed folder takes what is under it.
    removed.removeIf([&](const QString &p) {
        return std::any_of(removed.cbegin(), removed.cend(), [&](const QString &f) { return isUnder(p, f); });
    });

    m_lastScan = disk;
    for (const auto &[from, to] : std::as_const(renamed)) {
        moveKnown(from, to);
        Q_EMIT renamedOnDisk(from, to);
    }
    for (const QString &path : std::as_const(removed)) {
        forgetKnown(path);
        Q_EMIT removedOnDisk(path);
    }
    for (const QString &path : std::as_const(created)) {
        noteLocal(path);
        const auto normalized = ProjectPath::normalize(path);
        if (!normalized.ok()) {
            if (!m_refusedLocal.contains(path)) {
                m_refusedLocal.insert(path);
                Q_EMIT localPathRefused(path, normalized.error().message);
            }
            continue;
        }
        Q_EMIT createdOnDisk(path, disk[path].folder);
    }
    for (const QString &path : std::as_const(changed))
        Q_EMIT replacedOnDisk(path);
    if (!renamed.isEmpty() || !removed.isEmpty() || !created.isEmpty() || !changed.isEmpty())
        stateChanged();
    watchFolders(disk);
    if (unsettled)
        m_scanTimer.start(scanDelayMs);
}

} // namespace coauthor::sync
