// Compiler end to end with the real latexmk and TeX Live: multi-file projects,
// bibliographies, images, errors, timeouts, shell escape, path safety, incremental
// sync, conflicts, build pruning and the busy guard.
#include "compile/compilemodepolicy.h"
#include "compile/compiler.h"
#include "compile/latexmkrunner.h"
#include "compile/logparser.h"
#include "compile/sandbox.h"

#include "pdftext.h"
#include "testproject.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::compile;
using namespace coauthor::compile::test;

namespace {

bool hasEntry(const QList<LogEntry> &entries, LogEntry::Level level, const QString &file, int line, const QString &part)
{
    for (const LogEntry &entry : entries) {
        if (entry.level == level && entry.file == file && entry.line == line && entry.message.contains(part))
            return true;
    }
    return false;
}

// Processes whose working directory is dir or below it (Linux /proc), as "pid name".
QStringList processesIn(const QString &dir)
{
    QStringList found;
    const QDir proc(QStringLiteral("/proc"));
    for (const QString &pid : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        pid.toLongLong(&numeric);
        if (!numeric)
            continue;
        // A deleted directory reads as "PATH (deleted)".
        const QString cwd = QFileInfo(proc.filePath(pid + QLatin1String("/cwd"))).symLinkTarget();
        if (cwd == dir || cwd.startsWith(dir + u'/') || cwd.startsWith(dir + QLatin1String(" ("))) {
            QFile comm(proc.filePath(pid + QLatin1String("/comm")));
            found << pid + u' ' + QString::fromLocal8Bit(comm.open(QIODevice::ReadOnly) ? comm.readAll().trimmed() : QByteArray());
        }
    }
    return found;
}

QString describe(const CompileResult &result)
{
    return statusName(result.status) + QLatin1String(": ") + result.message + u'\n' + QString::fromUtf8(result.stdOut.right(2000));
}

// What a user sees of a compile, read before a later compile prunes its build.
struct Outcome
{
    CompileStatus status = CompileStatus::Error;
    QString message;
    bool pdf = false;
    bool log = false;
    bool synctex = false;
    QString text;
    QStringList errors;
    QString transcript;
};

Outcome outcomeOf(const CompileResult &result)
{
    Outcome outcome{result.status, result.message, !result.pdfPath.isEmpty(), QFileInfo::exists(result.logPath),
                    QFileInfo::exists(result.synctexPath), result.pdfPath.isEmpty() ? QString() : pdfText(result.pdfPath),
                    {}, describe(result)};
    for (const LogEntry &entry : LogParser::parseBuild(result)) {
        if (entry.level == LogEntry::Level::Error)
            outcome.errors << QStringLiteral("%1:%2 %3").arg(entry.file).arg(entry.line).arg(entry.message);
    }
    return outcome;
}

} // namespace

