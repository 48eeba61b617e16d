#include "editor/spell/projectdictionary.h"

#include <algorithm>

namespace coauthor::spell {

QStringList ProjectDictionary::parse(const QString &text)
{
    QStringList words;
    for (const QStringView line : QStringView(text).tokenize(u'\n')) {
        const QStringView word = line.trimmed();
        if (!word.isEmpty() && !word.startsWith(u'#'))
            words.append(word.toString());
    }
    words.removeDuplicates();
    return words;
}

QString ProjectDictionary::serialize(QStringList words)
{
    words.removeDuplicates();
    std::sort(words.begin(), words.end()); // by code point: the same order everywhere
    QString text;
    for (const QString &word : std::as_const(words)) {
        const QString trimmed = word.trimmed();
        if (!trimmed.isEmpty())
            text += trimmed + u'\n';
    }
    return text;
}

int ProjectDictionary::insertionPoint(const QString &text, const QString &word, bool *prefixNewline)
{
    *prefixNewline = false;
    int position = 0;
    for (const QStringView line : QStringView(text).tokenize(u'\n')) {
        const QStringView existing = line.trimmed();
        if (existing == word)
            return -1;
        if (!existing.isEmpty() && !existing.startsWith(u'#') && QStringView(word) < existing)
            return position;
        position += int(line.size()) + 1;
    }
    // After the last line.
    if (!text.isEmpty() && !text.endsWith(u'\n'))
        *prefixNewline = true;
    return int(text.size());
}

} // namespace coauthor::spell
