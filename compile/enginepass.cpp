#include "compile/enginepass.h"

namespace coauthor::compile {

namespace {

// latexmk -usepretex: the pre-TeX, then \input of the root document.
QString draftPreTex()
{
    return QStringLiteral("\\PassOptionsToPackage{draft}{graphicx}\\PassOptionsToPackage{draft}{graphics}");
}

} // namespace

bool EnginePass::supports(Engine engine)
{
    return engine == Engine::PdfLaTeX || engine == Engine::XeLaTeX || engine == Engine::LuaLaTeX;
}

QStringList EnginePass::arguments(const QString &rootFile, const CompileOptions &options, const QString &formatFile,
                                  const QString &jobName)
{
    QStringList args;
    // -fmt alone makes the format's path kpathsea's program name: the search paths would be
    // the generic ones instead of pdflatex's, and the recorder would write its temporary
    // file beside the format (outside the compile directory, read-only in a sandbox).
    if (!formatFile.isEmpty())
        args << QStringLiteral("-fmt=") + formatFile << QStringLiteral("-progname=") + engineName(options.engine);
    if (options.engine == Engine::XeLaTeX)
        args << QStringLiteral("-no-pdf");
    args << QStringLiteral("-synctex=1") << QStringLiteral("-interaction=batchmode")
         << QStringLiteral("-file-line-error")
         << (options.shellEscape == ShellEscape::Full ? QStringLiteral("-shell-escape")
                                                      : QStringLiteral("-shell-restricted"))
         << QStringLiteral("-recorder") << QStringLiteral("-jobname=") + jobName;
    if (options.stopOnFirstError)
        args << QStringLiteral("-halt-on-error");
    // A format already holds the draft options (they were passed when it was dumped), and
    // mylatexformat must read the root document as the job's first file.
    if (options.draft && formatFile.isEmpty())
        args << draftPreTex() + QStringLiteral("\\input{") + rootFile + u'}';
    else
        args << rootFile;
    return args;
}

TexProcess::Run EnginePass::run(const QString &workDir, const QString &rootFile, const CompileOptions &options,
                                const QString &formatFile, qint64 timeoutMs, const std::atomic_bool *cancel,
                                TexProcess::Confinement confinement, const QString &jobName)
{
    const QString program = engineName(options.engine);
    const QStringList args = arguments(rootFile, options, formatFile, jobName);
    // The format lives outside the compile directory (a pass must not be able to replace it).
    if (!formatFile.isEmpty())
        confinement.readOnlyPaths << formatFile;
    TexProcess::Run run = TexProcess::run(program, args, workDir, options.shellEscape, timeoutMs, cancel, confinement);
    run.stdOut.prepend(describe(program, args));
    return run;
}

TexProcess::Run EnginePass::makePdf(const QString &workDir, const CompileOptions &options, qint64 timeoutMs,
                                    const std::atomic_bool *cancel, const TexProcess::Confinement &confinement)
{
    if (options.engine != Engine::XeLaTeX) {
        TexProcess::Run none;
        none.end = TexProcess::Run::End::Finished;
        none.exitCode = 0;
        return none;
    }
    const QStringList args{QStringLiteral("-E"), QStringLiteral("-o"), QStringLiteral("output.pdf"),
                           QStringLiteral("output.xdv")};
    TexProcess::Run run = TexProcess::run(QStringLiteral("xdvipdfmx"), args, workDir, options.shellEscape, timeoutMs,
                                          cancel, confinement);
    run.stdOut.prepend(describe(QStringLiteral("xdvipdfmx"), args));
    return run;
}

QByteArray EnginePass::describe(const QString &program, const QStringList &arguments)
{
    return "Running '" + program.toUtf8() + ' ' + arguments.join(u' ').toUtf8() + "'\n";
}

} // namespace coauthor::compile
