// The examples verify their own results. Unlike assert(), check() stays on in Release builds,
// so `ctest` fails if an example's output is ever wrong.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace example {

inline void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "example check failed: %s\n", what);
    std::exit(EXIT_FAILURE);
  }
}

}  // namespace example
