# Script mode helper for cmake/ConsumerTests.cmake; run as `cmake -D... -P RunConsumer.cmake`.
#   MODE=install : BUILD_DIR, PREFIX, CONFIG  -> cmake --install BUILD_DIR into a clean PREFIX
#   MODE=project : SOURCE_DIR, BINARY_DIR, PREFIX, GENERATOR, MAKE_PROGRAM, CXX_COMPILER, CONFIG,
#                  optional ARENA_ARC_SOURCE_DIR -> configure, build and run a consumer project
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

if(MODE STREQUAL "install")
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
  file(REMOVE_RECURSE "${BINARY_DIR}")
  set(_configure "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${BINARY_DIR}" -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_PREFIX_PATH=${PREFIX}"
    "-DARENA_ARC_EXPECTED_PREFIX=${PREFIX}")
  if(MAKE_PROGRAM)
    list(APPEND _configure "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
  endif()
  if(NOT CONFIG STREQUAL "")
    list(APPEND _configure "-DCMAKE_BUILD_TYPE=${CONFIG}")
  endif()
  if(ARENA_ARC_SOURCE_DIR)
    list(APPEND _configure "-DARENA_ARC_SOURCE_DIR=${ARENA_ARC_SOURCE_DIR}")
  endif()
  arena_arc_run(${_configure})
  arena_arc_run("${CMAKE_COMMAND}" --build "${BINARY_DIR}" ${_config_args})
  # Single-config generators put the program at the top; multi-config ones in <config>/.
  set(_program "${BINARY_DIR}/arena_arc_consumer")
  if(NOT EXISTS "${_program}" AND EXISTS "${BINARY_DIR}/${CONFIG}/arena_arc_consumer")
    set(_program "${BINARY_DIR}/${CONFIG}/arena_arc_consumer")
  endif()
  arena_arc_run("${_program}")
else()
  message(FATAL_ERROR "RunConsumer.cmake: MODE must be install or project, not '${MODE}'")
endif()
