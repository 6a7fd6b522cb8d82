// arena-arc: a chunk — one block holding a reference-counted header and up to `capacity`
// elements — and the one place where chunks are created, destroyed and given back.
//
// Invariants (stated here, enforced by Allocator, which is the only writer):
//  - elements [0, constructed) are alive once the allocator has left the chunk (or, for a chunk
//    the allocator never kept, from the moment the handle is made); no other element is;
//  - `refs` counts every handle plus the allocator's pre-paid block while it keeps the chunk,
//    less nothing: a handle released into the ledger (owner_ledger.hpp) still counts in `refs`
//    until the allocator closes the ledger and gives those references up with its block;
//  - when `refs` reaches zero the elements are destroyed in reverse order of construction,
//    exactly once, and the block goes back to its allocator's recycler (`home`, standard chunks
//    made at run time) or to `upstream` (dedicated chunks, and chunks of constant evaluation).
#ifndef ARENA_ARC_DETAIL_CHUNK_HPP
#define ARENA_ARC_DETAIL_CHUNK_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/atomics.hpp>
#include <arena_arc/detail/checked_math.hpp>
#include <arena_arc/detail/construct.hpp>
#include <arena_arc/detail/counter.hpp>
#include <arena_arc/detail/owner_ledger.hpp>
#include <arena_arc/detail/raise.hpp>
#include <arena_arc/detail/recycler.hpp>
#include <arena_arc/detail/single_threaded.hpp>
#include <arena_arc/detail/unsafe_buffer.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>
#include <arena_arc/violation.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <new>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

// The configuration is folded in: a DEBUG build reading a chunk of a DEBUG build configured
// otherwise (a handle smuggled past the link-time check, config.hpp) fails the check.
inline constexpr std::uint32_t chunk_canary = 0xA4E7A4C5u ^
                                              (std::uint32_t{ARENA_ARC_ABI_REFUNDS_} << 8U) ^
                                              std::uint32_t{ARENA_ARC_ABI_EXCEPTIONS_};

// The clang static analyzer cannot follow a typed header and typed elements inside one raw
// block: the first element it sees written makes it forget the header, and every later use of
// the chunk is then reported as a use after free on the path where the forgotten count was 1.
// When it analyses (clang-tidy too), chunks take the separate-allocation path of constant
// evaluation; docs/VERIFICATION.md lists this difference and what covers the raw-block path.
#if defined(__clang_analyzer__)
inline constexpr bool separate_storage_for_analysis = true;
#else
inline constexpr bool separate_storage_for_analysis = false;
#endif

template <class T, index_type L, refcount_policy RC>
struct chunk {
  using counter = counter_ops<RC>;
  using home_type = recycler<chunk, RC>;

  // Every field has a default: create() fills in a value-initialised header in constant
  // evaluation, and names them all in the aggregate initialisation of the run-time path.
  typename counter::cell refs{};
  T* elements = nullptr;                          // element 0; `capacity` slots
  std::pmr::memory_resource* upstream = nullptr;  // nullptr: global operator new
  home_type* home = nullptr;  // nullptr: freed, not recycled, when the last owner goes
  chunk* next = nullptr;      // link in the recycler's stack, the allocator's cache or kept list
  L capacity = 0;
  L constructed = 0;  // see the invariants above
  [[no_unique_address]] owner_ledger<RC> ledger{};  // open while the allocator keeps the chunk
#if ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_DEBUG
  std::uint32_t canary = chunk_canary;
#endif

  static constexpr std::size_t block_align =
      alignof(T) > alignof(chunk) ? alignof(T) : alignof(chunk);

  /// Element storage of a whole number of pages (4 KiB) gets an upstream block of its own and
  /// the header a second one; smaller chunks are one block, header first. General-purpose
  /// allocators serve page multiples without rounding, while header + elements in one block
  /// lands just past a size class: mimalloc rounds 32 KiB + 48 B up to 40 KiB, and the 8 KiB
  /// holes between consecutive chunks' elements halved the write bandwidth of a batch
  /// (bench/README.md). Only valid for a capacity whose layout() is representable.
  [[nodiscard]] static constexpr bool split_storage(std::size_t capacity) noexcept {
    const std::size_t element_bytes = capacity * sizeof(T);
    return element_bytes >= split_page && element_bytes % split_page == 0;
  }

  /// The layout of a block for `capacity` elements; nothing if it cannot be represented.
  [[nodiscard]] static constexpr std::optional<chunk_layout> layout(std::size_t capacity) noexcept {
    return layout_for(capacity, sizeof(chunk), sizeof(T), alignof(T));
  }

