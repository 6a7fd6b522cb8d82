// libFuzzer entry of the operations harness (see runner.hpp).
//
// Input: one configuration byte, then the allocator's constructor arguments, then operations
// until the input ends (at most 256). The configuration byte (modulo 8) picks one of eight
// instantiations: every index type L, each with both element types (counted and
// std::uint64_t), the refcount policy alternating so that each policy meets each element type
// and a small and a large L.
#include <cstddef>
#include <cstdint>

#include "../common/byte_reader.hpp"
#include "../common/violation_trap.hpp"
#include "counted_element.hpp"
#include "runner.hpp"

namespace {

using namespace arena_arc_fuzz;
using arena_arc::atomic_refcount;
using arena_arc::local_refcount;
using ops::counted;

void run(unsigned config, byte_reader& in) {
  switch (config % 8) {
    case 0:
      return ops::runner<counted, std::uint8_t, atomic_refcount>(in).run();
    case 1:
      return ops::runner<std::uint64_t, std::uint8_t, local_refcount>(in).run();
    case 2:
      return ops::runner<counted, std::uint16_t, local_refcount>(in).run();
    case 3:
      return ops::runner<std::uint64_t, std::uint16_t, atomic_refcount>(in).run();
    case 4:
      return ops::runner<counted, std::uint32_t, atomic_refcount>(in).run();
    case 5:
      return ops::runner<std::uint64_t, std::uint32_t, local_refcount>(in).run();
    case 6:
      return ops::runner<counted, std::uint64_t, local_refcount>(in).run();
    default:
      return ops::runner<std::uint64_t, std::uint64_t, atomic_refcount>(in).run();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const violation_trap trap;
  byte_reader in(data, size);
  run(in.u8(), in);
  return 0;
}
