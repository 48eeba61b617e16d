// AppStatusBar: the main window's status bar: the cursor's line and column, and
// the selection's word count while there is a selection.
// Features put their own permanent widgets in front of it: the compile state
// first (index 0), the others at featureWidgetIndex, after it.
#pragma once

#include <QStatusBar>

class QLabel;

namespace coauthor::app {

class AppStatusBar : public QStatusBar
{
    Q_OBJECT
public:
    // Where a feature other than compile inserts its permanent status widget:
    // after the compile state, before the cursor.
    static constexpr int featureWidgetIndex = 1;

    explicit AppStatusBar(QWidget *parent = nullptr);

    void setCursorPosition(int line, int column);
    void clearCursorPosition();
    QString cursorText() const;
    // The selection's words (TeXcount's text + header + caption words); hidden when words < 0.
    void setSelectionWords(int words);
    QString selectionText() const;

private:
    QLabel *m_selection = nullptr;
    QLabel *m_cursor = nullptr;
};

} // namespace coauthor::app
