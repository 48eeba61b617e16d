#include "app/pdf/pdftoolbar.h"

#include "app/pdf/pdfview.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLayout>
#include <QLocale>

#include <algorithm>

namespace coauthor::app {

namespace {

enum ZoomChoice { FitWidthChoice = -1, FitPageChoice = -2 };

} // namespace

PdfToolBar::PdfToolBar(PdfView *view, QWidget *parent)
    : QToolBar(parent)
    , m_view(view)
    , m_page(new QLabel(this))
    , m_zoom(new QComboBox(this))
    , m_find(new QLineEdit(this))
{
    setIconSize(QSize(16, 16));
    setToolButtonStyle(Qt::ToolButtonIconOnly); // also where a style would add the text: room is short
    setMovable(false);
    setFloatable(false);

    m_page->setContentsMargins(6, 0, 6, 0);
    addWidget(m_page);
    addSeparator();

    addAction(QIcon(QStringLiteral(":/icons/zoom-out.svg")), tr("Zoom Out"), m_view, &PdfView::zoomOut);
    m_zoom->setEditable(false);
    m_zoom->addItem(tr("Fit Width"), int(FitWidthChoice));
    m_zoom->addItem(tr("Fit Page"), int(FitPageChoice));
    for (int percent : {50, 75, 100, 125, 150, 200, 300})
        m_zoom->addItem(QLocale().toString(percent) + QStringLiteral(" %"), percent);
    m_zoom->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_zoom->setToolTip(tr("Zoom"));
    addWidget(m_zoom);
    addAction(QIcon(QStringLiteral(":/icons/zoom-in.svg")), tr("Zoom In"), m_view, &PdfView::zoomIn);
    addSeparator();

    m_find->setPlaceholderText(tr("Search in PDF"));
    m_find->setToolTip(tr("Search in PDF"));
    m_find->setClearButtonEnabled(true);
    addWidget(m_find);

    connect(m_zoom, &QComboBox::activated, this, &PdfToolBar::applyZoomChoice);
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        const QString text = m_find->text();
        if (!text.isEmpty() && !m_view->find(text))
            Q_EMIT notFound(text);
    });
    connect(m_view, &PdfView::currentPageChanged, this, &PdfToolBar::updatePage);
    connect(m_view, &PdfView::documentLoaded, this, &PdfToolBar::updatePage);
    connect(m_view, &PdfView::zoomChanged, this, &PdfToolBar::updateZoom);
    updatePage();
    updateZoom();
}

QString PdfToolBar::pageText() const
{
    return m_page->text();
}

void PdfToolBar::updatePage()
{
    const int pages = m_view->pageCount();
    const int page = qMax(1, m_view->currentPage());
    m_pageLong = pages > 0 ? tr("Page %1 of %2").arg(page).arg(pages) : tr("No PDF yet");
    m_pageShort = pages > 0 ? tr("%1 / %2", "page of pages, when the PDF pane is narrow").arg(page).arg(pages)
                            : tr("No PDF", "when the PDF pane is narrow");
    m_page->setToolTip(m_pageLong);
    fitToWidth();
}

void PdfToolBar::resizeEvent(QResizeEvent *event)
{
    QToolBar::resizeEvent(event);
    fitToWidth();
}

int PdfToolBar::widthWithoutSearch() const
{
    const QMargins margins = contentsMargins() + layout()->contentsMargins();
    int width = margins.left() + margins.right();
    int items = 0;
    for (QAction *action : actions()) {
        QWidget *w = widgetForAction(action);
        if (!w || w == m_find)
            continue;
        width += w->sizeHint().width();
        ++items;
    }
    return width + layout()->spacing() * items;
}

void PdfToolBar::fitToWidth()
{
    // A side-by-side PDF pane on a laptop is narrow: the search field gives
    // way first, then the page position gets its short form; nothing goes into
    // the tool bar's overflow menu, where nobody looks for the search.
    constexpr int Slack = 6;
    m_page->setText(m_pageLong);
    int room = width() - widthWithoutSearch() - Slack;
    if (room < MinimumSearchWidth) {
        m_page->setText(m_pageShort);
        room = width() - widthWithoutSearch() - Slack;
    }
    m_find->setFixedWidth(std::clamp(room, MinimumSearchWidth, MaximumSearchWidth));
}

bool PdfToolBar::isCompact() const
{
    return m_page->text() == m_pageShort && m_pageShort != m_pageLong;
}

void PdfToolBar::updateZoom()
{
    const QSignalBlocker blocker(m_zoom);
    switch (m_view->zoomMode()) {
    case PdfView::ZoomMode::FitWidth:
        m_zoom->setCurrentIndex(m_zoom->findData(int(FitWidthChoice)));
        return;
    case PdfView::ZoomMode::FitPage:
        m_zoom->setCurrentIndex(m_zoom->findData(int(FitPageChoice)));
        return;
    case PdfView::ZoomMode::Custom:
        break;
    }
    const int percent = qRound(m_view->zoom() * 100);
    int index = m_zoom->findData(percent);
    if (index < 0) {
        // Ctrl+wheel reaches values between the presets: show them as they are.
        m_zoom->addItem(QLocale().toString(percent) + QStringLiteral(" %"), percent);
        index = m_zoom->count() - 1;
    }
    m_zoom->setCurrentIndex(index);
    fitToWidth(); // a new percentage may have widened the box
}

void PdfToolBar::applyZoomChoice(int index)
{
    const int choice = m_zoom->itemData(index).toInt();
    if (choice == FitWidthChoice)
        m_view->setZoomMode(PdfView::ZoomMode::FitWidth);
    else if (choice == FitPageChoice)
        m_view->setZoomMode(PdfView::ZoomMode::FitPage);
    else if (choice > 0)
        m_view->setZoom(choice / 100.0);
}

} // namespace coauthor::app
