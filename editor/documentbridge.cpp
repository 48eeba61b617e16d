#include "editor/documentbridge.h"

#include "sync/ot/operations.h"

#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

namespace coauthor::editor {

namespace ot = sync::ot;

DocumentBridge::DocumentBridge(QTextDocument *document, QObject *parent)
    : QObject(parent), m_document(document), m_shadow(document->toPlainText())
{
    connect(document, &QTextDocument::contentsChange, this, &DocumentBridge::onContentsChange);
}

QTextDocument *DocumentBridge::document() const
{
    return m_document;
}

void DocumentBridge::setEditor(QPlainTextEdit *editor)
{
    m_editor = editor;
}

QString DocumentBridge::text() const
{
    return m_shadow;
}

QString DocumentBridge::documentText(int from, int to) const
{
    if (to <= from)
        return QString();
    QTextCursor c(m_document);
    c.setPosition(from);
    c.setPosition(to, QTextCursor::KeepAnchor);
    // selectedText() marks block boundaries with U+2029; the wire has '\n'.
    return c.selectedText().replace(QChar::ParagraphSeparator, u'\n');
}

void DocumentBridge::onContentsChange(int position, int removed, int added)
{
    if (m_applyingRemote || !m_document)
        return;
    // Qt may report more than changed (the trailing block separator, a
    // re-formatted range with removed == added, a whole setPlainText), so
    // the reported range is clamped and reduced to what really differs.
    const int newLength = m_document->characterCount() - 1;
    const qsizetype oldLength = m_shadow.size();
    int from = std::clamp(position, 0, int(oldLength));
    qsizetype oldEnd = std::min<qsizetype>(qsizetype(position) + removed, oldLength);
    int newEnd = std::min(position + added, newLength);
    if (oldLength - (oldEnd - from) + (newEnd - from) != newLength) {
        // The reported range does not add up: compare the whole texts.
        from = 0;
        oldEnd = oldLength;
        newEnd = newLength;
    }
    QString removedText = m_shadow.mid(from, oldEnd - from);
    QString addedText = documentText(from, newEnd);

    // Trim what did not change at both ends.
    qsizetype prefix = 0;
    const qsizetype common = std::min(removedText.size(), addedText.size());
    while (prefix < common && removedText.at(prefix) == addedText.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < common - prefix
           && removedText.at(removedText.size() - 1 - suffix) == addedText.at(addedText.size() - 1 - suffix))
        ++suffix;
    // Do not split a surrogate pair at either cut.
    while (prefix > 0 && QChar::isHighSurrogate(removedText.at(prefix - 1).unicode()))
        --prefix;
    while (suffix > 0 && QChar::isLowSurrogate(removedText.at(removedText.size() - suffix).unicode()))
        --suffix;
    removedText = removedText.mid(prefix, removedText.size() - prefix - suffix);
    addedText = addedText.mid(prefix, addedText.size() - prefix - suffix);
    const qsizetype at = from + prefix;

    m_shadow.replace(at, removedText.size(), addedText);
    ot::TextOperation op;
    if (!removedText.isEmpty())
        op.append(ot::Component::erase(at, removedText));
    if (!addedText.isEmpty())
        op.append(ot::Component::insert(at, addedText));
    if (!op.isNoop())
        Q_EMIT localOperation(op);
}

void DocumentBridge::resetText(const QString &text)
{
    if (!m_document)
        return;
    m_applyingRemote = true;
    m_document->setPlainText(text);
    m_applyingRemote = false;
    m_shadow = m_document->toPlainText();
    Q_EMIT textReset();
}

sync::Result<void, ot::OtError> DocumentBridge::applyRemote(const ot::TextOperation &op)
{
    using R = sync::Result<void, ot::OtError>;
    auto applied = ot::apply(m_shadow, op);
    if (!applied)
        return R::failure(applied.error());
    if (!m_document || op.isNoop())
        return R::success();

    // Where the local cursor, its anchor and the top of the view go. Qt
    // would push a caret that sits exactly at a remote insert; transforming
    // the positions instead keeps it before the insert, so a collaborator
    // typing where we stand does not move our caret.
    int cursorPos = -1;
    int anchorPos = -1;
    int topPos = -1;
    int vertical = 0;
    int horizontal = 0;
    if (m_editor) {
        vertical = m_editor->verticalScrollBar()->value();
        horizontal = m_editor->horizontalScrollBar()->value();
        const QTextCursor c = m_editor->textCursor();
        cursorPos = c.position();
        anchorPos = c.anchor();
        if (m_editor->lineWrapMode() == QPlainTextEdit::NoWrap)
            topPos = m_editor->cursorForPosition(QPoint(0, 0)).block().position();
    }

    m_applyingRemote = true;
    QTextCursor edit(m_document);
    edit.beginEditBlock();
    for (const ot::Component &c : op.components()) {
        edit.setPosition(int(c.position));
        if (c.isInsert()) {
            edit.insertText(c.text);
        } else {
            edit.setPosition(int(c.position + c.text.size()), QTextCursor::KeepAnchor);
            edit.removeSelectedText();
        }
    }
    edit.endEditBlock();
    m_applyingRemote = false;
    m_shadow = applied.takeValue();

    if (m_editor) {
        QTextCursor c = m_editor->textCursor();
        c.setPosition(int(ot::transformPosition(anchorPos, op)));
        c.setPosition(int(ot::transformPosition(cursorPos, op)), QTextCursor::KeepAnchor);
        m_editor->setTextCursor(c); // may scroll to the caret; the view is put back below
        if (topPos >= 0) {
            const int top = int(ot::transformPosition(topPos, op));
            m_editor->verticalScrollBar()->setValue(m_document->findBlock(top).blockNumber());
        } else {
            m_editor->verticalScrollBar()->setValue(vertical);
        }
        m_editor->horizontalScrollBar()->setValue(horizontal);
    }
    Q_EMIT remoteOperationApplied(op);
    return R::success();
}

} // namespace coauthor::editor
