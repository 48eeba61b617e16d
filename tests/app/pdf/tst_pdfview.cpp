// PdfView against real PDFs written by QPdfWriter and rendered by Poppler: opening, zoom,
// reload after a "recompile", search, SyncTeX hooks and error handling.
#include "app/pdf/pagerenderer.h"
#include "app/pdf/pdfdocument.h"
#include "app/pdf/pdfview.h"

#include "testpdf.h"

#include <QAction>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

using coauthor::app::PageRenderer;
using coauthor::app::PdfView;
using coauthor::app::test::TestPdfOptions;
using coauthor::app::test::writeTestPdf;

namespace {

// Share of pixels inside rect that are clearly darker than white (text and drawings).
double inkRatio(const QImage &image, const QRect &rect)
{
    const QRect r = rect.intersected(image.rect());
    if (r.isEmpty())
        return 0.0;
    qint64 dark = 0;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            if (qGray(image.pixel(x, y)) < 160)
                ++dark;
        }
    }
    return double(dark) / (qint64(r.width()) * r.height());
}

int countColour(const QImage &image, const QRect &rect, bool (*match)(QRgb))
{
    const QRect r = rect.intersected(image.rect());
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            n += match(image.pixel(x, y)) ? 1 : 0;
    return n;
}

QImage grabView(PdfView &view)
{
    // Device-independent pixels, so rects from pageRectInViewport() apply directly.
    QImage image = view.viewport()->grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    if (dpr != 1.0)
        image = image.scaled(image.size() / dpr, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return image.convertToFormat(QImage::Format_RGB32);
}

} // namespace

class PdfViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void openShowsPagesAndPaintsFirstPage();
    void zoomModesChangePageWidth();
    void ctrlWheelZoomsAroundMouse();
    void aPinchZoomsByItsFactorIntoCustomZoom();
    void pageKeysHomeEndAndArrowsScrollThePages();
    void onlyVisiblePagesAreRendered();
    void zoomShowsScaledImageUntilRendered();
    void zoomedInPagesRenderInTiles();
    void reloadKeepsPageOffsetAndZoom();
    void reloadShowsOldImagesUntilNewOnesArrive();
    void reloadWithDifferentPageSizeKeepsRelativeOffset();
    void findLocatesTextAcrossPagesAndWraps();
    void ctrlClickRequestsInverseSearch();
    void showLocationScrollsAndHighlights();
    void badFilesAreRejectedAndOldDocumentKept();
    void closeDocumentClears();
    void theContextMenuZoomsAndFits();
    void aRecompiledPdflatexDocumentReloadsOnTheSamePage();
    void randomInteractionWhileRenderingKeepsTheViewConsistent();

private:
    QString pdf(const QString &name) const { return m_dir.filePath(name); }
    void openAndWait(PdfView &view, const QString &path);

    QTemporaryDir m_dir;
};

void PdfViewTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(writeTestPdf(pdf(QStringLiteral("five.pdf"))));
}

void PdfViewTest::openAndWait(PdfView &view, const QString &path)
{
    QSignalSpy painted(&view, &PdfView::firstPagePainted);
    QString error;
    QVERIFY2(view.openDocument(path, &error), qPrintable(error));
    QVERIFY(painted.wait(5000) || painted.count() == 1);
}

