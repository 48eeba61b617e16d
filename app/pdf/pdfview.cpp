#include "app/pdf/pdfview.h"

#include "app/pdf/pagecache.h"
#include "app/pdf/pagerenderer.h"
#include "app/pdf/pdfdocument.h"

#include <QAction>
#include <QDesktopServices>
#include <QFileInfo>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QScrollBar>
#include <QUrl>
#include <QVariantAnimation>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace coauthor::app {

namespace {
constexpr int kGap = 10;          // logical pixels between pages and around the column
constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 8.0;
constexpr int kHighlightMs = 1500;
// A page whose image would be bigger than this is rendered in tiles, so zooming in far on a
// HiDPI screen needs a few 4 MB tiles rather than one image of hundreds of megabytes.
constexpr qint64 kMaxWholePageBytes = 48ll * 1024 * 1024;
constexpr int kTileSize = 1024; // device pixels
constexpr double kZoomSteps[] = {0.1, 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25,
                                 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0};

bool samePath(const QString &a, const QString &b)
{
    const QFileInfo fa(a);
    const QFileInfo fb(b);
    const QString ca = fa.canonicalFilePath();
    const QString cb = fb.canonicalFilePath();
    if (!ca.isEmpty() && !cb.isEmpty())
        return ca == cb;
    return fa.absoluteFilePath() == fb.absoluteFilePath();
}
} // namespace

PdfView::PdfView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_cache(std::make_unique<PageCache>())
    , m_renderer(new PageRenderer(this))
    , m_highlightFade(new QVariantAnimation(this))
{
    // Always on, so fitting the width cannot make the bar appear and disappear in a loop.
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAutoFillBackground(false);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    verticalScrollBar()->setSingleStep(40);
    horizontalScrollBar()->setSingleStep(40);

    connect(m_renderer, &PageRenderer::pageRendered, this, &PdfView::onPageRendered);
    createContextActions();

    m_highlightFade->setStartValue(1.0);
    m_highlightFade->setEndValue(0.0);
    m_highlightFade->setDuration(kHighlightMs);
    // Stays bright most of the time, then fades quickly.
    m_highlightFade->setEasingCurve(QEasingCurve::InCubic);
    connect(m_highlightFade, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
        m_highlightOpacity = value.toDouble();
        if (m_highlightPage >= 0 && m_highlightPage < m_pageRects.size())
            viewport()->update(m_pageRects.at(m_highlightPage).translated(-contentOffset()));
    });
}

void PdfView::createContextActions()
{
    // A right-click menu of the view's own actions. No shortcuts here: the main window owns the
    // application-wide ones, and keyPressEvent handles the zoom keys when the view has focus.
    setContextMenuPolicy(Qt::ActionsContextMenu);
    auto add = [this](const QString &text, auto slot) {
        auto *action = new QAction(text, this);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    add(tr("Zoom In"), [this] { zoomIn(); });
    add(tr("Zoom Out"), [this] { zoomOut(); });
    add(tr("Actual Size"), [this] { setZoom(1.0); });
    add(tr("Fit Width"), [this] { setZoomMode(ZoomMode::FitWidth); });
    add(tr("Fit Page"), [this] { setZoomMode(ZoomMode::FitPage); });
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    addAction(separator);
    QAction *external = add(tr("Open in External Viewer"), [this] {
        if (m_document)
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_document->path()));
    });
    external->setObjectName(QStringLiteral("openExternally"));
}

PdfView::~PdfView()
{
    // The renderer (a child) is destroyed after this body; stop its queue first so no job
    // starts for a view that is going away.
    m_renderer->cancelAll();
}

bool PdfView::openDocument(const QString &pdfPath, QString *error)
{
    PdfDocument::LoadResult loaded = PdfDocument::load(pdfPath);
    if (!loaded.document) {
        if (error)
            *error = loaded.error;
        return false;
    }

    const bool reload = m_document && samePath(m_document->path(), pdfPath);
    Anchor anchor;
    if (reload) {
        // The old document's images stay in the cache as stand-ins until each page's new image
        // arrives (then they are dropped); after several quick reloads the newest one is used.
        anchor = anchorAt(QPoint(0, 0));
    } else {
        m_cache->clear();
        m_highlightPage = -1;
        m_highlightRects.clear();
        m_highlightFade->stop();
    }
    m_failed.clear();
    m_findPage = -1;
    m_findIndex = -1;
    m_findRect = QRectF();

    m_document = std::move(loaded.document);
    m_firstPaintPending = true;

    const double oldZoom = m_zoom;
    if (m_zoomMode != ZoomMode::Custom)
        m_zoom = fitZoom(m_zoomMode);
    relayout();
    if (reload && anchor.page >= 0) {
        anchor.page = std::min(anchor.page, int(m_pageRects.size()) - 1);
        scrollToAnchor(anchor, QPoint(0, 0));
    } else {
        horizontalScrollBar()->setValue(0);
        verticalScrollBar()->setValue(0);
    }
    viewport()->update();
    requestVisiblePages();
    updateCurrentPage();
    Q_EMIT documentLoaded(pageCount());
    if (!qFuzzyCompare(oldZoom, m_zoom))
        Q_EMIT zoomChanged(m_zoom);
    return true;
}

