// PdfToolBar: the strip above the PDF preview: page position, zoom (fit
// width, fit page, percentages) and search in the PDF, fitted to the pane's
// width (a narrower search field, then a short page position) so that nothing
// overflows when editor and PDF are side by side on a laptop.
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
    // The search field's width range; below it the page position is shortened ("2 / 9").
    static constexpr int MinimumSearchWidth = 90;
    static constexpr int MaximumSearchWidth = 180;
    // Whether the page position shows its short form for lack of room.
    bool isCompact() const;

Q_SIGNALS:
    void notFound(const QString &text);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updatePage();
    void fitToWidth();
    int widthWithoutSearch() const;
    void updateZoom();
    void applyZoomChoice(int index);

    PdfView *m_view;
    QLabel *m_page = nullptr;
    QComboBox *m_zoom = nullptr;
    QLineEdit *m_find = nullptr;
    QString m_pageLong;
    QString m_pageShort;
};

} // namespace coauthor::app
