#include "compile/missingfile.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace coauthor::compile {

namespace {

QHash<QString, QString> loadTable()
{
    QHash<QString, QString> table;
    QFile file(QStringLiteral(":/coauthor/compile/texlive-packages.txt"));
    if (!file.open(QIODevice::ReadOnly))
        return table;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            continue;
        const QString package = line.left(colon);
        for (const QString &name : line.mid(colon + 1).split(u' ', Qt::SkipEmptyParts)) {
            if (!table.contains(name)) // the first package listed wins (the list is sorted)
                table.insert(name, package);
        }
    }
    return table;
}

} // namespace

QString MissingFile::fromMessage(const QString &message)
{
    static const QRegularExpression re(QStringLiteral("File [`']([^`'\\s]+)' not found"));
    const QRegularExpressionMatch match = re.match(message);
    return match.hasMatch() ? match.captured(1) : QString();
}

int MissingFile::lineOfUse(const QString &source, const QString &fileName)
{
    const qsizetype dot = fileName.lastIndexOf(u'.');
    const QString base = dot > 0 ? fileName.left(dot) : fileName;
    const QString extension = dot > 0 ? fileName.mid(dot + 1) : QString();
    const bool isClass = extension == QLatin1String("cls");
    // \usepackage[opts]{a,b, foo} over several lines too; comments are skipped.
    static const QRegularExpression package(QStringLiteral(
        "\\\\(usepackage|RequirePackage|RequirePackageWithOptions|documentclass|LoadClass|LoadClassWithOptions)"
        "\\s*(?:\\[[^\\]]*\\])?\\s*\\{([^}]*)\\}"));
    QString text = source;
    // Comments out, keeping line breaks so offsets still give the line.
    static const QRegularExpression comment(QStringLiteral("(?<!\\\\)%[^\\n]*"));
    text.replace(comment, QString());
    for (auto it = package.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString command = match.captured(1);
        const bool classCommand = command.startsWith(QLatin1String("documentclass")) || command.startsWith(QLatin1String("LoadClass"));
        if (!extension.isEmpty() && classCommand != isClass)
            continue;
        const QStringList names = match.captured(2).split(u',');
        for (const QString &name : names) {
            const QString trimmed = name.trimmed();
            if (trimmed == base || trimmed == fileName)
                return int(text.left(match.capturedStart(2) + match.captured(2).indexOf(trimmed)).count(u'\n')) + 1;
        }
    }
    return 0;
}

bool MissingFile::isDistributionFile(const QString &fileName)
{
    static const QStringList suffixes{QStringLiteral(".sty"), QStringLiteral(".cls"), QStringLiteral(".clo"),
                                      QStringLiteral(".def"), QStringLiteral(".fd"),  QStringLiteral(".cfg"),
                                      QStringLiteral(".bst"), QStringLiteral(".bbx"), QStringLiteral(".cbx"),
                                      QStringLiteral(".lbx"), QStringLiteral(".ist")};
    if (fileName.contains(u'/'))
        return false; // a path is the project's own (figures/plot, chapters/one.tex)
    return std::any_of(suffixes.cbegin(), suffixes.cend(),
                       [&](const QString &s) { return fileName.endsWith(s, Qt::CaseInsensitive); });
}

QString MissingFile::debianPackage(const QString &fileName)
{
    static const QHash<QString, QString> table = loadTable();
    return table.value(fileName);
}

} // namespace coauthor::compile
