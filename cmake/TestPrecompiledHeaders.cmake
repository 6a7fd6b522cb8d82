# Precompiled headers for the test executables: GoogleTest and the standard headers the suites
# share are parsed once per executable instead of once per source file (about half of a test
# source's compile time with g++). Only GoogleTest and the standard library go in: a test source
# still includes <arena_arc/...> itself, after any configuration macro its target defines, so a
# precompiled header never decides a test's configuration.
#
# Applied to every executable under the given directories that links GTest and has at least
# three sources (below that, building the header costs more than it saves). The header is built
# once per group of executables with the same language standard, compile options and
# position-independence, and reused by the others of the group (REUSE_FROM): their compile
# definitions may differ (hardening levels, refunds, membarrier denial), which is sound because
# no ARENA_ARC_ macro appears in GoogleTest or the standard headers. -Winvalid-pch makes any
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

function(arena_arc_precompile_test_headers)
  get_property(added DIRECTORY "${PROJECT_SOURCE_DIR}" PROPERTY SUBDIRECTORIES)
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
      target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-Winvalid-pch>)
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
  endforeach()
endfunction()
