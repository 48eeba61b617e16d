#include "app/project/projectsettingswatcher.h"

#include <QDir>
#include <QFileInfo>

namespace coauthor::app {

ProjectSettingsWatcher::ProjectSettingsWatcher(QObject *parent)
    : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(settleMs);
    connect(&m_settle, &QTimer::timeout, this, &ProjectSettingsWatcher::reload);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_settle, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_settle, qOverload<>(&QTimer::start));
}

void ProjectSettingsWatcher::setProjectRoot(const QString &projectRoot)
{
    m_settle.stop();
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_root = projectRoot;
    m_settings = projectRoot.isEmpty() ? ProjectSettings() : ProjectSettings::load(projectRoot);
    watch();
}

void ProjectSettingsWatcher::watch()
{
    if (m_root.isEmpty())
        return;
    if (!m_watcher.directories().contains(m_root))
        m_watcher.addPath(m_root);
    // A file replaced by a rename is a new file: watch it again each time.
    const QString file = QDir(m_root).filePath(ProjectSettings::fileName());
    if (QFileInfo::exists(file) && !m_watcher.files().contains(file))
        m_watcher.addPath(file);
}

bool ProjectSettingsWatcher::save(const ProjectSettings &settings, QString *error)
{
    if (m_root.isEmpty())
        return false;
    if (!settings.save(m_root, error))
        return false;
    m_settings = ProjectSettings::load(m_root);
    watch();
    return true;
}

void ProjectSettingsWatcher::reload()
{
    if (m_root.isEmpty())
        return;
    watch();
    ProjectSettings now = ProjectSettings::load(m_root);
    if (now == m_settings)
        return;
    m_settings = now;
    Q_EMIT changed(m_settings);
}

} // namespace coauthor::app
