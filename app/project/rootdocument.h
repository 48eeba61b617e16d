// The root-document finder: which file of a project folder to compile. One rule
// for the app (Project::findRootDocument, CompileFeature) and for `coauthor compile`,
// so both compile the same document:
//   1. a `%!TEX root = …` magic comment at the top of the file being edited (or named),
//      relative to that file, followed from file to file;
//   2. the project's setting (.coauthor-project.json "root", ProjectSettings);
//   3. the user's earlier choice on this machine (SessionStore), for projects from before (2);
//   4. a guess: the document that \input/\include/\subfile/\import's others and that
//      no other includes (with \documentclass), then main.tex, then the only
//      \documentclass file outside subfolders, then the first one (top folder first).
#pragma once

#include <QString>
#include <QStringList>

namespace coauthor::app {

// How far a guess may look: the app offers every folder of the project;
// `coauthor compile` guesses in the top folder only and wants --main for a
// document in a subfolder, so that a script never compiles a chapter by accident.
enum class RootSearch { WholeProject, TopFolderOnly };

// What decides before the guess; each path is project-relative, '/'-separated, and
// ignored when empty, outside the project or not an existing file.
struct RootHints
{
    QString currentFile; // the file being edited or named: its %!TEX root comment is followed
    QString setting;     // the project's setting
    QString preferred;   // the user's earlier local choice
};

// The magic comments TeXstudio, TeXworks and LaTeX Workshop read in a file's first lines:
// `% !TEX root = ../paper.tex`, `%!TEX program = xelatex` (also `TS-program`),
// `% !TEX spellcheck = de_DE`. Values as written (trimmed); empty when absent.
struct MagicComments
{
    QString root;
    QString program;
    QString spellcheck;
};
MagicComments readMagicComments(const QString &text);
// The engine a `%!TEX program` names, only from the known list (pdflatex, xelatex,
// lualatex; any case): a shared file's content is untrusted. Empty when none or unknown.
QString magicProgramEngine(const QString &program);

// `root` of a `%!TEX root` comment in file `from`, as a project-relative path; empty
// when it leaves the project.
QString resolveMagicRoot(const QString &from, const QString &root);

// The document to compile among `files` ('/'-separated, relative to rootPath), by the
// order above. Empty when there is none.
QString findRootDocument(const QString &rootPath, const QStringList &files, const RootHints &hints = {},
                         RootSearch search = RootSearch::WholeProject);

// The project files a .tex file includes (\input, \include, \subfile, \import, \subimport,
// \includestandalone), resolved against its own folder and the project's top folder.
QStringList includedFiles(const QString &rootPath, const QString &file, const QStringList &files);

} // namespace coauthor::app
