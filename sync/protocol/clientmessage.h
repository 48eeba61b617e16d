#pragma once

// ClientMessage: one decoded request from a client (docs/protocol.md, "Wire
// protocol"). A flat value: which fields are meaningful depends on type.

#include "sync/ot/textoperation.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace coauthor::sync {

struct ClientMessage
{
    enum class Type {
        Hello,
        JoinProject,
        JoinDoc,
        LeaveDoc,
        ApplyUpdate,
        Cursor,
        CreateDoc,
        CreateFolder,
        Rename,
        Delete,
        UploadFile,
        DownloadFile,
        Ping,
        RestoreLost,
        // The project's history (docs/protocol.md, "History"): read_only may read,
        // addLabel needs read_write.
        HistoryChanges,
        HistoryText,
        HistoryDiff,
        HistoryTree,
        HistoryFile,
        HistorySearch,
        HistoryLabels,
        AddLabel,
        RestoreDeleted, // needs read_write: a removed doc or file back as the same entry
        Compile, // on the server's compile workers (docs/protocol.md, "Compiles on the server")
    };

    // RestoreLost: one op of the lost epoch, as the replica applied it.
    struct LostOp
    {
        ot::TextOperation op;
        QString clientId; // its author's
        qint64 seq = 0;
    };

    Type type = Type::Ping;
    std::optional<qint64> rid;

    // Hello
    int protocolVersion = 0;
    QString projectId;
    QString token;
    QString clientId; // also ApplyUpdate, where it is optional (empty when absent)
    QString name;

    // JoinDoc, LeaveDoc, ApplyUpdate, Cursor
    QString doc;
    std::optional<qint64> fromVersion; // JoinDoc
    QString epoch;                     // JoinDoc: the epoch fromVersion belongs to (optional); RestoreLost: the lost one
    qint64 version = 0;                // ApplyUpdate: "v", the version the op was made on; RestoreLost: the base
    QList<LostOp> lostOps;             // RestoreLost: versions base+1, base+2, ... of the lost epoch
    ot::TextOperation op;              // ApplyUpdate
    qint64 seq = 0;                    // ApplyUpdate
    // ApplyUpdate: "t", when the op was typed (ms since the epoch, the client's
    // clock; absent: when the server applies it). The server keeps it as the op's
    // time in the history, clamped (docs/protocol.md, "History").
    std::optional<qint64> madeAt;
    // ApplyUpdate: "tv", with "t": the version the op was typed on when it was rebased
    // since (an edit made offline, sent after collaborators' newer ops): the
    // history's lower bound for "t" instead of "v" (docs/protocol.md, "History").
    std::optional<qint64> typedOnVersion;
    qint64 position = 0;               // Cursor
    qint64 anchor = 0;                 // Cursor
    // Cursor: "v", the doc version whose text position and anchor refer to
    // (absent from older clients: their current text, unknown version).
    std::optional<qint64> cursorVersion;

    // Tree operations
    QString id;          // Rename, Delete, DownloadFile
    QString path;        // CreateDoc, CreateFolder, Rename (new path), UploadFile
    QString text;        // CreateDoc (optional)
    QByteArray data;     // UploadFile, decoded from base64
    bool replace = false; // UploadFile: a file already at path gets this content (same id)

    // History requests. path: HistoryChanges (optional: the project's), HistoryText,
    // HistoryDiff, RestoreDeleted (where the entry was at version); text:
    // HistorySearch's text; name: AddLabel's name.
    std::optional<qint64> atVersion; // "version" (HistoryText, HistoryTree, AddLabel, RestoreDeleted), "to" (HistoryDiff,
                                     // HistorySearch); none: the latest
    qint64 sinceVersion = 0;         // "from" (HistoryDiff, HistorySearch)
    qint64 before = 0;               // HistoryChanges: older than this version (0: from the newest)
    int limit = 50;                  // HistoryChanges: page size (the server takes at most 200)
    bool caseSensitive = false;      // HistorySearch
    QString sha256;                  // HistoryFile: the content's hex SHA-256
    // Compile: path is the root document; engine as compile/ names them ("pdflatex",
    // "xelatex", "lualatex", "uplatex"; empty: pdflatex); the version of each doc the
    // client has (doc id -> version), so that the compile has at least its acked edits.
    QString engine;
    bool draft = false;
    QMap<QString, qint64> versions;
};

} // namespace coauthor::sync
