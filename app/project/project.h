// Project: a LaTeX project as the desktop app sees it, a folder on disk.
// Knows its canonical root, a stable id for the compile cache, which files
// belong to it and which one is the root document.
#pragma once

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
    // LaTeX build products (.aux, .log, the root's PDF, ...) are left out.
    QStringList files() const;

    // The document to compile: `preferred` when it exists, else main.tex, else the
    // first .tex file (top folder first) whose preamble has \documentclass. Empty when none.
    // The rule is app::findRootDocument (rootdocument.h), shared with `coauthor compile`.
    QString findRootDocument(const QString &preferred = {}) const;

    static bool isTextFile(const QString &path);  // edited as text (.tex, .bib, .sty, ...)
    static bool isImageFile(const QString &path); // shown as an image (.png, .jpg, ...)
    static bool isBuildProduct(const QString &path);

private:
    QString m_root;
    QString m_id;
};

} // namespace coauthor::app
