// EditorTabBar at laptop widths: names are shortened in the middle with their
// extension kept, never below a readable minimum ("t…x" was what Qt gave), and
// the bar scrolls when even the shortest tabs do not fit.
#include "app/editors/editortabbar.h"

#include <QTest>
#include <QToolButton>

using namespace coauthor::app;

namespace {

const QStringList names = {QStringLiteral("main.tex"),          QStringLiteral("introduction.tex"),
                           QStringLiteral("chapter-results.tex"), QStringLiteral("conclusion.tex ●"),
                           QStringLiteral("references.bib"),    QStringLiteral("fig-standalone.tex")};

bool scrollButtonsShown(const QTabBar &bar)
{
    for (const QToolButton *b : bar.findChildren<QToolButton *>()) {
        if (b->isVisible())
            return true;
    }
    return false;
}

} // namespace

class EditorTabBarTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shortNamesKeepTheirExtensionAndEnoughOfTheName_data()
    {
        QTest::addColumn<int>("width");
        QTest::newRow("roomy") << 1400;
        QTest::newRow("editor pane at 1366 px") << 560;
        QTest::newRow("narrow") << 330;
    }

    void shortNamesKeepTheirExtensionAndEnoughOfTheName()
    {
        QFETCH(int, width);
        EditorTabBar bar;
        bar.setDocumentMode(true);
        bar.setTabsClosable(true);
        for (const QString &name : names)
            bar.addTab(name);
        bar.resize(width, bar.sizeHint().height());
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));

        int totalMinimum = 0;
        for (int i = 0; i < bar.count(); ++i) {
            const QString full = bar.tabText(i);
            const QString shown = bar.shownText(i);
            const QString extension = full.mid(full.lastIndexOf(u'.'));
            QVERIFY2(shown.endsWith(extension), qPrintable(shown));
            // Either whole, or at least MinimumStemChars letters of the name around the "…".
            if (shown != full) {
                QVERIFY2(shown.contains(QChar(0x2026)), qPrintable(shown));
                QVERIFY2(shown.size() - extension.size() - 1 >= EditorTabBar::MinimumStemChars, qPrintable(shown));
            }
            QVERIFY(bar.tabRect(i).width() >= bar.tabRect(i).height()); // no sliver of a tab
            totalMinimum += bar.tabRect(i).width();
        }
        if (width >= 1400) {
            for (int i = 0; i < bar.count(); ++i)
                QCOMPARE(bar.shownText(i), bar.tabText(i));
            QVERIFY(!scrollButtonsShown(bar));
        }
        if (width <= 330)
            QVERIFY(scrollButtonsShown(bar)); // the shortest tabs do not fit: the bar scrolls
    }

    void elideKeepsTheExtensionAndTheModifiedMarker()
    {
        const QFontMetrics fm(QApplication::font());
        const QString name = QStringLiteral("a-very-long-chapter-name.tex ●");
        const QString shown = EditorTabBar::elide(name, fm, fm.horizontalAdvance(QStringLiteral("a-very-lo….tex ●")));
        QVERIFY2(shown.endsWith(QStringLiteral(".tex ●")), qPrintable(shown));
        QVERIFY(fm.horizontalAdvance(shown) <= fm.horizontalAdvance(QStringLiteral("a-very-lo….tex ●")));
        QCOMPARE(EditorTabBar::elide(QStringLiteral("main.tex"), fm, 10), QStringLiteral("main.tex"));
        QCOMPARE(EditorTabBar::shortest(QStringLiteral("introduction.tex")), QStringLiteral("int…ion.tex"));
        QCOMPARE(EditorTabBar::shortest(QStringLiteral(".latexmkrc")), QStringLiteral(".la…krc")); // a leading dot is no extension
    }
};

QTEST_MAIN(EditorTabBarTest)
#include "tst_editortabbar.moc"
