// The eight instantiations of the operations harness, split over two translation units
// (narrow.cpp: L = uint8_t and uint16_t; wide.cpp: uint32_t and uint64_t) so that a parallel
// build compiles them side by side. For each L: a counted element type and std::uint64_t (the
// memcpy path), with atomic_refcount and local_refcount alternating so that each policy meets
// each element type and a small and a large L.
#ifndef ARENA_ARC_FUZZ_OPS_INSTANCES_HPP
#define ARENA_ARC_FUZZ_OPS_INSTANCES_HPP

#include "../common/byte_reader.hpp"

namespace arena_arc_fuzz::ops {

/// Runs the input with instantiation `config` (0-3).
void run_narrow(unsigned config, byte_reader& in);
/// Runs the input with instantiation `config` (4-7).
void run_wide(unsigned config, byte_reader& in);

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_INSTANCES_HPP
