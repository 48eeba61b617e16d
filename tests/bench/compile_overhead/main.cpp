// compile_overhead: what Coauthor's compile service costs on top of latexmk.
// Generates a ~30-page thesis-like project (chapters via \include, math, tables, a
// TikZ figure, a BibTeX bibliography), then compares medians of
//   bare    = latexmk with the very arguments Compiler gives it (LatexmkRunner::
//             arguments: same engine, SyncTeX, batch mode) in a fresh copy of the files
//   full    = Compiler::run with a full sync (clean compile dir, every file written,
//             outputs published to a new build)
//   incr    = Compiler::run, incremental, after a one-line edit of one chapter
// and prints full/bare and incr/full, wall clock and CPU (this process and its
// children: latexmk, the engine, bibtex). Bare and full alternate which goes first.
// Usage: compile_overhead [--runs N] (default 7)
#include "compile/compiler.h"
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

#include <sys/resource.h>

using namespace coauthor::compile;

namespace {

constexpr int chapterCount = 6;

QByteArray chapterText(int chapter, const QByteArray &marker)
{
    QByteArray text = "\\chapter{Chapter " + QByteArray::number(chapter) + "}\\label{ch:" + QByteArray::number(chapter)
        + "}\n" + marker + "\n\n";
    for (int section = 1; section <= 4; ++section) {
        text += "\\section{Section " + QByteArray::number(section) + "}\n";
        for (int paragraph = 0; paragraph < 6; ++paragraph) {
            text += "This paragraph of chapter " + QByteArray::number(chapter)
                + " discusses collaborative editing, operational transformation and the compile loop, "
                  "as in~\\cite{ref" + QByteArray::number((chapter * 7 + paragraph) % 20) + "}. "
                  "It refers back to Chapter~\\ref{ch:1} and states that for all $n \\geq 1$ we have "
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
    if (chapter == 2) {
        text += "\\begin{figure}[ht]\\centering\n\\begin{tikzpicture}\n"
                "\\draw[->] (0,0) -- (6,0) node[right] {$t$};\n\\draw[->] (0,0) -- (0,4) node[above] {$y$};\n"
                "\\draw[thick,domain=0:6,smooth,samples=60] plot (\\x, {2+1.5*sin(\\x r)});\n"
                "\\foreach \\i in {1,...,5} \\fill (\\i, {2+1.5*sin(\\i r)}) circle (2pt);\n"
                "\\end{tikzpicture}\n\\caption{A generated figure}\n\\end{figure}\n";
    }
    return text;
}

QMap<QString, QByteArray> makeProject()
{
    QMap<QString, QByteArray> files;
    QByteArray main = "\\documentclass[11pt]{report}\n\\usepackage{amsmath,amssymb,booktabs,graphicx,tikz}\n"
                      "\\usepackage[margin=3cm]{geometry}\n\\title{A Benchmark Thesis}\\author{Coauthor}\n"
                      "\\begin{document}\n\\maketitle\n\\tableofcontents\n";
    for (int chapter = 1; chapter <= chapterCount; ++chapter) {
        const QString name = QStringLiteral("chapters/chapter%1").arg(chapter);
        main += "\\include{" + name.toUtf8() + "}\n";
        files.insert(name + QLatin1String(".tex"), chapterText(chapter, "Opening line."));
    }
    main += "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n";
    files.insert(QStringLiteral("main.tex"), main);
    QByteArray bib;
    for (int i = 0; i < 20; ++i)
        bib += "@article{ref" + QByteArray::number(i) + ", author={Author " + QByteArray::number(i)
            + " and Other Person}, title={On Topic Number " + QByteArray::number(i)
            + "}, journal={Journal of Benchmarks}, volume={" + QByteArray::number(i + 1) + "}, year={"
            + QByteArray::number(1990 + i) + "}, pages={1--10}}\n";
    files.insert(QStringLiteral("refs.bib"), bib);
    return files;
}

CompileRequest makeRequest(const QMap<QString, QByteArray> &files, SyncType syncType)
{
    CompileRequest request;
    request.projectId = QStringLiteral("bench");
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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    int runs = 7;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--runs") && i + 1 < args.size()) {
            runs = std::max(1, args[++i].toInt());
        } else {
            out << "usage: compile_overhead [--runs N]\n"
                   "  Medians of N runs (default 7) of bare latexmk, Coauthor's full compile and an\n"
                   "  incremental compile after a one-line edit, on a generated ~30-page project.\n";
            return args[i] == QLatin1String("--help") ? 0 : 2;
        }
    }
    QTemporaryDir work;
    const QMap<QString, QByteArray> files = makeProject();
    Compiler compiler(work.filePath(QStringLiteral("cache")));
    const QStringList bareArguments = LatexmkRunner::arguments(QStringLiteral("main.tex"), CompileOptions());
    out << "bare command: latexmk " << bareArguments.join(u' ') << '\n';

    QList<double> full, fullCpu, bare, bareCpu, incremental, incrementalCpu;
    int pages = 0;
    for (int run = 0; run < runs; ++run) {
        QByteArray bareOutput;
        CompileResult fullResult;
        const auto runBare = [&]() -> bool {
            // Bare latexmk in a fresh copy, as a user would run it on a clean checkout.
            const QString bareDir = work.filePath(QStringLiteral("bare%1").arg(run));
            if (!writeFiles(bareDir, files)) {
                out << "cannot write the project\n";
                return false;
            }
            QProcess latexmk;
            latexmk.setWorkingDirectory(bareDir);
            latexmk.setProcessChannelMode(QProcess::MergedChannels);
            latexmk.setStandardInputFile(QProcess::nullDevice());
            const Stopwatch timer;
            latexmk.start(QStringLiteral("latexmk"), bareArguments);
            latexmk.waitForFinished(600000);
            timer.stop(bare, bareCpu);
            bareOutput = latexmk.readAll();
            const bool ok = latexmk.exitCode() == 0 && QFileInfo(bareDir + QLatin1String("/output.pdf")).size() > 0;
            if (!ok)
                out << "bare latexmk failed\n" << bareOutput;
            QDir(bareDir).removeRecursively();
            return ok;
        };
        const auto runFull = [&]() -> bool {
            const Stopwatch timer;
            fullResult = compiler.run(makeRequest(files, SyncType::Full));
            timer.stop(full, fullCpu);
            if (fullResult.status != CompileStatus::Success)
                out << "full compile failed: " << fullResult.message << '\n';
            return fullResult.status == CompileStatus::Success;
        };
        // Alternating the order spreads whatever the machine's other users do evenly.
        const bool ok = run % 2 == 0 ? runBare() && runFull() : runFull() && runBare();
        if (!ok)
            return 1;
        pages = pageCount(fullResult.logPath);

        // One line changed in one chapter, as after typing a sentence.
        QMap<QString, QByteArray> edited = files;
        edited[QStringLiteral("chapters/chapter3.tex")] =
            chapterText(3, "Opening line, edited in run " + QByteArray::number(run) + ".");
        const Stopwatch timer;
        const CompileResult incrementalResult = compiler.run(makeRequest(edited, SyncType::Incremental));
        timer.stop(incremental, incrementalCpu);
        if (incrementalResult.status != CompileStatus::Success) {
            out << "incremental compile failed: " << incrementalResult.message << '\n';
            return 1;
        }
        // How many engine/bibtex passes latexmk chose, so that unequal work shows.
        out << "run " << run + 1 << ": bare " << bare.last() << " ms (" << bareOutput.count("Run number")
            << " passes), full " << full.last() << " ms (" << fullResult.stdOut.count("Run number")
            << " passes), incremental " << incremental.last() << " ms ("
            << incrementalResult.stdOut.count("Run number") << " passes)\n";
        out.flush();
    }
    out << "project: " << files.size() << " files, " << pages << " pages; " << runs << " runs each\n";
    out << "median (wall / CPU)     bare " << median(bare) << " / " << median(bareCpu) << " ms, full "
        << median(full) << " / " << median(fullCpu) << " ms, incremental " << median(incremental) << " / "
        << median(incrementalCpu) << " ms\n";
    out << "full / bare:        wall " << QString::number(median(full) / median(bare), 'f', 3) << ", CPU "
        << QString::number(median(fullCpu) / median(bareCpu), 'f', 3) << " (target <= 1.05)\n";
    out << "incremental / full: wall " << QString::number(median(incremental) / median(full), 'f', 3) << ", CPU "
        << QString::number(median(incrementalCpu) / median(fullCpu), 'f', 3) << " (target <= 0.6)\n";
    return 0;
}
