// arena-arc: guards for a chunk the allocator is filling, which give it back (its storage
// freed, or put back in the cache) if the fill fails before any handle to it exists.
#ifndef ARENA_ARC_DETAIL_CHUNK_GUARDS_HPP
#define ARENA_ARC_DETAIL_CHUNK_GUARDS_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/chunk.hpp>
#include <arena_arc/detail/chunk_cache.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <cstddef>
#include <memory_resource>
#include <utility>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

/// Owns a chunk with no constructed element until released; frees its storage otherwise.
template <class T, index_type L, refcount_policy RC>
struct chunk_guard {
  using chunk_type = chunk<T, L, RC>;

  chunk_type* c;

  constexpr explicit chunk_guard(chunk_type* chunk) noexcept : c(chunk) {}
  chunk_guard(const chunk_guard&) = delete;
  chunk_guard& operator=(const chunk_guard&) = delete;
  constexpr ~chunk_guard() {
    if (c != nullptr) chunk_type::free_storage(c);
  }
  constexpr chunk_type* release() noexcept { return std::exchange(c, nullptr); }
};

/// Owns a standard chunk with no constructed element until released: one from the cache (put
/// back on failure) or a new one from upstream (freed on failure).
template <class T, index_type L, refcount_policy RC>
struct standard_guard {
  using cache_type = chunk_cache<T, L, RC>;
  using chunk_type = typename cache_type::chunk_type;

  cache_type& cache;
  bool reused = false;  // set by take_or_make, before c: declared first
  chunk_type* c;

  constexpr standard_guard(cache_type& from, L capacity, std::pmr::memory_resource* upstream,
                           std::size_t refs)
      : cache(from), c(from.take_or_make(capacity, upstream, refs, reused)) {}
  standard_guard(const standard_guard&) = delete;
  standard_guard& operator=(const standard_guard&) = delete;
  constexpr ~standard_guard() {
    if (c != nullptr) cache.give_back_unused(c, reused);
  }
  constexpr chunk_type* release() noexcept { return std::exchange(c, nullptr); }
};

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_CHUNK_GUARDS_HPP
