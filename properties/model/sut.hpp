// The system under test of the stateful property: a counting upstream resource, an allocator
// over it, and slots holding handles. verify() compares all of it with the model after every
// command.
#pragma once

#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <stdexcept>
#include <variant>
#include <vector>

#include <rapidcheck.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "../support/counted.hpp"
#include "model.hpp"

namespace props {

template <class Cfg>
struct sut {
  using allocator = typename Cfg::allocator;
  using slice = typename Cfg::slice;
  using single = typename Cfg::single;
  using slot = std::variant<std::monostate, slice, single>;

  // Declared first so that it outlives the allocator and every handle.
  arena_arc_testing::counting_resource resource;
  std::unique_ptr<allocator> alloc;
  std::array<slot, slot_count> slots;
  // Address of element 0 of each live model chunk, learnt from the first handle seen into it.
  std::map<int, std::uintptr_t> bases;
  // Indices init was called with during the current command.
  std::vector<std::size_t> init_calls;

  sut(std::size_t capacity, std::size_t recycle_limit)
      : alloc(std::make_unique<allocator>(make_allocator(capacity, recycle_limit))) {}

  /// A new allocator over `resource`; its default recycle limit keeps at least one chunk.
  allocator make_allocator(std::size_t capacity, std::size_t recycle_limit) {
    allocator a(capacity, &resource);
    RC_ASSERT(a.recycle_limit() >= 1u);
    a.set_recycle_limit(recycle_limit);
    return a;
  }

  /// Called first by every command's run().
  void begin() {
    tracker::get().clear_log();
    init_calls.clear();
  }

  template <class Handle>
  void put(std::size_t i, Handle h) {
    slots[i] = std::move(h);
  }

  /// Drops every handle, then the allocator.
  void drop_all() {
    for (auto& s : slots) s = std::monostate{};
    alloc.reset();
  }
};

inline void check_stats(const arena_arc::AllocatorStats& actual,
                        const arena_arc::AllocatorStats& expected) {
  RC_ASSERT(actual.chunks_allocated == expected.chunks_allocated);
  RC_ASSERT(actual.chunks_reused == expected.chunks_reused);
  RC_ASSERT(actual.dedicated_chunks == expected.dedicated_chunks);
  RC_ASSERT(actual.elements_allocated == expected.elements_allocated);
  RC_ASSERT(actual.elements_wasted == expected.elements_wasted);
}

namespace detail {

// Records (or checks) where element 0 of the handle's chunk is.
template <class Cfg>
void check_base(sut<Cfg>& s, const handle_model& h, const Counted* first_element) {
  const std::uintptr_t base =
      reinterpret_cast<std::uintptr_t>(first_element) - h.offset * sizeof(Counted);
  const auto [it, inserted] = s.bases.emplace(h.chunk, base);
  if (!inserted) RC_ASSERT(it->second == base);
}

template <class Cfg>
void check_slice(const model& m, sut<Cfg>& s, const handle_model& h, const typename Cfg::slice& x) {
  const std::vector<std::uint64_t> expected = m.contents(h);
  RC_ASSERT(x.size() == h.length);
  RC_ASSERT(x.empty() == (h.length == 0));
  RC_ASSERT(static_cast<std::size_t>(x.end() - x.begin()) == h.length);
  if (h.chunk < 0) {
    RC_ASSERT(x.data() == nullptr);
  } else {
    check_base(s, h, x.data());
  }
  const std::span<const Counted> view = x;
  RC_ASSERT(view.data() == x.data());
  std::vector<std::uint64_t> by_span;
  std::vector<std::uint64_t> by_index;
  std::vector<std::uint64_t> by_at;
  for (const Counted& c : view) by_span.push_back(c.id());
  for (std::size_t i = 0; i < x.size(); ++i) {
    by_index.push_back(x[i].id());
    by_at.push_back(x.at(i).id());
  }
  RC_ASSERT(by_span == expected);
  RC_ASSERT(by_index == expected);
  RC_ASSERT(by_at == expected);
  if (!expected.empty()) {
    RC_ASSERT(x.front().id() == expected.front());
    RC_ASSERT(x.back().id() == expected.back());
  }
  RC_ASSERT_THROWS_AS((void)x.at(h.length), std::out_of_range);
}

template <class Cfg>
void check_single(const model& m, sut<Cfg>& s, const handle_model& h,
                  const typename Cfg::single& x) {
  const std::uint64_t expected = m.contents(h).at(0);
  RC_ASSERT(x.get().id() == expected);
  RC_ASSERT((*x).id() == expected);
  RC_ASSERT(x->id() == expected);
  check_base(s, h, &x.get());
}

template <class Cfg>
void check_slot(const model& m, sut<Cfg>& s, std::size_t i) {
  using slice = typename Cfg::slice;
  using single = typename Cfg::single;
  const handle_model& h = m.slots[i];
  const auto& v = s.slots[i];
  switch (h.kind) {
    case handle_kind::none:
      RC_ASSERT(std::holds_alternative<std::monostate>(v));
      break;
    case handle_kind::slice:
      RC_ASSERT(std::holds_alternative<slice>(v));
      check_slice<Cfg>(m, s, h, std::get<slice>(v));
      break;
    case handle_kind::single:
      RC_ASSERT(std::holds_alternative<single>(v));
      check_single<Cfg>(m, s, h, std::get<single>(v));
      break;
    case handle_kind::moved_single:
      // A moved-from single may only be destroyed or assigned to: nothing to read.
      RC_ASSERT(std::holds_alternative<single>(v));
      break;
  }
}

// Live chunks occupy disjoint memory.
template <class Cfg>
void check_disjoint(const model& m, const sut<Cfg>& s) {
  std::vector<std::pair<std::uintptr_t, std::uintptr_t>> ranges;
  for (const auto& [chunk, base] : s.bases) {
    ranges.emplace_back(base, base + m.chunks.at(chunk).capacity * sizeof(Counted));
  }
  std::sort(ranges.begin(), ranges.end());
  for (std::size_t i = 1; i < ranges.size(); ++i)
    RC_ASSERT(ranges[i - 1].second <= ranges[i].first);
}

}  // namespace detail

/// Everything observable must agree with the model `m` (the state after the last command).
template <class Cfg>
void verify(const model& m, sut<Cfg>& s) {
  std::erase_if(s.bases, [&m](const auto& entry) { return !m.chunks.contains(entry.first); });
  for (std::size_t i = 0; i < slot_count; ++i) detail::check_slot<Cfg>(m, s, i);
  detail::check_disjoint<Cfg>(m, s);

  RC_ASSERT(s.alloc->chunk_capacity() == m.placer.capacity);
  check_stats(s.alloc->stats(), m.placer.stats);

  // One upstream block per live or idle chunk, each given back exactly once.
  RC_ASSERT(s.alloc->recycle_limit() == m.recycle_limit);
  RC_ASSERT(s.resource.live_blocks() == m.outstanding_blocks());
  RC_ASSERT(s.resource.errors().empty());

  // Exactly the model's elements are alive, once each; the last command destroyed exactly the
  // predicted ones, in the predicted order, none twice.
  const tracker& t = tracker::get();
  RC_ASSERT(t.errors().empty());
  std::vector<std::uint64_t> alive;
  for (const auto& [id, count] : t.live()) {
    RC_ASSERT(count == 1);
    alive.push_back(id);
  }
  std::vector<std::uint64_t> expected_alive = m.live_ids();
  std::sort(expected_alive.begin(), expected_alive.end());
  RC_ASSERT(alive == expected_alive);
  RC_ASSERT(t.destroyed_log() == m.destroyed);
}

}  // namespace props
