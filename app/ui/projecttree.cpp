#include "app/ui/projecttree.h"

#include <QDir>
#include <QDirIterator>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QStyledItemDelegate>
#include <QUrl>

namespace coauthor::app {

namespace {

// Shows the main document in bold with a mark after its name.
class MainDocumentDelegate : public QStyledItemDelegate
{
public:
    MainDocumentDelegate(const ProjectTree *tree)
        : QStyledItemDelegate(const_cast<ProjectTree *>(tree))
        , m_tree(tree)
    {
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QString main = m_tree->mainDocument();
        if (main.isEmpty() || m_tree->rootPath().isEmpty())
            return;
        if (m_tree->fileSystemModel()->filePath(index) == m_tree->rootPath() + u'/' + main) {
            option->font.setBold(true);
            option->text += QStringLiteral("  ") + ProjectTree::tr("(main)");
        }
    }

private:
    const ProjectTree *m_tree;
};

} // namespace

ProjectTree::ProjectTree(QWidget *parent)
    : QTreeView(parent)
    , m_model(new QFileSystemModel(this))
{
    m_model->setFilter(QDir::AllDirs | QDir::Files | QDir::NoDotAndDotDot);
    m_model->setReadOnly(true);
    header()->hide();
    setEditTriggers(NoEditTriggers);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setUniformRowHeights(true);
    setAcceptDrops(true); // files from outside (a file manager); nothing is dragged out
    setDropIndicatorShown(true);
    setAnimated(true);
    setSortingEnabled(true);
    sortByColumn(0, Qt::AscendingOrder);
    setItemDelegate(new MainDocumentDelegate(this));
    connect(this, &QTreeView::customContextMenuRequested, this, &ProjectTree::showContextMenu);
    connect(this, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (!m_model->isDir(index))
            Q_EMIT fileActivated(relativeOf(index));
    });
    setRootPath({});
}

void ProjectTree::setRootPath(const QString &path)
{
    m_root = path;
    if (path.isEmpty()) {
        // An empty root would make QFileSystemModel show the whole file system.
        QTreeView::setModel(nullptr);
        return;
    }
    if (model() != m_model) {
        QTreeView::setModel(m_model);
        for (int column = 1; column < m_model->columnCount(); ++column)
            hideColumn(column);
    }
    setRootIndex(m_model->setRootPath(path));
}

QString ProjectTree::relativeOf(const QModelIndex &index) const
{
    if (!index.isValid() || m_root.isEmpty())
        return {};
    const QString path = m_model->filePath(index);
    if (!path.startsWith(m_root + u'/'))
        return {};
    return path.mid(m_root.size() + 1);
}

QString ProjectTree::absolute(const QString &relativePath) const
{
    return relativePath.isEmpty() ? m_root : QDir(m_root).filePath(relativePath);
}

QString ProjectTree::selectedPath() const
{
    return relativeOf(currentIndex());
}

void ProjectTree::selectPath(const QString &relativePath)
{
    const QModelIndex index = m_model->index(absolute(relativePath));
    if (index.isValid()) {
        setCurrentIndex(index);
        scrollTo(index);
    }
}

void ProjectTree::setMainDocument(const QString &relativePath)
{
    if (relativePath == m_main)
        return;
    m_main = relativePath;
    viewport()->update();
}

QString ProjectTree::folderFor(const QString &relativePath) const
{
    if (relativePath.isEmpty() || QFileInfo(absolute(relativePath)).isDir())
        return relativePath;
    const int slash = relativePath.lastIndexOf(u'/');
    return slash < 0 ? QString() : relativePath.left(slash);
}