void PdfView::closeDocument()
{
    m_renderer->cancelAll();
    m_document.reset();
    m_cache->clear();
    m_failed.clear();
    m_highlightPage = -1;
    m_highlightRects.clear();
    m_highlightFade->stop();
    m_findPage = -1;
    m_findIndex = -1;
    m_findRect = QRectF();
    m_firstPaintPending = false;
    relayout();
    viewport()->update();
    updateCurrentPage();
}

QString PdfView::documentPath() const
{
    return m_document ? m_document->path() : QString();
}

int PdfView::pageCount() const
{
    return m_document ? m_document->pageCount() : 0;
}

int PdfView::currentPage() const
{
    return m_currentPage;
}

void PdfView::setZoomMode(ZoomMode mode)
{
    if (mode == ZoomMode::Custom) {
        m_zoomMode = mode;
        return;
    }
    applyZoom(fitZoom(mode), mode, anchorAt(QPoint(0, 0)), QPoint(0, 0));
}

PdfView::ZoomMode PdfView::zoomMode() const
{
    return m_zoomMode;
}

void PdfView::setZoom(double factor)
{
    const QPoint centre = viewport()->rect().center();
    applyZoom(factor, ZoomMode::Custom, anchorAt(centre), centre);
}

double PdfView::zoom() const
{
    return m_zoom;
}

void PdfView::zoomIn()
{
    for (double step : kZoomSteps) {
        if (step > m_zoom * 1.01) {
            setZoom(step);
            return;
        }
    }
    setZoom(kMaxZoom);
}

void PdfView::zoomOut()
{
    for (auto it = std::rbegin(kZoomSteps); it != std::rend(kZoomSteps); ++it) {
        if (*it < m_zoom / 1.01) {
            setZoom(*it);
            return;
        }
    }
    setZoom(kMinZoom);
}

void PdfView::showLocation(int page, const QList<QRectF> &rects)
{
    const int index = page - 1;
    if (!m_document || index < 0 || index >= pageCount())
        return;
    if (rects.isEmpty()) {
        goToPage(page);
        return;
    }
    QRectF united;
    for (const QRectF &rect : rects)
        united = united.united(rect);
    ensureVisible(index, united);
    m_highlightPage = index;
    m_highlightRects = rects;
    m_highlightOpacity = 1.0;
    m_highlightFade->stop();
    m_highlightFade->start();
    viewport()->update();
}

QList<PdfWord> PdfView::words(int page) const
{
    return m_document ? m_document->words(page - 1) : QList<PdfWord>();
}

bool PdfView::find(const QString &text, bool backward)
{
    if (!m_document || text.isEmpty())
        return false;
    const int count = pageCount();
    const bool continuing = m_findPage >= 0 && text.compare(m_findText, Qt::CaseInsensitive) == 0;
    m_findText = text;

    int page = continuing ? m_findPage : std::max(0, m_currentPage - 1);
    QList<QRectF> hits = m_document->search(page, text);
    int index = continuing ? m_findIndex + (backward ? -1 : 1) : (backward ? int(hits.size()) - 1 : 0);
    // One extra step comes back to the starting page, so a single hit wraps onto itself.
    for (int step = 0; step <= count; ++step) {
        if (index >= 0 && index < hits.size()) {
            m_findPage = page;
            m_findIndex = index;
            m_findRect = hits.at(index);
            ensureVisible(page, m_findRect);
            viewport()->update();
            return true;
        }
        page = backward ? (page - 1 + count) % count : (page + 1) % count;
        hits = m_document->search(page, text);
        index = backward ? int(hits.size()) - 1 : 0;
    }
    m_findPage = -1;
    m_findIndex = -1;
    m_findRect = QRectF();
    viewport()->update();
    return false;
}

