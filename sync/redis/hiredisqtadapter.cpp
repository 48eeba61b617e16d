// The object library that carries the moc code of hiredis's RedisQtAdapter (AUTOMOC
// runs on the system header listed beside this file in CMakeLists.txt).
#include <hiredis/adapters/qt.h>
