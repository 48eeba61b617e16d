// WordCounts: what TeXcount counts in one piece of LaTeX (a file, a selection,
// a whole document), and DocumentCount, the counts of a root document and the
// files it includes.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace coauthor::wordcount {

struct WordCounts
{
    int textWords = 0;    // words in the running text
    int headerWords = 0;  // words in \section{...}, \title{...}, ...
    int captionWords = 0; // words in captions, footnotes and margin notes ("other words")
    int headers = 0;
    int floats = 0; // figure, table, ... environments
    int inlineMath = 0;
    int displayMath = 0;

    // TeXcount's "Words in text + headers + captions".
    int words() const { return textWords + headerWords + captionWords; }
    WordCounts &operator+=(const WordCounts &other);
    bool operator==(const WordCounts &other) const = default;
    QJsonObject toJson() const;
};

struct FileCount
{
    QString path; // project-relative, '/'-separated
    WordCounts counts;
};

struct DocumentCount
{
    QList<FileCount> files; // the root first, then the included files in the order TeXcount lists them
    WordCounts total;
    QStringList missing; // included files that were not found
    QJsonObject toJson() const;
};

} // namespace coauthor::wordcount
