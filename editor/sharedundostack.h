// SharedUndoStack: undo and redo of this user's own edits in a shared
// document. QTextDocument's own stack would also undo collaborators' edits
// (the bridge applies them through QTextCursor), so it is switched off and
// this stack keeps the inverses of the local operations instead, transformed
// through every remote operation so they still mean "take back what I did".
#pragma once

#include "sync/ot/textoperation.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

class QKeyEvent;
class QPlainTextEdit;
class QTextDocument;

namespace coauthor::editor {

class DocumentBridge;

class SharedUndoStack : public QObject
{
    Q_OBJECT
public:
    // Disables bridge->document()'s built-in undo/redo and takes over the editor's
    // undo and redo keys (QKeySequence::Undo, ::Redo, Ctrl+Y/Ctrl+Shift+Z) and its
    // context-menu actions where feasible.
    // Steps are grouped like QTextDocument's: a run of single characters typed
    // (or deleted with Backspace/Delete) one after the other is one step; a new
    // line, a paste or replacement, a caret move or a pause of a second starts
    // a new one. A new local edit forgets what could be redone; resetText()
    // on the bridge forgets everything.
    SharedUndoStack(DocumentBridge *bridge, QPlainTextEdit *editor, QObject *parent = nullptr);
    // Gives the document back Qt's own undo (empty) when no stack is left on it.
    ~SharedUndoStack() override;

    bool canUndo() const;
    bool canRedo() const;

public Q_SLOTS:
    // Takes back the latest own step still standing (as transformed through
    // collaborators' edits) as local edits, which the bridge sends on like any
    // other; the caret goes where the change was, as Qt puts it. A step whose
    // text collaborators have meanwhile deleted entirely is skipped. Does
    // nothing when the editor is read-only.
    void undo();
    // Puts back the latest undone step, where its text now belongs.
    void redo();
    // Forgets both stacks (e.g. when the document is replaced).
    void clear();

Q_SIGNALS:
    void canUndoChanged(bool canUndo);
    void canRedoChanged(bool canRedo);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // How the latest own edit may be continued within the same undo step.
    enum class Run { None, Typing, Deleting };

    void onLocalOperation(const sync::ot::TextOperation &op);
    void onRemoteOperation(const sync::ot::TextOperation &op);
    void onCursorMoved();
    void record(const sync::ot::TextOperation &op);
    bool step(QList<sync::ot::TextOperation> &from, QList<sync::ot::TextOperation> &to);
    void transformStack(QList<sync::ot::TextOperation> &stack, sync::ot::TextOperation remote);
    void patchContextMenu(QObject *menu);
    void notify();
    bool handlesKey(const QKeyEvent *event, bool *redo) const;

    QPointer<DocumentBridge> m_bridge;
    QPointer<QTextDocument> m_document; // the bridge's, which may go first
    QPointer<QPlainTextEdit> m_editor;
    // The objects the event filter watches, compared by address only: while the
    // editor is being destroyed its QPlainTextEdit part is gone, and reaching it
    // through m_editor would be a bad downcast.
    const QObject *m_watchedEditor = nullptr;
    const QObject *m_watchedViewport = nullptr;
    // Each entry undoes (or redoes) one step. The last entry applies to the
    // current text, every other one to the text as the entries above it leave it.
    QList<sync::ot::TextOperation> m_undo;
    QList<sync::ot::TextOperation> m_redo;
    // While undo or redo edits the document: the bridge's operations for it.
    bool m_applying = false;
    sync::ot::TextOperation m_applied;

    Run m_run = Run::None;
    qsizetype m_runPos = 0;     // where the caret is after the latest own edit of the run
    qsizetype m_seenLength = 0; // text length after the last operation accounted for
    QElapsedTimer m_lastEdit;
    bool m_couldUndo = false;
    bool m_couldRedo = false;
};

} // namespace coauthor::editor
