// PdfToolBar: the strip above the PDF preview: page position, zoom (fit
// width, fit page, percentages) and search in the PDF.
#pragma once

#include <QToolBar>

class QComboBox;
class QLabel;
class QLineEdit;

namespace coauthor::app {

class PdfView;

class PdfToolBar : public QToolBar
{
    Q_OBJECT
public:
    explicit PdfToolBar(PdfView *view, QWidget *parent = nullptr);

    QString pageText() const;
    QComboBox *zoomBox() const { return m_zoom; }
    QLineEdit *findField() const { return m_find; }

Q_SIGNALS:
    void notFound(const QString &text);

private:
    void updatePage();
    void updateZoom();
    void applyZoomChoice(int index);

    PdfView *m_view;
    QLabel *m_page = nullptr;
    QComboBox *m_zoom = nullptr;
    QLineEdit *m_find = nullptr;
};

} // namespace coauthor::app
