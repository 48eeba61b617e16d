// SyncStatusLabel: the shared project's sync state in the status bar (online,
// connecting, offline, with edits not yet on the server, read-only, and what
// cannot be written on this computer). Installed there by CollabFeature.
#pragma once

#include <QLabel>

namespace coauthor::app {

class SyncStatusLabel : public QLabel
{
    Q_OBJECT
public:
    // Local: the project is not shared.
    enum class State { Local, Connecting, Online, Offline };

    explicit SyncStatusLabel(QWidget *parent = nullptr);

    // pendingEdits: local edits the server has not acknowledged yet; readOnly: joined with a read-only token;
    // storageProblem: what cannot be written on this computer (shown in red until it is cleared).
    void setState(State state, int pendingEdits = 0, bool readOnly = false, const QString &storageProblem = {});
};

} // namespace coauthor::app
