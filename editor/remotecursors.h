// RemoteCursors: collaborators' carets and selections drawn over a text
// editor, each in its colour with the person's name on a small flag. The
// positions follow every edit (local or remote) by themselves. A flag fades
// out a few seconds after its caret last moved (it would hide the line above)
// and comes back when the caret moves again or the mouse points at it.
#pragma once

#include <QColor>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTextCursor>
#include <QWidget>

class QPlainTextEdit;
class QTimer;

namespace coauthor::editor {

class RemoteCursors : public QWidget
{
    Q_OBJECT
public:
    struct Cursor
    {
        QString name;
        QColor color;
        QTextCursor cursor; // position = caret, anchor = other end of the selection
        qint64 flagShownAt = 0; // m_clock time when the flag was last shown in full
    };

    // Becomes a transparent overlay on the editor's viewport.
    explicit RemoteCursors(QPlainTextEdit *editor);

    // position/anchor: document positions (UTF-16); anchor -1 = no selection.
    void setCursor(const QString &clientId, const QString &name, const QColor &color, int position, int anchor = -1);
    void removeCursor(const QString &clientId);
    void clearCursors();
    QStringList clientIds() const;
    // Current caret position of a collaborator, or -1.
    int position(const QString &clientId) const;

    // A stable, readable colour for a client id (for callers without one).
    static QColor colorFor(const QString &clientId);

    // How long a name flag stays after its caret moved, and how long it takes to fade.
    static constexpr int DefaultFlagMs = 3000;
    static constexpr int DefaultFadeMs = 400;
    void setFlagTiming(int visibleMs, int fadeMs);
    // 1 while a collaborator's flag shows, falling to 0 as it fades; -1 for an unknown id.
    qreal flagOpacity(const QString &clientId) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void paintSelection(QPainter &p, const Cursor &c);
    qreal opacityOf(const Cursor &c) const;
    QRect flagRect(const Cursor &c, const QRect &caret) const;
    void showFlagsAt(const QPoint &viewportPos);
    void onTick();

    QPointer<QPlainTextEdit> m_editor;
    QHash<QString, Cursor> m_cursors;
    QElapsedTimer m_clock;
    QTimer *m_tick = nullptr; // runs while a flag shows or fades
    int m_flagMs = DefaultFlagMs;
    int m_fadeMs = DefaultFadeMs;
};

} // namespace coauthor::editor
