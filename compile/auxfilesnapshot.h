#pragma once

#include "compile/recorderlog.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace coauthor::compile {

// What decides whether an engine pass must be followed by another one or by a tool:
// hashes of the files the pass writes, taken before and after it.
// - Rerun: a file the pass wrote and also read back (.aux, .toc, .lof, .lot, .out, an
//   \include's .aux …) changed, as latexmk decides from the .fls.
// - ToolInputs: what bibtex, biber, makeindex, nomencl, glossaries or bib2gls read
//   changed: the citation lines of any .aux (\citation, \bibdata, \bibstyle, biblatex's
//   \abx@aux@cite, glossaries-extra's records), a .bcf, .idx, .nlo, .glo, .acn.
//   The service then lets latexmk decide (it runs the tool and the passes after it).
class AuxFileSnapshot
{
public:
    // Hashes the given files (absolute paths; a missing one is recorded as missing).
    static AuxFileSnapshot take(const QSet<QString> &paths);

    enum class Change { None, Rerun, ToolInputs };
    struct Comparison
    {
        Change change = Change::None;
        QStringList files; // what changed, for the transcript
    };
    // pass: the .fls of the pass that ran between before and after.
    static Comparison compare(const AuxFileSnapshot &before, const AuxFileSnapshot &after, const RecorderLog &pass);

    // True for names whose content is a tool's input (idx, nlo, glo, acn, bcf …).
    static bool isToolInput(const QString &path);

    QSet<QString> paths() const;

private:
    struct Hashes
    {
        bool exists = false;
        QByteArray all; // the whole content
        QByteArray tool; // the lines a tool reads (.aux) or the whole content (tool inputs)
        bool operator==(const Hashes &) const = default;
    };
    QHash<QString, Hashes> m_files;
};

} // namespace coauthor::compile
