// Golden-file tests of the LaTeX-aware spell tokenizer: each NAME.tex in this
// folder is tokenized and compared with NAME.words, one checked word per line
// as "line:start:length<TAB>word" (1-based line, 0-based start in UTF-16).
// Run with COAUTHOR_UPDATE_REFERENCES=1 to regenerate the references (then
// review the diff).

#include "editor/spell/spelltokenizer.h"
#include "tests/support/goldenfile.h"
#include "tests/support/testfiles.h"

#include <QTest>

using coauthor::spell::SpellTokenizer;
using coauthor::test::readText;

namespace {

QString dataDir()
{
    return qEnvironmentVariable("COAUTHOR_SOURCE_DIR", QStringLiteral(".")) + u"/tests/editor/spell";
}

QString wordsReference(const QString &text)
{
    QString out;
    for (const SpellTokenizer::DocumentWord &w : SpellTokenizer::tokenize(text))
        out += QStringLiteral("%1:%2:%3\t%4\n").arg(w.line + 1).arg(w.word.start).arg(w.word.length).arg(w.word.text);
    return out;
}

QStringList wordsOf(const QString &text)
{
    QStringList words;
    for (const SpellTokenizer::DocumentWord &w : SpellTokenizer::tokenize(text))
        words.append(w.word.text);
    return words;
}

} // namespace

class TestSpellTokenizer : public QObject
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
            wordsReference(readText(input)), coauthor::test::referencePath(input, QStringLiteral(".words")));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void aWordIsCheckedInsideEmphAndSectionButNotInsideRefOrCite()
    {
        QCOMPARE(wordsOf(QStringLiteral("\\section{Teh title} \\emph{teh} \\ref{teh} \\cite{teh} \\label{teh}")),
                 QStringList({QStringLiteral("Teh"), QStringLiteral("title"), QStringLiteral("teh")}));
    }

    void aKeyArgumentThatRunsOverALineIsSkippedOnTheNextLineToo()
    {
        QCOMPARE(wordsOf(QStringLiteral("See \\cite{first,\nsecond} here")),
                 QStringList({QStringLiteral("See"), QStringLiteral("here")}));
    }

    void aMathEnvironmentRunsOverLinesUntilItsEnd()
    {
        QCOMPARE(wordsOf(QStringLiteral("\\begin{align}\nfoo &= bar\n\\end{align} after")),
                 QStringList({QStringLiteral("after")}));
    }

    void theLineStateOfPlainTextIsTheInitialOne()
    {
        // So that an edit of ordinary prose never changes the lines after it.
        QCOMPARE(SpellTokenizer::tokenizeLine(u"Some \\emph{prose} with $x$ math.", SpellTokenizer::InitialState,
                                              nullptr),
                 SpellTokenizer::InitialState);
    }

    void theMagicCommentNamesTheLanguage()
    {
        QCOMPARE(SpellTokenizer::magicLanguage(u"% !TEX spellcheck = de_DE\n\\documentclass{article}"),
                 QStringLiteral("de_DE"));
        QCOMPARE(SpellTokenizer::magicLanguage(u"%!TeX spellcheck=en-GB\n"), QStringLiteral("en_GB"));
        QCOMPARE(SpellTokenizer::magicLanguage(u"% !TEX program = xelatex\n"), QString());
        QString late;
        for (int i = 0; i < SpellTokenizer::MagicCommentLines; ++i)
            late += QStringLiteral("line\n");
        late += QStringLiteral("% !TEX spellcheck = fr\n");
        QCOMPARE(SpellTokenizer::magicLanguage(late), QString());
    }
};

QTEST_GUILESS_MAIN(TestSpellTokenizer)
#include "tst_spelltokenizer.moc"
