#include "app/collab/syncstatuslabel.h"

namespace coauthor::app {

SyncStatusLabel::SyncStatusLabel(QWidget *parent)
    : QLabel(parent)
{
    setState(State::Local);
}

void SyncStatusLabel::setState(State state, int pendingEdits, bool readOnly, const QString &storageProblem)
{
    QString text;
    QString color;
    switch (state) {
    case State::Local:
        text = tr("Not shared");
        break;
    case State::Connecting:
        text = tr("Connecting…");
        color = QStringLiteral("#9a6700");
        break;
    case State::Online:
        text = tr("Online");
        color = QStringLiteral("#1a7f37");
        break;
    case State::Offline:
        text = tr("Offline");
        color = QStringLiteral("#cf222e");
        break;
    }
    if (state != State::Local && pendingEdits > 0)
        text = tr("%1 · %n edit(s) not yet sent", nullptr, pendingEdits).arg(text);
    if (state != State::Local && readOnly)
        text = tr("%1 · read-only").arg(text);
    QString toolTip;
    if (state != State::Local && !storageProblem.isEmpty()) {
        // Persistent, unlike a status message: it stays until writing works again.
        text = tr("%1 · %2").arg(text, storageProblem);
        color = QStringLiteral("#cf222e");
        toolTip = tr("Nothing is lost yet: edits are kept in memory and sent to the server while online, and written "
                     "to this computer as soon as there is room again. Quitting while offline would lose them.");
    }
    setText(text);
    setToolTip(toolTip);
    setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
}

} // namespace coauthor::app
