#include "app/ui/appstatusbar.h"

#include <QLabel>

namespace coauthor::app {

AppStatusBar::AppStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_selection(new QLabel(this))
    , m_cursor(new QLabel(this))
{
    m_selection->setObjectName(QStringLiteral("selectionWords"));
    m_selection->hide();
    addPermanentWidget(m_selection);
    m_cursor->setMinimumWidth(110);
    m_cursor->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    addPermanentWidget(m_cursor);
}

void AppStatusBar::setCursorPosition(int line, int column)
{
    m_cursor->setText(tr("Ln %1, Col %2").arg(line).arg(column));
}

void AppStatusBar::clearCursorPosition()
{
    m_cursor->clear();
}

void AppStatusBar::setSelectionWords(int words)
{
    if (words < 0) {
        m_selection->clear();
        m_selection->hide();
        return;
    }
    m_selection->setText(tr("%n word(s) selected", nullptr, words));
    m_selection->show();
}

QString AppStatusBar::selectionText() const
{
    return m_selection->isHidden() ? QString() : m_selection->text();
}

QString AppStatusBar::cursorText() const
{
    return m_cursor->text();
}

} // namespace coauthor::app
