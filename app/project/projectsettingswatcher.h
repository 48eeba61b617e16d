// ProjectSettingsWatcher: the open project's ProjectSettings, read again when
// .coauthor-project.json changes on disk — written by this app, by another program,
// or by the sync mirror when a collaborator changed it (the mirror replaces the
// file atomically, so the folder is watched too, not only the file).
#pragma once

#include "app/project/projectsettings.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace coauthor::app {

class ProjectSettingsWatcher : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProjectSettingsWatcher)

public:
    static constexpr int settleMs = 150; // a burst of file events is read once

    explicit ProjectSettingsWatcher(QObject *parent = nullptr);

    // Starts over with another project (empty: none) and reads its settings now, without changed().
    void setProjectRoot(const QString &projectRoot);
    QString projectRoot() const { return m_root; }
    const ProjectSettings &settings() const { return m_settings; }
    // Writes settings to the project's file and takes them as current (no changed() for this write).
    bool save(const ProjectSettings &settings, QString *error = nullptr);
    // Reads the file again now; emits changed() when it differs.
    void reload();

Q_SIGNALS:
    void changed(const coauthor::app::ProjectSettings &settings);

private:
    void watch();

    QString m_root;
    ProjectSettings m_settings;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
};

} // namespace coauthor::app
