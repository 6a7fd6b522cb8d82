// arena-arc: the single place where documented errors are raised.
//
// With exceptions the error is thrown; built with -fno-exceptions the same condition is reported
// to the violation handler (which does not return). Kept out of line so that the hot paths that
// call these stay small.
#ifndef ARENA_ARC_DETAIL_RAISE_HPP
#define ARENA_ARC_DETAIL_RAISE_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/violation.hpp>

#include <new>
#include <stdexcept>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

#if ARENA_ARC_HAS_EXCEPTIONS
[[noreturn]] ARENA_ARC_NOINLINE inline void raise_length_error(const char* message) {
  throw std::length_error(message);
}
[[noreturn]] ARENA_ARC_NOINLINE inline void raise_out_of_range(const char* message) {
  throw std::out_of_range(message);
}
[[noreturn]] ARENA_ARC_NOINLINE inline void raise_invalid_argument(const char* message) {
  throw std::invalid_argument(message);
}
[[noreturn]] ARENA_ARC_NOINLINE inline void raise_bad_alloc() { throw std::bad_alloc(); }
#else
[[noreturn]] ARENA_ARC_NOINLINE inline void raise_length_error(const char* message) {
  ARENA_ARC_VIOLATION("std::length_error", message);
}
[[noreturn]] ARENA_ARC_NOINLINE inline void raise_out_of_range(const char* message) {
  ARENA_ARC_VIOLATION("std::out_of_range", message);
}
[[noreturn]] ARENA_ARC_NOINLINE inline void raise_invalid_argument(const char* message) {
  ARENA_ARC_VIOLATION("std::invalid_argument", message);
}
[[noreturn]] ARENA_ARC_NOINLINE inline void raise_bad_alloc() {
  ARENA_ARC_VIOLATION("std::bad_alloc", "upstream memory resource returned no memory");
}
#endif

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_RAISE_HPP
