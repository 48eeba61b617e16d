#pragma once
// HistoryReader: the project's history read back from any Docstore (the server's,
// or the local one of an unshared project): changes, a doc's text at a version,
// the tree at a version, diffs with authors, search, labels. Synchronous, like the
// Docstore; one reader per thread that owns the store.
//
// Bounds: a page holds at most MaxChangesPerPage changes; a text or diff answer at
// most MaxTextBytes UTF-8 bytes (else text_too_large / a truncated diff); a search
// reads at most SearchOpBudget ops.
#include "sync/history/historytypes.h"

#include "sync/common/result.h"
#include "sync/common/serviceerror.h"

#include <QElapsedTimer>
#include <QHash>
#include <QString>

namespace coauthor::sync {
class Docstore;
}

namespace coauthor::sync::history {

class AttributedText;

class HistoryReader
{
public:
    template <typename T>
    using Result = coauthor::sync::Result<T, ServiceError>;

    static constexpr int MaxChangesPerPage = 200;
    static constexpr qint64 MaxTextBytes = 16 * 1024 * 1024;
    static constexpr qint64 SearchOpBudget = 2'000'000;

    // store must outlive the reader.
    explicit HistoryReader(Docstore &store);

    // The project's latest version (0: nothing happened yet).
    Result<qint64> currentVersion(const QString &projectId);

    // Changes of the project (path empty) or of the entry that has (or last had)
    // path, newest first: those with toVersion <= beforeVersion (<= 0: from the
    // newest), at most limit (clamped to 1..MaxChangesPerPage).
    Result<ChangePage> changes(const QString &projectId, const QString &path, qint64 beforeVersion, int limit);

    // The text of doc docId at its own version docVersion (a snapshot plus at most
    // the ops since it). Errors: unknown_doc, version_in_future.
    Result<QString> docText(const QString &projectId, const QString &docId, qint64 docVersion);
    // The text of the doc at path at a project version (< 0: the latest).
    // Errors: not_found (no doc at that path then), text_too_large.
    Result<QString> textAt(const QString &projectId, const QString &path, qint64 projectVersion);

    // The whole tree at a project version (< 0: the latest): version_in_future past it.
    Result<ProjectTree> treeAt(const QString &projectId, qint64 projectVersion);
    // A binary file's content by hash, for any version the project ever had.
    Result<QByteArray> fileContent(const QString &projectId, const QByteArray &sha256);

    // The diff of path from fromVersion to toVersion (project versions, < 0: the latest),
    // each inserted / deleted run with the member whose op made it.
    // Up to exactOps ops between the two (< 0: any number) are replayed one by one.
    // Past that (a long history: reading its ops costs ~4 µs each, 1 s for 250,000)
    // each change by one author is taken as a whole — the text diff of the doc at its
    // two ends, from snapshots, credited to that author — and only changes several
    // people made together are replayed, within exactOps; beyond even that, such a
    // change is credited to its last author. The texts of both versions are exact
    // either way; only where a change deleted and retyped the same text may the
    // runs differ from the replay's.
    static constexpr qint64 ExactReplayOps = 20'000;
    Result<Diff> diff(const QString &projectId, const QString &path, qint64 fromVersion, qint64 toVersion,
                      qint64 exactOps = ExactReplayOps);

    // Every doc whose text ever contained text (case-insensitive unless asked),
    // with the versions where it appears and disappears.
    Result<SearchResult> search(const QString &projectId, const QString &text, const SearchOptions &options = {});

    // Labels, oldest first; a new one names version (< 0: the latest). invalid_name
    // for an empty name or one over 200 characters; version_in_future past the latest.
    Result<QList<Label>> labels(const QString &projectId);
    Result<Label> addLabel(const QString &projectId, const QString &name, qint64 version, const QString &memberId);

private:
    Author author(const QString &projectId, const QString &memberId);
    // version, or the latest when < 0; version_in_future past the latest.
    Result<qint64> resolveVersion(const QString &projectId, qint64 version);
    // The entry at path now, else the last one that had it.
    Result<QString> entryEverAt(const QString &projectId, const QString &path);

    // The ops of doc docId in (fromDoc, toDoc] applied to text one by one / change by change.
    Result<bool> replayOps(const QString &projectId, const QString &docId, qint64 fromDoc, qint64 toDoc, AttributedText &text);
    Result<bool> replayChanges(const QString &projectId, const QString &docId, qint64 fromDoc, qint64 toDoc, qint64 exactOps,
                               AttributedText &text);

    Docstore &m_store;
    static constexpr qint64 NameReloadMs = 2000;
    QHash<QString, QHash<QString, QString>> m_names; // project -> member id -> name
    QHash<QString, QElapsedTimer> m_namesLoaded;     // project -> since its names were read
};

} // namespace coauthor::sync::history
