# ctest tests proving that arena_arc works for the ways users consume it:
#   arena_arc.consumer.install           cmake --install into <build>/consumers/prefix
#   arena_arc.consumer.find_package      tests/consumers/find_package against that prefix
#   arena_arc.consumer.add_subdirectory  tests/consumers/add_subdirectory with this source tree;
#                                        the parent's install must not ship arena_arc's files
#   arena_arc.consumer.pkg_config        tests/consumers/pkg_config (a plain Makefile) against
#                                        that prefix through PKG_CONFIG_PATH
#   arena_arc.consumer.version_refused.* find_package(arena_arc 0.0 / 0.2) must fail to configure
#                                        (SameMinorVersion; find_package asks for 0.1)
#   arena_arc.consumer.deb*              the .deb from cpack (see below)
# Each consumer is configured, built and run from scratch with the same compiler and generator
# as this build (but none of its flags: a consumer sees the package as a user would).
# Run them alone with:  ctest --test-dir <build> -L consumer

set(_arena_arc_consumer_root "${PROJECT_BINARY_DIR}/consumers")
set(_arena_arc_consumer_prefix "${_arena_arc_consumer_root}/prefix")
set(_arena_arc_consumer_script "${CMAKE_CURRENT_LIST_DIR}/RunConsumer.cmake")

# _arena_arc_consumer_test(<name> [CMAKE_PREFIX <prefix>] [SETUP <fixture>] [REQUIRES <fixture>]
#                          ARGS <RunConsumer.cmake arguments>...)
# Adds the ctest arena_arc.consumer.<name> (label consumer): RunConsumer.cmake with ARGS, after
# this build's generator, make program, compiler and configuration and the install prefix to
# consume when CMAKE_PREFIX is given (the CMake consumers; the Makefile ones pass their own).
function(_arena_arc_consumer_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "CMAKE_PREFIX;SETUP;REQUIRES" "ARGS")
  set(common "")
  if(DEFINED arg_CMAKE_PREFIX)
    set(common
      "-DGENERATOR=${CMAKE_GENERATOR}"
      "-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
      "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}"
      "-DCONFIG=$<CONFIG>"
      "-DPREFIX=${arg_CMAKE_PREFIX}")
  endif()
  add_test(NAME arena_arc.consumer.${name}
    COMMAND "${CMAKE_COMMAND}" ${common} ${arg_ARGS} -P "${_arena_arc_consumer_script}")
  set(properties LABELS consumer)
  if(DEFINED arg_SETUP)
    list(APPEND properties FIXTURES_SETUP ${arg_SETUP})
  endif()
  if(DEFINED arg_REQUIRES)
    list(APPEND properties FIXTURES_REQUIRED ${arg_REQUIRES})
  endif()
  set_tests_properties(arena_arc.consumer.${name} PROPERTIES ${properties})
endfunction()

_arena_arc_consumer_test(install CMAKE_PREFIX "${_arena_arc_consumer_prefix}"
  SETUP arena_arc_installed
  ARGS -DMODE=install "-DBUILD_DIR=${PROJECT_BINARY_DIR}")

_arena_arc_consumer_test(find_package CMAKE_PREFIX "${_arena_arc_consumer_prefix}"
  REQUIRES arena_arc_installed
  ARGS -DMODE=project
    "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}/tests/consumers/find_package"
    "-DBINARY_DIR=${_arena_arc_consumer_root}/find_package")

