#include "app/project/sessionstore.h"

#include <QFileInfo>
#include <QSettings>

namespace coauthor::app {

namespace {

QString projectKey(const QString &projectId, const char *name)
{
    return QStringLiteral("projects/") + projectId + u'/' + QLatin1String(name);
}

} // namespace

QString SessionStore::lastProject()
{
    const QString path = QSettings().value(QStringLiteral("session/lastProject")).toString();
    return QFileInfo(path).isDir() ? path : QString();
}

SessionStore::WindowLayout SessionStore::windowLayout()
{
    const QSettings s;
    return {s.value(QStringLiteral("window/geometry")).toByteArray(), s.value(QStringLiteral("window/state")).toByteArray(),
            s.value(QStringLiteral("window/splitter")).toByteArray()};
}

void SessionStore::saveWindowGeometry(const QByteArray &geometry)
{
    QSettings().setValue(QStringLiteral("window/geometry"), geometry);
}

void SessionStore::saveWindowLayout(const QByteArray &state, const QByteArray &splitter)
{
    QSettings s;
    s.setValue(QStringLiteral("window/state"), state);
    s.setValue(QStringLiteral("window/splitter"), splitter);
}

QStringList SessionStore::recentProjects()
{
    QStringList out;
    const QStringList all = QSettings().value(QStringLiteral("session/recentProjects")).toStringList();
    for (const QString &path : all) {
        if (QFileInfo(path).isDir())
            out << path;
    }
    return out;
}

void SessionStore::noteProjectOpened(const QString &path)
{
    QSettings s;
    QStringList recent = s.value(QStringLiteral("session/recentProjects")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > maxRecentProjects)
        recent.removeLast();
    s.setValue(QStringLiteral("session/recentProjects"), recent);
    s.setValue(QStringLiteral("session/lastProject"), path);
}

void SessionStore::noteProjectClosed()
{
    QSettings().remove(QStringLiteral("session/lastProject"));
}

void SessionStore::removeRecentProject(const QString &path)
{
    QSettings s;
    QStringList recent = s.value(QStringLiteral("session/recentProjects")).toStringList();
    recent.removeAll(path);
    s.setValue(QStringLiteral("session/recentProjects"), recent);
}

void SessionStore::clearRecentProjects()
{
    QSettings().remove(QStringLiteral("session/recentProjects"));
}

SessionStore::ProjectSession SessionStore::projectSession(const QString &projectId)
{
    QSettings s;
    ProjectSession session;
    const int n = s.beginReadArray(projectKey(projectId, "openFiles"));
    for (int i = 0; i < n; ++i) {
        s.setArrayIndex(i);
        OpenFile f;
        f.path = s.value(QStringLiteral("path")).toString();
        f.line = qMax(1, s.value(QStringLiteral("line"), 1).toInt());
        f.column = qMax(1, s.value(QStringLiteral("column"), 1).toInt());
        if (!f.path.isEmpty())
            session.openFiles << f;
    }
    s.endArray();
    session.currentFile = s.value(projectKey(projectId, "currentFile")).toString();
    return session;
}

void SessionStore::saveProjectSession(const QString &projectId, const ProjectSession &session)
{
    QSettings s;
    s.remove(projectKey(projectId, "openFiles"));
    s.beginWriteArray(projectKey(projectId, "openFiles"), int(session.openFiles.size()));
    for (int i = 0; i < session.openFiles.size(); ++i) {
        s.setArrayIndex(i);
        s.setValue(QStringLiteral("path"), session.openFiles[i].path);
        s.setValue(QStringLiteral("line"), session.openFiles[i].line);
        s.setValue(QStringLiteral("column"), session.openFiles[i].column);
    }
    s.endArray();
    s.setValue(projectKey(projectId, "currentFile"), session.currentFile);
}

QString SessionStore::rootDocument(const QString &projectId)
{
    return QSettings().value(projectKey(projectId, "rootDocument")).toString();
}

void SessionStore::setRootDocument(const QString &projectId, const QString &relativePath)
{
    QSettings().setValue(projectKey(projectId, "rootDocument"), relativePath);
}

bool SessionStore::workOffline(const QString &projectId)
{
    return QSettings().value(projectKey(projectId, "workOffline"), false).toBool();
}

void SessionStore::setWorkOffline(const QString &projectId, bool offline)
{
    if (offline)
        QSettings().setValue(projectKey(projectId, "workOffline"), true);
    else
        QSettings().remove(projectKey(projectId, "workOffline"));
}

} // namespace coauthor::app
