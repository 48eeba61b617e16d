// OutlineEntry: one sectioning command (\part .. \paragraph) found in the project,
// for the outline panel. Lines are 1-based.
#pragma once

#include <QString>

namespace coauthor::editor {

struct OutlineEntry
{
    int level = 0;  // 0 part, 1 chapter, 2 section, 3 subsection, 4 subsubsection, 5 paragraph
    QString title;  // the long title, as written (LaTeX source, trimmed)
    QString file;   // project-relative, '/' separated
    int line = 0;   // 1-based line of the sectioning command

    bool operator==(const OutlineEntry &) const = default;
};

} // namespace coauthor::editor