void PdfViewTest::openShowsPagesAndPaintsFirstPage()
{
    PdfView view;
    view.resize(600, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QSignalSpy loaded(&view, &PdfView::documentLoaded);
    QSignalSpy painted(&view, &PdfView::firstPagePainted);
    QVERIFY(view.openDocument(pdf(QStringLiteral("five.pdf"))));
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(loaded.first().first().toInt(), 5);
    QCOMPARE(view.pageCount(), 5);
    QCOMPARE(view.currentPage(), 1);
    QVERIFY(painted.wait(5000));
    QTest::qWait(50);
    QCOMPARE(painted.count(), 1); // once per openDocument

    const QRect page = view.pageRectInViewport(1);
    QVERIFY(page.width() > 400);
    const QImage image = grabView(view);
    // The page is white paper with some ink on it; the background around it is not white.
    QVERIFY(inkRatio(image, page) > 0.005);
    QVERIFY(inkRatio(image, page) < 0.5);
    const QRgb paper = image.pixel(page.left() + 5, page.top() + 5);
    QCOMPARE(qGray(paper), 255);
    QVERIFY(qGray(image.pixel(2, page.top() + 20)) < 250);
    // The heading "Page 1" sits at y = 100 pt: ink in that band, none far above it.
    const double ppp = page.width() / 595.0;
    QVERIFY(inkRatio(image, QRect(page.left() + int(72 * ppp), page.top() + int(80 * ppp),
                                  int(100 * ppp), int(25 * ppp)))
            > 0.02);
    QCOMPARE(inkRatio(image, QRect(page.left() + 10, page.top() + 10, page.width() - 20, int(60 * ppp))), 0.0);
}

void PdfViewTest::zoomModesChangePageWidth()
{
    PdfView view;
    view.resize(700, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));
    QCOMPARE(view.zoomMode(), PdfView::ZoomMode::FitWidth);
    const int viewportWidth = view.viewport()->width();
    // Fit width: the page fills the width but for the margins.
    QVERIFY(qAbs(view.pageRectInViewport(1).width() - (viewportWidth - 20)) <= 1);

    QSignalSpy zoomed(&view, &PdfView::zoomChanged);
    view.setZoom(1.0);
    QCOMPARE(view.zoomMode(), PdfView::ZoomMode::Custom);
    QCOMPARE(zoomed.count(), 1);
    const int at100 = view.pageRectInViewport(1).width();
    QVERIFY(qAbs(at100 - qRound(595.0 * view.logicalDpiX() / 72.0)) <= 1);
    view.setZoom(2.0);
    QVERIFY(qAbs(view.pageRectInViewport(1).width() - 2 * at100) <= 1);
    QCOMPARE(view.zoom(), 2.0);
    view.zoomIn();
    QVERIFY(view.zoom() > 2.0);
    view.zoomOut();
    view.zoomOut();
    QVERIFY(view.zoom() < 2.0);

    view.setZoomMode(PdfView::ZoomMode::FitPage);
    const QRect fit = view.pageRectInViewport(view.currentPage());
    QVERIFY(fit.height() <= view.viewport()->height());
    QVERIFY(fit.height() >= view.viewport()->height() - 22);
    // Fit modes follow the window size.
    view.setZoomMode(PdfView::ZoomMode::FitWidth);
    view.resize(900, 600);
    QTRY_VERIFY(qAbs(view.pageRectInViewport(1).width() - (view.viewport()->width() - 20)) <= 1);
}

void PdfViewTest::ctrlWheelZoomsAroundMouse()
{
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));
    view.setZoom(1.0);
    view.verticalScrollBar()->setValue(300);

    const QPoint mouse(200, 250);
    const QRect before = view.pageRectInViewport(1);
    const QPointF relative(double(mouse.x() - before.left()) / before.width(),
                           double(mouse.y() - before.top()) / before.height());
    QWheelEvent wheel(mouse, view.viewport()->mapToGlobal(mouse), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &wheel);
    QVERIFY(view.zoom() > 1.1);
    QCOMPARE(view.zoomMode(), PdfView::ZoomMode::Custom);
    const QRect after = view.pageRectInViewport(1);
    QVERIFY(after.width() > before.width());
    // The point under the mouse stays under the mouse.
    const QPointF moved(after.left() + relative.x() * after.width(), after.top() + relative.y() * after.height());
    QVERIFY2(qAbs(moved.x() - mouse.x()) <= 2 && qAbs(moved.y() - mouse.y()) <= 2,
             qPrintable(QStringLiteral("%1,%2").arg(moved.x()).arg(moved.y())));
}

void PdfViewTest::aPinchZoomsByItsFactorIntoCustomZoom()
{
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));
    const double before = view.zoom();
    const QPointF at(300, 300);
    QNativeGestureEvent pinch(Qt::ZoomNativeGesture, QPointingDevice::primaryPointingDevice(), 2, at, at,
                              view.viewport()->mapToGlobal(at), 0.5, QPointF(), 0);
    QApplication::sendEvent(view.viewport(), &pinch);
    QVERIFY(qAbs(view.zoom() - before * 1.5) < 0.01);
    QCOMPARE(view.zoomMode(), PdfView::ZoomMode::Custom);
}

