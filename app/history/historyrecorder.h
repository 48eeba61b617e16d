// HistoryRecorder: what an unshared project's history records while the app runs —
// each open editor's edits (through an editor::DocumentBridge, as ops), saves and
// changes made outside the app (a scan of the folder), files created, renamed and
// removed in the tree — handed to a LocalHistory in batches.
//
// Typing costs one op composed into the editor's pending op; the batch is handed
// over at most once a second (and at a save, a close, a rename), and the worker
// thread writes it: the keystroke never waits for SQLite.
#pragma once

#include "app/history/localhistorywriter.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

class QTimer;

namespace coauthor::editor {
class DocumentBridge;
class LatexEditor;
} // namespace coauthor::editor

namespace coauthor::sync::ot {
class TextOperation;
}

namespace coauthor::app {

class EditorTabs;
class LocalHistory;

class HistoryRecorder : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(HistoryRecorder)

public:
    // Pending edits are handed over this long after the first of them.
    static constexpr int batchMs = 1000;
    // The folder is compared with the history this often (edits made by other programs).
    static constexpr int scanMs = 30000;

    HistoryRecorder(EditorTabs *tabs, LocalHistory *history, QObject *parent = nullptr);
    ~HistoryRecorder() override;

    // Starts recording into the (opened) history: scans the folder, then follows the open editors.
    void start();
    // Hands over what is pending and stops.
    void stop();
    bool isRecording() const { return m_recording; }
    // Hands every pending edit to the history now.
    void flush();
    // Asked before each batch and scan: false (the project became shared) stops recording.
    void setRecordingCheck(std::function<bool()> mayRecord) { m_mayRecord = std::move(mayRecord); }

    // What the tree did (the window routes it here, as to the other features).
    void fileCreated(const QString &path);
    void pathRenamed(const QString &from, const QString &to);
    void pathRemoved(const QString &path);
    // A file may have changed on disk (reloaded into its tab, written by a tool).
    void fileChangedOnDisk(const QString &path);

private:
    struct Tracked
    {
        editor::DocumentBridge *bridge = nullptr;
        QString path;                                 // the path its pending edits belong to
        QList<LocalHistoryWriter::TimedOp> pending;   // composed: at most one op per batch
    };

    void track(editor::LatexEditor *editor);
    void untrack(editor::LatexEditor *editor);
    void onLocalEdit(editor::LatexEditor *editor, const sync::ot::TextOperation &op);
    void flush(Tracked &tracked);
    void resync(const QString &path);
    void scan();
    QSet<QString> editedPaths() const;
    bool mayRecord();

    EditorTabs *m_tabs;
    LocalHistory *m_history;
    QHash<editor::LatexEditor *, Tracked> m_tracked;
    QTimer *m_batch;
    QTimer *m_scan;
    bool m_recording = false;
    std::function<bool()> m_mayRecord;
};

} // namespace coauthor::app
