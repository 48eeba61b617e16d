#include "app/project/project.h"

#include "app/project/rootdocument.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace coauthor::app {

namespace {

QString suffixOf(const QString &path)
{
    return QFileInfo(path).suffix().toLower();
}

} // namespace

Project::Project(const QString &rootPath)
{
    const QFileInfo info(rootPath);
    if (rootPath.isEmpty() || !info.isDir())
        return;
    m_root = info.canonicalFilePath();
    m_id = QString::fromLatin1(
        QCryptographicHash::hash(m_root.toUtf8(), QCryptographicHash::Sha256).toHex().left(24));
}

QString Project::name() const
{
    return QFileInfo(m_root).fileName();
}

QString Project::absolutePath(const QString &relativePath) const
{
    return QDir(m_root).filePath(relativePath);
}

QString Project::relativePath(const QString &absolutePath) const
{
    if (m_root.isEmpty() || absolutePath.isEmpty())
        return {};
    QString path = QDir::cleanPath(absolutePath);
    const QFileInfo info(path);
    if (info.exists())
        path = info.canonicalFilePath();
    if (path == m_root)
        return {};
    if (!path.startsWith(m_root + u'/'))
        return {};
    return path.mid(m_root.size() + 1);
}

QStringList Project::files() const
{
    QStringList out;
    if (m_root.isEmpty())
        return out;
    QDirIterator it(m_root, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString absolute = it.next();
        const QString relative = absolute.mid(m_root.size() + 1);
        // Hidden anywhere in the path (.git/, .DS_Store) is not part of the document.
        bool hidden = false;
        for (const QString &part : relative.split(u'/')) {
            if (part.startsWith(u'.')) {
                hidden = true;
                break;
            }
        }
        if (hidden || isBuildProduct(relative))
            continue;
        out << relative;
    }
    // The iterator skips hidden files (and must: .git can be huge); the shared ones are named.
    for (const QString &shared : sharedSettingsFiles()) {
        if (QFileInfo(QDir(m_root).filePath(shared)).isFile())
            out << shared;
    }
    out.sort();
    return out;
}

QString Project::findRootDocument(const RootHints &hints) const
{
    return app::findRootDocument(m_root, files(), hints);
}

QString Project::findRootDocument(const QString &preferred) const
{
    RootHints hints;
    hints.preferred = preferred;
    return findRootDocument(hints);
}

QStringList Project::sharedSettingsFiles()
{
    return {QStringLiteral(".coauthor-project.json"), QStringLiteral(".coauthor-dictionary")};
}

bool Project::isTextFile(const QString &path)
{
    static const QSet<QString> suffixes = {
        QStringLiteral("tex"), QStringLiteral("bib"), QStringLiteral("sty"), QStringLiteral("cls"),
        QStringLiteral("bst"), QStringLiteral("bbx"), QStringLiteral("cbx"), QStringLiteral("dtx"),
        QStringLiteral("ins"), QStringLiteral("ltx"), QStringLiteral("txt"), QStringLiteral("md"),
        QStringLiteral("cfg"), QStringLiteral("def"), QStringLiteral("clo"), QStringLiteral("tikz"),
        QStringLiteral("csv"), QStringLiteral("dat"), QStringLiteral("latexmkrc"),
        QStringLiteral("lua"), QStringLiteral("py"), QStringLiteral("json"), QStringLiteral("xml"),
    };
    const QString name = QFileInfo(path).fileName();
    if (name == QLatin1String("latexmkrc") || name == QLatin1String("Makefile") || sharedSettingsFiles().contains(name))
        return true;
    return suffixes.contains(suffixOf(path));
}

bool Project::isImageFile(const QString &path)
{
    static const QSet<QString> suffixes = {
        QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("gif"),
        QStringLiteral("bmp"), QStringLiteral("svg"), QStringLiteral("webp"),
    };
    return suffixes.contains(suffixOf(path));
}

QString Project::portableName(const QString &name, QChar replacement)
{
    static const QRegularExpression refused(QStringLiteral("[/\\\\:*?\"<>|\\x00-\\x1f]"));
    QString out = name.simplified();
    out.replace(refused, QString(replacement));
    while (out.endsWith(u'.') || out.endsWith(u' '))
        out.chop(1);
    return out;
}

bool Project::isBuildProduct(const QString &path)
{
    static const QSet<QString> suffixes = {
        QStringLiteral("aux"), QStringLiteral("log"), QStringLiteral("fls"), QStringLiteral("fdb_latexmk"),
        QStringLiteral("bbl"), QStringLiteral("blg"), QStringLiteral("bcf"), QStringLiteral("out"),
        QStringLiteral("toc"), QStringLiteral("lof"), QStringLiteral("lot"), QStringLiteral("xdv"),
        QStringLiteral("synctex"), QStringLiteral("nav"), QStringLiteral("snm"), QStringLiteral("vrb"),
    };
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".synctex.gz")) || lower.endsWith(QLatin1String(".run.xml")))
        return true;
    return suffixes.contains(suffixOf(path));
}

} // namespace coauthor::app
