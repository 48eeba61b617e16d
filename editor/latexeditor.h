// LatexEditor: the LaTeX source editor widget (line numbers with diagnostic
// icons, current line, bracket and \begin/\end matching, highlighting,
// completion from the project, comment toggling, soft wrap, spell-check squiggles).
#pragma once

#include "editor/diagnostic.h"

#include <QKeySequence>
#include <QPlainTextEdit>
#include <QPointer>

class QCompleter;
class QStringListModel;

namespace coauthor::editor {

class LineNumberArea;
class ProjectIndex;
class SpellSquiggles;

class LatexEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit LatexEditor(QWidget *parent = nullptr);
    ~LatexEditor() override;

    // Hides QPlainTextEdit::setPlainText (which is not virtual): the gutter is
    // widened for the new line count before the text goes in. Widened after,
    // it resizes the viewport and Qt re-lays out every block of the new text
    // (a fifth of the time to open a 5 MB file).
    void setPlainText(const QString &text);

    // The index that completion reads labels, citation keys and user
    // commands from; not owned. May be null (built-in words only).
    void setProjectIndex(ProjectIndex *index);
    ProjectIndex *projectIndex() const;

    // Replaces all markers. Lines outside the document are ignored.
    void setDiagnostics(const QList<Diagnostic> &diagnostics);
    QList<Diagnostic> diagnostics() const;
    // The messages of the diagnostics on a 1-based line, joined by newlines.
    QString diagnosticText(int line) const;

    // 1-based line and column (column in UTF-16 code units); clamped.
    void goToLine(int line, int column = 1);
    // Comments the lines of the selection (or the current line) with "% ",
    // or uncomments them when all non-blank ones are commented. One undo step.
    void toggleComment();

    void setEditorFont(const QFont &font);
    QFont editorFont() const;
    void setSoftWrap(bool on);
    bool softWrap() const;
    // Tab inserts this many spaces when indentWithSpaces (default 4, on).
    void setTabWidth(int spaces);
    int tabWidth() const;
    void setIndentWithSpaces(bool on);
    bool indentWithSpaces() const;
    void setCompletionEnabled(bool on);
    bool completionEnabled() const;
    // Typing conveniences (see TypingAids): the matching \end{env} after
    // \begin{env} and Enter or a completion (on by default); auto-closed
    // { [ ( and $ with type-over and pair deletion (off by default; the app
    // turns them on from the preferences).
    void setEndEnvironments(bool on);
    bool endEnvironments() const;
    void setCloseBrackets(bool on);
    bool closeBrackets() const;
    void setCloseMath(bool on);
    bool closeMath() const;
    // Author, year and title beside each key in the \cite popup (on by default).
    void setCitationDetails(bool on);
    bool citationDetails() const;
    // All of the above at once (the app's preferences).
    struct Conveniences
    {
        bool endEnvironments = true;
        bool closeBrackets = false;
        bool closeMath = false;
        bool citationDetails = true;
    };
    void setConveniences(const Conveniences &conveniences);

    // The keys the editor handles itself (not through the window's actions),
    // as (what they do, key), for the list of shortcuts.
    static QList<std::pair<QString, QKeySequence>> keyBindings();

    int currentLine() const;   // 1-based
    int currentColumn() const; // 1-based

    // Opens the completion popup for the text before the cursor, if it is a
    // place where something can be completed. Returns whether it opened.
    bool showCompletion();
    QCompleter *completer() const;

    // Spell check: squiggles and the context menu's suggestions (off until enabled).
    SpellSquiggles *spellSquiggles() const;

    // The LatexHighlighter, or KSyntaxHighlighting's highlighter when built with it.
    QObject *highlighter() const;
    // For the gutter: width and painting of the visible lines only.
    int lineNumberAreaWidth() const;

Q_SIGNALS:
    void cursorMoved(int line, int column);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent *event);
    bool lineNumberAreaEvent(QEvent *event);
    void updateLineNumberAreaWidth();
    int lineNumberAreaWidth(int lines) const;
    void updateLineNumberArea(const QRect &rect, int dy);
    void onCursorPositionChanged();
    void updateExtraSelections();
    void rebuildDiagnosticSelections();
    void insertCompletion(const QString &completion);
    void updateCompletionPopup();
    bool handleCompletionKey(QKeyEvent *event);
    void followTyping(QKeyEvent *event);
    QString completionDetail(const QString &candidate) const;
    void insertNewlineWithIndent();
    void insertTab();
    bool backspaceIndent();
    void applyPaletteColors();
    bool showToolTipForLine(int line, const QPoint &globalPos);

    struct Private;
    Private *d;
};

} // namespace coauthor::editor