  /// A new chunk with room for `capacity` elements (none constructed) and `initial_refs`
  /// references, which the caller owns. Throws std::length_error if the block size cannot be
  /// represented, or whatever the upstream resource throws; leaves nothing behind on failure.
  [[nodiscard]] static constexpr chunk* create(L capacity, std::pmr::memory_resource* upstream,
                                               std::size_t initial_refs) {
    const auto lay = layout(capacity);
    if (!lay) raise_length_error("arena_arc: chunk size in bytes is not representable");
    if (std::is_constant_evaluated() || separate_storage_for_analysis) {
      // Constant evaluation cannot reinterpret raw bytes: header and elements are separate
      // allocations there. This is the only difference in how storage is obtained.
      T* elems = std::allocator<T>{}.allocate(capacity);
      // Value-initialised, then filled in: the header is never copied (in a model-checking
      // build its count is an atomic object, which cannot be).
      chunk* c = std::construct_at(std::allocator<chunk>{}.allocate(1));
      atomics::init(c->refs, initial_refs);
      c->elements = elems;
      c->upstream = upstream;
      c->capacity = capacity;
#if ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_DEBUG
      c->canary = chunk_canary;
#endif
      return c;
    }
    if (split_storage(capacity)) return create_split(capacity, upstream, initial_refs);
    void* raw = allocate_block(upstream, lay->bytes);
    // Best effort against a non-conforming resource (libstdc++ declares allocate
    // returns_nonnull, so the optimiser may drop this): without exceptions, returning null is
    // the only way such a resource can report failure. Never dereference it.
    if (raw == nullptr) raise_bad_alloc();
    // The block is suitably aligned for chunk and T (block_align covers both) and large
    // enough for the header plus `capacity` elements (the checked layout).
    auto* bytes = static_cast<std::byte*>(raw);
    // Element storage: the allocation function implicitly created an array of T there
    // (T[] is an implicit-lifetime type); elements are placement-constructed into it later.
    // cppcheck-suppress nullPointerArithmeticRedundantCheck ; raise_bad_alloc() is [[noreturn]]
    T* elems = reinterpret_cast<T*>(detail::unchecked_add(bytes, lay->elements_offset));
    return construct_header(raw, elems, capacity, upstream, initial_refs);
  }

  /// Gives the block of a chunk whose elements are all destroyed (or were never built) back.
  static constexpr void free_storage(chunk* c) noexcept {
    if (std::is_constant_evaluated() || separate_storage_for_analysis) {
      std::allocator<T>{}.deallocate(c->elements, c->capacity);
      std::allocator<chunk>{}.deallocate(c, 1);
      return;
    }
    std::pmr::memory_resource* upstream = c->upstream;
    if (split_storage(c->capacity)) {
      const std::size_t element_bytes = sizeof(T) * static_cast<std::size_t>(c->capacity);
      void* elements = c->elements;
      c->~chunk();
#if ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_DEBUG
      // Turn late reads into garbage: the element block and the header block, whole.
      detail::unchecked_fill_bytes(elements, 0xDD, element_bytes);
      detail::unchecked_fill_bytes(static_cast<void*>(c), 0xDD, sizeof(chunk));
#endif
      deallocate_block(upstream, elements, element_bytes);
      deallocate_block(upstream, c, sizeof(chunk));
      return;
    }
    // The layout was representable when the chunk was created from the same capacity.
    const chunk_layout lay = *layout(c->capacity);
    c->~chunk();
#if ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_DEBUG
    // Turn late reads into garbage: the block is lay.bytes long (the layout it was made with).
    detail::unchecked_fill_bytes(static_cast<void*>(c), 0xDD, lay.bytes);
#endif
    deallocate_block(upstream, c, lay.bytes);
  }

  /// Destroys elements [0, constructed) in reverse order, then gives the block back.
  ARENA_ARC_NOINLINE static constexpr void destroy(chunk* c) noexcept {
    ARENA_ARC_CHECK_DEBUG(c->canary == chunk_canary, "chunk canary",
                          "a chunk header was overwritten or used after free");
    // Elements [0, constructed) are alive (the chunk's invariant).
    destroy_backward(c->elements, c->constructed);
    if (c->home == nullptr) return free_storage(c);
#if ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_DEBUG
    // Element storage is dead until reuse: turn late reads into garbage. elements..+capacity
    // is the chunk's own storage.
    detail::unchecked_fill_bytes(static_cast<void*>(c->elements), 0xDD,
                                 sizeof(T) * static_cast<std::size_t>(c->capacity));
#endif
    home_type::give_back(c);
  }

  /// Makes a chunk taken from the recycler ready for reuse: no element, `initial_refs` owned by
  /// the caller. The caller has exclusive access (acquired through the recycler).
  static void reset(chunk* c, std::size_t initial_refs) noexcept {
    atomics::init(c->refs, initial_refs);
    c->constructed = L{0};
    c->next = nullptr;
    if constexpr (owner_ledger<RC>::enabled) c->ledger.reset();
  }

  /// Whether the caller's `owned` references are the chunk's only ones (acquire: see counter.hpp).
  [[nodiscard]] static constexpr bool sole_owner(chunk* c, std::size_t owned) noexcept {
    return counter::sole_owner(c->refs, owned);
  }

