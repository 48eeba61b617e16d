#include "sync/client/workingcopyscan.h"

#include "sync/protocol/projectpath.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace coauthor::sync::workingcopyscan {

namespace {

FileStat statOf(const QFileInfo &info)
{
    FileStat s;
    s.folder = info.isDir();
    if (!s.folder) {
        s.size = info.size();
        s.mtimeMs = info.lastModified().toMSecsSinceEpoch();
    }
    return s;
}

bool skipped(const QString &name)
{
    // Never the app's metadata (.coauthor) nor a repository's.
    return name.compare(ProjectPath::metadataFolder(), Qt::CaseInsensitive) == 0
           || name.compare(QLatin1String(".git"), Qt::CaseInsensitive) == 0;
}

void scanFolder(const QString &root, const QString &relative, QHash<QString, FileStat> &out)
{
    const QDir dir(relative.isEmpty() ? root : root + QLatin1Char('/') + relative);
    const QFileInfoList entries = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo &info : entries) {
        if (info.isSymLink() || skipped(info.fileName()))
            continue;
        const QString path = relative.isEmpty() ? info.fileName() : relative + QLatin1Char('/') + info.fileName();
        out.insert(path, statOf(info));
        if (info.isDir())
            scanFolder(root, path, out);
    }
}

} // namespace

QHash<QString, FileStat> scan(const QString &root)
{
    QHash<QString, FileStat> out;
    scanFolder(QDir::cleanPath(root), {}, out);
    return out;
}

bool stat(const QString &absolutePath, FileStat *out)
{
    const QFileInfo info(absolutePath);
    if (!info.exists() || info.isSymLink())
        return false;
    *out = statOf(info);
    return true;
}

QByteArray sha256(const QString &absolutePath)
{
    QFile file(absolutePath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QHash<QString, KnownEntry> loadState(const QString &file)
{
    QHash<QString, KnownEntry> state;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return state;
    const QJsonArray entries = QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("entries")).toArray();
    for (const QJsonValue &v : entries) {
        const QJsonObject o = v.toObject();
        const QString path = o.value(QLatin1String("path")).toString();
        if (path.isEmpty())
            continue;
        KnownEntry e;
        e.stat.folder = o.value(QLatin1String("folder")).toBool();
        e.stat.size = qint64(o.value(QLatin1String("size")).toDouble());
        e.stat.mtimeMs = qint64(o.value(QLatin1String("mtime")).toDouble());
        e.sha256 = o.value(QLatin1String("sha256")).toString().toLatin1();
        state.insert(path, e);
    }
    return state;
}

bool saveState(const QString &file, const QHash<QString, KnownEntry> &state)
{
    QJsonArray entries;
    QStringList paths = state.keys();
    paths.sort();
    for (const QString &path : std::as_const(paths)) {
        const KnownEntry &e = state[path];
        QJsonObject o{{QStringLiteral("path"), path}};
        if (e.stat.folder) {
            o.insert(QLatin1String("folder"), true);
        } else {
            o.insert(QLatin1String("size"), double(e.stat.size));
            o.insert(QLatin1String("mtime"), double(e.stat.mtimeMs));
            o.insert(QLatin1String("sha256"), QString::fromLatin1(e.sha256));
        }
        entries.append(o);
    }
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("entries"), entries}})
                .toJson(QJsonDocument::Compact));
    return f.commit();
}

QString localOutputsFile(const QString &root)
{
    return QDir::cleanPath(root) + QLatin1Char('/') + ProjectPath::metadataFolder() + QStringLiteral("/local-outputs.json");
}

QSet<QString> localOutputs(const QString &root)
{
    QSet<QString> paths;
    const QString path = localOutputsFile(root);
    QFile f(path);
    if (QFileInfo(path).isSymLink() || !f.open(QIODevice::ReadOnly))
        return paths;
    const QJsonArray list = QJsonDocument::fromJson(f.read(256 * 1024)).object().value(QLatin1String("paths")).toArray();
    for (const QJsonValue &v : list) {
        if (!v.toString().isEmpty())
            paths.insert(v.toString());
    }
    return paths;
}

bool setLocalOutput(const QString &root, const QString &path, bool on)
{
    QSet<QString> paths = localOutputs(root);
    if (paths.contains(path) == on)
        return true;
    if (on)
        paths.insert(path);
    else
        paths.remove(path);
    QStringList sorted(paths.cbegin(), paths.cend());
    sorted.sort();
    const QString file = localOutputsFile(root);
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("paths"), QJsonArray::fromStringList(sorted)}}).toJson());
    return f.commit();
}

} // namespace coauthor::sync::workingcopyscan
