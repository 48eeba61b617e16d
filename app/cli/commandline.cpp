#include "app/cli/commandline.h"

#include "app/cli/compilecommand.h"

namespace coauthor::cli {

std::optional<int> runSubcommand(const QStringList &arguments)
{
    if (arguments.isEmpty())
        return std::nullopt;
    if (arguments.first() == QLatin1String("compile"))
        return CompileCommand::run(arguments.mid(1));
    return std::nullopt;
}

QString subcommandHelp()
{
    return QStringLiteral("  ") + CompileCommand::help();
}

} // namespace coauthor::cli
