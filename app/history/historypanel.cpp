#include "app/history/historypanel.h"

#include "app/history/versionview.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace coauthor::app {

namespace h = sync::history;

namespace {

enum Role { KindRole = Qt::UserRole, FromRole, ToRole, FilesRole, FoldersRole };
enum RowKind { ChangeRow, LabelRow };
enum Column { WhenColumn, WhoColumn, FilesColumn, WordsColumn };

// Today's changes by their time, older ones with their date: short enough for a narrow column.
QString when(qint64 msecs)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(msecs);
    const QString time = QLocale().toString(at.time(), QLocale::ShortFormat);
    if (at.date() == QDate::currentDate())
        return time;
    return QLocale().toString(at.date(), QLocale::ShortFormat) + u' ' + time;
}

QString whenExactly(qint64 msecs)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msecs), QLocale::LongFormat);
}

QString fileText(const h::FileChange &file)
{
    if (file.has(h::FileChange::Kind::Deleted))
        return HistoryPanel::tr("%1 (deleted)").arg(file.path);
    if (file.has(h::FileChange::Kind::Created))
        return HistoryPanel::tr("%1 (new)").arg(file.path);
    if (file.has(h::FileChange::Kind::Renamed))
        return HistoryPanel::tr("%1 → %2").arg(file.oldPath, file.path);
    return file.path;
}

} // namespace

HistoryPanel::HistoryPanel(QWidget *parent)
    : QWidget(parent)
    , m_changes(new QTreeWidget(this))
    , m_more(new QPushButton(tr("Older Changes"), this))
    , m_files(new QComboBox(this))
    , m_view(new VersionView(this))
    , m_legend(new QLabel(this))
    , m_status(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_hits(new QTreeWidget(this))
    , m_restoreFile(new QPushButton(tr("Restore &File"), this))
    , m_restoreFolder(new QPushButton(tr("Restore F&older"), this))
    , m_restoreProject(new QPushButton(tr("Restore &Project"), this))
    , m_addLabel(new QPushButton(tr("Add &Label…"), this))
    , m_download(new QPushButton(tr("&Download…"), this))
{
    m_nameOf = [](const h::Author &author) { return author.name; };
    m_changes->setObjectName(QStringLiteral("historyChanges"));
    m_changes->setHeaderLabels({tr("When"), tr("Who"), tr("Files"), tr("Words")});
    m_changes->setRootIsDecorated(false);
    m_changes->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_changes->setUniformRowHeights(true);
    m_changes->header()->setStretchLastSection(false);
    m_changes->header()->setSectionResizeMode(FilesColumn, QHeaderView::Stretch);
    m_changes->setToolTip(tr("Select a change to see what it did; select two to compare those versions"));

    m_search->setPlaceholderText(tr("Search the history (where did this sentence go?)"));
    m_search->setClearButtonEnabled(true);
    m_hits->setObjectName(QStringLiteral("historySearchResults"));
    m_hits->setHeaderLabels({tr("File"), tr("Appears"), tr("Disappears"), tr("Text")});
    m_hits->setRootIsDecorated(false);
    m_hits->hide();

    m_restoreFile->setToolTip(tr("Bring this file back as it was, as new edits (Undo takes them back)"));
    m_restoreProject->setToolTip(tr("Bring every file back as it was at this version, as new edits"));
    m_download->setToolTip(tr("Save the project as it was at this version as a .zip file"));
    m_files->setObjectName(QStringLiteral("historyFiles"));
    m_files->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_legend->setTextFormat(Qt::RichText);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_hits, 1);
    leftLayout->addWidget(m_changes, 3);
    leftLayout->addWidget(m_more);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(m_files);
    top->addWidget(m_legend, 1);
    rightLayout->addLayout(top);
    rightLayout->addWidget(m_view, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    m_restoreFolder->setObjectName(QStringLiteral("historyRestoreFolder"));
    for (QPushButton *button : {m_restoreFile, m_restoreFolder, m_restoreProject, m_addLabel, m_download})
        buttons->addWidget(button);
    rightLayout->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_changes, &QTreeWidget::itemSelectionChanged, this, [this] {
        updateActions();
        Q_EMIT selectionChanged();
    });
    connect(m_files, &QComboBox::activated, this, [this] {
        updateActions(); // Restore Folder names the chosen file's folder
        Q_EMIT fileChosen(currentFile());
    });
    connect(m_more, &QPushButton::clicked, this, &HistoryPanel::loadMoreRequested);
    connect(m_restoreFile, &QPushButton::clicked, this, &HistoryPanel::restoreFileRequested);
    connect(m_restoreFolder, &QPushButton::clicked, this, &HistoryPanel::restoreFolderRequested);
    connect(m_restoreProject, &QPushButton::clicked, this, &HistoryPanel::restoreProjectRequested);
    connect(m_addLabel, &QPushButton::clicked, this, &HistoryPanel::addLabelRequested);
    connect(m_download, &QPushButton::clicked, this, &HistoryPanel::downloadRequested);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_search->text().trimmed().isEmpty()) {
            m_hits->hide();
            return;
        }
        Q_EMIT searchRequested(m_search->text());
    });
    connect(m_hits, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        Q_EMIT searchHitActivated(item->text(0), item->data(0, FromRole).toLongLong(), item->data(0, ToRole).toLongLong());
    });
    clear();
}

