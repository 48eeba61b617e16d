#include "compile/synctexsplice.h"

namespace coauthor::compile {

std::optional<QByteArray> spliceSyncTex(const QString &, const QString &, const QList<int> &, const QList<int> &,
                                        QString *error)
{
    *error = QStringLiteral("Splicing SyncTeX is not available yet.");
    return std::nullopt;
}

} // namespace coauthor::compile
