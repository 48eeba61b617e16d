#include "app/cli/commandline.h"

namespace coauthor::cli {

std::optional<int> runSubcommand(const QStringList &arguments)
{
    if (arguments.isEmpty())
        return std::nullopt;
    return std::nullopt;
}

QString subcommandHelp()
{
    return QString();
}

} // namespace coauthor::cli
