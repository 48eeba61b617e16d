// FindReplaceBar: the find / replace strip shown under an editor (next,
// previous, case, whole word, regular expression, replace, replace all).
#pragma once

#include <QPointer>
#include <QRegularExpression>
#include <QTextCursor>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTimer;
class QToolButton;

namespace coauthor::editor {

class FindReplaceBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindReplaceBar(QWidget *parent = nullptr);

    void setEditor(QPlainTextEdit *editor);
    QPlainTextEdit *editor() const;

    // Shows the bar (find row only / with the replace row), seeds the
    // pattern from the editor's selection and focuses the find field.
    void showFind();
    void showReplace();

    // The same actions as the buttons, for menus and tests.
    void setFindText(const QString &text);
    QString findText() const;
    void setReplaceText(const QString &text);
    void setCaseSensitive(bool on);
    void setWholeWords(bool on);
    void setRegularExpression(bool on);
    bool findNext();
    bool findPrevious();
    bool replace();     // replaces the current match (if selected) and finds the next
    int replaceAll();   // one undo step; returns the number of replacements
    int matchCount();   // in the whole document; -1 when the pattern is invalid

Q_SIGNALS:
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QRegularExpression pattern() const;
    bool find(bool backward);
    bool selectionMatches(const QRegularExpression &re) const;
    void updateMatchCount();
    void updateReplaceVisible(bool visible);

    QPointer<QPlainTextEdit> m_editor;
    QLineEdit *m_find = nullptr;
    QLineEdit *m_replace = nullptr;
    QCheckBox *m_case = nullptr;
    QCheckBox *m_word = nullptr;
    QCheckBox *m_regex = nullptr;
    QLabel *m_count = nullptr;
    QWidget *m_replaceRow = nullptr;
    QTimer *m_countTimer = nullptr;
};

} // namespace coauthor::editor
