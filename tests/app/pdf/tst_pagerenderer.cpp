// PdfDocument and PageRenderer with real Poppler: loading and its errors, page sizes, search,
// rendering off the UI thread, and dropping requests the view no longer wants.
#include "app/pdf/pagerenderer.h"
#include "app/pdf/pdfdocument.h"

#include "testpdf.h"

#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using coauthor::app::PageRenderer;
using coauthor::app::PdfDocument;
using coauthor::app::RenderRequest;

namespace {
RenderRequest whole(const std::shared_ptr<PdfDocument> &document, int page, int scaleKey)
{
    RenderRequest request;
    request.document = document;
    request.page = page;
    request.scaleKey = scaleKey;
    return request;
}
} // namespace

class PageRendererTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        coauthor::app::test::TestPdfOptions options;
        options.pages = 12;
        QVERIFY(coauthor::app::test::writeTestPdf(m_dir.filePath(QStringLiteral("twelve.pdf")), options));
    }

    void loadReadsSizesAndGivesEachLoadAGeneration()
    {
        const auto first = PdfDocument::load(m_dir.filePath(QStringLiteral("twelve.pdf")));
        QVERIFY2(first.document, qPrintable(first.error));
        QCOMPARE(first.document->pageCount(), 12);
        QCOMPARE(first.document->pageSize(0).toSize(), QSize(595, 842));
        QCOMPARE(first.document->maxPageSize().toSize(), QSize(595, 842));
        QVERIFY(first.document->pageSize(99).isEmpty());
        const auto second = PdfDocument::load(m_dir.filePath(QStringLiteral("twelve.pdf")));
        QVERIFY(second.document->generation() > first.document->generation());
    }

    void loadErrorsAreValues()
    {
        auto result = PdfDocument::load(m_dir.filePath(QStringLiteral("nope.pdf")));
        QVERIFY(!result.document);
        QVERIFY(result.error.contains(QStringLiteral("nope.pdf")));
        QFile junk(m_dir.filePath(QStringLiteral("junk.pdf")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        result = PdfDocument::load(junk.fileName());
        QVERIFY(!result.document);
        QVERIFY(!result.error.isEmpty());
    }

    void searchFindsTextWhereItIsDrawnAndRenderPaintsThePage()
    {
        const auto loaded = PdfDocument::load(m_dir.filePath(QStringLiteral("twelve.pdf")));
        QVERIFY(loaded.document);
        const PdfDocument &document = *loaded.document;
        const QList<QRectF> hits = document.search(6, QStringLiteral("NEEDLE7"));
        QCOMPARE(hits.size(), 1);
        // Drawn at baseline y = 300 pt, x = 72 pt.
        QVERIFY(qAbs(hits.first().left() - 72) < 3);
        QVERIFY(hits.first().top() > 270 && hits.first().bottom() < 310);
        QVERIFY(document.search(5, QStringLiteral("needle7")).isEmpty());
        QVERIFY(document.search(-1, QStringLiteral("needle")).isEmpty());

        const QImage image = document.render(0, 2.0);
        QCOMPARE(image.size(), QSize(1190, 1684));
        QCOMPARE(image.pixel(5, 5), qRgb(255, 255, 255)); // white paper
        QVERIFY(document.render(12, 1.0).isNull());
    }

    void rendersOffTheCallingThread()
    {
        const auto loaded = PdfDocument::load(m_dir.filePath(QStringLiteral("twelve.pdf")));
        PageRenderer renderer;
        QSignalSpy rendered(&renderer, &PageRenderer::pageRendered);
        renderer.request({whole(loaded.document, 0, 1500), whole(loaded.document, 1, 1500)});
        QTRY_COMPARE(rendered.count(), 2);
        QCOMPARE(rendered.at(0).at(0).toULongLong(), loaded.document->generation());
        QCOMPARE(rendered.at(0).at(1).toInt(), 0); // in the order asked
        QCOMPARE(rendered.at(1).at(1).toInt(), 1);
        const QImage image = rendered.at(0).at(3).value<QImage>();
        QCOMPARE(image.width(), qRound(595 * 1.5));
    }

    void aTileIsTheSameRegionOfTheWholePage()
    {
        const auto loaded = PdfDocument::load(m_dir.filePath(QStringLiteral("twelve.pdf")));
        const QRect region(100, 120, 300, 200);
        const QImage full = loaded.document->render(0, 2.0);
        const QImage part = loaded.document->render(0, 2.0, region);
        QCOMPARE(part.size(), region.size());
        QCOMPARE(part.convertToFormat(QImage::Format_RGB32), full.copy(region).convertToFormat(QImage::Format_RGB32));

        PageRenderer renderer;
        QSignalSpy rendered(&renderer, &PageRenderer::pageRendered);
        RenderRequest tile = whole(loaded.document, 0, 2000);
        tile.tile = 7;
        tile.region = region;
        tile.devicePixelRatio = 2.0;
        renderer.request({tile});
        QTRY_COMPARE(rendered.count(), 1);
        QCOMPARE(rendered.first().at(4).toInt(), 7);
        const QImage image = rendered.first().at(3).value<QImage>();
        QCOMPARE(image.size(), region.size());
        QCOMPARE(image.devicePixelRatio(), 2.0);
    }

    void replacedRequestsAreDropped()
    {
        const auto loaded = PdfDocument::load(m_dir.filePath(QStringLiteral("twelve.pdf")));
        PageRenderer renderer;
        QSignalSpy rendered(&renderer, &PageRenderer::pageRendered);
        QList<RenderRequest> all;
        for (int page = 0; page < 12; ++page)
            all.append(whole(loaded.document, page, 2000));
        renderer.request(all);
        renderer.request({whole(loaded.document, 11, 2000)}); // the user jumped to the end
        QTRY_VERIFY(!rendered.isEmpty() && rendered.last().at(1).toInt() == 11);
        QTest::qWait(300);
        QSet<int> pages;
        for (const auto &arguments : std::as_const(rendered))
            pages.insert(arguments.at(1).toInt());
        // At most the page that was already being rendered got through (if it finished before
        // the abort); pages 1..10 were never rendered.
        pages.remove(0);
        QCOMPARE(pages, QSet<int>{11});

        // Asking again for what is already cached or in flight does not render twice.
        rendered.clear();
        renderer.request({whole(loaded.document, 3, 2000)});
        renderer.request({whole(loaded.document, 3, 2000)});
        QTRY_COMPARE(rendered.count(), 1);
        QTest::qWait(100);
        QCOMPARE(rendered.count(), 1);
    }

    void destroyingTheRendererWhileRenderingReleasesTheDocument()
    {
        const auto loaded = PdfDocument::load(m_dir.filePath(QStringLiteral("twelve.pdf")));
        std::weak_ptr<PdfDocument> weak = loaded.document;
        {
            auto renderer = std::make_unique<PageRenderer>();
            QList<RenderRequest> all;
            for (int page = 0; page < 12; ++page)
                all.append(whole(loaded.document, page, 3000));
            renderer->request(all);
            QThread::msleep(5);
        } // waits for the running job; must not crash or leak the document
        QCoreApplication::processEvents();
        QCOMPARE(weak.use_count(), 1); // only `loaded` holds it now
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(PageRendererTest)
#include "tst_pagerenderer.moc"
