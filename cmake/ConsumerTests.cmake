# ctest tests proving that arena_arc works for the two ways users consume it:
#   arena_arc.consumer.install           cmake --install into <build>/consumers/prefix
#   arena_arc.consumer.find_package      tests/consumers/find_package against that prefix
#   arena_arc.consumer.add_subdirectory  tests/consumers/add_subdirectory with this source tree
# Each consumer is configured, built and run from scratch with the same compiler and generator
# as this build (but none of its flags: a consumer sees the package as a user would).
# Run them alone with:  ctest --test-dir <build> -L consumer

set(_arena_arc_consumer_root "${PROJECT_BINARY_DIR}/consumers")
set(_arena_arc_consumer_prefix "${_arena_arc_consumer_root}/prefix")
set(_arena_arc_consumer_script "${CMAKE_CURRENT_LIST_DIR}/RunConsumer.cmake")
set(_arena_arc_consumer_common
  "-DGENERATOR=${CMAKE_GENERATOR}"
  "-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
  "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}"
  "-DCONFIG=$<CONFIG>"
  "-DPREFIX=${_arena_arc_consumer_prefix}")

add_test(NAME arena_arc.consumer.install
  COMMAND "${CMAKE_COMMAND}" ${_arena_arc_consumer_common}
    -DMODE=install
    "-DBUILD_DIR=${PROJECT_BINARY_DIR}"
    -P "${_arena_arc_consumer_script}")

add_test(NAME arena_arc.consumer.find_package
  COMMAND "${CMAKE_COMMAND}" ${_arena_arc_consumer_common}
    -DMODE=project
    "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}/tests/consumers/find_package"
    "-DBINARY_DIR=${_arena_arc_consumer_root}/find_package"
    -P "${_arena_arc_consumer_script}")

add_test(NAME arena_arc.consumer.add_subdirectory
  COMMAND "${CMAKE_COMMAND}" ${_arena_arc_consumer_common}
    -DMODE=project
    "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}/tests/consumers/add_subdirectory"
    "-DBINARY_DIR=${_arena_arc_consumer_root}/add_subdirectory"
    "-DARENA_ARC_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    -P "${_arena_arc_consumer_script}")

set_tests_properties(arena_arc.consumer.install PROPERTIES
  FIXTURES_SETUP arena_arc_installed
  LABELS consumer)
set_tests_properties(arena_arc.consumer.find_package PROPERTIES
  FIXTURES_REQUIRED arena_arc_installed
  LABELS consumer)
set_tests_properties(arena_arc.consumer.add_subdirectory PROPERTIES
  LABELS consumer)
