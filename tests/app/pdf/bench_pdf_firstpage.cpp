// pdf_firstpage_bench: time from PdfView::openDocument() (the moment a compile has finished and
// the app hands the PDF to the view) to the first rendered page painted, for a 100-page PDF.
// Prints medians; speed is measured here, not asserted. See docs/benchmarks.md.
#include "app/pdf/pdfview.h"

#include "testpdf.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <poppler-version.h>

#include <algorithm>

using coauthor::app::PdfView;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// A real TeX document: text, a section heading and a TikZ drawing on every page.
QString makeLatexPdf(const QString &dir, int pages)
{
    const QString tex = QStringLiteral(
                            "\\documentclass{article}\n"
                            "\\usepackage{lipsum}\\usepackage{tikz}\n"
                            "\\begin{document}\n"
                            "\\newcount\\pageno \\pageno=1\n"
                            "\\loop\n"
                            "\\section*{Page \\the\\pageno}\n"
                            "\\lipsum[1-3]\n"
                            "\\begin{center}\\begin{tikzpicture}\n"
                            "\\draw[thick,blue] (0,0) rectangle (6,2); \\draw[red] (3,1) circle (0.9);\n"
                            "\\foreach \\x in {0,0.25,...,6} \\draw[gray] (\\x,0) -- (\\x,-0.5);\n"
                            "\\end{tikzpicture}\\end{center}\n"
                            "$\\int_0^1 x^2\\,dx = \\frac{1}{3}$\n"
                            "\\newpage\n"
                            "\\advance\\pageno by 1\n"
                            "\\ifnum\\pageno<%1 \\repeat\n"
                            "\\end{document}\n")
                            .arg(pages + 1);
    QFile file(dir + QStringLiteral("/bench.tex"));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(tex.toUtf8());
    file.close();
    QProcess latex;
    latex.setWorkingDirectory(dir);
    latex.start(QStringLiteral("pdflatex"),
                {QStringLiteral("-interaction=nonstopmode"), QStringLiteral("-halt-on-error"), QStringLiteral("bench.tex")});
    if (!latex.waitForFinished(300000) || latex.exitCode() != 0)
        return {};
    return dir + QStringLiteral("/bench.pdf");
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2.0;
}

// Runs openDocument(path) and waits for firstPagePainted; returns {total ms, openDocument ms}.
std::pair<double, double> timeOpen(PdfView &view, const QString &path)
{
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    const auto connection = QObject::connect(&view, &PdfView::firstPagePainted, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (!view.openDocument(path, &error)) {
        out() << "openDocument failed: " << error << Qt::endl;
        QObject::disconnect(connection);
        return {-1.0, -1.0};
    }
    const double openMs = timer.nsecsElapsed() / 1e6;
    timeout.start(10000);
    loop.exec();
    const double totalMs = timer.nsecsElapsed() / 1e6;
    QObject::disconnect(connection);
    return {totalMs, openMs};
}

// Other processes share the machine; the load average says how much they took.
QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    return QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2);
}

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("PdfView first-page latency"));
    parser.addHelpOption();
    QCommandLineOption pagesOption(QStringLiteral("pages"), QStringLiteral("Pages in the PDF (100)."),
                                   QStringLiteral("n"), QStringLiteral("100"));
    QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Timed openings per case (11)."),
                                  QStringLiteral("n"), QStringLiteral("11"));
    QCommandLineOption qpdfOption(QStringLiteral("qpdfwriter"), QStringLiteral("Make the PDF with QPdfWriter instead of pdflatex."));
    QCommandLineOption pdfOption(QStringLiteral("pdf"), QStringLiteral("Use this PDF instead of making one."), QStringLiteral("file"));
    parser.addOptions({pagesOption, runsOption, qpdfOption, pdfOption});
    parser.process(app);
    const int pages = std::max(1, parser.value(pagesOption).toInt());
    const int runs = std::max(1, parser.value(runsOption).toInt());

    QTemporaryDir dir;
    QString path = parser.value(pdfOption);
    QString source = QStringLiteral("given");
    if (path.isEmpty() && !parser.isSet(qpdfOption)) {
        path = makeLatexPdf(dir.path(), pages);
        source = QStringLiteral("pdflatex (lipsum + TikZ + math per page)");
    }
    if (path.isEmpty()) {
        path = dir.filePath(QStringLiteral("bench.pdf"));
        coauthor::app::test::TestPdfOptions options;
        options.pages = pages;
        if (!coauthor::app::test::writeTestPdf(path, options)) {
            out() << "cannot write " << path << Qt::endl;
            return 1;
        }
        source = QStringLiteral("QPdfWriter (text + vector drawing per page)");
    }

    const QString loadBefore = loadAverage();
    PdfView view;
    view.resize(900, 1000);
    view.show();
    settle(50);

    // Warm-up: fonts, Poppler's global state, the thread pool.
    if (timeOpen(view, path).first < 0)
        return 1;
    settle(100);
    const int pageCount = view.pageCount();

    QList<double> coldTotal, coldOpen, reloadTotal, reloadOpen;
    for (int i = 0; i < runs; ++i) {
        view.closeDocument();
        settle(30);
        const auto cold = timeOpen(view, path);
        coldTotal.append(cold.first);
        coldOpen.append(cold.second);
        settle(30);
        // A recompile: the same path again while the old document is on screen.
        const auto reload = timeOpen(view, path);
        reloadTotal.append(reload.first);
        reloadOpen.append(reload.second);
        settle(30);
    }

    out() << "PDF: " << source << ", " << pageCount << " pages, " << QFileInfo(path).size() / 1024 << " KiB\n"
          << "view: 900x1000 offscreen, fit width, device pixel ratio " << view.devicePixelRatioF() << "\n"
          << "Qt " << qVersion() << ", Poppler " << POPPLER_VERSION << ", " << QSysInfo::prettyProductName() << ", "
          << QThread::idealThreadCount() << " threads\n"
          << "load average before: " << loadBefore << ", after: " << loadAverage() << "\n"
          << "runs: " << runs << " (medians; min/max in brackets)\n";
    auto line = [](const char *name, const QList<double> &values) {
        out() << QString::fromLatin1(name).leftJustified(46) << QString::number(median(values), 'f', 1) << " ms  ["
              << QString::number(*std::min_element(values.begin(), values.end()), 'f', 1) << " / "
              << QString::number(*std::max_element(values.begin(), values.end()), 'f', 1) << "]\n";
    };
    line("open -> first page painted (new document)", coldTotal);
    line("  of which openDocument() itself", coldOpen);
    line("reload same path -> first new page painted", reloadTotal);
    line("  of which openDocument() itself", reloadOpen);
    out().flush();
    return 0;
}
