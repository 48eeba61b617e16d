#include "app/ui/appstatusbar.h"

#include <QLabel>

namespace coauthor::app {

AppStatusBar::AppStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_sync(new QLabel(this))
    , m_cursor(new QLabel(this))
{
    m_cursor->setMinimumWidth(110);
    m_cursor->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    addPermanentWidget(m_sync);
    addPermanentWidget(m_cursor);
    setSyncState(SyncState::Local);
}

void AppStatusBar::setSyncState(const QString &text)
{
    m_sync->setText(text);
}

void AppStatusBar::setSyncState(SyncState state, int pendingEdits, bool readOnly, const QString &storageProblem)
{
    QString text;
    QString color;
    switch (state) {
    case SyncState::Local:
        text = tr("Not shared");
        break;
    case SyncState::Connecting:
        text = tr("Connecting…");
        color = QStringLiteral("#9a6700");
        break;
    case SyncState::Online:
        text = tr("Online");
        color = QStringLiteral("#1a7f37");
        break;
    case SyncState::Offline:
        text = tr("Offline");
        color = QStringLiteral("#cf222e");
        break;
    }
    if (state != SyncState::Local && pendingEdits > 0)
        text = tr("%1 · %n edit(s) not yet sent", nullptr, pendingEdits).arg(text);
    if (state != SyncState::Local && readOnly)
        text = tr("%1 · read-only").arg(text);
    QString toolTip;
    if (state != SyncState::Local && !storageProblem.isEmpty()) {
        // Persistent, unlike a status message: it stays until writing works again.
        text = tr("%1 · %2").arg(text, storageProblem);
        color = QStringLiteral("#cf222e");
        toolTip = tr("Nothing is lost yet: edits are kept in memory and sent to the server while online, and written "
                     "to this computer as soon as there is room again. Quitting while offline would lose them.");
    }
    m_sync->setText(text);
    m_sync->setToolTip(toolTip);
    m_sync->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
}

QString AppStatusBar::syncText() const
{
    return m_sync->text();
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
