// The oracle's model of one allocator and its handle slots: plain data, no arena_arc code.
//
// It mirrors the contract and the placement rules (the README's API and placement): which
// chunk every handle refers to and at which offset, which elements each chunk holds (value and
// serial, in construction order), who owns each chunk (handles and the allocator), when a chunk
// dies (its last owner gone) and which serials its death destroys in which order, the allocator's
// stats, and recycling (allocator.hpp, recycler.hpp): a dead standard chunk goes onto its
// recycler's stack, the allocator drains the stack into its cache when the cache is empty
// (pushing newest first, so the oldest returned chunk ends up on top), trims the cache to
// recycle_limit() by freeing from the top, and reuses the top; everything idle is freed when
// the allocator goes. A chunk whose element storage is a whole number of 4 KiB pages holds two
// upstream blocks (elements, header), any other one. Rewinding (allocator.hpp): for a trivially
// destructible element type, a request that would switch to a new standard chunk while no handle
// refers to the recyclable current chunk reuses that block in place (a new model chunk on the same
// block, counted as a reuse, the old room as waste); the cache and the recycler's stack are not
// touched. Keeping (allocator.hpp; atomic_refcount with owner ledgers, trivially destructible
// elements, recycling on): a full standard chunk the allocator moves on from stays held, at most
// min(64, recycle_limit()) of them, oldest first (the oldest is left when one more comes, and
// all when the allocator goes or the limit drops); when a request would switch to a new standard
// chunk and the current one cannot be rewound, the first of the 4 oldest kept chunks that no
// handle refers to is reused in place instead, like a rewind. A model chunk is one allocation of a
// block; a reused block moves to a new model chunk, so the oracle can check that the reused chunk
// really is the predicted block (same address) and count the blocks the counting upstream must be
// holding.
#ifndef ARENA_ARC_FUZZ_OPS_MODEL_HPP
#define ARENA_ARC_FUZZ_OPS_MODEL_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "../common/fuzz_check.hpp"

namespace arena_arc_fuzz::ops {

inline constexpr std::size_t slice_slots = 4;
inline constexpr std::size_t single_slots = 3;

struct m_elem {
  std::uint64_t value;
  std::uint64_t serial;  // 0 for element types that are not counted
};

struct m_chunk {
  std::vector<m_elem> elems;  // constructed elements, in construction order
  std::size_t handles = 0;    // handle objects referring to the chunk
  bool held = false;          // the allocator's current chunk
  bool alive = true;          // its elements are alive
  bool block_live = true;     // its block is still allocated (in use, returned or cached)
  bool counted = false;       // its block came from the counting upstream
  int home = -1;              // its recycler, or -1 (dedicated chunks, recycling off)
  std::uintptr_t base = 0;    // observed address of element 0
  std::size_t blocks = 1;     // upstream blocks of its storage (2: elements and header apart)
};

struct m_home {
  std::vector<int> returned;  // the recycler's stack; back() was pushed last
  bool closed = false;        // its allocator is gone: returning chunks are freed
};

struct m_slice {
  int chunk = -1;  // -1: no chunk (the empty handle)
  std::size_t offset = 0;
  std::size_t len = 0;
};

enum class single_state { none, live, moved };

struct m_single {
  single_state state = single_state::none;
  int chunk = -1;
  std::size_t offset = 0;
};

struct m_stats {
  std::size_t chunks_allocated = 0;
  std::size_t chunks_reused = 0;
  std::size_t dedicated_chunks = 0;
  std::size_t elements_allocated = 0;
  std::size_t elements_wasted = 0;
};

struct m_allocator {
  bool exists = false;
  std::size_t capacity = 0;
  bool counted = false;  // chunks come from the counting upstream
  int current = -1;
  std::size_t used = 0;
  m_stats stats;
  int home = -1;           // made with the first standard chunk
  std::vector<int> cache;  // idle chunks; back() is the top, taken first
  std::size_t recycle_limit = 0;
  std::vector<int> kept;  // kept chunks, oldest first (still held)
};

inline constexpr std::size_t max_kept_chunks = 64;  // Allocator::max_kept_chunks
inline constexpr std::size_t max_kept_scan = 4;     // Allocator::max_kept_scan

/// Where a request of n >= 1 elements goes (the placement rules).
enum class route {
  fast,        // after the last slice of the current chunk
  dedicated,   // n > capacity: a chunk of exactly n, the current chunk untouched
  keep_old,    // a new standard chunk for this slice only; the old one has strictly more room
  switch_new,  // a new standard chunk becomes current (ties go to the new one)
  rewind,      // as switch_new, but the unreferenced current chunk is reused in place
  reuse_kept,  // as switch_new, but an unreferenced kept chunk is reused in place
};

class model {
 public:
  std::vector<m_chunk> chunks;
  std::vector<m_home> homes;
  std::array<m_slice, slice_slots> slices{};
  std::array<m_single, single_slots> singles{};
  m_allocator alloc;
  std::vector<std::uint64_t> expected_destroyed;  // serials, in destruction order
  bool upstream_armed = false;
  bool rewinds = false;  // the element type is trivially destructible: the allocator rewinds
  bool keeps = false;    // ... and, with owner ledgers, keeps full chunks
  std::size_t element_size = 1;  // sizeof(T)