void PdfViewTest::pageKeysHomeEndAndArrowsScrollThePages()
{
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));
    QSignalSpy pageChanged(&view, &PdfView::currentPageChanged);
    QTest::keyClick(&view, Qt::Key_PageDown);
    QVERIFY(view.verticalScrollBar()->value() > 500);
    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(view.currentPage(), 5);
    QVERIFY(!pageChanged.isEmpty());
    QCOMPARE(pageChanged.last().first().toInt(), 5);
    QTest::keyClick(&view, Qt::Key_Home);
    QCOMPARE(view.currentPage(), 1);
    const int top = view.verticalScrollBar()->value();
    QTest::keyClick(&view, Qt::Key_Down);
    QVERIFY(view.verticalScrollBar()->value() > top);
    QTest::keyClick(&view, Qt::Key_Up);
    QCOMPARE(view.verticalScrollBar()->value(), top);
}

void PdfViewTest::onlyVisiblePagesAreRendered()
{
    const QString path = pdf(QStringLiteral("sixty.pdf"));
    TestPdfOptions sixty;
    sixty.pages = 60;
    QVERIFY(writeTestPdf(path, sixty));
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *renderer = view.findChild<PageRenderer *>();
    QVERIFY(renderer);
    QSignalSpy rendered(renderer, &PageRenderer::pageRendered);
    auto renderedPages = [&rendered] {
        QSet<int> pages;
        for (const auto &arguments : std::as_const(rendered))
            pages.insert(arguments.at(1).toInt());
        return pages;
    };
    openAndWait(view, path);
    QTRY_VERIFY(renderedPages().contains(1));
    QTest::qWait(200);
    // Page 1 fills the view at fit width; page 2 is the margin page. Nothing else.
    QCOMPARE(renderedPages(), (QSet<int>{0, 1}));

    // Scroll through quickly (each step asks for its pages), then stop on page 40.
    rendered.clear();
    for (int page = 5; page <= 35; page += 5)
        view.goToPage(page);
    view.goToPage(40);
    QCOMPARE(view.currentPage(), 40);
    QTRY_VERIFY(renderedPages().contains(39) && renderedPages().contains(40));
    QTest::qWait(200);
    // The pages passed on the way were dropped before rendering; only a page already in
    // Poppler's hands when the next request came may have finished.
    int passed = 0;
    const QSet<int> pages = renderedPages();
    for (int page : pages) {
        QVERIFY(page < 37 || (page >= 38 && page <= 40)); // page 40 and its margin pages
        passed += page < 37 ? 1 : 0;
    }
    QVERIFY2(passed <= 2, qPrintable(QString::number(passed)));
}

void PdfViewTest::zoomShowsScaledImageUntilRendered()
{
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));
    view.setZoom(0.5);
    // Nothing rendered at 50 % yet: the fit-width image is shown scaled down, not a white page.
    const QRect page = view.pageRectInViewport(1);
    QVERIFY(inkRatio(grabView(view), page) > 0.005);
}