void PdfView::goToPage(int page)
{
    const int index = page - 1;
    if (index < 0 || index >= m_pageRects.size())
        return;
    verticalScrollBar()->setValue(m_pageRects.at(index).top() - kGap);
}

QRect PdfView::pageRectInViewport(int page) const
{
    const int index = page - 1;
    if (index < 0 || index >= m_pageRects.size())
        return {};
    return m_pageRects.at(index).translated(-contentOffset());
}

void PdfView::setCacheLimit(qint64 bytes)
{
    m_cache->setMaxBytes(bytes);
}

// --- layout -------------------------------------------------------------------------------

double PdfView::pixelsPerPoint() const
{
    return m_zoom * logicalDpiX() / 72.0;
}

int PdfView::scaleKey() const
{
    return qRound(pixelsPerPoint() * devicePixelRatioF() * 1000.0);
}

double PdfView::fitZoom(ZoomMode mode) const
{
    if (!m_document)
        return m_zoom;
    const QSizeF page = m_document->maxPageSize();
    const double base = logicalDpiX() / 72.0;
    const double width = (viewport()->width() - 2.0 * kGap) / (page.width() * base);
    if (mode == ZoomMode::FitWidth)
        return std::clamp(width, kMinZoom, kMaxZoom);
    const double height = (viewport()->height() - 2.0 * kGap) / (page.height() * base);
    return std::clamp(std::min(width, height), kMinZoom, kMaxZoom);
}

void PdfView::relayout()
{
    m_pageRects.clear();
    if (!m_document) {
        m_contentSize = QSize();
        horizontalScrollBar()->setRange(0, 0);
        verticalScrollBar()->setRange(0, 0);
        return;
    }
    const double ppp = pixelsPerPoint();
    int maxWidth = 0;
    QList<QSize> sizes;
    sizes.reserve(pageCount());
    for (int i = 0; i < pageCount(); ++i) {
        const QSizeF points = m_document->pageSize(i);
        const QSize pixels(std::max(1, int(std::lround(points.width() * ppp))),
                           std::max(1, int(std::lround(points.height() * ppp))));
        sizes.append(pixels);
        maxWidth = std::max(maxWidth, pixels.width());
    }
    const int contentWidth = std::max(viewport()->width(), maxWidth + 2 * kGap);
    int y = kGap;
    for (const QSize &size : sizes) {
        m_pageRects.append(QRect(QPoint((contentWidth - size.width()) / 2, y), size));
        y += size.height() + kGap;
    }
    m_contentSize = QSize(contentWidth, y);

    const QSize view = viewport()->size();
    horizontalScrollBar()->setRange(0, std::max(0, m_contentSize.width() - view.width()));
    horizontalScrollBar()->setPageStep(view.width());
    verticalScrollBar()->setRange(0, std::max(0, m_contentSize.height() - view.height()));
    verticalScrollBar()->setPageStep(std::max(1, view.height() - 40));
}

void PdfView::applyZoom(double factor, ZoomMode mode, const Anchor &anchor, QPoint anchorInViewport)
{
    const double zoom = std::clamp(factor, kMinZoom, kMaxZoom);
    const bool changed = !qFuzzyCompare(zoom, m_zoom);
    m_zoomMode = mode;
    m_zoom = zoom;
    relayout();
    scrollToAnchor(anchor, anchorInViewport);
    viewport()->update();
    requestVisiblePages();
    updateCurrentPage();
    if (changed)
        Q_EMIT zoomChanged(m_zoom);
}

QPoint PdfView::contentOffset() const
{
    return {horizontalScrollBar()->value(), verticalScrollBar()->value()};
}

PdfView::Anchor PdfView::anchorAt(QPoint viewportPos) const
{
    Anchor anchor;
    if (m_pageRects.isEmpty())
        return anchor;
    const QPoint pos = viewportPos + contentOffset();
    // The first page whose bottom edge (plus the gap below it) is below pos.
    auto it = std::lower_bound(m_pageRects.cbegin(), m_pageRects.cend(), pos.y(),
                               [](const QRect &rect, int y) { return rect.bottom() + kGap < y; });
    if (it == m_pageRects.cend())
        --it;
    const QRect rect = *it;
    anchor.page = int(it - m_pageRects.cbegin());
    anchor.fx = double(pos.x() - rect.left()) / rect.width();
    anchor.fy = double(pos.y() - rect.top()) / rect.height();
    return anchor;
}

