# Script mode helper for cmake/ConsumerTests.cmake; run as `cmake -D... -P RunConsumer.cmake`.
#   MODE=install : BUILD_DIR, PREFIX, CONFIG  -> cmake --install BUILD_DIR into a clean PREFIX
#   MODE=configure_install : SOURCE_DIR (arena_arc), BINARY_DIR, PREFIX, GENERATOR, MAKE_PROGRAM,
#                  CXX_COMPILER, CONFIG, CONFIGURE_ARGS -> configure arena_arc alone (nothing but
#                  the library) with CONFIGURE_ARGS, then install it into a clean PREFIX
#   MODE=project : SOURCE_DIR, BINARY_DIR, PREFIX, GENERATOR, MAKE_PROGRAM, CXX_COMPILER, CONFIG,
#                  optional ARENA_ARC_SOURCE_DIR, CONFIGURE_ARGS -> configure, build and run a
#                  consumer project; with EXPECT_LINK_FAILURE=ON, build its object libraries
#                  arena_arc_part_a and arena_arc_part_b (must succeed), then require the link of
#                  arena_arc_consumer to fail on an undefined symbol of the library's namespace
# CONFIGURE_ARGS: extra cache arguments separated by `|` (a `;` would split the ctest command).
cmake_minimum_required(VERSION 3.25)

function(arena_arc_run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc COMMAND_ECHO STDOUT)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGN}")
  endif()
endfunction()

set(_config_args "")
if(NOT CONFIG STREQUAL "")
  set(_config_args --config "${CONFIG}")
endif()

string(REPLACE "|" ";" _extra_configure_args "${CONFIGURE_ARGS}")

function(arena_arc_configure source binary)
  file(REMOVE_RECURSE "${binary}")
  set(_configure "${CMAKE_COMMAND}" -S "${source}" -B "${binary}" -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" ${ARGN} ${_extra_configure_args})
  if(MAKE_PROGRAM)
    list(APPEND _configure "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
  endif()
  if(NOT CONFIG STREQUAL "")
    list(APPEND _configure "-DCMAKE_BUILD_TYPE=${CONFIG}")
  endif()
  arena_arc_run(${_configure})
endfunction()

if(MODE STREQUAL "install" OR MODE STREQUAL "configure_install")
  if(MODE STREQUAL "configure_install")
    arena_arc_configure("${SOURCE_DIR}" "${BINARY_DIR}"
      -DARENA_ARC_BUILD_TESTS=OFF -DARENA_ARC_BUILD_PROPERTIES=OFF -DARENA_ARC_BUILD_FUZZERS=OFF
      -DARENA_ARC_BUILD_BENCHMARKS=OFF -DARENA_ARC_BUILD_EXAMPLES=OFF -DARENA_ARC_BUILD_FORMAL=OFF)
    set(BUILD_DIR "${BINARY_DIR}")
  endif()
  file(REMOVE_RECURSE "${PREFIX}")
  arena_arc_run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" ${_config_args})
  foreach(_expected IN ITEMS
      "include/arena_arc/arena_arc.hpp"
      "share/cmake/arena_arc/arena_arcConfig.cmake"
      "share/cmake/arena_arc/arena_arcConfigVersion.cmake"
      "share/cmake/arena_arc/arena_arcTargets.cmake")
    if(NOT EXISTS "${PREFIX}/${_expected}")
      message(FATAL_ERROR "install did not produce ${PREFIX}/${_expected}")
    endif()
  endforeach()
elseif(MODE STREQUAL "project")
  set(_project_args "-DCMAKE_PREFIX_PATH=${PREFIX}" "-DARENA_ARC_EXPECTED_PREFIX=${PREFIX}")
  if(ARENA_ARC_SOURCE_DIR)
    list(APPEND _project_args "-DARENA_ARC_SOURCE_DIR=${ARENA_ARC_SOURCE_DIR}")
  endif()
  arena_arc_configure("${SOURCE_DIR}" "${BINARY_DIR}" ${_project_args})
  if(EXPECT_LINK_FAILURE)
    # The parts compile: whatever fails next is the link.
    arena_arc_run("${CMAKE_COMMAND}" --build "${BINARY_DIR}" ${_config_args}
      --target arena_arc_part_a arena_arc_part_b)
    execute_process(
      COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}" ${_config_args} --target arena_arc_consumer
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    message("${out}")
    if(rc EQUAL 0)
      message(FATAL_ERROR "the mixed program linked: a configuration mismatch went unnoticed")
    endif()
    # GNU ld: "undefined reference to `f(arena_arc::abi_...)'"; lld: "undefined symbol: ...".
    if(NOT out MATCHES "undefined (reference|symbol)[^\n]*arena_arc::abi_")
      message(FATAL_ERROR "the link failed, but not on a symbol of the library's namespace")
    endif()
    return()
  endif()
  arena_arc_run("${CMAKE_COMMAND}" --build "${BINARY_DIR}" ${_config_args})
  # Single-config generators put the program at the top; multi-config ones in <config>/.
  set(_program "${BINARY_DIR}/arena_arc_consumer")
  if(NOT EXISTS "${_program}" AND EXISTS "${BINARY_DIR}/${CONFIG}/arena_arc_consumer")
    set(_program "${BINARY_DIR}/${CONFIG}/arena_arc_consumer")
  endif()
  arena_arc_run("${_program}")
else()
  message(FATAL_ERROR
    "RunConsumer.cmake: MODE must be install, configure_install or project, not '${MODE}'")
endif()
