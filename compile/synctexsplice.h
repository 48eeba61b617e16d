#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace coauthor::compile {

// The SyncTeX half of spliceOutputs (outputsplice.h): the base's .synctex.gz with the
// sheets ("{N" ... "}N") of the replaced pages taken from the partial build's, renumbered
// to the base's pages, their input tags merged into the base's by path, the postamble's
// count and byte offsets written anew. Returns the new file's bytes (gzip-compressed).
std::optional<QByteArray> spliceSyncTex(const QString &baseSyncTex, const QString &partSyncTex,
                                        const QList<int> &partToBasePage, const QList<int> &replacingPartPages,
                                        QString *error);

} // namespace coauthor::compile
