// Draft compiles (graphics as boxes) on the fast path's preamble format, with the real TeX
// Live: the format is dumped with graphicx's draft option (PreambleFormat's dump driver) and
// keyed on draft, and a pass on it takes no pre-TeX (EnginePass), so a draft compile on the
// format must give the PDF a draft compile through latexmk (-usepretex) gives, and a final
// compile must never run on the draft format.
#include "compile/compiler.h"

#include "pdftext.h"
#include "testproject.h"

#include <QBuffer>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::compile;
using namespace coauthor::compile::test;

namespace {

using Strategy = Compiler::RecompileStrategy;

// The status and the service's own lines of the transcript (QtTest cuts long messages).
QString describe(const CompileResult &result)
{
    QString lines;
    for (const QByteArray &line : result.stdOut.split('\n')) {
        if (line.startsWith("Coauthor:") || line.startsWith("Running '") || line.startsWith("Latexmk: Errors"))
            lines += QString::fromUtf8(line.left(240)) + u'\n';
    }
    return statusName(result.status) + QLatin1String(": ") + result.message + u'\n' + lines;
}

bool ranOnFormat(const CompileResult &result)
{
    return result.stdOut.contains("(direct, preamble format)") && !result.stdOut.contains("latexmk decides");
}

bool ranLatexmk(const CompileResult &result)
{
    return result.stdOut.contains("Running 'latexmk") || result.stdOut.contains("Latexmk: ");
}

QByteArray png()
{
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray document(const QByteArray &sentence)
{
    return "\\documentclass{article}\n\\usepackage{graphicx}\n\\usepackage{amsmath}\n\\begin{document}\n"
           "\\section{Results}\n"
        + sentence
        + "\n\n\\begin{figure}[h]\\centering\\includegraphics[width=4cm]{figures/plot.png}"
          "\\caption{The plot}\\label{fig:plot}\\end{figure}\nSee Figure~\\ref{fig:plot}.\n\\end{document}\n";
}

// What a compile's PDF held, read before later compiles prune its build.
struct Step
{
    CompileResult result;
    QString text;
    int pages = 0;
};

} // namespace

class TestDraftFormat : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_cache;

    // A full compile, then incremental ones with the given sentences, all with draft as given
    // per step (draft.size() == sentences.size() + 1).
    QList<Step> compile(Strategy strategy, const QString &projectId, const QList<QByteArray> &sentences,
                        const QList<bool> &draft)
    {
        Compiler compiler(m_cache.path());
        compiler.setRecompileStrategy(strategy);
        CompileRequest request = makeRequest(projectId, {{QStringLiteral("main.tex"), document("A first sentence.")},
                                                         {QStringLiteral("figures/plot.png"), png()}});
        QList<Step> steps;
        for (qsizetype i = 0; i <= sentences.size(); ++i) {
            if (i > 0) {
                request.syncType = SyncType::Incremental;
                setDoc(request, QStringLiteral("main.tex"), document(sentences.at(i - 1)));
            }
            request.options.draft = draft.at(i);
            CompileResult result = compiler.run(request);
            if (result.status == CompileStatus::Conflict) { // changed options: a full compile, as the app does
                request.syncType = SyncType::Full;
                result = compiler.run(request);
            }
            steps.append({result, pdfText(result.pdfPath), pdfPageCount(result.pdfPath)});
            if (result.status != CompileStatus::Success)
                break;
        }
        return steps;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_cache.isValid()); }

    // graphicx's draft box shows the file's name where the picture would be: both ways give
    // it, and the same text and pages at every step; the last fast step ran on the format.
    void aDraftCompileOnThePreambleFormatGivesTheDraftLatexmkGives()
    {
        const QList<QByteArray> sentences{"A second sentence.", "A third sentence.", "A fourth sentence."};
        const QList<bool> draft{true, true, true, true};
        const QList<Step> slow = compile(Strategy::Latexmk, QStringLiteral("draft-latexmk"), sentences, draft);
        const QList<Step> fast = compile(Strategy::EngineWithFormat, QStringLiteral("draft-fast"), sentences, draft);
        QCOMPARE(slow.size(), sentences.size() + 1);
        QCOMPARE(fast.size(), slow.size());
        for (qsizetype i = 0; i < slow.size(); ++i) {
            QVERIFY2(slow[i].result.status == CompileStatus::Success, qPrintable(describe(slow[i].result)));
            QVERIFY2(fast[i].result.status == CompileStatus::Success, qPrintable(describe(fast[i].result)));
            QVERIFY2(slow[i].text.contains(QLatin1String("figures/plot.png")), qPrintable(slow[i].text)); // drafted
            QCOMPARE(fast[i].text, slow[i].text);
            QCOMPARE(fast[i].pages, slow[i].pages);
        }
        QVERIFY2(fast[1].result.stdOut.contains("preamble dumped"), qPrintable(describe(fast[1].result)));
        QVERIFY2(ranOnFormat(fast[2].result), qPrintable(describe(fast[2].result)));
        QVERIFY2(ranOnFormat(fast[3].result), qPrintable(describe(fast[3].result)));
        QVERIFY(fast[3].text.contains(QLatin1String("A fourth sentence. ")));
        QVERIFY2(fast[3].text.contains(QLatin1String("See Figure 1")), qPrintable(fast[3].text));
    }

    // Draft is part of the format's key and of the build's settings: the first final compile
    // after draft ones is refused as incremental (Conflict), goes to latexmk in full and shows the picture; the next dumps a format of its
    // own, and the one after runs on it, still with the picture (no name in a box).
    void aFinalCompileAfterDraftOnesNeverRunsOnTheDraftFormat()
    {
        const QList<QByteArray> sentences{"A second sentence.", "A third sentence.", "A fourth sentence.",
                                          "A fifth sentence.", "A sixth sentence."};
        const QList<Step> steps = compile(Strategy::EngineWithFormat, QStringLiteral("draft-then-final"), sentences,
                                          {true, true, true, false, false, false});
        QVERIFY2(steps.size() == sentences.size() + 1, qPrintable(describe(steps.last().result)));
        for (const Step &step : steps)
            QVERIFY2(step.result.status == CompileStatus::Success, qPrintable(describe(step.result)));
        QVERIFY2(ranOnFormat(steps[2].result), qPrintable(describe(steps[2].result)));
        QVERIFY(steps[2].text.contains(QLatin1String("figures/plot.png")));
        QVERIFY2(ranLatexmk(steps[3].result) && !ranOnFormat(steps[3].result), qPrintable(describe(steps[3].result)));
        QVERIFY(!steps[3].result.stdOut.contains("preamble dumped"));
        QVERIFY2(steps[4].result.stdOut.contains("preamble dumped"), qPrintable(describe(steps[4].result)));
        QVERIFY2(ranOnFormat(steps[5].result), qPrintable(describe(steps[5].result)));
        for (qsizetype i = 3; i < steps.size(); ++i) {
            QVERIFY2(!steps[i].text.contains(QLatin1String("figures/plot.png")), qPrintable(steps[i].text));
            QVERIFY2(steps[i].text.contains(QLatin1String("Figure 1: The plot")), qPrintable(steps[i].text));
        }
    }
};

QTEST_GUILESS_MAIN(TestDraftFormat)
#include "tst_draftformat.moc"
