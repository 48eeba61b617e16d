// The fast path of incremental compiles (FastRecompile, PreambleFormat) with the real
// TeX Live: the engine run by the service itself, with and without a precompiled preamble,
// gives the PDF latexmk gives (text and page count) on real documents; cross references
// still settle; a bibliography change goes to latexmk; a preamble that cannot be dumped
// compiles without an error; an edited preamble gets a new format.
#include "compile/compiler.h"
#include "compile/logparser.h"

#include "pdftext.h"
#include "testproject.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
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
            lines += QString::fromUtf8(line.left(200)) + u'\n';
    }
    return statusName(result.status) + QLatin1String(": ") + result.message + u'\n' + lines;
}

// A folder of tests/compile/data as text resources, so that a test can edit them.
QMap<QString, QByteArray> dataDocs(const QString &folder)
{
    QMap<QString, QByteArray> docs;
    const QDir base(QStringLiteral(COAUTHOR_COMPILE_DATA_DIR "/") + folder);
    QDirIterator it(base.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            docs.insert(base.relativeFilePath(file.fileName()), file.readAll());
    }
    return docs;
}

bool ranDirect(const CompileResult &result)
{
    return result.stdOut.contains("Run number 1 of rule 'pdflatex' (direct")
        && !result.stdOut.contains("latexmk decides");
}

bool usedFormat(const CompileResult &result)
{
    return result.stdOut.contains("(direct, preamble format)");
}

int errorCount(const CompileResult &result)
{
    int errors = 0;
    for (const LogEntry &entry : LogParser::parseBuild(result))
        errors += entry.level == LogEntry::Level::Error ? 1 : 0;
    return errors;
}

// One compile and what its PDF held, read before later compiles prune its build.
struct Step
{
    CompileResult result;
    QString text;
    int pages = 0;
    int errors = 0;
    bool synctex = false;
};

} // namespace

