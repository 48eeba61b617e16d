#include "app/project/projectindexer.h"

#include "app/project/project.h"
#include "app/project/textcodec.h"
#include "editor/projectindex.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QTimer>

namespace coauthor::app {

namespace {

constexpr int indexDelayMs = 250;
constexpr qint64 maxIndexedBytes = 8 * 1024 * 1024;

} // namespace

ProjectIndexer::ProjectIndexer(editor::ProjectIndex *index, QObject *parent)
    : QObject(parent)
    , m_index(index)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(indexDelayMs);
    connect(m_timer, &QTimer::timeout, this, &ProjectIndexer::flush);
}

bool ProjectIndexer::isIndexed(const QString &relativePath)
{
    const QString suffix = QFileInfo(relativePath).suffix().toLower();
    return suffix == QLatin1String("tex") || suffix == QLatin1String("bib") || suffix == QLatin1String("sty")
        || suffix == QLatin1String("cls") || suffix == QLatin1String("ltx");
}

void ProjectIndexer::indexProject(const Project &project)
{
    m_pending.clear();
    m_timer->stop();
    m_index->clear();
    m_root = project.rootPath();
    if (!project.isValid())
        return;
    const QStringList files = project.files();
    for (const QString &file : files) {
        if (isIndexed(file))
            fileChangedOnDisk(file);
    }
}

void ProjectIndexer::bufferChanged(const QString &relativePath, QPlainTextEdit *editor)
{
    if (!isIndexed(relativePath))
        return;
    m_pending.insert(relativePath, editor);
    m_timer->start();
}

void ProjectIndexer::fileChangedOnDisk(const QString &relativePath)
{
    if (m_root.isEmpty() || !isIndexed(relativePath))
        return;
    QFile file(QDir(m_root).filePath(relativePath));
    if (!file.open(QIODevice::ReadOnly) || file.size() > maxIndexedBytes)
        return;
    m_index->setFile(relativePath, decodeText(file.readAll()).text);
}

void ProjectIndexer::pathRenamed(const QString &from, const QString &to)
{
    const QStringList files = m_index->files();
    for (const QString &file : files) {
        if (file == from || file.startsWith(from + u'/')) {
            m_index->removeFile(file);
            fileChangedOnDisk(to + file.mid(from.size()));
        }
    }
}

void ProjectIndexer::pathRemoved(const QString &relativePath)
{
    const QStringList files = m_index->files();
    for (const QString &file : files) {
        if (file == relativePath || file.startsWith(relativePath + u'/'))
            m_index->removeFile(file);
    }
}

void ProjectIndexer::flush()
{
    m_timer->stop();
    const auto pending = std::exchange(m_pending, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        if (it.value())
            m_index->setFile(it.key(), it.value()->toPlainText());
    }
}

} // namespace coauthor::app
