// PdfPane: the preview side of the window: the PdfView under its PdfToolBar,
// opening a compile's PDF and saying in a message what went wrong or was not found.
#pragma once

#include <QWidget>

namespace coauthor::app {

class PdfToolBar;
class PdfView;

class PdfPane : public QWidget
{
    Q_OBJECT
public:
    explicit PdfPane(QWidget *parent = nullptr);

    PdfView *view() const { return m_view; }
    PdfToolBar *toolBar() const { return m_bar; }

    // Shows a compile's PDF in place of the last one (none: keeps it); a file that
    // does not open is reported by message().
    void showPreview(const QString &pdf);
    void openExternally() const; // in the desktop's PDF viewer
    void focusFind();            // the tool bar's search field

Q_SIGNALS:
    // For the window's status bar, shown for timeoutMs.
    void message(const QString &text, int timeoutMs);

private:
    PdfView *m_view;
    PdfToolBar *m_bar;
};

} // namespace coauthor::app
