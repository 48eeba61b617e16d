#include "tests/support/goldenfile.h"

#include "tests/support/testfiles.h"

#include <QDir>
#include <QFileInfo>

namespace coauthor::test {

QStringList goldenInputs(const QString &dir, const QString &pattern)
{
    const QDir folder(dir);
    QStringList paths;
    for (const QString &name : folder.entryList({pattern}, QDir::Files, QDir::Name))
        paths.append(folder.filePath(name));
    return paths;
}

QString referencePath(const QString &input, const QString &referenceSuffix)
{
    const QFileInfo info(input);
    return info.dir().filePath(info.completeBaseName() + referenceSuffix);
}

QString compareWithReference(const QString &actual, const QString &referencePath)
{
    if (qEnvironmentVariableIntValue("COAUTHOR_UPDATE_REFERENCES") == 1) {
        if (!writeText(referencePath, actual))
            return QStringLiteral("cannot write %1").arg(referencePath);
        qInfo("updated %s", qPrintable(referencePath));
        return {};
    }
    const QString expected = readText(referencePath);
    if (expected.isEmpty() && !actual.isEmpty())
        return QStringLiteral("missing reference %1").arg(referencePath);
    const QStringList a = actual.split(u'\n');
    const QStringList e = expected.split(u'\n');
    for (qsizetype i = 0; i < std::max(a.size(), e.size()); ++i) {
        if (a.value(i) != e.value(i) || i >= a.size() || i >= e.size())
            return QStringLiteral("%1 line %2:\n  expected: %3\n  actual:   %4")
                .arg(referencePath)
                .arg(i + 1)
                .arg(i < e.size() ? e.at(i) : QStringLiteral("(end)"), i < a.size() ? a.at(i) : QStringLiteral("(end)"));
    }
    return {};
}

} // namespace coauthor::test
