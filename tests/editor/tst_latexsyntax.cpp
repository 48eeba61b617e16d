// Golden-file tests of the built-in LaTeX highlighter, in the style of
// KSyntaxHighlighting's autotests: each data/highlight/NAME.tex is
// highlighted line by line and compared with NAME.ref, one span per line as
// "line:start:length:kind<TAB>text". Run with COAUTHOR_UPDATE_REFERENCES=1
// to regenerate the references (then review the diff).

#include "editor/latexhighlighter.h"
#include "editor/latexsyntax.h"
#include "tests/support/goldenfile.h"
#include "tests/support/testfiles.h"

#include <QPlainTextDocumentLayout>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace coauthor::editor;
using coauthor::test::readText;

namespace {

QString dataDir()
{
    return qEnvironmentVariable("COAUTHOR_SOURCE_DIR", QStringLiteral(".")) + u"/tests/editor/data/highlight";
}

QString highlightToReference(const QString &text)
{
    QString out;
    int state = LatexSyntax::InitialState;
    const QStringList lines = text.split(u'\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        if (n == lines.size() - 1 && lines.at(n).isEmpty())
            break; // the newline at the end of the file
        QList<LatexSyntax::Span> spans;
        state = LatexSyntax::highlightLine(lines.at(n), state, &spans);
        for (const LatexSyntax::Span &s : std::as_const(spans)) {
            out += QStringLiteral("%1:%2:%3:%4\t%5\n")
                       .arg(n + 1)
                       .arg(s.start)
                       .arg(s.length)
                       .arg(LatexSyntax::kindName(s.kind), lines.at(n).mid(s.start, s.length));
        }
    }
    return out;
}

QList<LatexSyntax::Span> spansOf(const QString &line, int state = LatexSyntax::InitialState, int *end = nullptr)
{
    QList<LatexSyntax::Span> spans;
    const int s = LatexSyntax::highlightLine(line, state, &spans);
    if (end)
        *end = s;
    return spans;
}

LatexSyntax::Kind kindAt(const QList<LatexSyntax::Span> &spans, int column)
{
    for (const auto &s : spans) {
        if (column >= s.start && column < s.start + s.length)
            return s.kind;
    }
    return LatexSyntax::Kind::Count; // plain text
}

} // namespace

class TestLatexSyntax : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<QString>("input");
        const QStringList inputs = coauthor::test::goldenInputs(dataDir(), QStringLiteral("*.tex"));
        QVERIFY2(!inputs.isEmpty(), qPrintable(u"no inputs in " + dataDir()));
        for (const QString &input : inputs)
            QTest::newRow(qPrintable(input.section(u'/', -1))) << input;
    }

    void golden()
    {
        QFETCH(QString, input);
        const QString diff = coauthor::test::compareWithReference(
            highlightToReference(readText(input)), coauthor::test::referencePath(input, QStringLiteral(".ref")));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void escapedPercentIsNotAComment()
    {
        const auto spans = spansOf(QStringLiteral(R"(50\% done % real)"));
        QCOMPARE(kindAt(spans, 2), LatexSyntax::Kind::Command);
        QCOMPARE(kindAt(spans, 5), LatexSyntax::Kind::Count);
        QCOMPARE(kindAt(spans, 10), LatexSyntax::Kind::Comment);
    }

    void displayMathEnvironmentSpansLines()
    {
        int state = 0;
        spansOf(QStringLiteral(R"(\begin{gather})"), LatexSyntax::InitialState, &state);
        const auto inside = spansOf(QStringLiteral("x + y"), state, &state);
        QCOMPARE(kindAt(inside, 0), LatexSyntax::Kind::Math);
        const auto end = spansOf(QStringLiteral(R"(\end{gather} text)"), state, &state);
        QCOMPARE(kindAt(end, 0), LatexSyntax::Kind::Structure);
        QCOMPARE(kindAt(end, 14), LatexSyntax::Kind::Count);
        const auto after = spansOf(QStringLiteral("plain"), state);
        QVERIFY(after.isEmpty());
    }

    void verbatimHasNoHighlightingInside()
    {
        int state = 0;
        spansOf(QStringLiteral(R"(\begin{verbatim})"), LatexSyntax::InitialState, &state);
        const auto inside = spansOf(QStringLiteral(R"(\section{x} $y$ % z)"), state, &state);
        QCOMPARE(inside.size(), 1);
        QCOMPARE(inside.first().kind, LatexSyntax::Kind::Verbatim);
        QCOMPARE(inside.first().length, 19);
    }

    void blankLineEndsInlineMathAndBraces()
    {
        int state = 0;
        spansOf(QStringLiteral("$ x { y"), LatexSyntax::InitialState, &state);
        spansOf(QString(), state, &state);
        QCOMPARE(state, 0);
    }

    // The QSyntaxHighlighter driver applies the spans to the document's layouts.
    void highlighterFormatsDocument()
    {
        QTextDocument doc;
        doc.setDocumentLayout(new QPlainTextDocumentLayout(&doc));
        LatexHighlighter highlighter(&doc);
        doc.setPlainText(QStringLiteral("\\section{Intro}\n% comment\n$x$"));
        const QList<QTextLayout::FormatRange> first = doc.firstBlock().layout()->formats();
        QVERIFY(!first.isEmpty());
        QCOMPARE(first.first().start, 0);
        QCOMPARE(first.first().length, 8);
        QCOMPARE(first.first().format.foreground(), highlighter.format(LatexSyntax::Kind::Structure).foreground());
        const auto second = doc.firstBlock().next().layout()->formats();
        QCOMPARE(second.size(), 1);
        QVERIFY(second.first().format.fontItalic());
        highlighter.setDarkTheme(true);
        QCOMPARE(doc.firstBlock().next().layout()->formats().first().format.foreground(),
                 highlighter.format(LatexSyntax::Kind::Comment).foreground());
    }
};

QTEST_MAIN(TestLatexSyntax)
#include "tst_latexsyntax.moc"