void PdfView::scrollToAnchor(const Anchor &anchor, QPoint viewportPos)
{
    if (anchor.page < 0 || anchor.page >= m_pageRects.size())
        return;
    const QRect rect = m_pageRects.at(anchor.page);
    const double x = rect.left() + anchor.fx * rect.width();
    const double y = rect.top() + anchor.fy * rect.height();
    horizontalScrollBar()->setValue(int(std::lround(x)) - viewportPos.x());
    verticalScrollBar()->setValue(int(std::lround(y)) - viewportPos.y());
}

int PdfView::pageAt(QPoint viewportPos) const
{
    const QPoint pos = viewportPos + contentOffset();
    for (int i = 0; i < m_pageRects.size(); ++i) {
        if (m_pageRects.at(i).contains(pos))
            return i;
        if (m_pageRects.at(i).top() > pos.y())
            break;
    }
    return -1;
}

QRectF PdfView::pdfRectToViewport(int page, const QRectF &pdfRect) const
{
    const QRect rect = m_pageRects.at(page).translated(-contentOffset());
    const double ppp = pixelsPerPoint();
    return QRectF(rect.left() + pdfRect.left() * ppp, rect.top() + pdfRect.top() * ppp,
                  pdfRect.width() * ppp, pdfRect.height() * ppp);
}

void PdfView::ensureVisible(int page, const QRectF &pdfRect)
{
    if (page < 0 || page >= m_pageRects.size())
        return;
    const QRectF target = pdfRectToViewport(page, pdfRect);
    const QRectF view = viewport()->rect();
    if (target.top() < 0 || target.bottom() > view.height()) {
        const int dy = int(std::lround(target.center().y() - view.height() / 2.0));
        verticalScrollBar()->setValue(verticalScrollBar()->value() + dy);
    }
    if (target.left() < 0 || target.right() > view.width()) {
        const int dx = int(std::lround(target.center().x() - view.width() / 2.0));
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() + dx);
    }
}

// --- rendering ----------------------------------------------------------------------------

QList<PdfView::Tile> PdfView::tilesOf(int page, int scaleKey) const
{
    const QSizeF points = m_document->pageSize(page);
    const double scale = scaleKey / 1000.0;
    const QSize device(std::max(1, int(std::lround(points.width() * scale))),
                       std::max(1, int(std::lround(points.height() * scale))));
    if (qint64(device.width()) * device.height() * 4 <= kMaxWholePageBytes)
        return {};
    QList<Tile> tiles;
    int index = 1;
    for (int y = 0; y < device.height(); y += kTileSize) {
        for (int x = 0; x < device.width(); x += kTileSize) {
            tiles.append({index++, QRect(x, y, std::min(kTileSize, device.width() - x),
                                         std::min(kTileSize, device.height() - y))});
        }
    }
    return tiles;
}

QRectF PdfView::tileRectInContent(int page, const QRect &device) const
{
    const qreal dpr = devicePixelRatioF();
    return QRectF(QPointF(m_pageRects.at(page).topLeft()) + QPointF(device.topLeft()) / dpr,
                  QSizeF(device.size()) / dpr);
}

void PdfView::requestVisiblePages()
{
    if (!m_document || m_pageRects.isEmpty()) {
        m_renderer->cancelAll();
        return;
    }
    const QRect visible(contentOffset(), viewport()->size());
    int first = -1;
    int last = -1;
    for (int i = 0; i < m_pageRects.size(); ++i) {
        if (m_pageRects.at(i).intersects(visible)) {
            if (first < 0)
                first = i;
            last = i;
        } else if (m_pageRects.at(i).top() > visible.bottom()) {
            break;
        }
    }
    if (first < 0) {
        m_renderer->cancelAll();
        return;
    }
    const int key = scaleKey();
    const qreal dpr = devicePixelRatioF();
    // Tiles of zoomed-in pages are prepared half a view ahead, not a whole page.
    const QRectF ahead = QRectF(visible).adjusted(0, -visible.height() / 2.0, 0, visible.height() / 2.0);
    QList<RenderRequest> now;
    QList<RenderRequest> later;
    auto wanted = [&](const PageKey &pageKey) { return !m_cache->contains(pageKey) && !m_failed.contains(pageKey); };
    auto add = [&](int page, bool isVisible) {
        if (page < 0 || page >= pageCount())
            return;
        const QList<Tile> tiles = tilesOf(page, key);
        if (tiles.isEmpty()) {
            if (wanted({m_document->generation(), page, key, 0}))
                (isVisible ? now : later).append({m_document, page, key, dpr, 0, QRect()});
            return;
        }
        for (const Tile &tile : tiles) {
            const QRectF rect = tileRectInContent(page, tile.device);
            if (!rect.intersects(ahead) || !wanted({m_document->generation(), page, key, tile.index}))
                continue;
            (rect.intersects(visible) ? now : later).append({m_document, page, key, dpr, tile.index, tile.device});
        }
    };
    // Visible pages first, then one page of margin on each side for smooth scrolling.
    for (int page = first; page <= last; ++page)
        add(page, true);
    add(last + 1, false);
    add(first - 1, false);
    m_renderer->request(now + later);
}

