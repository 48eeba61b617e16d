#include "app/project/rootdocument.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace coauthor::app {

namespace {

bool hasDocumentClass(const QString &absolutePath)
{
    QFile file(absolutePath);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    // The preamble is at the top; a large chapter file need not be read whole.
    const QString head = QString::fromUtf8(file.read(64 * 1024));
    const QStringList lines = head.split(u'\n');
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u'%'))
            continue;
        if (trimmed.contains(QLatin1String("\\documentclass")))
            return true;
    }
    return false;
}

} // namespace

QString findRootDocument(const QString &rootPath, const QStringList &files, const QString &preferred, RootSearch search)
{
    if (rootPath.isEmpty())
        return {};
    const QDir root(rootPath);
    if (!preferred.isEmpty() && QFileInfo::exists(root.filePath(preferred)))
        return preferred;
    if (QFileInfo::exists(root.filePath(QStringLiteral("main.tex"))))
        return QStringLiteral("main.tex");
    QStringList candidates;
    for (const QString &file : files) {
        if (QFileInfo(file).suffix().toLower() != QLatin1String("tex"))
            continue;
        if (search == RootSearch::TopFolderOnly && file.contains(u'/'))
            continue;
        candidates << file;
    }
    // Top-level files before those in subfolders, then alphabetical.
    candidates.sort();
    std::stable_sort(candidates.begin(), candidates.end(), [](const QString &a, const QString &b) {
        return a.count(u'/') < b.count(u'/');
    });
    for (const QString &file : candidates) {
        if (hasDocumentClass(root.filePath(file)))
            return file;
    }
    return {};
}

} // namespace coauthor::app
