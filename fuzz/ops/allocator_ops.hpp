// The allocator-level operations: destroy and recreate the allocator with any constructor
// while handles live (invalid capacities, null upstream), move it, set its recycle limit.
#ifndef ARENA_ARC_FUZZ_OPS_ALLOCATOR_OPS_HPP
#define ARENA_ARC_FUZZ_OPS_ALLOCATOR_OPS_HPP

#include <arena_arc/arena_arc.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <optional>

#include "../common/fuzz_check.hpp"
#include "decode.hpp"
#include "handle_ops.hpp"
#include "model.hpp"

namespace arena_arc_fuzz::ops {

template <class T, arena_arc::index_type L, arena_arc::refcount_policy RC>
class allocator_ops : public handle_ops<T, L, RC> {
  using lower = handle_ops<T, L, RC>;

 protected:
  using lower::lower;

  using lower::alloc_;
  using lower::byte_limit;
  using lower::default_capacity;
  using lower::in_;
  using lower::m_;
  using lower::max_l;
  using lower::observe;
  using lower::slack;
  using lower::upstream_;
  using typename lower::alloc_t;

  enum class ctor : std::uint8_t {
    upstream,
    capacity_upstream,
    plain,
    capacity,
    capacity_null,
    null
  };

  // Destroys and recreates the allocator (handles stay alive), or fails to create one.
  void reset_allocator() {
    auto kind = static_cast<ctor>(in_.u8() % 6);
    const integer_arg cap = decode_capacity(in_, max_l);
    const std::uint8_t how = in_.u8();
    const bool takes_capacity =
        kind == ctor::capacity_upstream || kind == ctor::capacity || kind == ctor::capacity_null;

    unsigned allowed = 0;
    std::size_t capacity = default_capacity;
    if (takes_capacity) {
      const i128 v = cap.value;
      const i128 max_refcount = size_max / 2;
      if (v < 1 || v > max_l || v >= max_refcount / 2) {
        allowed = bit(outcome::length_error);
      } else {
        capacity = static_cast<std::size_t>(v);
        const i128 payload = v * static_cast<i128>(sizeof(T));
        if (payload > size_max) {
          allowed = bit(outcome::length_error);
        } else {
          allowed = bit(outcome::ok);
          if (payload + slack > size_max) allowed |= bit(outcome::length_error);
          // Chunks from the system allocator stay small (it cannot be made to fail cleanly).
          if (kind == ctor::capacity && payload + slack > byte_limit)
            kind = ctor::capacity_upstream;
        }
      }
      if (kind == ctor::capacity_null && (allowed & bit(outcome::ok)) != 0) {
        allowed = (allowed & ~bit(outcome::ok)) | bit(outcome::invalid_argument);
      }
    } else {
      allowed = bit(kind == ctor::null ? outcome::invalid_argument : outcome::ok);
    }
    const bool counted = kind != ctor::plain && kind != ctor::capacity;

    const auto construct = [&](std::optional<alloc_t>& into) {
      std::pmr::memory_resource* const up = &upstream_;
      std::pmr::memory_resource* const null = nullptr;
      switch (kind) {
        case ctor::upstream:
          into.emplace(up);
          break;
        case ctor::capacity_upstream:
          with_integer(cap, [&](auto c) { into.emplace(c, up); });
          break;
        case ctor::plain:
          into.emplace();
          break;
        case ctor::capacity:
          with_wide_integer(cap, [&](auto c) { into.emplace(c); });
          break;
        case ctor::capacity_null:
          with_wide_integer(cap, [&](auto c) { into.emplace(c, null); });
          break;
        case ctor::null:
          into.emplace(null);
          break;
      }
      return true;
    };

    outcome got;
    if ((how & 1) != 0) {
      // optional::emplace destroys the old allocator first, even if the new one then fails.
      if (alloc_) m_.shut_down();
      m_.alloc.exists = false;
      got = observe([&] { return construct(alloc_); });
    } else {
      std::optional<alloc_t> fresh;
      got = observe([&] { return construct(fresh); });
      if (got == outcome::ok) {
        if (alloc_) m_.shut_down();
        if ((how & 2) != 0 && alloc_) {
          *alloc_ = std::move(*fresh);
        } else {
          alloc_.reset();
          alloc_.emplace(std::move(*fresh));
        }
        FUZZ_CHECK(fresh->stats() == arena_arc::AllocatorStats{});
      }
    }
    FUZZ_CHECK((allowed & bit(got)) != 0);
    FUZZ_CHECK(alloc_.has_value() == (got == outcome::ok || ((how & 1) == 0 && m_.alloc.exists)));
    if (got != outcome::ok) return;
    m_.alloc = m_allocator{};
    m_.alloc.exists = true;
    m_.alloc.capacity = capacity;
    m_.alloc.counted = counted;
    m_.alloc.recycle_limit = alloc_->recycle_limit();
    check_default_recycle_limit(capacity, m_.alloc.recycle_limit);
  }

