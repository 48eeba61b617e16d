// ShortcutsDialog: Help > Keyboard Shortcuts: every shortcut of the window's
// actions, read from the QActions themselves (so the list follows any change),
// grouped by menu, plus the editor's own keys, with a filter field.
#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QLineEdit;
class QMainWindow;
class QTreeWidget;

namespace coauthor::app {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    struct Entry
    {
        QString group;   // the menu path ("Build", "File > Open Recent") or "Editor"
        QString command; // the action's text without its mnemonic
        QString keys;    // every shortcut, in the platform's notation, joined by ", "
    };
    // The window's menus (walked in order, sub-menus included), then its other
    // actions that have a shortcut, then LatexEditor::keyBindings().
    static QList<Entry> collect(const QMainWindow *window);

    explicit ShortcutsDialog(const QMainWindow *window, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    void setFilter(const QString &text);

private:
    QLineEdit *m_filter = nullptr;
    QTreeWidget *m_list = nullptr;
};

} // namespace coauthor::app
