#pragma once

#include "app/ui/mainwindow.h"

#include <QString>

#include <memory>

namespace coauthor::test {

// The window a screenshot program shows: the app's resources loaded, auto-compile off (each
// program compiles when its picture needs it), 1366×740 as the README's pictures are, its
// compiles kept under dir.
std::unique_ptr<coauthor::app::MainWindow> showScreenshotWindow(const QString &dir);

} // namespace coauthor::test
