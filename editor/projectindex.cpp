#include "editor/projectindex.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace coauthor::editor {

namespace {

QString normalizedPath(const QString &path)
{
    QString p = QDir::cleanPath(QDir::fromNativeSeparators(path));
    if (p.startsWith(u"./"))
        p = p.mid(2);
    return p;
}

bool isBibFile(const QString &path)
{
    return path.endsWith(u".bib", Qt::CaseInsensitive);
}

QStringList sortedUnique(QStringList list)
{
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    return list;
}

} // namespace

ProjectIndex::ProjectIndex(QObject *parent) : QObject(parent) { }

ProjectIndex::~ProjectIndex() = default;

void ProjectIndex::setFile(const QString &relativePath, const QString &text)
{
    const QString path = normalizedPath(relativePath);
    m_files.insert(path, isBibFile(path) ? ScannedFile::scanBibtex(text) : ScannedFile::scanLatex(text));
    Q_EMIT changed();
}

void ProjectIndex::removeFile(const QString &relativePath)
{
    if (m_files.remove(normalizedPath(relativePath)) > 0)
        Q_EMIT changed();
}

void ProjectIndex::clear()
{
    if (m_files.isEmpty())
        return;
    m_files.clear();
    Q_EMIT changed();
}

QStringList ProjectIndex::files() const
{
    QStringList list = m_files.keys();
    list.sort();
    return list;
}

QStringList ProjectIndex::labels() const
{
    QStringList out;
    for (const ScannedFile &f : m_files) {
        for (const ScannedFile::Key &k : f.labels)
            out.append(k.key);
    }
    return sortedUnique(std::move(out));
}

QStringList ProjectIndex::citationKeys() const
{
    QStringList out;
    for (const ScannedFile &f : m_files) {
        for (const ScannedFile::Key &k : f.citations)
            out.append(k.key);
    }
    return sortedUnique(std::move(out));
}

QStringList ProjectIndex::userCommands() const
{
    QStringList out;
    for (const ScannedFile &f : m_files)
        out.append(f.commands);
    return sortedUnique(std::move(out));
}

QStringList ProjectIndex::userEnvironments() const
{
    QStringList out;
    for (const ScannedFile &f : m_files)
        out.append(f.environments);
    return sortedUnique(std::move(out));
}

namespace {

std::optional<ProjectIndex::Location> findKey(const QHash<QString, ScannedFile> &files, const QString &key,
                                              QList<ScannedFile::Key> ScannedFile::*member)
{
    // Sorted file order so the answer does not depend on hash order.
    QStringList names = files.keys();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const ScannedFile &file = *files.constFind(name);
        for (const ScannedFile::Key &k : file.*member) {
            if (k.key == key)
                return ProjectIndex::Location{name, k.line};
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<ProjectIndex::Location> ProjectIndex::labelLocation(const QString &key) const
{
    return findKey(m_files, key, &ScannedFile::labels);
}

std::optional<ProjectIndex::Location> ProjectIndex::citationLocation(const QString &key) const
{
    return findKey(m_files, key, &ScannedFile::citations);
}

std::optional<ScannedFile::BibEntry> ProjectIndex::bibEntry(const QString &key) const
{
    QStringList names = m_files.keys();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const ScannedFile &file = *m_files.constFind(name);
        if (const auto it = file.bibEntries.constFind(key); it != file.bibEntries.constEnd())
            return *it;
    }
    return std::nullopt;
}

QList<OutlineEntry> ProjectIndex::fileOutline(const QString &relativePath) const
{
    const QString path = normalizedPath(relativePath);
    QList<OutlineEntry> out = m_files.value(path).sections;
    for (OutlineEntry &e : out)
        e.file = path;
    return out;
}

QString ProjectIndex::resolveInclude(const QString &fromFile, const QString &target) const
{
    // LaTeX resolves \input against the compile directory (the project
    // root); \subfile and \subimport against the including file. Try the
    // natural one first, then the other, each with and without ".tex".
    const QString fromDir = QFileInfo(fromFile).path();
    QStringList candidates;
    const QString asWritten = normalizedPath(target);
    const QString besideFile = normalizedPath(fromDir == u"." ? target : fromDir + u'/' + target);
    for (const QString &base : {asWritten, besideFile}) {
        candidates.append(base);
        candidates.append(base + u".tex");
    }
    for (const QString &c : std::as_const(candidates)) {
        if (m_files.contains(c))
            return c;
    }
    return QString();
}

void ProjectIndex::appendOutline(const QString &file, QList<OutlineEntry> &out, QSet<QString> &visited,
                                 int depth) const
{
    // Depth bound: a pathological chain of inputs must not overflow the stack.
    if (depth > 64 || visited.contains(file))
        return;
    visited.insert(file);
    const auto it = m_files.constFind(file);
    if (it == m_files.constEnd())
        return;
    const ScannedFile &scanned = it.value();
    qsizetype s = 0;
    qsizetype inc = 0;
    // Merge sections and includes by line, sections first on the same line.
    while (s < scanned.sections.size() || inc < scanned.includes.size()) {
        const bool takeSection = inc >= scanned.includes.size()
            || (s < scanned.sections.size() && scanned.sections.at(s).line <= scanned.includes.at(inc).line);
        if (takeSection) {
            OutlineEntry e = scanned.sections.at(s++);
            e.file = file;
            out.append(e);
        } else {
            const ScannedFile::Include &include = scanned.includes.at(inc++);
            const QString resolved = resolveInclude(file, include.target);
            if (!resolved.isEmpty())
                appendOutline(resolved, out, visited, depth + 1);
        }
    }
}

QList<OutlineEntry> ProjectIndex::outline(const QString &rootFile) const
{
    QList<OutlineEntry> out;
    QSet<QString> visited;
    appendOutline(normalizedPath(rootFile), out, visited, 0);
    return out;
}

} // namespace coauthor::editor
