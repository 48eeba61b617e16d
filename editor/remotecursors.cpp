#include "editor/remotecursors.h"

#include <QEvent>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTextBlock>

namespace coauthor::editor {

RemoteCursors::RemoteCursors(QPlainTextEdit *editor) : QWidget(editor->viewport()), m_editor(editor)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    setGeometry(editor->viewport()->rect());
    editor->viewport()->installEventFilter(this);
    // Repaint whenever the editor's contents move or change; scrolling the
    // viewport also moves its children, so the overlay is put back first.
    connect(editor, &QPlainTextEdit::updateRequest, this, [this] {
        if (m_editor && geometry() != m_editor->viewport()->rect())
            setGeometry(m_editor->viewport()->rect());
        update();
    });
    raise();
    show();
}

bool RemoteCursors::eventFilter(QObject *watched, QEvent *event)
{
    if (m_editor && watched == m_editor->viewport() && event->type() == QEvent::Resize)
        setGeometry(m_editor->viewport()->rect());
    return QWidget::eventFilter(watched, event);
}

void RemoteCursors::setCursor(const QString &clientId, const QString &name, const QColor &color, int position,
                              int anchor)
{
    if (!m_editor)
        return;
    QTextDocument *doc = m_editor->document();
    const int last = doc->characterCount() - 1;
    QTextCursor c(doc);
    c.setPosition(std::clamp(anchor < 0 ? position : anchor, 0, last));
    c.setPosition(std::clamp(position, 0, last), QTextCursor::KeepAnchor);
    m_cursors.insert(clientId, {name, color.isValid() ? color : colorFor(clientId), c});
    update();
}

void RemoteCursors::removeCursor(const QString &clientId)
{
    if (m_cursors.remove(clientId) > 0)
        update();
}

void RemoteCursors::clearCursors()
{
    m_cursors.clear();
    update();
}

QStringList RemoteCursors::clientIds() const
{
    QStringList ids = m_cursors.keys();
    ids.sort();
    return ids;
}

int RemoteCursors::position(const QString &clientId) const
{
    const auto it = m_cursors.constFind(clientId);
    return it == m_cursors.constEnd() ? -1 : it->cursor.position();
}

QColor RemoteCursors::colorFor(const QString &clientId)
{
    // Hues spread by a hash; saturation and value chosen to read on light and dark.
    const int hue = int(qHash(clientId) % 360);
    return QColor::fromHsv(hue, 200, 210);
}

void RemoteCursors::paintSelection(QPainter &p, const Cursor &c)
{
    QColor fill = c.color;
    fill.setAlpha(70);
    const int start = c.cursor.selectionStart();
    const int end = c.cursor.selectionEnd();
    QTextDocument *doc = m_editor->document();
    const int height = this->height();
    for (QTextBlock block = doc->findBlock(start); block.isValid() && block.position() <= end; block = block.next()) {
        const int from = std::max(start, block.position());
        const int to = std::min(end, block.position() + block.length() - 1);
        QTextCursor a(doc);
        a.setPosition(from);
        QTextCursor b(doc);
        b.setPosition(to);
        const QRect ra = m_editor->cursorRect(a);
        const QRect rb = m_editor->cursorRect(b);
        if (ra.top() > height)
            break;
        if (rb.bottom() < 0)
            continue;
        if (ra.top() == rb.top()) {
            p.fillRect(QRect(QPoint(ra.left(), ra.top()), QPoint(std::max(rb.left(), ra.left() + 3), ra.bottom())), fill);
        } else {
            // A wrapped block: first line to the right edge, full lines, last line to b.
            p.fillRect(QRect(QPoint(ra.left(), ra.top()), QPoint(width(), ra.bottom())), fill);
            if (rb.top() > ra.bottom() + 1)
                p.fillRect(QRect(QPoint(0, ra.bottom() + 1), QPoint(width(), rb.top() - 1)), fill);
            p.fillRect(QRect(QPoint(0, rb.top()), QPoint(rb.left(), rb.bottom())), fill);
        }
    }
}

void RemoteCursors::paintEvent(QPaintEvent *)
{
    if (!m_editor || m_cursors.isEmpty())
        return;
    QPainter p(this);
    const QFontMetrics fm(font());
    // Selections first, then carets and flags on top of every selection.
    for (const Cursor &c : std::as_const(m_cursors)) {
        if (c.cursor.hasSelection())
            paintSelection(p, c);
    }
    for (const Cursor &c : std::as_const(m_cursors)) {
        const QRect r = m_editor->cursorRect(c.cursor);
        if (r.bottom() < 0 || r.top() > height())
            continue;
        p.fillRect(QRect(r.left(), r.top(), 2, r.height()), c.color);
        // The name on a flag above the caret (below it on the first line).
        const QString label = c.name.isEmpty() ? tr("Anonymous") : c.name;
        const int w = fm.horizontalAdvance(label) + 6;
        const int h = fm.height();
        QRect flag(r.left(), r.top() - h, w, h);
        if (flag.top() < 0)
            flag.moveTop(r.bottom() + 1);
        p.fillRect(flag, c.color);
        p.setPen(c.color.lightness() > 150 ? Qt::black : Qt::white);
        p.drawText(flag.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
    }
}

} // namespace coauthor::editor
