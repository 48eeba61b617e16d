#include "editor/outlineview.h"

#include <QHeaderView>
#include <QSet>

namespace coauthor::editor {

namespace {

constexpr int FileRole = Qt::UserRole;
constexpr int LineRole = Qt::UserRole + 1;
constexpr int LevelRole = Qt::UserRole + 2;

// Identifies an item across rebuilds by the chain of titles leading to it.
QString itemPath(const QTreeWidgetItem *item)
{
    QString path;
    for (const QTreeWidgetItem *i = item; i; i = i->parent())
        path.prepend(i->text(0) + u'\x1f');
    return path;
}

} // namespace

OutlineView::OutlineView(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(1);
    setHeaderHidden(true);
    setUniformRowHeights(true);
    setExpandsOnDoubleClick(false);
    setAccessibleName(tr("Document outline"));
    connect(this, &QTreeWidget::itemActivated, this, &OutlineView::onItemActivated);
    connect(this, &QTreeWidget::itemClicked, this, &OutlineView::onItemActivated);
}

void OutlineView::setEntries(const QList<OutlineEntry> &entries)
{
    if (entries == m_entries)
        return;
    QSet<QString> collapsed;
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        if ((*it)->childCount() > 0 && !(*it)->isExpanded())
            collapsed.insert(itemPath(*it));
    }
    const QString currentPath = currentItem() ? itemPath(currentItem()) : QString();

    m_entries = entries;
    setUpdatesEnabled(false);
    clear();
    // Stack of open items by level: an entry becomes the child of the
    // nearest preceding entry with a smaller level (a section directly under
    // a part when there is no chapter).
    QList<QTreeWidgetItem *> stack;
    for (const OutlineEntry &e : entries) {
        while (!stack.isEmpty() && stack.last()->data(0, LevelRole).toInt() >= e.level)
            stack.removeLast();
        auto *item = stack.isEmpty() ? new QTreeWidgetItem(this) : new QTreeWidgetItem(stack.last());
        item->setText(0, e.title.isEmpty() ? tr("(untitled)") : e.title);
        item->setToolTip(0, tr("%1, line %2").arg(e.file).arg(e.line));
        item->setData(0, FileRole, e.file);
        item->setData(0, LineRole, e.line);
        item->setData(0, LevelRole, e.level);
        if (e.level <= 1) {
            QFont f = font();
            f.setBold(true);
            item->setFont(0, f);
        }
        stack.append(item);
    }
    // Children before parents: expanding a child would expand its parents again.
    QList<QTreeWidgetItem *> items;
    for (QTreeWidgetItemIterator it(this); *it; ++it)
        items.append(*it);
    for (qsizetype i = items.size() - 1; i >= 0; --i) {
        QTreeWidgetItem *item = items.at(i);
        const QString path = itemPath(item);
        item->setExpanded(!collapsed.contains(path));
        if (!currentPath.isEmpty() && path == currentPath)
            setCurrentItem(item);
    }
    setUpdatesEnabled(true);
}

QList<OutlineEntry> OutlineView::entries() const
{
    return m_entries;
}

void OutlineView::onItemActivated(QTreeWidgetItem *item)
{
    if (!item)
        return;
    Q_EMIT entryActivated(item->data(0, FileRole).toString(), item->data(0, LineRole).toInt());
}

} // namespace coauthor::editor
