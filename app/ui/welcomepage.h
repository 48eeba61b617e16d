// WelcomePage: what the window shows when no project is open: start a project from
// a template, open a folder, join a project someone shared, or pick a recent one.
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
    void newProjectRequested();
    void openFolderRequested();
    void openSharedRequested();
    void openProjectRequested(const QString &path);

private:
    QListWidget *m_recent = nullptr;
};

} // namespace coauthor::app
