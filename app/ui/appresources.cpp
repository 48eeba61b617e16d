#include "app/ui/appresources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initIcons()
{
    Q_INIT_RESOURCE(icons);
}

namespace coauthor::app {

void initAppResources()
{
    initIcons();
}

} // namespace coauthor::app
