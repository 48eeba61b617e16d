// The compile service builds what Overleaf builds, with the real latexmk and TeX Live:
// the built-in rules (nomenclature, glossaries, index, multibib, bibtopic, bib2gls), TeX Live's restricted shell
// escape (EPS figures), full shell escape only when the request carries the local
// user's choice, and the XeLaTeX, LuaLaTeX and upLaTeX engines (Japanese text).
#include "compile/builtinrules.h"
#include "compile/compiler.h"
#include "compile/latexmkrunner.h"
#include "compile/logparser.h"

#include "pdftext.h"
#include "testproject.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace coauthor::compile;
using namespace coauthor::compile::test;

namespace {

// A project of tests/compile/data/NAME, every file as a resource read from disk.
CompileRequest requestFromData(const QString &projectId, const QString &folder, const QString &root)
{
    CompileRequest request = makeRequest(projectId, {}, root);
    const QDir base(QStringLiteral(COAUTHOR_COMPILE_DATA_DIR "/") + folder);
    QDirIterator it(base.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        request.resources.append({base.relativeFilePath(path), QByteArray(), path});
    }
    return request;
}

QString describe(const CompileResult &result)
{
    return statusName(result.status) + QLatin1String(": ") + result.message + u'\n'
        + QString::fromUtf8(result.stdOut.right(3000));
}

QString logText(const CompileResult &result)
{
    QFile log(result.logPath);
    return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
}

} // namespace