void PdfViewTest::zoomedInPagesRenderInTiles()
{
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));
    auto *renderer = view.findChild<PageRenderer *>();
    QSignalSpy rendered(renderer, &PageRenderer::pageRendered);

    // 800 %: page 1 would be a ~6300 x 9000 image (~230 MB) if rendered whole.
    view.setZoom(8.0);
    QCOMPARE(view.zoom(), 8.0);
    view.goToPage(1);
    const QRect page = view.pageRectInViewport(1);
    const double ppp = page.width() / 595.0;
    // Put "Page 1" (x 72 pt, baseline 100 pt) into view.
    view.horizontalScrollBar()->setValue(int(60 * ppp));
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() + int(70 * ppp));
    // No tile has arrived yet (no events processed): the fit-width image is shown enlarged.
    QVERIFY(inkRatio(grabView(view), view.viewport()->rect()) > 0.01);
    // The tiles line up: once they have arrived, the screen equals Poppler's render of that
    // part of the page. (Measured once the horizontal scroll bar has appeared.)
    QTRY_VERIFY(!rendered.isEmpty());
    const QRect now = view.pageRectInViewport(1);
    const QRect inPage = view.viewport()->rect().translated(-now.topLeft()).intersected(QRect(QPoint(0, 0), now.size()));
    const auto loaded = coauthor::app::PdfDocument::load(pdf(QStringLiteral("five.pdf")));
    const double scale = qRound(8.0 * view.logicalDpiX() / 72.0 * 1000.0) / 1000.0;
    const QImage reference = loaded.document->render(0, scale, inPage).convertToFormat(QImage::Format_RGB32);
    auto differingPixels = [&] {
        const QImage screen = grabView(view);
        int different = 0;
        for (int y = 0; y < inPage.height(); y += 2) {
            for (int x = 0; x < inPage.width(); x += 2) {
                if (qAbs(qGray(screen.pixel(inPage.left() + now.left() + x, inPage.top() + now.top() + y))
                         - qGray(reference.pixel(x, y)))
                    > 16)
                    ++different;
            }
        }
        return different;
    };
    const int allowed = inPage.width() * inPage.height() / 4 / 100;
    QTRY_VERIFY_WITH_TIMEOUT(differingPixels() < allowed, 15000);
    QVERIFY(inkRatio(grabView(view), view.viewport()->rect()) > 0.01);

    qint64 bytes = 0;
    const int zoomedKey = qRound(scale * 1000.0);
    int zoomedRenders = 0;
    for (const auto &arguments : std::as_const(rendered)) {
        // Renders at the fit-width scale requested before the zoom may still
        // arrive (a loaded machine); only the 800 % ones must be tiles.
        if (arguments.at(2).toInt() != zoomedKey)
            continue;
        ++zoomedRenders;
        const QImage image = arguments.at(3).value<QImage>();
        QVERIFY(arguments.at(4).toInt() > 0); // tiles, never the whole page
        QVERIFY(image.width() <= 1024 && image.height() <= 1024);
        bytes += image.sizeInBytes();
    }
    QVERIFY(zoomedRenders > 0);
    QVERIFY2(bytes < 64ll * 1024 * 1024, qPrintable(QString::number(bytes)));
}

void PdfViewTest::reloadKeepsPageOffsetAndZoom()
{
    const QString path = pdf(QStringLiteral("reload.pdf"));
    QVERIFY(writeTestPdf(path));
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, path);
    view.setZoom(1.25);
    view.goToPage(3);
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() + 137);
    view.horizontalScrollBar()->setValue(40);
    QCOMPARE(view.currentPage(), 3);
    const QRect before = view.pageRectInViewport(3);

    // The "recompile": same path, new content.
    TestPdfOptions changed;
    changed.marker = QStringLiteral("Revised");
    QVERIFY(writeTestPdf(path, changed));
    QSignalSpy zoomed(&view, &PdfView::zoomChanged);
    openAndWait(view, path);
    QCOMPARE(view.currentPage(), 3);
    QCOMPARE(view.zoom(), 1.25);
    QCOMPARE(zoomed.count(), 0);
    QCOMPARE(view.pageRectInViewport(3), before);

    // Fit width is kept too, and still fits after a reload.
    view.setZoomMode(PdfView::ZoomMode::FitWidth);
    const QRect fitted = view.pageRectInViewport(3);
    openAndWait(view, path);
    QCOMPARE(view.zoomMode(), PdfView::ZoomMode::FitWidth);
    QCOMPARE(view.pageRectInViewport(3), fitted);
}

