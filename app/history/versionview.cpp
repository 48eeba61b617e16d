#include "app/history/versionview.h"

#include "editor/remotecursors.h"

#include <QFontDatabase>
#include <QTextBlock>
#include <QTextCursor>

namespace coauthor::app {

namespace h = sync::history;

VersionView::VersionView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setObjectName(QStringLiteral("historyVersionView"));
}

QColor VersionView::colorFor(const QString &memberId)
{
    return editor::RemoteCursors::colorFor(memberId);
}

void VersionView::showText(const QString &text)
{
    m_segments.clear();
    m_inserted = m_deleted = 0;
    setExtraSelections({});
    setPlainText(text);
}

void VersionView::showDiff(const h::Diff &diff)
{
    m_segments = diff.segments;
    m_inserted = m_deleted = 0;
    QString text;
    for (const h::DiffSegment &segment : diff.segments)
        text += segment.text;
    setExtraSelections({});
    setPlainText(text);

    QList<QTextEdit::ExtraSelection> marks;
    qsizetype position = 0;
    int firstMark = -1;
    for (const h::DiffSegment &segment : diff.segments) {
        const qsizetype end = position + segment.text.size();
        if (segment.kind != h::DiffSegment::Kind::Same && !segment.text.isEmpty()) {
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(document());
            mark.cursor.setPosition(int(position));
            mark.cursor.setPosition(int(end), QTextCursor::KeepAnchor);
            QColor colour = colorFor(segment.memberId);
            if (segment.kind == h::DiffSegment::Kind::Inserted) {
                colour.setAlpha(90);
                mark.format.setBackground(colour);
                ++m_inserted;
            } else {
                colour.setAlpha(45);
                mark.format.setBackground(colour);
                mark.format.setFontStrikeOut(true);
                mark.format.setForeground(QColor(0x80, 0x80, 0x80));
                ++m_deleted;
            }
            marks.append(mark);
            if (firstMark < 0)
                firstMark = int(position);
        }
        position = end;
    }
    setExtraSelections(marks);
    // The first change in view: that is what the user came to see.
    QTextCursor cursor(document());
    cursor.setPosition(std::max(firstMark, 0));
    setTextCursor(cursor);
    centerCursor();
}

} // namespace coauthor::app
