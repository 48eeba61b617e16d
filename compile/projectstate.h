#pragma once

#include "compile/compilerequest.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace coauthor::compile {

// What a compile directory was last synced from: a hash over the file tree and the
// options that shape the aux files, plus a content hash per file. An incremental sync
// is only allowed when the stored tree hash equals the request's.
class ProjectState
{
public:
    // Hashes every resource (reading sourceFile ones from disk).
    // Returns nothing and sets *error when a source file cannot be read.
    static std::optional<ProjectState> fromRequest(const CompileRequest &request, QString *error);

    static std::optional<ProjectState> load(const QString &stateFile);
    bool save(const QString &stateFile) const;

    QByteArray treeHash() const { return m_treeHash; }
    QByteArray fileHash(const QString &path) const { return m_fileHashes.value(path); }
    QStringList paths() const { return m_fileHashes.keys(); }

private:
    QByteArray m_treeHash;
    QHash<QString, QByteArray> m_fileHashes;
};

} // namespace coauthor::compile
