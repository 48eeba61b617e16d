#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace coauthor::compile {

// UpLaTeX: Japanese (upLaTeX → DVI → dvipdfmx), latexmk's -pdfdvi with the service's own $latex.
enum class Engine { PdfLaTeX, XeLaTeX, LuaLaTeX, UpLaTeX };

// Restricted: TeX Live's default (shell_escape=p): \write18 runs only the programs of
// texmf.cnf's shell_escape_commands (repstopdf, makeindex, bibtex, kpsewhich, ...), which
// respect openout_any; EPS figures convert, nothing else runs.
// Full: \write18 is a shell (minted). Only ever set from the local user's per-project
// choice (app/compile/localbuildsettings), never from anything that arrived over the network.
enum class ShellEscape { Restricted, Full };

// Full: the compile directory is cleaned and every resource written.
// Incremental: only changed documents are written; needs the stored sync state to
// match the request (same file tree and options), otherwise the compile is a Conflict.
enum class SyncType { Full, Incremental };

// One file of the project as the compile sees it.
struct Resource
{
    QString path; // relative, '/' separated; absolute paths and ".." are rejected
    QByteArray content; // text docs (UTF-8) or bytes
    QString sourceFile; // binary file on disk to copy instead of content; empty when content is used
};

struct CompileOptions
{
    Engine engine = Engine::PdfLaTeX;
    int timeoutSeconds = 180; // values <= 0 mean the default; at most 600
    bool draft = false; // graphics as boxes (graphicx's draft option), for speed
    bool stopOnFirstError = false; // -halt-on-error instead of -f
    ShellEscape shellEscape = ShellEscape::Restricted;
};

// What to compile: a snapshot of a project's files plus how.
struct CompileRequest
{
    QString projectId; // stable id, e.g. a hash of the project folder path
    QString rootDocument; // path of one of the resources
    QList<Resource> resources;
    CompileOptions options;
    SyncType syncType = SyncType::Full;
};

QString engineName(Engine engine); // "pdflatex", "xelatex", "lualatex", "uplatex"
std::optional<Engine> engineFromName(const QString &name);

} // namespace coauthor::compile
