#pragma once

#include "compile/auxfilesnapshot.h"
#include "compile/compilerequest.h"
#include "compile/preambleformat.h"
#include "compile/texprocess.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace coauthor::compile {

// An incremental compile's fast path. When the service knows what changed (it wrote the
// files; the compile directory holds a complete earlier build with the same engine and
// options), it runs the engine itself with latexmk's flags and its own rerun logic: a
// pass, then another while the files a pass wrote and read back (.aux, .toc, .lof, .out …)
// change, at most maxPasses. After a pass with errors nothing reruns, as with latexmk (-f or
// -halt-on-error). Whatever needs a decision goes to latexmk: a changed tool input
// (citations, .bcf, .idx, .nlo, .glo), a missing .bbl/.ind/.nls, a first build, changed
// settings, a changed non-TeX file (.bib, .bst, .ist …), upLaTeX. With EngineWithFormat the passes run on the project's PreambleFormat once it
// is verified; a new one is dumped beside the first pass and verified after the build is
// published (verifyFormat). With EngineWithFormat, an edit inside \include'd chapters only is
// first tried as a splice (IncludeSplice: those chapters typeset alone, their pages put into
// the last complete build), which falls back to the passes above when it cannot be exact.
class FastRecompile
{
public:
    enum class Strategy { Latexmk, Engine, EngineWithFormat };
    static constexpr int maxPasses = 4;

    struct Setup
    {
        QString projectRoot; // the project's folder under the cache root
        QString workDir; // the root document's folder in the compile directory
        CompileRequest request;
        QStringList writtenPaths; // what the incremental sync wrote
        Strategy strategy = Strategy::EngineWithFormat;
        bool completeBuild = false; // takeBuildRecord(): a complete build with these settings was there
        QString compileDir; // the compile directory (workDir or above it): where a sandboxed pass may write
        const Sandbox *sandbox = nullptr; // not owned: when set, every process of the fast path runs inside it
    };
    explicit FastRecompile(Setup setup);
    ~FastRecompile();
    FastRecompile(const FastRecompile &) = delete;
    FastRecompile &operator=(const FastRecompile &) = delete;

    // Empty when the engine may run directly; else why latexmk decides.
    QString latexmkReason() const;

    struct Outcome
    {
        bool settled = false; // run is the compile's; false: latexmk must decide (the transcript says why)
        TexProcess::Run run; // every pass's transcript; end and exit code of the last step
        int passes = 0;
        bool usedFormat = false;
        bool spliced = false; // only edited \include's were typeset (IncludeSplice)
    };
    Outcome run(const std::atomic_bool *cancel, qint64 timeoutMs);

    // After a settled run was published: a format not yet verified gets one pass with it,
    // compared with the build (PDF text and page count through pdftotext, the log's
    // problems, the aux files); the build's aux files and .fls are put back afterwards.
    // Returns false when that failed (the next compile then goes through latexmk).
    // Appends to *transcript.
    bool verifyFormat(const QString &pdfPath, const QString &logPath, const std::atomic_bool *cancel,
                      qint64 timeoutMs, QByteArray *transcript);

    // The record of a complete build in the compile directory, with its settings: taken
    // (removed) when a compile starts, written again when it ended with a complete build.
    // True when it was there with the request's settings.
    static bool takeBuildRecord(const QString &projectRoot, const CompileRequest &request);
    static void recordBuild(const QString &projectRoot, const CompileRequest &request);

    // The settled run only typeset edited \include's and spliced them into the last build.
    bool spliced() const { return m_spliced; }

private:
    // What the passes do with the preamble format.
    enum class FormatPlan { None, Use, Dump };
    QString rootFile() const;
    FormatPlan planFormat(QByteArray *transcript);
    Outcome passes(const QString &formatFile, const std::atomic_bool *cancel, qint64 timeoutMs);
    // An engine pass's (and xdvipdfmx's, pdftotext's) confinement: the compile directory writable.
    TexProcess::Confinement passConfinement(const QStringList &readOnlyPaths = {}) const;
    std::optional<QByteArray> pdfText(const QString &pdfPath, const std::atomic_bool *cancel) const;

    Setup m_setup;
    std::unique_ptr<PreambleFormat> m_format;
    QByteArray m_formatKey;
    bool m_verifyPending = false;
    bool m_spliced = false;
    AuxFileSnapshot m_lastSnapshot;
};

} // namespace coauthor::compile