class TestBuildsLikeOverleaf : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_cache.isValid()); }

    // latexmk reads the service's rules with -r right after -norc: before every option,
    // so those still win, and never a project's latexmkrc.
    void theBuiltInRulesComeRightAfterNoRc()
    {
        const QStringList args = LatexmkRunner::arguments(QStringLiteral("main.tex"), CompileOptions(),
                                                          QStringLiteral("/cache/p/coauthor.latexmkrc"));
        QCOMPARE(args.mid(0, 3), (QStringList{QStringLiteral("-norc"), QStringLiteral("-r"),
                                              QStringLiteral("/cache/p/coauthor.latexmkrc")}));
        QVERIFY(args.contains(QStringLiteral("-shell-restricted")));
        QVERIFY(!args.contains(QStringLiteral("-shell-escape")));
        const QString rules = BuiltInRules::text(CompileOptions());
        QVERIFY(rules.contains(QLatin1String("add_cus_dep('nlo', 'nls'")));
        QVERIFY(!rules.contains(QLatin1String("'makeglossaries'"))); // it builds a shell command from the .aux
        QVERIFY(!rules.contains(QLatin1String("bib2gls"))); // not in TeX Live's safe list
    }

    // A thesis: nomenclature, a glossary and acronyms, an index, an EPS figure and bibtex,
    // every part in the PDF's text.
    void aThesisBuildsWithNomenclatureGlossaryIndexEpsAndBibliography()
    {
        Compiler compiler(m_cache.path());
        const CompileResult result
            = compiler.run(requestFromData(QStringLiteral("thesis"), QStringLiteral("thesis"), QStringLiteral("main.tex")));
        QVERIFY2(result.status == CompileStatus::Success && result.message.isEmpty(), qPrintable(describe(result)));
        const QString text = pdfText(result.pdfPath);
        QVERIFY2(text.contains(QLatin1String("Nomenclature")) && text.contains(QLatin1String("thermal transport rate")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("a space that is locally Euclidean")), qPrintable(text)); // glossary
        QVERIFY2(text.contains(QLatin1String("Acronyms")) && text.contains(QLatin1String("PDE partial differential equation")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Index")) && text.contains(QLatin1String("Galerkin projection, 1")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("describes [1]")) && text.contains(QLatin1String("The TEXbook")),
                 qPrintable(text));
        // The EPS figure went through repstopdf (restricted shell escape): its own text is in the PDF.
        QVERIFY2(text.contains(QLatin1String("EPSLABEL converted")), qPrintable(text));
        QVERIFY(!logText(result).contains(QLatin1String("Shell escape feature is not enabled")));
        for (const LogEntry &entry : LogParser::parseBuild(result))
            QVERIFY2(entry.level != LogEntry::Level::Error, qPrintable(entry.message));
    }

    // minted's way of running a program: \write18 with a shell command. It runs with the
    // request's full shell escape, which only the local user's choice sets, and never without.
    void fullShellEscapeRunsWrite18_restrictedDoesNot()
    {
        QTemporaryDir marks;
        QVERIFY(marks.isValid());
        const QByteArray mark = marks.filePath(QStringLiteral("minted-ran")).toUtf8();
        CompileRequest request = makeRequest(
            QStringLiteral("minted"),
            {{QStringLiteral("main.tex"), "\\documentclass{article}\n\\begin{document}\n"
                                          "\\immediate\\write18{touch " + mark + "}\nText.\n\\end{document}\n"}});
        Compiler compiler(m_cache.path());
        CompileResult result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        QVERIFY(!QFile::exists(QString::fromUtf8(mark)));

        request.options.shellEscape = ShellEscape::Full;
        result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        QVERIFY(QFile::exists(QString::fromUtf8(mark)));
    }

    // multibib: \newcites{sec} writes sec.aux, which needs its own bibtex run; both
    // bibliographies' entries are in the PDF.
    void aMultibibDocumentBuildsBothBibliographies()
    {
        const QString text = compileData(QStringLiteral("multibib"));
        QVERIFY2(text.contains(QLatin1String("Primary [1]. Secondary [2].")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("References [1] Donald Knuth. The TEXbook")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Secondary Sources [2] Leslie Lamport. A Document Preparation System")),
                 qPrintable(text));
    }

    // bibtopic: each btSect has its own database and aux file (output1.aux, output2.aux).
    void aBibtopicDocumentBuildsEverySection()
    {
        const QString text = compileData(QStringLiteral("bibtopic"));
        QVERIFY2(text.contains(QLatin1String("Books [1]; papers [2].")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Books [1] Donald Knuth. The TEXbook")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Papers [2] Alan Turing. On computable numbers")), qPrintable(text));
    }

    // bib2gls runs where the local user allowed full shell escape (never by default: it is
    // not in TeX Live's safe list), and again when a .bib file it read changes.
    void bib2glsBuildsTheGlossaryWithFullShellEscapeAndRerunsWhenItsBibChanges()
    {
        if (!BuiltInRules::bib2glsInstalled())
            QSKIP("bib2gls (texlive-bibtex-extra) and java are not both installed");
        CompileOptions full;
        full.shellEscape = ShellEscape::Full;
        QVERIFY(BuiltInRules::text(full).contains(QLatin1String("add_cus_dep('aux', 'glstex'")));

        CompileRequest request = requestFromData(QStringLiteral("bib2gls"), QStringLiteral("bib2gls"), QStringLiteral("main.tex"));
        Compiler compiler(m_cache.path());
        CompileResult result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        QVERIFY2(!pdfText(result.pdfPath).contains(QLatin1String("locally Euclidean")), "bib2gls ran without shell escape");
        // Not silently: the problems say the glossary needs bib2gls and full shell escape.
        const QList<LogEntry> problems = LogParser::parseBuild(result);
        QVERIFY(std::any_of(problems.begin(), problems.end(), [](const LogEntry &entry) {
            return entry.message.contains(QLatin1String("output.glstex")) && entry.hint == LogHint::Bib2glsNeedsFullShellEscape;
        }));

        request.options.shellEscape = ShellEscape::Full;
        result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        QString text = pdfText(result.pdfPath);
        QVERIFY2(text.contains(QLatin1String("manifold a space that is locally Euclidean 1")), qPrintable(text));
        const QList<LogEntry> built = LogParser::parseBuild(result);
        QVERIFY(std::none_of(built.begin(), built.end(),
                             [](const LogEntry &entry) { return entry.message.contains(QLatin1String("glstex")) || entry.hint != LogHint::None; }));
        QVERIFY2(text.contains(QLatin1String("tensor a multilinear map between vector spaces 1")), qPrintable(text));

        QFile bib(QStringLiteral(COAUTHOR_COMPILE_DATA_DIR "/bib2gls/terms.bib"));
        QVERIFY(bib.open(QIODevice::ReadOnly));
        const QByteArray edited = bib.readAll().replace("locally Euclidean", "locally flat");
        for (Resource &resource : request.resources) {
            if (resource.path == QLatin1String("terms.bib"))
                resource = {resource.path, edited, QString()};
        }
        request.syncType = SyncType::Incremental; // latexmk decides what to rerun
        result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        text = pdfText(result.pdfPath);
        QVERIFY2(text.contains(QLatin1String("manifold a space that is locally flat 1")), qPrintable(text));
    }

    void japaneseWithLuaLaTeXJa()
    {
        compileAndFind(Engine::LuaLaTeX, QStringLiteral("lualatex-ja.tex"), QStringLiteral("これは日本語の文書です"));
    }

    void japaneseWithUpLaTeX()
    {
        compileAndFind(Engine::UpLaTeX, QStringLiteral("uplatex-ja.tex"), QStringLiteral("これは日本語の文書です"));
    }

    void xeLaTeXWithFontspec()
    {
        compileAndFind(Engine::XeLaTeX, QStringLiteral("xelatex-fontspec.tex"),
                       QStringLiteral("Typeset by XeTeX with fontspec."));
    }

private:
    // The PDF text of tests/compile/data/folder/main.tex, built with no error.
    QString compileData(const QString &folder)
    {
        Compiler compiler(m_cache.path());
        const CompileResult result = compiler.run(requestFromData(folder, folder, QStringLiteral("main.tex")));
        if (result.status != CompileStatus::Success || !result.message.isEmpty())
            return describe(result);
        for (const LogEntry &entry : LogParser::parseBuild(result)) {
            if (entry.level == LogEntry::Level::Error)
                return entry.message;
        }
        return pdfText(result.pdfPath);
    }

    void compileAndFind(Engine engine, const QString &root, const QString &expected)
    {
        if (QStandardPaths::findExecutable(engineName(engine)).isEmpty())
            QFAIL(qPrintable(engineName(engine) + QLatin1String(" is needed (./dev.sh installs it)")));
        CompileRequest request = requestFromData(engineName(engine), QStringLiteral("engines"), root);
        request.options.engine = engine;
        request.options.timeoutSeconds = 170;
        Compiler compiler(m_cache.path());
        const CompileResult result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success && result.message.isEmpty(), qPrintable(describe(result)));
        const QString text = pdfText(result.pdfPath).remove(u' ');
        QVERIFY2(text.contains(QString(expected).remove(u' ')), qPrintable(text));
    }

    QTemporaryDir m_cache;
};

QTEST_MAIN(TestBuildsLikeOverleaf)
#include "tst_buildslikeoverleaf.moc"
