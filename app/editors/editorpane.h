// EditorPane: the editor side of the window: the EditorTabs above the find bar,
// which follows the current editor and hides when the current tab is not one.
#pragma once

#include <QWidget>

namespace coauthor::editor {
class FindReplaceBar;
} // namespace coauthor::editor

namespace coauthor::app {

class EditorTabs;

class EditorPane : public QWidget
{
    Q_OBJECT
public:
    explicit EditorPane(QWidget *parent = nullptr);

    EditorTabs *tabs() const { return m_tabs; }
    editor::FindReplaceBar *findBar() const { return m_findBar; }

    // Open the find bar on the current editor; nothing without one.
    void showFind();
    void showReplace();

private:
    EditorTabs *m_tabs;
    editor::FindReplaceBar *m_findBar;
};

} // namespace coauthor::app
