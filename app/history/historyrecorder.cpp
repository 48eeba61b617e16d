#include "app/history/historyrecorder.h"

#include "app/editors/editortabs.h"
#include "app/history/localhistory.h"
#include "editor/documentbridge.h"
#include "editor/latexeditor.h"
#include "sync/ot/operations.h"

#include <QDateTime>
#include <QTimer>

namespace coauthor::app {

HistoryRecorder::HistoryRecorder(EditorTabs *tabs, LocalHistory *history, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
    , m_history(history)
    , m_batch(new QTimer(this))
    , m_scan(new QTimer(this))
{
    m_batch->setSingleShot(true);
    m_batch->setInterval(batchMs);
    connect(m_batch, &QTimer::timeout, this, qOverload<>(&HistoryRecorder::flush));
    m_scan->setInterval(scanMs);
    connect(m_scan, &QTimer::timeout, this, &HistoryRecorder::scan);

    connect(m_tabs, &EditorTabs::editorOpened, this,
            [this](const QString &, editor::LatexEditor *editor) { track(editor); });
    connect(m_tabs, &EditorTabs::editorClosing, this,
            [this](const QString &, editor::LatexEditor *editor) { untrack(editor); });
    connect(m_tabs, &EditorTabs::fileSaved, this, [this](const QString &path) {
        if (auto *e = m_tabs->editorFor(path); e && m_tracked.contains(e))
            flush(m_tracked[e]);
    });
    connect(m_tabs, &EditorTabs::fileReloaded, this, &HistoryRecorder::fileChangedOnDisk);
    connect(m_history, &LocalHistory::resyncNeeded, this, &HistoryRecorder::resync);
}

HistoryRecorder::~HistoryRecorder()
{
    stop();
}

void HistoryRecorder::start()
{
    m_recording = true;
    // The folder first (what changed while the app was closed), then each open editor's text.
    scan();
    for (auto it = m_tracked.begin(); it != m_tracked.end(); ++it) {
        it->path = m_tabs->pathOf(it.key());
        it->pending.clear(); // typed before recording started: in the text recorded now
        if (!it->path.isEmpty())
            m_history->recordText(it->path, it->bridge->text());
    }
    m_scan->start();
}

void HistoryRecorder::stop()
{
    if (!m_recording)
        return;
    flush();
    m_recording = false;
    m_scan->stop();
    m_batch->stop();
}

void HistoryRecorder::track(editor::LatexEditor *editor)
{
    if (m_tracked.contains(editor))
        return;
    Tracked tracked;
    tracked.bridge = new editor::DocumentBridge(editor->document(), this);
    tracked.path = m_tabs->pathOf(editor);
    m_tracked.insert(editor, tracked);
    connect(tracked.bridge, &editor::DocumentBridge::localOperation, this,
            [this, editor](const sync::ot::TextOperation &op) { onLocalEdit(editor, op); });
    if (m_recording && !tracked.path.isEmpty())
        m_history->recordText(tracked.path, tracked.bridge->text());
}

void HistoryRecorder::untrack(editor::LatexEditor *editor)
{
    auto it = m_tracked.find(editor);
    if (it == m_tracked.end())
        return;
    flush(*it);
    delete it->bridge;
    m_tracked.erase(it);
}

void HistoryRecorder::onLocalEdit(editor::LatexEditor *editor, const sync::ot::TextOperation &op)
{
    if (!m_recording)
        return;
    Tracked &tracked = m_tracked[editor];
    const QString path = m_tabs->pathOf(editor);
    if (path.isEmpty())
        return;
    if (path != tracked.path) { // renamed without telling us: the old path's edits first
        flush(tracked);
        tracked.path = path;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (tracked.pending.isEmpty())
        tracked.pending.append({op, now});
    else
        tracked.pending.last() = {sync::ot::compose(tracked.pending.last().op, op), now};
    if (!m_batch->isActive())
        m_batch->start();
}

void HistoryRecorder::flush()
{
    for (auto it = m_tracked.begin(); it != m_tracked.end(); ++it)
        flush(*it);
    m_batch->stop();
}

bool HistoryRecorder::mayRecord()
{
    if (!m_recording)
        return false;
    if (m_mayRecord && !m_mayRecord()) {
        // Shared now: the server keeps its history from here on; the local one stays as it was.
        m_recording = false;
        m_scan->stop();
        m_batch->stop();
        for (auto it = m_tracked.begin(); it != m_tracked.end(); ++it)
            it->pending.clear();
        return false;
    }
    return true;
}

void HistoryRecorder::flush(Tracked &tracked)
{
    if (tracked.pending.isEmpty())
        return;
    if (mayRecord() && !tracked.path.isEmpty())
        m_history->recordOps(tracked.path, tracked.pending);
    tracked.pending.clear();
}

void HistoryRecorder::resync(const QString &path)
{
    // The recorded text and the editor's went apart: the editor's is the truth. What is
    // pending goes first (it fails or applies), then the whole text as one diff.
    if (auto *e = m_tabs->editorFor(path); e && m_tracked.contains(e)) {
        flush(m_tracked[e]);
        m_history->recordText(path, m_tracked[e].bridge->text());
    } else if (m_recording) {
        m_history->recordDiskFile(path);
    }
}

QSet<QString> HistoryRecorder::editedPaths() const
{
    QSet<QString> paths;
    for (auto it = m_tracked.cbegin(); it != m_tracked.cend(); ++it) {
        const QString path = m_tabs->pathOf(it.key());
        if (!path.isEmpty())
            paths.insert(path);
    }
    return paths;
}

void HistoryRecorder::scan()
{
    if (mayRecord())
        m_history->scan(editedPaths());
}

void HistoryRecorder::fileCreated(const QString &path)
{
    if (!m_recording)
        return;
    if (auto *e = m_tabs->editorFor(path); e && m_tracked.contains(e))
        m_history->recordText(path, m_tracked[e].bridge->text());
    else
        m_history->recordDiskFile(path);
}

void HistoryRecorder::pathRenamed(const QString &from, const QString &to)
{
    if (!m_recording)
        return;
    // Edits made under the old path are recorded there, then the entry moves.
    for (auto it = m_tracked.begin(); it != m_tracked.end(); ++it) {
        if (it->path == from || it->path.startsWith(from + u'/')) {
            flush(*it);
            it->path = to + it->path.mid(from.size());
        }
    }
    m_history->recordRenamed(from, to);
}

void HistoryRecorder::pathRemoved(const QString &path)
{
    if (!m_recording)
        return;
    for (auto it = m_tracked.begin(); it != m_tracked.end(); ++it) {
        if (it->path == path || it->path.startsWith(path + u'/'))
            flush(*it);
    }
    m_history->recordRemoved(path);
}

void HistoryRecorder::fileChangedOnDisk(const QString &path)
{
    if (!m_recording)
        return;
    // An open editor's reload came through its bridge as an edit; anything else is read.
    if (auto *e = m_tabs->editorFor(path); e && m_tracked.contains(e))
        flush(m_tracked[e]);
    else
        m_history->recordDiskFile(path);
}

} // namespace coauthor::app