void PdfViewTest::reloadShowsOldImagesUntilNewOnesArrive()
{
    const QString path = pdf(QStringLiteral("flicker.pdf"));
    QVERIFY(writeTestPdf(path));
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, path);
    QTest::qWait(100); // let the margin page render too
    const QRect page = view.pageRectInViewport(1);
    const double inkBefore = inkRatio(grabView(view), page);
    QVERIFY(inkBefore > 0.005);

    TestPdfOptions changed;
    changed.marker = QStringLiteral("Changed");
    QVERIFY(writeTestPdf(path, changed));
    QSignalSpy painted(&view, &PdfView::firstPagePainted);
    QVERIFY(view.openDocument(path));
    // No event processing yet, so no new image can have arrived: the old one is painted.
    const double inkDuring = inkRatio(grabView(view), page);
    QVERIFY2(inkDuring > 0.005, "a blank page flashed during the reload");
    // Two recompiles in a row, faster than rendering: still the last images painted.
    QVERIFY(view.openDocument(path));
    QVERIFY2(inkRatio(grabView(view), page) > 0.005, "a blank page flashed during the second reload");
    QVERIFY(painted.wait(5000));
}

void PdfViewTest::reloadWithDifferentPageSizeKeepsRelativeOffset()
{
    const QString path = pdf(QStringLiteral("resize.pdf"));
    QVERIFY(writeTestPdf(path));
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, path);
    view.setZoom(1.0);
    view.goToPage(2);
    const QRect page = view.pageRectInViewport(2);
    // Put the middle of page 2 at the top of the view.
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() + page.top() + page.height() / 2);

    TestPdfOptions letter;
    letter.pageSizePoints = QSizeF(612, 1008); // legal: taller pages
    QVERIFY(writeTestPdf(path, letter));
    openAndWait(view, path);
    QCOMPARE(view.currentPage(), 2);
    const QRect after = view.pageRectInViewport(2);
    QVERIFY(after.height() > page.height());
    QVERIFY2(qAbs(after.top() + after.height() / 2) <= 2, qPrintable(QString::number(after.top())));
}

void PdfViewTest::findLocatesTextAcrossPagesAndWraps()
{
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));

    QVERIFY(view.find(QStringLiteral("NEEDLE4")));
    QCOMPARE(view.currentPage(), 4);
    // The hit (y = 300 pt on page 4) is inside the view.
    const QRect page4 = view.pageRectInViewport(4);
    const double ppp = page4.width() / 595.0;
    const int hitY = page4.top() + int(290 * ppp);
    QVERIFY(hitY > 0 && hitY < view.viewport()->height());
    QTest::qWait(50);
    const QImage image = grabView(view);
    const int blue = countColour(image, QRect(page4.left() + int(60 * ppp), page4.top() + int(275 * ppp),
                                             int(120 * ppp), int(35 * ppp)),
                                 [](QRgb c) { return qBlue(c) > qRed(c) + 30; });
    QVERIFY(blue > 50);

    // "needle" is on every page: forward walks the pages, then wraps to page 1.
    QVERIFY(view.find(QStringLiteral("needle")));
    QCOMPARE(view.currentPage(), 4);
    QVERIFY(view.find(QStringLiteral("needle")));
    QCOMPARE(view.currentPage(), 5);
    QVERIFY(view.find(QStringLiteral("needle")));
    QCOMPARE(view.currentPage(), 1);
    QVERIFY(view.find(QStringLiteral("needle"), true));
    QCOMPARE(view.currentPage(), 5);

    // A single hit wraps onto itself; an absent word is not found.
    QVERIFY(view.find(QStringLiteral("needle2")));
    QCOMPARE(view.currentPage(), 2);
    QVERIFY(view.find(QStringLiteral("needle2")));
    QCOMPARE(view.currentPage(), 2);
    QVERIFY(!view.find(QStringLiteral("nowhere to be found")));
    QVERIFY(!view.find(QString()));
}

void PdfViewTest::ctrlClickRequestsInverseSearch()
{
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));
    view.setZoom(1.5);
    view.goToPage(2);
    const QRect page = view.pageRectInViewport(2);
    const double ppp = page.width() / 595.0;

    QSignalSpy inverse(&view, &PdfView::inverseSearchRequested);
    const QPoint click(page.left() + int(std::lround(100 * ppp)), page.top() + int(std::lround(200 * ppp)));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ControlModifier, click);
    QCOMPARE(inverse.count(), 1);
    QCOMPARE(inverse.first().at(0).toInt(), 2);
    const QPointF point = inverse.first().at(1).toPointF();
    QVERIFY2(qAbs(point.x() - 100) < 1.5 && qAbs(point.y() - 200) < 1.5,
             qPrintable(QStringLiteral("%1,%2").arg(point.x()).arg(point.y())));

    // Without Ctrl, a click pans and asks for nothing; a Ctrl+click between pages is ignored.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::NoModifier, click);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ControlModifier, QPoint(click.x(), page.top() - 4));
    QCOMPARE(inverse.count(), 1);
}

