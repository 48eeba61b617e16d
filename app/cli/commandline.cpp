#include "app/cli/commandline.h"

#include "app/cli/compilecommand.h"
#include "app/cli/countcommand.h"

namespace coauthor::cli {

std::optional<int> runSubcommand(const QStringList &arguments)
{
    if (arguments.isEmpty())
        return std::nullopt;
    if (arguments.first() == QLatin1String("compile"))
        return CompileCommand::run(arguments.mid(1));
    if (arguments.first() == QLatin1String("count"))
        return CountCommand::run(arguments.mid(1));
    return std::nullopt;
}

QString subcommandHelp()
{
    return QStringLiteral("  ") + CompileCommand::help() + QStringLiteral("\n  ") + CountCommand::help();
}

bool asksForHelpOrVersion(const QStringList &arguments)
{
    static const QStringList flags{QStringLiteral("-h"), QStringLiteral("--help"), QStringLiteral("-?"),
                                   QStringLiteral("--help-all"), QStringLiteral("-v"), QStringLiteral("--version")};
    for (const QString &argument : arguments) {
        if (argument == QLatin1String("--"))
            return false;
        if (flags.contains(argument))
            return true;
    }
    return false;
}

} // namespace coauthor::cli
