// PageCache: bounded in bytes with least-recently-used eviction, and the stand-in rules that
// keep a page on screen while its exact image renders (other zoom, document before a reload).
#include "app/pdf/pagecache.h"

#include <QTest>

using coauthor::app::PageCache;
using coauthor::app::PageKey;

namespace {
// 100 x 100 ARGB32 = 40,000 bytes; the fill colour tells images apart.
QImage image(QRgb colour)
{
    QImage result(100, 100, QImage::Format_ARGB32_Premultiplied);
    result.fill(colour);
    return result;
}
} // namespace

class PageCacheTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boundedInBytesEvictsLeastRecentlyUsed()
    {
        PageCache cache(100'000); // room for two images
        cache.insert({1, 0, 1000}, image(0xff000001));
        cache.insert({1, 1, 1000}, image(0xff000002));
        QCOMPARE(cache.bytes(), 80'000);
        QVERIFY(!cache.best({1, 0, 1000}).isNull()); // page 0 is now the most recently used
        cache.insert({1, 2, 1000}, image(0xff000003));
        QVERIFY(cache.bytes() <= cache.maxBytes());
        QVERIFY(cache.contains({1, 0, 1000}));
        QVERIFY(!cache.contains({1, 1, 1000}));
        QVERIFY(cache.contains({1, 2, 1000}));

        cache.setMaxBytes(50'000);
        QVERIFY(cache.bytes() <= 50'000);
        cache.insert({1, 3, 1000}, QImage()); // null images are not stored
        QVERIFY(!cache.contains({1, 3, 1000}));
        cache.clear();
        QCOMPARE(cache.bytes(), 0);
    }

    void bestPrefersExactThenNearestScaleThenNewestOlderGeneration()
    {
        PageCache cache;
        bool exact = true;
        QVERIFY(cache.best({2, 0, 1500}, &exact).isNull());
        QVERIFY(!exact);

        cache.insert({1, 0, 1500}, image(0xff000010)); // before the reload
        cache.insert({2, 0, 1000}, image(0xff000020)); // this document, other zooms
        cache.insert({2, 0, 3000}, image(0xff000030));
        cache.insert({2, 1, 1500}, image(0xff000040)); // another page

        QCOMPARE(cache.best({2, 0, 1500}, &exact).pixel(0, 0), 0xff000020u); // 1000 is nearer than 3000
        QVERIFY(!exact);
        QCOMPARE(cache.best({2, 0, 2500}, &exact).pixel(0, 0), 0xff000030u);
        cache.insert({2, 0, 1500}, image(0xff000050));
        QCOMPARE(cache.best({2, 0, 1500}, &exact).pixel(0, 0), 0xff000050u);
        QVERIFY(exact);

        // A reloaded document (generation 3) shows the newest older generation's image.
        cache.insert({1, 2, 1500}, image(0xff000060));
        cache.insert({2, 2, 1000}, image(0xff000070));
        QCOMPARE(cache.best({3, 2, 1500}, &exact).pixel(0, 0), 0xff000070u);
        QVERIFY(!exact);
        // Never an image of a newer generation than asked for.
        QVERIFY(cache.best({1, 1, 1500}).isNull());
    }

    void tilesHaveNoStandInsOfTheirOwn()
    {
        PageCache cache;
        cache.insert({1, 0, 1000, 0}, image(0xff000001));
        cache.insert({1, 0, 4000, 3}, image(0xff000002));
        bool exact = true;
        QVERIFY(cache.best({1, 0, 4000, 4}, &exact).isNull());
        QVERIFY(!exact);
        QCOMPARE(cache.best({1, 0, 4000, 3}, &exact).pixel(0, 0), 0xff000002u);
        QVERIFY(exact);
        // The whole page under the tiles comes from tile-0 images only.
        QCOMPARE(cache.best({1, 0, 4000, 0}, &exact).pixel(0, 0), 0xff000001u);
        QVERIFY(!exact);
        // A new tile does not drop the old document's whole page still shown under missing tiles.
        cache.dropOlderGenerations({2, 0, 4000, 1});
        QVERIFY(cache.contains({1, 0, 1000, 0}));
    }

    void generationsAreDropped()
    {
        PageCache cache;
        cache.insert({1, 0, 1000}, image(0xff000001));
        cache.insert({2, 0, 1000}, image(0xff000002));
        cache.insert({3, 0, 1000}, image(0xff000003));
        cache.insert({2, 1, 1000}, image(0xff000004));
        cache.dropOlderGenerations({3, 0, 1000});
        QVERIFY(!cache.contains({1, 0, 1000}));
        QVERIFY(!cache.contains({2, 0, 1000}));
        QVERIFY(cache.contains({3, 0, 1000}));
        QVERIFY(cache.contains({2, 1, 1000})); // other pages keep their stand-ins
    }
};

QTEST_GUILESS_MAIN(PageCacheTest)
#include "tst_pagecache.moc"
