#pragma once

// Conflict copies: where a doc's local text goes when the server cannot take
// it (the doc was deleted by someone else, or the server refuses the edits
// for good) — a new file next to the doc, named so that the user sees what it
// is: "chapters/one (conflict 2026-12-02 1830).tex".

#include "sync/common/result.h"

#include <QDateTime>
#include <QString>

#include <functional>

namespace coauthor::sync::conflictcopy {

// The first free name for a copy of path made at when (" 2", " 3", … after
// the stamp while taken(name) says it is in use).
QString pathFor(const QString &path, const QDateTime &when, const std::function<bool(const QString &)> &taken);

// Writes text as UTF-8 to root/path atomically and durably (QSaveFile),
// creating the folders it needs.
Result<void, QString> write(const QString &root, const QString &path, const QString &text);

} // namespace coauthor::sync::conflictcopy