void PdfView::onPageRendered(quint64 generation, int page, int scaleKey, const QImage &image, int tile)
{
    if (!m_document || generation != m_document->generation())
        return; // a job for a document that has since been replaced
    const PageKey key{generation, page, scaleKey, tile};
    if (image.isNull()) {
        m_failed.insert(key); // drawn white; not retried for this document
        return;
    }
    m_cache->insert(key, image);
    m_cache->dropOlderGenerations(key);
    if (page < m_pageRects.size())
        viewport()->update(m_pageRects.at(page).translated(-contentOffset()));
}

void PdfView::updateCurrentPage()
{
    int best = -1;
    int bestArea = 0;
    const QRect visible(contentOffset(), viewport()->size());
    for (int i = 0; i < m_pageRects.size(); ++i) {
        const QRect part = m_pageRects.at(i).intersected(visible);
        const int area = part.isEmpty() ? 0 : part.width() * part.height();
        if (area > bestArea) {
            best = i;
            bestArea = area;
        }
        if (m_pageRects.at(i).top() > visible.bottom())
            break;
    }
    const int current = m_document ? (best >= 0 ? best + 1 : std::min(1, pageCount())) : 0;
    if (current != m_currentPage) {
        m_currentPage = current;
        Q_EMIT currentPageChanged(current);
    }
}

// --- events -------------------------------------------------------------------------------

void PdfView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    painter.fillRect(event->rect(), palette().color(QPalette::Dark));
    if (!m_document)
        return;

    const QPoint offset = contentOffset();
    const QRect visible(offset, viewport()->size());
    const int key = scaleKey();
    bool paintedRendered = false;
    bool missing = false;
    for (int i = 0; i < m_pageRects.size(); ++i) {
        const QRect content = m_pageRects.at(i);
        if (content.top() > visible.bottom())
            break;
        if (!content.intersects(visible))
            continue;
        const QRect target = content.translated(-offset);
        if (!target.intersects(event->rect()))
            continue;

        const quint64 generation = m_document->generation();
        const QList<Tile> tiles = tilesOf(i, key);
        bool exact = false;
        const QImage image = m_cache->best({generation, i, key, 0}, &exact);
        if (exact) {
            // Drawn 1:1 at its own device pixel ratio: sharp on HiDPI screens.
            painter.fillRect(target, Qt::white);
            painter.drawImage(target.topLeft(), image);
            paintedRendered = true;
        } else if (!image.isNull()) {
            // The previous zoom or the document before a recompile, scaled: never a blank flash.
            painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
            painter.drawImage(QRectF(target), image, QRectF(image.rect()));
            painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
            missing = missing || tiles.isEmpty();
        } else {
            painter.fillRect(target, Qt::white);
            missing = missing || (tiles.isEmpty() && !m_failed.contains({generation, i, key, 0}));
        }
        // A zoomed-in page: its rendered tiles on top of the stand-in.
        for (const Tile &tile : tiles) {
            const QRectF rect = tileRectInContent(i, tile.device).translated(-offset);
            if (!rect.intersects(event->rect()))
                continue;
            const PageKey tileKey{generation, i, key, tile.index};
            const QImage tileImage = m_cache->best(tileKey);
            if (!tileImage.isNull()) {
                painter.drawImage(rect.topLeft(), tileImage);
                paintedRendered = true;
            } else if (!m_failed.contains(tileKey)) {
                missing = true;
            }
        }
        painter.setPen(QColor(0, 0, 0, 70));
        painter.drawRect(target.adjusted(-1, -1, 0, 0));

        if (i == m_findPage && !m_findRect.isNull()) {
            painter.fillRect(pdfRectToViewport(i, m_findRect).adjusted(-1, -1, 1, 1),
                             QColor(40, 110, 230, 90));
        }
        if (i == m_highlightPage && m_highlightOpacity > 0.0) {
            painter.setOpacity(m_highlightOpacity);
            for (const QRectF &rect : std::as_const(m_highlightRects))
                painter.fillRect(pdfRectToViewport(i, rect).adjusted(-2, -2, 2, 2), QColor(255, 200, 0, 110));
            painter.setOpacity(1.0);
        }
    }
    painter.end();

    if (missing)
        requestVisiblePages(); // e.g. after a device pixel ratio change
    if (paintedRendered && m_firstPaintPending) {
        m_firstPaintPending = false;
        Q_EMIT firstPagePainted();
    }
}

