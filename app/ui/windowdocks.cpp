#include "app/ui/windowdocks.h"

#include "app/ui/projecttree.h"
#include "editor/outlineview.h"

#include <QDockWidget>
#include <QMainWindow>

namespace coauthor::app {

WindowDocks::WindowDocks(QMainWindow *window)
    : QObject(window)
{
    window->setDockNestingEnabled(true);
    m_tree = new ProjectTree(window);
    auto *treeDock = new QDockWidget(tr("Project"), window);
    treeDock->setObjectName(QStringLiteral("projectDock"));
    treeDock->setWidget(m_tree);
    window->addDockWidget(Qt::LeftDockWidgetArea, treeDock);

    m_outline = new editor::OutlineView(window);
    auto *outlineDock = new QDockWidget(tr("Outline"), window);
    outlineDock->setObjectName(QStringLiteral("outlineDock"));
    outlineDock->setWidget(m_outline);
    window->addDockWidget(Qt::LeftDockWidgetArea, outlineDock);
    window->splitDockWidget(treeDock, outlineDock, Qt::Vertical);

    window->resizeDocks({treeDock}, {240}, Qt::Horizontal);
    m_docks = {treeDock, outlineDock};
}

void WindowDocks::addFeatureDocks(const QList<QDockWidget *> &docks)
{
    m_docks << docks;
    while (m_visible.size() < m_docks.size())
        m_visible << false; // a dock added later (Find in Files) starts hidden
}

void WindowDocks::hideForStartPage()
{
    // Empty panels around the start page would only be noise.
    for (int i = 0; i < m_docks.size(); ++i) {
        if (m_docks[i]->isEnabled())
            m_visible[i] = !m_docks[i]->isHidden();
        m_docks[i]->setEnabled(false);
        m_docks[i]->hide();
    }
}

void WindowDocks::showForWorkspace()
{
    for (int i = 0; i < m_docks.size(); ++i) {
        if (!m_docks[i]->isEnabled()) {
            m_docks[i]->setEnabled(true);
            m_docks[i]->setVisible(m_visible[i]);
        }
    }
}

} // namespace coauthor::app
