// LatexVocabulary: the built-in words offered by completion — common LaTeX
// commands (kernel, amsmath/amssymb, graphicx, hyperref, biblatex/natbib,
// siunitx, xcolor, booktabs, cleveref, ...) and environments.
#pragma once

#include <QStringList>

namespace coauthor::editor {

class LatexVocabulary
{
public:
    // Command entries without the backslash. An entry may end with argument
    // placeholders "{}" or "[]{}" that completion inserts after the name
    // (e.g. "textbf{}"); name(entry) strips them.
    static const QStringList &commands();
    static const QStringList &environments();
    static QString name(const QString &entry);
};

} // namespace coauthor::editor
