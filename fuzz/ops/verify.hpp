// The checks the runner makes after every step (runner.hpp lists them): each handle against
// its model slot, the allocator's stats, capacity and recycle limit, the live and destroyed
// elements, the upstream's blocks; and the teardown that leaves nothing alive.
#ifndef ARENA_ARC_FUZZ_OPS_VERIFY_HPP
#define ARENA_ARC_FUZZ_OPS_VERIFY_HPP

#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <vector>

#include "../common/fuzz_check.hpp"
#include "counted_element.hpp"
#include "model.hpp"
#include "state.hpp"

namespace arena_arc_fuzz::ops {

template <class T, arena_arc::index_type L, arena_arc::refcount_policy RC>
class runner_verify : public runner_state<T, L, RC> {
  using lower = runner_state<T, L, RC>;

 protected:
  using lower::lower;

  using lower::alloc_;
  using lower::m_;
  using lower::singles_;
  using lower::slices_;
  using lower::trace_;
  using lower::upstream_;
  using typename lower::slice_t;
  using typename lower::traits;

  [[nodiscard]] const m_elem& element_of(const m_slice& s, std::size_t i) const {
    const m_chunk& c = m_.chunks[model::idx(s.chunk)];
    FUZZ_CHECK(c.alive && s.offset + i < c.elems.size());
    return c.elems[s.offset + i];
  }

  static void check_element(const T& e, const m_elem& expected) {
    FUZZ_CHECK(traits::value(e) == expected.value);
    if constexpr (traits::is_counted) FUZZ_CHECK(traits::serial(e) == expected.serial);
  }

  [[nodiscard]] std::uintptr_t expected_address(int chunk, std::size_t offset) const {
    return m_.chunks[model::idx(chunk)].base + offset * sizeof(T);
  }

  void verify_slice(std::size_t i) const {
    const slice_t& h = slices_[i];
    const m_slice& m = m_.slices[i];
    FUZZ_CHECK(h.size() == m.len);
    FUZZ_CHECK(h.empty() == (m.len == 0));
    const std::span<const T> view = h;
    FUZZ_CHECK(view.data() == h.data() && view.size() == m.len);
    FUZZ_CHECK(h.get().data() == h.data() && h.get().size() == m.len);
    FUZZ_CHECK(h.end() - h.begin() == static_cast<std::ptrdiff_t>(m.len));
    if (m.chunk < 0) {
      FUZZ_CHECK(h.data() == nullptr);
      return;
    }
    FUZZ_CHECK(reinterpret_cast<std::uintptr_t>(h.data()) == expected_address(m.chunk, m.offset));
    std::size_t j = 0;
    for (const T& e : h) check_element(e, element_of(m, j++));
    if (m.len > 0) {
      FUZZ_CHECK(&h.front() == h.data());
      FUZZ_CHECK(&h.back() == h.data() + (m.len - 1));
    }
  }

  void verify_single(std::size_t i) const {
    const m_single& m = m_.singles[i];
    FUZZ_CHECK(singles_[i].has_value() == (m.state != single_state::none));
    if (m.state != single_state::live) return;
    const T& e = singles_[i]->get();
    FUZZ_CHECK(reinterpret_cast<std::uintptr_t>(&e) == expected_address(m.chunk, m.offset));
    FUZZ_CHECK(&**singles_[i] == &e);
    FUZZ_CHECK(singles_[i]->operator->() == &e);
    check_element(e, element_of(m_slice{m.chunk, m.offset, 1}, 0));
  }

  void check_stats(const arena_arc::AllocatorStats& s) const {
    const m_stats& e = m_.alloc.stats;
    FUZZ_CHECK(s.chunks_allocated == e.chunks_allocated);
    FUZZ_CHECK(s.chunks_reused == e.chunks_reused);
    FUZZ_CHECK(s.dedicated_chunks == e.dedicated_chunks);
    FUZZ_CHECK(s.elements_allocated == e.elements_allocated);
    FUZZ_CHECK(s.elements_wasted == e.elements_wasted);
  }

