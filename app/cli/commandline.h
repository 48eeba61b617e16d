#pragma once

#include <QStringList>

#include <optional>

namespace coauthor::cli {

// Runs a command line subcommand (`coauthor compile DIR ...`) without a GUI.
// Returns the process exit code, or nothing when `arguments` (argv without the
// program name) does not start with a known subcommand, so the GUI starts.
std::optional<int> runSubcommand(const QStringList &arguments);

// One line per subcommand, for `coauthor --help`.
QString subcommandHelp();

// True when arguments ask for --help, --help-all or --version (-h, -v): the app
// prints and exits before any window, so it needs no display for them.
bool asksForHelpOrVersion(const QStringList &arguments);

} // namespace coauthor::cli
