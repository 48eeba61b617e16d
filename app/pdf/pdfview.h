// PdfView: the PDF preview. Shows every page of a Poppler-Qt6 document in one continuous,
// vertically scrolling column; pages are rendered off the UI thread into a byte-bounded cache.
#pragma once

#include "app/pdf/pagecache.h"

#include <QAbstractScrollArea>
#include <QImage>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSet>
#include <QString>

#include <memory>

class QVariantAnimation;

namespace coauthor::app {

class PageRenderer;
class PdfDocument;
struct PdfWord;

// Threads and locks of the PDF preview (details next to each class):
// - UI thread: PdfView, its PageCache, its layout and the PageRenderer object. The cache has no
//   lock because only the UI thread touches it; rendered images arrive as queued signals.
// - Render thread (PageRenderer's private pool, one job at a time): calls PdfDocument::render.
// - The PdfDocument (and the Poppler::Document inside it) is shared by shared_ptr between the
//   view and queued render jobs, so a document replaced by a reload lives until its last job
//   ends. Every Poppler call goes through PdfDocument and holds its mutex; page sizes are read
//   once at load, so layout and painting never take it. The UI thread takes it only in find().
// - Lock order: there is none to get wrong, because no code holds two locks at once:
//   PageRenderer::m_mutex (its queue) is released before rendering, and PdfDocument's mutex is
//   innermost (nothing is called or emitted while it is held).
class PdfView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    enum class ZoomMode { FitWidth, FitPage, Custom };
    Q_ENUM(ZoomMode)

    explicit PdfView(QWidget *parent = nullptr);
    ~PdfView() override;

    // Loads pdfPath. Reopening the path that is shown (after a recompile) keeps the page, the
    // offset within it and the zoom, and keeps the old page images on screen until the new ones
    // are rendered. On failure returns false, fills *error and keeps showing the old document.
    bool openDocument(const QString &pdfPath, QString *error = nullptr);
    void closeDocument();
    QString documentPath() const;

    int pageCount() const;
    int currentPage() const; // 1-based; 0 when no document

    void setZoomMode(ZoomMode mode);
    ZoomMode zoomMode() const;
    void setZoom(double factor); // 1.0 = 100 %; switches to ZoomMode::Custom
    double zoom() const;
    void zoomIn();
    void zoomOut();

    // Scrolls to page (1-based) and the rects there (PDF points from the page's top-left), and
    // highlights the rects for a moment. Used for SyncTeX forward search.
    void showLocation(int page, const QList<QRectF> &rects);
    // What showLocation or find highlights now (page 1-based, 0 when nothing), for tests and tools.
    int highlightedPage() const { return m_highlightPage + 1; }
    QList<QRectF> highlightedRects() const { return m_highlightRects; }
    // The words of page (1-based) with their boxes in PDF points, in reading order; empty
    // when there is no such page. Takes the document's lock (UI thread, like find()).
    QList<PdfWord> words(int page) const;
    // Finds the next (or previous) occurrence of text, case-insensitively, after the last hit or
    // from the current page; continues across pages and wraps. Highlights and scrolls to the hit.
    bool find(const QString &text, bool backward = false);

    void goToPage(int page); // 1-based; puts the top of the page at the top of the view

    // Geometry in viewport coordinates, for tests and tools: where page (1-based) is drawn now.
    QRect pageRectInViewport(int page) const;
    // Bytes the page cache may hold (default 256 MB).
    void setCacheLimit(qint64 bytes);

Q_SIGNALS:
    void inverseSearchRequested(int page, QPointF point); // point in PDF points from top-left
    void currentPageChanged(int page);
    void documentLoaded(int pageCount);
    void firstPagePainted();
    void zoomChanged(double factor);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent *event) override;

private:
    struct Anchor
    {
        int page = -1;   // 0-based
        double fx = 0.5; // relative position inside the page, 0..1
        double fy = 0.0;
    };

    struct Tile
    {
        int index = 0; // PageKey::tile
        QRect device;  // in the page's device pixels at the current scale
    };
    QList<Tile> tilesOf(int page, int scaleKey) const; // empty: the page is rendered whole
    QRectF tileRectInContent(int page, const QRect &device) const;

    void createContextActions();
    void relayout();
    void applyZoom(double factor, ZoomMode mode, const Anchor &anchor, QPoint anchorInViewport);
    double fitZoom(ZoomMode mode) const;
    double pixelsPerPoint() const;
    QPoint contentOffset() const; // content coordinates of the viewport's top-left
    Anchor anchorAt(QPoint viewportPos) const;
    void scrollToAnchor(const Anchor &anchor, QPoint viewportPos);
    int pageAt(QPoint viewportPos) const; // 0-based, -1 when none
    QRectF pdfRectToViewport(int page, const QRectF &pdfRect) const;
    void ensureVisible(int page, const QRectF &pdfRect);
    void requestVisiblePages();
    void updateCurrentPage();
    void onPageRendered(quint64 generation, int page, int scaleKey, const QImage &image, int tile);
    int scaleKey() const;

    std::shared_ptr<PdfDocument> m_document;
    std::unique_ptr<PageCache> m_cache;
    QSet<PageKey> m_failed; // pages Poppler could not render, not retried
    PageRenderer *m_renderer = nullptr;

    QList<QRect> m_pageRects; // content coordinates, 0-based pages
    QSize m_contentSize;
    ZoomMode m_zoomMode = ZoomMode::FitWidth;
    double m_zoom = 1.0;
    int m_currentPage = 0;

    // Highlight for showLocation and find; fades out via m_highlightFade.
    int m_highlightPage = -1;
    QList<QRectF> m_highlightRects;
    double m_highlightOpacity = 0.0;
    QVariantAnimation *m_highlightFade = nullptr;

    // Search state: last hit so find() continues from it.
    QString m_findText;
    int m_findPage = -1;
    int m_findIndex = -1;
    QRectF m_findRect;

    bool m_firstPaintPending = false;
    QPoint m_dragStart;
    QPoint m_dragScrollStart;
    bool m_dragging = false;
};

} // namespace coauthor::app