  // Default: as many chunks as fit in ARENA_ARC_RECYCLE_BYTES, at least one.
  static void check_default_recycle_limit(std::size_t capacity, std::size_t limit) {
    const i128 budget = static_cast<i128>(ARENA_ARC_RECYCLE_BYTES);
    const i128 low_bytes = static_cast<i128>(capacity) * static_cast<i128>(sizeof(T));
    const i128 high_bytes = low_bytes + slack;
    const auto at_least_one = [](i128 v) { return v > 0 ? v : i128{1}; };
    FUZZ_CHECK(static_cast<i128>(limit) >= at_least_one(budget / high_bytes));
    FUZZ_CHECK(static_cast<i128>(limit) <= at_least_one(budget / low_bytes));
  }

  void op_move_allocator() {
    const std::uint8_t variant = in_.u8() % 4;
    if (!alloc_) return;
    const arena_arc::AllocatorStats before = alloc_->stats();
    switch (variant) {
      case 0: {  // there and back: nothing changes
        alloc_t there(std::move(*alloc_));
        check_moved_from(*alloc_);
        FUZZ_CHECK(there.stats() == before);
        *alloc_ = std::move(there);
        // cppcheck-suppress accessMoved ; the moved-from state is what is checked
        check_moved_from(there);
        return;
      }
      case 1: {  // moved away and destroyed: the allocator left behind starts afresh
        {
          const alloc_t away(std::move(*alloc_));
          FUZZ_CHECK(away.stats() == before);
        }
        break;
      }
      case 2: {  // self-move-assignment is a no-op
        alloc_t& same = *alloc_;
        *alloc_ = std::move(same);
        return;
      }
      default: {  // moved away, then assigned over (it leaves its chunk and recycler)
        alloc_t away(std::move(*alloc_));
        away = std::move(*alloc_);
        check_moved_from(away);
        break;
      }
    }
    check_moved_from(*alloc_);
    m_.shut_down();
    m_.alloc.stats = m_stats{};
  }

  void check_moved_from(const alloc_t& a) const {
    FUZZ_CHECK(a.stats() == arena_arc::AllocatorStats{});
    FUZZ_CHECK(a.chunk_capacity() == m_.alloc.capacity);
    FUZZ_CHECK(a.recycle_limit() == m_.alloc.recycle_limit);
  }

  void op_recycle_limit() {
    static constexpr std::array<std::size_t, 6> limits{0, 1, 2, 3, 1000, 0};
    const std::size_t limit = limits[in_.u8() % limits.size()];
    if (!alloc_) return;
    alloc_->set_recycle_limit(limit);
    m_.alloc.recycle_limit = limit;
    m_.leave_kept(m_.kept_limit());
    m_.trim_cache();
  }
};

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_ALLOCATOR_OPS_HPP
