// HistoryPanel: the History dock's widgets — the changes, newest first, with the
// labels among them (who, when, which files, words added and removed); the files
// of the selection and the chosen one as it was (VersionView); the actions (Restore
// File, Restore Folder, Restore Project, Add Label, Download, Search) and search's answers. It shows
// and asks; HistoryFeature reads the history and does the work.
#pragma once

#include "sync/history/historytypes.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace coauthor::app {

class VersionView;

class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    // What the selected rows mean. One change: its own edits (fromVersion → toVersion),
    // restored to toVersion. A label alone: that version compared with the latest.
    // Two rows: the older compared with the newer, restored to the older.
    struct Selection
    {
        bool valid = false;
        bool compare = false;        // two versions, not one change
        qint64 fromVersion = 0;
        qint64 toVersion = 0;
        qint64 restoreVersion = 0;   // the version Restore brings back
        QStringList files;           // what changed between them (as far as the list knows)
        QStringList folders;         // those of files that are folders
    };

    explicit HistoryPanel(QWidget *parent = nullptr);

    using NameOf = std::function<QString(const sync::history::Author &)>;
    void setNameOf(NameOf nameOf) { m_nameOf = std::move(nameOf); }

    // Replaces the list (append: older changes under the ones shown). more: older ones exist.
    void setChanges(const QList<sync::history::Change> &changes, const QList<sync::history::Label> &labels,
                    qint64 currentVersion, bool more, bool append = false);
    void clear();
    int changeCount() const;
    // Selects rows by the versions they end at (a change's toVersion, a label's version).
    bool selectVersions(const QList<qint64> &versions);
    Selection selection() const;
    // The versions the selected rows end at, newest first.
    QList<qint64> selectedVersions() const;

    // The files of the selection, one chosen (fileChosen when the user picks another).
    void setFiles(const QStringList &files, const QString &current);
    QString currentFile() const;
    // The chosen path when it is a folder the selection changed (deleted …), else the chosen
    // file's folder ("chapters/figures"); empty for a file at the project's top.
    QString currentFolder() const;
    VersionView *versionView() const { return m_view; }
    // Who the marks shown belong to, in their colours, above the view.
    void setLegend(const QList<sync::history::Author> &authors);

    void setSearchResults(const sync::history::SearchResult &result);
    void setStatus(const QString &text);
    QString status() const;

    QTreeWidget *changesList() const { return m_changes; }
    QTreeWidget *searchList() const { return m_hits; }

Q_SIGNALS:
    void selectionChanged();
    void fileChosen(const QString &path);
    void loadMoreRequested();
    void restoreFileRequested();
    void restoreFolderRequested();
    void restoreProjectRequested();
    void addLabelRequested();
    void downloadRequested();
    void searchRequested(const QString &text);
    // A search answer was activated: show path from fromVersion to toVersion.
    void searchHitActivated(const QString &path, qint64 fromVersion, qint64 toVersion);

private:
    QTreeWidgetItem *changeItem(const sync::history::Change &change) const;
    QTreeWidgetItem *labelItem(const sync::history::Label &label) const;
    QString names(const QList<sync::history::Author> &authors) const;
    void updateActions();

    NameOf m_nameOf;
    QTreeWidget *m_changes;
    QPushButton *m_more;
    QComboBox *m_files;
    VersionView *m_view;
    QLabel *m_legend;
    QLabel *m_status;
    QLineEdit *m_search;
    QTreeWidget *m_hits;
    QPushButton *m_restoreFile;
    QPushButton *m_restoreFolder;
    QPushButton *m_restoreProject;
    QPushButton *m_addLabel;
    QPushButton *m_download;
    qint64 m_currentVersion = 0;
};

} // namespace coauthor::app
