#include "app/project/rootdocument.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace coauthor::app {

namespace {

// Large enough for any preamble and a long chapter; a huge generated file is not read whole.
constexpr qint64 maxReadBytes = 2 * 1024 * 1024;
constexpr int magicCommentLines = 20;
constexpr int maxMagicHops = 8;

QString readHead(const QString &absolutePath, qint64 bytes = maxReadBytes)
{
    QFile file(absolutePath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(bytes));
}

// The text without its comments (a % not preceded by a backslash starts one).
QString withoutComments(const QString &text)
{
    static const QRegularExpression comment(QStringLiteral("(?<!\\\\)%[^\\n]*"));
    QString out = text;
    out.remove(comment);
    return out;
}

bool hasDocumentClass(const QString &text)
{
    static const QRegularExpression documentClass(QStringLiteral("\\\\documentclass\\b"));
    return documentClass.match(withoutComments(text)).hasMatch();
}

bool isTex(const QString &path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("tex"), Qt::CaseInsensitive) == 0;
}

// folder + name cleaned, or empty when it leaves the project.
QString insideProject(const QString &folder, const QString &name)
{
    if (name.isEmpty() || QDir::isAbsolutePath(name) || name.contains(u'\\') || name.contains(u':'))
        return {};
    const QString path = QDir::cleanPath(folder.isEmpty() ? name : folder + u'/' + name);
    if (path == QLatin1String(".") || path == QLatin1String("..") || path.startsWith(QLatin1String("../"))
        || QDir::isAbsolutePath(path))
        return {};
    return path;
}

QString folderOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.left(slash);
}

bool existsIn(const QString &rootPath, const QString &relative)
{
    return !relative.isEmpty() && QFileInfo(QDir(rootPath).filePath(relative)).isFile();
}

QString followMagicRoot(const QString &rootPath, QString file)
{
    QSet<QString> visited;
    for (int hop = 0; hop < maxMagicHops && existsIn(rootPath, file) && !visited.contains(file); ++hop) {
        visited.insert(file);
        const MagicComments magic = readMagicComments(readHead(QDir(rootPath).filePath(file), 16 * 1024));
        const QString next = resolveMagicRoot(file, magic.root);
        if (next.isEmpty() || !existsIn(rootPath, next))
            return hop == 0 ? QString() : file;
        file = next;
    }
    return existsIn(rootPath, file) ? file : QString();
}

// The guess: see rootdocument.h (4).
QString guessRoot(const QString &rootPath, const QStringList &files, RootSearch search)
{
    QStringList texFiles;
    for (const QString &file : files) {
        if (isTex(file))
            texFiles << file;
    }
    texFiles.sort();
    std::stable_sort(texFiles.begin(), texFiles.end(),
                     [](const QString &a, const QString &b) { return a.count(u'/') < b.count(u'/'); });

    QHash<QString, QStringList> includes;
    QSet<QString> included;
    QStringList candidates;
    const QDir root(rootPath);
    for (const QString &file : std::as_const(texFiles)) {
        const QStringList inc = includedFiles(rootPath, file, files);
        includes.insert(file, inc);
        for (const QString &target : inc) {
            if (target != file)
                included.insert(target);
        }
        if ((search == RootSearch::WholeProject || !file.contains(u'/')) && hasDocumentClass(readHead(root.filePath(file))))
            candidates << file;
    }
    if (candidates.isEmpty())
        return {};

    // How many files a document reaches through its includes.
    auto reach = [&](const QString &start) {
        QSet<QString> seen{start};
        QStringList pending{start};
        while (!pending.isEmpty()) {
            for (const QString &next : includes.value(pending.takeLast())) {
                if (!seen.contains(next)) {
                    seen.insert(next);
                    pending << next;
                }
            }
        }
        return seen.size() - 1;
    };
    QString best;
    int bestReach = 0;
    for (const QString &file : std::as_const(candidates)) {
        if (included.contains(file))
            continue;
        const int r = reach(file);
        if (r > bestReach || (r == bestReach && r > 0 && file == QLatin1String("main.tex"))) {
            best = file;
            bestReach = r;
        }
    }
    if (!best.isEmpty())
        return best;
    if (candidates.contains(QStringLiteral("main.tex")) || existsIn(rootPath, QStringLiteral("main.tex")))
        return QStringLiteral("main.tex");
    QStringList top;
    for (const QString &file : std::as_const(candidates)) {
        if (!file.contains(u'/'))
            top << file;
    }
    if (top.size() == 1)
        return top.first();
    return candidates.first();
}

} // namespace

