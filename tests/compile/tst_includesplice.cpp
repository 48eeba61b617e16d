// Incremental compiles that typeset only the edited \include and splice its pages into the
// last complete build (IncludeSplice, spliceOutputs), with the real TeX Live: the spliced
// PDF has the page count and text a latexmk compile of the same edits gives (biblatex with
// biber, \cref across chapters, \SI, hyperref, twoside/openright blank pages; bibtex); an
// edit that changes a label falls back to the whole document; an edit of main.tex does not
// splice; SyncTeX on a spliced page lands in the edited chapter.
#include "compile/compiler.h"
#include "compile/logparser.h"
#include "compile/sandbox.h"
#include "compile/synctex.h"

#include "pdftext.h"
#include "testproject.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::compile;
using namespace coauthor::compile::test;

namespace {

using Strategy = Compiler::RecompileStrategy;
using Edits = QList<QPair<QString, QByteArray>>;

QString describe(const CompileResult &result)
{
    QString lines;
    for (const QByteArray &line : result.stdOut.split('\n')) {
        if (line.startsWith("Coauthor:") || line.startsWith("Latexmk: Errors"))
            lines += QString::fromUtf8(line.left(240)) + u'\n';
    }
    return statusName(result.status) + QLatin1String(": ") + result.message + u'\n' + lines;
}

bool spliced(const CompileResult &result)
{
    return result.stdOut.contains("Coauthor: spliced ");
}

struct Step
{
    CompileResult result;
    QString text;
    int pages = 0;
};

const QByteArray bib = "@book{knuth84, author={Donald E. Knuth}, title={The {\\TeX}book}, publisher={Addison-Wesley}, year={1984}}\n"
                       "@book{lamport94, author={Leslie Lamport}, title={A Document Preparation System}, "
                       "publisher={Addison-Wesley}, year={1994}}\n";

QByteArray chapter(const QByteArray &title, const QByteArray &label, const QByteArray &body)
{
    QByteArray text = "\\chapter{" + title + "}\\label{" + label + "}\n" + body + "\n";
    for (int i = 0; i < 12; ++i)
        text += "Filler paragraph " + QByteArray::number(i) + " of " + title
            + " with enough words to fill some of the page, so that the chapter takes more than one page in all. "
              "It goes on a while longer, as a thesis paragraph does.\n\n";
    return text;
}

// A thesis-like project: biblatex (biber), \cref across chapters, \SI, hyperref, twoside.
QMap<QString, QByteArray> thesis(const QByteArray &two = "Chapter two measures \\SI{3.5}{\\metre} as in \\cite{knuth84}.")
{
    return {{QStringLiteral("main.tex"),
             "\\documentclass[twoside,openright]{report}\n\\usepackage{siunitx}\n"
             "\\usepackage[backend=biber,style=numeric]{biblatex}\n\\addbibresource{refs.bib}\n"
             "\\usepackage{hyperref}\n\\usepackage{cleveref}\n\\begin{document}\n\\tableofcontents\n"
             "\\include{chapters/one}\n\\include{chapters/two}\n\\include{chapters/three}\n"
             "\\printbibliography\n\\end{document}\n"},
            {QStringLiteral("refs.bib"), bib},
            {QStringLiteral("chapters/one.tex"),
             chapter("One", "ch:one", "Chapter one points to \\cref{sec:three} and \\cite{lamport94}. Also \\ref{nowhere}.")},
            {QStringLiteral("chapters/two.tex"), chapter("Two", "ch:two", two)},
            {QStringLiteral("chapters/three.tex"),
             chapter("Three", "ch:three", "\\section{Three}\\label{sec:three}Back to \\cref{ch:two}, \\SI{12}{\\kilo\\gram}.")}};
}

} // namespace

