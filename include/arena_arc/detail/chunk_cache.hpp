// arena-arc: an allocator's idle standard chunks — those that came back through its recycler
// (detail/recycler.hpp), kept for reuse before it asks upstream — and the recycler itself.
//
// Invariant (enforced here): between calls, `idle_` is a list through Chunk::next of `count_`
// chunks, each with no element and belonging to `home_`, and count_ <= limit_ (the rest go
// upstream). `home_` is made with the first recyclable chunk and closed by shut_down(), after
// which chunks still out free themselves when their last owner goes.
#ifndef ARENA_ARC_DETAIL_CHUNK_CACHE_HPP
#define ARENA_ARC_DETAIL_CHUNK_CACHE_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/chunk.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <cstddef>
#include <memory_resource>
#include <new>
#include <type_traits>
#include <utility>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

template <class T, index_type L, refcount_policy RC>
class chunk_cache {
 public:
  using chunk_type = chunk<T, L, RC>;
  using home_type = typename chunk_type::home_type;

  constexpr explicit chunk_cache(std::size_t limit) noexcept : limit_(limit) {}

  /// The default limit for chunks of `capacity` elements: as many as fit in
  /// ARENA_ARC_RECYCLE_BYTES, at least 1.
  [[nodiscard]] static constexpr std::size_t default_limit(L capacity) noexcept {
    // Representable: the layout was validated together with the capacity.
    const std::size_t bytes = chunk_type::layout(capacity)->bytes;
    const std::size_t fit = std::size_t{ARENA_ARC_RECYCLE_BYTES} / bytes;
    return fit > 0 ? fit : 1;
  }

  /// Takes over `other`'s recycler and idle chunks; `other` keeps its limit and starts empty.
  constexpr chunk_cache(chunk_cache&& other) noexcept
      : home_(std::exchange(other.home_, nullptr)),
        idle_(std::exchange(other.idle_, nullptr)),
        count_(std::exchange(other.count_, std::size_t{0})),
        limit_(other.limit_) {}

  /// Shuts this cache down, then takes over `other`'s as the move constructor does. `other` is
  /// another cache: the allocator's assignment, the only caller, excludes self-assignment.
  constexpr chunk_cache& operator=(chunk_cache&& other) noexcept {
    shut_down();
    home_ = std::exchange(other.home_, nullptr);
    idle_ = std::exchange(other.idle_, nullptr);
    count_ = std::exchange(other.count_, std::size_t{0});
    limit_ = other.limit_;
    return *this;
  }

  chunk_cache(const chunk_cache&) = delete;
  chunk_cache& operator=(const chunk_cache&) = delete;

  constexpr ~chunk_cache() { shut_down(); }

  [[nodiscard]] constexpr std::size_t limit() const noexcept { return limit_; }

  /// At most `limit` idle chunks from now on; 0 also stops recycling chunks made from now on.
  constexpr void set_limit(std::size_t limit) noexcept {
    limit_ = limit;
    trim();
  }

  /// An idle chunk made ready with `refs` references, or nullptr.
  constexpr chunk_type* take(std::size_t refs) noexcept {
    if (std::is_constant_evaluated() || home_ == nullptr) return nullptr;
    if (idle_ == nullptr) {
      splice(home_->take_all());
      trim();
    }
    if (idle_ == nullptr) return nullptr;
    chunk_type* c = std::exchange(idle_, idle_->next);
    --count_;
    chunk_type::reset(c, refs);
    return c;
  }

  /// A new standard chunk from upstream, attached to the recycler (made on first use).
  constexpr chunk_type* make(L capacity, std::pmr::memory_resource* upstream, std::size_t refs) {
    chunk_type* c = chunk_type::create(capacity, upstream, refs);
    if (std::is_constant_evaluated() || limit_ == 0) return c;
    if (home_ == nullptr) {
      home_ = new (std::nothrow) home_type();
      // Without a recycler the chunk is simply not recycled; the allocation still succeeds.
      if (home_ == nullptr) return c;
    }
    home_->adopt();
    c->home = home_;
    return c;
  }

  /// An idle chunk with `refs` references, else a new one from upstream (make); `reused` says
  /// which, for stats and for give_back_unused.
  constexpr chunk_type* take_or_make(L capacity, std::pmr::memory_resource* upstream,
                                     std::size_t refs, bool& reused) {
    chunk_type* c = take(refs);
    reused = c != nullptr;
    return reused ? c : make(capacity, upstream, refs);
  }

  /// Undoes take_or_make for a chunk with no element that was not used: back to the idle list
  /// if it came from there, else discarded.
  constexpr void give_back_unused(chunk_type* c, bool reused) noexcept {
    if (reused) {
      push(c);
    } else {
      discard(c);
    }
  }

  /// Undoes make() for a chunk whose fill failed.
  static constexpr void discard(chunk_type* c) noexcept {
    if (c->home != nullptr) return home_type::retire(c);
    chunk_type::free_storage(c);
  }

  /// Puts back a chunk take() returned, whose fill failed.
  constexpr void push(chunk_type* c) noexcept {
    c->next = idle_;
    idle_ = c;
    ++count_;
  }

 private:
  constexpr void splice(chunk_type* list) noexcept {
    while (list != nullptr) push(std::exchange(list, list->next));
  }

  constexpr void trim() noexcept {
    // idle_ holds count_ chunks (the invariant); testing it too keeps a count that disagreed
    // from ever following a null link.
    while (count_ > limit_ && idle_ != nullptr) {
      home_type::retire(std::exchange(idle_, idle_->next));
      --count_;
    }
  }

  // When the allocator goes away: chunks still out will free themselves; idle ones go now.
  constexpr void shut_down() noexcept {
    if (home_ == nullptr) return;
    splice(home_->close());
    while (idle_ != nullptr) home_type::retire(std::exchange(idle_, idle_->next));
    count_ = 0;
    std::exchange(home_, nullptr)->release();
  }

  home_type* home_ = nullptr;
  chunk_type* idle_ = nullptr;
  std::size_t count_ = 0;
  std::size_t limit_;
};

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_CHUNK_CACHE_HPP
