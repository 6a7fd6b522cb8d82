# Script mode helper for cmake/ConsumerTests.cmake; run as `cmake -D... -P RunConsumer.cmake`.
#   MODE=install : BUILD_DIR, PREFIX, CONFIG  -> cmake --install BUILD_DIR into a clean PREFIX
#   MODE=configure_install : SOURCE_DIR (arena_arc), BINARY_DIR, PREFIX, GENERATOR, MAKE_PROGRAM,
#                  CXX_COMPILER, CONFIG, CONFIGURE_ARGS -> configure arena_arc alone (nothing but
#                  the library) with CONFIGURE_ARGS, then install it into a clean PREFIX
#   MODE=project : SOURCE_DIR, BINARY_DIR, PREFIX, GENERATOR, MAKE_PROGRAM, CXX_COMPILER, CONFIG,
#                  optional ARENA_ARC_SOURCE_DIR, CONFIGURE_ARGS -> configure, build and run a
#                  consumer project; with EXPECT_LINK_FAILURE=ON, build its object libraries
#                  arena_arc_part_a and arena_arc_part_b (must succeed), then require the link of
#                  arena_arc_consumer to fail on an undefined symbol of the library's namespace;
#                  with EXPECT_CONFIGURE_FAILURE=<text>|..., require the configure to fail with
#                  each <text> in its output (white space collapsed); with
#                  INSTALLS_ARENA_ARC=ON|OFF, also install the built project into
#                  BINARY_DIR/install and require that arena_arc's files are there (ON) or not
#                  (OFF), and the project's program in any case
#   MODE=make    : SOURCE_DIR (a Makefile's directory), BINARY_DIR, PREFIX, CXX_COMPILER,
#                  MAKE_PROGRAM (GNU make), PKG_CONFIG, VERSION, MAKE_ARGS -> with PKG_CONFIG_PATH
#                  set to PREFIX's share/pkgconfig, check that pkg-config finds arena_arc VERSION
#                  there, then build the Makefile's arena_arc_consumer in BINARY_DIR and run it
#   MODE=deb     : BUILD_DIR, CONFIG, BINARY_DIR, CPACK, DPKG_DEB, VERSION, SOURCE_DIR (arena_arc)
#                  -> `cpack -G DEB` BUILD_DIR into BINARY_DIR, check the package's metadata
#                  (`dpkg-deb -I`) and contents (`dpkg-deb -c`), unpack it into BINARY_DIR/root
# CONFIGURE_ARGS, MAKE_ARGS: extra arguments separated by `|` (a `;` would split the ctest command).
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

