#pragma once

#include "compile/compilerequest.h"

#include <QString>

namespace coauthor::compile {

// The compile service's own latexmkrc, as Overleaf's clsi has one: rules for nomencl
// (nlo → nls), glossaries (glo → gls, acn → acr), bib2gls with full shell escape and, for
// upLaTeX, the DVI route (multibib and bibtopic need none: latexmk runs their bibtex). latexmk
// reads it with `-norc -r FILE`, so a project's own latexmkrc (Perl a collaborator can
// write) still never runs. The file lives beside the compile directory, never inside it.
class BuiltInRules
{
public:
    // The Perl text for these options. Every rule runs its program without a shell, on the
    // job's own files (the job is always "output"), so no name from a document reaches a shell.
    static QString text(const CompileOptions &options);

    // Whether bib2gls can run here (its script and the Java it starts); without it the
    // bib2gls rule is left out.
    static bool bib2glsInstalled();

    // Writes text(options) to path (only when it changed). False when it cannot be written.
    static bool write(const QString &path, const CompileOptions &options);
};

} // namespace coauthor::compile
