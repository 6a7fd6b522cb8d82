// arena-arc: constructing elements into chunk storage, all or nothing.
#ifndef ARENA_ARC_DETAIL_CONSTRUCT_HPP
#define ARENA_ARC_DETAIL_CONSTRUCT_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/unsafe_buffer.hpp>
#include <arena_arc/detail/wide_fill.hpp>
#include <arena_arc/index_type.hpp>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <new>
#include <ranges>
#include <type_traits>
#include <utility>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

/// Whether an element can be initialised from a call returning R: a T prvalue (guaranteed copy
/// elision, T need not be movable) or anything T is constructible from.
template <class T, class R>
inline constexpr bool initialisable_from = std::is_same_v<R, T> || std::is_constructible_v<T, R>;

/// Element types that alloc_for_overwrite may hand out as raw storage: trivially copyable
/// types are implicit-lifetime (writing one creates it) and need no destructor.
template <class T>
concept overwritable = std::is_trivially_copyable_v<T>;

/// Makes count slots at dst usable as T without initialising them: the storage is reused as an
/// array of bytes, which implicitly creates the trivially copyable T objects a later write
/// needs (no code is emitted).
template <overwritable T>
[[nodiscard]] T* start_overwrite(T* dst, std::size_t count) noexcept {
  // dst has room for count T (the caller's reservation); a non-allocating array new of bytes
  // has no overhead, and creates the objects the writer's stores then give values to.
  ::new (static_cast<void*>(dst)) std::byte[sizeof(T) * count];
  return std::launder(dst);
}

// Not constexpr: reaching it in constant evaluation makes the evaluation fail to compile.
inline void immovable_element_in_constant_evaluation() noexcept {}

/// Constructs *p from the result of f(args...). At run time a prvalue result initialises *p
/// directly (guaranteed copy elision), so T need not be movable. Constant evaluation only has
/// std::construct_at, which needs T to be move-constructible for that.
template <class T, class F, class... Args>
constexpr void construct_from_call(T* p, F& f, Args&&... args) {
  if (std::is_constant_evaluated()) {
    if constexpr (std::is_move_constructible_v<T>) {
      std::construct_at(p, f(std::forward<Args>(args)...));
      return;
    } else {
      immovable_element_in_constant_evaluation();
    }
  }
  // p points to unconstructed storage for one T inside a chunk (the caller's contract).
  ::new (static_cast<void*>(p)) T(f(std::forward<Args>(args)...));
}

/// Destroys the count live elements at first in reverse order (nothing for trivially
/// destructible T, whose destructor does nothing). Always inlined: the loop its callers had.
template <class T, index_type L>
ARENA_ARC_ALWAYS_INLINE constexpr void destroy_backward(T* first, L count) noexcept {
  if constexpr (!std::is_trivially_destructible_v<T>) {
    // i - 1 < count: first[0..count) are the caller's live elements.
    for (L i = count; i > 0; --i) {
      std::destroy_at(detail::unchecked_add(first, static_cast<L>(i - 1)));
    }
  }
}

/// Destroys [dst, dst + count) in reverse order when it goes out of scope, unless committed.
/// It is what undoes a partially built slice when an element's construction fails.
template <class T, index_type L>
struct build_guard {
  T* dst;
  L count = 0;

  constexpr explicit build_guard(T* d) noexcept : dst(d) {}
  build_guard(const build_guard&) = delete;
  build_guard& operator=(const build_guard&) = delete;
  constexpr ~build_guard() { destroy_backward(dst, count); }
  constexpr void commit() noexcept { count = 0; }
};

// Small trivially copyable elements are built in blocks of a constant length: g++'s default cost
// model at -O2 ("very cheap") vectorises no loop without a known trip count, and clang++ runs the
// long blocks faster too when the stores go to memory beyond the caches (batches of long
// slices). The block loop is kept rolled for g++ (its -O3 would unroll it completely first).
#if defined(__GNUC__) && !defined(__clang__)
#define ARENA_ARC_DETAIL_FILL_BLOCK_PRAGMA _Pragma("GCC unroll 1")
#else
#define ARENA_ARC_DETAIL_FILL_BLOCK_PRAGMA
#endif

/// How many elements fill_each builds per block of `Bytes` bytes: Bytes / sizeof(T), clamped to
/// [2, 64], for small trivially copyable T (the loops a vectoriser turns into vector stores);
/// 1 (no blocks) for other types, whose construction no vectoriser takes.
template <class T, std::size_t Bytes>
inline constexpr std::size_t fill_block =
    std::is_trivially_copyable_v<T> && sizeof(T) <= 32
        ? std::max(std::size_t{2}, std::min(std::size_t{64}, Bytes / sizeof(T)))
        : 1;

