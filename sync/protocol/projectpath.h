#pragma once

// ProjectPath: the one rule for what a path in a shared project may be, so that a
// project made on Linux opens on Windows and macOS and no collaborator can reach
// the app's own metadata. The server checks every path it is sent with it
// (createDoc, createFolder, uploadFile, rename) and the app's mirror checks every
// path it is about to write or delete with it again, whatever the server says.

#include "sync/common/result.h"
#include "sync/common/serviceerror.h"

#include <QString>
#include <QStringList>

namespace coauthor::sync {

class ProjectPath
{
public:
    static constexpr qsizetype maxLength = 1024;       // UTF-16 units, whole path
    static constexpr qsizetype maxSegmentBytes = 255;  // UTF-8 bytes per name (Linux, macOS)

    // The folder the app keeps its journal, lock and link in (".coauthor").
    static QString metadataFolder();
    // Names no project path may have as any of its segments, compared without case:
    // the app's metadata folder and ".git".
    static QStringList reservedNames();

    // A valid project path: relative, '/' separated, no "." / ".." / empty segments,
    // no reserved segment, each segment a name Windows, macOS and Linux all accept
    // (no CON/PRN/AUX/NUL/COM1-9/LPT1-9 with or without extension, none of
    // \ < > : " | ? *, no trailing space or dot, no control, bidi or line-separator
    // characters, no lone surrogate, at most 255 UTF-8 bytes), at most 1024 chars.
    // Returns it without a trailing '/' and otherwise unchanged; invalid_path with
    // the reason otherwise.
    static Result<QString, ServiceError> normalize(const QString &path);

    // What two paths are compared by when a file system ignores case (Windows,
    // macOS): Unicode case folding of the NFC form.
    static QString caseKey(const QString &path);

    // Whether path, or one of its parent folders, differs only in case (caseKey)
    // from one of existing: the first such existing path, or empty. Paths equal to
    // path (or its parents) do not collide.
    static QString caseCollision(const QString &path, const QStringList &existing);

    // Whether text holds a lone surrogate (which UTF-8 and the wire cannot carry).
    static bool hasLoneSurrogate(const QString &text);
};

} // namespace coauthor::sync
