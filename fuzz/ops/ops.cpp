// libFuzzer entry of the operations harness (see runner.hpp).
//
// Input: one configuration byte, then the allocator's constructor arguments, then operations
// until the input ends (at most 256). The configuration byte (modulo 8) picks one of eight
// instantiations (instances.hpp):
//   0 counted, uint8_t, atomic      1 uint64_t, uint8_t, local
//   2 counted, uint16_t, local      3 uint64_t, uint16_t, atomic
//   4 counted, uint32_t, atomic     5 uint64_t, uint32_t, local
//   6 counted, uint64_t, local      7 uint64_t, uint64_t, atomic
#include <cstddef>
#include <cstdint>

#include <arena_arc_testing/violation_capture.hpp>

#include "../common/byte_reader.hpp"
#include "instances.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const arena_arc_testing::throwing_violation_scope trap;
  arena_arc_fuzz::byte_reader in(data, size);
  const unsigned config = in.u8() % 8u;
  if (config < 4) {
    arena_arc_fuzz::ops::run_narrow(config, in);
  } else {
    arena_arc_fuzz::ops::run_wide(config, in);
  }
  return 0;
}
