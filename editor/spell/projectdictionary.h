// ProjectDictionary: the project's own words, kept in `.coauthor-dictionary`
// at the project root: one word per line, UTF-8, sorted by code point (the
// same order on every collaborator's machine, whatever their locale), so that
// two people adding words make edits that merge.
#pragma once

#include <QString>
#include <QStringList>

namespace coauthor::spell {

class ProjectDictionary
{
public:
    static QString fileName() { return QStringLiteral(".coauthor-dictionary"); }

    // The words of the file's text: one per line, trimmed, blank lines and
    // lines starting with '#' left out, duplicates removed.
    static QStringList parse(const QString &text);
    // The file's text for words: sorted, one per line, ending in a newline.
    static QString serialize(QStringList words);
    // Where word goes in text: the position to insert `word + "\n"` at so the
    // file stays sorted (text may not end in a newline: then *prefixNewline).
    // -1 when text already has the word.
    static int insertionPoint(const QString &text, const QString &word, bool *prefixNewline);
};

} // namespace coauthor::spell
