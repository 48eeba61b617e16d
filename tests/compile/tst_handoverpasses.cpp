// How many engine passes an incremental compile costs when the fast path hands over to
// latexmk, against latexmk deciding alone from the same compile directory (real TeX Live).
// Where the hand-over is a changed tool input (a new \cite, a new \index) latexmk's database
// knows the tool's rule and the fast path's pass is not repeated. Where it is a tool's
// output that no build has made yet (a first \bibliography, \printnomenclature), latexmk
// learns of the tool only from its own pass's log, so it typesets the fast path's pass
// again: one pass more than latexmk alone (QEXPECT_FAIL below until the fast path hands
// such an edit over before its first pass).
#include "compile/compiler.h"

#include "pdftext.h"
#include "testproject.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::compile;
using namespace coauthor::compile::test;

namespace {

using Strategy = Compiler::RecompileStrategy;

// Engine passes in a transcript: the fast path's direct ones and latexmk's.
int enginePasses(const QByteArray &transcript)
{
    static const QRegularExpression pass(QStringLiteral("^(Coauthor: )?Run number \\d+ of rule 'pdflatex'"),
                                         QRegularExpression::MultilineOption);
    int count = 0;
    for (auto it = pass.globalMatch(QString::fromUtf8(transcript)); it.hasNext(); it.next())
        ++count;
    return count;
}

struct Outcome
{
    CompileResult result;
    QString text;
};

} // namespace

class TestHandOverPasses : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_cache;

    // A full compile of `before`, then an incremental one of `after`.
    Outcome compileEdit(Strategy strategy, const QString &projectId, const QByteArray &before, const QByteArray &after)
    {
        Compiler compiler(m_cache.path());
        compiler.setRecompileStrategy(strategy);
        CompileRequest request = makeRequest(projectId, {{QStringLiteral("main.tex"), before},
                                                         {QStringLiteral("refs.bib"), bib()}});
        const CompileResult first = compiler.run(request);
        if (first.status != CompileStatus::Success)
            return {first, QString()};
        request.syncType = SyncType::Incremental;
        setDoc(request, QStringLiteral("main.tex"), after);
        const CompileResult result = compiler.run(request);
        return {result, pdfText(result.pdfPath)};
    }

    static QByteArray bib()
    {
        return "@book{knuth, author={Donald Knuth}, title={The TeXbook}, year={1984}, publisher={Addison-Wesley}}\n"
               "@article{turing, author={Alan Turing}, title={On computable numbers}, journal={Proc. LMS}, year={1936}}\n";
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_cache.isValid()); }

    void anEditNeedingAToolCostsThePassesLatexmkAloneCosts_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<QString>("handOver"); // the fast path's reason, from its transcript
        QTest::addColumn<bool>("missingOutput");
        const QByteArray cite = "\\documentclass{article}\n\\begin{document}\nAs in \\cite{knuth}%s.\n"
                                "\\bibliographystyle{plain}\\bibliography{refs}\n\\end{document}\n";
        QTest::newRow("a new citation") << QByteArray(cite).replace("%s", "") << QByteArray(cite).replace("%s", " and \\cite{turing}")
                                        << QStringLiteral("a tool's input changed") << false;
        const QByteArray index = "\\documentclass{article}\n\\usepackage{makeidx}\\makeindex\n\\begin{document}\n"
                                 "Some text about heat%s\n\\end{document}\n";
        QTest::newRow("a first index entry")
            << QByteArray(index).replace("%s", ".") << QByteArray(index).replace("%s", "\\index{heat}.\n\\printindex")
            << QStringLiteral("a tool's input changed") << false;
        const QByteArray plain = "\\documentclass{article}\n\\usepackage{nomencl}\\makenomenclature\n\\begin{document}\n"
                                 "As in the book%s\n\\end{document}\n";
        QTest::newRow("a first bibliography")
            << QByteArray(plain).replace("%s", ".")
            << QByteArray(plain).replace("%s", " \\cite{knuth}.\n\\bibliographystyle{plain}\\bibliography{refs}")
            << QStringLiteral("No file output.bbl") << true;
        QTest::newRow("a first nomenclature")
            << QByteArray(plain).replace("%s", ".")
            << QByteArray(plain).replace("%s", " $c$\\nomenclature{$c$}{speed of light}.\n\\printnomenclature")
            << QStringLiteral("No file output.nls") << true;
    }

    void anEditNeedingAToolCostsThePassesLatexmkAloneCosts()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QFETCH(QString, handOver);
        QFETCH(bool, missingOutput);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        const Outcome alone = compileEdit(Strategy::Latexmk, tag + QLatin1String("-latexmk"), before, after);
        const Outcome fast = compileEdit(Strategy::EngineWithFormat, tag + QLatin1String("-fast"), before, after);
        QVERIFY2(alone.result.status == CompileStatus::Success, qPrintable(alone.result.message));
        QVERIFY2(fast.result.status == CompileStatus::Success, qPrintable(fast.result.message));
        QCOMPARE(fast.text, alone.text);
        QVERIFY2(fast.result.stdOut.contains("Coauthor: latexmk decides: ")
                     && fast.result.stdOut.contains(handOver.toUtf8()),
                 fast.result.stdOut.left(600).constData());
        const int passesAlone = enginePasses(alone.result.stdOut);
        const int passesFast = enginePasses(fast.result.stdOut);
        qInfo("%s: latexmk alone %d engine passes, fast path + hand-over %d", QTest::currentDataTag(), passesAlone,
              passesFast);
        QVERIFY(passesAlone >= 2);
        if (missingOutput)
            QEXPECT_FAIL("", "latexmk repeats the fast path's pass when a tool's output is missing (see the file's comment)",
                         Continue);
        QCOMPARE(passesFast, passesAlone);
    }
};

QTEST_GUILESS_MAIN(TestHandOverPasses)
#include "tst_handoverpasses.moc"