void PdfViewTest::showLocationScrollsAndHighlights()
{
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));
    view.setZoom(1.0);

    const QRectF box(72, 700, 300, 20);
    view.showLocation(5, {box});
    QCOMPARE(view.currentPage(), 5);
    const QRect page = view.pageRectInViewport(5);
    const double ppp = page.width() / 595.0;
    const QRect target(page.left() + int(box.left() * ppp), page.top() + int(box.top() * ppp),
                       int(box.width() * ppp), int(box.height() * ppp));
    QVERIFY(view.viewport()->rect().contains(target));
    // grab() paints at once, before the fade has had time to run.
    auto yellow = [](QRgb c) { return qRed(c) > 200 && qGreen(c) > 150 && qBlue(c) < 200; };
    QVERIFY(countColour(grabView(view), target, yellow) > 100);
    // Fades after about 1.5 s.
    QTRY_COMPARE_WITH_TIMEOUT(countColour(grabView(view), target, yellow), 0, 3000);

    // Out-of-range pages are ignored.
    const int scroll = view.verticalScrollBar()->value();
    view.showLocation(0, {box});
    view.showLocation(99, {box});
    QCOMPARE(view.verticalScrollBar()->value(), scroll);
}

void PdfViewTest::badFilesAreRejectedAndOldDocumentKept()
{
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));
    view.goToPage(3);

    QString error;
    QVERIFY(!view.openDocument(pdf(QStringLiteral("missing.pdf")), &error));
    QVERIFY(!error.isEmpty());

    const QString corrupt = pdf(QStringLiteral("corrupt.pdf"));
    QFile file(corrupt);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("%PDF-1.4\nthis is not really a PDF\n%%EOF\n");
    file.close();
    error.clear();
    QVERIFY(!view.openDocument(corrupt, &error));
    QVERIFY(!error.isEmpty());

    const QString empty = pdf(QStringLiteral("empty.pdf"));
    QFile emptyFile(empty);
    QVERIFY(emptyFile.open(QIODevice::WriteOnly));
    emptyFile.close();
    QVERIFY(!view.openDocument(empty, nullptr));

    // A half-written PDF, as when a compile is still writing it.
    QFile whole(pdf(QStringLiteral("five.pdf")));
    QVERIFY(whole.open(QIODevice::ReadOnly));
    const QByteArray bytes = whole.readAll();
    QFile truncated(pdf(QStringLiteral("truncated.pdf")));
    QVERIFY(truncated.open(QIODevice::WriteOnly));
    truncated.write(bytes.left(bytes.size() / 3));
    truncated.close();
    view.openDocument(truncated.fileName()); // may or may not open; must not crash
    if (view.documentPath() == truncated.fileName()) {
        QTest::qWait(200);
        QVERIFY(view.openDocument(pdf(QStringLiteral("five.pdf"))));
        view.goToPage(3);
    }

    QCOMPARE(view.pageCount(), 5);
    QCOMPARE(view.documentPath(), pdf(QStringLiteral("five.pdf")));
    QCOMPARE(view.currentPage(), 3);
}

void PdfViewTest::closeDocumentClears()
{
    PdfView view;
    view.resize(400, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));
    view.closeDocument();
    QCOMPARE(view.pageCount(), 0);
    QCOMPARE(view.currentPage(), 0);
    QVERIFY(view.pageRectInViewport(1).isNull());
    QVERIFY(!view.find(QStringLiteral("needle")));
    view.grab(); // paints without a document
}

