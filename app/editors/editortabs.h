// EditorTabs: the open files of the project, one tab each (a LatexEditor for
// text, an ImageViewer for figures): modified markers, saving, closing with a
// prompt, and reloading files changed on disk while they have no local edits.
#pragma once

#include "app/project/sessionstore.h"
#include "editor/diagnostic.h"
#include "editor/latexeditor.h"

#include <QFont>
#include <QHash>
#include <QSet>
#include <QTabWidget>

class QFileSystemWatcher;

namespace coauthor::editor {
class ProjectIndex;
} // namespace coauthor::editor

namespace coauthor::app {

class EditorTabs : public QTabWidget
{
    Q_OBJECT
public:
    explicit EditorTabs(QWidget *parent = nullptr);

    // Closes every tab without asking (call maySaveAll() first) and sets the folder paths are relative to.
    void setProjectRoot(const QString &root);
    void setProjectIndex(editor::ProjectIndex *index);
    void setEditorFont(const QFont &font);
    void setSoftWrap(bool on);
    void setConveniences(const editor::LatexEditor::Conveniences &conveniences);

    // Opens (or switches to) a project-relative file. Text opens in an editor,
    // images in a viewer. Returns the tab's widget, or nullptr with *error set.
    QWidget *openFile(const QString &relativePath, QString *error = nullptr);
    // Opens the file and puts the cursor at line:column (1-based); focuses the editor.
    editor::LatexEditor *openAt(const QString &relativePath, int line, int column = 1);

    // The open files with their cursors and the current tab, as a project's session keeps them.
    SessionStore::ProjectSession session() const;
    // Opens a saved session's files (skipping those that are gone) at their cursors.
    void restoreSession(const SessionStore::ProjectSession &session);
    // Asks for a line number and moves the current editor's cursor there.
    void goToLineInteractive();
    // Room beside the Go to Line dialog's title for the window's buttons and icon, in pixels.
    static constexpr int GoToLineTitleRoom = 160;

    editor::LatexEditor *editorFor(const QString &relativePath) const;
    editor::LatexEditor *currentEditor() const;
    QString currentFile() const;
    QString pathOf(QWidget *tab) const;
    QStringList openFiles() const; // in tab order
    bool isModified(const QString &relativePath) const;
    bool hasUnsavedChanges() const;
    // The editors with unsaved changes, by project-relative path: the bytes a
    // save would write (in the file's own encoding).
    QHash<QString, QByteArray> unsavedBuffers() const;

    bool save(const QString &relativePath, QString *error = nullptr);
    bool saveCurrent();
    bool saveAll();
    // Asks about unsaved changes (Save all / Discard / Cancel); true when it is fine to go on.
    bool maySaveAll();
    // Closes a tab, asking to save first when it has changes. False when cancelled.
    bool closeTab(int index);
    void closeAllWithoutSaving();

    // Replaces the compile markers of every open editor (and remembers them for files opened later).
    void setDiagnostics(const QHash<QString, QList<editor::Diagnostic>> &byFile);

    // Keep tabs in step with the project tree.
    void pathRenamed(const QString &from, const QString &to);
    void pathRemoved(const QString &relativePath);

    // Re-reads a file from disk when its editor has no unsaved changes; true when the text changed.
    bool reloadIfUnmodified(const QString &relativePath);

    // A shared doc's file is written by the sync mirror, not by the tab: its
    // editor is never "modified", never reloaded from disk and never asks to be
    // saved (its text is the live text of the shared project).
    void setShared(const QString &relativePath, bool shared);
    bool isShared(const QString &relativePath) const { return m_shared.contains(relativePath); }

Q_SIGNALS:
    void currentFileChanged(const QString &relativePath);
    // A text file got its own tab (not emitted when switching to an open one).
    void editorOpened(const QString &relativePath, coauthor::editor::LatexEditor *editor);
    // A text tab is about to close (its editor is deleted right after).
    void editorClosing(const QString &relativePath, coauthor::editor::LatexEditor *editor);
    // The user changed the text of an open file (not a reload from disk).
    void bufferEdited(const QString &relativePath);
    void cursorMoved(int line, int column);
    void fileSaved(const QString &relativePath);
    void fileReloaded(const QString &relativePath);
    void message(const QString &text);

private:
    QWidget *createEditor(const QString &relativePath, QString *error);
    QWidget *createImageViewer(const QString &relativePath, QString *error);
    void addTabFor(QWidget *widget, const QString &relativePath);
    void updateTabTitle(QWidget *widget);
    void onFileChangedOnDisk(const QString &absolutePath);
    QString absolute(const QString &relativePath) const;
    int indexOfPath(const QString &relativePath) const;

    QString m_root;
    editor::ProjectIndex *m_index = nullptr;
    QFont m_font;
    bool m_softWrap = true;
    editor::LatexEditor::Conveniences m_conveniences;
    QHash<QWidget *, QString> m_paths;
    QHash<QString, QList<editor::Diagnostic>> m_diagnostics;
    QFileSystemWatcher *m_watcher = nullptr;
    QSet<QString> m_shared; // project-relative paths of shared docs
};

} // namespace coauthor::app