  void acquire(int c) {
    if (c < 0) return;
    FUZZ_CHECK(chunks[idx(c)].alive);
    ++chunks[idx(c)].handles;
  }

  void release(int c) {
    if (c < 0) return;
    m_chunk& k = chunks[idx(c)];
    FUZZ_CHECK(k.alive && k.handles > 0);
    --k.handles;
    maybe_die(c);
  }

  /// The allocator stops allocating from its current chunk (rotation, move, destruction).
  void leave_current() {
    if (alloc.current < 0) return;
    const int c = std::exchange(alloc.current, -1);
    alloc.used = 0;
    chunks[idx(c)].held = false;
    maybe_die(c);
  }

  /// The allocator goes away (destroyed or assigned over): after leaving its current
  /// chunk it closes its recycler and frees every idle chunk.
  void shut_down() {
    leave_current();
    leave_kept(0);
    if (alloc.home < 0) return;
    m_home& h = homes[idx(alloc.home)];
    splice_returned(h);
    for (const int c : alloc.cache) free_block(c);
    alloc.cache.clear();
    h.closed = true;
    alloc.home = -1;
  }

  /// What the allocator does before it takes a standard chunk: with an empty cache it drains
  /// its recycler's stack into the cache and trims the cache. True if a chunk can be reused.
  bool prepare_standard() {
    if (alloc.home < 0) return false;
    if (alloc.cache.empty()) {
      splice_returned(homes[idx(alloc.home)]);
      trim_cache();
    }
    return !alloc.cache.empty();
  }

  [[nodiscard]] std::size_t kept_limit() const noexcept {
    return alloc.recycle_limit < max_kept_chunks ? alloc.recycle_limit : max_kept_chunks;
  }

  /// Leaves the kept chunks beyond the oldest `keep`, oldest first.
  void leave_kept(std::size_t keep) {
    while (alloc.kept.size() > keep) leave_kept_at(0);
  }

  void trim_cache() {
    while (alloc.cache.size() > alloc.recycle_limit) {
      free_block(alloc.cache.back());
      alloc.cache.pop_back();
    }
  }

  /// Replaces slot d by `s`, whose reference the caller already accounted for.
  void set_slice(std::size_t d, m_slice s) {
    const m_slice old = std::exchange(slices[d], s);
    release(old.chunk);
  }

  void set_single(std::size_t d, m_single s) {
    const m_single old = std::exchange(singles[d], s);
    if (old.state == single_state::live) release(old.chunk);
  }

  [[nodiscard]] std::size_t room() const noexcept {
    return alloc.current < 0 ? 0 : alloc.capacity - alloc.used;
  }

  [[nodiscard]] route route_for(std::size_t n) const noexcept {
    if (alloc.current >= 0 && n <= room()) return route::fast;
    if (n > alloc.capacity) return route::dedicated;
    const std::size_t room_new = alloc.capacity - n;
    if (alloc.current >= 0 && room() > room_new) return route::keep_old;
    if (can_rewind()) return route::rewind;
    return idle_kept() >= 0 ? route::reuse_kept : route::switch_new;
  }

  /// Elements of the chunk a route obtains from upstream (0 for the fast path).
  [[nodiscard]] std::size_t new_chunk_elements(route r, std::size_t n) const noexcept {
    switch (r) {
      case route::fast:
      case route::rewind:
      case route::reuse_kept:
        return 0;
      case route::dedicated:
        return n;
      case route::keep_old:
      case route::switch_new:
        return alloc.capacity;
    }
    return 0;
  }

