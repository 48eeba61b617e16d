#include "sync/docstore/docstoretypes.h"

namespace coauthor::sync {

QString roleName(Role role)
{
    return role == Role::ReadOnly ? QStringLiteral("read_only") : QStringLiteral("read_write");
}

QString kindName(TreeEntry::Kind kind)
{
    switch (kind) {
    case TreeEntry::Kind::Doc:
        return QStringLiteral("doc");
    case TreeEntry::Kind::File:
        return QStringLiteral("file");
    case TreeEntry::Kind::Folder:
        return QStringLiteral("folder");
    }
    return QStringLiteral("doc");
}

} // namespace coauthor::sync
