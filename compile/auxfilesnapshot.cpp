#include "compile/auxfilesnapshot.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

namespace coauthor::compile {

namespace {

// The .aux lines a bibliography or glossary tool reads: bibtex (\citation, \bibdata,
// \bibstyle, also multibib's and bibtopic's extra .aux files), biblatex's citations for
// its bibtex backend, bib2gls's resources and records.
bool isToolLine(const QByteArray &line)
{
    static const char *const prefixes[] = {"\\citation{", "\\bibdata{", "\\bibstyle{", "\\abx@aux@cite",
                                           "\\glsxtr@", "\\@glsxtr@"};
    for (const char *prefix : prefixes) {
        if (line.startsWith(prefix))
            return true;
    }
    return false;
}

} // namespace

bool AuxFileSnapshot::isToolInput(const QString &path)
{
    static const QStringList suffixes{QStringLiteral("bcf"), QStringLiteral("idx"), QStringLiteral("nlo"),
                                      QStringLiteral("glo"), QStringLiteral("acn"), QStringLiteral("slo"),
                                      QStringLiteral("adx"), QStringLiteral("ndx"), QStringLiteral("ldx")};
    return suffixes.contains(QFileInfo(path).suffix());
}

AuxFileSnapshot AuxFileSnapshot::take(const QSet<QString> &paths)
{
    AuxFileSnapshot snapshot;
    for (const QString &path : paths) {
        Hashes hashes;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray content = file.readAll();
            hashes.exists = true;
            hashes.all = QCryptographicHash::hash(content, QCryptographicHash::Sha1);
            if (path.endsWith(QLatin1String(".aux"))) {
                QCryptographicHash tool(QCryptographicHash::Sha1);
                for (const QByteArray &line : content.split('\n')) {
                    if (isToolLine(line))
                        tool.addData(QByteArray(line + '\n'));
                }
                hashes.tool = tool.result();
            } else if (isToolInput(path)) {
                hashes.tool = hashes.all;
            }
        }
        snapshot.m_files.insert(path, hashes);
    }
    return snapshot;
}

QSet<QString> AuxFileSnapshot::paths() const
{
    QSet<QString> paths;
    for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
        paths.insert(it.key());
    return paths;
}

AuxFileSnapshot::Comparison AuxFileSnapshot::compare(const AuxFileSnapshot &before, const AuxFileSnapshot &after,
                                                     const RecorderLog &pass)
{
    Comparison result;
    QStringList rerun;
    const QSet<QString> inputs = pass.inputs();
    for (const QString &path : pass.outputs()) {
        const auto now = after.m_files.constFind(path);
        if (now == after.m_files.cend())
            continue;
        const Hashes was = before.m_files.value(path);
        if (was == *now)
            continue;
        const bool toolFile = path.endsWith(QLatin1String(".aux")) || isToolInput(path);
        if (toolFile && was.tool != now->tool)
            result.files << QFileInfo(path).fileName();
        else if (inputs.contains(path))
            rerun << QFileInfo(path).fileName();
    }
    if (!result.files.isEmpty()) {
        result.change = Change::ToolInputs;
    } else if (!rerun.isEmpty()) {
        result.change = Change::Rerun;
        result.files = rerun;
    }
    return result;
}

} // namespace coauthor::compile