void PdfView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    // The layout still matches the old size here; keep the top-left point where it was.
    const Anchor anchor = anchorAt(QPoint(0, 0));
    const double oldZoom = m_zoom;
    if (m_zoomMode != ZoomMode::Custom && m_document)
        m_zoom = fitZoom(m_zoomMode);
    relayout();
    scrollToAnchor(anchor, QPoint(0, 0));
    requestVisiblePages();
    updateCurrentPage();
    if (!qFuzzyCompare(oldZoom, m_zoom))
        Q_EMIT zoomChanged(m_zoom);
}

void PdfView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const int delta = event->angleDelta().y();
        if (delta != 0) {
            const QPoint pos = event->position().toPoint();
            applyZoom(m_zoom * std::pow(1.15, delta / 120.0), ZoomMode::Custom, anchorAt(pos), pos);
        }
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void PdfView::keyPressEvent(QKeyEvent *event)
{
    QScrollBar *vertical = verticalScrollBar();
    QScrollBar *horizontal = horizontalScrollBar();
    if (event->matches(QKeySequence::ZoomIn)) {
        zoomIn();
        return;
    }
    if (event->matches(QKeySequence::ZoomOut)) {
        zoomOut();
        return;
    }
    switch (event->key()) {
    case Qt::Key_PageDown:
    case Qt::Key_Space:
        vertical->triggerAction(QAbstractSlider::SliderPageStepAdd);
        return;
    case Qt::Key_PageUp:
        vertical->triggerAction(QAbstractSlider::SliderPageStepSub);
        return;
    case Qt::Key_Home:
        vertical->triggerAction(QAbstractSlider::SliderToMinimum);
        return;
    case Qt::Key_End:
        vertical->triggerAction(QAbstractSlider::SliderToMaximum);
        return;
    case Qt::Key_Down:
        vertical->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        return;
    case Qt::Key_Up:
        vertical->triggerAction(QAbstractSlider::SliderSingleStepSub);
        return;
    case Qt::Key_Right:
        horizontal->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        return;
    case Qt::Key_Left:
        horizontal->triggerAction(QAbstractSlider::SliderSingleStepSub);
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

void PdfView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    if (event->modifiers() & Qt::ControlModifier) {
        const int page = pageAt(pos);
        if (page >= 0) {
            const QPoint inPage = pos + contentOffset() - m_pageRects.at(page).topLeft();
            const double ppp = pixelsPerPoint();
            Q_EMIT inverseSearchRequested(page + 1, QPointF(inPage.x() / ppp, inPage.y() / ppp));
        }
        event->accept();
        return;
    }
    // Plain drag pans the view, as in other previewers.
    m_dragging = true;
    m_dragStart = pos;
    m_dragScrollStart = contentOffset();
    viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void PdfView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    const QPoint delta = event->position().toPoint() - m_dragStart;
    horizontalScrollBar()->setValue(m_dragScrollStart.x() - delta.x());
    verticalScrollBar()->setValue(m_dragScrollStart.y() - delta.y());
    event->accept();
}

void PdfView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (m_dragging) {
            m_dragging = false;
            viewport()->unsetCursor();
        }
        event->accept();
        return;
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

bool PdfView::viewportEvent(QEvent *event)
{
    // Touchpad pinch zooms around the fingers, like Ctrl+wheel around the mouse.
    if (event->type() == QEvent::NativeGesture) {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            const QPoint pos = gesture->position().toPoint(); // the viewport receives it
            applyZoom(m_zoom * (1.0 + gesture->value()), ZoomMode::Custom, anchorAt(pos), pos);
            return true;
        }
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void PdfView::scrollContentsBy(int dx, int dy)
{
    Q_UNUSED(dx)
    Q_UNUSED(dy)
    viewport()->update();
    requestVisiblePages();
    updateCurrentPage();
}

} // namespace coauthor::app
