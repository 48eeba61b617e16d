// AppStatusBar: the main window's status bar: compile state and time and the
// cursor's line and column; features put their own permanent widgets between
// the two (at featureWidgetIndex).
#pragma once

#include <QStatusBar>

class QLabel;

namespace coauthor::app {

class AppStatusBar : public QStatusBar
{
    Q_OBJECT
public:
    enum class CompileState { Idle, Compiling, Succeeded, Failed, Stopped };
    // Where a feature inserts its permanent status widget: after the compile state, before the cursor.
    static constexpr int featureWidgetIndex = 1;

    explicit AppStatusBar(QWidget *parent = nullptr);

    // elapsedMs and errors are shown for Succeeded/Failed; detail replaces the text for Failed when set.
    void setCompileState(CompileState state, qint64 elapsedMs = 0, int errors = 0, const QString &detail = {});
    QString compileText() const;
    void setCursorPosition(int line, int column);
    void clearCursorPosition();
    QString cursorText() const;

private:
    QLabel *m_compile = nullptr;
    QLabel *m_cursor = nullptr;
};

} // namespace coauthor::app
