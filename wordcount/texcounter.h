// TexCounter: counts words the way TeXcount does (`texcount -inc`): words in
// text, headers and captions/footnotes, the number of headers, floats, inline
// and displayed formulas; per file, following \input, \include (and \subfile,
// \import with their packages) from the root document. Pure: the texts come
// from a TextSource, so the app can count its editors' unsaved text.
#pragma once

#include "wordcount/wordcounts.h"

#include <functional>
#include <optional>

namespace coauthor::wordcount {

class TexCounter
{
public:
    // The text of a project file ('/'-separated, relative to the project), or nothing when it does not exist.
    using TextSource = std::function<std::optional<QString>(const QString &relativePath)>;

    // One piece of LaTeX on its own (a file's text, an editor's selection); includes are not followed.
    static WordCounts countText(const QString &text);

    // The root document and, after it, every file it includes (each once; an include
    // cycle ends there), at most maxFiles files.
    static DocumentCount countDocument(const QString &rootDocument, const TextSource &source, int maxFiles = 500);
};

} // namespace coauthor::wordcount
