#include "app/ui/appstatusbar.h"

#include <QLabel>

namespace coauthor::app {

AppStatusBar::AppStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_cursor(new QLabel(this))
{
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

QString AppStatusBar::cursorText() const
{
    return m_cursor->text();
}

} // namespace coauthor::app