class TestFastRecompile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_cache;

    // Compiles docs fully, then incrementally after each edit; returns the last result.
    QList<Step> compileWithEdits(Strategy strategy, const QString &projectId, const QMap<QString, QByteArray> &docs,
                                 const QList<QPair<QString, QByteArray>> &edits)
    {
        Compiler compiler(m_cache.path());
        compiler.setRecompileStrategy(strategy);
        CompileRequest request = makeRequest(projectId, docs);
        QList<Step> steps;
        const auto compile = [&] {
            const CompileResult result = compiler.run(request);
            steps.append({result, pdfText(result.pdfPath), pdfPageCount(result.pdfPath), errorCount(result),
                          QFileInfo::exists(result.synctexPath)});
            return result.status == CompileStatus::Success;
        };
        if (!compile())
            return steps;
        request.syncType = SyncType::Incremental;
        for (const auto &edit : edits) {
            setDoc(request, edit.first, edit.second);
            if (!compile())
                break;
        }
        return steps;
    }

    // The same edits through latexmk and through the fast path (on a preamble format
    // from the second edit on): the same PDF text and page count at every step.
    void compareWithLatexmk(const QString &name, const QMap<QString, QByteArray> &docs,
                            const QList<QPair<QString, QByteArray>> &edits, QList<Step> *fast)
    {
        const QList<Step> slow = compileWithEdits(Strategy::Latexmk, name + QLatin1String("-latexmk"), docs, edits);
        *fast = compileWithEdits(Strategy::EngineWithFormat, name + QLatin1String("-fast"), docs, edits);
        QCOMPARE(slow.size(), edits.size() + 1);
        QCOMPARE(fast->size(), slow.size());
        for (qsizetype i = 0; i < slow.size(); ++i) {
            QVERIFY2(slow[i].result.status == CompileStatus::Success, qPrintable(describe(slow[i].result)));
            QVERIFY2(fast->at(i).result.status == CompileStatus::Success, qPrintable(describe(fast->at(i).result)));
            QCOMPARE(fast->at(i).pages, slow[i].pages);
            QCOMPARE(fast->at(i).text, slow[i].text);
            QCOMPARE(fast->at(i).errors, slow[i].errors);
            QVERIFY(fast->at(i).synctex);
        }
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_cache.isValid()); }

    // The thesis (index, nomenclature, glossaries, an EPS figure, bibtex): one-line edits
    // of the body run pdflatex alone. Its preamble format is dumped but not used: with it
    // glossaries' \@newglossary lines are missing from the .aux, which the check finds.
    void theThesisBuildsAsWithLatexmk()
    {
        const QMap<QString, QByteArray> docs = dataDocs(QStringLiteral("thesis"));
        const QByteArray main = docs.value(QStringLiteral("main.tex"));
        QList<Step> fast;
        compareWithLatexmk(QStringLiteral("thesis"), docs,
                           {{QStringLiteral("main.tex"), QByteArray(main).replace("heat equation", "wave equation")},
                            {QStringLiteral("main.tex"), QByteArray(main).replace("heat equation", "Laplace equation")}},
                           &fast);
        QVERIFY2(ranDirect(fast[1].result) && !usedFormat(fast[1].result), qPrintable(describe(fast[1].result)));
        QVERIFY2(fast[1].result.stdOut.contains("the preamble format is not used: output.aux differ"),
                 qPrintable(describe(fast[1].result)));
        QVERIFY2(ranDirect(fast[2].result) && !usedFormat(fast[2].result), qPrintable(describe(fast[2].result)));
        QVERIFY2(!fast[2].result.stdOut.contains("preamble dumped"), qPrintable(describe(fast[2].result)));
        const QString text = fast[2].text;
        QVERIFY2(text.contains(QLatin1String("Laplace equation")) && text.contains(QLatin1String("thermal transport rate"))
                     && text.contains(QLatin1String("Galerkin projection, 1")) && text.contains(QLatin1String("The TEXbook")),
                 qPrintable(text));
    }

    // A section inserted before the others renumbers them: the .aux changes, so the fast
    // path reruns until the references are right, as latexmk would.
    void aChangedLabelSettlesInTheFastPath()
    {
        const QByteArray body = "\\section{Alpha}\\label{sec:alpha}\nSee Section~\\ref{sec:beta} on page~\\pageref{sec:beta}.\n"
                                "\\section{Beta}\\label{sec:beta}\nBack to Section~\\ref{sec:alpha}.\n";
        const QByteArray preamble = "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n\\tableofcontents\n";
        QList<Step> fast;
        compareWithLatexmk(QStringLiteral("labels"), {{QStringLiteral("main.tex"), preamble + body + "\\end{document}\n"}},
                           {{QStringLiteral("main.tex"), preamble + body + "\\section{Gamma}\nMore.\n\\end{document}\n"},
                            {QStringLiteral("main.tex"),
                             preamble + "\\section{Zero}\\label{sec:zero}\nFirst.\n" + body + "\\end{document}\n"}},
                           &fast);
        const CompileResult &last = fast.last().result;
        QVERIFY2(ranDirect(last) && usedFormat(last), qPrintable(describe(last)));
        QVERIFY2(last.stdOut.contains("Coauthor: rerun: ") && last.stdOut.contains("Run number 2 of rule"),
                 qPrintable(describe(last)));
        const QString text = fast.last().text;
        QVERIFY2(text.contains(QLatin1String("See Section 3 on page 1")) && text.contains(QLatin1String("Back to Section 2")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("1 Zero")) && text.contains(QLatin1String("3 Beta")), qPrintable(text)); // the toc
    }

    // A new \cite changes the citations in the .aux: bibtex must run, so latexmk decides.
    void aNewCitationFallsBackToLatexmkForBibtex()
    {
        const QByteArray bib = "@book{knuth84, author={Donald E. Knuth}, title={The {\\TeX}book}, publisher={Addison-Wesley}, year={1984}}\n"
                               "@book{lamport94, author={Leslie Lamport}, title={A Document Preparation System}, "
                               "publisher={Addison-Wesley}, year={1994}}\n";
        const QByteArray head = "\\documentclass{article}\n\\begin{document}\nAs shown by \\cite{knuth84}";
        const QByteArray tail = ".\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n";
        QList<Step> fast;
        compareWithLatexmk(QStringLiteral("bibtex"), {{QStringLiteral("main.tex"), head + tail}, {QStringLiteral("refs.bib"), bib}},
                           {{QStringLiteral("main.tex"), head + " and others" + tail},
                            {QStringLiteral("main.tex"), head + " and \\cite{lamport94}" + tail}},
                           &fast);
        QVERIFY2(ranDirect(fast[1].result), qPrintable(describe(fast[1].result)));
        const CompileResult &last = fast.last().result;
        QVERIFY2(last.stdOut.contains("latexmk decides: a tool's input changed: output.aux"), qPrintable(describe(last)));
        QVERIFY2(last.stdOut.contains("Running 'bibtex"), qPrintable(describe(last)));
        const QString text = fast.last().text;
        QVERIFY2(text.contains(QLatin1String("and [2]")) && text.contains(QLatin1String("A Document Preparation System")),
                 qPrintable(text));
    }

    // A pass with an error is unusual: latexmk decides, with the same problems as ever, and
    // the compile after it goes through latexmk too (the build was not complete); then the
    // fast path again.
    // An edit with an error is typeset once, as latexmk alone would (before, the direct
    // pass was handed to latexmk, whose older database made it run the same pass again).
    // Same PDF and problems as latexmk at every step; the next compile, after errors, is latexmk's.
    void anEditWithAnErrorIsTypesetOnceAsLatexmkWould()
    {
        const QByteArray head = "\\documentclass{article}\n\\begin{document}\nFirst line.\n";
        const QByteArray labels = "\\section{A}\\label{a}See \\ref{b} on page \\pageref{b}.\n\\section{B}\\label{b}\n";
        QList<Step> steps;
        compareWithLatexmk(QStringLiteral("error"), {{QStringLiteral("main.tex"), head + "Fine.\n" + labels + "\\end{document}\n"}},
                           {{QStringLiteral("main.tex"), head + "Broken \\undefinedmacro.\n" + labels + "\\end{document}\n"},
                            {QStringLiteral("main.tex"), head + "Fixed.\n" + labels + "\\end{document}\n"},
                            {QStringLiteral("main.tex"), head + "Fixed again.\n" + labels + "\\end{document}\n"},
                            {QStringLiteral("main.tex"),
                             head + "\\section{Z}\\label{z}Broken \\undefinedmacro.\n" + labels + "\\end{document}\n"}},
                           &steps);
        QCOMPARE(steps.size(), 5);
        const CompileResult &broken = steps[1].result;
        QVERIFY2(broken.status == CompileStatus::Success && broken.message == QLatin1String("a PDF was produced, but the log has errors"),
                 qPrintable(describe(broken)));
        QVERIFY2(ranDirect(broken) && broken.stdOut.count("Run number") == 1, qPrintable(describe(broken)));
        QCOMPARE(steps[1].errors, 1); // the same as latexmk's (compared above), read before the build was pruned
        QVERIFY2(steps[2].result.stdOut.contains("latexmk decides: no complete earlier build"), qPrintable(describe(steps[2].result)));
        QCOMPARE(steps[2].errors, 0);
        QVERIFY2(ranDirect(steps[3].result), qPrintable(describe(steps[3].result)));
        QVERIFY2(steps[3].text.startsWith(QStringLiteral("First line. Fixed again.")), qPrintable(steps[3].text));
        // An error and a new section before the label: latexmk reruns nothing after a pass
        // with errors (the reference stays stale until the error is fixed), nor does the fast path.
        const CompileResult &stale = steps[4].result;
        QVERIFY2(ranDirect(stale) && stale.stdOut.count("Run number") == 1, qPrintable(describe(stale)));
        QVERIFY2(steps[4].text.contains(QLatin1String("See 2 on page 1")), qPrintable(steps[4].text));
    }

    // mylatexformat defers \openout to the run and reads its argument up to a space: this
    // preamble stops its dump ("Paragraph ended before \openout was complete"); the other
    // writes a file in the preamble (filecontents), which a format would lose. Both compile
    // on without a format, with no error for the user, and the dump is not tried again.
    void aPreambleThatCannotBeDumpedCompilesWithoutAnError_data()
    {
        QTest::addColumn<QByteArray>("preamble");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("openout") << QByteArray("\\newwrite\\myout\n\\immediate\\openout\\myout=\\jobname.xyz\\relax\n\n"
                                               "\\immediate\\write\\myout{x}\n")
                                 << QByteArray("the preamble cannot be dumped");
        QTest::newRow("filecontents") << QByteArray("\\begin{filecontents}[overwrite]{data.txt}\nfrom the preamble\n"
                                                    "\\end{filecontents}\n")
                                      << QByteArray("the preamble writes a file");
    }
    void aPreambleThatCannotBeDumpedCompilesWithoutAnError()
    {
        QFETCH(QByteArray, preamble);
        QFETCH(QByteArray, reason);
        const QByteArray head = "\\documentclass{article}\n" + preamble + "\\begin{document}\n";
        const QByteArray tail = "\n\\IfFileExists{data.txt}{\\input{data.txt}}{}\n\\end{document}\n";
        const QList<Step> steps = compileWithEdits(
            Strategy::EngineWithFormat, QStringLiteral("nodump-") + QString::fromLatin1(QTest::currentDataTag()),
            {{QStringLiteral("main.tex"), head + "Body one." + tail}},
            {{QStringLiteral("main.tex"), head + "Body two." + tail}, {QStringLiteral("main.tex"), head + "Body three." + tail}});
        QCOMPARE(steps.size(), 3);
        for (const Step &step : steps) {
            QVERIFY2(step.result.status == CompileStatus::Success && step.result.message.isEmpty(),
                     qPrintable(describe(step.result)));
            QCOMPARE(step.errors, 0);
        }
        const CompileResult &last = steps.last().result;
        QVERIFY2(ranDirect(steps[1].result) && steps[1].result.stdOut.contains(reason), qPrintable(describe(steps[1].result)));
        QVERIFY2(ranDirect(last) && !usedFormat(last) && !last.stdOut.contains("preamble dumped"), qPrintable(describe(last)));
        QVERIFY2(last.stdOut.contains(QByteArray("no preamble format: " + reason)), qPrintable(describe(last)));
        const QString text = steps.last().text;
        QVERIFY2(text.contains(QLatin1String("Body three.")), qPrintable(text));
        if (QByteArray(QTest::currentDataTag()) == "filecontents")
            QVERIFY2(text.contains(QLatin1String("from the preamble")), qPrintable(text));
    }

    // XeLaTeX (XDV, then xdvipdfmx, as latexmk runs it) and LuaLaTeX recompile directly too,
    // without a format (XeTeX cannot dump fontspec's fonts, LuaTeX not its Lua state).
    void xeLaTeXAndLuaLaTeXRecompileDirectlyWithoutAFormat_data()
    {
        QTest::addColumn<Engine>("engine");
        QTest::addColumn<QByteArray>("program");
        QTest::newRow("xelatex") << Engine::XeLaTeX << QByteArray("xelatex");
        QTest::newRow("lualatex") << Engine::LuaLaTeX << QByteArray("lualatex");
    }
    void xeLaTeXAndLuaLaTeXRecompileDirectlyWithoutAFormat()
    {
        QFETCH(Engine, engine);
        QFETCH(QByteArray, program);
        const QByteArray head = "\\documentclass{article}\n\\usepackage{fontspec}\n\\begin{document}\n\\section{One}\\label{one}\n";
        Compiler compiler(m_cache.path());
        CompileRequest request = makeRequest(QStringLiteral("engine-") + QString::fromLatin1(program),
                                             {{QStringLiteral("main.tex"), head + "Typeset by " + program + ".\n\\end{document}\n"}});
        request.options.engine = engine;
        request.options.timeoutSeconds = 170;
        CompileResult result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        request.syncType = SyncType::Incremental;
        setDoc(request, QStringLiteral("main.tex"), head + "Edited, see Section \\ref{one}.\n\\end{document}\n");
        result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success && result.message.isEmpty(), qPrintable(describe(result)));
        QVERIFY2(result.stdOut.contains(QByteArray("Run number 1 of rule '" + program + "' (direct)"))
                     && result.stdOut.contains("no preamble format: preamble formats are made for pdfLaTeX only")
                     && !result.stdOut.contains("latexmk decides"),
                 qPrintable(describe(result)));
        if (engine == Engine::XeLaTeX)
            QVERIFY2(result.stdOut.contains("Running 'xdvipdfmx -E -o output.pdf output.xdv'"), qPrintable(describe(result)));
        QCOMPARE(pdfText(result.pdfPath), QStringLiteral("1 One Edited, see Section 1. 1"));
        QVERIFY(QFileInfo::exists(result.synctexPath));
    }

    // A new macro in the preamble: the format is dumped again (and checked), and the body
    // that uses the macro typesets with it; the next compile runs on the new format.
    void editingThePreambleRebuildsTheFormat()
    {
        const QByteArray body = "\\begin{document}\nHello \\who.\n\\end{document}\n";
        const QList<Step> steps = compileWithEdits(Strategy::EngineWithFormat, QStringLiteral("preamble"),
                         {{QStringLiteral("main.tex"), "\\documentclass{article}\n\\newcommand\\who{world}\n" + body}},
                         {{QStringLiteral("main.tex"), "\\documentclass{article}\n\\newcommand\\who{there}\n" + body},
                          {QStringLiteral("main.tex"), "\\documentclass{article}\n\\newcommand\\who{there}\n" + body + "%\n"},
                          {QStringLiteral("main.tex"), "\\documentclass{article}\n\\newcommand\\who{again}\n" + body},
                          {QStringLiteral("main.tex"), "\\documentclass{article}\n\\newcommand\\who{again}\n" + body + "%\n"}});
        QCOMPARE(steps.size(), 5);
        const char *const expected[] = {"Hello world.", "Hello there.", "Hello there.", "Hello again.", "Hello again."};
        for (qsizetype i = 0; i < steps.size(); ++i) {
            QVERIFY2(steps[i].result.status == CompileStatus::Success, qPrintable(describe(steps[i].result)));
            QCOMPARE(steps[i].text, QString::fromLatin1(expected[i]) + QLatin1String(" 1"));
        }
        QVERIFY2(steps[1].result.stdOut.contains("preamble dumped") && !usedFormat(steps[1].result),
                 qPrintable(describe(steps[1].result)));
        QVERIFY2(usedFormat(steps[2].result), qPrintable(describe(steps[2].result)));
        QVERIFY2(steps[3].result.stdOut.contains("preamble dumped") && !usedFormat(steps[3].result),
                 qPrintable(describe(steps[3].result)));
        QVERIFY2(usedFormat(steps[4].result), qPrintable(describe(steps[4].result)));
    }

    // A change to a package the preamble loads from the project also makes a new format.
    void editingAProjectPackageRebuildsTheFormat()
    {
        const QByteArray main = "\\documentclass{article}\n\\usepackage{mine}\n\\begin{document}\nHello \\who.\n\\end{document}\n";
        const QList<Step> steps = compileWithEdits(Strategy::EngineWithFormat, QStringLiteral("package"),
                         {{QStringLiteral("main.tex"), main}, {QStringLiteral("mine.sty"), "\\newcommand\\who{world}\n"}},
                         {{QStringLiteral("main.tex"), main + "%\n"},
                          {QStringLiteral("main.tex"), main},
                          {QStringLiteral("mine.sty"), "\\newcommand\\who{package}\n"}});
        QCOMPARE(steps.size(), 4);
        QVERIFY2(usedFormat(steps[2].result), qPrintable(describe(steps[2].result)));
        QVERIFY2(steps[3].result.stdOut.contains("preamble dumped") && !usedFormat(steps[3].result),
                 qPrintable(describe(steps[3].result)));
        QCOMPARE(steps[3].text, QStringLiteral("Hello package. 1"));
    }
};

QTEST_MAIN(TestFastRecompile)
#include "tst_fastrecompile.moc"