_arena_arc_consumer_test(add_subdirectory CMAKE_PREFIX "${_arena_arc_consumer_prefix}"
  ARGS -DMODE=project
    "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}/tests/consumers/add_subdirectory"
    "-DBINARY_DIR=${_arena_arc_consumer_root}/add_subdirectory"
    "-DARENA_ARC_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    -DINSTALLS_ARENA_ARC=OFF)

# A different minor version is refused while the major version is 0 (the configure must fail,
# naming the installed package it did not accept); the same minor is accepted (find_package).
# 0.0 is what SameMinorVersion adds (SameMajorVersion would accept it); 0.2 is newer than 0.1.0.
set(_arena_arc_refusal
  "compatible with requested version|${_arena_arc_consumer_prefix}/share/cmake/arena_arc/"
  "arena_arcConfig.cmake, version: ${PROJECT_VERSION}")
string(CONCAT _arena_arc_refusal ${_arena_arc_refusal})
foreach(_requested IN ITEMS 0.0 0.2)
  _arena_arc_consumer_test(version_refused.${_requested}
    CMAKE_PREFIX "${_arena_arc_consumer_prefix}"
    REQUIRES arena_arc_installed
    ARGS -DMODE=project
      "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}/tests/consumers/find_package"
      "-DBINARY_DIR=${_arena_arc_consumer_root}/version_refused_${_requested}"
      "-DCONFIGURE_ARGS=-DARENA_ARC_REQUESTED_VERSION=${_requested}"
      "-DEXPECT_CONFIGURE_FAILURE=${_arena_arc_refusal}")
endforeach()

# pkg-config consumers build with GNU make and pkg-config (pkgconf), found here; when either is
# missing the tests run and fail, saying so.
find_program(ARENA_ARC_GNU_MAKE NAMES gmake make)
find_program(ARENA_ARC_PKG_CONFIG NAMES pkg-config pkgconf)
set(_arena_arc_make_common
  -DMODE=make
  "-DMAKE_PROGRAM=${ARENA_ARC_GNU_MAKE}"
  "-DPKG_CONFIG=${ARENA_ARC_PKG_CONFIG}"
  "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}"
  "-DVERSION=${PROJECT_VERSION}"
  "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}/tests/consumers/pkg_config")
_arena_arc_consumer_test(pkg_config
  REQUIRES arena_arc_installed
  ARGS ${_arena_arc_make_common}
    "-DPREFIX=${_arena_arc_consumer_prefix}"
    "-DBINARY_DIR=${_arena_arc_consumer_root}/pkg_config")

# The configuration set once in CMake reaches consumers (ARENA_ARC_HARDENING and
# ARENA_ARC_OWNER_REFUNDS are compile definitions of arena_arc::arena_arc): the consumers
# static_assert the values they see.
#   arena_arc.consumer.add_subdirectory_configured  a parent project sets them for the subdirectory
#   arena_arc.consumer.install_configured           an install of a tree configured with them
#   arena_arc.consumer.find_package_configured      ... used through find_package
#   arena_arc.consumer.pkg_config_configured        ... used through pkg-config (Cflags)
# The add_subdirectory parent sets ARENA_ARC_INSTALL=ON too: its install must then ship arena_arc.
set(_arena_arc_configured_args
  "-DARENA_ARC_HARDENING=DEBUG|-DARENA_ARC_OWNER_REFUNDS=0")
set(_arena_arc_configured_expect
  "-DARENA_ARC_CONSUMER_EXPECTED_HARDENING=DEBUG|-DARENA_ARC_CONSUMER_EXPECTED_REFUNDS=0")
set(_arena_arc_configured_prefix "${_arena_arc_consumer_root}/prefix-configured")

_arena_arc_consumer_test(add_subdirectory_configured CMAKE_PREFIX "${_arena_arc_consumer_prefix}"
  ARGS -DMODE=project
    "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}/tests/consumers/add_subdirectory"
    "-DBINARY_DIR=${_arena_arc_consumer_root}/add_subdirectory_configured"
    "-DARENA_ARC_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    "-DCONFIGURE_ARGS=${_arena_arc_configured_args}|${_arena_arc_configured_expect}|\
-DARENA_ARC_INSTALL=ON"
    -DINSTALLS_ARENA_ARC=ON)

_arena_arc_consumer_test(install_configured CMAKE_PREFIX "${_arena_arc_configured_prefix}"
  SETUP arena_arc_installed_configured
  ARGS -DMODE=configure_install
    "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
    "-DBINARY_DIR=${_arena_arc_consumer_root}/configured"
    "-DCONFIGURE_ARGS=${_arena_arc_configured_args}")

_arena_arc_consumer_test(find_package_configured CMAKE_PREFIX "${_arena_arc_configured_prefix}"
  REQUIRES arena_arc_installed_configured
  ARGS -DMODE=project
    "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}/tests/consumers/find_package"
    "-DBINARY_DIR=${_arena_arc_consumer_root}/find_package_configured"
    "-DCONFIGURE_ARGS=${_arena_arc_configured_expect}")

_arena_arc_consumer_test(pkg_config_configured
  REQUIRES arena_arc_installed_configured
  ARGS ${_arena_arc_make_common}
    "-DPREFIX=${_arena_arc_configured_prefix}"
    "-DBINARY_DIR=${_arena_arc_consumer_root}/pkg_config_configured"
    "-DMAKE_ARGS=CPPFLAGS=-DARENA_ARC_CONSUMER_EXPECTED_HARDENING=ARENA_ARC_HARDENING_DEBUG \
-DARENA_ARC_CONSUMER_EXPECTED_REFUNDS=0")

# Translation units of one program built with different configurations (config.hpp, "Mixed
# configurations"; tests/consumers/mixed_configurations):
#   ...mixed.hardening_exchange_fails_to_link  a slice made at FAST passed to a DEBUG function
#   ...mixed.refunds_exchange_fails_to_link    the same between ARENA_ARC_OWNER_REFUNDS 1 and 0
#   ...mixed.matching_exchange_runs            control: the same program, both units at DEBUG
#   ...mixed.separate_configurations_run       FAST and DEBUG units each with their own slices
set(_arena_arc_debug_definition "ARENA_ARC_HARDENING=ARENA_ARC_HARDENING_DEBUG")
foreach(_case IN ITEMS
    "hardening_exchange_fails_to_link|exchange||${_arena_arc_debug_definition}|ON"
    "refunds_exchange_fails_to_link|exchange||ARENA_ARC_OWNER_REFUNDS=0|ON"
    "matching_exchange_runs|exchange|${_arena_arc_debug_definition}|${_arena_arc_debug_definition}|OFF"
    "separate_configurations_run|separate||${_arena_arc_debug_definition}|OFF")
  string(REPLACE "|" ";" _fields "${_case}")
  list(GET _fields 0 _name)
  list(GET _fields 1 _scenario)
  list(GET _fields 2 _part_a)
  list(GET _fields 3 _part_b)
  list(GET _fields 4 _expect_link_failure)
  _arena_arc_consumer_test(mixed.${_name} CMAKE_PREFIX "${_arena_arc_consumer_prefix}"
    ARGS -DMODE=project
      "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}/tests/consumers/mixed_configurations"
      "-DBINARY_DIR=${_arena_arc_consumer_root}/mixed_${_name}"
      "-DARENA_ARC_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
      "-DCONFIGURE_ARGS=-DSCENARIO=${_scenario}|-DARENA_ARC_PART_A_DEFINITIONS=${_part_a}|-DARENA_ARC_PART_B_DEFINITIONS=${_part_b}"
      "-DEXPECT_LINK_FAILURE=${_expect_link_failure}")
endforeach()

# The Debian package (cmake/Packaging.cmake), made from this build tree and unpacked rather than
# installed (dpkg -i would change the machine):
#   arena_arc.consumer.deb               cpack -G DEB; dpkg-deb -I (name, version, architecture
#                                        all, maintainer, section, depends, description) and -c
#                                        (exactly the headers, CMake package, arena_arc.pc and
#                                        licence, under /usr); dpkg-deb -x into <root>, that is
#                                        <build>/consumers/deb/root
#   arena_arc.consumer.deb.find_package  tests/consumers/find_package, CMAKE_PREFIX_PATH=<root>/usr
#   arena_arc.consumer.deb.pkg_config    tests/consumers/pkg_config,
#                                        PKG_CONFIG_PATH=<root>/usr/share/pkgconfig
# Not added where dpkg-deb is missing (not a Debian-based system).
find_program(ARENA_ARC_DPKG_DEB dpkg-deb)
if(ARENA_ARC_DPKG_DEB)
  set(_arena_arc_deb_dir "${_arena_arc_consumer_root}/deb")
  _arena_arc_consumer_test(deb
    SETUP arena_arc_deb
    ARGS -DMODE=deb
      "-DBUILD_DIR=${PROJECT_BINARY_DIR}"
      "-DCONFIG=$<CONFIG>"
      "-DBINARY_DIR=${_arena_arc_deb_dir}"
      "-DCPACK=${CMAKE_CPACK_COMMAND}"
      "-DDPKG_DEB=${ARENA_ARC_DPKG_DEB}"
      "-DVERSION=${PROJECT_VERSION}"
      "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}")
  _arena_arc_consumer_test(deb.find_package CMAKE_PREFIX "${_arena_arc_deb_dir}/root/usr"
    REQUIRES arena_arc_deb
    ARGS -DMODE=project
      "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}/tests/consumers/find_package"
      "-DBINARY_DIR=${_arena_arc_consumer_root}/deb_find_package")
  _arena_arc_consumer_test(deb.pkg_config
    REQUIRES arena_arc_deb
    ARGS ${_arena_arc_make_common}
      "-DPREFIX=${_arena_arc_deb_dir}/root/usr"
      "-DBINARY_DIR=${_arena_arc_consumer_root}/deb_pkg_config")
else()
  message(STATUS "dpkg-deb not found: no .deb consumer tests (arena_arc.consumer.deb*)")
endif()
