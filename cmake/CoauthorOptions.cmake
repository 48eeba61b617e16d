# Compiler settings shared by every target of ours, as an interface target
# that each target links PRIVATE: no global flags leak into Qt's own code.
add_library(coauthor_options INTERFACE)
target_compile_options(coauthor_options INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-Wall -Wextra -Wpedantic>
    $<$<CXX_COMPILER_ID:MSVC>:/W4>)
target_compile_definitions(coauthor_options INTERFACE
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    COAUTHOR_VERSION="${PROJECT_VERSION}")
