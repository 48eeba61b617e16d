// The root-document finder: which file of a project folder to compile when
// none is named. One rule for the app (Project::findRootDocument) and for
// `coauthor compile`, so both compile the same document.
#pragma once

#include <QString>
#include <QStringList>

namespace coauthor::app {

// How far a guess may look: the app offers every folder of the project;
// `coauthor compile` guesses in the top folder only and wants --main for a
// document in a subfolder, so that a script never compiles a chapter by accident.
enum class RootSearch { WholeProject, TopFolderOnly };

// The document to compile among `files` ('/'-separated, relative to rootPath):
// `preferred` when it exists, else main.tex, else the first .tex file (top folder
// first, then alphabetical) whose preamble has an uncommented \documentclass.
// Empty when there is none.
QString findRootDocument(const QString &rootPath, const QStringList &files, const QString &preferred = {},
                         RootSearch search = RootSearch::WholeProject);

} // namespace coauthor::app
