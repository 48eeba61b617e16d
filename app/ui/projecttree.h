// ProjectTree: the files and folders of the project (a QFileSystemModel rooted
// at its folder), with a context menu to create, rename and delete entries and
// to choose the main document, which it shows in bold.
#pragma once

#include <QTreeView>

class QFileSystemModel;

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

    // Dialog-driven versions, used by the menu and the File menu. `base` is the
    // folder (project-relative) where the new entry goes; empty: the selected folder.
    void newFileInteractive(const QString &base = {});
    void newFolderInteractive(const QString &base = {});
    void renameInteractive(const QString &relativePath);
    void removeInteractive(const QString &relativePath);

Q_SIGNALS:
    void fileActivated(const QString &relativePath);
    void fileCreated(const QString &relativePath);
    void pathRenamed(const QString &from, const QString &to);
    void pathRemoved(const QString &relativePath);
    void setAsRootRequested(const QString &relativePath);

private:
    QString relativeOf(const QModelIndex &index) const;
    QString folderFor(const QString &relativePath) const;
    QString absolute(const QString &relativePath) const;
    bool validName(const QString &relativePath, QString *error) const;
    void showContextMenu(const QPoint &pos);

    QFileSystemModel *m_model = nullptr;
    QString m_root;
    QString m_main;
};

} // namespace coauthor::app