  /// Commits a successful placement of `elems` (n >= 1): returns the chunk and offset of the
  /// new handle, which owns one reference. For the standard routes prepare_standard() ran
  /// first; `reuse` says whether it found a chunk to reuse.
  std::pair<int, std::size_t> place(route r, bool reuse, std::vector<m_elem> elems) {
    const std::size_t n = elems.size();
    alloc.stats.elements_allocated += n;
    if (r == route::rewind) return rewind(std::move(elems));
    if (r == route::reuse_kept) return reuse_kept(std::move(elems));
    if (r == route::fast) {
      m_chunk& cur = chunks[idx(alloc.current)];
      const std::size_t offset = alloc.used;
      FUZZ_CHECK(cur.elems.size() == offset);
      cur.elems.insert(cur.elems.end(), elems.begin(), elems.end());
      alloc.used += n;
      ++cur.handles;
      return {alloc.current, offset};
    }
    ++(reuse ? alloc.stats.chunks_reused : alloc.stats.chunks_allocated);
    if (r == route::dedicated) ++alloc.stats.dedicated_chunks;
    if (r == route::keep_old) alloc.stats.elements_wasted += alloc.capacity - n;
    const int c = new_chunk(std::move(elems));
    m_chunk& fresh = chunks[idx(c)];
    if (reuse) {
      // The block of the cached chunk on top moves to the new chunk.
      m_chunk& old = chunks[idx(alloc.cache.back())];
      alloc.cache.pop_back();
      old.block_live = false;
      fresh.base = old.base;
      fresh.counted = old.counted;
      fresh.home = old.home;
      fresh.blocks = old.blocks;
    } else {
      fresh.blocks = storage_blocks(r == route::dedicated ? n : alloc.capacity);
      if (r != route::dedicated) fresh.home = standard_home();
    }
    if (r == route::switch_new) {
      alloc.stats.elements_wasted += room();
      keep_or_leave_current();
      alloc.current = c;
      alloc.used = n;
      chunks[idx(c)].held = true;
    }
    return {c, 0};
  }

  /// A standard placement whose fill failed after its chunk was obtained: a reused chunk goes
  /// back on top of the cache, a fresh one is freed (its recycler, if just made, stays).
  void standard_fill_failed(bool reuse) {
    if (!reuse) static_cast<void>(standard_home());
  }

  /// Records the serials an init failure destroyed: the first k of those starting at s0,
  /// newest first.
  void destroyed_on_failure(std::uint64_t s0, std::size_t k) {
    for (std::size_t i = k; i > 0; --i) expected_destroyed.push_back(s0 + i - 1);
  }

  [[nodiscard]] std::size_t live_elements() const noexcept {
    std::size_t n = 0;
    for (const m_chunk& c : chunks) n += c.alive ? c.elems.size() : 0;
    return n;
  }

  /// Blocks the counting upstream must be holding.
  [[nodiscard]] std::size_t live_counted_blocks() const noexcept {
    std::size_t n = 0;
    for (const m_chunk& c : chunks) n += c.block_live && c.counted ? c.blocks : 0;
    return n;
  }

  [[nodiscard]] static std::size_t idx(int c) noexcept { return static_cast<std::size_t>(c); }

 private:
  // Element storage of a whole number of 4 KiB pages is a block apart from the header
  // (chunk.hpp, split_storage); larger than size_t bytes never reaches a placement.
  [[nodiscard]] std::size_t storage_blocks(std::size_t capacity) const noexcept {
    constexpr std::size_t page = 4096;
    if (capacity > SIZE_MAX / element_size) return 1;
    const std::size_t bytes = capacity * element_size;
    return bytes >= page && bytes % page == 0 ? 2 : 1;
  }

  [[nodiscard]] bool can_rewind() const noexcept {
    if (!rewinds || alloc.current < 0) return false;
    const m_chunk& cur = chunks[idx(alloc.current)];
    return cur.home >= 0 && cur.handles == 0;
  }

