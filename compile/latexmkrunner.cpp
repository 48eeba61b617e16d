#include "compile/latexmkrunner.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace coauthor::compile {

namespace {

QString enginePackage(Engine engine)
{
    switch (engine) {
    case Engine::PdfLaTeX:
        return QStringLiteral("texlive-latex-base");
    case Engine::XeLaTeX:
        return QStringLiteral("texlive-xetex");
    case Engine::LuaLaTeX:
        return QStringLiteral("texlive-luatex");
    case Engine::UpLaTeX:
        return QStringLiteral("texlive-lang-japanese");
    }
    return QString();
}

QString engineFlag(Engine engine)
{
    switch (engine) {
    case Engine::PdfLaTeX:
        return QStringLiteral("-pdf");
    case Engine::XeLaTeX:
        return QStringLiteral("-xelatex");
    case Engine::LuaLaTeX:
        return QStringLiteral("-lualatex");
    case Engine::UpLaTeX:
        return QStringLiteral("-pdfdvi"); // with the built-in rules' $latex and $dvipdf
    }
    return QString();
}

} // namespace

QString LatexmkRunner::checkTools(Engine engine)
{
    if (QStandardPaths::findExecutable(QStringLiteral("latexmk")).isEmpty())
        return QStringLiteral("latexmk is not installed (install the Debian package latexmk)");
    const QString program = engineName(engine);
    if (QStandardPaths::findExecutable(program).isEmpty())
        return QStringLiteral("%1 is not installed (install the Debian package %2)").arg(program, enginePackage(engine));
    return QString();
}

int LatexmkRunner::effectiveTimeoutSeconds(int timeoutSeconds)
{
    if (timeoutSeconds <= 0)
        return 180;
    return std::min(timeoutSeconds, 600);
}

QStringList LatexmkRunner::arguments(const QString &rootDocument, const CompileOptions &options,
                                     const QString &rulesFile, Rules rules)
{
    // -norc: a latexmkrc is Perl; one shipped inside a project (or a collaborator's
    // edit of it) must not run. latexmk obeys -norc before reading any rc file, and reads
    // -r FILE where it stands, so the service's own rules come first and the options after
    // them still win. -cd: a root document in a subfolder compiles there.
    QStringList args{QStringLiteral("-norc")};
    if (!rulesFile.isEmpty())
        args << QStringLiteral("-r") << rulesFile;
    args << QStringLiteral("-cd")
         << QStringLiteral("-jobname=output")
         << QStringLiteral("-synctex=1")
         << QStringLiteral("-interaction=batchmode")
         << QStringLiteral("-file-line-error")
         << (options.shellEscape == ShellEscape::Full ? QStringLiteral("-shell-escape")
                                                      : QStringLiteral("-shell-restricted"))
         << (options.stopOnFirstError ? QStringLiteral("-halt-on-error") : QStringLiteral("-f"))
         << engineFlag(options.engine);
    if (rules == Rules::Everything)
        args << QStringLiteral("-g");
    if (options.draft) {
        // Draft: images become boxes, which is where most of a draft's time goes; the
        // engine's own -draftmode would give no PDF at all.
        args << QStringLiteral("-usepretex=\\PassOptionsToPackage{draft}{graphicx}\\PassOptionsToPackage{draft}{graphics}");
    }
    args << rootDocument;
    return args;
}

QString LatexmkRunner::timeoutMessage(const CompileOptions &options)
{
    return QStringLiteral("the compile took longer than %1 s and was stopped")
        .arg(effectiveTimeoutSeconds(options.timeoutSeconds));
}

LatexmkRunner::Run LatexmkRunner::run(const QString &workDir, const QString &rootDocument,
                                      const CompileOptions &options, const QString &rulesFile,
                                      const std::atomic_bool *cancel, Rules rules) const
{
    Run result = TexProcess::run(QStringLiteral("latexmk"), arguments(rootDocument, options, rulesFile, rules), workDir,
                                 options.shellEscape, qint64(effectiveTimeoutSeconds(options.timeoutSeconds)) * 1000,
                                 cancel, {m_sandbox, rulesFile.isEmpty() ? QStringList() : QStringList{rulesFile}, {}});
    if (result.end == Run::End::TimedOut)
        result.message = timeoutMessage(options);
    return result;
}

bool LatexmkRunner::outputRuleFailedLastRun(const QString &outputDir)
{
    // The project's processes can write in the compile directory: only a regular file is
    // read, and only its rule lines (latexmk's rdb_write, "Fdb version 4"):
    // ["rule"] run_time "source" "destination" "base" check_time last_result
    // A last_result above 0 (1 no output, 2 an error) is what stops latexmk from remaking
    // a missing destination (rdb_rerun_needed: "not if last run gave error").
    const QString path = outputDir + QLatin1String("/output.fdb_latexmk");
    const QFileInfo info(path);
    constexpr qint64 maxSize = 16 * 1024 * 1024; // a thesis's database is some 100 KB
    if (info.isSymLink() || !info.isFile() || info.size() > maxSize)
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    static const QRegularExpression rule(
        QStringLiteral(R"re(^\["[^"]*"\] \S+ ".*" "output\.(pdf|xdv|dvi)" ".*" \S+ (-?\d+)\s*$)re"));
    constexpr qint64 maxLine = 64 * 1024;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine(maxLine);
        if (!line.startsWith("[\""))
            continue;
        const QRegularExpressionMatch match = rule.match(QString::fromUtf8(line));
        if (!match.hasMatch())
            continue;
        if (match.captured(2).toInt() > 0)
            return true;
    }
    return false;
}

} // namespace coauthor::compile
