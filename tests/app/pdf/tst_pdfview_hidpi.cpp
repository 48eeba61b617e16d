// PdfView on a screen with device pixel ratio 2 (QT_SCALE_FACTOR=2): pages are rendered at
// twice the resolution and drawn 1:1, so what is painted equals a 2x Poppler render.
#include "app/pdf/pdfdocument.h"
#include "app/pdf/pdfview.h"

#include "testpdf.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using coauthor::app::PdfDocument;
using coauthor::app::PdfView;

class PdfViewHiDpiTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersAtDevicePixelRatio()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hidpi.pdf"));
        QVERIFY(coauthor::app::test::writeTestPdf(path));

        PdfView view;
        view.resize(500, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.devicePixelRatioF(), 2.0);
        QSignalSpy painted(&view, &PdfView::firstPagePainted);
        QVERIFY(view.openDocument(path));
        QVERIFY(painted.wait(5000));
        view.setZoom(1.0);
        QTest::qWait(50);
        QTRY_VERIFY(painted.count() >= 1);

        // The reference: Poppler's own render of page 1 at 2 device pixels per logical pixel.
        const auto loaded = PdfDocument::load(path);
        QVERIFY(loaded.document);
        const double ppp = view.logicalDpiX() / 72.0;
        const QImage reference =
            loaded.document->render(0, qRound(ppp * 2.0 * 1000.0) / 1000.0).convertToFormat(QImage::Format_RGB32);

        // Share of differing pixels in the bands with "Page 1" and "needle1" (device pixels);
        // -1 while the grab is not a 2x image.
        int compared = 0;
        auto differingShare = [&]() -> double {
            const QPixmap grabbed = view.viewport()->grab();
            if (grabbed.devicePixelRatio() != 2.0)
                return -1.0;
            const QImage screen = grabbed.toImage().convertToFormat(QImage::Format_RGB32);
            if (screen.size() != view.viewport()->size() * 2)
                return -1.0;
            const QRect page = view.pageRectInViewport(1);
            compared = 0;
            int different = 0;
            for (const double top : {80.0, 280.0}) {
                const int y0 = qRound(top * ppp * 2);
                for (int y = y0; y < y0 + qRound(25 * ppp * 2); ++y) {
                    for (int x = qRound(60 * ppp * 2); x < qRound(250 * ppp * 2); ++x) {
                        const QPoint onScreen(page.left() * 2 + x, page.top() * 2 + y);
                        if (!screen.rect().contains(onScreen))
                            continue;
                        ++compared;
                        if (qAbs(qGray(screen.pixel(onScreen)) - qGray(reference.pixel(x, y))) > 16)
                            ++different;
                    }
                }
            }
            return compared ? double(different) / compared : -1.0;
        };
        // Until the 100 % image arrives the fit-width one is shown scaled, which differs.
        QTRY_VERIFY_WITH_TIMEOUT(qBound(0.0, differingShare(), 1.0) < 0.01 && differingShare() >= 0.0, 5000);
        QVERIFY(compared > 10000);
    }
};

int main(int argc, char *argv[])
{
    qputenv("QT_SCALE_FACTOR", "2");
    QApplication app(argc, argv);
    PdfViewHiDpiTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_pdfview_hidpi.moc"
