#include "apptestsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>

#include <cstdio>

namespace coauthor::test {

bool captureScreen(const QString &file, const QString &window)
{
    const int code = QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), window, file});
    std::fprintf(stderr, "%s: %s\n", qPrintable(file), code == 0 ? "written" : "import failed");
    return code == 0;
}

void isolateUserState(const QString &dir)
{
    QDir().mkpath(dir + QStringLiteral("/config"));
    QDir().mkpath(dir + QStringLiteral("/cache"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir + QStringLiteral("/config"));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(dir + QStringLiteral("/cache")));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir + QStringLiteral("/config")));
}

bool copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    QDirIterator it(from, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + source.mid(from.size());
        QDir().mkpath(QFileInfo(target).absolutePath());
        if (!QFile::copy(source, target))
            return false;
    }
    return true;
}

bool copyExampleProject(const QString &target)
{
    const QString source = qEnvironmentVariable("COAUTHOR_SOURCE_DIR") + QStringLiteral("/resources/example");
    if (!QFileInfo(source).isDir())
        return false;
    return copyTree(source, target);
}

QString isolatedExampleProject(const QString &dir)
{
    isolateUserState(dir + QStringLiteral("/state"));
    const QString project = QFileInfo(dir + QStringLiteral("/paper")).absoluteFilePath();
    return copyExampleProject(project) ? project : QString();
}

} // namespace coauthor::test