bool ProjectTree::validName(const QString &relativePath, QString *error) const
{
    const QString cleaned = QDir::cleanPath(relativePath);
    // Nothing may escape the project folder.
    if (m_root.isEmpty() || cleaned.isEmpty() || cleaned.startsWith(QLatin1String("..")) || QDir::isAbsolutePath(cleaned)
        || cleaned == QLatin1String(".")) {
        if (error)
            *error = tr("“%1” is not a valid name inside the project.").arg(relativePath);
        return false;
    }
    if (QFileInfo::exists(absolute(cleaned))) {
        if (error)
            *error = tr("“%1” already exists.").arg(cleaned);
        return false;
    }
    return true;
}

bool ProjectTree::createFile(const QString &relativePath, QString *error)
{
    if (!validName(relativePath, error))
        return false;
    const QString path = absolute(QDir::cleanPath(relativePath));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        if (error)
            *error = tr("Cannot create “%1”: %2").arg(relativePath, file.errorString());
        return false;
    }
    file.close();
    Q_EMIT fileCreated(QDir::cleanPath(relativePath));
    return true;
}

bool ProjectTree::createFolder(const QString &relativePath, QString *error)
{
    if (!validName(relativePath, error))
        return false;
    if (!QDir().mkpath(absolute(QDir::cleanPath(relativePath)))) {
        if (error)
            *error = tr("Cannot create the folder “%1”.").arg(relativePath);
        return false;
    }
    Q_EMIT pathsAdded({QDir::cleanPath(relativePath)});
    return true;
}

QString ProjectTree::newEntryPath(const QString &folder, const QString &name)
{
    const QString typed = QDir::cleanPath(name.trimmed());
    // "Chapter1/intro.tex" typed with Chapter1 selected means the project's
    // Chapter1, not Chapter1/Chapter1.
    if (folder.isEmpty() || typed == folder || typed.startsWith(folder + u'/'))
        return typed;
    return folder + u'/' + typed;
}

QStringList ProjectTree::addFiles(const QStringList &sources, const QString &folder, bool replace, QString *error)
{
    QStringList added;
    QStringList failed;
    const QString base = folder.isEmpty() ? QString() : folder + u'/';
    const auto copyOne = [&](const QString &from, const QString &relative) {
        const QString to = absolute(relative);
        const QFileInfo info(from);
        if (info.isDir()) {
            if (QDir().mkpath(to))
                added.append(relative);
            else
                failed.append(relative);
            return;
        }
        if (QFileInfo::exists(to)) {
            if (!replace)
                return;
            QFile::remove(to);
        }
        QDir().mkpath(QFileInfo(to).absolutePath());
        if (QFile::copy(from, to)) {
            // A copy keeps the source's read-only bit; the project's copy is ours to replace.
            QFile::setPermissions(to, QFile::permissions(to) | QFileDevice::WriteOwner);
            added.append(relative);
        } else {
            failed.append(relative);
        }
    };
    for (const QString &source : sources) {
        const QFileInfo info(source);
        if (!info.exists() || m_root.isEmpty() || !relativePath(source).isEmpty())
            continue; // gone, or already inside the project
        const QString top = base + info.fileName();
        copyOne(info.absoluteFilePath(), top);
        if (!info.isDir())
            continue;
        // A folder with what is in it, folders first so that they exist.
        QDirIterator it(info.absoluteFilePath(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        QStringList inner;
        while (it.hasNext())
            inner.append(it.next());
        inner.sort();
        for (const QString &from : std::as_const(inner)) {
            if (QFileInfo(from).isSymLink())
                continue;
            copyOne(from, top + from.mid(info.absoluteFilePath().size()));
        }
    }
    if (!failed.isEmpty() && error)
        *error = tr("Cannot copy %1 into the project.").arg(failed.join(QStringLiteral(", ")));
    if (!added.isEmpty())
        Q_EMIT pathsAdded(added);
    return added;
}

QString ProjectTree::relativePath(const QString &absolutePath) const
{
    const QString clean = QDir::cleanPath(QFileInfo(absolutePath).absoluteFilePath());
    if (m_root.isEmpty() || (clean != m_root && !clean.startsWith(m_root + u'/')))
        return {};
    return clean == m_root ? QStringLiteral(".") : clean.mid(m_root.size() + 1);
}

void ProjectTree::addFilesAsking(const QStringList &sources, const QString &folder)
{
    const QString base = folder.isEmpty() ? QString() : folder + u'/';
    QStringList existing;
    for (const QString &source : sources) {
        if (QFileInfo::exists(absolute(base + QFileInfo(source).fileName())))
            existing.append(base + QFileInfo(source).fileName());
    }
    bool replace = false;
    if (!existing.isEmpty()) {
        const auto answer = QMessageBox::question(
            this, tr("Add Files"),
            tr("The project already has %1. Replace with the added version?").arg(existing.join(QStringLiteral(", "))),
            QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::Yes);
        if (answer == QMessageBox::Cancel)
            return;
        replace = answer == QMessageBox::Yes;
    }
    QString error;
    addFiles(sources, folder, replace, &error);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Add Files"), error);
}

void ProjectTree::addFilesInteractive(const QString &base)
{
    if (m_root.isEmpty())
        return;
    const QString folder = folderFor(base.isEmpty() ? selectedPath() : base);
    const QString where = folder.isEmpty() ? tr("the project folder") : folder;
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add Files to %1").arg(where));
    if (!files.isEmpty())
        addFilesAsking(files, folder);
}

QStringList ProjectTree::droppedFiles(const QMimeData *mime) const
{
    QStringList files;
    if (!mime || !mime->hasUrls() || m_root.isEmpty())
        return files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && relativePath(url.toLocalFile()).isEmpty())
            files.append(url.toLocalFile());
    }
    return files;
}

