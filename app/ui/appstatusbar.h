// AppStatusBar: the main window's status bar: the shared project's sync state
// (with edits not yet on the server, and what cannot be written on this
// computer) and the cursor's line and column; features add their own widgets in front.
#pragma once

#include <QStatusBar>

class QLabel;

namespace coauthor::app {

class AppStatusBar : public QStatusBar
{
    Q_OBJECT
public:
    // Local: the project is not shared.
    enum class SyncState { Local, Connecting, Online, Offline };

    explicit AppStatusBar(QWidget *parent = nullptr);

    void setSyncState(const QString &text);
    // pendingEdits: local edits the server has not acknowledged yet; readOnly: joined with a read-only token;
    // storageProblem: what cannot be written on this computer (shown in red until it is cleared).
    void setSyncState(SyncState state, int pendingEdits = 0, bool readOnly = false, const QString &storageProblem = {});
    QString syncText() const;
    void setCursorPosition(int line, int column);
    void clearCursorPosition();
    QString cursorText() const;

private:
    QLabel *m_sync = nullptr;
    QLabel *m_cursor = nullptr;
};

} // namespace coauthor::app
