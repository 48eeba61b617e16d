#pragma once

// WorkingCopyScan: what is in a working copy, as the mirror compares it with
// what it knows (sizes and modification times, hashes only when they change),
// and the mirror's last known state kept between runs (.coauthor/mirror-state.json).
// Pure file-system reads; the decisions are ProjectMirror's.

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

namespace coauthor::sync {

struct FileStat
{
    bool folder = false;
    qint64 size = 0;
    qint64 mtimeMs = 0; // folders: 0 (their times change with what is in them)
    bool operator==(const FileStat &) const = default;
};

// A path the mirror agreed on with the server: the stat it had then and, for
// files and docs, the SHA-256 (hex) of its content.
struct KnownEntry
{
    FileStat stat;
    QByteArray sha256;
};

namespace workingcopyscan {

// Every file and folder under root by '/'-separated relative path, except the
// app's .coauthor/ and .git/ folders and symbolic links (never followed: one
// could lead out of the folder).
QHash<QString, FileStat> scan(const QString &root);
// The stat of one path; false when it does not exist (or is a symbolic link).
bool stat(const QString &absolutePath, FileStat *out);
// Hex SHA-256 of a file's content; empty when it cannot be read.
QByteArray sha256(const QString &absolutePath);

// The last known state, kept next to the journal so that a later run can tell
// a file deleted on the server while we were away from one created here.
QHash<QString, KnownEntry> loadState(const QString &file);
bool saveState(const QString &file, const QHash<QString, KnownEntry> &state);

// Files this computer writes into the working copy for its own user (the copy of the PDF
// kept next to the main document), by relative path, in <root>/.coauthor/local-outputs.json:
// the mirror never shares such a file when it appears. (One already shared stays shared:
// a collaborator's file of that name is theirs, and the app does not overwrite it.)
QString localOutputsFile(const QString &root);
QSet<QString> localOutputs(const QString &root);
// Adds path to the list (on) or takes it off; false when the list cannot be written.
bool setLocalOutput(const QString &root, const QString &path, bool on);

} // namespace workingcopyscan
} // namespace coauthor::sync
