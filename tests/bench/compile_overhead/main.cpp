// compile_overhead: what Coauthor's compile service costs on top of latexmk and pdflatex.
// Generates three ~30-page thesis-like projects (chapters via \include, math, tables, TikZ,
// a bibliography): "thesis" (amsmath, booktabs, tikz, geometry; BibTeX), "heavy"
// (+ pgfplots, siunitx, biblatex with biber, hyperref, cleveref; \SI and \cref in every
// paragraph) and "heavy-preamble" (heavy's preamble, thesis's body), and compares medians of
//   bare latexmk = latexmk with the very arguments Compiler gives it (LatexmkRunner::
//                  arguments) in a fresh copy of the files
//   full         = Compiler::run with a full sync (clean compile dir, every file written,
//                  outputs published to a new build)
//   bare pass    = one pdflatex pass with latexmk's flags (EnginePass::arguments) in that
//                  fresh copy after latexmk, after the one-line edit: the reference
//   incremental  = Compiler::run, incremental, after a one-line edit of one chapter, three
//                  ways: latexmk, the engine run directly, the engine on the preamble format
// and prints full/bare latexmk and incremental/bare pass, wall clock and CPU (this process
// and its children). Bare and full alternate which goes first; the three incremental ways
// rotate; the projects' runs interleave. Each incremental way has its own project, compiled
// fully and edited once before the timed runs (the format's first use, dumped and checked,
// is printed apart).
// Usage: compile_overhead [--runs N] [--only thesis,heavy,heavy-preamble] [--keep] (default 7 runs, all three)
#include "compile/compiler.h"
#include "compile/enginepass.h"
#include "compile/latexmkrunner.h"
#include "tests/support/testfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include <sys/resource.h>

using namespace coauthor::compile;

namespace {

constexpr int chapterCount = 6;

// heavy: the heavy body (\cref and \SI in every paragraph, a pgfplots plot); else the
// thesis body (\ref, a TikZ figure). Both have a \cite in every paragraph.
QByteArray chapterText(int chapter, const QByteArray &marker, bool heavy)
{
    QByteArray text = "\\chapter{Chapter " + QByteArray::number(chapter) + "}\\label{ch:" + QByteArray::number(chapter)
        + "}\n" + marker + "\n\n";
    for (int section = 1; section <= 4; ++section) {
        text += "\\section{Section " + QByteArray::number(section) + "}\n";
        for (int paragraph = 0; paragraph < 6; ++paragraph) {
            text += "This paragraph of chapter " + QByteArray::number(chapter)
                + " discusses collaborative editing, operational transformation and the compile loop, "
                  "as in~\\cite{ref" + QByteArray::number((chapter * 7 + paragraph) % 20) + "}. "
                  "It refers back to " + QByteArray(heavy ? "\\cref{ch:1}" : "Chapter~\\ref{ch:1}")
                + (heavy ? ", measured at \\SI{3.5}{\\metre\\per\\second}," : "")
                + " and states that for all $n \\geq 1$ we have "
                  "$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$, which is easily checked by induction on $n$. "
                  "Further text fills the line so that paragraphs have a realistic length for a thesis.\n\n";
        }
        text += "\\begin{equation}\\label{eq:" + QByteArray::number(chapter) + "-" + QByteArray::number(section)
            + "}\n\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}, \\qquad "
              "\\mathbf{A}\\mathbf{x} = \\lambda \\mathbf{x}\n\\end{equation}\n";
        text += "\\begin{table}[ht]\\centering\n\\begin{tabular}{lrrr}\\toprule\nCase & Ops & Time & Ratio\\\\\\midrule\n";
        for (int row = 0; row < 6; ++row)
            text += "Run " + QByteArray::number(row) + " & " + QByteArray::number(row * 1000) + " & "
                + QByteArray::number(row * 3) + ".5 & 0." + QByteArray::number(row) + "\\\\\n";
        text += "\\bottomrule\\end{tabular}\n\\caption{Results " + QByteArray::number(section) + "}\n\\end{table}\n\n";
    }
    if (chapter == 2 && heavy) {
        text += "\\begin{figure}[ht]\\centering\n\\begin{tikzpicture}\n\\begin{axis}[width=8cm,xlabel={$t$},ylabel={$y$}]\n"
                "\\addplot[domain=0:6,samples=40] {2+1.5*sin(deg(x))};\n\\addplot[only marks] coordinates "
                "{(1,2.5) (2,3.4) (3,2.2) (4,0.9) (5,0.6)};\n\\end{axis}\n\\end{tikzpicture}\n"
                "\\caption{A generated plot}\\label{fig:plot}\n\\end{figure}\n";
    } else if (chapter == 2) {
        text += "\\begin{figure}[ht]\\centering\n\\begin{tikzpicture}\n"
                "\\draw[->] (0,0) -- (6,0) node[right] {$t$};\n\\draw[->] (0,0) -- (0,4) node[above] {$y$};\n"
                "\\draw[thick,domain=0:6,smooth,samples=60] plot (\\x, {2+1.5*sin(\\x r)});\n"
                "\\foreach \\i in {1,...,5} \\fill (\\i, {2+1.5*sin(\\i r)}) circle (2pt);\n"
                "\\end{tikzpicture}\n\\caption{A generated figure}\n\\end{figure}\n";
    }
    return text;
}

// The generated project, the chapter its one-line edit changes, and how.
struct Project
{
    QString name;
    bool heavyBody = false;
    QMap<QString, QByteArray> files;