# The configure command line of a consumer: the generator, compiler and CONFIGURE_ARGS of this
# run, then the arguments given.
function(_arena_arc_configure_command source binary out)
  set(_configure "${CMAKE_COMMAND}" -S "${source}" -B "${binary}" -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" ${ARGN} ${_extra_configure_args})
  if(MAKE_PROGRAM)
    list(APPEND _configure "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
  endif()
  if(NOT CONFIG STREQUAL "")
    list(APPEND _configure "-DCMAKE_BUILD_TYPE=${CONFIG}")
  endif()
  set(${out} ${_configure} PARENT_SCOPE)
endfunction()

function(arena_arc_configure source binary)
  file(REMOVE_RECURSE "${binary}")
  _arena_arc_configure_command("${source}" "${binary}" _configure ${ARGN})
  arena_arc_run(${_configure})
endfunction()

# Configures a consumer that must be refused: the configure fails, saying EXPECT_CONFIGURE_FAILURE.
function(arena_arc_configure_expecting_failure source binary)
  file(REMOVE_RECURSE "${binary}")
  _arena_arc_configure_command("${source}" "${binary}" _configure ${ARGN})
  execute_process(COMMAND ${_configure} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  message("${out}")
  if(rc EQUAL 0)
    message(FATAL_ERROR "the consumer configured: it was to be refused")
  endif()
  string(REGEX REPLACE "[ \t\r\n]+" " " out "${out}")
  string(REPLACE "|" ";" _texts "${EXPECT_CONFIGURE_FAILURE}")
  foreach(_text IN LISTS _texts)
    string(FIND "${out}" "${_text}" _at)
    if(_at EQUAL -1)
      message(FATAL_ERROR "the configure failed, but without saying: ${_text}")
    endif()
  endforeach()
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
      "share/cmake/arena_arc/arena_arcTargets.cmake"
      "share/pkgconfig/arena_arc.pc")
    if(NOT EXISTS "${PREFIX}/${_expected}")
      message(FATAL_ERROR "install did not produce ${PREFIX}/${_expected}")
    endif()
  endforeach()
elseif(MODE STREQUAL "project")
  set(_project_args "-DCMAKE_PREFIX_PATH=${PREFIX}" "-DARENA_ARC_EXPECTED_PREFIX=${PREFIX}")
  if(ARENA_ARC_SOURCE_DIR)
    list(APPEND _project_args "-DARENA_ARC_SOURCE_DIR=${ARENA_ARC_SOURCE_DIR}")
  endif()
  if(DEFINED EXPECT_CONFIGURE_FAILURE)
    arena_arc_configure_expecting_failure("${SOURCE_DIR}" "${BINARY_DIR}" ${_project_args})
    return()
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
  if(DEFINED INSTALLS_ARENA_ARC)
    # A parent project's install ships arena_arc only when it asks (ARENA_ARC_INSTALL).
    set(_installed "${BINARY_DIR}/install")
    arena_arc_run("${CMAKE_COMMAND}" --install "${BINARY_DIR}" --prefix "${_installed}"
      ${_config_args})
    if(NOT EXISTS "${_installed}/bin/arena_arc_consumer")
      message(FATAL_ERROR "the parent project's install did not install its own program")
    endif()
    foreach(_file IN ITEMS include/arena_arc share/cmake/arena_arc share/pkgconfig/arena_arc.pc
        share/doc/arena_arc)
      if(INSTALLS_ARENA_ARC AND NOT EXISTS "${_installed}/${_file}")
        message(FATAL_ERROR "with ARENA_ARC_INSTALL=ON the parent's install lacks ${_file}")
      elseif(NOT INSTALLS_ARENA_ARC AND EXISTS "${_installed}/${_file}")
        message(FATAL_ERROR "the parent's install ships arena_arc's ${_file}")
      endif()
    endforeach()
  endif()
elseif(MODE STREQUAL "make")
  # The consumer's view: PKG_CONFIG_PATH names the install. An arena_arc.pc found elsewhere
  # first (a system install) would fail the includedir check below.
  set(ENV{PKG_CONFIG_PATH} "${PREFIX}/share/pkgconfig")
  execute_process(COMMAND "${PKG_CONFIG}" --modversion arena_arc
    RESULT_VARIABLE rc OUTPUT_VARIABLE _version OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0 OR NOT _version STREQUAL VERSION)
    message(FATAL_ERROR
      "pkg-config --modversion arena_arc: '${_version}' (${rc}), expected ${VERSION}")
  endif()
  execute_process(COMMAND "${PKG_CONFIG}" --variable=includedir arena_arc
    RESULT_VARIABLE rc OUTPUT_VARIABLE _includedir OUTPUT_STRIP_TRAILING_WHITESPACE)
  file(REAL_PATH "${PREFIX}/include" _expected_includedir)
  if(rc EQUAL 0 AND EXISTS "${_includedir}")
    file(REAL_PATH "${_includedir}" _includedir)
  endif()
  if(NOT _includedir STREQUAL _expected_includedir)
    message(FATAL_ERROR
      "arena_arc.pc's includedir is '${_includedir}', expected ${_expected_includedir}")
  endif()
  file(REMOVE_RECURSE "${BINARY_DIR}")
  file(MAKE_DIRECTORY "${BINARY_DIR}")
  string(REPLACE "|" ";" _make_args "${MAKE_ARGS}")
  arena_arc_run("${MAKE_PROGRAM}" -C "${BINARY_DIR}" -f "${SOURCE_DIR}/Makefile"
    "CXX=${CXX_COMPILER}" "PKG_CONFIG=${PKG_CONFIG}" ${_make_args})
  arena_arc_run("${BINARY_DIR}/arena_arc_consumer")
elseif(MODE STREQUAL "deb")
  if(NOT DPKG_DEB)
    message(FATAL_ERROR "dpkg-deb was not found when the build was configured")
  endif()
  file(REMOVE_RECURSE "${BINARY_DIR}")
  set(_cpack_config "")
  if(NOT CONFIG STREQUAL "")
    set(_cpack_config -C "${CONFIG}")
  endif()
  arena_arc_run("${CPACK}" -G DEB --config "${BUILD_DIR}/CPackConfig.cmake" -B "${BINARY_DIR}"
    ${_cpack_config})
  file(GLOB _deb "${BINARY_DIR}/*.deb")
  list(LENGTH _deb _debs)
  if(NOT _debs EQUAL 1)
    message(FATAL_ERROR "cpack -G DEB made ${_debs} .deb files in ${BINARY_DIR}, not one")
  endif()
  execute_process(COMMAND "${DPKG_DEB}" -I "${_deb}" RESULT_VARIABLE rc OUTPUT_VARIABLE _info)
  message("${_info}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dpkg-deb -I ${_deb} failed (${rc})")
  endif()
  foreach(_field IN ITEMS
      "Package: libarena-arc-dev"
      "Version: ${VERSION}"
      "Architecture: all"
      "Maintainer: [^\n<]+ <[^\n@>]+@[^\n>]+>"
      "Section: libdevel"
      "Depends: libc6-dev, linux-libc-dev, libstdc\\+\\+-dev \\| libc\\+\\+-dev"
      "Description: Chunk-based arena [^\n]*\n  arena-arc is a header-only C\\+\\+20[^\n]*")
    if(NOT _info MATCHES "\n ${_field}\n")
      message(FATAL_ERROR "the package's control file has no line matching '${_field}'")
    endif()
  endforeach()
  get_filename_component(_deb_name "${_deb}" NAME)
  if(NOT _deb_name STREQUAL "libarena-arc-dev_${VERSION}_all.deb")
    message(FATAL_ERROR
      "the package's file is ${_deb_name}, not libarena-arc-dev_${VERSION}_all.deb")
  endif()
  # Contents: every header of include/arena_arc, the CMake package, arena_arc.pc, the licence;
  # nothing else (no test, tool or third-party file) and nothing outside /usr.
  execute_process(COMMAND "${DPKG_DEB}" -c "${_deb}" RESULT_VARIABLE rc OUTPUT_VARIABLE _listing)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dpkg-deb -c ${_deb} failed (${rc})")
  endif()
  string(REGEX MATCHALL "\\./[^\n]*[^/\n]\n" _files "${_listing}")
  list(TRANSFORM _files STRIP)
  list(FILTER _files EXCLUDE REGEX "^\\./usr/include/arena_arc/[a-z_/]+\\.hpp$")
  list(SORT _files)
  set(_expected_others
    ./usr/share/cmake/arena_arc/arena_arcConfig.cmake
    ./usr/share/cmake/arena_arc/arena_arcConfigVersion.cmake
    ./usr/share/cmake/arena_arc/arena_arcTargets.cmake
    ./usr/share/doc/arena_arc/LICENSE
    ./usr/share/pkgconfig/arena_arc.pc)
  if(NOT _files STREQUAL _expected_others)
    message(FATAL_ERROR "the package's files besides the headers are\n  ${_files}\n"
      "expected\n  ${_expected_others}")
  endif()
  file(GLOB_RECURSE _headers RELATIVE "${SOURCE_DIR}/include"
    "${SOURCE_DIR}/include/arena_arc/*.hpp")
  foreach(_header IN LISTS _headers)
    if(NOT _listing MATCHES "\\./usr/include/${_header}\n")
      message(FATAL_ERROR "the package lacks the header ${_header}")
    endif()
  endforeach()
  arena_arc_run("${DPKG_DEB}" -x "${_deb}" "${BINARY_DIR}/root")
else()
  message(FATAL_ERROR "RunConsumer.cmake: MODE must be install, configure_install, project, "
    "make or deb, not '${MODE}'")
endif()
