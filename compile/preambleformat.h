#pragma once

#include "compile/compilerequest.h"
#include "compile/texprocess.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>

namespace coauthor::compile {

// A project's precompiled preamble: the root document's preamble and everything it
// loads, dumped once into a pdfTeX format with mylatexformat (texlive-latex-extra), so
// that a recompile typesets only the body. Lives beside the compile directory (folder/,
// the dump in folder/dump/ where TeX may write, this record in folder/format.json where
// it may not), survives full compiles, and is keyed by a hash of the preamble's text, the
// options and the day (\today in a preamble) and by the content of every file the dump
// read (its .fls: packages, classes, the project's own .sty/.tex, pdflatex.fmt itself).
// A new format is Unverified until a pass with it gave the same PDF text, page count,
// problems and aux files as a pass without it (FastRecompile); a preamble that cannot be
// dumped (an error while dumping, a file written in the preamble, e.g. filecontents) or
// that fails the check is Rejected for that key: no retry until the preamble changes.
// pdfLaTeX only: XeTeX cannot dump native (fontspec) fonts, LuaTeX does not dump its Lua state.
class PreambleFormat
{
public:
    enum class State { None, Unverified, Verified, Rejected };

    explicit PreambleFormat(const QString &folder);

    // Empty when the document can have a format, else why not (for the transcript).
    static QString unsupportedReason(const QByteArray &rootText, const CompileOptions &options);

    // The preamble's key: its text (up to the line of \begin{document} or \endofdump, which
    // is where mylatexformat stops), the options that shape it and today's date.
    static QByteArray keyFor(const QByteArray &rootText, const CompileOptions &options);

    // The record's state for this key: None when there is no format for it, or when a file
    // the dump read has changed since.
    State state(const QByteArray &key);
    QString rejectedReason() const { return m_reason; }
    QString formatFile() const;

    struct Dump
    {
        bool ok = false;
        QString message; // for the transcript
        TexProcess::Run run;
    };
    // Dumps the preamble of workDir/rootFile and records the result (Unverified or Rejected).
    // confinement: with a sandbox, what the dump may read besides the system (the compile
    // directory); it writes only its own folder (dump/), never this record nor workDir.
    Dump dump(const QString &workDir, const QString &rootFile, const QString &rootPath, const CompileOptions &options,
              const QByteArray &key, qint64 timeoutMs, const std::atomic_bool *cancel,
              TexProcess::Confinement confinement = {});

    void markVerified();
    void markRejected(const QString &reason);

private:
    struct Dependency
    {
        QString path;
        qint64 size = 0;
        qint64 modifiedMs = 0;
        QByteArray sha256;
    };
    bool load();
    bool save() const;

    QString m_folder;
    QByteArray m_key;
    State m_state = State::None;
    QString m_reason;
    QList<Dependency> m_dependencies;
};

} // namespace coauthor::compile
