#include "editor/sharedundostack.h"

#include "editor/documentbridge.h"
#include "sync/ot/operations.h"

#include <QAction>
#include <QChildEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QTextDocument>

namespace coauthor::editor {

namespace ot = sync::ot;

namespace {

// A pause longer than this starts a new undo step, as in most editors.
constexpr qint64 groupPauseMs = 1000;
// Older steps are forgotten beyond this; every remote op transforms them all.
constexpr qsizetype maxSteps = 1000;
// How many stacks are attached to a document (a dynamic property on it).
constexpr char attachedProperty[] = "coauthorSharedUndoStacks";

// One user-perceived character: one UTF-16 unit or one surrogate pair.
bool isOneCharacter(const QString &s)
{
    if (s.size() == 1)
        return !s.at(0).isSurrogate();
    return s.size() == 2 && s.at(0).isHighSurrogate() && s.at(1).isLowSurrogate();
}

// Where the caret goes after op, like Qt's undo: after the text it put back,
// or where it removed text (the first such place when it was split up).
qsizetype caretAfter(const ot::TextOperation &op)
{
    qsizetype insertEnd = -1;
    qsizetype deleteStart = -1;
    for (const ot::Component &c : op.components()) {
        // Earlier marks move with this component; an end at an insert stays
        // at the end of the text put back there, a start stays before it.
        const ot::TextOperation one({c});
        if (insertEnd >= 0)
            insertEnd = ot::transformPosition(insertEnd, one, true);
        if (deleteStart >= 0)
            deleteStart = ot::transformPosition(deleteStart, one, false);
        if (c.isInsert())
            insertEnd = std::max(insertEnd, c.position + c.length());
        else
            deleteStart = deleteStart < 0 ? c.position : std::min(deleteStart, c.position);
    }
    return insertEnd >= 0 ? insertEnd : std::max<qsizetype>(deleteStart, 0);
}

} // namespace

SharedUndoStack::SharedUndoStack(DocumentBridge *bridge, QPlainTextEdit *editor, QObject *parent)
    : QObject(parent), m_bridge(bridge), m_document(bridge ? bridge->document() : nullptr), m_editor(editor)
{
    if (!bridge) {
        qWarning("SharedUndoStack: no DocumentBridge; undo and redo do nothing");
        return;
    }
    if (m_document) {
        // Counted on the document, so that replacing one stack by another
        // (in either order) leaves Qt's own undo off while any is attached.
        m_document->setProperty(attachedProperty, m_document->property(attachedProperty).toInt() + 1);
        m_document->setUndoRedoEnabled(false);
    }
    m_seenLength = bridge->text().size();
    connect(bridge, &DocumentBridge::localOperation, this, &SharedUndoStack::onLocalOperation);
    connect(bridge, &DocumentBridge::remoteOperationApplied, this, &SharedUndoStack::onRemoteOperation);
    connect(bridge, &DocumentBridge::textReset, this, [this] {
        m_seenLength = m_bridge->text().size();
        clear();
    });
    if (editor) {
        m_watchedEditor = editor;
        editor->installEventFilter(this);
        // The editor's own context menu is a child of its viewport.
        m_watchedViewport = editor->viewport();
        editor->viewport()->installEventFilter(this);
        connect(editor, &QPlainTextEdit::cursorPositionChanged, this, &SharedUndoStack::onCursorMoved);
    }
}

SharedUndoStack::~SharedUndoStack()
{
    // With no stack left the document is edited locally only again: give it
    // back Qt's own undo (starting empty).
    if (!m_document)
        return;
    const int attached = m_document->property(attachedProperty).toInt() - 1;
    m_document->setProperty(attachedProperty, attached > 0 ? QVariant(attached) : QVariant());
    if (attached <= 0)
        m_document->setUndoRedoEnabled(true);
}

bool SharedUndoStack::canUndo() const
{
    return !m_undo.isEmpty();
}

bool SharedUndoStack::canRedo() const
{
    return !m_redo.isEmpty();
}

void SharedUndoStack::undo()
{
    if (step(m_undo, m_redo))
        notify();
}

void SharedUndoStack::redo()
{
    if (step(m_redo, m_undo))
        notify();
}

void SharedUndoStack::clear()
{
    m_undo.clear();
    m_redo.clear();
    m_run = Run::None;
    notify();
}

void SharedUndoStack::onLocalOperation(const ot::TextOperation &op)
{
    if (m_applying) {
        // Our own undo or redo coming back from the bridge: not a new step.
        m_applied = ot::compose(m_applied, op);
        return;
    }
    record(op);
    notify();
}

void SharedUndoStack::record(const ot::TextOperation &op)
{
    m_redo.clear();
    const QList<ot::Component> &cs = op.components();
    // Whether op continues the run of the latest step, and what run it leaves.
    bool continues = false;
    Run next = Run::None;
    qsizetype nextPos = 0;
    if (cs.size() == 1) {
        const ot::Component &c = cs.first();
        if (c.isInsert() && isOneCharacter(c.text) && c.text != u"\n") {
            continues = m_run == Run::Typing && c.position == m_runPos;
            next = Run::Typing;
            nextPos = c.position + c.length();
        } else if (c.isDelete() && isOneCharacter(c.text)) {
            // Backspace (ending at the caret) or Delete (starting there).
            continues = m_run == Run::Deleting && (c.position + c.length() == m_runPos || c.position == m_runPos);
            next = Run::Deleting;
            nextPos = c.position;
        }
        // Anything else (a new line, a paste, a selection deleted) is a step
        // of its own, as in QTextDocument.
    } else if (cs.size() == 2 && cs.at(0).isDelete() && cs.at(1).isInsert() && cs.at(1).position == cs.at(0).position
               && isOneCharacter(cs.at(1).text) && cs.at(1).text != u"\n") {
        // Typing over a selection: a step of its own that further typing continues.
        next = Run::Typing;
        nextPos = cs.at(1).position + cs.at(1).length();
    }
    continues = continues && !m_undo.isEmpty() && m_lastEdit.isValid() && m_lastEdit.elapsed() < groupPauseMs;

    const ot::TextOperation inverse = ot::invert(op);
    if (continues) {
        m_undo.last() = ot::normalize(ot::compose(inverse, m_undo.last()));
    } else {
        m_undo.append(ot::normalize(inverse));
        if (m_undo.size() > maxSteps)
            m_undo.removeFirst();
    }
    m_run = next;
    m_runPos = nextPos;
    m_lastEdit.start();
    m_seenLength = m_bridge->text().size();
}

void SharedUndoStack::onRemoteOperation(const ot::TextOperation &op)
{
    if (m_applying) {
        // Cannot happen from the bridge (it applies one edit at a time); the
        // stacks could no longer be trusted, so forget them rather than corrupt.
        m_undo.clear();
        m_redo.clear();
        m_run = Run::None;
        notify();
        return;
    }
    const qsizetype undoSteps = m_undo.size();
    transformStack(m_undo, op);
    transformStack(m_redo, op);
    // When the latest step vanished (a collaborator deleted all of it), the
    // typing that follows must not join the step below.
    if (m_undo.size() != undoSteps)
        m_run = Run::None;
    // The caret is kept before a remote insert at it (DocumentBridge does so).
    m_runPos = ot::transformPosition(m_runPos, op, false);
    m_seenLength = m_bridge->text().size();
    notify();
}

// The last entry applies to the current text, so it is transformed against
// remote directly; remote is then rewritten to apply after that entry, for
// the next one down, and so on (ot.js's UndoManager does the same).
// Entries with nothing left to undo are dropped.
void SharedUndoStack::transformStack(QList<ot::TextOperation> &stack, ot::TextOperation remote)
{
    for (qsizetype i = stack.size() - 1; i >= 0 && !remote.isNoop(); --i) {
        const ot::TextOperation entry = stack.at(i);
        // Left: text an undo restores goes before text a collaborator typed
        // at the same place since.
        stack[i] = ot::normalize(ot::transform(entry, remote, ot::Side::Left));
        remote = ot::transform(remote, entry, ot::Side::Right);
    }
    stack.removeIf([](const ot::TextOperation &entry) { return entry.isNoop(); });
}

bool SharedUndoStack::step(QList<ot::TextOperation> &from, QList<ot::TextOperation> &to)
{
    if (!m_bridge || !m_document || (m_editor && m_editor->isReadOnly()))
        return false;
    QTextDocument *doc = m_document;
    while (!from.isEmpty()) {
        const ot::TextOperation op = from.takeLast();
        if (op.isNoop())
            continue;
        // The stacks always apply to the bridge's text; if they somehow do not,
        // undoing would damage the document, so give up the history instead.
        if (!ot::apply(m_bridge->text(), op)) {
            qWarning("SharedUndoStack: undo history no longer matches the document; cleared");
            m_undo.clear();
            m_redo.clear();
            m_run = Run::None;
            return true;
        }
        // One document edit per component, so the bridge reports each exactly
        // (one edit block would come out as a replacement of the whole span).
        m_applying = true;
        m_applied.clear();
        QTextCursor edit(doc);
        for (const ot::Component &c : op.components()) {
            edit.setPosition(int(c.position));
            if (c.isInsert()) {
                edit.insertText(c.text);
            } else {
                edit.setPosition(int(c.position + c.length()), QTextCursor::KeepAnchor);
                edit.removeSelectedText();
            }
        }
        m_applying = false;
        if (!m_applied.isNoop())
            to.append(ot::normalize(ot::invert(m_applied)));
        m_applied.clear();
        m_run = Run::None;
        m_seenLength = m_bridge->text().size();
        if (m_editor && m_editor->document() == doc) {
            QTextCursor c = m_editor->textCursor();
            c.setPosition(int(std::min<qsizetype>(caretAfter(op), doc->characterCount() - 1)));
            m_editor->setTextCursor(c);
            m_editor->ensureCursorVisible();
        }
        return true;
    }
    return true;
}

void SharedUndoStack::onCursorMoved()
{
    if (m_applying || m_run == Run::None || !m_editor || !m_document)
        return;
    // The editor also reports moves caused by an edit the stack has not been
    // told about yet (a remote op being applied); those are not jumps.
    if (m_document->characterCount() - 1 != m_seenLength)
        return;
    const QTextCursor c = m_editor->textCursor();
    if (c.hasSelection() || c.position() != m_runPos)
        m_run = Run::None;
}

bool SharedUndoStack::handlesKey(const QKeyEvent *event, bool *redo) const
{
    if (event->matches(QKeySequence::Undo)) {
        *redo = false;
        return true;
    }
    if (event->matches(QKeySequence::Redo)) {
        *redo = true;
        return true;
    }
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if ((event->key() == Qt::Key_Y && mods == Qt::ControlModifier)
        || (event->key() == Qt::Key_Z && mods == (Qt::ControlModifier | Qt::ShiftModifier))) {
        *redo = true;
        return true;
    }
    return false;
}

bool SharedUndoStack::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_watchedEditor && watched != m_watchedViewport)
        return QObject::eventFilter(watched, event);
    if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress
        && event->type() != QEvent::ChildPolished)
        return QObject::eventFilter(watched, event);
    bool isRedo = false;
    switch (event->type()) {
    case QEvent::ShortcutOverride:
        // Claim the keys so that no window shortcut takes them from the editor.
        if (handlesKey(static_cast<QKeyEvent *>(event), &isRedo)) {
            event->accept();
            return true;
        }
        break;
    case QEvent::KeyPress:
        if (handlesKey(static_cast<QKeyEvent *>(event), &isRedo)) {
            if (isRedo)
                redo();
            else
                undo();
            return true;
        }
        break;
    case QEvent::ChildPolished:
        // The standard context menu is created as a child of the viewport
        // (or of the editor, through createStandardContextMenu()) and
        // polished just before it shows: rewire its Undo and Redo then.
        patchContextMenu(static_cast<QChildEvent *>(event)->child());
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void SharedUndoStack::patchContextMenu(QObject *child)
{
    auto *menu = qobject_cast<QMenu *>(child);
    if (!menu)
        return;
    // Qt names the standard actions after their theme icons.
    const QList<QAction *> actions = menu->actions();
    for (QAction *a : actions) {
        const bool isUndo = a->objectName() == u"edit-undo";
        if (!isUndo && a->objectName() != u"edit-redo")
            continue;
        disconnect(a, &QAction::triggered, nullptr, nullptr);
        if (isUndo) {
            connect(a, &QAction::triggered, this, &SharedUndoStack::undo);
            a->setEnabled(canUndo());
        } else {
            connect(a, &QAction::triggered, this, &SharedUndoStack::redo);
            a->setEnabled(canRedo());
        }
    }
}

void SharedUndoStack::notify()
{
    const bool couldUndo = m_couldUndo;
    const bool couldRedo = m_couldRedo;
    m_couldUndo = canUndo();
    m_couldRedo = canRedo();
    if (m_couldUndo != couldUndo)
        Q_EMIT canUndoChanged(m_couldUndo);
    if (m_couldRedo != couldRedo)
        Q_EMIT canRedoChanged(m_couldRedo);
}

} // namespace coauthor::editor
