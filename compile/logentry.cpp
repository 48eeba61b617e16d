#include "compile/logentry.h"

namespace coauthor::compile {

QString levelName(LogEntry::Level level)
{
    switch (level) {
    case LogEntry::Level::Error:
        return QStringLiteral("error");
    case LogEntry::Level::Warning:
        return QStringLiteral("warning");
    case LogEntry::Level::Typesetting:
        return QStringLiteral("typesetting");
    }
    return QString();
}

} // namespace coauthor::compile
