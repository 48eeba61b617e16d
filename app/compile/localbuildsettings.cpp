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
    const QString path = filePath(projectRoot);
    QJsonObject object = load(path);
    object.insert(fullShellEscapeKey, on);
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
