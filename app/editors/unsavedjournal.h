// UnsavedJournal: the unsaved text of an unshared project's open files, kept
// in <project>/.coauthor/recovery/ by the offline journal's sync::Journal (the
// same CRC-framed, append-only file, fsynced in batches), so that a crash or a
// kill -9 loses at most the last ~50 ms of typing and the next start gives the
// text back. Shared docs are not kept here: the sync journal keeps them.
//
// Records per file (docId = the project-relative path): a Base with the whole
// text at the first unsaved edit, then a Local per edit; a Forget once the file
// is saved, closed or removed. A normal close clears the journal, so only an
// app that died leaves records behind.
#pragma once

#include "sync/common/result.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace coauthor::editor {
class DocumentBridge;
class LatexEditor;
} // namespace coauthor::editor

namespace coauthor::sync {
class Journal;
struct JournalRecord;
namespace ot {
class TextOperation;
}
} // namespace coauthor::sync

namespace coauthor::app {

class EditorTabs;

class UnsavedJournal : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(UnsavedJournal)

public:
    // Compacts to one Base per unsaved file once the file grew by this much.
    static constexpr qint64 compactAfterBytes = 4 * 1024 * 1024;

    explicit UnsavedJournal(EditorTabs *tabs, QObject *parent = nullptr);
    ~UnsavedJournal() override;

    // Opens the project's journal and puts the unsaved text a previous run left
    // there back into the tabs (opened as needed, marked modified, not saved; a
    // file removed meanwhile is written again with that text).
    // Returns the files restored; an error when the journal cannot be opened
    // (e.g. another Coauthor has the project open), and then nothing is kept.
    sync::Result<QStringList, QString> open(const QString &projectRoot);
    bool isOpen() const;
    // The project closed normally (saved or discarded): nothing to recover.
    void clear();
    // Releases the journal and keeps what it holds (the next open() restores it).
    void close();

    // The folder the journal lives in, inside a project.
    static QString directoryFor(const QString &projectRoot);

private:
    struct Tracked
    {
        editor::DocumentBridge *bridge = nullptr;
        QString journaledPath; // the path its records are under; empty: no Base since the last Forget
    };

    void track(editor::LatexEditor *editor);
    void untrack(editor::LatexEditor *editor);
    void onLocalEdit(editor::LatexEditor *editor, const sync::ot::TextOperation &op);
    QList<sync::JournalRecord> snapshot() const;
    void forget(Tracked &tracked);
    void compactIfLarge();
    QStringList restore();

    EditorTabs *m_tabs;
    QString m_root;
    std::unique_ptr<sync::Journal> m_journal;
    QHash<editor::LatexEditor *, Tracked> m_tracked;
    bool m_restoring = false;
};

} // namespace coauthor::app
