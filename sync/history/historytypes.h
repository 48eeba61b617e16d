#pragma once
// The values of a project's history, as the History view, the protocol and
// `coauthor-server history` see it: changes (a contiguous range of project
// versions, grouped by author and time), labels, diffs with authors, search hits
// and the project's tree at a version. Plain values (QtCore), no I/O.
//
// Project version: every op of every doc and every tree event (create, move,
// remove, file replace) of a project gets the next number of one project-wide
// sequence, so "the project at version N" is well defined. Version 0 is the empty
// project; a change covers the versions fromVersion + 1 .. toVersion.
#include "sync/docstore/docstoretypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace coauthor::sync::history {

// Who made (part of) a change. name is the member's invitation name (empty when
// the docstore does not know one, e.g. a local history: the app names it).
struct Author
{
    QString memberId;
    QString name;
    bool operator==(const Author &) const = default;
};

// What one change did to one file (doc, binary file or folder).
struct FileChange
{
    enum class Kind {
        Edited,      // a doc's text changed (docVersionFrom -> docVersionTo)
        Created,     // the entry was created in this change
        Renamed,     // moved or renamed: oldPath -> path
        Deleted,     // removed in this change (path is its last path)
        FileVersion, // a binary file got new content (sha256)
    };
    QString entryId; // the doc / file / folder id, stable across renames
    TreeEntry::Kind entryKind = TreeEntry::Kind::Doc;
    QString path;    // the path at the end of the change (Deleted: the last one)
    QString oldPath; // the path before the change when Renamed, else empty
    QList<Kind> kinds; // what happened, in the order it first happened; never empty
    qint64 docVersionFrom = 0; // docs: the doc's version before the change
    qint64 docVersionTo = 0;   // docs: ... and after it
    QByteArray sha256;         // files: hex SHA-256 of the content after the change
    qint64 size = 0;           // files: bytes after the change
    // Words inserted and deleted by the change's ops (a word counted once where it
    // starts, so typing or backspacing a word letter by letter counts one).
    qint64 wordsAdded = 0;
    qint64 wordsRemoved = 0;

    bool has(Kind kind) const { return kinds.contains(kind); }
    bool operator==(const FileChange &) const = default;
};
QString kindName(FileChange::Kind kind); // "edited" | "created" | "renamed" | "deleted" | "file_version"

struct Change
{
    qint64 id = 0;          // stable: the first project version of the change (fromVersion + 1)
    qint64 fromVersion = 0; // the project version before the change
    qint64 toVersion = 0;   // the project version after it (inclusive)
    qint64 startedAt = 0;   // ms since the epoch, of its first op / event
    qint64 endedAt = 0;     // ... and of its last
    QList<Author> authors;  // in the order they first appear
    QList<FileChange> files; // sorted by path
    bool operator==(const Change &) const = default;
};

// A page of changes, newest first. nextBefore: pass it as beforeVersion to get the
// next (older) page; 0 when there is none.
struct ChangePage
{
    QList<Change> changes;
    qint64 nextBefore = 0;
    qint64 currentVersion = 0; // the project's latest version when read
    bool operator==(const ChangePage &) const = default;
};

// A named project version ("Submitted to the journal"). Kept forever.
struct Label
{
    qint64 id = 0;
    QString name;
    qint64 version = 0;   // the project version it names
    qint64 createdAt = 0; // ms since the epoch
    Author author;
    bool operator==(const Label &) const = default;
};

// One run of a diff between two versions of a text: text both have, text the
// later one inserted, or text it deleted. memberId: who inserted / deleted it
// (the author of the op that did, the last one when several did); empty for Same.
struct DiffSegment
{
    enum class Kind { Same, Inserted, Deleted };
    Kind kind = Kind::Same;
    QString text;
    QString memberId;
    bool operator==(const DiffSegment &) const = default;
};
QString segmentKindName(DiffSegment::Kind kind); // "same" | "inserted" | "deleted"

// The diff of one path between two project versions. A doc gives segments; a
// binary file gives its hashes (the app shows before / after); a path that does not
// exist at one side diffs against the empty text (created / deleted).
struct Diff
{
    QString path;
    QString entryId;
    qint64 fromVersion = 0;
    qint64 toVersion = 0;
    bool binary = false;
    QByteArray sha256From; // binary: empty when absent at fromVersion
    QByteArray sha256To;
    QList<DiffSegment> segments; // docs; concatenating Same + Inserted gives the text at toVersion
    QList<Author> authors;       // every memberId the segments name, with names
    bool truncated = false;      // the text was longer than the answer may carry
    bool operator==(const Diff &) const = default;
};

// One entry of the project's tree at a version, as restore and zip need it.
struct VersionEntry
{
    QString entryId;
    QString path;
    TreeEntry::Kind kind = TreeEntry::Kind::Doc;
    qint64 docVersion = 0; // docs: the doc's version at the project version
    QByteArray sha256;     // files: hex SHA-256 of the content (read it with HistoryReader::fileContent)
    qint64 size = 0;       // files: bytes
    bool operator==(const VersionEntry &) const = default;
};

struct ProjectTree
{
    qint64 version = 0;
    QList<VersionEntry> entries; // sorted by path
    bool operator==(const ProjectTree &) const = default;
};

// Where a text is found in the history of one path: the project versions at which
// it appears (was not in the doc before, is after) and disappears, oldest first,
// and whether the latest version still has it.
struct SearchHit
{
    QString entryId;
    QString path;            // the path at the latest version that has the text
    QList<qint64> appearsAt;
    QList<qint64> disappearsAt;
    bool presentNow = false;
    QString context;         // the line around the first occurrence found
    bool operator==(const SearchHit &) const = default;
};

struct SearchOptions
{
    bool caseSensitive = false;
    qint64 fromVersion = 0; // search versions after this one ...
    qint64 toVersion = -1;  // ... up to this one (< 0: the latest)
    int maxHits = 100;      // at most this many paths
    qint64 opBudget = 2'000'000; // read at most this many ops (a server answers within a second)
};

struct SearchResult
{
    QList<SearchHit> hits;
    bool truncated = false; // more paths matched, or the scan stopped at its budget
    bool operator==(const SearchResult &) const = default;
};

} // namespace coauthor::sync::history
