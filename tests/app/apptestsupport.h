// Helpers shared by the app tests: isolated settings and caches in a
// temporary folder, and a fresh copy of the example project.
#pragma once

#include "tests/support/testfiles.h" // readText, writeText, readBytes, writeBytes

#include <QString>

namespace coauthor::test {

// QSettings (INI) and XDG caches under dir, so tests never touch the user's.
void isolateUserState(const QString &dir);
// Copies the bundled example project (COAUTHOR_SOURCE_DIR/resources/example) to target.
bool copyExampleProject(const QString &target);
bool copyTree(const QString &from, const QString &to);
// The screen (or the X window `window`, an id) as a PNG, with ImageMagick's `import`, for the
// screenshot programs run under xvfb-run; says on stderr whether it was written.
bool captureScreen(const QString &file, const QString &window = QStringLiteral("root"));
// Both, as most app tests start: user state isolated under dir/state and a copy of
// the example project at dir/paper. The project's absolute path; empty when the copy failed.
QString isolatedExampleProject(const QString &dir);

} // namespace coauthor::test