QString HistoryPanel::names(const QList<h::Author> &authors) const
{
    QStringList out;
    for (const h::Author &author : authors)
        out << m_nameOf(author);
    return out.join(QStringLiteral(", "));
}

QTreeWidgetItem *HistoryPanel::changeItem(const h::Change &change) const
{
    auto *item = new QTreeWidgetItem;
    QStringList files;
    QStringList folders;
    QStringList shown;
    qint64 added = 0;
    qint64 removed = 0;
    for (const h::FileChange &file : change.files) {
        files << file.path;
        if (file.entryKind == sync::TreeEntry::Kind::Folder)
            folders << file.path;
        shown << fileText(file);
        added += file.wordsAdded;
        removed += file.wordsRemoved;
    }
    item->setText(WhenColumn, when(change.endedAt));
    item->setToolTip(WhenColumn, tr("%1 – %2").arg(whenExactly(change.startedAt), whenExactly(change.endedAt)));
    item->setText(WhoColumn, names(change.authors));
    item->setText(FilesColumn, shown.join(QStringLiteral(", ")));
    item->setToolTip(FilesColumn, shown.join(u'\n'));
    item->setText(WordsColumn, tr("+%1 −%2").arg(added).arg(removed));
    if (!change.authors.isEmpty())
        item->setForeground(WhoColumn, VersionView::colorFor(change.authors.first().memberId).darker(130));
    item->setData(0, KindRole, ChangeRow);
    item->setData(0, FromRole, change.fromVersion);
    item->setData(0, ToRole, change.toVersion);
    item->setData(0, FilesRole, files);
    item->setData(0, FoldersRole, folders);
    return item;
}

QTreeWidgetItem *HistoryPanel::labelItem(const h::Label &label) const
{
    auto *item = new QTreeWidgetItem;
    item->setText(WhenColumn, when(label.createdAt));
    item->setText(WhoColumn, m_nameOf(label.author));
    item->setText(FilesColumn, tr("Label: %1").arg(label.name));
    QFont bold = item->font(FilesColumn);
    bold.setBold(true);
    for (int column = 0; column < 4; ++column) {
        item->setFont(column, bold);
        item->setBackground(column, QColor(0xff, 0xf4, 0xce));
    }
    item->setData(0, KindRole, LabelRow);
    item->setData(0, FromRole, label.version);
    item->setData(0, ToRole, label.version);
    return item;
}

void HistoryPanel::clear()
{
    m_changes->clear();
    m_files->clear();
    m_view->showText(QString());
    m_legend->clear();
    m_hits->clear();
    m_hits->hide();
    m_more->hide();
    m_currentVersion = 0;
    updateActions();
}

