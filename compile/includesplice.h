#pragma once

#include "compile/compilerequest.h"
#include "compile/texprocess.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace coauthor::compile {

// An incremental compile that typesets only the \include'd chapters it changed (\includeonly,
// on the preamble format when there is one) and splices their pages into the last complete
// build's PDF and SyncTeX (spliceOutputs). Every engine pass of the fast path records where
// each \include's pages are (prepareAux: LaTeX's include hooks write \ReadonlyShipoutCounter
// to <job>.includes); a complete build's PDF, SyncTeX, log and ranges are kept as the base
// (recordBase). A splice is published only when it is what a full pass would give: no errors,
// each chapter's .aux and page count unchanged, the main .aux and the files read back
// unchanged, the pages outside the chapters the same text as the base's; and nothing is tried
// where state crosses \include boundaries outside the .aux (see unsuitableReason).
class IncludeSplice
{
public:
    // One \include of a build: its pages are first..last (1-based; first > last: none).
    struct Part
    {
        QString name; // as LaTeX knows it: the path without .tex, relative to the root's folder
        int first = 0;
        int last = 0;
        int pageCount() const { return last - first + 1; }
    };
    struct Ranges
    {
        QList<Part> parts; // in document order
        QStringList excluded; // \include's not typeset (\includeonly)
        int pages = 0; // the build's page count
    };
    // Puts the hooks (and, for a partial pass, the \includeonly list) in front of the job's
    // .aux, which LaTeX reads at \begin{document} and rewrites: with and without a format
    // alike (a format reads the root document as the job's first file, so the command line
    // cannot carry code). Any earlier such block is replaced. False when it cannot be written.
    static bool prepareAux(const QString &auxPath, const QStringList &onlyParts = {});
    // nullopt unless the file is a finished job's record (its last line gives the page count).
    static std::optional<Ranges> readRanges(const QString &path);

    // After a complete build from the fast path (its passes wrote output.includes): its
    // outputs become the base of later splices (hard links in projectRoot/splicebase).
    // Any other complete build (latexmk's) forgets the base.
    static void recordBase(const QString &projectRoot, const QString &workDir, bool spliced);
    static void forgetBase(const QString &projectRoot);

    struct Setup
    {
        QString projectRoot;
        QString workDir; // the root document's folder in the compile directory
        QString compileDir;
        QString rootFile; // its name in workDir
        CompileOptions options;
        QStringList writtenPaths; // relative to the compile directory
        QString formatFile; // a verified preamble format, or empty
        TexProcess::Confinement confinement;
    };
    explicit IncludeSplice(Setup setup);

    // Empty when a splice may be tried; else why not (for the transcript).
    QString unsuitableReason();

    struct Outcome
    {
        bool spliced = false; // output.pdf, output.synctex.gz and output.log are the compile's
        QString fallbackReason; // why not, when the partial pass ran
        TexProcess::Run run;
    };
    Outcome run(const std::atomic_bool *cancel, qint64 timeoutMs);

private:
    QString baseDir() const;
    QString fallback(Outcome &outcome, const QString &reason);
    QString checkPartialPass(const Ranges &partial, const std::atomic_bool *cancel, QList<int> *partToBase,
                             QList<int> *replacing);
    QByteArray mergedLog(const QByteArray &partialLog) const;
    std::optional<QList<QByteArray>> pageTexts(const QString &pdf, const std::atomic_bool *cancel) const;

    Setup m_setup;
    Ranges m_base;
    QStringList m_edited; // the parts the compile changed
    QHash<QString, QByteArray> m_savedAux; // their .aux before the partial pass
    QByteArray m_spliceText; // the spliced build's pdftotext pages
};

} // namespace coauthor::compile
