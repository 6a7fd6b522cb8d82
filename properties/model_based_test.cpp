// Model-based (stateful) test of the whole public API: random command sequences run against an
// allocator and six handle slots, each command checked against a plain-data model (handle
// contents, live elements, destruction order, stats, upstream blocks). It runs over uint8_t
// (tiny capacities, every boundary common) and uint32_t, with both reference-count policies.
#include <cstddef>
#include <string>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include "model/alloc_commands.hpp"
#include "model/allocator_commands.hpp"
#include "model/handle_commands.hpp"
#include "model/model.hpp"
#include "model/sut.hpp"
#include "support/config.hpp"
#include "support/counted.hpp"

namespace props {
namespace {

template <class Cfg>
void run_model_based() {
  tracker::get().reset();
  const std::size_t capacity = *capacity_gen<Cfg>();
  const std::size_t recycle_limit = *recycle_limit_gen();
  RC_TAG(capacity <= 4 ? "capacity 1-4" : capacity <= 20 ? "capacity 5-20" : "capacity > 20");

  sut<Cfg> s(capacity, recycle_limit);
  const model initial(capacity, recycle_limit, Cfg::max_length);
  // Listing a command more than once makes it more likely: allocations feed every other
  // command, and allocator-level commands (which reset the stats) should stay rare enough for
  // chunks to fill, rotate and be recycled in between.
  rc::state::check(
      initial, s,
      rc::state::gen::execOneOfWithArgs<
          alloc_slice<Cfg>, alloc_slice<Cfg>, alloc_slice<Cfg>, alloc_slice<Cfg>, alloc_single<Cfg>,
          alloc_single<Cfg>, copy_handle<Cfg>, copy_handle<Cfg>, move_handle<Cfg>, drop_handle<Cfg>,
          drop_handle<Cfg>, drop_handle<Cfg>, swap_handles<Cfg>, take_part<Cfg>, take_part<Cfg>,
          slice_to_single<Cfg>, single_to_slice<Cfg>, allocator_command<Cfg>>());

  // Whatever the sequence did, dropping everything destroys every element exactly once and
  // gives every block back.
  s.drop_all();
  const tracker& t = tracker::get();
  RC_ASSERT(t.errors().empty());
  RC_ASSERT(t.live_count() == 0u);
  RC_ASSERT(s.resource.live_blocks() == 0u);
  RC_ASSERT(s.resource.errors().empty());
}

RC_GTEST_PROP(ModelBased, Uint8Atomic, ()) { run_model_based<u8_atomic>(); }
RC_GTEST_PROP(ModelBased, Uint8Local, ()) { run_model_based<u8_local>(); }
RC_GTEST_PROP(ModelBased, Uint32Atomic, ()) { run_model_based<u32_atomic>(); }
RC_GTEST_PROP(ModelBased, Uint32Local, ()) { run_model_based<u32_local>(); }

}  // namespace
}  // namespace props
