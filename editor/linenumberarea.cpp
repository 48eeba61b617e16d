#include "editor/linenumberarea.h"

#include "editor/latexeditor.h"

#include <QMouseEvent>
#include <QTextBlock>

namespace coauthor::editor {

LineNumberArea::LineNumberArea(LatexEditor *editor) : QWidget(editor), m_editor(editor)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
}

QSize LineNumberArea::sizeHint() const
{
    return QSize(m_editor->lineNumberAreaWidth(), 0);
}

void LineNumberArea::paintEvent(QPaintEvent *event)
{
    m_editor->paintLineNumbers(event);
}

bool LineNumberArea::event(QEvent *event)
{
    if (m_editor->lineNumberAreaEvent(event))
        return true;
    return QWidget::event(event);
}

void LineNumberArea::mousePressEvent(QMouseEvent *event)
{
    // A click on a line number selects that line, as in most editors.
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    QTextCursor c = m_editor->cursorForPosition(QPoint(0, event->position().toPoint().y()));
    c.movePosition(QTextCursor::StartOfBlock);
    c.movePosition(QTextCursor::NextBlock, QTextCursor::KeepAnchor);
    m_editor->setTextCursor(c);
    m_editor->setFocus();
}

} // namespace coauthor::editor