/// Builds dst[i..) with make in blocks of Block elements while a whole block fits before n,
/// advancing i; false as soon as make does. Nothing to destroy on failure: blocks are only for
/// trivially copyable T.
template <std::size_t Block, class T, index_type L, class Make>
ARENA_ARC_ALWAYS_INLINE constexpr bool fill_blocks(T* dst, L& i, L n, Make& make) {
  if constexpr (Block > 1) {
    static_assert(std::is_trivially_destructible_v<T>);
    constexpr L block = static_cast<L>(Block);  // <= 64 fits every index type
    // i <= n throughout, so n - i does not wrap; i + block <= n inside the loop.
    for (; static_cast<L>(n - i) >= block; i = static_cast<L>(i + block)) {
      // (dst + i) + j, not dst + (i + j): an index sum in L might wrap for all the compiler
      // knows, and g++ then gives up on the loop; i + j < i + block <= n does not wrap. Not
      // unrolled: g++ -O3 would unroll it completely before vectorising and build the vectors
      // element by element (1.5 times slower).
      ARENA_ARC_DETAIL_FILL_BLOCK_PRAGMA
      for (L j = 0; j < block; ++j) {
        // dst + i + j is within the n slots the caller reserved.
        if (!make(detail::unchecked_add(detail::unchecked_add(dst, i), j), static_cast<L>(i + j))) {
          return false;
        }
      }
    }
  }
  return true;
}
#undef ARENA_ARC_DETAIL_FILL_BLOCK_PRAGMA

/// fill_each's work, compiled into each function that calls it (for the compile target, or for
/// AVX2 in fill_each_wide). Small trivially copyable elements are built in blocks of 512 bytes,
/// then of 64, then one by one: long slices get long vectorised runs, short ones still some.
template <class T, index_type L, class Make>
[[nodiscard]] ARENA_ARC_ALWAYS_INLINE constexpr bool fill_each_here(T* dst, L n, Make& make) {
  build_guard<T, L> guard(dst);
  L i = 0;
  if (!fill_blocks<fill_block<T, 512>>(dst, i, n, make)) return false;
  if (!fill_blocks<fill_block<T, 64>>(dst, i, n, make)) return false;
  for (; i < n; ++i) {
    // dst + i is within the n slots the caller reserved.
    if (!make(detail::unchecked_add(dst, i), i)) return false;
    guard.count = static_cast<L>(i + 1);
  }
  guard.commit();
  return true;
}

#if ARENA_ARC_WIDE_FILL
/// fill_each_here vectorised for AVX2 (detail/wide_fill.hpp); run only where
/// wide_fill_available().
template <class T, index_type L, class Make>
[[nodiscard]] ARENA_ARC_DETAIL_WIDE_TARGET ARENA_ARC_NOINLINE bool fill_each_wide(T* dst, L n,
                                                                                  Make& make) {
  return fill_each_here(dst, n, make);
}
#endif

/// Constructs dst[0..n) with make(dst + i, i) in index order. `make` returns false to stop (it
/// then constructed nothing at that index) or throws; either way every element built so far
/// is destroyed in reverse order and the storage is as before. True when all n are built.
template <class T, index_type L, class Make>
[[nodiscard]] constexpr bool fill_each(T* dst, L n, Make& make) {
#if ARENA_ARC_WIDE_FILL
  if constexpr (constexpr std::size_t block = fill_block<T, 256>; block > 1) {
    // Worth the call from 256 bytes or 64 elements on, whichever comes first: shorter fills
    // are a few vector stores either way, which the call and the AVX2 setup outweigh (8
    // uint64_t: 3.9 ns through the AVX2 copy, 3.1 here; 32: 4.9 either way, g++ -O3).
    if (!std::is_constant_evaluated() && n >= block && wide_fill_available()) {
      return fill_each_wide(dst, n, make);
    }
  }
#endif
  return fill_each_here(dst, n, make);
}

/// Creates dst[0..count) as copies of the first count elements of a contiguous range of T,
/// which the caller has checked holds them, into storage for count T.
template <class T, class R, index_type L>
ARENA_ARC_ALWAYS_INLINE void copy_bytes(T* dst, R& range, L count) noexcept {
  static_assert(std::is_trivially_copyable_v<T>);
  // Same trivially copyable type, contiguous source of `count` elements, disjoint destination
  // storage: a memcpy creates the elements (implicit-lifetime types). The byte count cannot
  // overflow: the destination holds count T.
  detail::unchecked_copy_bytes(static_cast<void*>(dst), std::ranges::data(range),
                               sizeof(T) * static_cast<std::size_t>(count));
}

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_CONSTRUCT_HPP
