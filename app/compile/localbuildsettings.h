// LocalBuildSettings: how this computer compiles a project, chosen by its local user:
// full shell escape (for minted and the like). Kept in the project's own .coauthor/
// folder, which is never synced (the server refuses .coauthor paths, the mirror never
// writes there) and never in .coauthor-project.json or any other project file, so
// nothing a collaborator or the server sends can switch it on (issue 13, item 9).
#pragma once

#include <QString>

namespace coauthor::app {

class LocalBuildSettings
{
public:
    // <projectRoot>/.coauthor/build.json
    static QString filePath(const QString &projectRoot);

    // Off when the file is missing, unreadable or says anything but true.
    static bool fullShellEscape(const QString &projectRoot);
    // Written readable by the user only. False (and *error) when it cannot be written.
    static bool setFullShellEscape(const QString &projectRoot, bool on, QString *error = nullptr);
};

} // namespace coauthor::app
