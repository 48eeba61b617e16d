// OutlineView: the document outline as a tree (part > chapter > section ...);
// activating an entry asks the app to open that file at that line.
#pragma once

#include "editor/outlineentry.h"

#include <QTreeWidget>

namespace coauthor::editor {

class OutlineView : public QTreeWidget
{
    Q_OBJECT
public:
    explicit OutlineView(QWidget *parent = nullptr);

    // Rebuilds the tree; entries collapsed by the user stay collapsed when
    // the same titles come back (the outline is refreshed on every edit).
    void setEntries(const QList<OutlineEntry> &entries);
    QList<OutlineEntry> entries() const;

Q_SIGNALS:
    void entryActivated(const QString &file, int line);

private:
    void onItemActivated(QTreeWidgetItem *item);

    QList<OutlineEntry> m_entries;
};

} // namespace coauthor::editor
