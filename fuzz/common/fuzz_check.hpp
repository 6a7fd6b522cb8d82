// The harnesses' own assertion: independent of NDEBUG, it names the failed condition and
// aborts, which libFuzzer reports as a crash and the replay tests as a failed test.
#ifndef ARENA_ARC_FUZZ_CHECK_HPP
#define ARENA_ARC_FUZZ_CHECK_HPP

#include <cstdio>
#include <cstdlib>

namespace arena_arc_fuzz {

[[noreturn]] inline void check_failed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "fuzz oracle: check failed: %s (%s:%d)\n", condition, file, line);
  std::fflush(stderr);
  std::abort();
}

}  // namespace arena_arc_fuzz

#define FUZZ_CHECK(cond)                                                    \
  do {                                                                      \
    if (!(cond)) ::arena_arc_fuzz::check_failed(#cond, __FILE__, __LINE__); \
  } while (false)

#endif  // ARENA_ARC_FUZZ_CHECK_HPP
