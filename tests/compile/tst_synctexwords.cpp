// Word-level SyncTeX: the word under the caret among the PDF's words inside SyncTeX's line
// boxes, and the clicked PDF word in its source line; on a real pdflatex build read with
// Poppler, and on lines made up to show how several occurrences are told apart.
#include "compile/compiler.h"
#include "compile/synctex.h"
#include "compile/synctexwords.h"

#include "testproject.h"

#include <QHash>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <poppler-qt6.h>

#include <memory>

using namespace coauthor::compile;
using namespace coauthor::compile::test;

namespace {

const QString kLine = QStringLiteral("The quick brown fox jumps over the \\emph{lazy} dog and the quick cat.");

QList<PageWord> popplerWords(const QString &pdfPath, int page)
{
    QList<PageWord> words;
    const std::unique_ptr<Poppler::Document> document = Poppler::Document::load(pdfPath);
    if (!document)
        return words;
    const std::unique_ptr<Poppler::Page> p = document->page(page - 1);
    for (const std::unique_ptr<Poppler::TextBox> &box : p->textList())
        words.append({box->text(), box->boundingBox()});
    return words;
}

// The index of the occurrence-th PDF word whose text is text; -1 when none.
int indexOf(const QList<PageWord> &words, const QString &text, int occurrence = 0)
{
    for (int i = 0; i < words.size(); ++i) {
        if (words.at(i).text == text && occurrence-- == 0)
            return i;
    }
    return -1;
}

} // namespace

class TestSyncTexWords : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_cache;
    CompileResult m_result;
    QList<PageWord> m_words;

