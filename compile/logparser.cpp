#include "compile/logparser.h"

#include "compile/bibliographylogparser.h"
#include "compile/builtinrules.h"
#include "compile/latexlogparser.h"
#include "compile/missingfile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace coauthor::compile {

namespace {

QString readText(const QString &path)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}

// A missing package's error has no line (TeX stopped asking for another file name): it is
// the line of the \\usepackage that names it, in the file TeX was reading, else in the
// first source under sourceRoot that names it (hidden folders, like .git, are not searched).
void locateMissingFiles(QList<LogEntry> &entries, const QString &sourceRoot)
{
    constexpr int maxSourcesSearched = 500;
    for (LogEntry &entry : entries) {
        const QString missing = MissingFile::fromMessage(entry.message);
        if (missing.isEmpty() || entry.line > 0)
            continue;
        const QDir dir(sourceRoot);
        if (!entry.file.isEmpty() && !QFileInfo(entry.file).isAbsolute()) {
            entry.line = MissingFile::lineOfUse(readText(dir.filePath(entry.file)), missing);
            if (entry.line > 0)
                continue;
        }
        QDirIterator it(sourceRoot, {QStringLiteral("*.tex"), QStringLiteral("*.sty"), QStringLiteral("*.cls")},
                        QDir::Files, QDirIterator::Subdirectories);
        for (int searched = 0; it.hasNext() && searched < maxSourcesSearched; ++searched) {
            const QString path = it.next();
            const int line = MissingFile::lineOfUse(readText(path), missing);
            if (line > 0) {
                entry.file = dir.relativeFilePath(path);
                entry.line = line;
                break;
            }
        }
    }
}

// The first "Error: …" of a bib2gls transcript (JOB.glg), empty when it names none.
QString firstBib2glsError(const QString &glgText)
{
    static const QRegularExpression error(QStringLiteral("^Error: (.+)$"), QRegularExpression::MultilineOption);
    return error.match(glgText).captured(1).trimmed();
}

// glossaries-extra's record option reads JOB.glstex, which only bib2gls writes; latexmk runs
// it only where the built-in rules have it (the local user's full shell escape, bib2gls and
// Java installed). Without it the glossary is silently empty: the warning gets a hint saying
// why. Whether bib2gls ran is read from what it leaves behind, its transcript JOB.glg (JOB
// from the log's own line) in the compile or build directory, so a compile that latexmk did
// not run (the fast path) is read right too; latexmk's transcript naming the rule covers a
// bib2gls that stopped before writing it. (A .glg left by an earlier failed run is read as
// this run's: its error is still why there is no glossary.)
void explainMissingGlossary(QList<LogEntry> &entries, const CompileResult &result)
{
    static const QRegularExpression noGlstex(QStringLiteral("No file `([^']+)\\.glstex'"));
    for (LogEntry &entry : entries) {
        const QRegularExpressionMatch match = noGlstex.match(entry.message);
        if (!match.hasMatch())
            continue;
        const QString glg = match.captured(1) + QLatin1String(".glg");
        QString glgPath;
        for (const QString &dir : {result.compileDir, result.buildDir}) {
            if (!dir.isEmpty() && QFileInfo::exists(QDir(dir).filePath(glg))) {
                glgPath = QDir(dir).filePath(glg);
                break;
            }
        }
        const QString glgName = QFileInfo(glg).fileName();
        if (!glgPath.isEmpty()) {
            const QString error = firstBib2glsError(readText(glgPath));
            entry.hint = error.isEmpty() ? LogHint::Bib2glsFailed : LogHint::Bib2glsError;
            entry.hintArguments = error.isEmpty() ? QStringList{glgName} : QStringList{glgName, error};
        } else if (result.stdOut.contains("cusdep aux glstex")) {
            entry.hint = LogHint::Bib2glsFailed;
            entry.hintArguments = {glgName};
        } else {
            entry.hint = BuiltInRules::bib2glsInstalled() ? LogHint::Bib2glsNeedsFullShellEscape
                                                          : LogHint::Bib2glsNotInstalled;
        }
    }
}

} // namespace

QList<LogEntry> LogParser::parseLatexLog(const QString &logText)
{
    return LatexLogParser(logText).parse();
}

QList<LogEntry> LogParser::parseBibtexLog(const QString &blgText)
{
    return BibliographyLogParser::parseBibtex(blgText);
}

QList<LogEntry> LogParser::parseBiberLog(const QString &blgText)
{
    return BibliographyLogParser::parseBiber(blgText);
}

QList<LogEntry> LogParser::parseBuild(const CompileResult &result, const QString &sourceRoot)
{
    QList<LogEntry> entries = parseLatexLog(readText(result.logPath));
    if (!result.buildDir.isEmpty()) {
        const QString blg = readText(result.buildDir + QLatin1String("/output.blg"));
        if (!blg.isEmpty())
            entries += BibliographyLogParser::isBiberLog(blg) ? parseBiberLog(blg) : parseBibtexLog(blg);
    }
    if (!result.compileDir.isEmpty()) {
        const QString prefix = QDir::cleanPath(result.compileDir) + u'/';
        for (LogEntry &entry : entries) {
            const QString cleaned = QDir::cleanPath(entry.file);
            if (QFileInfo(entry.file).isAbsolute() && cleaned.startsWith(prefix))
                entry.file = cleaned.mid(prefix.size());
        }
    }
    explainMissingGlossary(entries, result);
    const QString sources = sourceRoot.isEmpty() ? result.compileDir : sourceRoot;
    if (!sources.isEmpty() && QFileInfo(sources).isDir())
        locateMissingFiles(entries, sources);
    return entries;
}

} // namespace coauthor::compile
