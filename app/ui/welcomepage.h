// WelcomePage: what the window shows when no project is open: open a folder,
// join a project someone shared, or pick one of the recent projects.
#pragma once

#include <QWidget>

class QListWidget;

namespace coauthor::app {

class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    void setRecentProjects(const QStringList &paths);

Q_SIGNALS:
    void openFolderRequested();
    void openSharedRequested();
    void openProjectRequested(const QString &path);

private:
    QListWidget *m_recent = nullptr;
};

} // namespace coauthor::app