void HistoryPanel::setChanges(const QList<h::Change> &changes, const QList<h::Label> &labels, qint64 currentVersion,
                              bool more, bool append)
{
    if (!append) {
        m_changes->clear();
        m_currentVersion = currentVersion;
    }
    // Labels sit above the change whose version they name (and are listed once).
    QList<h::Label> pending = labels;
    std::sort(pending.begin(), pending.end(), [](const h::Label &a, const h::Label &b) { return a.version > b.version; });
    QSet<qint64> shown;
    for (int i = 0; i < m_changes->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_changes->topLevelItem(i);
        if (item->data(0, KindRole).toInt() == LabelRow)
            shown.insert(item->data(0, ToRole).toLongLong() * 1000003 + qHash(item->text(FilesColumn)));
    }
    auto addLabelsFrom = [&](qint64 version) {
        while (!pending.isEmpty() && pending.first().version >= version) {
            const h::Label label = pending.takeFirst();
            QTreeWidgetItem *item = labelItem(label);
            const qint64 key = label.version * 1000003 + qHash(item->text(FilesColumn));
            if (shown.contains(key)) {
                delete item;
                continue;
            }
            shown.insert(key);
            m_changes->addTopLevelItem(item);
        }
    };
    for (const h::Change &change : changes) {
        addLabelsFrom(change.toVersion);
        m_changes->addTopLevelItem(changeItem(change));
    }
    if (!more)
        addLabelsFrom(0);
    m_more->setVisible(more);
    for (int column : {WhenColumn, WhoColumn, WordsColumn})
        m_changes->resizeColumnToContents(column);
    updateActions();
}

int HistoryPanel::changeCount() const
{
    int count = 0;
    for (int i = 0; i < m_changes->topLevelItemCount(); ++i)
        count += m_changes->topLevelItem(i)->data(0, KindRole).toInt() == ChangeRow;
    return count;
}

bool HistoryPanel::selectVersions(const QList<qint64> &versions)
{
    m_changes->clearSelection();
    int found = 0;
    QTreeWidgetItem *first = nullptr;
    for (int i = 0; i < m_changes->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_changes->topLevelItem(i);
        if (versions.contains(item->data(0, ToRole).toLongLong()) && found < versions.size()) {
            item->setSelected(true);
            first = first ? first : item;
            ++found;
        }
    }
    if (first)
        m_changes->scrollToItem(first);
    return found == versions.size();
}

QList<qint64> HistoryPanel::selectedVersions() const
{
    QList<qint64> versions;
    for (const QTreeWidgetItem *item : m_changes->selectedItems())
        versions << item->data(0, ToRole).toLongLong();
    std::sort(versions.begin(), versions.end(), std::greater<>());
    return versions;
}

HistoryPanel::Selection HistoryPanel::selection() const
{
    Selection s;
    QList<QTreeWidgetItem *> items = m_changes->selectedItems();
    if (items.isEmpty() || items.size() > 2)
        return s;
    // Newest first, as listed.
    std::sort(items.begin(), items.end(), [this](QTreeWidgetItem *a, QTreeWidgetItem *b) {
        return m_changes->indexOfTopLevelItem(a) < m_changes->indexOfTopLevelItem(b);
    });
    s.valid = true;
    if (items.size() == 1 && items.first()->data(0, KindRole).toInt() == ChangeRow) {
        s.fromVersion = items.first()->data(0, FromRole).toLongLong();
        s.toVersion = items.first()->data(0, ToRole).toLongLong();
        s.restoreVersion = s.toVersion;
        s.files = items.first()->data(0, FilesRole).toStringList();
        s.folders = items.first()->data(0, FoldersRole).toStringList();
        return s;
    }
    s.compare = true;
    const qint64 newer = items.size() == 2 ? items.first()->data(0, ToRole).toLongLong() : m_currentVersion;
    const qint64 older = items.last()->data(0, ToRole).toLongLong();
    s.fromVersion = older;
    s.toVersion = newer;
    s.restoreVersion = older;
    // What the listed changes between the two touched.
    for (int i = 0; i < m_changes->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_changes->topLevelItem(i);
        const qint64 to = item->data(0, ToRole).toLongLong();
        if (item->data(0, KindRole).toInt() != ChangeRow || to <= older || to > newer)
            continue;
        for (const QString &file : item->data(0, FilesRole).toStringList()) {
            if (!s.files.contains(file))
                s.files << file;
        }
        for (const QString &folder : item->data(0, FoldersRole).toStringList()) {
            if (!s.folders.contains(folder))
                s.folders << folder;
        }
    }
    s.files.sort();
    return s;
}