    QMap<QString, QByteArray> edited(const QByteArray &line) const
    {
        QMap<QString, QByteArray> edited = files;
        edited[QStringLiteral("chapters/chapter3.tex")] = chapterText(3, line, heavyBody);
        return edited;
    }
};

// The three projects: "thesis" (light preamble, thesis body), "heavy" (heavy preamble and
// body) and "heavy-preamble" (the heavy preamble with the thesis body: the issue's "on a
// heavier preamble" read literally; its \cite are biblatex's, its \ref stay \ref).
const QStringList projectNames{QStringLiteral("thesis"), QStringLiteral("heavy"), QStringLiteral("heavy-preamble")};

Project makeProject(const QString &name)
{
    Project project;
    project.name = name;
    const bool heavy = name != QLatin1String("thesis");
    project.heavyBody = name == QLatin1String("heavy");
    QMap<QString, QByteArray> &files = project.files;
    QByteArray main = "\\documentclass[11pt]{report}\n\\usepackage{amsmath,amssymb,booktabs,graphicx,tikz}\n"
                      "\\usepackage[margin=3cm]{geometry}\n";
    if (heavy)
        main += "\\usepackage{pgfplots}\\pgfplotsset{compat=1.18}\n\\usepackage{siunitx}\n"
                "\\usepackage[backend=biber]{biblatex}\n\\addbibresource{refs.bib}\n"
                "\\usepackage{hyperref}\n\\usepackage{cleveref}\n";
    main += "\\title{A Benchmark Thesis}\\author{Coauthor}\n\\begin{document}\n\\maketitle\n\\tableofcontents\n";
    for (int chapter = 1; chapter <= chapterCount; ++chapter) {
        const QString file = QStringLiteral("chapters/chapter%1").arg(chapter);
        main += "\\include{" + file.toUtf8() + "}\n";
        files.insert(file + QLatin1String(".tex"), chapterText(chapter, "Opening line.", project.heavyBody));
    }
    main += heavy ? "\\printbibliography\n\\end{document}\n" : "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n";
    files.insert(QStringLiteral("main.tex"), main);
    QByteArray bib;
    for (int i = 0; i < 20; ++i)
        bib += "@article{ref" + QByteArray::number(i) + ", author={Author " + QByteArray::number(i)
            + " and Other Person}, title={On Topic Number " + QByteArray::number(i)
            + "}, journal={Journal of Benchmarks}, volume={" + QByteArray::number(i + 1) + "}, year={"
            + QByteArray::number(1990 + i) + "}, pages={1--10}}\n";
    files.insert(QStringLiteral("refs.bib"), bib);
    return project;
}

CompileRequest makeRequest(const QString &projectId, const QMap<QString, QByteArray> &files, SyncType syncType)
{
    CompileRequest request;
    request.projectId = projectId;
    request.rootDocument = QStringLiteral("main.tex");
    for (auto it = files.begin(); it != files.end(); ++it)
        request.resources.append({it.key(), it.value(), QString()});
    request.syncType = syncType;
    return request;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

bool writeFiles(const QString &dir, const QMap<QString, QByteArray> &files)
{
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!coauthor::test::writeBytes(dir + u'/' + it.key(), it.value()))
            return false;
    }
    return true;
}