class TestIncludeSplice : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_cache;

    QList<Step> compileWithEdits(Strategy strategy, const QString &projectId, const QMap<QString, QByteArray> &docs,
                                 const Edits &edits)
    {
        Compiler compiler(m_cache.path());
        compiler.setRecompileStrategy(strategy);
        CompileRequest request = makeRequest(projectId, docs);
        QList<Step> steps;
        const auto compile = [&] {
            const CompileResult result = compiler.run(request);
            steps.append({result, pdfText(result.pdfPath), pdfPageCount(result.pdfPath)});
            if (result.status == CompileStatus::Success && !result.synctexPath.isEmpty()) {
                // The build's SyncTeX is checked while the build is there (later compiles prune it).
                steps.last().result.synctexPath = result.synctexPath;
            }
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

    // The same edits through latexmk and through the fast path: the same PDF at every step.
    QList<Step> compareWithLatexmk(const QString &name, const QMap<QString, QByteArray> &docs, const Edits &edits)
    {
        const QList<Step> slow = compileWithEdits(Strategy::Latexmk, name + QLatin1String("-latexmk"), docs, edits);
        const QList<Step> fast = compileWithEdits(Strategy::EngineWithFormat, name + QLatin1String("-fast"), docs, edits);
        [&] {
            QCOMPARE(slow.size(), edits.size() + 1);
            QCOMPARE(fast.size(), slow.size());
            for (qsizetype i = 0; i < slow.size(); ++i) {
                QVERIFY2(slow[i].result.status == CompileStatus::Success, qPrintable(describe(slow[i].result)));
                QVERIFY2(fast[i].result.status == CompileStatus::Success, qPrintable(describe(fast[i].result)));
                QCOMPARE(fast[i].pages, slow[i].pages);
                QCOMPARE(fast[i].text, slow[i].text);
            }
        }();
        return fast;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cache.isValid());
        m_cache.setAutoRemove(qEnvironmentVariableIsEmpty("COAUTHOR_KEEP_PARTIAL_JOB"));
    }

    // Edits of chapter two: the first builds a base from the fast path, the next two splice
    // (the second into a spliced base); each reads as latexmk's build, blank pages included.
    void aChapterEditIsSplicedAndReadsAsAFullCompile()
    {
        const Edits edits{{QStringLiteral("chapters/two.tex"), thesis("Chapter two measures \\SI{4}{\\metre} as in \\cite{knuth84}.").value(QStringLiteral("chapters/two.tex"))},
                          {QStringLiteral("chapters/two.tex"), thesis("Chapter two weighs \\SI{5}{\\gram} as in \\cite{knuth84}.").value(QStringLiteral("chapters/two.tex"))},
                          {QStringLiteral("chapters/two.tex"), thesis("Chapter two weighs \\SI{6}{\\gram} (\\cite{knuth84}), see \\cref{sec:three}.").value(QStringLiteral("chapters/two.tex"))}};
        const QList<Step> fast = compareWithLatexmk(QStringLiteral("thesis"), thesis(), edits);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!spliced(fast[1].result), qPrintable(describe(fast[1].result)));
        QVERIFY2(spliced(fast[2].result), qPrintable(describe(fast[2].result)));
        QVERIFY2(spliced(fast[3].result), qPrintable(describe(fast[3].result)));
        QVERIFY2(fast[3].text.contains(QLatin1String("see section 3.1")), qPrintable(fast[3].text));
        QVERIFY(fast[3].text.contains(QLatin1String("A Document Preparation System")));
    }

    // Chapter one's undefined reference, found by the last complete build, is still among the
    // problems after chapter two alone was typeset and spliced (twice).
    void theOtherChaptersProblemsAreKept()
    {
        const QByteArray two = thesis().value(QStringLiteral("chapters/two.tex"));
        const Edits edits{{QStringLiteral("chapters/two.tex"), two + "A.\n"},
                          {QStringLiteral("chapters/two.tex"), two + "B.\n"},
                          {QStringLiteral("chapters/two.tex"), two + "C.\n"}};
        const QList<Step> fast = compileWithEdits(Strategy::EngineWithFormat, QStringLiteral("problems"), thesis(), edits);
        QCOMPARE(fast.size(), 4);
        for (int i : {2, 3}) {
            const CompileResult &result = fast[i].result;
            QVERIFY2(spliced(result), qPrintable(describe(result)));
            bool found = false;
            for (const LogEntry &entry : LogParser::parseBuild(result))
                found = found || (entry.file == QLatin1String("chapters/one.tex") && entry.message.contains(QLatin1String("nowhere")));
            QVERIFY2(found, qPrintable(QString::number(i)));
        }
    }

    // A new labelled section changes chapter two's .aux: the whole document is typeset.
    void anEditThatChangesALabelFallsBack()
    {
        const QByteArray two = thesis().value(QStringLiteral("chapters/two.tex"));
        const Edits edits{{QStringLiteral("chapters/two.tex"), two + "One more line.\n"},
                          {QStringLiteral("chapters/two.tex"), two + "One more line, changed.\n"},
                          {QStringLiteral("chapters/two.tex"), two + "\\section{Extra}\\label{sec:extra}See \\cref{sec:extra}.\n"}};
        const QList<Step> fast = compareWithLatexmk(QStringLiteral("label"), thesis(), edits);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(spliced(fast[2].result), qPrintable(describe(fast[2].result)));
        QVERIFY2(!spliced(fast[3].result) && fast[3].result.stdOut.contains("Coauthor: splice fallback: "),
                 qPrintable(describe(fast[3].result)));
        QVERIFY(fast[3].text.contains(QLatin1String("2.1 Extra")));
    }

    // An edit of main.tex (front matter) is never spliced, nor one that adds a definition.
    void anEditOfTheRootDocumentDoesNotSplice()
    {
        const QByteArray main = thesis().value(QStringLiteral("main.tex"));
        const Edits edits{{QStringLiteral("chapters/two.tex"), thesis().value(QStringLiteral("chapters/two.tex")) + "More.\n"},
                          {QStringLiteral("main.tex"), QByteArray(main).replace("\\tableofcontents", "Preface.\\tableofcontents")},
                          {QStringLiteral("chapters/two.tex"), thesis().value(QStringLiteral("chapters/two.tex"))
                               + "\\renewcommand{\\thesection}{S\\arabic{section}}\n"}};
        const QList<Step> fast = compareWithLatexmk(QStringLiteral("root"), thesis(), edits);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!spliced(fast[2].result) && fast[2].result.stdOut.contains("Coauthor: no splice: main.tex is not an \\include'd chapter"),
                 qPrintable(describe(fast[2].result)));
        // A definition added in chapter two changes chapter three's numbers: not spliced either.
        QVERIFY2(!spliced(fast[3].result) && fast[3].result.stdOut.contains("changes a definition or setting"),
                 qPrintable(describe(fast[3].result)));
        QVERIFY(fast[3].text.contains(QLatin1String("S1 Three")));
    }

    // bibtex instead of biber, article-like report without twoside.
    void aBibtexDocumentSplicesAsWell()
    {
        QMap<QString, QByteArray> docs{
            {QStringLiteral("main.tex"), "\\documentclass{report}\n\\usepackage{hyperref}\n\\begin{document}\n\\tableofcontents\n"
                                         "\\include{a}\n\\include{b}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n"},
            {QStringLiteral("refs.bib"), bib},
            {QStringLiteral("a.tex"), chapter("Alpha", "ch:a", "See \\ref{ch:b} and \\cite{knuth84}.")},
            {QStringLiteral("b.tex"), chapter("Beta", "ch:b", "Back to \\ref{ch:a}, \\cite{lamport94}.")}};
        const QByteArray b = docs.value(QStringLiteral("b.tex"));
        const Edits edits{{QStringLiteral("b.tex"), QByteArray(b).replace("Back to", "Return to")},
                          {QStringLiteral("b.tex"), QByteArray(b).replace("Back to", "Go back to")}};
        const QList<Step> fast = compareWithLatexmk(QStringLiteral("bibtex"), docs, edits);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(spliced(fast[2].result), qPrintable(describe(fast[2].result)));
        QVERIFY(fast[2].text.contains(QLatin1String("Go back to 1")));
    }

    // In the workers' sandbox (Sandbox/Confinement, as the other fast-path processes): the
    // partial pass and its pdftotext run confined, and the splice reads as latexmk's build.
    void aSpliceInTheSandboxReadsAsAFullCompile()
    {
        const QString reason = Sandbox::unavailableReason();
        if (!reason.isEmpty())
            QSKIP(qPrintable(reason));
        const QByteArray two = thesis().value(QStringLiteral("chapters/two.tex"));
        const Edits edits{{QStringLiteral("chapters/two.tex"), two + "A.\n"},
                          {QStringLiteral("chapters/two.tex"), two + "B.\n"},
                          {QStringLiteral("chapters/two.tex"), two + "Sandboxed C.\n"}};
        const QList<Step> slow = compileWithEdits(Strategy::Latexmk, QStringLiteral("sandbox-latexmk"), thesis(), edits);
        Compiler compiler(m_cache.filePath(QStringLiteral("sandboxed")));
        compiler.setSandbox(std::make_shared<Sandbox>());
        compiler.setRecompileStrategy(Strategy::EngineWithFormat);
        CompileRequest request = makeRequest(QStringLiteral("sandbox"), thesis());
        QCOMPARE(compiler.run(request).status, CompileStatus::Success);
        request.syncType = SyncType::Incremental;
        QCOMPARE(slow.size(), edits.size() + 1);
        for (qsizetype i = 0; i < edits.size(); ++i) {
            setDoc(request, edits[i].first, edits[i].second);
            const CompileResult result = compiler.run(request);
            QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
            if (i >= 1)
                QVERIFY2(spliced(result), qPrintable(describe(result)));
            QCOMPARE(pdfPageCount(result.pdfPath), slow[i + 1].pages);
            QCOMPARE(pdfText(result.pdfPath), slow[i + 1].text);
        }
    }

    // Forward search of the edited line lands on a spliced page, and the inverse search of
    // that page comes back to the edited chapter.
    void syncTexOnASplicedPageLandsInTheEditedChapter()
    {
        const Edits edits{{QStringLiteral("chapters/two.tex"), thesis("Chapter two, first edit, \\cite{knuth84}.").value(QStringLiteral("chapters/two.tex"))},
                          {QStringLiteral("chapters/two.tex"), thesis("Chapter two, next edit, \\cite{knuth84}.").value(QStringLiteral("chapters/two.tex"))},
                          {QStringLiteral("chapters/two.tex"), thesis("Chapter two, second edit, \\cite{knuth84}.").value(QStringLiteral("chapters/two.tex"))}};
        Compiler compiler(m_cache.path());
        compiler.setRecompileStrategy(Strategy::EngineWithFormat);
        CompileRequest request = makeRequest(QStringLiteral("synctex"), thesis());
        QCOMPARE(compiler.run(request).status, CompileStatus::Success);
        request.syncType = SyncType::Incremental;
        CompileResult result;
        for (const auto &edit : edits) {
            setDoc(request, edit.first, edit.second);
            result = compiler.run(request);
            QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        }
        QVERIFY2(spliced(result), qPrintable(describe(result) + QString::fromUtf8(result.stdOut.left(3000))));
        const SyncTex sync(result.pdfPath);
        QVERIFY(sync.isValid());
        const QList<SyncTex::PdfBox> boxes = sync.forward(QStringLiteral("chapters/two.tex"), 2);
        QVERIFY(!boxes.isEmpty());
        const std::unique_ptr<Poppler::Document> document = Poppler::Document::load(result.pdfPath);
        QVERIFY(document);
        const std::unique_ptr<Poppler::Page> page = document->page(boxes.first().page - 1);
        QVERIFY(page);
        QVERIFY2(page->text(QRectF()).contains(QLatin1String("second edit")),
                 qPrintable(QStringLiteral("page %1: %2").arg(boxes.first().page).arg(page->text(QRectF()).left(200))));
        const auto back = sync.inverse(boxes.first().page, boxes.first().rect.center());
        QVERIFY(back.has_value());
        QVERIFY2(back->file.endsWith(QLatin1String("chapters/two.tex")), qPrintable(back->file));
    }
};

QTEST_GUILESS_MAIN(TestIncludeSplice)
#include "tst_includesplice.moc"
