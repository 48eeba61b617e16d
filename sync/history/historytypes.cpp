#include "sync/history/historytypes.h"

namespace coauthor::sync::history {

QString kindName(FileChange::Kind kind)
{
    switch (kind) {
    case FileChange::Kind::Edited: return QStringLiteral("edited");
    case FileChange::Kind::Created: return QStringLiteral("created");
    case FileChange::Kind::Renamed: return QStringLiteral("renamed");
    case FileChange::Kind::Deleted: return QStringLiteral("deleted");
    case FileChange::Kind::FileVersion: return QStringLiteral("file_version");
    }
    return QStringLiteral("edited");
}

QString segmentKindName(DiffSegment::Kind kind)
{
    switch (kind) {
    case DiffSegment::Kind::Same: return QStringLiteral("same");
    case DiffSegment::Kind::Inserted: return QStringLiteral("inserted");
    case DiffSegment::Kind::Deleted: return QStringLiteral("deleted");
    }
    return QStringLiteral("same");
}

} // namespace coauthor::sync::history
