#pragma once
// HistoryRequests: the answers to the history requests of one connection
// (docs/protocol.md, "History"), read from the docstore through sync_history's
// HistoryReader and bounded for the wire: a page of changes, a text or a diff, a
// file, a search fit in one frame, or the request gets a clear error. Knows
// nothing of sockets; RealtimeServer checks the role and sends the answer.
#include "sync/history/historyreader.h"
#include "sync/protocol/clientmessage.h"
#include "sync/protocol/servermessage.h"

namespace coauthor::sync {

class Docstore;

class HistoryRequests
{
public:
    // The most a history answer carries (under the client's 8 MiB frame limit,
    // with room for JSON escapes and base64).
    static constexpr qint64 MaxAnswerBytes = 5 * 1024 * 1024;
    static constexpr qint64 MaxFileBytes = 5 * 1024 * 1024; // historyFile: larger is file_too_large
    static constexpr qint64 SearchOpBudget = 200'000;      // ops one historySearch reads (well under a second)
    static constexpr qint64 MaxDiffOps = 20'000;           // ops one historyDiff replays (about 0.2 s)

    explicit HistoryRequests(Docstore *docstore);

    // The answer to m (a History* or AddLabel request) for memberId in projectId:
    // one of the History* bodies, or an Error.
    ServerMessage::Body answer(const ClientMessage &m, const QString &projectId, const QString &memberId);

    // What restoreDeleted m brings back: the doc or file at m.path at version
    // m.atVersion, removed since, with its text (or content hash) then. Errors:
    // not_found (nothing there then, or a folder: its files come back one by
    // one), not_removed (the entry exists now), version_in_future.
    struct Restore
    {
        QString entryId;
        QString text;       // a doc
        QByteArray sha256;  // a file
    };
    Result<Restore, ServiceError> restoreTarget(const ClientMessage &m, const QString &projectId);

private:
    ServerMessage::Body changes(const ClientMessage &m, const QString &projectId);

    Docstore *m_docstore;
    history::HistoryReader m_reader;
};

} // namespace coauthor::sync
