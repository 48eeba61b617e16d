// DocumentBridge: the seam between a QTextDocument and OT. Local edits come
// out as ot::TextOperations (localOperation); remote operations are applied
// to the document without moving the local cursor, selection or scroll
// position except as the edit itself requires.
#pragma once

#include "sync/ot/oterror.h"
#include "sync/common/result.h"
#include "sync/ot/textoperation.h"

#include <QObject>
#include <QPointer>

class QPlainTextEdit;
class QTextDocument;

namespace coauthor::editor {

class DocumentBridge : public QObject
{
    Q_OBJECT
public:
    // Keeps a copy of the document's text (the "shadow"): Qt reports what
    // changed but not what was removed, and the shadow supplies that.
    explicit DocumentBridge(QTextDocument *document, QObject *parent = nullptr);

    QTextDocument *document() const;
    // The editor whose cursor and scroll position are preserved across
    // remote edits (optional).
    void setEditor(QPlainTextEdit *editor);

    // The text as the bridge last saw it; equals the document's plain text.
    QString text() const;

    // Replaces the whole document (a fresh snapshot from the server);
    // emits no local operation.
    void resetText(const QString &text);

    // Applies an operation from the server. All or nothing: when it does
    // not apply to the current text, nothing changes and the error says why.
    sync::Result<void, sync::ot::OtError> applyRemote(const sync::ot::TextOperation &op);

Q_SIGNALS:
    // One per document change made locally (typing, paste, undo, replace all ...).
    void localOperation(const coauthor::sync::ot::TextOperation &op);
    // After applyRemote() changed the document by op (the text is then
    // text() and the local cursor is back in place).
    void remoteOperationApplied(const coauthor::sync::ot::TextOperation &op);
    // After resetText() replaced the whole document.
    void textReset();

private:
    void onContentsChange(int position, int removed, int added);
    QString documentText(int from, int to) const;

    QPointer<QTextDocument> m_document;
    QPointer<QPlainTextEdit> m_editor;
    QString m_shadow;
    bool m_applyingRemote = false;
};

} // namespace coauthor::editor