MagicComments readMagicComments(const QString &text)
{
    static const QRegularExpression magic(QStringLiteral("^\\s*%+\\s*!\\s*T[Ee]X\\s+([A-Za-z-]+)\\s*=\\s*(.*?)\\s*$"));
    MagicComments out;
    const QStringList lines = text.left(8192).split(u'\n');
    for (qsizetype i = 0; i < lines.size() && i < magicCommentLines; ++i) {
        const QRegularExpressionMatch m = magic.match(lines[i]);
        if (!m.hasMatch())
            continue;
        const QString key = m.captured(1).toLower();
        const QString value = m.captured(2);
        if (key == QLatin1String("root") && out.root.isEmpty())
            out.root = value;
        else if ((key == QLatin1String("program") || key == QLatin1String("ts-program")) && out.program.isEmpty())
            out.program = value;
        else if (key == QLatin1String("spellcheck") && out.spellcheck.isEmpty())
            out.spellcheck = value;
    }
    return out;
}

QString magicProgramEngine(const QString &program)
{
    const QString name = program.trimmed().toLower();
    for (const char *known : {"pdflatex", "xelatex", "lualatex", "uplatex"}) {
        if (name == QLatin1String(known))
            return name;
    }
    return {};
}

QString resolveMagicRoot(const QString &from, const QString &root)
{
    return insideProject(folderOf(from), root.trimmed());
}

QStringList includedFiles(const QString &rootPath, const QString &file, const QStringList &files)
{
    static const QRegularExpression single(QStringLiteral(
        "\\\\(?:input|include|subfile|includestandalone|subfileinclude)\\s*(?:\\[[^\\]]*\\])?\\s*\\{([^{}]+)\\}"));
    static const QRegularExpression bare(QStringLiteral("\\\\input\\s+([^\\s{}%\\\\]+)"));
    static const QRegularExpression twoPart(QStringLiteral(
        "\\\\(?:sub)?(?:import|inputfrom|includefrom)\\*?\\s*\\{([^{}]*)\\}\\s*\\{([^{}]+)\\}"));
    const QSet<QString> known(files.cbegin(), files.cend());
    const QString text = withoutComments(readHead(QDir(rootPath).filePath(file)));
    const QString folder = folderOf(file);
    QStringList out;
    auto add = [&](const QStringList &folders, const QString &name) {
        for (const QString &base : folders) {
            for (const QString &candidate : QStringList{name, name + QStringLiteral(".tex")}) {
                const QString path = insideProject(base, candidate);
                if (!path.isEmpty() && known.contains(path)) {
                    if (!out.contains(path))
                        out << path;
                    return;
                }
            }
        }
    };
    for (const QRegularExpression *re : {&single, &bare}) {
        for (auto it = re->globalMatch(text); it.hasNext();)
            add({folder, QString()}, it.next().captured(1).trimmed());
    }
    for (auto it = twoPart.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString dir = m.captured(1).trimmed();
        add({insideProject(folder, dir), insideProject(QString(), dir)}, m.captured(2).trimmed());
    }
    return out;
}

QString findRootDocument(const QString &rootPath, const QStringList &files, const RootHints &hints, RootSearch search)
{
    if (rootPath.isEmpty())
        return {};
    if (!hints.currentFile.isEmpty()) {
        const QString followed = followMagicRoot(rootPath, insideProject(QString(), hints.currentFile));
        if (!followed.isEmpty())
            return followed;
    }
    for (const QString &choice : QStringList{hints.setting, hints.preferred}) {
        const QString path = insideProject(QString(), choice);
        if (existsIn(rootPath, path))
            return path;
    }
    return guessRoot(rootPath, files, search);
}

} // namespace coauthor::app