class TestCompiler : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_cache;
    QTemporaryDir m_files;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cache.isValid());
        if (!LatexmkRunner_available())
            QFAIL("latexmk and pdflatex are needed (./dev.sh installs them)");
    }

    void multiFileWithBibtexAndImage_thenIncrementalConflictAndPruning()
    {
        QImage image(64, 32, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        const QString png = m_files.filePath(QStringLiteral("figure.png"));
        QVERIFY(image.save(png));

        CompileRequest request = makeRequest(
            QStringLiteral("multi"),
            {{QStringLiteral("main.tex"),
              "\\documentclass{article}\n\\usepackage{graphicx}\n\\begin{document}\n"
              "\\input{sub/intro}\n\\include{chapters/one}\n"
              "\\includegraphics[width=2cm]{images/figure.png}\n"
              "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n"},
             {QStringLiteral("sub/intro.tex"), "Introduction alpha, citing \\cite{knuth84}.\n"},
             {QStringLiteral("chapters/one.tex"), "\\section{First}\\label{sec:one}\nChapter one beta, see \\ref{sec:one}.\n"},
             {QStringLiteral("refs.bib"),
              "@book{knuth84, author={Donald E. Knuth}, title={The {\\TeX}book}, publisher={Addison-Wesley}, year={1984}}\n"}});
        request.resources.append({QStringLiteral("images/figure.png"), QByteArray(), png});

        Compiler compiler(m_cache.path());
        CompileResult result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]+-[0-9a-f]{16}$")).match(result.buildId).hasMatch());
        QVERIFY(result.pdfPath.startsWith(result.buildDir));
        QVERIFY(QFileInfo(result.pdfPath).size() > 0);
        QVERIFY(QFile::exists(result.logPath));
        QVERIFY(QFile::exists(result.synctexPath));
        QString text = pdfText(result.pdfPath);
        QVERIFY2(text.contains(QLatin1String("Introduction alpha")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Chapter one beta, see 1.")));
        QVERIFY2(text.contains(QLatin1String("The TEXbook")), qPrintable(text)); // bibliography resolved
        QVERIFY(!text.contains(QLatin1String("[?]")));
        for (const LogEntry &entry : LogParser::parseBuild(result))
            QVERIFY2(entry.level != LogEntry::Level::Error, qPrintable(entry.message));
        QStringList builds{result.buildId};

        // Incremental after a one-line change: the new text, written alone.
        setDoc(request, QStringLiteral("sub/intro.tex"), "Introduction gamma, citing \\cite{knuth84}.\n");
        request.syncType = SyncType::Incremental;
        result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        text = pdfText(result.pdfPath);
        QVERIFY2(text.contains(QLatin1String("Introduction gamma")), qPrintable(text));
        QVERIFY(!text.contains(QLatin1String("alpha")));
        QVERIFY(text.contains(QLatin1String("The TEXbook")));
        builds << result.buildId;

        // A renamed file: the incremental sync refuses, a full one works.
        CompileRequest renamed = request;
        for (Resource &resource : renamed.resources) {
            if (resource.path == QLatin1String("chapters/one.tex"))
                resource.path = QStringLiteral("chapters/first.tex");
        }
        for (Resource &resource : renamed.resources) {
            if (resource.path == QLatin1String("main.tex"))
                resource.content.replace("chapters/one", "chapters/first");
        }
        result = compiler.run(renamed);
        QCOMPARE(result.status, CompileStatus::Conflict);
        QVERIFY(result.buildId.isEmpty());
        renamed.syncType = SyncType::Full;
        result = compiler.run(renamed);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        QVERIFY(pdfText(result.pdfPath).contains(QLatin1String("Chapter one beta")));
        builds << result.buildId;

        // A fourth build: only the newest three remain.
        setDoc(renamed, QStringLiteral("sub/intro.tex"), "Introduction delta.\n");
        renamed.syncType = SyncType::Incremental;
        result = compiler.run(renamed);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        builds << result.buildId;
        QStringList kept = QDir(QFileInfo(result.buildDir).path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        kept.sort();
        QCOMPARE(kept, builds.mid(1));
        QVERIFY(pdfText(result.pdfPath).contains(QLatin1String("Introduction delta")));
    }

    void biblatexWithBiber()
    {
        const CompileRequest request = makeRequest(
            QStringLiteral("biber"),
            {{QStringLiteral("main.tex"),
              "\\documentclass{article}\n\\usepackage[backend=biber]{biblatex}\n\\addbibresource{refs.bib}\n"
              "\\begin{document}\nAs shown by \\cite{lamport94}.\n\\printbibliography\n\\end{document}\n"},
             {QStringLiteral("refs.bib"),
              "@book{lamport94, author={Leslie Lamport}, title={A Document Preparation System}, "
              "publisher={Addison-Wesley}, year={1994}}\n"}});
        Compiler compiler(m_cache.path());
        const CompileResult result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        const QString text = pdfText(result.pdfPath);
        QVERIFY2(text.contains(QLatin1String("A Document Preparation System")), qPrintable(text));
        QVERIFY(QFile::exists(result.buildDir + QLatin1String("/output.blg")));
    }

    void errorInSubFileAndUndefinedReference()
    {
        CompileRequest request = makeRequest(
            QStringLiteral("errors"),
            {{QStringLiteral("main.tex"),
              "\\documentclass{article}\n\\begin{document}\nSee \\ref{nowhere}.\n\\input{sub/chapter}\n\\end{document}\n"},
             {QStringLiteral("sub/chapter.tex"), "First line.\nSecond line.\n\\undefinedmacro\nFourth.\n"}});
        Compiler compiler(m_cache.path());
        CompileResult result = compiler.run(request);
        // batchmode with -f still makes a PDF; the errors are in the log.
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        const QList<LogEntry> entries = LogParser::parseBuild(result);
        QVERIFY(hasEntry(entries, LogEntry::Level::Error, QStringLiteral("sub/chapter.tex"), 3,
                         QStringLiteral("Undefined control sequence \\undefinedmacro")));
        QVERIFY(hasEntry(entries, LogEntry::Level::Warning, QStringLiteral("main.tex"), 3, QStringLiteral("Reference `nowhere'")));

        request.options.stopOnFirstError = true;
        result = compiler.run(request);
        QCOMPARE(result.status, CompileStatus::StoppedOnFirstError);
        QVERIFY(QFile::exists(result.logPath));
        QVERIFY(hasEntry(LogParser::parseBuild(result), LogEntry::Level::Error, QStringLiteral("sub/chapter.tex"), 3,
                         QStringLiteral("Undefined control sequence \\undefinedmacro")));
        QVERIFY(!QFileInfo::exists(result.compileDir)); // a failed compile leaves no cache
    }

    // "! LaTeX Error: File `foo.sty' not found." has no line in the log: it is reported at
    // the line of the \\usepackage naming it, in a subfile too, as one error (the batch
    // mode's "Emergency stop." that follows is part of it).
    void aMissingPackageIsReportedAtItsUsepackageLine()
    {
        // A project on disk: a failed compile's directory is gone, the project's sources are not.
        QTemporaryDir project;
        QVERIFY(project.isValid());
        const QMap<QString, QByteArray> docs{
            {QStringLiteral("main.tex"), "\\documentclass{article}\n\\input{preamble}\n\\begin{document}\nText.\n\\end{document}\n"},
            {QStringLiteral("preamble.tex"), "% \\usepackage{nosuchpackage}\n\\usepackage{amsmath}\n\\usepackage[opt]{graphicx,\n  nosuchpackage}\n"}};
        CompileRequest request = makeRequest(QStringLiteral("missingpackage"), {});
        for (auto it = docs.begin(); it != docs.end(); ++it) {
            QFile file(project.filePath(it.key()));
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write(it.value()) == it.value().size());
            request.resources.append({it.key(), QByteArray(), file.fileName()});
        }
        Compiler compiler(m_cache.path());
        const CompileResult result = compiler.run(request);
        QCOMPARE(result.status, CompileStatus::Failure);
        const QList<LogEntry> entries = LogParser::parseBuild(result, project.path());
        QVERIFY2(hasEntry(entries, LogEntry::Level::Error, QStringLiteral("preamble.tex"), 4,
                          QStringLiteral("File `nosuchpackage.sty' not found.")),
                 qPrintable(describe(result)));
        for (const LogEntry &entry : entries)
            QVERIFY2(!entry.message.contains(QLatin1String("Emergency stop")), qPrintable(entry.message));
    }

    void noPdfIsAFailure()
    {
        const CompileRequest request = makeRequest(
            QStringLiteral("failure"),
            {{QStringLiteral("main.tex"), "\\documentclass{article}\n\\usepackage{nosuchpackage}\n\\begin{document}\nx\n\\end{document}\n"}});
        Compiler compiler(m_cache.path());
        const CompileResult result = compiler.run(request);
        QCOMPARE(result.status, CompileStatus::Failure);
        QVERIFY(result.pdfPath.isEmpty());
        QVERIFY(hasEntry(LogParser::parseBuild(result), LogEntry::Level::Error, QStringLiteral("main.tex"), 0,
                         QStringLiteral("nosuchpackage.sty' not found")));
        QVERIFY(!QFileInfo::exists(result.compileDir));
    }

    // Compile (as the app and the workers do: the sync type from CompileModePolicy) a
    // project with an error, then again unchanged, twice: every compile gives what the
    // first gave. Before, the second found latexmk's database saying its pass had failed
    // on these very sources, so latexmk ran nothing ("All targets () are up-to-date"),
    // and the PDF the Compiler removes before each run was gone: a Failure without a PDF.
    void anUnchangedProjectWithAnErrorCompilesAgainAsItDidTheFirstTime_data()
    {
        QTest::addColumn<Compiler::RecompileStrategy>("strategy");
        QTest::addColumn<bool>("afterAGoodBuild");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("pdf");
        QTest::addColumn<Engine>("engine");
        QTest::addColumn<bool>("sandboxed");
        const QList<QPair<const char *, Compiler::RecompileStrategy>> strategies{
            {"latexmk", Compiler::RecompileStrategy::Latexmk},
            {"engine", Compiler::RecompileStrategy::Engine},
            {"format", Compiler::RecompileStrategy::EngineWithFormat}};
        const QByteArray undefined = "\\documentclass{article}\n\\begin{document}\nBroken \\undefinedmacro.\n\\end{document}\n";
        const QByteArray missing = "\\documentclass{article}\n\\usepackage{nosuchpackage}\n\\begin{document}\nx\n\\end{document}\n";
        for (const auto &[name, strategy] : strategies) {
            for (const bool afterAGoodBuild : {false, true}) {
                const QByteArray prefix = QByteArray(name) + (afterAGoodBuild ? " after a good build" : "");
                QTest::newRow(QByteArray(prefix + " undefined macro (a PDF)").constData())
                    << strategy << afterAGoodBuild << undefined << true << Engine::PdfLaTeX << false;
                QTest::newRow(QByteArray(prefix + " missing package (no PDF)").constData())
                    << strategy << afterAGoodBuild << missing << false << Engine::PdfLaTeX << false;
            }
        }
        // xdvipdfmx makes the PDF, xelatex the SyncTeX file: without the fix the PDF came back alone.
        QTest::newRow("latexmk xelatex undefined macro (a PDF)")
            << Compiler::RecompileStrategy::Latexmk << false << undefined << true << Engine::XeLaTeX << false;
        // The compile workers: latexmk and the engine inside the sandbox.
        QTest::newRow("sandboxed latexmk undefined macro (a PDF)")
            << Compiler::RecompileStrategy::Latexmk << false << undefined << true << Engine::PdfLaTeX << true;
        QTest::newRow("sandboxed format after a good build undefined macro (a PDF)")
            << Compiler::RecompileStrategy::EngineWithFormat << true << undefined << true << Engine::PdfLaTeX << true;
    }

    void anUnchangedProjectWithAnErrorCompilesAgainAsItDidTheFirstTime()
    {
        QFETCH(Compiler::RecompileStrategy, strategy);
        QFETCH(bool, afterAGoodBuild);
        QFETCH(QByteArray, body);
        QFETCH(bool, pdf);
        QFETCH(Engine, engine);
        QFETCH(bool, sandboxed);
        if (sandboxed && !Sandbox::unavailableReason().isEmpty())
            QSKIP(qPrintable(Sandbox::unavailableReason()));
        Compiler compiler(m_cache.path());
        compiler.setRecompileStrategy(strategy);
        if (sandboxed)
            compiler.setSandbox(std::make_shared<Sandbox>());
        CompileModePolicy policy;
        const QString projectId = QStringLiteral("again-")
            + QString::fromLatin1(QTest::currentDataTag()).replace(QRegularExpression(QStringLiteral("[^A-Za-z]+")), QStringLiteral("-"));
        CompileRequest request = makeRequest(
            projectId, {{QStringLiteral("main.tex"), "\\documentclass{article}\n\\begin{document}\nGood.\n\\end{document}\n"}});
        request.options.engine = engine;
        const auto compile = [&] {
            request.syncType = policy.nextSyncType();
            const CompileResult result = compiler.run(request);
            policy.recordResult(result.status);
            return outcomeOf(result);
        };
        if (afterAGoodBuild) {
            const Outcome good = compile();
            QVERIFY2(good.status == CompileStatus::Success && good.errors.isEmpty(), qPrintable(good.transcript));
        }
        setDoc(request, QStringLiteral("main.tex"), body);
        const Outcome first = compile();
        QVERIFY2(first.status == (pdf ? CompileStatus::Success : CompileStatus::Failure), qPrintable(first.transcript));
        QCOMPARE(first.pdf, pdf);
        QVERIFY(first.log);
        QVERIFY(!first.errors.isEmpty());
        for (int again = 1; again <= 2; ++again) {
            const Outcome next = compile();
            QVERIFY2(next.status == first.status, qPrintable(QStringLiteral("compile %1 again: %2").arg(again).arg(next.transcript)));
            QCOMPARE(next.message, first.message);
            QCOMPARE(next.pdf, first.pdf);
            QCOMPARE(next.synctex, first.synctex);
            QCOMPARE(next.text, first.text);
            QVERIFY(next.log);
            QCOMPARE(next.errors, first.errors);
        }
    }

    void infiniteLoopTimesOut()
    {
        CompileRequest request = makeRequest(
            QStringLiteral("loop"),
            {{QStringLiteral("main.tex"), "\\documentclass{article}\n\\begin{document}\n\\def\\x{\\x}\\x\n\\end{document}\n"}});
        request.options.timeoutSeconds = 4;
        Compiler compiler(m_cache.path());
        QElapsedTimer timer;
        timer.start();
        const CompileResult result = compiler.run(request);
        QCOMPARE(result.status, CompileStatus::TimedOut);
        QVERIFY2(timer.elapsed() < 7000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!QFileInfo::exists(result.compileDir));
        QVERIFY(!result.buildId.isEmpty()); // latexmk's output is kept for the user
        // The whole tree was killed: nothing still runs in the compile directory.
        QTRY_COMPARE_WITH_TIMEOUT(processesIn(result.compileDir), QStringList(), 2000);
    }

    void noShellEscapeAndNoWritesOutside()
    {
        const CompileRequest request = makeRequest(
            QStringLiteral("escape"),
            {{QStringLiteral("main.tex"),
              "\\documentclass{article}\n\\begin{document}\n"
              "\\immediate\\write18{touch pwned}\n\\write18{touch pwned-too}\nText.\n\\end{document}\n"}});
        Compiler compiler(m_cache.path());
        const CompileResult result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        QVERIFY(QFileInfo::exists(result.compileDir + QLatin1String("/main.tex")));
        QVERIFY(!QFile::exists(result.compileDir + QLatin1String("/pwned")));
        QVERIFY(!QFile::exists(result.compileDir + QLatin1String("/pwned-too")));
        QVERIFY(!QFile::exists(QDir::currentPath() + QLatin1String("/pwned")));

        // openout_any=p: TeX refuses to write above the compile directory (a fatal
        // error in batch mode, so no PDF either).
        const CompileRequest outside = makeRequest(
            QStringLiteral("escape"),
            {{QStringLiteral("main.tex"),
              "\\documentclass{article}\n\\begin{document}\n"
              "\\newwrite\\out\\immediate\\openout\\out=../escaped.txt\\immediate\\write\\out{x}"
              "\\immediate\\closeout\\out\nText.\n\\end{document}\n"}});
        const CompileResult refused = compiler.run(outside);
        QVERIFY(refused.status != CompileStatus::Success);
        QVERIFY(!QFile::exists(QFileInfo(refused.compileDir).path() + QLatin1String("/escaped.txt")));
        QVERIFY(!QFile::exists(m_cache.filePath(QStringLiteral("escaped.txt"))));
    }

    // A latexmkrc is Perl: one in a project (which a collaborator can write) must never
    // run on a member's machine, whatever its name (issue 13, item 9).
    void aProjectsLatexmkrcNeverRuns()
    {
        QTemporaryDir marks;
        QVERIFY(marks.isValid());
        QMap<QString, QByteArray> docs{
            {QStringLiteral("main.tex"), "\\documentclass{article}\n\\begin{document}\nText.\n\\end{document}\n"}};
        for (const QString &name : {QStringLiteral("latexmkrc"), QStringLiteral(".latexmkrc"),
                                    QStringLiteral("main.latexmkrc")}) {
            const QString mark = marks.filePath(QString(name).remove(u'.'));
            docs.insert(name, "system('touch " + mark.toUtf8() + "');\n$pdf_mode = 1;\n");
        }
        Compiler compiler(m_cache.path());
        const CompileResult result = compiler.run(makeRequest(QStringLiteral("latexmkrc"), docs));
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        QVERIFY(QFileInfo::exists(result.compileDir + QLatin1String("/latexmkrc")));
        QCOMPARE(QDir(marks.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    // \write18 is a shell: a collaborator's document must never run a command, neither with
    // full shell escape nor through TeX Live's restricted list (which holds programs only).
    void aWrite18FromTheProjectNeverRuns()
    {
        QTemporaryDir marks;
        QVERIFY(marks.isValid());
        const QByteArray mark = marks.filePath(QStringLiteral("ran")).toUtf8();
        const QByteArray tex = "\\documentclass{article}\n\\begin{document}\n"
                               "\\immediate\\write18{touch " + mark + "}\n"
                               "\\write18{touch " + mark + "-shipout}\n"
                               "\\input{|\"touch " + mark + "-pipe\"}\n"
                               "Text.\n\\end{document}\n";
        Compiler compiler(m_cache.path());
        const CompileResult result = compiler.run(makeRequest(QStringLiteral("write18"), {{QStringLiteral("main.tex"), tex}}));
        QVERIFY2(result.status != CompileStatus::Busy, qPrintable(describe(result)));
        QCOMPARE(QDir(marks.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void unsafePathIsRejected()
    {
        CompileRequest request = makeRequest(QStringLiteral("unsafe"),
                                             {{QStringLiteral("main.tex"), "\\documentclass{article}\\begin{document}x\\end{document}"},
                                              {QStringLiteral("../x.tex"), "evil"}});
        Compiler compiler(m_cache.path());
        const CompileResult result = compiler.run(request);
        QCOMPARE(result.status, CompileStatus::Error);
        QVERIFY(result.message.contains(QLatin1String("../x.tex")));
        QVERIFY(!QFile::exists(m_cache.filePath(QStringLiteral("unsafe/x.tex"))));
        QVERIFY(!QFile::exists(m_cache.filePath(QStringLiteral("x.tex"))));
    }

    void secondCompileOfAProjectIsBusy_andCancelStopsIt()
    {
        CompileRequest looping = makeRequest(
            QStringLiteral("busy"),
            {{QStringLiteral("main.tex"), "\\documentclass{article}\n\\begin{document}\n\\def\\x{\\x}\\x\n\\end{document}\n"}});
        looping.options.timeoutSeconds = 30;
        Compiler compiler(m_cache.path());
        QSignalSpy finished(&compiler, &Compiler::finished);
        compiler.start(looping);
        // Wait until the first compile has claimed the project.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(m_cache.filePath(QStringLiteral("busy/compile/main.tex"))), 10000);
        const QString compileDir = QDir(m_cache.filePath(QStringLiteral("busy/compile"))).canonicalPath();
        QTRY_VERIFY_WITH_TIMEOUT(!processesIn(compileDir).isEmpty(), 10000); // latexmk and the engine
        const CompileResult second = compiler.run(looping);
        QCOMPARE(second.status, CompileStatus::Busy);
        // Another Compiler on the same cache agrees.
        Compiler other(m_cache.path());
        QCOMPARE(other.run(looping).status, CompileStatus::Busy);

        QElapsedTimer timer;
        timer.start();
        compiler.cancel(QStringLiteral("busy"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(timer.elapsed() < 5000);
        const auto result = finished.first().first().value<CompileResult>();
        QCOMPARE(result.status, CompileStatus::Error);
        QVERIFY(result.message.contains(QLatin1String("cancelled")));
        QTRY_COMPARE_WITH_TIMEOUT(processesIn(compileDir), QStringList(), 2000);
    }

    void missingEngineNamesThePackage()
    {
        if (!QStandardPaths::findExecutable(QStringLiteral("xelatex")).isEmpty())
            QSKIP("xelatex is installed here");
        CompileRequest request = makeRequest(QStringLiteral("xe"), {{QStringLiteral("main.tex"), "x"}});
        request.options.engine = Engine::XeLaTeX;
        const CompileResult result = Compiler(m_cache.path()).run(request);
        QCOMPARE(result.status, CompileStatus::Error);
        QVERIFY2(result.message.contains(QLatin1String("texlive-xetex")), qPrintable(result.message));
    }

    // A missing latexmk or engine is a clear error naming the Debian package, found
    // before anything is written. PATH is narrowed for the test, then restored.
    void missingToolsNameThePackage()
    {
        const QByteArray path = qgetenv("PATH");
        QTemporaryDir bin;
        const auto restore = qScopeGuard([&path] { qputenv("PATH", path); });
        CompileRequest request = makeRequest(QStringLiteral("tools"), {{QStringLiteral("main.tex"), "x"}});

        qputenv("PATH", bin.path().toLocal8Bit());
        CompileResult result = Compiler(m_cache.path()).run(request);
        QCOMPARE(result.status, CompileStatus::Error);
        QVERIFY2(result.message.contains(QLatin1String("Debian package latexmk")), qPrintable(result.message));

        // latexmk alone, without the engine.
        QVERIFY(QFile::link(QStandardPaths::findExecutable(QStringLiteral("latexmk"), QString::fromLocal8Bit(path).split(u':')),
                            bin.filePath(QStringLiteral("latexmk"))));
        result = Compiler(m_cache.path()).run(request);
        QCOMPARE(result.status, CompileStatus::Error);
        QVERIFY2(result.message.contains(QLatin1String("pdflatex")) && result.message.contains(QLatin1String("texlive-latex-base")),
                 qPrintable(result.message));
        QVERIFY(!QFileInfo::exists(m_cache.filePath(QStringLiteral("tools/compile"))));
    }

    // latexmk's stdout and stderr are kept up to 2 MB each: here the engine itself
    // prints ~3 MB (the document leaves batch mode for scroll mode, whose messages
    // reach the terminal).
    void outputIsCappedAtTwoMegabytes()
    {
        const QByteArray line(100, 'y');
        const CompileRequest request = makeRequest(
            QStringLiteral("chatty"),
            {{QStringLiteral("main.tex"),
              "\\documentclass{article}\n\\begin{document}\n\\scrollmode\n\\newcount\\n\n"
              "\\loop\\message{" + line + "}\\advance\\n by 1 \\ifnum\\n<30000 \\repeat\n"
              "\\batchmode\nText.\n\\end{document}\n"}});
        Compiler compiler(m_cache.path());
        const CompileResult result = compiler.run(request);
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(describe(result)));
        QCOMPARE(result.stdOut.size(), LatexmkRunner::maxCapturedOutput);
        QVERIFY(result.stdOut.contains(line));
        QVERIFY(result.stdErr.size() <= LatexmkRunner::maxCapturedOutput);
        QCOMPARE(QFileInfo(result.buildDir + QLatin1String("/output.stdout")).size(), LatexmkRunner::maxCapturedOutput);
    }

    void emptyProjectIdIsAnError()
    {
        CompileRequest request = makeRequest(QString(), {{QStringLiteral("main.tex"), "x"}});
        QCOMPARE(Compiler(m_cache.path()).run(request).status, CompileStatus::Error);
    }

private:
    static bool LatexmkRunner_available()
    {
        return !QStandardPaths::findExecutable(QStringLiteral("latexmk")).isEmpty()
            && !QStandardPaths::findExecutable(QStringLiteral("pdflatex")).isEmpty();
    }
};

QTEST_MAIN(TestCompiler)
#include "tst_compiler.moc"
