// ScannedFile: the facts ProjectIndex keeps about one file, and the scanners
// that extract them from LaTeX (comments skipped) and BibTeX text.
#pragma once

#include "editor/outlineentry.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QString>

namespace coauthor::editor {

struct ScannedFile
{
    struct Key
    {
        QString key;
        int line = 0; // 1-based
    };
    // An \input-like reference; "line" orders it among the sections.
    struct Include
    {
        QString target; // as written, e.g. "chapters/intro" or "dir/" + "file" for \import
        int line = 0;
        bool relativeToFile = false; // \subimport, \subfile: relative to the including file
    };

    // What a .bib entry says about the work, for the \cite popup: the fields
    // as plain text (braces and common accent commands resolved).
    struct BibEntry
    {
        QStringList authors; // last names, in order (editors when there are no authors)
        QString title;
        QString year; // the year field, or the year of the date field
    };

    QList<Key> labels;
    QList<Key> citations; // bib entry keys and \bibitem keys
    QStringList commands; // \newcommand{\foo} -> "foo"
    QStringList environments;
    QList<OutlineEntry> sections; // file left empty; the index fills it in
    QList<Include> includes;
    QHash<QString, BibEntry> bibEntries; // by citation key, from .bib files

    static ScannedFile scanLatex(const QString &text);
    static ScannedFile scanBibtex(const QString &text);
};

} // namespace coauthor::editor
