// ProjectRestorer: brings files back as they were at a version, as new edits
// (Overleaf re-adds restored files; users asked for better, overleaf #1522): a text
// file's difference from its text now goes into its editor as one edit block, so
// Undo takes it back, a shared project's collaborators receive it as ordinary ops
// and the history goes on; a renamed file is renamed back (the same file), a
// deleted one is created again at its path through the tree, a binary file is
// written back. Restoring the project also removes the files the history knows
// that did not exist then (never a file it never recorded).
#pragma once

#include "app/history/versionloader.h"

#include <QObject>

#include <functional>

namespace coauthor::editor {
class LatexEditor;
}

namespace coauthor::app {

class EditorTabs;

class ProjectRestorer
{
public:
    // What only the window may do with the project's files (its tree does them and
    // routes them to every feature, as when the user does them).
    struct TreeOps
    {
        std::function<bool(const QString &path)> createFile;                     // an empty file
        std::function<bool(const QString &from, const QString &to)> renamePath;
        std::function<bool(const QString &path)> removePath;
        std::function<void(const QStringList &paths)> filesAdded;               // written here, new to the project
    };
    struct Outcome
    {
        QStringList changed;   // text or content put back
        QStringList recreated; // did not exist, now do
        QStringList undeleted; // deleted ones the server brought back as the same files, with their history
        QStringList renamed;   // "old → new"
        QStringList removed;
        QStringList failed;    // path: why
    };

    ProjectRestorer(EditorTabs *tabs, const QString &projectRoot, TreeOps ops);

    // Restores every file of loaded (wholeProject: and removes those it does not have).
    Outcome restore(const VersionLoader::Loaded &loaded, bool wholeProject);

    // Makes editor's text target with the fewest edits, in one undo step. False when
    // nothing changed.
    static bool applyText(editor::LatexEditor *editor, const QString &target);

private:
    bool restoreText(const VersionFile &file, Outcome &outcome);
    void restoreContent(const VersionFile &file, Outcome &outcome);

    EditorTabs *m_tabs;
    QString m_root;
    TreeOps m_ops;
};

} // namespace coauthor::app
