// PdfToolBar at the widths a side-by-side PDF pane has on a laptop: nothing
// goes into the tool bar's overflow menu; the search field narrows first, then
// the page position takes its short form ("1 / 3").
#include "app/pdf/pdftoolbar.h"
#include "app/pdf/pdfview.h"

#include <QLineEdit>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

using namespace coauthor::app;

namespace {

bool overflows(const PdfToolBar &bar)
{
    const auto *extension = bar.findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
    return extension && extension->isVisible();
}

} // namespace

class PdfToolBarTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everythingStaysOnTheBarAtLaptopWidths_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("compact");
        QTest::newRow("wide pane") << 700 << false;
        QTest::newRow("side by side at 1366 px") << 480 << false;
        QTest::newRow("pane dragged narrow") << 400 << false;
        QTest::newRow("narrower still") << 330 << true;
    }

    void everythingStaysOnTheBarAtLaptopWidths()
    {
        QFETCH(int, width);
        QFETCH(bool, compact);
        QWidget pane;
        auto *view = new PdfView(&pane);
        auto *bar = new PdfToolBar(view, &pane);
        auto *layout = new QVBoxLayout(&pane);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(bar);
        layout->addWidget(view, 1);
        pane.resize(width, 400);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTest::qWait(20);
        QVERIFY2(!overflows(*bar), qPrintable(QStringLiteral("overflow at %1 px").arg(width)));
        QVERIFY(bar->findField()->isVisible());
        QVERIFY(bar->findField()->width() >= PdfToolBar::MinimumSearchWidth);
        QVERIFY(bar->findField()->geometry().right() <= bar->width());
        QCOMPARE(bar->isCompact(), compact);
        if (width >= 700)
            QCOMPARE(bar->findField()->width(), PdfToolBar::MaximumSearchWidth);
        // Widening the pane again gives the long forms back.
        pane.resize(900, 400);
        QTest::qWait(20);
        QVERIFY(!bar->isCompact());
        QCOMPARE(bar->findField()->width(), PdfToolBar::MaximumSearchWidth);
    }
};

QTEST_MAIN(PdfToolBarTest)
#include "tst_pdftoolbar.moc"
