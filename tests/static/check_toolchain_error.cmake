# An unsupported toolchain gets exactly one error, the library's own (detail/toolchain.hpp),
# never a cascade. For each header of HEADERS (a ;-list of <arena_arc/...> names) it compiles a
# translation unit holding only `#include <header>` with COMPILER and FLAGS (a ;-list) and
# requires: the compile fails, exactly one diagnostic line is an error ("error:" or
# "fatal error:", from the compiler or the driver), and that line matches MESSAGE (a regular
# expression).
#
# MISSING_MACRO (optional): simulates a standard library without that feature-test macro, as
# libc++ 14 is without __cpp_lib_atomic_ref and __cpp_lib_memory_resource: a directory put first
# on the system include path (-isystem) holds a <version> that includes the real one
# (#include_next) and then #undefs the macro. The library includes <version> before any other
# standard header, so it is the check that sees the macro missing, as with a library lacking it.
#
#   cmake -DCOMPILER=g++ "-DFLAGS=-std=c++17" "-DHEADERS=arena_arc/arena_arc.hpp"
#         "-DMESSAGE=requires C++20" -DINCLUDE_DIR=include -DWORK_DIR=build/x -P <this file>
foreach(_var IN ITEMS COMPILER HEADERS MESSAGE INCLUDE_DIR WORK_DIR)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "check_toolchain_error: ${_var} is not set")
  endif()
endforeach()

file(MAKE_DIRECTORY "${WORK_DIR}")
set(_system_include "")
if(DEFINED MISSING_MACRO AND NOT MISSING_MACRO STREQUAL "")
  if(NOT MISSING_MACRO MATCHES "^__cpp_[a-z_]+$")
    message(FATAL_ERROR
      "check_toolchain_error: MISSING_MACRO '${MISSING_MACRO}' is not a feature-test macro")
  endif()
  set(_fake "${WORK_DIR}/without${MISSING_MACRO}")
  file(MAKE_DIRECTORY "${_fake}")
  file(WRITE "${_fake}/version"
    "// Test double: the real <version> without ${MISSING_MACRO}.\n"
    "#include_next <version>\n"
    "#undef ${MISSING_MACRO}\n")
  set(_system_include "-isystem" "${_fake}")
endif()

set(_failures 0)
set(_index 0)
foreach(_header IN LISTS HEADERS)
  math(EXPR _index "${_index} + 1")
  set(_source "${WORK_DIR}/tu_${_index}.cpp")
  file(WRITE "${_source}" "#include <${_header}>\nint main() { return 0; }\n")
  execute_process(
    COMMAND ${COMPILER} ${FLAGS} ${_system_include} "-I${INCLUDE_DIR}" -fsyntax-only "${_source}"
    RESULT_VARIABLE _status
    OUTPUT_VARIABLE _output
    ERROR_VARIABLE _output)
  string(REPLACE ";" "," _output "${_output}")  # a list item per line below
  string(REGEX MATCHALL "[^\n]*error:[^\n]*" _errors "${_output}")
  list(LENGTH _errors _count)
  set(_why "")
  if(_status EQUAL 0)
    set(_why "it compiled")
  elseif(NOT _count EQUAL 1)
    set(_why "${_count} error lines instead of one")
  elseif(NOT _errors MATCHES "${MESSAGE}")
    set(_why "the error does not match '${MESSAGE}'")
  endif()
  if(_why STREQUAL "")
    message(STATUS "ok: <${_header}>: ${_errors}")
  else()
    message(STATUS "FAILED: <${_header}>: ${_why}; compiler output:\n${_output}")
    math(EXPR _failures "${_failures} + 1")
  endif()
endforeach()
if(_failures GREATER 0)
  message(FATAL_ERROR "check_toolchain_error: ${_failures} header(s) failed")
endif()
