#pragma once

// ServerMessage: one message the server sends a client (docs/protocol.md, "Wire
// protocol"), one struct per type; ServerMessageCodec is its only encoder and decoder.

#include "sync/history/historytypes.h"
#include "sync/ot/textoperation.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace coauthor::sync {

// The message types, at namespace scope so that they are complete where the
// variant needs them; used by their ServerMessage:: names.
namespace wire {

// One entry of the project's file tree: kind is "doc", "file" or "folder".
struct Entry
{
    QString id;
    QString path;
    QString kind;
    qint64 size = 0;
    // Files: the hex SHA-256 of the content ("sha256"; empty from older servers
    // and for docs and folders), so that a client sees a replaced file of the same size.
    QString sha256;
    bool operator==(const Entry &) const = default;
};
// A caret and selection anchor in the server's text of doc at version ("v";
// none from clients that gave none, or once the server lost track of it).
struct Cursor
{
    QString doc;
    qint64 position = 0;
    qint64 anchor = 0;
    std::optional<qint64> version;
    bool operator==(const Cursor &) const = default;
};
// A collaborator, with their last cursor when they have one.
struct User
{
    QString userId;
    QString name;
    QString colour;
    std::optional<Cursor> cursor;
    bool operator==(const User &) const = default;
};
// One applied op: version is the doc's version after it.
struct AppliedOp
{
    qint64 version = 0;
    ot::TextOperation op;
    QString clientId;
    qint64 seq = 0;
    bool operator==(const AppliedOp &) const = default;
};

struct Welcome
{
    int protocolVersion = 0;
    QString serverVersion;
    QString userId;
    QString role; // "read_write" or "read_only"
    QString colour;
    // The largest file uploadFile takes ("maxFileBytes"; 0 from older servers:
    // the documented 5 MiB), so that clients refuse a larger one before sending it.
    qint64 maxFileBytes = 0;
    bool operator==(const Welcome &) const = default;
};
struct Rejected
{
    QString code;
    QString message;
    bool operator==(const Rejected &) const = default;
};
struct Error
{
    QString code;
    QString message;
    bool operator==(const Error &) const = default;
};
struct Ok
{
    std::optional<Entry> entry; // the entry after a tree change (none for delete, leaveDoc)
    bool operator==(const Ok &) const = default;
};
struct Pong
{
    bool operator==(const Pong &) const = default;
};
struct Project
{
    QString projectId;
    QList<Entry> tree;
    QList<User> users; // the others connected to the project
    QString name;      // the project's name as its host gave it (optional on the wire; empty from older servers)
    bool operator==(const Project &) const = default;
};
// The answer to joinDoc: the text at version, or (joinDoc with fromVersion)
// the ops after fromVersion up to version instead of the text.
struct Doc
{
    QString doc;
    QString path;
    qint64 version = 0;
    QString text;                          // empty when ops is given
    std::optional<QList<AppliedOp>> ops;
    bool more = false; // ops is one page of a long catch-up: version is its last op's, the doc is not joined yet
    QString epoch; // the doc's epoch (docs/protocol.md, "Durability"); empty from older servers
    // Set when the server lost versions after lostAfter that this client had seen
    // (fromVersion in an older epoch): ops then start after lostAfter.
    std::optional<qint64> lostAfter;
    QString baseText; // with lostAfter: the server's text at lostAfter
    bool operator==(const Doc &) const = default;
};
struct Ack
{
    QString doc;
    qint64 version = 0;
    qint64 seq = 0;
    bool duplicate = false;
    bool operator==(const Ack &) const = default;
};
struct Update
{
    QString doc;
    AppliedOp applied;
    bool operator==(const Update &) const = default;
};
struct UpdateError
{
    QString doc;
    std::optional<qint64> seq; // none when the frame was refused before its seq could be read
    QString code;
    QString message;
    bool operator==(const UpdateError &) const = default;
};
struct Presence
{
    QString userId;
    QString name;
    QString colour;
    Cursor cursor;
    bool operator==(const Presence &) const = default;
};
struct UserJoined
{
    QString userId;
    QString name;
    QString colour;
    bool operator==(const UserJoined &) const = default;
};
struct UserLeft
{
    QString userId;
    bool operator==(const UserLeft &) const = default;
};
struct TreeChanged
{
    QString change; // "created", "renamed" or "removed"
    QList<Entry> entries;
    QString oldPath; // renamed only
    bool operator==(const TreeChanged &) const = default;
};
struct File
{
    QString id;
    QString path;
    QByteArray data; // "size" on the wire is its length
    bool operator==(const File &) const = default;
};

// History answers (docs/protocol.md, "History"), one per request type, with the
// values of sync_history.
struct HistoryChanges
{
    history::ChangePage page;
    bool operator==(const HistoryChanges &) const = default;
};
struct HistoryText
{
    QString path;
    qint64 version = 0; // the project version
    QString text;
    bool operator==(const HistoryText &) const = default;
};
struct HistoryDiff
{
    history::Diff diff;
    bool operator==(const HistoryDiff &) const = default;
};
struct HistoryTree
{
    history::ProjectTree tree;
    bool operator==(const HistoryTree &) const = default;
};
struct HistoryFile
{
    QString sha256;
    QByteArray data;
    bool operator==(const HistoryFile &) const = default;
};
struct HistorySearch
{
    history::SearchResult result;
    bool operator==(const HistorySearch &) const = default;
};
struct HistoryLabels
{
    QList<history::Label> labels;
    bool operator==(const HistoryLabels &) const = default;
};
// The answer to addLabel.
struct HistoryLabel
{
    history::Label label;
    bool operator==(const HistoryLabel &) const = default;
};

} // namespace wire