  /// Whether the allocator keeping c holds every reference to it: its `prepaid` ones and those
  /// released into the ledger, which count only on the ledger's own thread (another thread's
  /// ledger is not read: the allocator moved, and the chunk is not its alone to reuse).
  [[nodiscard]] static constexpr bool solely_held(chunk* c, std::size_t prepaid) noexcept {
    if constexpr (owner_ledger<RC>::enabled) {
      if (!std::is_constant_evaluated()) {
        return c->ledger.owned_here() && sole_owner(c, prepaid + c->ledger.refunds_here());
      }
    }
    return sole_owner(c, prepaid);
  }

  /// Drops `n` references owned by the caller; the last one destroys the chunk.
  static constexpr void release(chunk* c, std::size_t n) noexcept {
    if (counter::release(c->refs, n)) destroy(c);
  }

  /// Drops the references of `n` handles: into the ledger when the calling thread owns it and it
  /// is open (no locked instruction), else as release(c, n). While the process has one thread,
  /// release(c, n) has no locked instruction either and costs less than the ledger's handshake.
  static constexpr void release_handles(chunk* c, std::size_t n) noexcept {
    if constexpr (owner_ledger<RC>::enabled) {
      if (!std::is_constant_evaluated() && !process_single_threaded() &&
          c->ledger.try_refund(n)) {
        return;
      }
    }
    release(c, n);
  }

  /// Drops the reference of one handle (release_handles).
  static constexpr void release_handle(chunk* c) noexcept { release_handles(c, 1); }

  static constexpr void acquire(chunk* c) { counter::acquire(c->refs); }

  constexpr void check_canary() const noexcept {
    ARENA_ARC_CHECK_DEBUG(canary == chunk_canary, "chunk canary",
                          "a handle refers to a chunk that was overwritten or freed");
  }

 private:
  static constexpr std::size_t split_page = 4096;

  // The split layout of create(): elements first, then the header; nothing is left behind if
  // either allocation fails.
  static chunk* create_split(L capacity, std::pmr::memory_resource* upstream,
                             std::size_t initial_refs) {
    // Representable: layout(capacity) was checked and is larger.
    const std::size_t element_bytes = sizeof(T) * static_cast<std::size_t>(capacity);
    void* raw_elements = allocate_block(upstream, element_bytes);
    if (raw_elements == nullptr) raise_bad_alloc();  // see create()
    // NOLINTNEXTLINE(cppcoreguidelines-special-member-functions): a local guard, never copied
    struct release_on_failure {
      std::pmr::memory_resource* upstream;
      void* block;
      std::size_t bytes;
      ~release_on_failure() {
        if (block != nullptr) deallocate_block(upstream, block, bytes);
      }
    } elements_guard{upstream, raw_elements, element_bytes};
    void* raw = allocate_block(upstream, sizeof(chunk));
    if (raw == nullptr) raise_bad_alloc();
    elements_guard.block = nullptr;
    // The allocation function implicitly created an array of T in the element block, suitably
    // aligned (block_align); the header block is aligned and sized for a chunk.
    T* elems = static_cast<T*>(raw_elements);
    return construct_header(raw, elems, capacity, upstream, initial_refs);
  }

  // The run-time header of a chunk, built in `raw` (aligned and sized for a chunk by the
  // caller's layout), owning `initial_refs` references and no element.
  static chunk* construct_header(void* raw, T* elems, L capacity,
                                 std::pmr::memory_resource* upstream,
                                 std::size_t initial_refs) noexcept {
    return ::new (raw) chunk{initial_refs, elems, upstream, nullptr, nullptr, capacity, L{0}, {}
#if ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_DEBUG
                             ,
                             chunk_canary
#endif
    };
  }

  static void* allocate_block(std::pmr::memory_resource* upstream, std::size_t bytes) {
    return upstream == nullptr ? allocate_global(bytes) : upstream->allocate(bytes, block_align);
  }

  static void deallocate_block(std::pmr::memory_resource* upstream, void* p,
                               std::size_t bytes) noexcept {
    if (upstream == nullptr) {
      deallocate_global(p, bytes);
    } else {
      upstream->deallocate(p, bytes, block_align);
    }
  }

  static void* allocate_global(std::size_t bytes) {
    if constexpr (block_align > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
      return ::operator new(bytes, std::align_val_t{block_align});
    } else {
      return ::operator new(bytes);
    }
  }
  static void deallocate_global(void* p, [[maybe_unused]] std::size_t bytes) noexcept {
#if defined(__cpp_sized_deallocation)
    if constexpr (block_align > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
      ::operator delete(p, bytes, std::align_val_t{block_align});
    } else {
      ::operator delete(p, bytes);
    }
#else
    if constexpr (block_align > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
      ::operator delete(p, std::align_val_t{block_align});
    } else {
      ::operator delete(p);
    }
#endif
  }
};

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_CHUNK_HPP
