// LocalHistory: the history of an unshared project, kept by the app itself in
// <project>/.coauthor/history/history.sqlite (a sync::Docstore, written by a
// LocalHistoryWriter, read by sync_history's HistoryReader: the same reader as a
// shared project's server). Never uploaded: sharing the project later leaves it here.
//
// Threads: the docstore lives on one worker thread of its own (QtSql connections
// are per thread); every record… and every read is queued to it in the order it
// was asked, so a read sees every edit recorded before it. Nothing here blocks the
// UI thread except close() and waitForIdle(), which wait for the queue to drain.
#pragma once

#include "app/history/historysource.h"
#include "app/history/localhistorywriter.h"

#include <QSet>
#include <QThread>
#include <QTimer>

#include <memory>

namespace coauthor::sync::history {
class HistoryReader;
}

namespace coauthor::app {

class LocalHistory : public HistorySource
{
    Q_OBJECT
    Q_DISABLE_COPY(LocalHistory)

public:
    explicit LocalHistory(QObject *parent = nullptr);
    ~LocalHistory() override;

    // Opens the project's history (queued); opened() or failed() tells how it went.
    // author: the local user's name, who the edits recorded from now on belong to.
    void open(const QString &projectRoot, const QString &author);
    // How edits are grouped into changes (the server's rule by default: a 5 minute
    // pause); applies from the next open().
    void setChangeGrouping(const sync::ChangeGrouping &grouping) { m_grouping = grouping; }
    // Writes what is queued and closes the store; waits for it.
    void close();
    bool isOpen() const { return !m_root.isEmpty(); }
    QString projectRoot() const { return m_root; }
    // Waits until everything asked so far is done (tests, and before a zip of "now").
    void waitForIdle();

    // Recording, queued in order (see LocalHistoryWriter for what each one records).
    void recordText(const QString &path, const QString &text);
    void recordOps(const QString &path, const QList<LocalHistoryWriter::TimedOp> &ops);
    void recordDiskFile(const QString &path); // read from disk on the worker
    void recordRenamed(const QString &from, const QString &to);
    void recordRemoved(const QString &path);
    void scan(const QSet<QString> &skip);
    // Compacts old history (LocalHistoryWriter::compact's policy), queued like the
    // rest; done at each open and every compactionMs while open.
    void compact();
    static constexpr int compactionMs = 6 * 3600 * 1000;

    // HistorySource
    void changes(const QString &path, qint64 beforeVersion, int limit, Reply<sync::history::ChangePage> reply) override;
    void textAt(const QString &path, qint64 version, Reply<QString> reply) override;
    void diff(const QString &path, qint64 fromVersion, qint64 toVersion, Reply<sync::history::Diff> reply) override;
    void treeAt(qint64 version, Reply<sync::history::ProjectTree> reply) override;
    void fileContent(const QByteArray &sha256, Reply<QByteArray> reply) override;
    void labels(Reply<QList<sync::history::Label>> reply) override;
    void addLabel(const QString &name, qint64 version, Reply<sync::history::Label> reply) override;
    void search(const QString &text, const sync::history::SearchOptions &options,
                Reply<sync::history::SearchResult> reply) override;

Q_SIGNALS:
    void opened();
    // Something could not be recorded or opened; message says what, for the status bar.
    void failed(const QString &message);
    // An edit of path did not apply to its recorded text: record the whole text again.
    void resyncNeeded(const QString &path);
    // A compaction finished (also when it had nothing to do).
    void compacted(const coauthor::sync::Docstore::CompactionStats &stats);

private:
    // The worker thread's side: the writer, and a reader over its docstore.
    struct Worker;

    // Runs work on the worker thread.
    template <typename F>
    void post(F &&work);
    // Runs read(reader, projectId) on the worker and hands its result to reply here.
    template <typename T, typename F>
    void ask(F read, Reply<T> reply);
    void recorded(const LocalHistoryWriter::Result &result, const QString &path = {});

    QThread m_thread;
    QTimer *m_compaction = nullptr;
    QObject *m_context = nullptr;    // lives on m_thread: queued work runs there
    std::unique_ptr<Worker> m_worker; // touched on m_thread only, once open
    QString m_root;
    sync::ChangeGrouping m_grouping;
};

} // namespace coauthor::app
