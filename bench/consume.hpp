// How every benchmarked variant "uses" a freshly made slice, shared by the Google Benchmark cases
// (cases.hpp) and the instruction-count driver (instr_count.cpp), so both measure the same work.
#pragma once

#include "strategies.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>

namespace arena_arc_bench {

// The pointer escapes and the barrier forces all of the fill's stores to happen; then the last
// element is really loaded (DoNotOptimize on the element itself may just pass its address to the
// empty asm). Returns that element so that drivers can check what they read: from a copy, since
// g++ 12 does not keep the value of a variable passed to DoNotOptimize's "+m,r" asm operand.
inline Element consume(const Element* data, std::size_t len) {
  benchmark::DoNotOptimize(data);
  benchmark::ClobberMemory();
  const Element last = data[len - 1];
  Element sink = last;
  benchmark::DoNotOptimize(sink);
  return last;
}

}  // namespace arena_arc_bench