int pageCount(const QString &logPath)
{
    QFile file(logPath);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray log = file.readAll();
    const qsizetype at = log.lastIndexOf("Output written on ");
    const qsizetype open = log.indexOf('(', at);
    return at < 0 || open < 0 ? 0 : log.mid(open + 1, 8).split(' ').first().toInt();
}

// CPU time in ms of this process (all threads) and of its waited-for children
// (latexmk and everything it ran): robust against the shared machine's load.
double cpuMs()
{
    double total = 0;
    for (const int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
        rusage usage{};
        getrusage(who, &usage);
        total += double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
            + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    }
    return total;
}

// Wall clock and CPU of one timed step.
class Stopwatch
{
public:
    Stopwatch()
        : m_cpu(cpuMs())
    {
        m_wall.start();
    }
    void stop(QList<double> &wall, QList<double> &cpu) const
    {
        cpu << cpuMs() - m_cpu;
        wall << double(m_wall.elapsed());
    }

private:
    QElapsedTimer m_wall;
    double m_cpu;
};

// Wall-clock and CPU samples of one step.
struct Samples
{
    QList<double> wall;
    QList<double> cpu;
};

QString ratio(double a, double b)
{
    return QString::number(a / b, 'f', 3);
}

bool runProcess(const QString &dir, const QString &program, const QStringList &arguments, QByteArray *output)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(program, arguments);
    process.waitForFinished(600000);
    *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

// The machine's 1-minute load average (/proc/loadavg), for the record.
QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().split(' ').value(0)) : QStringLiteral("?");
}

// One project's steps: set up once, then one round per run (rounds of the projects
// interleave, so that the shared machine's load falls on all of them alike).
class ProjectBench
{
public:
    using Strategy = Compiler::RecompileStrategy;

    ProjectBench(Project project, const QString &workRoot)
        : m_project(std::move(project))
        , m_workRoot(workRoot)
        , m_cache(workRoot + QLatin1String("/cache-") + m_project.name)
        , m_compiler(m_cache)
    {
        m_ways[0] = {QStringLiteral("incremental, latexmk"), Strategy::Latexmk, nullptr, {}, {}};
        m_ways[1] = {QStringLiteral("incremental, engine"), Strategy::Engine, nullptr, {}, {}};
        m_ways[2] = {QStringLiteral("incremental, engine + format"), Strategy::EngineWithFormat, nullptr, {}, {}};
    }

    // Each incremental way on its own project, fully compiled and edited once first.
    bool setUp(QTextStream &out)
    {
        out << "== " << m_project.name << "\nbare latexmk: latexmk " << bareArguments().join(u' ')
            << "\nbare pass:    pdflatex " << passArguments().join(u' ') << '\n';
        for (Way &way : m_ways) {
            way.compiler = std::make_unique<Compiler>(m_cache);
            way.compiler->setRecompileStrategy(way.strategy);
            const CompileResult full = way.compiler->run(makeRequest(wayId(way), m_project.files, SyncType::Full));
            const Stopwatch timer;
            const CompileResult first
                = way.compiler->run(makeRequest(wayId(way), m_project.edited("First edit."), SyncType::Incremental));
            Samples firstSample;
            timer.stop(firstSample.wall, firstSample.cpu);
            if (full.status != CompileStatus::Success || first.status != CompileStatus::Success) {
                out << way.name << ": setup failed\n" << first.stdOut.right(3000) << '\n';
                return false;
            }
            out << way.name << ": first edit " << firstSample.wall.first() << " ms wall, " << firstSample.cpu.first()
                << " ms CPU (" << first.stdOut.count("Run number") << " passes"
                << (first.stdOut.contains("preamble dumped") ? ", preamble dumped and checked" : "")
                << (first.stdOut.contains("preamble format gives the same PDF") ? ", format verified" : "") << ")\n";
            out.flush();
        }
        return true;
    }

