#pragma once
// Value types of the docstore: projects, token roles, file tree entries, stored docs
// and the op history. Plain values; the Docstore interface reads and writes them.
#include "sync/ot/textoperation.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace coauthor::sync {

enum class Role { ReadOnly, ReadWrite };
QString roleName(Role role); // "read_only" | "read_write"

// One person's invitation to a project: the server takes the person's identity
// (the name others see, the member id in presence, the owner of their clientIds)
// from it, never from what the client says. id is stable; the token is not stored.
struct Invitation
{
    QString id; // "u-…": the member id
    QString projectId;
    QString name; // empty only for a token made before invitations (see docs/security.md)
    Role role = Role::ReadOnly;
    qint64 createdAt = 0; // ms since the epoch
    qint64 revokedAt = 0; // 0: active
    bool isRevoked() const { return revokedAt != 0; }
};

// A new invitation and its token, which exists only here (the docstore keeps its SHA-256).
struct IssuedInvitation
{
    Invitation invitation;
    QString token;
};

struct ProjectInfo
{
    QString id;
    QString name;
    qint64 createdAt = 0; // ms since the epoch
};

struct TreeEntry
{
    enum class Kind { Doc, File, Folder };
    QString id;
    QString path; // full project-relative path, '/' separated, no leading '/'
    Kind kind = Kind::Doc;
    qint64 size = 0;   // files: bytes; docs and folders: 0
    QByteArray sha256; // files: hex SHA-256 of the content; else empty
};
QString kindName(TreeEntry::Kind kind); // "doc" | "file" | "folder"

struct StoredDoc
{
    QString projectId;
    QString docId;
    QString path;
    QString text;
    qint64 version = 0; // number of ops applied since creation
};

// One applied op of the history. version is the doc's version AFTER the op, so the
// ops of a doc have versions 1, 2, 3, ... and "ops since v" are those with version > v.
struct StoredOp
{
    qint64 version = 0;
    ot::TextOperation op;
    QString clientId;
    qint64 seq = -1;
    qint64 timestamp = 0; // ms since the epoch, when it was applied
    // Read back only (storeDoc assigns them): the op's project version and the
    // member its clientId is bound to (empty when unbound).
    qint64 projectVersion = 0;
    QString memberId = {};
    // When the client says it typed the op (0: not said) and the version it typed it
    // on: storeDoc keeps madeAt as the op's timestamp, clamped between the time of
    // version baseVersion and timestamp (a client's clock is not trusted).
    qint64 madeAt = 0;
    qint64 baseVersion = -1;
};

// Who does a tree change, for the history: the member (empty: unknown, e.g. an
// administrator's command) and when (0: now).
struct Actor
{
    QString memberId;
    qint64 at = 0;
};

// One event of the project's tree, with its project version. A folder moved or
// removed gives one event per entry under it, each with its own path.
struct TreeEvent
{
    enum class Kind { Create, Move, Remove, Replace };
    qint64 projectVersion = 0;
    Kind kind = Kind::Create;
    QString entryId;
    TreeEntry::Kind entryKind = TreeEntry::Kind::Doc;
    QString path;    // the path after the event (Remove: the path it had)
    QString oldPath; // Move: the path before
    QByteArray sha256; // files (Create, Replace): the content's hex SHA-256
    qint64 size = 0;
    QString memberId;
    qint64 timestamp = 0;
};

// How ops and tree events are grouped into changes (as Overleaf's history does): a
// new change starts after a pause of at least gapMs, or when the author changes
// and the previous event is at least interleaveMs old (authors typing together
// within interleaveMs make one change with several authors).
struct ChangeGrouping
{
    qint64 gapMs = 5 * 60 * 1000;
    qint64 interleaveMs = 60 * 1000;
};

// What one change did to one entry, as the docstore records it when the change is
// written.
struct StoredChangeFile
{
    enum class Kind { Edited, Created, Renamed, Deleted, FileVersion };
    QString entryId;
    TreeEntry::Kind entryKind = TreeEntry::Kind::Doc;
    QString path;
    QString oldPath; // the path before the change's first rename, when renamed
    QList<Kind> kinds; // in the order they first happened
    qint64 docFrom = 0;
    qint64 docTo = 0;
    QByteArray sha256;
    qint64 size = 0;
    qint64 wordsAdded = 0;
    qint64 wordsRemoved = 0;
    void add(Kind kind)
    {
        if (!kinds.contains(kind))
            kinds.append(kind);
    }
};

// A change: project versions fromVersion + 1 .. toVersion.
struct StoredChange
{
    qint64 fromVersion = 0;
    qint64 toVersion = 0;
    qint64 startedAt = 0;
    qint64 endedAt = 0;
    QStringList memberIds; // in the order they first appear
    QString lastMemberId;  // the author of the last event (for the grouping)
    QList<StoredChangeFile> files; // sorted by path
};

struct StoredLabel
{
    qint64 id = 0;
    QString name;
    qint64 projectVersion = 0;
    qint64 createdAt = 0;
    QString memberId;
};

} // namespace coauthor::sync
