// The model of the stateful test: plain data that says what every handle slot must hold, which
// chunks (and so which elements) must be alive, how many upstream blocks must be outstanding,
// what stats() must read, which elements the last command destroyed (in order) and how the last
// command ended.
//
// Lifetime: a chunk's elements die, in reverse order of construction, at the moment the chunk
// is referenced neither by a handle in a slot nor as the allocator's current chunk. A
// zero-length subslice of a non-empty slice still references its chunk.
//
// Recycling: a standard chunk made while the allocator's recycle limit was non-zero
// belongs to the allocator's recycler ("home", made with the first such chunk). When it dies
// its block goes back to that home if the home is still open, else upstream. The allocator
// takes a standard chunk from its idle cache before asking upstream; when the cache is empty it
// first moves everything given back into the cache and trims the cache to the recycle limit
// (the excess goes upstream). An allocation that fails after taking a cached chunk puts it back.
// Destroying (or moving-over) the allocator closes its home: idle blocks go upstream, and so do
// chunks that die later.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "../support/counted.hpp"
#include "../support/outcome.hpp"
#include "../support/placement_predictor.hpp"

namespace props {

inline constexpr std::size_t slot_count = 6;

enum class handle_kind { none, slice, single, moved_single };

struct handle_model {
  handle_kind kind = handle_kind::none;
  int chunk = -1;  // -1: refers to no chunk (none, empty slice, moved-from single)
  std::size_t offset = 0;
  std::size_t length = 0;

  [[nodiscard]] bool is_slice() const noexcept { return kind == handle_kind::slice; }
  [[nodiscard]] bool is_single() const noexcept { return kind == handle_kind::single; }
  /// A handle that may be read, copied and moved (not a moved-from single, not an empty slot).
  [[nodiscard]] bool readable() const noexcept { return is_slice() || is_single(); }

  static handle_model empty_slice() { return {handle_kind::slice, -1, 0, 0}; }
  static handle_model moved_from_single() { return {handle_kind::moved_single, -1, 0, 0}; }
};

struct chunk_model {
  std::size_t capacity = 0;
  std::vector<std::uint64_t> ids;  // element identities in construction (= offset) order
  int home = -1;                   // recycler it returns to, -1: upstream
  std::size_t blocks = 1;          // upstream blocks of its storage (storage_blocks)
};

/// One allocation request of n >= 1 elements and how the test makes it fail, if it does.
struct request {
  std::size_t n = 1;
  std::uint64_t first_id = 0;
  bool upstream_fails = false;          // the resource throws on its next allocation
  std::optional<std::size_t> fail_at;   // element whose construction fails
  outcome failure = outcome::injected;  // what that failure looks like to the caller
};

struct model {
  std::size_t max_length = 0;  // std::numeric_limits<L>::max()
  placement_predictor placer{};
  std::map<int, chunk_model> chunks;  // the live chunks
  std::array<handle_model, slot_count> slots{};
  std::uint64_t next_id = 1;

  // Recycling state of the allocator and of every open home.
  std::size_t recycle_limit = 0;
  int home = -1;           // the allocator's recycler, -1 until its first recycled chunk
  std::size_t cached = 0;  // idle chunks in the allocator's cache
  std::map<int, std::size_t> returned;  // open homes -> chunks given back, not yet taken
  int next_home = 0;

  // What the last command did.
  outcome last = outcome::ok;
  std::vector<std::uint64_t> destroyed;

  model(std::size_t capacity, std::size_t recycle, std::size_t max_len)
      : max_length(max_len), recycle_limit(recycle) {
    placer.capacity = capacity;
  }

  /// Called first by every command's apply().
  void begin() {
    last = outcome::ok;
    destroyed.clear();
  }

  /// Blocks taken from upstream and not given back: live chunks plus idle recycled ones (all
  /// standard chunks of the current allocator: closed homes are not in `returned`).
  [[nodiscard]] std::size_t outstanding_blocks() const {
    std::size_t idle = cached;
    for (const auto& [h, n] : returned) idle += n;
    std::size_t live = 0;
    for (const auto& [id, c] : chunks) live += c.blocks;
    return live + idle * storage_blocks(placer.capacity, sizeof(Counted));
  }

  [[nodiscard]] bool referenced(int chunk) const {
    if (chunk == placer.current) return true;
    return std::any_of(slots.begin(), slots.end(),
                       [chunk](const handle_model& h) { return h.chunk == chunk; });
  }

