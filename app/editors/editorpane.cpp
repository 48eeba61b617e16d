#include "app/editors/editorpane.h"

#include "app/editors/editortabs.h"
#include "editor/findreplacebar.h"
#include "editor/latexeditor.h"

#include <QVBoxLayout>

namespace coauthor::app {

EditorPane::EditorPane(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new EditorTabs(this))
    , m_findBar(new editor::FindReplaceBar(this))
{
    m_findBar->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_findBar);
    connect(m_tabs, &EditorTabs::currentFileChanged, this, [this] {
        m_findBar->setEditor(m_tabs->currentEditor());
        if (!m_tabs->currentEditor())
            m_findBar->hide();
    });
}

void EditorPane::showFind()
{
    if (m_tabs->currentEditor())
        m_findBar->showFind();
}

void EditorPane::showReplace()
{
    if (m_tabs->currentEditor())
        m_findBar->showReplace();
}

} // namespace coauthor::app
