#include "editor/remotecursors.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTimer>

#include <algorithm>

namespace coauthor::editor {

RemoteCursors::RemoteCursors(QPlainTextEdit *editor) : QWidget(editor->viewport()), m_editor(editor)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    setGeometry(editor->viewport()->rect());
    editor->viewport()->installEventFilter(this);
    editor->viewport()->setMouseTracking(true); // pointing at a caret shows its flag again
    m_clock.start();
    m_tick = new QTimer(this);
    m_tick->setInterval(40);
    connect(m_tick, &QTimer::timeout, this, &RemoteCursors::onTick);
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
    if (m_editor && watched == m_editor->viewport()) {
        if (event->type() == QEvent::Resize)
            setGeometry(m_editor->viewport()->rect());
        else if (event->type() == QEvent::MouseMove && !m_cursors.isEmpty())
            showFlagsAt(static_cast<QMouseEvent *>(event)->position().toPoint());
    }
    return QWidget::eventFilter(watched, event);
}

void RemoteCursors::setFlagTiming(int visibleMs, int fadeMs)
{
    m_flagMs = std::max(0, visibleMs);
    m_fadeMs = std::max(1, fadeMs);
    update();
}

qreal RemoteCursors::opacityOf(const Cursor &c) const
{
    const qint64 age = m_clock.elapsed() - c.flagShownAt;
    if (age <= m_flagMs)
        return 1.0;
    return std::clamp(1.0 - qreal(age - m_flagMs) / m_fadeMs, 0.0, 1.0);
}

qreal RemoteCursors::flagOpacity(const QString &clientId) const
{
    const auto it = m_cursors.constFind(clientId);
    return it == m_cursors.constEnd() ? -1.0 : opacityOf(*it);
}

QRect RemoteCursors::flagRect(const Cursor &c, const QRect &caret) const
{
    // The name on a flag above the caret (below it on the first line).
    const QFontMetrics fm(font());
    const QString label = c.name.isEmpty() ? tr("Anonymous") : c.name;
    QRect flag(caret.left(), caret.top() - fm.height(), fm.horizontalAdvance(label) + 6, fm.height());
    if (flag.top() < 0)
        flag.moveTop(caret.bottom() + 1);
    return flag;
}

void RemoteCursors::showFlagsAt(const QPoint &viewportPos)
{
    bool shown = false;
    for (Cursor &c : m_cursors) {
        const QRect caret = m_editor->cursorRect(c.cursor);
        // The caret (a few pixels either side) or where its flag is.
        if (caret.adjusted(-4, 0, 4, 0).contains(viewportPos) || flagRect(c, caret).contains(viewportPos)) {
            const bool wasFaded = opacityOf(c) < 1.0;
            c.flagShownAt = m_clock.elapsed();
            shown = shown || wasFaded;
        }
    }
    if (shown) {
        m_tick->start();
        update();
    }
}

void RemoteCursors::onTick()
{
    bool fading = false;
    bool showing = false;
    for (const Cursor &c : std::as_const(m_cursors)) {
        const qreal o = opacityOf(c);
        fading = fading || (o > 0.0 && o < 1.0);
        showing = showing || o > 0.0;
    }
    if (fading || !showing)
        update(); // the last repaint takes the flags off
    if (!showing)
        m_tick->stop();
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
    Cursor next{name, color.isValid() ? color : colorFor(clientId), c, m_clock.elapsed()};
    const auto it = m_cursors.constFind(clientId);
    if (it != m_cursors.constEnd() && it->name == name && it->cursor.position() == c.position()
        && it->cursor.anchor() == c.anchor())
        next.flagShownAt = it->flagShownAt; // the same place again: the flag does not come back for that
    m_cursors.insert(clientId, next);
    m_tick->start();
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
        const qreal opacity = opacityOf(c);
        if (opacity <= 0.0)
            continue;
        const QString label = c.name.isEmpty() ? tr("Anonymous") : c.name;
        const QRect flag = flagRect(c, r);
        p.setOpacity(opacity);
        p.fillRect(flag, c.color);
        p.setPen(c.color.lightness() > 150 ? Qt::black : Qt::white);
        p.drawText(flag.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
        p.setOpacity(1.0);
    }
}

} // namespace coauthor::editor
