// ProjectIndex: what completion and the outline need to know about a whole
// project (labels, citation keys, user commands, sections, \input structure),
// kept up to date file by file as the app feeds it the current texts.
#pragma once

#include "editor/outlineentry.h"
#include "editor/scannedfile.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace coauthor::editor {

class ProjectIndex : public QObject
{
    Q_OBJECT
public:
    // A place in the project where a key (label, bib entry) is defined.
    struct Location
    {
        QString file;
        int line = 0; // 1-based
    };

    explicit ProjectIndex(QObject *parent = nullptr);
    ~ProjectIndex() override;

    // relativePath is project-relative with '/' separators. Files ending in
    // ".bib" are read as BibTeX, everything else as LaTeX (comments ignored).
    void setFile(const QString &relativePath, const QString &text);
    void removeFile(const QString &relativePath);
    void clear();
    QStringList files() const;

    // Sorted, without duplicates, from every file of the project.
    QStringList labels() const;
    QStringList citationKeys() const;        // from .bib files and \bibitem
    QStringList userCommands() const;        // \newcommand & co., without the backslash
    QStringList userEnvironments() const;    // \newenvironment & co.

    std::optional<Location> labelLocation(const QString &key) const;
    std::optional<Location> citationLocation(const QString &key) const;
    // Author last names, title and year of a .bib entry (the first file in path order that has it).
    std::optional<ScannedFile::BibEntry> bibEntry(const QString &key) const;

    // The sections of the document that starts at rootFile, following
    // \input, \include, \subfile, \import and \subimport in document order.
    // A file included twice (or in a cycle) is walked once.
    QList<OutlineEntry> outline(const QString &rootFile) const;

    // The sections of one file only, without following its inputs.
    QList<OutlineEntry> fileOutline(const QString &relativePath) const;

Q_SIGNALS:
    void changed();

private:
    QString resolveInclude(const QString &fromFile, const QString &target) const;
    void appendOutline(const QString &file, QList<OutlineEntry> &out, QSet<QString> &visited, int depth) const;

    QHash<QString, ScannedFile> m_files;
};

} // namespace coauthor::editor
