#include "app/compile/compilestatuslabel.h"

#include <QLocale>

namespace coauthor::app {

CompileStatusLabel::CompileStatusLabel(QWidget *parent)
    : QLabel(parent)
{
    setMinimumWidth(220);
    setState(State::Idle);
}

void CompileStatusLabel::setState(State state, qint64 elapsedMs, int errors, const QString &detail)
{
    const QString seconds = QLocale().toString(double(elapsedMs) / 1000.0, 'f', 1);
    QString text;
    QString color;
    switch (state) {
    case State::Idle:
        text = tr("Ready");
        break;
    case State::Compiling:
        text = detail.isEmpty() ? tr("Compiling…") : detail;
        color = QStringLiteral("#1f6feb");
        break;
    case State::Succeeded:
        text = detail.isEmpty() ? tr("Compiled in %1 s").arg(seconds) : detail;
        color = QStringLiteral("#1a7f37");
        break;
    case State::Failed:
        if (!detail.isEmpty())
            text = detail;
        else if (errors > 0)
            text = tr("Compile failed: %n error(s)", nullptr, errors);
        else // TeX stopped without an error the log parser knows (a full disk, a crash)
            text = tr("Compile failed: see the log");
        color = QStringLiteral("#cf222e");
        break;
    case State::Stopped:
        text = tr("Compile stopped");
        break;
    }
    m_stateText = text;
    m_color = color;
    updateText();
}

void CompileStatusLabel::setShowingLastSession(bool on)
{
    m_lastSession = on;
    updateText();
}

void CompileStatusLabel::updateText()
{
    setText(m_lastSession ? tr("%1 — PDF from the last session").arg(m_stateText) : m_stateText);
    setToolTip(m_lastSession ? tr("The PDF shown is from the last session; it is replaced when this compile ends.")
                             : QString());
    setStyleSheet(m_color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(m_color));
}

} // namespace coauthor::app