    bool runOnce(int run, QTextStream &out)
    {
        const QByteArray line = "Opening line, edited in run " + QByteArray::number(run) + ".";
        QByteArray bareOutput;
        QByteArray passOutput;
        CompileResult fullResult;
        const auto runBare = [&]() -> bool {
            // Bare latexmk in a fresh copy, as a user would run it on a clean checkout; then
            // the one-line edit and one pdflatex pass there, the reference for incremental.
            const QString bareDir = m_workRoot + QStringLiteral("/bare-%1-%2").arg(m_project.name).arg(run);
            if (!writeFiles(bareDir, m_project.files)) {
                out << "cannot write the project\n";
                return false;
            }
            const Stopwatch timer;
            bool ok = runProcess(bareDir, QStringLiteral("latexmk"), bareArguments(), &bareOutput);
            timer.stop(m_bare.wall, m_bare.cpu);
            ok = ok && QFileInfo(bareDir + QLatin1String("/output.pdf")).size() > 0;
            if (!ok)
                out << "bare latexmk failed\n" << bareOutput;
            ok = ok && writeFiles(bareDir, m_project.edited(line));
            if (ok) {
                const Stopwatch passTimer;
                ok = runProcess(bareDir, QStringLiteral("pdflatex"), passArguments(), &passOutput);
                passTimer.stop(m_pass.wall, m_pass.cpu);
                if (!ok)
                    out << "bare pdflatex failed\n" << passOutput;
            }
            QDir(bareDir).removeRecursively();
            return ok;
        };
        const auto runFull = [&]() -> bool {
            const Stopwatch timer;
            fullResult = m_compiler.run(makeRequest(m_project.name, m_project.files, SyncType::Full));
            timer.stop(m_full.wall, m_full.cpu);
            if (fullResult.status != CompileStatus::Success)
                out << "full compile failed: " << fullResult.message << '\n';
            return fullResult.status == CompileStatus::Success;
        };
        // Alternating the order spreads whatever the machine's other users do evenly.
        const bool ok = run % 2 == 0 ? runBare() && runFull() : runFull() && runBare();
        if (!ok)
            return false;
        m_pages = pageCount(fullResult.logPath);

        // One line changed in one chapter, as after typing a sentence; the ways rotate.
        for (int i = 0; i < 3; ++i) {
            Way &way = m_ways[(run + i) % 3];
            const Stopwatch timer;
            way.last = way.compiler->run(makeRequest(wayId(way), m_project.edited(line), SyncType::Incremental));
            timer.stop(way.samples.wall, way.samples.cpu);
            if (way.last.status != CompileStatus::Success) {
                out << way.name << " failed: " << way.last.message << '\n' << way.last.stdOut.right(3000) << '\n';
                return false;
            }
        }
        // How many passes each chose, so that unequal work shows.
        out << m_project.name << " run " << run + 1 << " (load " << loadAverage() << "): bare latexmk "
            << m_bare.wall.last() << " ms (" << bareOutput.count("Run number") << " passes), full " << m_full.wall.last()
            << " ms (" << fullResult.stdOut.count("Run number") << " passes), bare pass " << m_pass.wall.last() << " ms";
        for (const Way &way : m_ways)
            out << ", " << way.name << ' ' << way.samples.wall.last() << " ms (" << way.last.stdOut.count("Run number")
                << (way.last.stdOut.contains("(direct, preamble format)") ? ", on the format" : "")
                << (way.last.stdOut.contains("Coauthor: spliced ") ? ", only chapter 3 typeset and spliced" : "") << ')';
        out << '\n';
        out.flush();
        return true;
    }

