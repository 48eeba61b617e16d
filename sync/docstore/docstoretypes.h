#pragma once
// Value types of the docstore: projects, token roles, file tree entries, stored docs
// and the op history. Plain values; the Docstore interface reads and writes them.
#include "sync/ot/textoperation.h"

#include <QByteArray>
#include <QString>

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
};

} // namespace coauthor::sync
