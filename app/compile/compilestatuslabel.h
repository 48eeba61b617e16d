// CompileStatusLabel: the compile feature's part of the status bar: what the
// compiler is doing or how the last compile ended, with its time and errors.
#pragma once

#include <QLabel>

namespace coauthor::app {

class CompileStatusLabel : public QLabel
{
    Q_OBJECT
public:
    enum class State { Idle, Compiling, Succeeded, Failed, Stopped };

    explicit CompileStatusLabel(QWidget *parent = nullptr);

    // elapsedMs and errors are shown for Succeeded/Failed; detail, when set, replaces the text of
    // Compiling, Succeeded and Failed (a compile on the server says where it is).
    void setState(State state, qint64 elapsedMs = 0, int errors = 0, const QString &detail = {});
    // The PDF shown is the last session's, until a compile of this session ends: the
    // state's text says so.
    void setShowingLastSession(bool on);
    bool isShowingLastSession() const { return m_lastSession; }

private:
    void updateText();

    QString m_stateText;
    QString m_color;
    bool m_lastSession = false;
};

} // namespace coauthor::app