    void report(QTextStream &out) const
    {
        out << "== " << m_project.name << ": " << m_project.files.size() << " files, " << m_pages << " pages; "
            << m_bare.wall.size() << " runs each\n";
        out << "median wall / CPU ms: bare latexmk " << median(m_bare.wall) << " / " << median(m_bare.cpu) << ", full "
            << median(m_full.wall) << " / " << median(m_full.cpu) << ", bare pass " << median(m_pass.wall) << " / "
            << median(m_pass.cpu);
        for (const Way &way : m_ways)
            out << ", " << way.name << ' ' << median(way.samples.wall) << " / " << median(way.samples.cpu);
        out << '\n';
        out << "full / bare latexmk: wall " << ratio(median(m_full.wall), median(m_bare.wall)) << ", CPU "
            << ratio(median(m_full.cpu), median(m_bare.cpu)) << " (target <= 1.05)\n";
        for (const Way &way : m_ways)
            out << way.name << " / bare pass: wall " << ratio(median(way.samples.wall), median(m_pass.wall)) << ", CPU "
                << ratio(median(way.samples.cpu), median(m_pass.cpu))
                << (way.strategy == Strategy::EngineWithFormat ? " (target <= 0.6)" : "") << '\n';
        out.flush();
    }

private:
    struct Way
    {
        QString name;
        Strategy strategy = Strategy::Latexmk;
        std::unique_ptr<Compiler> compiler;
        Samples samples;
        CompileResult last;
    };

    static QStringList bareArguments() { return LatexmkRunner::arguments(QStringLiteral("main.tex"), CompileOptions()); }
    static QStringList passArguments() { return EnginePass::arguments(QStringLiteral("main.tex"), CompileOptions()); }
    QString wayId(const Way &way) const { return m_project.name + QLatin1String("-") + QString::number(int(way.strategy)); }

    Project m_project;
    QString m_workRoot;
    QString m_cache;
    Compiler m_compiler;
    Way m_ways[3];
    Samples m_bare, m_full, m_pass;
    int m_pages = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    int runs = 7;
    bool keep = false;
    QStringList only = projectNames;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--runs") && i + 1 < args.size()) {
            runs = std::max(1, args[++i].toInt());
        } else if (args[i] == QLatin1String("--only") && i + 1 < args.size()) {
            only = args[++i].split(u',');
        } else if (args[i] == QLatin1String("--keep")) {
            keep = true;
        } else {
            out << "usage: compile_overhead [--runs N] [--only thesis,heavy,heavy-preamble] [--keep]\n"
                   "  Medians of N runs (default 7) of bare latexmk, Coauthor's full compile, one bare pdflatex\n"
                   "  pass and incremental compiles after a one-line edit (latexmk, the engine directly, the\n"
                   "  engine on the preamble format), on three generated ~30-page projects. --keep leaves the\n"
                   "  projects' compile caches in the temporary folder (printed) for a look.\n";
            return args[i] == QLatin1String("--help") ? 0 : 2;
        }
    }
    QTemporaryDir work;
    if (keep) {
        work.setAutoRemove(false);
        out << "work folder (kept): " << work.path() << '\n';
    }
    out << "load average at the start: " << loadAverage() << '\n';
    std::vector<std::unique_ptr<ProjectBench>> benches;
    for (const QString &name : projectNames) {
        if (!only.contains(name))
            continue;
        benches.push_back(std::make_unique<ProjectBench>(makeProject(name), work.path()));
        if (!benches.back()->setUp(out))
            return 1;
    }
    for (int run = 0; run < runs; ++run) {
        for (const auto &bench : benches) {
            if (!bench->runOnce(run, out))
                return 1;
        }
    }
    out << "load average at the end: " << loadAverage() << '\n';
    for (const auto &bench : benches)
        bench->report(out);
    return 0;
}
