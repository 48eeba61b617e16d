#include "screenshotwindow.h"

#include "app/project/appsettings.h"
#include "app/ui/appresources.h"

namespace coauthor::test {

std::unique_ptr<coauthor::app::MainWindow> showScreenshotWindow(const QString &dir)
{
    coauthor::app::initAppResources();
    coauthor::app::AppSettings settings = coauthor::app::AppSettings::load();
    settings.autoCompile = false;
    settings.save();
    auto window = std::make_unique<coauthor::app::MainWindow>(dir + QStringLiteral("/compiles"));
    window->setGeometry(0, 0, 1366, 740);
    window->show();
    return window;
}

} // namespace coauthor::test