struct ServerMessage
{
    using Entry = wire::Entry;
    using Cursor = wire::Cursor;
    using User = wire::User;
    using AppliedOp = wire::AppliedOp;
    using Welcome = wire::Welcome;
    using Rejected = wire::Rejected;
    using Error = wire::Error;
    using Ok = wire::Ok;
    using Pong = wire::Pong;
    using Project = wire::Project;
    using Doc = wire::Doc;
    using Ack = wire::Ack;
    using Update = wire::Update;
    using UpdateError = wire::UpdateError;
    using Presence = wire::Presence;
    using UserJoined = wire::UserJoined;
    using UserLeft = wire::UserLeft;
    using TreeChanged = wire::TreeChanged;
    using File = wire::File;
    using HistoryChanges = wire::HistoryChanges;
    using HistoryText = wire::HistoryText;
    using HistoryDiff = wire::HistoryDiff;
    using HistoryTree = wire::HistoryTree;
    using HistoryFile = wire::HistoryFile;
    using HistorySearch = wire::HistorySearch;
    using HistoryLabels = wire::HistoryLabels;
    using HistoryLabel = wire::HistoryLabel;

    using Body = std::variant<Welcome, Rejected, Error, Ok, Pong, Project, Doc, Ack, Update, UpdateError, Presence,
                              UserJoined, UserLeft, TreeChanged, File, HistoryChanges, HistoryText, HistoryDiff,
                              HistoryTree, HistoryFile, HistorySearch, HistoryLabels, HistoryLabel>;

    // The rid of the request answered; none for broadcasts (and for the ack of an
    // op sent on an earlier connection).
    std::optional<qint64> rid;
    Body body;

    bool operator==(const ServerMessage &) const = default;
};

// What server instances tell each other on a project's Redis channel: a message
// for the project's clients (treeChanged, presence, userJoined, userLeft) with the
// instance that sent it, or usersAlive, which never reaches clients.
struct ProjectChannelMessage
{
    // The users an instance still has in the project (every keepalive interval).
    struct UsersAlive
    {
        QStringList userIds;
        bool operator==(const UsersAlive &) const = default;
    };

    // A newer connection (on the sending instance) took the clientId of userId's
    // connection: the instance that has that connection closes it (client_id_in_use).
    struct ClientTakenOver
    {
        QString userId;
        bool operator==(const ClientTakenOver &) const = default;
    };

    QString instance;      // empty when not sent by a realtime instance (tree changes)
    bool announce = false; // a userJoined re-sent for a newcomer elsewhere: not answered again
    std::variant<ServerMessage, UsersAlive, ClientTakenOver> body;

    bool operator==(const ProjectChannelMessage &) const = default;
};

} // namespace coauthor::sync
