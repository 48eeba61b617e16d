// BracketMatcher: brackets and \begin/\end partners, escapes, comments and
// the bounded search window.

#include "editor/bracketmatcher.h"

#include <QTest>
#include <QTextDocument>

using namespace coauthor::editor;

class TestBracketMatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bracesSkipEscapesAndComments()
    {
        QTextDocument doc(QStringLiteral("\\frac{a \\{ b % }\n}{c}"));
        // Cursor before the first '{' (index 5).
        auto m = BracketMatcher::match(&doc, 5);
        QVERIFY(m);
        QCOMPARE(m->state, BracketMatch::State::Matched);
        QCOMPARE(m->position, 5);
        QCOMPARE(m->partnerPosition, 17); // the '}' on the second line
        // And back from after that '}'.
        m = BracketMatcher::match(&doc, 18);
        QVERIFY(m);
        QCOMPARE(m->position, 18); // the '{' at the cursor wins over '}' before it
        QCOMPARE(m->partnerPosition, 20);
        m = BracketMatcher::match(&doc, 21);
        QVERIFY(m);
        QCOMPARE(m->position, 20);
        QCOMPARE(m->partnerPosition, 18);
    }

    void roundAndSquare()
    {
        QTextDocument doc(QStringLiteral("f(x[1]) ]"));
        auto m = BracketMatcher::match(&doc, 1);
        QVERIFY(m);
        QCOMPARE(m->partnerPosition, 6);
        m = BracketMatcher::match(&doc, 3);
        QVERIFY(m);
        QCOMPARE(m->partnerPosition, 5);
        m = BracketMatcher::match(&doc, 8);
        QVERIFY(m);
        QCOMPARE(m->state, BracketMatch::State::Unmatched);
        QVERIFY(!BracketMatcher::match(&doc, 0));
    }

    void escapedBracketIsNotMatched()
    {
        QTextDocument doc(QStringLiteral("\\{ x \\}"));
        QVERIFY(!BracketMatcher::match(&doc, 1));
        QVERIFY(!BracketMatcher::match(&doc, 2));
    }

    void beginEndNested()
    {
        const QString text = QStringLiteral("\\begin{itemize}\n"
                                            "  \\item a\n"
                                            "  \\begin{itemize}\\item b\\end{itemize}\n"
                                            "  % \\end{itemize}\n"
                                            "\\end{itemize}\n");
        QTextDocument doc(text);
        auto m = BracketMatcher::match(&doc, 3); // inside the first \begin
        QVERIFY(m);
        QCOMPARE(m->state, BracketMatch::State::Matched);
        QCOMPARE(m->position, 0);
        QCOMPARE(m->length, 15);
        const int lastEnd = int(text.lastIndexOf(QStringLiteral("\\end{itemize}")));
        QCOMPARE(m->partnerPosition, lastEnd);
        QCOMPARE(m->partnerLength, 13);

        m = BracketMatcher::match(&doc, lastEnd + 5);
        QVERIFY(m);
        QCOMPARE(m->partnerPosition, 0);

        const int inner = int(text.indexOf(QStringLiteral("\\begin{itemize}"), 1));
        m = BracketMatcher::match(&doc, inner + 2);
        QVERIFY(m);
        QCOMPARE(m->partnerPosition, int(text.indexOf(QStringLiteral("\\end{itemize}"))));
    }

    void unmatchedBeginAndWindow()
    {
        QTextDocument doc(QStringLiteral("\\begin{proof}\nno end"));
        auto m = BracketMatcher::match(&doc, 2);
        QVERIFY(m);
        QCOMPARE(m->state, BracketMatch::State::Unmatched);

        QString far = QStringLiteral("\\begin{document}\n");
        for (int i = 0; i < 100; ++i)
            far += QStringLiteral("line\n");
        far += QStringLiteral("\\end{document}");
        QTextDocument big(far);
        m = BracketMatcher::match(&big, 2, 50);
        QVERIFY(m);
        QCOMPARE(m->state, BracketMatch::State::Unknown);
        m = BracketMatcher::match(&big, 2, 200);
        QVERIFY(m);
        QCOMPARE(m->state, BracketMatch::State::Matched);
    }

    void commentStart()
    {
        QCOMPARE(BracketMatcher::commentStart(QStringLiteral("a \\% b % c")), 7);
        QCOMPARE(BracketMatcher::commentStart(QStringLiteral("a \\\\% c")), 4);
        QCOMPARE(BracketMatcher::commentStart(QStringLiteral("none")), 4);
    }
};

QTEST_MAIN(TestBracketMatcher)
#include "tst_bracketmatcher.moc"
