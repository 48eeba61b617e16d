// ProjectIndexer: keeps the editor's ProjectIndex in step with the project:
// every text file on disk when a project opens, and open buffers as they are
// edited (batched, so typing in a large file does not rescan it per keystroke).
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class QPlainTextEdit;
class QTimer;

namespace coauthor::editor {
class ProjectIndex;
}

namespace coauthor::app {

class Project;

class ProjectIndexer : public QObject
{
    Q_OBJECT
public:
    explicit ProjectIndexer(editor::ProjectIndex *index, QObject *parent = nullptr);

    // Clears the index and reads the project's .tex and .bib files (and other LaTeX sources) from disk.
    void indexProject(const Project &project);
    // The buffer of an open file changed; it is re-read after a short pause.
    void bufferChanged(const QString &relativePath, QPlainTextEdit *editor);
    // Reads one file from disk now (created, reloaded or saved outside the editor).
    void fileChangedOnDisk(const QString &relativePath);
    void pathRenamed(const QString &from, const QString &to);
    void pathRemoved(const QString &relativePath);
    // Applies pending buffer changes at once (tests, before compiling).
    void flush();

    static bool isIndexed(const QString &relativePath);

private:
    editor::ProjectIndex *m_index;
    QString m_root;
    QHash<QString, QPointer<QPlainTextEdit>> m_pending;
    QTimer *m_timer;
};

} // namespace coauthor::app