private Q_SLOTS:
    void initTestCase()
    {
        const CompileRequest request = makeRequest(
            QStringLiteral("synctexwords"),
            {{QStringLiteral("main.tex"), "\\documentclass{article}\n\\begin{document}\n" + kLine.toUtf8()
                                              + "\n\nA second paragraph says fox again.\n\\end{document}\n"}});
        m_result = Compiler(m_cache.path()).run(request);
        QVERIFY2(m_result.status == CompileStatus::Success, qPrintable(m_result.message));
        m_words = popplerWords(m_result.pdfPath, 1);
        QVERIFY(indexOf(m_words, QStringLiteral("lazy")) >= 0);
        QVERIFY(indexOf(m_words, QStringLiteral("quick"), 1) >= 0);
    }

    void theCaretsWordIsAWordOfTheTextNotOfAControlSequence()
    {
        int start = -1;
        QCOMPARE(SyncTexWords::wordAt(kLine, int(kLine.indexOf(u'z')), &start), QStringLiteral("lazy"));
        QCOMPARE(start, int(kLine.indexOf(QLatin1String("lazy"))));
        QCOMPARE(SyncTexWords::wordAt(kLine, int(kLine.indexOf(QLatin1String("emph"))) + 1), QString());
        QCOMPARE(SyncTexWords::wordAt(QStringLiteral("fox"), 3), QStringLiteral("fox")); // just after it
        QCOMPARE(SyncTexWords::wordAt(QStringLiteral("a % comment"), 5), QString());
        QCOMPARE(SyncTexWords::occurrencesBefore(kLine, QStringLiteral("quick"), int(kLine.lastIndexOf(QLatin1String("quick")))), 1);
        QCOMPARE(SyncTexWords::wordBefore(kLine, int(kLine.indexOf(QLatin1String("lazy")))), QStringLiteral("the"));
        QCOMPARE(SyncTexWords::wordAfter(kLine, int(kLine.indexOf(QLatin1String("lazy")))), QStringLiteral("dog"));
        // Poppler's ligatures and punctuation do not keep a PDF word from its source.
        QCOMPARE(SyncTexWords::normalized(QStringLiteral("\uFB01nal,")), QStringLiteral("final"));
        QCOMPARE(SyncTexWords::normalized(QStringLiteral("(Word")), QStringLiteral("word"));
    }

    // Forward search from a word in the middle of a line: of the PDF words in SyncTeX's
    // boxes for the line, the one showing it; the second "quick" is the second one.
    void forwardSearchFindsTheCaretsWordInTheLineBoxes()
    {
        SyncTex synctex(m_result.pdfPath);
        const QList<SyncTex::PdfBox> boxes = synctex.forward(QStringLiteral("main.tex"), 3);
        QVERIFY(!boxes.isEmpty());
        QList<QRectF> rects;
        for (const SyncTex::PdfBox &box : boxes)
            rects << box.rect;

        const int lazy = SyncTexWords::wordInBoxes(m_words, rects, QStringLiteral("lazy"), QStringLiteral("the"),
                                                  QStringLiteral("dog"), 0);
        QCOMPARE(lazy, indexOf(m_words, QStringLiteral("lazy")));

        const int start = int(kLine.lastIndexOf(QLatin1String("quick")));
        const int second = SyncTexWords::wordInBoxes(m_words, rects, QStringLiteral("quick"),
                                                    SyncTexWords::wordBefore(kLine, start),
                                                    SyncTexWords::wordAfter(kLine, start),
                                                    SyncTexWords::occurrencesBefore(kLine, QStringLiteral("quick"), start));
        QCOMPARE(second, indexOf(m_words, QStringLiteral("quick"), 1));
        // A word of another line is not in this line's boxes.
        QCOMPARE(SyncTexWords::wordInBoxes(m_words, rects, QStringLiteral("paragraph"), {}, {}, 0), -1);
    }

    // Inverse search from a click on a word: SyncTeX names the line, the word says where in it.
    void inverseSearchPutsTheClickedWordsColumn()
    {
        SyncTex synctex(m_result.pdfPath);
        for (const auto &[text, occurrence, column] :
             {std::tuple{QStringLiteral("lazy"), 0, int(kLine.indexOf(QLatin1String("lazy")))},
              std::tuple{QStringLiteral("quick"), 1, int(kLine.lastIndexOf(QLatin1String("quick")))},
              std::tuple{QStringLiteral("quick"), 0, int(kLine.indexOf(QLatin1String("quick")))}}) {
            const int index = indexOf(m_words, text, occurrence);
            const QPointF click = m_words.at(index).rect.center();
            QCOMPARE(SyncTexWords::wordAtPoint(m_words, click), index);
            const auto point = synctex.inverse(1, click);
            QVERIFY(point.has_value());
            QCOMPARE(point->line, 3);
            QCOMPARE(SyncTexWords::columnOf(kLine, m_words.at(index).text, m_words.at(index - 1).text,
                                            m_words.at(index + 1).text, -1),
                     column);
        }
        // Far from every word: none.
        QCOMPARE(SyncTexWords::wordAtPoint(m_words, QPointF(5, 5)), -1);
    }

    // A paragraph written over several source lines, with words hyphenated across PDF lines:
    // a click on any of its words leads to that word's source line and column, and the
    // caret on any of its source words highlights the PDF word that shows it.
    void everyWordOfAParagraphLeadsToItsSourceLineAndColumn()
    {
        const QStringList source = {
            QStringLiteral("Operational transformation reconciles concurrent edits"),
            QStringLiteral("by rewriting each incoming operation against those it"),
            QStringLiteral("missed, so that every replica converges; the server orders"),
            QStringLiteral("operations, broadcasts them, and acknowledges the author's"),
            QStringLiteral("own. Incomprehensibilities notwithstanding, characterization"),
            QStringLiteral("of intention preservation remains surprisingly subtle."),
        };
        const QStringList preamble = {QStringLiteral("\\documentclass{article}"),
                                      QStringLiteral("\\usepackage[paperwidth=12cm,textwidth=7cm]{geometry}"),
                                      QStringLiteral("\\begin{document}")};
        const int firstLine = int(preamble.size()) + 1;
        const QStringList file = preamble + source + QStringList{QStringLiteral("\\end{document}")};
        const QByteArray tex = file.join(u'\n').toUtf8() + '\n';
        QTemporaryDir cache;
        const CompileResult result = Compiler(cache.path()).run(makeRequest(QStringLiteral("paragraph"), {{QStringLiteral("main.tex"), tex}}));
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(result.message));
        const QList<PageWord> words = popplerWords(result.pdfPath, 1);
        SyncTex synctex(result.pdfPath);
        // Where each PDF word is in the source, by walking both in order: a PDF word takes as
        // many source words as it has runs ("author’s": author, s), a hyphenated word's second
        // half is where its first half is.
        struct Place
        {
            int line;
            int column;
        };
        QList<Place> sourceWords;
        for (int l = 0; l < source.size(); ++l) {
            static const QRegularExpression word(QStringLiteral("[\\w]+"));
            for (const QRegularExpressionMatch &m : word.globalMatch(source.at(l)))
                sourceWords.append({firstLine + l, int(m.capturedStart())});
        }
        int next = 0;
        int hyphenated = 0;
        QStringList wrong;
        QHash<int, int> pdfWordOf; // index in sourceWords → the PDF word showing it (its first half)
        for (int i = 0; i < words.size(); ++i) {
            const QString text = words.at(i).text;
            if (text == QLatin1String("1"))
                continue; // the page number
            const bool secondHalf = i > 0 && words.at(i - 1).text.endsWith(u'-');
            const Place expected = secondHalf ? sourceWords.at(next - 1) : sourceWords.at(next);
            if (!secondHalf) {
                pdfWordOf.insert(next, i);
                next += int(text.split(QRegularExpression(QStringLiteral("[^\\w]+")), Qt::SkipEmptyParts).size());
            }
            hyphenated += text.endsWith(u'-');

            const auto point = synctex.inverse(1, words.at(i).rect.center());
            QVERIFY(point.has_value());
            const auto place = SyncTexWords::findClicked(file, point->line, words, i);
            if (!place || place->line != expected.line || place->column != expected.column)
                wrong << QStringLiteral("%1 (SyncTeX line %2): found %3:%4, is at %5:%6")
                             .arg(text).arg(point->line).arg(place ? place->line : -1).arg(place ? place->column : -1)
                             .arg(expected.line).arg(expected.column);
        }
        QVERIFY2(hyphenated > 0, "the paragraph should hyphenate a word");

        // And back: the caret on each source word highlights the PDF word showing it.
        for (auto it = pdfWordOf.cbegin(); it != pdfWordOf.cend(); ++it) {
            const Place &at = sourceWords.at(it.key());
            const QString &line = file.at(at.line - 1);
            QList<QRectF> boxes;
            for (const SyncTex::PdfBox &box : synctex.forward(QStringLiteral("main.tex"), at.line))
                boxes << box.rect;
            int start = 0;
            const QString word = SyncTexWords::wordAt(line, at.column, &start);
            const int found = SyncTexWords::wordInBoxes(words, boxes, word, SyncTexWords::wordBefore(line, start),
                                                        SyncTexWords::wordAfter(line, start),
                                                        SyncTexWords::occurrencesBefore(line, word, start));
            // A hyphenated word: either half (the one on a PDF line of the caret's source line).
            const bool hyphenated = words.at(it.value()).text.endsWith(u'-') && found == it.value() + 1;
            if (found != it.value() && !hyphenated)
                wrong << QStringLiteral("caret on %1 (%2:%3) highlights %4, not %5")
                             .arg(word).arg(at.line).arg(at.column)
                             .arg(found >= 0 ? words.at(found).text : QStringLiteral("nothing"), words.at(it.value()).text);
        }
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
    }

    // Several occurrences: the neighbours decide, then the column SyncTeX gave.
    void ofSeveralOccurrencesTheNeighboursThenTheColumnDecide()
    {
        const QString line = QStringLiteral("the cat and the dog and the cat");
        QCOMPARE(SyncTexWords::columnOf(line, QStringLiteral("the"), QStringLiteral("and"), QStringLiteral("dog"), -1), 12);
        QCOMPARE(SyncTexWords::columnOf(line, QStringLiteral("the"), QStringLiteral("and"), QStringLiteral("cat"), -1), 24);
        const QString cats = QStringLiteral("the cat and the dog and the cat sat");
        QCOMPARE(SyncTexWords::columnOf(cats, QStringLiteral("cat"), QStringLiteral("x"), QStringLiteral("y"), 28), 28);
        QCOMPARE(SyncTexWords::columnOf(cats, QStringLiteral("cat"), QStringLiteral("x"), QStringLiteral("y"), -1), 4);
        QCOMPARE(SyncTexWords::columnOf(line, QStringLiteral("bird"), {}, {}, -1), -1);
        // The first half of a word hyphenated at the end of a PDF line.
        QCOMPARE(SyncTexWords::columnOf(QStringLiteral("a long document"), QStringLiteral("docu-"), QStringLiteral("long"), {}, -1), 7);
    }
};

QTEST_GUILESS_MAIN(TestSyncTexWords)
#include "tst_synctexwords.moc"
