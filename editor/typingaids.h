// TypingAids: LatexEditor's typing conveniences: the matching \end{env} after
// \begin{env} and Enter, auto-closed { [ ( $ with type-over of the closer and
// deletion of an empty pair by Backspace. Each insertion is one edit block:
// one undo step, one document change (one OT operation in a shared document).
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTextCursor>

class QKeyEvent;
class QPlainTextEdit;
class QTextBlock;

namespace coauthor::editor {

class TypingAids : public QObject
{
    Q_OBJECT
public:
    explicit TypingAids(QPlainTextEdit *editor);

    void setEndEnvironments(bool on);
    bool endEnvironments() const { return m_endEnvironments; }
    void setCloseBrackets(bool on); // { [ (
    bool closeBrackets() const { return m_closeBrackets; }
    void setCloseMath(bool on); // $
    bool closeMath() const { return m_closeMath; }
    // What Tab inserts, for the line inside a new environment.
    void setIndentUnit(const QString &unit) { m_indentUnit = unit; }

    // Does the key's work when it is one of ours; false lets the editor handle it.
    bool keyPress(QKeyEvent *event);

    // The character at position was put there for the user (a completion's
    // "}"): typing it while the cursor is right before it moves over it, and
    // typing it right after it (the cursor behind it) is swallowed once.
    void noteCloser(int position);

    // Inserts at c (a cursor at the end of a line that opens the environment
    // `name`) a new line indented one unit deeper, then \end{name} on a line
    // of its own at the line's indentation; c ends on the new inner line.
    void insertEnvironmentBody(QTextCursor &c, const QString &name) const;
    // Whether \begin{name} at block/positionInBlock is already closed by an
    // \end{name} further down (nested pairs counted, comments skipped).
    static bool environmentIsClosed(const QTextBlock &block, int positionInBlock, const QString &name);
    // The environment whose \begin{name}(args) ends the text before the cursor; empty if none.
    static QString environmentOpenedBefore(const QTextBlock &block, int positionInBlock);

private:
    bool typeOver(const QChar &ch);
    bool openPair(const QChar &open);
    bool deleteEmptyPair();
    bool newlineAfterBegin();
    void dropStaleClosers();
    QPlainTextEdit *editor() const;

    QPointer<QPlainTextEdit> m_editor;
    bool m_endEnvironments = true;
    bool m_closeBrackets = false;
    bool m_closeMath = false;
    QString m_indentUnit = QStringLiteral("    ");
    // Closers put in for the user, each a cursor selecting its character; they
    // follow edits and are dropped when the caret leaves their line or passes them.
    QList<QTextCursor> m_closers;
    // A closer just put in behind the caret (a completion's "}"), until the caret moves.
    QTextCursor m_behind;
};

} // namespace coauthor::editor