void PdfViewTest::theContextMenuZoomsAndFits()
{
    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, pdf(QStringLiteral("five.pdf")));
    QCOMPARE(view.contextMenuPolicy(), Qt::ActionsContextMenu);
    auto trigger = [&view](const QString &text) {
        for (QAction *action : view.actions()) {
            if (action->text() == text) {
                action->trigger();
                return true;
            }
        }
        return false;
    };
    QVERIFY(trigger(QStringLiteral("Actual Size")));
    QCOMPARE(view.zoom(), 1.0);
    QVERIFY(trigger(QStringLiteral("Zoom In")));
    QVERIFY(view.zoom() > 1.0);
    QVERIFY(trigger(QStringLiteral("Fit Page")));
    QCOMPARE(view.zoomMode(), PdfView::ZoomMode::FitPage);
    QVERIFY(trigger(QStringLiteral("Fit Width")));
    QCOMPARE(view.zoomMode(), PdfView::ZoomMode::FitWidth);
    QVERIFY(view.findChild<QAction *>(QStringLiteral("openExternally"))); // not triggered: it would launch a viewer
}

// Real TeX output: a three-page document compiled with pdflatex, searched, then recompiled
// with different text while the view sits on page 3.
void PdfViewTest::aRecompiledPdflatexDocumentReloadsOnTheSamePage()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pdflatex")).isEmpty())
        QSKIP("pdflatex not installed");
    QTemporaryDir dir;
    auto compile = [&dir](const QString &lastWord) {
        QFile tex(dir.filePath(QStringLiteral("doc.tex")));
        if (!tex.open(QIODevice::WriteOnly))
            return false;
        tex.write(QStringLiteral("\\documentclass{article}\\begin{document}\n"
                                 "\\section{Alpha} First page.\\newpage\n"
                                 "\\section{Bravo} Second page.\\newpage\n"
                                 "\\section{%1} Third page, the difficult office.\n"
                                 "\\end{document}\n")
                      .arg(lastWord)
                      .toUtf8());
        tex.close();
        QProcess latex;
        latex.setWorkingDirectory(dir.path());
        latex.start(QStringLiteral("pdflatex"), {QStringLiteral("-interaction=nonstopmode"), QStringLiteral("doc.tex")});
        return latex.waitForFinished(60000) && latex.exitCode() == 0;
    };
    QVERIFY(compile(QStringLiteral("Charlie")));
    const QString path = dir.filePath(QStringLiteral("doc.pdf"));

    PdfView view;
    view.resize(600, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openAndWait(view, path);
    QCOMPARE(view.pageCount(), 3);
    QVERIFY(view.find(QStringLiteral("charlie")));
    QCOMPARE(view.currentPage(), 3);
    QVERIFY(view.find(QStringLiteral("office"))); // TeX's "ffi" ligature still matches
    QCOMPARE(view.currentPage(), 3);
    const QRect before = view.pageRectInViewport(3);

    QVERIFY(compile(QStringLiteral("Delta")));
    openAndWait(view, path);
    QCOMPARE(view.currentPage(), 3);
    QCOMPARE(view.pageRectInViewport(3), before);
    QVERIFY(view.find(QStringLiteral("delta")));
    QVERIFY(!view.find(QStringLiteral("charlie")));
}

// A failed check names the seed and the step, so the run can be replayed.
#define CHECK(condition, what) QVERIFY2(condition, qPrintable(where + QStringLiteral(": ") + (what)))

