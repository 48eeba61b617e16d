// initAppResources: registers the app's compiled-in resources (icons) when
// coauthor_app is linked statically; call once after creating the application.
#pragma once

namespace coauthor::app {

void initAppResources();

} // namespace coauthor::app