  // Chunk `old` (which nothing refers to any more) dies and its block goes at once to a new
  // chunk holding `elems` at offset 0, counted as a reuse, the current room as waste. Returns the
  // new chunk, which the caller makes current.
  int reuse_block(int old, std::vector<m_elem> elems) {
    ++alloc.stats.chunks_reused;
    alloc.stats.elements_wasted += room();
    const int c = new_chunk(std::move(elems));
    m_chunk& prev = chunks[idx(old)];
    m_chunk& fresh = chunks[idx(c)];
    for (auto it = prev.elems.rbegin(); it != prev.elems.rend(); ++it) {
      expected_destroyed.push_back(it->serial);
    }
    prev.held = false;
    prev.alive = false;
    prev.block_live = false;
    fresh.base = prev.base;
    fresh.counted = prev.counted;
    fresh.home = prev.home;
    fresh.blocks = prev.blocks;
    return c;
  }

  // Makes chunk c, holding n elements, the current chunk.
  std::pair<int, std::size_t> become_current(int c, std::size_t n) {
    chunks[idx(c)].held = true;
    alloc.current = c;
    alloc.used = n;
    return {c, 0};
  }

  // The current chunk's block is reused in place.
  std::pair<int, std::size_t> rewind(std::vector<m_elem> elems) {
    const std::size_t n = elems.size();
    return become_current(reuse_block(alloc.current, std::move(elems)), n);
  }

  // The oldest of the max_kept_scan oldest kept chunks no handle refers to, or -1.
  [[nodiscard]] int idle_kept() const noexcept {
    for (std::size_t i = 0; i < alloc.kept.size() && i < max_kept_scan; ++i) {
      if (chunks[idx(alloc.kept[i])].handles == 0) return static_cast<int>(i);
    }
    return -1;
  }

  // The current chunk is kept when it may be (a recyclable chunk, keeping on), else left.
  void keep_or_leave_current() {
    if (keeps && alloc.current >= 0 && chunks[idx(alloc.current)].home >= 0 && kept_limit() > 0) {
      if (alloc.kept.size() == kept_limit()) leave_kept_at(0);
      alloc.kept.push_back(std::exchange(alloc.current, -1));
      alloc.used = 0;
      return;
    }
    leave_current();
  }

  void leave_kept_at(std::size_t i) {
    const int c = alloc.kept[i];
    alloc.kept.erase(alloc.kept.begin() + static_cast<std::ptrdiff_t>(i));
    chunks[idx(c)].held = false;
    maybe_die(c);
  }

  // As rewind, for the idle kept chunk; the current chunk is kept or left.
  std::pair<int, std::size_t> reuse_kept(std::vector<m_elem> elems) {
    const std::size_t n = elems.size();
    const auto i = static_cast<std::size_t>(idle_kept());
    const int old = alloc.kept[i];
    alloc.kept.erase(alloc.kept.begin() + static_cast<std::ptrdiff_t>(i));
    const int c = reuse_block(old, std::move(elems));
    keep_or_leave_current();
    return become_current(c, n);
  }

  int new_chunk(std::vector<m_elem> elems) {
    m_chunk c;
    c.elems = std::move(elems);
    c.handles = 1;
    c.counted = alloc.counted;
    c.home = -1;
    chunks.push_back(std::move(c));
    return static_cast<int>(chunks.size() - 1);
  }

  void maybe_die(int c) {
    m_chunk& k = chunks[idx(c)];
    if (!k.alive || k.handles != 0 || k.held) return;
    k.alive = false;
    for (auto it = k.elems.rbegin(); it != k.elems.rend(); ++it) {
      expected_destroyed.push_back(it->serial);
    }
    if (k.home >= 0 && !homes[idx(k.home)].closed) {
      homes[idx(k.home)].returned.push_back(c);
    } else {
      free_block(c);
    }
  }

  void free_block(int c) {
    m_chunk& k = chunks[idx(c)];
    FUZZ_CHECK(k.block_live && !k.alive);
    k.block_live = false;
  }

  // The recycler's whole stack, newest first, pushed one by one onto the cache's top.
  void splice_returned(m_home& h) {
    for (auto it = h.returned.rbegin(); it != h.returned.rend(); ++it) alloc.cache.push_back(*it);
    h.returned.clear();
  }

  // The recycler a fresh standard chunk attaches to (made with the first one), or -1 when
  // recycling is off.
  int standard_home() {
    if (alloc.recycle_limit == 0) return -1;
    if (alloc.home < 0) {
      homes.emplace_back();
      alloc.home = static_cast<int>(homes.size() - 1);
    }
    return alloc.home;
  }
};

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_MODEL_HPP