void HistoryPanel::setFiles(const QStringList &files, const QString &current)
{
    m_files->clear();
    m_files->addItems(files);
    m_files->setCurrentIndex(std::max(0, int(files.indexOf(current))));
    m_files->setEnabled(!files.isEmpty());
    updateActions();
}

QString HistoryPanel::currentFile() const
{
    return m_files->currentText();
}

QString HistoryPanel::currentFolder() const
{
    const QString path = currentFile();
    if (!path.isEmpty() && selection().folders.contains(path))
        return path; // the change created, renamed or deleted the folder itself
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash > 0 ? path.left(slash) : QString();
}

void HistoryPanel::setLegend(const QList<h::Author> &authors)
{
    QStringList parts;
    for (const h::Author &author : authors) {
        QColor colour = VersionView::colorFor(author.memberId);
        parts << QStringLiteral("<span style=\"background:%1\">&nbsp;&nbsp;&nbsp;</span> %2")
                     .arg(colour.name(), m_nameOf(author).toHtmlEscaped());
    }
    m_legend->setText(parts.join(QStringLiteral("&nbsp;&nbsp;")));
}

void HistoryPanel::setSearchResults(const h::SearchResult &result)
{
    m_hits->clear();
    for (const h::SearchHit &hit : result.hits) {
        auto *item = new QTreeWidgetItem(m_hits);
        item->setText(0, hit.path);
        QStringList appears;
        for (qint64 v : hit.appearsAt)
            appears << QString::number(v);
        QStringList gone;
        for (qint64 v : hit.disappearsAt)
            gone << QString::number(v);
        item->setText(1, appears.join(QStringLiteral(", ")));
        item->setText(2, hit.presentNow ? (gone.isEmpty() ? tr("still there") : gone.join(QStringLiteral(", ")) + u' '
                                                                                    + tr("(back now)"))
                                        : gone.join(QStringLiteral(", ")));
        item->setText(3, hit.context.simplified());
        // Activating it shows where it went: the last disappearance, else where it appeared.
        const qint64 at = !hit.disappearsAt.isEmpty() ? hit.disappearsAt.last()
                                                      : (hit.appearsAt.isEmpty() ? 0 : hit.appearsAt.first());
        item->setData(0, FromRole, std::max<qint64>(0, at - 1));
        item->setData(0, ToRole, at);
    }
    m_hits->setVisible(true);
    for (int column = 0; column < 3; ++column)
        m_hits->resizeColumnToContents(column);
    setStatus(result.hits.isEmpty() ? tr("Not found in the history.")
                                    : tr("Found in %n file(s).", nullptr, int(result.hits.size()))
                                          + (result.truncated ? u' ' + tr("(more not listed)") : QString()));
}

void HistoryPanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

QString HistoryPanel::status() const
{
    return m_status->text();
}

void HistoryPanel::updateActions()
{
    const Selection s = selection();
    const bool file = s.valid && !currentFile().isEmpty();
    m_restoreFile->setEnabled(file);
    const QString folder = s.valid ? currentFolder() : QString();
    m_restoreFolder->setEnabled(!folder.isEmpty());
    m_restoreFolder->setToolTip(folder.isEmpty()
                                    ? tr("Bring back every file of the chosen file's folder as it was, in one go")
                                    : tr("Bring back every file of %1 as it was, in one go (a deleted folder comes "
                                         "back whole; files made in it since stay)")
                                          .arg(folder));
    m_restoreProject->setEnabled(s.valid);
    m_download->setEnabled(s.valid);
    m_addLabel->setEnabled(m_changes->topLevelItemCount() > 0);
}

} // namespace coauthor::app
