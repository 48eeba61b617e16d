#include "app/compile/localbuildsettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace coauthor::app {

namespace {

const QLatin1String fullShellEscapeKey("fullShellEscape");
const QLatin1String keepPdfCopyKey("keepPdfCopy");
const QLatin1String lastPdfCopyKey("lastPdfCopy");

QJsonObject load(const QString &path)
{
    QFile file(path);
    // A symlink planted in .coauthor/ could point at any file; only a plain file counts.
    if (QFileInfo(path).isSymLink() || !file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.read(64 * 1024)).object();
}

} // namespace

QString LocalBuildSettings::filePath(const QString &projectRoot)
{
    return QDir(projectRoot).filePath(QStringLiteral(".coauthor/build.json"));
}

bool LocalBuildSettings::fullShellEscape(const QString &projectRoot)
{
    if (projectRoot.isEmpty())
        return false;
    return load(filePath(projectRoot)).value(fullShellEscapeKey).toBool(false);
}

bool LocalBuildSettings::setFullShellEscape(const QString &projectRoot, bool on, QString *error)
{
    return setValue(projectRoot, fullShellEscapeKey, on, error);
}

bool LocalBuildSettings::keepPdfCopy(const QString &projectRoot)
{
    if (projectRoot.isEmpty())
        return false;
    return load(filePath(projectRoot)).value(keepPdfCopyKey).toBool(false);
}

bool LocalBuildSettings::setKeepPdfCopy(const QString &projectRoot, bool on, QString *error)
{
    return setValue(projectRoot, keepPdfCopyKey, on, error);
}

std::optional<LocalBuildSettings::PdfCopy> LocalBuildSettings::lastPdfCopy(const QString &projectRoot)
{
    if (projectRoot.isEmpty())
        return std::nullopt;
    const QJsonObject o = load(filePath(projectRoot)).value(lastPdfCopyKey).toObject();
    const QString path = o.value(QLatin1String("path")).toString();
    if (path.isEmpty())
        return std::nullopt;
    return PdfCopy{path, qint64(o.value(QLatin1String("size")).toDouble()), qint64(o.value(QLatin1String("mtime")).toDouble())};
}

bool LocalBuildSettings::setLastPdfCopy(const QString &projectRoot, const std::optional<PdfCopy> &copy, QString *error)
{
    if (!copy)
        return setValue(projectRoot, lastPdfCopyKey, QJsonValue(), error);
    return setValue(projectRoot, lastPdfCopyKey,
                    QJsonObject{{QStringLiteral("path"), copy->path},
                                {QStringLiteral("size"), double(copy->size)},
                                {QStringLiteral("mtime"), double(copy->mtimeMs)}},
                    error);
}

bool LocalBuildSettings::setValue(const QString &projectRoot, const QString &key, const QJsonValue &value, QString *error)
{
    const QString path = filePath(projectRoot);
    QJsonObject object = load(path);
    if (value.isNull())
        object.remove(key);
    else
        object.insert(key, value);
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(QFileInfo(path).absolutePath());
        return false;
    }
    QSaveFile file(path);
    const QByteArray data = QJsonDocument(object).toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace coauthor::app
