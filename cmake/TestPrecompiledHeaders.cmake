# Precompiled headers for the test executables: GoogleTest and the standard headers the suites
# share are parsed once per executable instead of once per source file (about half of a test
# source's compile time with g++). Only GoogleTest and the standard library go in: a test source
# still includes <arena_arc/...> itself, after any configuration macro its target defines, so a
# precompiled header never decides a test's configuration.
#
# Applied to every executable under the given directories that links GTest and has at least
# three sources (below that, building the header costs more than it saves). The header is built
# once per group of executables with the same language standard, compile options and
# position-independence, and reused by the others of the group (REUSE_FROM). Their ARENA_ARC_
# definitions (hardening levels, refunds, membarrier denial) may differ, which is sound because
# no ARENA_ARC_ macro appears in GoogleTest or the standard headers; but g++ refuses a header
# built with a -D that the user defines differently, so the header of a group is built by an
# executable without ARENA_ARC_ definitions (its own or its libraries', e.g. the configured
# ARENA_ARC_HARDENING of a hardening preset). When a group has none, its executables are
# grouped by their definitions as well. -Winvalid-pch makes any
# header the compiler would have to reject a warning, and so an error: a mismatch fails the
# build instead of silently parsing the headers again. Set
# CMAKE_DISABLE_PRECOMPILE_HEADERS=ON to build without (the static-analysis preset does: its
# compile_commands.json must name no header built by another compiler run).

function(_arena_arc_collect_targets dir out)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    _arena_arc_collect_targets("${sub}" sub_targets)
    list(APPEND targets ${sub_targets})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# The ARENA_ARC_ compile definitions a target gets: its own and, transitively, its libraries'
# interface definitions, sorted.
function(_arena_arc_definitions target out)
  set(found "")
  set(pending ${target})
  set(seen "")
  while(pending)
    list(POP_FRONT pending current)
    if(NOT TARGET "${current}" OR current IN_LIST seen)
      continue()
    endif()
    list(APPEND seen "${current}")
    get_target_property(aliased "${current}" ALIASED_TARGET)
    if(aliased)
      list(APPEND pending "${aliased}")
      continue()
    endif()
    get_target_property(type "${current}" TYPE)
    set(properties INTERFACE_COMPILE_DEFINITIONS INTERFACE_LINK_LIBRARIES)
    if(current STREQUAL target)
      list(APPEND properties COMPILE_DEFINITIONS LINK_LIBRARIES)
    endif()
    foreach(property IN LISTS properties)
      get_target_property(values "${current}" ${property})
      if(NOT values)
        continue()
      endif()
      if(property MATCHES "LINK_LIBRARIES")
        list(APPEND pending ${values})
      else()
        foreach(value IN LISTS values)
          if(value MATCHES "ARENA_ARC_")
            list(APPEND found "${value}")
          endif()
        endforeach()
      endif()
    endforeach()
  endwhile()
  list(REMOVE_DUPLICATES found)
  list(SORT found)
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

function(arena_arc_precompile_test_headers)
  get_property(added DIRECTORY "${PROJECT_SOURCE_DIR}" PROPERTY SUBDIRECTORIES)
  # First pass: the eligible executables, each with its group and its ARENA_ARC_ definitions.
  set(eligible "")
  foreach(dir IN LISTS ARGN)
    if(NOT dir IN_LIST added)
      continue()  # not part of this build
    endif()
    _arena_arc_collect_targets("${dir}" targets)
    foreach(target IN LISTS targets)
      get_target_property(type ${target} TYPE)
      get_target_property(libs ${target} LINK_LIBRARIES)
      get_target_property(sources ${target} SOURCES)
      list(LENGTH sources count)
      if(NOT type STREQUAL "EXECUTABLE" OR count LESS 3 OR NOT "${libs}" MATCHES "GTest::")
        continue()
      endif()
      get_target_property(standard ${target} CXX_STANDARD)
      get_target_property(options ${target} COMPILE_OPTIONS)
      get_target_property(pic ${target} POSITION_INDEPENDENT_CODE)
      string(MD5 group "${standard}|${options}|${pic}")
      _arena_arc_definitions(${target} definitions)
      set(_arena_arc_group_${target} ${group})
      set(_arena_arc_definitions_${target} "${definitions}")
      if(definitions STREQUAL "" AND NOT DEFINED _arena_arc_clean_${group})
        set(_arena_arc_clean_${group} ${target})
      endif()
      list(APPEND eligible ${target})
    endforeach()
  endforeach()
  # Second pass: reuse the group's header built without ARENA_ARC_ definitions, or else the
  # header of the first executable with the same definitions.
  foreach(target IN LISTS eligible)
    set(group ${_arena_arc_group_${target}})
    if(NOT DEFINED _arena_arc_clean_${group})
      string(MD5 group "${group}|${_arena_arc_definitions_${target}}")
    endif()
    target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-Winvalid-pch>)
    if(DEFINED _arena_arc_clean_${group} AND NOT target STREQUAL _arena_arc_clean_${group})
      target_precompile_headers(${target} REUSE_FROM ${_arena_arc_clean_${group}})
      continue()
    endif()
    if(DEFINED _arena_arc_pch_${group})
      target_precompile_headers(${target} REUSE_FROM ${_arena_arc_pch_${group}})
      continue()
    endif()
    set(_arena_arc_pch_${group} ${target})
    target_precompile_headers(${target} PRIVATE
      <gtest/gtest.h>
      <algorithm> <array> <atomic> <cstddef> <cstdint> <cstring> <functional> <memory>
      <memory_resource> <new> <optional> <stdexcept> <string> <thread> <type_traits>
      <utility> <vector>)
  endforeach()
endfunction()
