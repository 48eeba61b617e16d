// RemoteCursors: collaborators' carets and selections drawn over a text
// editor, each in its colour with the person's name on a small flag. The
// positions follow every edit (local or remote) by themselves.
#pragma once

#include <QColor>
#include <QHash>
#include <QPointer>
#include <QTextCursor>
#include <QWidget>

class QPlainTextEdit;

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

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void paintSelection(QPainter &p, const Cursor &c);

    QPointer<QPlainTextEdit> m_editor;
    QHash<QString, Cursor> m_cursors;
};

} // namespace coauthor::editor