  void trace_state() const {
    std::fprintf(stderr, "  slices");
    for (const m_slice& s : m_.slices)
      std::fprintf(stderr, " %d+%zu:%zu", s.chunk, s.offset, s.len);
    std::fprintf(stderr, " singles");
    for (const m_single& s : m_.singles) {
      std::fprintf(stderr, " %d:%d+%zu", static_cast<int>(s.state), s.chunk, s.offset);
    }
    const m_stats& st = m_.alloc.stats;
    std::fprintf(stderr,
                 " | alloc %d cap %zu current %d used %zu cache %zu | stats %zu %zu %zu %zu %zu\n",
                 m_.alloc.exists ? 1 : 0, m_.alloc.capacity, m_.alloc.current, m_.alloc.used,
                 m_.alloc.cache.size(), st.chunks_allocated, st.chunks_reused, st.dedicated_chunks,
                 st.elements_allocated, st.elements_wasted);
  }

  void verify() {
    if (trace_) trace_state();
    FUZZ_CHECK(alloc_.has_value() == m_.alloc.exists);
    if (alloc_) {
      check_stats(alloc_->stats());
      FUZZ_CHECK(alloc_->chunk_capacity() == m_.alloc.capacity);
      FUZZ_CHECK(alloc_->recycle_limit() == m_.alloc.recycle_limit);
    }
    for (std::size_t i = 0; i < slice_slots; ++i) verify_slice(i);
    for (std::size_t i = 0; i < single_slots; ++i) verify_single(i);
    verify_model_owners();
    if constexpr (traits::is_counted) {
      FUZZ_CHECK(registry.live() == static_cast<std::int64_t>(m_.live_elements()));
      FUZZ_CHECK(registry.destroyed_log() == m_.expected_destroyed);
      registry.clear_log();
    }
    m_.expected_destroyed.clear();
    FUZZ_CHECK(upstream_.live_blocks() == m_.live_counted_blocks());
    FUZZ_CHECK(upstream_.errors().empty());  // every deallocation matched its block
    FUZZ_CHECK(upstream_.failure_pending() == m_.upstream_armed);
  }

  // The model's own bookkeeping: every chunk's handle count is the number of slots on it.
  void verify_model_owners() const {
    std::vector<std::size_t> handles(m_.chunks.size(), 0);
    for (const m_slice& s : m_.slices) {
      if (s.chunk >= 0) ++handles[model::idx(s.chunk)];
    }
    for (const m_single& s : m_.singles) {
      if (s.state == single_state::live) ++handles[model::idx(s.chunk)];
    }
    for (std::size_t c = 0; c < m_.chunks.size(); ++c) {
      FUZZ_CHECK(m_.chunks[c].handles == handles[c]);
      FUZZ_CHECK(m_.chunks[c].alive == (handles[c] > 0 || m_.chunks[c].held));
    }
  }

  // The allocator goes first (handles outlive it), then every handle: at the end nothing is
  // alive and every block is back upstream.
  void teardown() {
    if (alloc_) {
      alloc_.reset();
      m_.shut_down();
      m_.alloc.exists = false;
    }
    verify();
    for (std::size_t i = 0; i < single_slots; ++i) {
      singles_[i].reset();
      m_.set_single(i, m_single{});
    }
    for (std::size_t i = 0; i < slice_slots; ++i) {
      slices_[i] = slice_t{};
      m_.set_slice(i, m_slice{});
    }
    verify();
    for (const m_chunk& c : m_.chunks) FUZZ_CHECK(!c.alive && !c.block_live);
    if constexpr (traits::is_counted) FUZZ_CHECK(registry.live() == 0);
    FUZZ_CHECK(upstream_.balanced());
  }
};

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_VERIFY_HPP