// Reloads, zooms, scrolls, searches and closes in random order while renders are in flight
// (for the sanitizer build). After every step the view is checked against what the step
// asked for: the document and page count, the current page in range, the zoom and mode as
// set, the page gone to or shown on screen, find hitting exactly the needles the document has.
void PdfViewTest::randomInteractionWhileRenderingKeepsTheViewConsistent()
{
    const quint32 seed = 20261123;
    qInfo("seed %u", seed);
    QRandomGenerator random(seed);
    const QString path = pdf(QStringLiteral("random.pdf"));
    TestPdfOptions options;
    options.pages = 20;
    QVERIFY(writeTestPdf(path, options));
    const QString other = pdf(QStringLiteral("five.pdf"));

    auto view = std::make_unique<PdfView>();
    view->resize(500, 600);
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));

    // What the view must show: set by each step, checked after it.
    QString shownPath;
    int shownPages = 0;
    PdfView::ZoomMode mode = view->zoomMode();
    double customZoom = view->zoom(); // the zoom last set while the mode is Custom
    auto visible = [&view](int page) {
        return view->pageRectInViewport(page).intersects(view->viewport()->rect());
    };
    auto open = [&](const QString &file) {
        const bool ok = view->openDocument(file);
        if (ok) {
            shownPath = file;
            shownPages = file == path ? 20 : 5;
        }
        return ok;
    };

    for (int step = 0; step < 120; ++step) {
        const QString where = QStringLiteral("seed %1, step %2").arg(seed).arg(step);
        switch (random.bounded(8)) {
        case 0:
            CHECK(open(path), QStringLiteral("openDocument(random.pdf) failed"));
            break;
        case 1: {
            const QString file = random.bounded(2) ? other : path;
            CHECK(open(file), QStringLiteral("openDocument(%1) failed").arg(file));
            break;
        }
        case 2: {
            const double zoom = 0.2 + random.bounded(60) / 10.0;
            view->setZoom(zoom);
            mode = PdfView::ZoomMode::Custom;
            customZoom = zoom;
            break;
        }
        case 3:
            mode = random.bounded(2) ? PdfView::ZoomMode::FitWidth : PdfView::ZoomMode::FitPage;
            view->setZoomMode(mode);
            break;
        case 4: {
            const int page = 1 + int(random.bounded(25));
            const int before = view->verticalScrollBar()->value();
            view->goToPage(page);
            if (page <= shownPages)
                CHECK(visible(page), QStringLiteral("page %1 gone to is not on screen").arg(page));
            else
                CHECK(view->verticalScrollBar()->value() == before,
                         QStringLiteral("going to page %1 of %2 scrolled").arg(page).arg(shownPages));
            break;
        }
        case 5: {
            const int needle = 1 + int(random.bounded(20));
            const bool found = view->find(QStringLiteral("needle%1").arg(needle), random.bounded(2));
            // Every page N says "needleN"; "needle1" is also found inside "needle10".
            CHECK(found == (needle <= shownPages),
                     QStringLiteral("find needle%1 in %2 pages gave %3").arg(needle).arg(shownPages).arg(found));
            break;
        }
        case 6:
            if (random.bounded(4) == 0) {
                view->closeDocument();
                shownPath.clear();
                shownPages = 0;
            }
            break;
        default: {
            const int page = 1 + int(random.bounded(20));
            view->showLocation(page, {QRectF(72, 280, 100, 30)});
            if (page <= shownPages)
                CHECK(visible(page), QStringLiteral("page %1 shown is not on screen").arg(page));
            break;
        }
        }

        CHECK(view->documentPath() == shownPath, QStringLiteral("shows %1").arg(view->documentPath()));
        CHECK(view->pageCount() == shownPages, QStringLiteral("%1 pages").arg(view->pageCount()));
        if (shownPages == 0)
            CHECK(view->currentPage() == 0, QStringLiteral("page %1 without a document").arg(view->currentPage()));
        else
            CHECK(view->currentPage() >= 1 && view->currentPage() <= shownPages,
                     QStringLiteral("current page %1 of %2").arg(view->currentPage()).arg(shownPages));
        CHECK(view->zoomMode() == mode, QStringLiteral("zoom mode %1").arg(int(view->zoomMode())));
        if (mode == PdfView::ZoomMode::Custom)
            CHECK(qFuzzyCompare(view->zoom(), customZoom),
                     QStringLiteral("zoom %1, set %2").arg(view->zoom()).arg(customZoom));
        else
            CHECK(view->zoom() >= 0.1 && view->zoom() <= 8.0, QStringLiteral("zoom %1").arg(view->zoom()));
        QTest::qWait(int(random.bounded(15)));
    }
    QVERIFY(view->openDocument(path));
    QCOMPARE(view->pageCount(), 20);
    view.reset(); // destroyed with renders possibly still running
}

#undef CHECK

QTEST_MAIN(PdfViewTest)
#include "tst_pdfview.moc"
