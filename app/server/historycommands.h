#pragma once
// coauthor-server history / export: the project's changes and labels, and the
// project as it was at a version as a .zip, read from the docstore (what a running
// server has flushed to it; it flushes every few seconds and on SIGTERM).
#include <QString>
#include <QTextStream>

namespace coauthor::sync {
class Docstore;
}

namespace coauthor::server {

// Every change of the project (or of the file at docPath), newest first, then the
// labels; json: one JSON object {"changes": [...], "labels": [...]} in the
// protocol's format (docs/protocol.md, "History"). Returns the exit code.
int printHistory(sync::Docstore &store, const QString &projectId, const QString &docPath, bool json, QTextStream &out,
                 QTextStream &err);

// Writes the project at version (< 0: the latest) to zipPath. Returns the exit code.
int exportProject(sync::Docstore &store, const QString &projectId, qint64 version, const QString &zipPath, QTextStream &out,
                  QTextStream &err);

} // namespace coauthor::server
