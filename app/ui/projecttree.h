// ProjectTree: the files and folders of the project (a QFileSystemModel rooted
// at its folder), with a context menu to create, rename and delete entries and
// to choose the main document, which it shows in bold; Add Files… and drops
// from outside copy files into a folder.
#pragma once

#include <QTreeView>

class QFileSystemModel;
class QMimeData;

namespace coauthor::app {

class ProjectTree : public QTreeView
{
    Q_OBJECT
public:
    explicit ProjectTree(QWidget *parent = nullptr);

    void setRootPath(const QString &path); // empty: shows nothing
    QString rootPath() const { return m_root; }
    QFileSystemModel *fileSystemModel() const { return m_model; }
    // Project-relative path of the selected entry (empty when none or the root).
    QString selectedPath() const;
    void selectPath(const QString &relativePath);
    // The document the project compiles, shown in bold with a mark (empty: none).
    void setMainDocument(const QString &relativePath);
    QString mainDocument() const { return m_main; }

    // File operations behind the context menu, without dialogs (errors as text).
    bool createFile(const QString &relativePath, QString *error = nullptr);
    bool createFolder(const QString &relativePath, QString *error = nullptr);
    bool renamePath(const QString &from, const QString &to, QString *error = nullptr);
    bool removePath(const QString &relativePath, QString *error = nullptr);
    // Copies files and folders (absolute paths outside the project) into the
    // project folder `folder` (project-relative, empty: the top); an existing
    // entry of the same name is replaced when replace, else left alone. Returns
    // what was copied (folders before what is in them) and emits pathsAdded.
    QStringList addFiles(const QStringList &sources, const QString &folder, bool replace, QString *error = nullptr);
    // The folder a new entry or a drop goes into for the entry at relativePath
    // (itself when a folder, else its folder).
    QString folderFor(const QString &relativePath) const;
    // The path New File/Folder creates: name inside folder, unless the name
    // already starts with the folder (typed from the project's top).
    static QString newEntryPath(const QString &folder, const QString &name);

    // Dialog-driven versions, used by the menu and the File menu. `base` is the
    // folder (project-relative) where the new entry goes; empty: the selected folder.
    void newFileInteractive(const QString &base = {});
    void newFolderInteractive(const QString &base = {});
    void addFilesInteractive(const QString &base = {});
    void renameInteractive(const QString &relativePath);
    void removeInteractive(const QString &relativePath);

Q_SIGNALS:
    void fileActivated(const QString &relativePath);
    void fileCreated(const QString &relativePath);
    void pathRenamed(const QString &from, const QString &to);
    void pathRemoved(const QString &relativePath);
    void setAsRootRequested(const QString &relativePath);
    // Files or folders were copied in (Add Files…, a drop) or a folder was made.
    void pathsAdded(const QStringList &relativePaths);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QString relativeOf(const QModelIndex &index) const;
    // Project-relative path of an absolute one ("." for the root); empty when outside.
    QString relativePath(const QString &absolutePath) const;
    QString absolute(const QString &relativePath) const;
    bool validName(const QString &relativePath, QString *error) const;
    void showContextMenu(const QPoint &pos);
    // Local files from outside the project in a drag, or empty.
    QStringList droppedFiles(const QMimeData *mime) const;
    void addFilesAsking(const QStringList &sources, const QString &folder);

    QFileSystemModel *m_model = nullptr;
    QString m_root;
    QString m_main;
};

} // namespace coauthor::app
