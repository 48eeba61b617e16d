#include "compile/logparser.h"

#include "compile/bibliographylogparser.h"
#include "compile/latexlogparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace coauthor::compile {

namespace {

QString readText(const QString &path)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
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

QList<LogEntry> LogParser::parseBuild(const CompileResult &result)
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
    return entries;
}

} // namespace coauthor::compile
