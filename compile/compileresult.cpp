#include "compile/compileresult.h"

namespace coauthor::compile {

QString statusName(CompileStatus status)
{
    switch (status) {
    case CompileStatus::Success:
        return QStringLiteral("success");
    case CompileStatus::Failure:
        return QStringLiteral("failure");
    case CompileStatus::StoppedOnFirstError:
        return QStringLiteral("stopped-on-first-error");
    case CompileStatus::TimedOut:
        return QStringLiteral("timed-out");
    case CompileStatus::Conflict:
        return QStringLiteral("conflict");
    case CompileStatus::Busy:
        return QStringLiteral("busy");
    case CompileStatus::Error:
        return QStringLiteral("error");
    }
    return QString();
}

} // namespace coauthor::compile
