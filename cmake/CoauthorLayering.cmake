# coauthor_add_layering_test(NAME target...)
#
# A CTest test that a file includes only headers of the targets its target links:
# for each target, every `#include "dir/.../x.h"` of a source or header in the
# target's folder must name the target's own folder or the folder of one of the
# targets it can see, that is, its direct links (PRIVATE and PUBLIC) and,
# through them, their PUBLIC/INTERFACE links (not their PRIVATE ones). The allowed
# folders are read from the targets themselves, so the links stay the one truth.
# Call it after every checked target and its dependencies are defined.

# Folders (relative to the project) of our targets reachable through `items`,
# following INTERFACE_LINK_LIBRARIES and skipping $<LINK_ONLY:> (private) entries.
function(_coauthor_visible_folders items out)
    set(folders "")
    set(seen "")
    set(pending ${items})
    while(pending)
        list(POP_FRONT pending item)
        if(NOT TARGET "${item}" OR item IN_LIST seen)
            continue()
        endif()
        list(APPEND seen "${item}")
        get_target_property(imported "${item}" IMPORTED)
        if(imported)
            continue()
        endif()
        get_target_property(dir "${item}" SOURCE_DIR)
        file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}" "${dir}")
        list(APPEND folders "${rel}")
        get_target_property(public "${item}" INTERFACE_LINK_LIBRARIES)
        if(public)
            foreach(next IN LISTS public)
                if(NOT next MATCHES "^\\$<")
                    list(APPEND pending "${next}")
                endif()
            endforeach()
        endif()
    endwhile()
    list(REMOVE_DUPLICATES folders)
    set(${out} "${folders}" PARENT_SCOPE)
endfunction()

function(coauthor_add_layering_test name)
    set(checks "")
    foreach(target IN LISTS ARGN)
        get_target_property(type ${target} TYPE)
        if(type STREQUAL "INTERFACE_LIBRARY")
            get_target_property(direct ${target} INTERFACE_LINK_LIBRARIES)
        else()
            get_target_property(direct ${target} LINK_LIBRARIES)
        endif()
        if(NOT direct)
            set(direct "")
        endif()
        get_target_property(dir ${target} SOURCE_DIR)
        file(RELATIVE_PATH own "${PROJECT_SOURCE_DIR}" "${dir}")
        _coauthor_visible_folders("${direct}" visible)
        list(JOIN visible "," visible)
        # target=folder=allowed,allowed,... ; one entry per target
        list(APPEND checks "${target}=${own}=${visible}")
    endforeach()
    list(JOIN checks "|" checks)
    add_test(NAME ${name}
        COMMAND ${CMAKE_COMMAND} -DROOT=${PROJECT_SOURCE_DIR} "-DCHECKS=${checks}"
                -P ${PROJECT_SOURCE_DIR}/cmake/CheckIncludes.cmake)
endfunction()
