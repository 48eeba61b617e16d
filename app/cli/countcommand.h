#pragma once

#include <QStringList>

namespace coauthor::cli {

// `coauthor count PATH [--main FILE] [--json]`: counts words as TeXcount does
// (texcount -inc): per file and in total, following \input/\include from the root.
// PATH is a project folder (its root found as `coauthor compile` finds it) or a .tex
// file (counted from there, unless its %!TEX root names another).
// Exit codes: 0 counted, 2 bad usage or no root document.
class CountCommand
{
public:
    enum ExitCode { Success = 0, Usage = 2 };

    // arguments: what follows "count".
    static int run(const QStringList &arguments);
    static QString help();
};

} // namespace coauthor::cli
