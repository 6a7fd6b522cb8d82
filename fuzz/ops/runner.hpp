// The operations harness proper: decodes a sequence of operations, applies each to the real
// allocator and handles and to the model, and checks after every step that they agree.
//
// Checked after every step: each handle's size, address (the chunk and offset the placement
// rules predict; a reused chunk must be the predicted block), contents and serials; the
// allocator's stats, capacity and recycle limit; the number of live elements; the serials
// destroyed during the step, in order; the blocks the counting upstream holds. Every operation
// that must fail is checked for the documented error and for changing nothing.
//
// C++ has no partial classes: the runner is a chain of class templates, one header per
// concern, each deriving from the one before and using only what lies below it:
//   state.hpp           runner_state     the input, the allocator, the handles, the model;
//                                        observing the outcome of a call
//   verify.hpp          runner_verify    the checks after every step; the teardown
//   allocate.hpp        runner_allocate  one allocation checked against the model
//   allocation_ops.hpp  allocation_ops   alloc, try_alloc, alloc_single, alloc_value, alloc_copy
//   violation_ops.hpp   violation_ops    re-entrant inits, precondition violations
//   handle_ops.hpp      handle_ops       copy, move, swap, drop, subslice, at, conversions
//   allocator_ops.hpp   allocator_ops    recreate and move the allocator, recycle limits
//   runner.hpp          runner           the operation codes, the dispatch, the run
// Members are protected. `lower` is each layer's base; the layer names what it takes from the
// layers below in using-declarations (a template does not look into a dependent base
// otherwise), so every operation reads as a member of one class. All data members are in
// runner_state: one construction and destruction order.
#ifndef ARENA_ARC_FUZZ_OPS_RUNNER_HPP
#define ARENA_ARC_FUZZ_OPS_RUNNER_HPP

#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <type_traits>

#include "../common/byte_reader.hpp"
#include "allocator_ops.hpp"
#include "counted_element.hpp"

namespace arena_arc_fuzz::ops {

/// The operation codes (the first byte of each step, modulo count). fuzz/make_corpus.py
/// mirrors this list.
enum class op : std::uint8_t {
  alloc,
  alloc_throw,
  try_alloc,
  alloc_single,
  try_alloc_single,
  alloc_value,
  emplace,
  alloc_copy_vector,
  alloc_copy_slice,
  alloc_copy_view,
  alloc_copy_lying,
  reentrant,
  arm_upstream_failure,
  copy_slice,
  move_slice,
  swap_slices,
  drop_slice,
  subslice,
  first,
  last,
  read,
  to_single,
  to_slice,
  single_op,
  violation,
  reset_allocator,
  move_allocator,
  recycle_limit,
  count,
};

template <class T, arena_arc::index_type L, arena_arc::refcount_policy RC>
class runner : public allocator_ops<T, L, RC> {
  using lower = allocator_ops<T, L, RC>;

  using lower::in_;
  using lower::m_;
  using lower::max_steps;
  using lower::op_alloc;
  using lower::op_alloc_copy_lying;
  using lower::op_alloc_copy_slice;
  using lower::op_alloc_copy_vector;
  using lower::op_alloc_copy_view;
  using lower::op_alloc_single;
  using lower::op_alloc_value;
  using lower::op_copy_slice;
  using lower::op_drop_slice;
  using lower::op_first_last;
  using lower::op_move_allocator;
  using lower::op_move_slice;
  using lower::op_read;
  using lower::op_recycle_limit;
  using lower::op_reentrant;
  using lower::op_single;
  using lower::op_subslice;
  using lower::op_swap_slices;
  using lower::op_to_single;
  using lower::op_to_slice;
  using lower::op_try_alloc;
  using lower::op_try_alloc_single;
  using lower::op_violation;
  using lower::reset_allocator;
  using lower::teardown;
  using lower::trace_;
  using lower::upstream_;
  using lower::verify;
  using typename lower::traits;

 public:
  explicit runner(byte_reader& in) : lower(in) {}

  void run() {
    if constexpr (traits::is_counted) reset_registry();
    m_.rewinds = std::is_trivially_destructible_v<T>;
    // Keeping needs owner ledgers (atomic_refcount, compiled in, membarrier available).
    if constexpr (arena_arc::detail::owner_ledger<RC>::enabled) {
      m_.keeps = m_.rewinds && arena_arc::detail::asymmetric::available();
    }
    m_.element_size = sizeof(T);
    reset_allocator();
    verify();
    for (std::size_t step = 0; step < max_steps && !in_.empty(); ++step) {
      this->step();
      verify();
    }
    teardown();
  }

 private:
  // --- the step ---------------------------------------------------------------------------

  void step() {
    const auto code = static_cast<op>(in_.u8() % static_cast<unsigned>(op::count));
    if (trace_) std::fprintf(stderr, "op %u\n", static_cast<unsigned>(code));
    switch (code) {
      case op::alloc:
        return op_alloc(false);
      case op::alloc_throw:
        return op_alloc(true);
      case op::try_alloc:
        return op_try_alloc();
      case op::alloc_single:
        return op_alloc_single();
      case op::try_alloc_single:
        return op_try_alloc_single();
      case op::alloc_value:
        return op_alloc_value(false);
      case op::emplace:
        return op_alloc_value(true);
      case op::alloc_copy_vector:
        return op_alloc_copy_vector();
      case op::alloc_copy_slice:
        return op_alloc_copy_slice();
      case op::alloc_copy_view:
        return op_alloc_copy_view();
      case op::alloc_copy_lying:
        return op_alloc_copy_lying();
      case op::reentrant:
        return op_reentrant();
      case op::arm_upstream_failure:
        upstream_.fail_in(0);
        m_.upstream_armed = true;
        return;
      case op::copy_slice:
        return op_copy_slice();
      case op::move_slice:
        return op_move_slice();
      case op::swap_slices:
        return op_swap_slices();
      case op::drop_slice:
        return op_drop_slice();
      case op::subslice:
        return op_subslice();
      case op::first:
        return op_first_last(true);
      case op::last:
        return op_first_last(false);
      case op::read:
        return op_read();
      case op::to_single:
        return op_to_single();
      case op::to_slice:
        return op_to_slice();
      case op::single_op:
        return op_single();
      case op::violation:
        return op_violation();
      case op::reset_allocator:
        return reset_allocator();
      case op::move_allocator:
        return op_move_allocator();
      case op::recycle_limit:
        return op_recycle_limit();
      case op::count:
        break;
    }
  }
};

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_RUNNER_HPP
