#include "app/compile/problemmapper.h"

#include "app/project/project.h"
#include "compile/missingfile.h"

#include <QDir>
#include <QFileInfo>

namespace coauthor::app {

namespace {

Problem::Kind kindOf(compile::LogEntry::Level level)
{
    switch (level) {
    case compile::LogEntry::Level::Error:
        return Problem::Kind::Error;
    case compile::LogEntry::Level::Warning:
        return Problem::Kind::Warning;
    case compile::LogEntry::Level::Typesetting:
        return Problem::Kind::BadBox;
    }
    return Problem::Kind::Error;
}

editor::Diagnostic::Severity severityOf(Problem::Kind kind)
{
    switch (kind) {
    case Problem::Kind::Error:
        return editor::Diagnostic::Severity::Error;
    case Problem::Kind::Warning:
        return editor::Diagnostic::Severity::Warning;
    case Problem::Kind::BadBox:
        return editor::Diagnostic::Severity::BadBox;
    }
    return editor::Diagnostic::Severity::Error;
}

// Path below dir, or empty when path is not inside it.
QString below(const QString &path, const QString &dir)
{
    if (dir.isEmpty())
        return {};
    const QString clean = QDir::cleanPath(dir);
    if (path.startsWith(clean + u'/'))
        return path.mid(clean.size() + 1);
    // The log may name the compile directory through a symlink, or the other way round.
    const QString canonical = QFileInfo(clean).canonicalFilePath();
    if (!canonical.isEmpty() && canonical != clean && path.startsWith(canonical + u'/'))
        return path.mid(canonical.size() + 1);
    return {};
}

} // namespace

QString ProblemMapper::projectPath(const QString &logFile, const Project &project, const QString &compileDir)
{
    if (logFile.isEmpty() || !project.isValid())
        return {};
    QString path = QDir::cleanPath(QDir::fromNativeSeparators(logFile));
    QString relative;
    if (QDir::isAbsolutePath(path)) {
        relative = below(path, compileDir);
        if (relative.isEmpty())
            relative = project.relativePath(path);
    } else {
        relative = path;
    }
    while (relative.startsWith(QLatin1String("./")))
        relative = relative.mid(2);
    if (relative.isEmpty() || relative.startsWith(QLatin1String("..")))
        return {};
    // TeX often names "sections/intro" for sections/intro.tex.
    if (!QFileInfo::exists(project.absolutePath(relative))
        && QFileInfo::exists(project.absolutePath(relative + QStringLiteral(".tex"))))
        relative += QStringLiteral(".tex");
    return QFileInfo::exists(project.absolutePath(relative)) ? relative : QString();
}

QString ProblemMapper::missingFileHint(const QString &fileName)
{
    const QString package = compile::MissingFile::debianPackage(fileName);
    const QString finding = tr("Debian/Ubuntu: apt-file search %1; TeX Live: tlmgr search --global --file %1; "
                               "MiKTeX installs it on first use.")
                                .arg(fileName);
    if (!package.isEmpty())
        return tr("%1 is in the TeX Live package %2 (Debian: sudo apt install %2). %3").arg(fileName, package, finding);
    return tr("Install the TeX Live package that provides %1 (%2)").arg(fileName, finding);
}

QString ProblemMapper::hintText(const compile::LogEntry &entry)
{
    const char *source = compile::hintSourceText(entry.hint);
    return source ? compile::hintText(entry, QCoreApplication::translate(compile::hintContext, source)) : QString();
}

QList<Problem> ProblemMapper::fromLog(const QList<compile::LogEntry> &entries, const Project &project,
                                      const QString &compileDir)
{
    QList<Problem> out;
    out.reserve(entries.size());
    for (const compile::LogEntry &entry : entries) {
        Problem p;
        p.kind = kindOf(entry.level);
        p.file = projectPath(entry.file, project, compileDir);
        p.line = entry.line;
        p.message = entry.message.trimmed();
        const QString missing = compile::MissingFile::fromMessage(p.message);
        if (!missing.isEmpty() && compile::MissingFile::isDistributionFile(missing)) {
            // The list shows the first line: the package to install, where it is known.
            const QString package = compile::MissingFile::debianPackage(missing);
            p.message += u' '
                + (package.isEmpty() ? tr("(install the TeX Live package that provides it)")
                                     : tr("(install %1)").arg(package));
            p.message += u'\n' + missingFileHint(missing);
        }
        if (entry.hint != compile::LogHint::None)
            p.message += u' ' + hintText(entry);
        p.raw = entry.raw;
        out << p;
    }
    // Errors first, then warnings, then bad boxes; the log's order within each.
    std::stable_sort(out.begin(), out.end(), [](const Problem &a, const Problem &b) { return a.kind < b.kind; });
    return out;
}

QHash<QString, QList<editor::Diagnostic>> ProblemMapper::diagnosticsByFile(const QList<Problem> &problems)
{
    QHash<QString, QList<editor::Diagnostic>> out;
    for (const Problem &p : problems) {
        if (p.file.isEmpty() || p.line <= 0)
            continue;
        out[p.file] << editor::Diagnostic{severityOf(p.kind), p.line, p.message};
    }
    return out;
}

} // namespace coauthor::app