  /// If nothing references `chunk` any more, its elements die (last constructed first) and its
  /// block goes back to its home, if that is open.
  void settle(int chunk) {
    if (chunk < 0 || referenced(chunk)) return;
    const auto it = chunks.find(chunk);
    if (it == chunks.end()) return;
    destroyed.insert(destroyed.end(), it->second.ids.rbegin(), it->second.ids.rend());
    const auto home_it = returned.find(it->second.home);
    if (home_it != returned.end()) ++home_it->second;
    chunks.erase(it);
  }

  /// Puts `h` into a slot; the slot's previous handle is released afterwards.
  void assign(std::size_t slot, const handle_model& h) {
    const int old = slots[slot].chunk;
    slots[slot] = h;
    settle(old);
  }

  void trim_cache() { cached = std::min(cached, recycle_limit); }

  void set_recycle_limit(std::size_t limit) {
    recycle_limit = limit;
    trim_cache();
  }

  /// The allocator looks for an idle standard chunk; true if it takes one.
  bool take_cached() {
    if (home < 0) return false;
    if (cached == 0) {
      cached = std::exchange(returned[home], 0);
      trim_cache();
    }
    if (cached == 0) return false;
    --cached;
    return true;
  }

  /// Runs an allocation; ok with the new handle in `made`, or the failure (whatever state a
  /// failed call still changes — cache refill and trim — is applied).
  outcome allocate(const request& r, handle_model& made) {
    const std::size_t n = r.n;
    const bool fresh_chunk = placer.needs_chunk(n);
    const bool dedicated = fresh_chunk && n > placer.capacity;
    bool reused = false;
    if (fresh_chunk) {
      if (!dedicated) reused = take_cached();
      if (!reused && r.upstream_fails) return outcome::bad_alloc;
      if (!dedicated && !reused && recycle_limit > 0 && home < 0) {
        home = next_home++;
        returned[home] = 0;
      }
    }
    if (r.fail_at && *r.fail_at < n) {
      for (std::size_t i = *r.fail_at; i > 0; --i) destroyed.push_back(r.first_id + i - 1);
      if (reused) ++cached;
      return r.failure;
    }
    const std::size_t capacity = placer.capacity;
    const placement p = placer.place(n, reused);
    if (p.opened) {
      chunk_model& c = chunks[p.chunk];
      c.capacity = p.dedicated ? n : capacity;
      c.home = !p.dedicated && (reused || recycle_limit > 0) ? home : -1;
      c.blocks = storage_blocks(c.capacity, sizeof(Counted));
    }
    auto& ids = chunks[p.chunk].ids;
    for (std::size_t i = 0; i < n; ++i) ids.push_back(r.first_id + i);
    settle(p.left);
    made = {handle_kind::slice, p.chunk, p.offset, n};
    return outcome::ok;
  }

  /// The allocator is destroyed (or moved from into an allocator that is then destroyed): it
  /// leaves its current chunk, closes its home and restarts its counters. It continues as a new
  /// allocator with the given capacity and recycle limit.
  void leave_allocator(std::size_t new_capacity, std::size_t new_recycle_limit) {
    settle(placer.leave());
    if (home >= 0) returned.erase(home);
    home = -1;
    cached = 0;
    placer.capacity = new_capacity;
    placer.stats = {};
    recycle_limit = new_recycle_limit;
  }

  /// The elements a handle refers to.
  [[nodiscard]] std::vector<std::uint64_t> contents(const handle_model& h) const {
    if (h.chunk < 0) return {};
    const auto& ids = chunks.at(h.chunk).ids;
    const auto first = ids.begin() + static_cast<std::ptrdiff_t>(h.offset);
    return {first, first + static_cast<std::ptrdiff_t>(h.length)};
  }

  /// Every live element, in no particular order.
  [[nodiscard]] std::vector<std::uint64_t> live_ids() const {
    std::vector<std::uint64_t> all;
    for (const auto& [id, c] : chunks) all.insert(all.end(), c.ids.begin(), c.ids.end());
    return all;
  }

  /// Slots whose handle satisfies `pred`.
  template <class Pred>
  [[nodiscard]] std::vector<std::size_t> slots_where(Pred pred) const {
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < slot_count; ++i) {
      if (pred(slots[i])) found.push_back(i);
    }
    return found;
  }
};

}  // namespace props
