// Project: a LaTeX project as the desktop app sees it, a folder on disk.
// Knows its canonical root, a stable id for the compile cache, which files
// belong to it and which one is the root document.
#pragma once

#include "app/project/rootdocument.h"

#include <QString>
#include <QStringList>

namespace coauthor::app {

class Project
{
public:
    Project() = default;
    // rootPath is canonicalised; an empty or missing folder gives an invalid project.
    explicit Project(const QString &rootPath);

    bool isValid() const { return !m_root.isEmpty(); }
    QString rootPath() const { return m_root; }
    QString name() const;
    // Hash of the canonical folder path: the same folder always compiles in the same cache directory.
    QString projectId() const { return m_id; }

    QString absolutePath(const QString &relativePath) const;
    // '/'-separated path relative to the root, or empty when absolutePath lies outside the project.
    QString relativePath(const QString &absolutePath) const;

    // Every file of the project, relative, sorted; hidden files/folders and
    // LaTeX build products (.aux, .log, the root's PDF, ...) are left out, except the
    // shared project files (sharedSettingsFiles()), which travel with the project.
    QStringList files() const;

    // The document to compile, by app::findRootDocument's order (rootdocument.h), shared
    // with `coauthor compile`: a %!TEX root comment, the setting, `preferred`, the guess.
    QString findRootDocument(const RootHints &hints) const;
    QString findRootDocument(const QString &preferred = {}) const;

    // Hidden files that belong to the project and are shared with it: its settings
    // (.coauthor-project.json) and its dictionary (.coauthor-dictionary).
    static QStringList sharedSettingsFiles();

    static bool isTextFile(const QString &path);  // edited as text (.tex, .bib, .sty, ...)
    static bool isImageFile(const QString &path); // shown as an image (.png, .jpg, ...)
    static bool isBuildProduct(const QString &path);
    // name made into a folder or file name every system can hold (the project folders the
    // app proposes: New Project, a joined project): whitespace simplified, the characters
    // Windows refuses and control characters replaced, a trailing dot or space (which
    // Windows drops) removed. Empty when nothing is left.
    static QString portableName(const QString &name, QChar replacement = u'_');

private:
    QString m_root;
    QString m_id;
};

} // namespace coauthor::app
