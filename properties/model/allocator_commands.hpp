// Commands on the allocator itself while handles live: destroy it and make a new one (possibly
// with another chunk capacity), move-assign a fresh one over it, move it away and back, move it
// into a temporary that is destroyed (the moved-from allocator must stay usable), and change
// its recycle limit. One command type, so that together they are drawn as rarely as any single
// handle command: each of them restarts the stats.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <utility>

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include "../support/config.hpp"
#include "alloc_commands.hpp"
#include "model.hpp"
#include "sut.hpp"

namespace props {

template <class Cfg>
struct allocator_command final : command<Cfg> {
  enum class op {
    recreate,             // destroy it, then make a new one
    assign_new,           // move-assign a new one over it
    move_round_trip,      // move it into a temporary and back: nothing changes
    move_away,            // move it into a temporary that is destroyed
    change_recycle_limit  // set_recycle_limit: the idle cache is trimmed at once
  };

  op what = op::recreate;
  std::size_t capacity = 1;
  std::size_t recycle_limit = 0;

  explicit allocator_command(const model&)
      : what(*rc::gen::element(op::recreate, op::assign_new, op::move_round_trip, op::move_away,
                               op::change_recycle_limit)),
        capacity(*capacity_gen<Cfg>()),
        recycle_limit(*recycle_limit_gen()) {}

  void apply(model& m) const override {
    m.begin();
    switch (what) {
      case op::recreate:
      case op::assign_new:
        m.leave_allocator(capacity, recycle_limit);
        break;
      case op::move_round_trip:
        break;
      // The moved-from allocator keeps its capacity and recycle limit; the temporary takes the
      // current chunk, the recycler and the stats, and its destruction releases them.
      case op::move_away:
        m.leave_allocator(m.placer.capacity, m.recycle_limit);
        break;
      case op::change_recycle_limit:
        m.set_recycle_limit(recycle_limit);
        break;
    }
  }

  void run(const model& s0, sut<Cfg>& s) const override {
    using allocator = typename Cfg::allocator;
    const model s1 = this->nextState(s0);
    s.begin();
    switch (what) {
      case op::recreate:
        s.alloc.reset();
        s.alloc = std::make_unique<allocator>(s.make_allocator(capacity, recycle_limit));
        break;
      case op::assign_new: {
        allocator fresh = s.make_allocator(capacity, recycle_limit);
        *s.alloc = std::move(fresh);
        break;
      }
      case op::move_round_trip:
      case op::move_away: {
        allocator moved(std::move(*s.alloc));
        check_stats(moved.stats(), s0.placer.stats);
        RC_ASSERT(moved.chunk_capacity() == s0.placer.capacity);
        check_stats(s.alloc->stats(), arena_arc::AllocatorStats{});
        RC_ASSERT(s.alloc->chunk_capacity() == s0.placer.capacity);
        if (what == op::move_round_trip) *s.alloc = std::move(moved);
        break;
      }
      case op::change_recycle_limit:
        s.alloc->set_recycle_limit(recycle_limit);
        break;
    }
    verify(s1, s);
  }

  void show(std::ostream& os) const override {
    switch (what) {
      case op::recreate:
        os << "destroy and recreate the allocator (capacity " << capacity << ", recycle limit "
           << recycle_limit << ")";
        break;
      case op::assign_new:
        os << "move-assign a new allocator (capacity " << capacity << ", recycle limit "
           << recycle_limit << ")";
        break;
      case op::move_round_trip:
        os << "move the allocator away and back";
        break;
      case op::move_away:
        os << "move the allocator into a temporary that dies";
        break;
      case op::change_recycle_limit:
        os << "set_recycle_limit(" << recycle_limit << ")";
        break;
    }
  }
};

}  // namespace props
