// arena-arc coverage builds only: force-included into every translation unit by the `coverage`
// preset (-include). A program that ends in std::abort() — the default violation handler, the
// child of every death test — writes its coverage profile first, so that what ran before the
// violation counts as covered. Without it every death test and every -fno-exceptions error path
// would be reported as never executed.
#ifndef ARENA_ARC_FORMAL_SUPPORT_COVERAGE_FLUSH_ON_ABORT_HPP
#define ARENA_ARC_FORMAL_SUPPORT_COVERAGE_FLUSH_ON_ABORT_HPP

#include <csignal>

// Defined by the clang profile runtime that -fprofile-instr-generate links into every program.
extern "C" int __llvm_profile_write_file(void);  // NOLINT(bugprone-reserved-identifier): runtime API

namespace arena_arc_coverage {

// Not async-signal-safe; acceptable here: the process is already dying from abort().
extern "C" inline void arena_arc_coverage_flush_and_abort(int signal_number) {
  static_cast<void>(__llvm_profile_write_file());
  static_cast<void>(std::signal(signal_number, SIG_DFL));
  static_cast<void>(std::raise(signal_number));  // dies by SIGABRT, as death tests expect
}

// An inline variable: initialised once per program however many units include this header.
[[maybe_unused]] inline const bool flush_on_abort_installed =
    std::signal(SIGABRT, &arena_arc_coverage_flush_and_abort) != SIG_ERR;

}  // namespace arena_arc_coverage

#endif  // ARENA_ARC_FORMAL_SUPPORT_COVERAGE_FLUSH_ON_ABORT_HPP