void ProjectTree::dragEnterEvent(QDragEnterEvent *event)
{
    if (droppedFiles(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void ProjectTree::dragMoveEvent(QDragMoveEvent *event)
{
    if (droppedFiles(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    // Onto a folder: into it; onto a file: next to it; below the rows: the top.
    const QModelIndex index = indexAt(event->position().toPoint());
    if (index.isValid())
        setCurrentIndex(index);
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void ProjectTree::dropEvent(QDropEvent *event)
{
    const QStringList files = droppedFiles(event->mimeData());
    if (files.isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
    addFilesAsking(files, folderFor(relativeOf(indexAt(event->position().toPoint()))));
}

bool ProjectTree::renamePath(const QString &from, const QString &to, QString *error)
{
    if (from.isEmpty() || !QFileInfo::exists(absolute(from))) {
        if (error)
            *error = tr("“%1” does not exist.").arg(from);
        return false;
    }
    if (!validName(to, error))
        return false;
    const QString target = QDir::cleanPath(to);
    QDir().mkpath(QFileInfo(absolute(target)).absolutePath());
    if (!QDir().rename(absolute(from), absolute(target))) {
        if (error)
            *error = tr("Cannot rename “%1” to “%2”.").arg(from, target);
        return false;
    }
    Q_EMIT pathRenamed(from, target);
    return true;
}

bool ProjectTree::removePath(const QString &relativePath, QString *error)
{
    const QFileInfo info(absolute(relativePath));
    if (relativePath.isEmpty() || !info.exists()) {
        if (error)
            *error = tr("“%1” does not exist.").arg(relativePath);
        return false;
    }
    const bool ok = info.isDir() ? QDir(info.absoluteFilePath()).removeRecursively()
                                 : QFile::remove(info.absoluteFilePath());
    if (!ok) {
        if (error)
            *error = tr("Cannot delete “%1”.").arg(relativePath);
        return false;
    }
    Q_EMIT pathRemoved(relativePath);
    return true;
}

void ProjectTree::newFileInteractive(const QString &base)
{
    const QString folder = folderFor(base.isEmpty() ? selectedPath() : base);
    bool ok = false;
    const QString where = folder.isEmpty() ? tr("the project folder") : folder + u'/';
    const QString name = QInputDialog::getText(this, tr("New File"), tr("File name (in %1):").arg(where),
                                               QLineEdit::Normal, QStringLiteral("untitled.tex"), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    const QString relative = newEntryPath(folder, name);
    QString error;
    if (!createFile(relative, &error))
        QMessageBox::warning(this, tr("New File"), error);
}

void ProjectTree::newFolderInteractive(const QString &base)
{
    const QString folder = folderFor(base.isEmpty() ? selectedPath() : base);
    bool ok = false;
    const QString where = folder.isEmpty() ? tr("the project folder") : folder + u'/';
    const QString name = QInputDialog::getText(this, tr("New Folder"), tr("Folder name (in %1):").arg(where),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    const QString relative = newEntryPath(folder, name);
    QString error;
    if (!createFolder(relative, &error))
        QMessageBox::warning(this, tr("New Folder"), error);
}

void ProjectTree::renameInteractive(const QString &relativePath)
{
    if (relativePath.isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename"), tr("New name:"), QLineEdit::Normal,
                                               QFileInfo(relativePath).fileName(), &ok);
    if (!ok || name.trimmed().isEmpty() || name == QFileInfo(relativePath).fileName())
        return;
    const int slash = relativePath.lastIndexOf(u'/');
    const QString target = (slash < 0 ? QString() : relativePath.left(slash + 1)) + name.trimmed();
    QString error;
    if (!renamePath(relativePath, target, &error))
        QMessageBox::warning(this, tr("Rename"), error);
}

void ProjectTree::removeInteractive(const QString &relativePath)
{
    if (relativePath.isEmpty())
        return;
    const bool folder = QFileInfo(absolute(relativePath)).isDir();
    const QString question = folder ? tr("Delete the folder “%1” and everything in it?").arg(relativePath)
                                    : tr("Delete “%1”?").arg(relativePath);
    if (QMessageBox::question(this, tr("Delete"), question + u'\n' + tr("This cannot be undone."),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        != QMessageBox::Yes)
        return;
    QString error;
    if (!removePath(relativePath, &error))
        QMessageBox::warning(this, tr("Delete"), error);
}

void ProjectTree::showContextMenu(const QPoint &pos)
{
    if (m_root.isEmpty())
        return;
    const QString path = relativeOf(indexAt(pos));
    QMenu menu(this);
    menu.addAction(QIcon(QStringLiteral(":/icons/document-new.svg")), tr("New File…"), this,
                   [this, path] { newFileInteractive(path); });
    menu.addAction(QIcon(QStringLiteral(":/icons/folder.svg")), tr("New Folder…"), this,
                   [this, path] { newFolderInteractive(path); });
    const QString into = folderFor(path);
    menu.addAction(QIcon(QStringLiteral(":/icons/image.svg")),
                   into.isEmpty() ? tr("Add Files…") : tr("Add Files to %1…").arg(into), this,
                   [this, path] { addFilesInteractive(path); });
    if (!path.isEmpty()) {
        menu.addSeparator();
        if (path.endsWith(QLatin1String(".tex"), Qt::CaseInsensitive)) {
            QAction *main = menu.addAction(tr("Set as Main Document"), this, [this, path] { Q_EMIT setAsRootRequested(path); });
            main->setObjectName(QStringLiteral("setAsMainDocument"));
            main->setCheckable(true);
            main->setChecked(path == m_main);
            main->setToolTip(tr("Compile this document; saved in the project, for every collaborator"));
        }
        menu.addAction(tr("Rename…"), this, [this, path] { renameInteractive(path); });
        menu.addAction(QIcon(QStringLiteral(":/icons/delete.svg")), tr("Delete…"), this,
                       [this, path] { removeInteractive(path); });
    }
    menu.exec(viewport()->mapToGlobal(pos));
}

} // namespace coauthor::app
