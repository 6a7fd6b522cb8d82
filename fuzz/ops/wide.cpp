// Instantiations 4-7 of the operations harness (see instances.hpp).
#include <cstdint>

#include "counted_element.hpp"
#include "instances.hpp"
#include "runner.hpp"

namespace arena_arc_fuzz::ops {

void run_wide(unsigned config, byte_reader& in) {
  using arena_arc::atomic_refcount;
  using arena_arc::local_refcount;
  switch (config % 4) {
    case 0:
      return runner<counted, std::uint32_t, atomic_refcount>(in).run();
    case 1:
      return runner<std::uint64_t, std::uint32_t, local_refcount>(in).run();
    case 2:
      return runner<counted, std::uint64_t, local_refcount>(in).run();
    default:
      return runner<std::uint64_t, std::uint64_t, atomic_refcount>(in).run();
  }
}

}  // namespace arena_arc_fuzz::ops
