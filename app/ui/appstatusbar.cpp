#include "app/ui/appstatusbar.h"

#include <QLabel>
#include <QLocale>

namespace coauthor::app {

AppStatusBar::AppStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_compile(new QLabel(this))
    , m_cursor(new QLabel(this))
{
    m_compile->setMinimumWidth(220);
    m_cursor->setMinimumWidth(110);
    m_cursor->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    addPermanentWidget(m_compile);
    addPermanentWidget(m_cursor);
    setCompileState(CompileState::Idle);
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
