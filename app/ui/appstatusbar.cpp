#include "app/ui/appstatusbar.h"

#include <QLabel>
#include <QLocale>

namespace coauthor::app {

AppStatusBar::AppStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_compile(new QLabel(this))
    , m_sync(new QLabel(this))
    , m_cursor(new QLabel(this))
{
    m_compile->setMinimumWidth(220);
    m_cursor->setMinimumWidth(110);
    m_cursor->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    addPermanentWidget(m_compile);
    addPermanentWidget(m_sync);
    addPermanentWidget(m_cursor);
    setCompileState(CompileState::Idle);
    setSyncState(SyncState::Local);
}

void AppStatusBar::setCompileState(CompileState state, qint64 elapsedMs, int errors, const QString &detail)
{
    const QString seconds = QLocale().toString(double(elapsedMs) / 1000.0, 'f', 1);
    QString text;
    QString color;
    switch (state) {
    case CompileState::Idle:
        text = tr("Ready");
        break;
    case CompileState::Compiling:
        text = tr("Compiling…");
        color = QStringLiteral("#1f6feb");
        break;
    case CompileState::Succeeded:
        text = tr("Compiled in %1 s").arg(seconds);
        color = QStringLiteral("#1a7f37");
        break;
    case CompileState::Failed:
        if (!detail.isEmpty())
            text = detail;
        else if (errors > 0)
            text = tr("Compile failed: %n error(s)", nullptr, errors);
        else // TeX stopped without an error the log parser knows (a full disk, a crash)
            text = tr("Compile failed: see the log");
        color = QStringLiteral("#cf222e");
        break;
    case CompileState::Stopped:
        text = tr("Compile stopped");
        break;
    }
    m_compile->setText(text);
    m_compile->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
}

QString AppStatusBar::compileText() const
{
    return m_compile->text();
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
