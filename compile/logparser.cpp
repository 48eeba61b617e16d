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

// glossaries-extra's record option reads JOB.glstex, which only bib2gls writes; latexmk runs
// it only where the built-in rules have it (the local user's full shell escape, bib2gls and
// Java installed). Without it the glossary is silently empty: the warning says why.
void explainMissingGlossary(QList<LogEntry> &entries, const QByteArray &transcript)
{
    static const QRegularExpression noGlstex(QStringLiteral("No file `[^']+\\.glstex'"));
    for (LogEntry &entry : entries) {
        if (!entry.message.contains(noGlstex))
            continue;
        if (transcript.contains("cusdep aux glstex"))
            entry.message += QStringLiteral(" bib2gls ran but wrote no glossary: see its log, output.glg.");
        else if (!BuiltInRules::bib2glsInstalled())
            entry.message += QStringLiteral(" The glossary needs bib2gls, which is not installed here "
                                            "(Debian packages texlive-bibtex-extra and default-jre-headless).");
        else
            entry.message += QStringLiteral(" The glossary needs bib2gls, which runs only with full shell escape "
                                            "(not on TeX Live's safe list); allow it for this project in the Build menu "
                                            "if you trust the project, or the glossary stays empty.");
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
    explainMissingGlossary(entries, result.stdOut);
    const QString sources = sourceRoot.isEmpty() ? result.compileDir : sourceRoot;
    if (!sources.isEmpty() && QFileInfo(sources).isDir())
        locateMissingFiles(entries, sources);
    return entries;
}

} // namespace coauthor::compile
