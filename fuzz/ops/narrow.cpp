// Instantiations 0-3 of the operations harness (see instances.hpp).
#include <cstdint>

#include "counted_element.hpp"
#include "instances.hpp"
#include "runner.hpp"

namespace arena_arc_fuzz::ops {

void run_narrow(unsigned config, byte_reader& in) {
  using arena_arc::atomic_refcount;
  using arena_arc::local_refcount;
  switch (config % 4) {
    case 0:
      return runner<counted, std::uint8_t, atomic_refcount>(in).run();
    case 1:
      return runner<std::uint64_t, std::uint8_t, local_refcount>(in).run();
    case 2:
      return runner<counted, std::uint16_t, local_refcount>(in).run();
    default:
      return runner<std::uint64_t, std::uint16_t, atomic_refcount>(in).run();
  }
}

}  // namespace arena_arc_fuzz::ops
