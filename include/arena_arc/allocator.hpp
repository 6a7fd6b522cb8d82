// arena-arc: Allocator, which bump-allocates slices from shared chunks.
#ifndef ARENA_ARC_ALLOCATOR_HPP
#define ARENA_ARC_ALLOCATOR_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/allocator_stats.hpp>
#include <arena_arc/arc_single.hpp>
#include <arena_arc/arc_slice.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/detail/busy_scope.hpp>
#include <arena_arc/detail/checked_arguments.hpp>
#include <arena_arc/detail/checked_math.hpp>
#include <arena_arc/detail/chunk.hpp>
#include <arena_arc/detail/chunk_cache.hpp>
#include <arena_arc/detail/chunk_guards.hpp>
#include <arena_arc/detail/construct.hpp>
#include <arena_arc/detail/element_type.hpp>
#include <arena_arc/detail/handle_access.hpp>
#include <arena_arc/detail/kept_chunks.hpp>
#include <arena_arc/detail/raise.hpp>
#include <arena_arc/detail/unsafe_buffer.hpp>
#include <arena_arc/fwd.hpp>
#include <arena_arc/violation.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <memory_resource>
#include <ranges>
#include <type_traits>
#include <utility>

ARENA_ARC_BEGIN_NAMESPACE

/// Bump-allocates variable-length slices of T from chunks of `chunk_capacity()` elements and
/// returns reference-counted, read-only handles to them.
///
/// Placement (the Rust crate's rules): a zero-length request returns the empty handle and touches
/// nothing; a request longer than the chunk capacity gets a dedicated chunk of exactly that
/// length; a request longer than what is left opens a new standard chunk, and the allocator then
/// keeps whichever of the old and new chunk has more room left (the new one on a tie).
///
/// Guarantees:
///  - strong guarantee: if `init` throws or reports failure, or a chunk cannot be obtained,
///    every element built by the call is destroyed, the allocator and its stats are exactly as
///    before, and the error reaches the caller. (The idle cache is bookkeeping outside this
///    guarantee: chunks that came back since the last call may be collected into it, and those
///    beyond recycle_limit() given upstream, by a call that then fails.)
///  - a chunk's elements are destroyed exactly once, in reverse order of construction, when its
///    last handle is gone and the allocator has left it; handles may outlive the allocator;
///  - one thread at a time uses an allocator (it may move between threads); using it again
///    from inside its own `init` is a violation, checked always before any state changes: every
///    member but the static alloc_empty() and the plain reads chunk_capacity() and
///    recycle_limit() (settings no call can change while init runs);
///  - the upstream resource is called from any thread (atomic_refcount): a chunk goes upstream
///    on the thread that frees it, which for a dedicated chunk, a chunk with recycling off or
///    one whose allocator is gone is the thread dropping its last handle. With handles on
///    several threads the resource must be thread-safe (not unsynchronized_pool_resource);
///  - recycling: a standard chunk whose last owner goes away (on any thread) returns to the
///    allocator that made it, which reuses it before asking upstream; at most recycle_limit()
///    such chunks are kept idle, the rest go upstream. Chunks that come back after the
///    allocator is gone go upstream directly.
///  - rewinding: when a request does not fit and the allocator would switch to a new standard
///    chunk, but every handle made from its current chunk is already gone (and T is trivially
///    destructible, the chunk recyclable), it reuses the current chunk in place from offset 0
///    instead. Observably this is leaving the chunk, recycling it and taking it straight back:
///    stats count one chunks_reused and the abandoned room as elements_wasted; a failed fill
///    leaves the allocator as before (the overwritten old elements were unreachable).
///  - releasing (atomic_refcount): a handle dropped on the thread that took its chunk, while
///    the allocator keeps that chunk, hands its reference back to the allocator with no locked
///    instruction (the chunk's owner ledger, detail/owner_ledger.hpp); the allocator gives those
///    references up with its pre-paid block when it leaves the chunk, on whatever thread.
///  - keeping (atomic_refcount, trivially destructible T, recycling on, ledgers available): a
///    full chunk the allocator moves on from is not left at once but kept, at most
///    min(max_kept_chunks, recycle_limit()) of them, oldest first, so that drops on this thread
///    stay refunds. The allocator leaves a kept chunk when more are kept than that, when it is
///    destroyed or assigned to, or when it needs a new chunk on another thread; and the first of
///    the max_kept_scan oldest kept chunks whose handles are all gone is reused in place when a
///    request needs a new chunk and the current one cannot be rewound (counted like a rewind:
///    one chunks_reused). Its elements have no destructor, so keeping changes only when the
///    chunk's memory comes back.
template <class T, index_type L, std::size_t N, refcount_policy RC>
class Allocator {
  static_assert(detail::element_type_requirements<T>::value);
  static_assert(detail::valid_capacity<L>(N),
                "arena_arc: the chunk capacity N must be at least 1 and at most "
                "std::numeric_limits<L>::max()");
  static_assert(detail::chunk<T, L, RC>::layout(N).has_value(),
                "arena_arc: a chunk of N elements of T is larger than std::size_t can represent");

  using chunk_type = detail::chunk<T, L, RC>;
  using cache_type = detail::chunk_cache<T, L, RC>;
  using kept_type = detail::kept_chunks<T, L, RC>;
  using kept_position = typename kept_type::position;

 public:
  using value_type = T;
  using index_type = L;
  using refcount = RC;
  using slice_type = ArcSlice<T, L, RC>;
  using single_type = ArcSingle<T, L, RC>;
  static constexpr std::size_t default_chunk_capacity = N;

  /// Chunk capacity N, chunks from std::pmr::new_delete_resource(). Allocates nothing yet.
  constexpr Allocator() noexcept = default;

  /// Chunk capacity N, chunks from `upstream` (std::invalid_argument if it is null).
  explicit Allocator(std::pmr::memory_resource* upstream)
      : upstream_(detail::checked_upstream(upstream)) {}

  /// Chunk capacity `chunk_capacity` (any integer type), chunks from new_delete_resource().
  /// std::length_error if it is not positive, above std::numeric_limits<L>::max(), or a chunk
  /// of that many T cannot be represented in bytes.
  template <detail::length_integer I>
  constexpr explicit Allocator(I chunk_capacity)
      : capacity_(detail::checked_capacity<T, L, RC>(chunk_capacity)) {}

  /// As above, with chunks from `upstream` (std::invalid_argument if it is null).
  template <detail::length_integer I>
  Allocator(I chunk_capacity, std::pmr::memory_resource* upstream)
      : capacity_(detail::checked_capacity<T, L, RC>(chunk_capacity)),
        upstream_(detail::checked_upstream(upstream)) {}

  Allocator(const Allocator&) = delete;
  Allocator& operator=(const Allocator&) = delete;

  /// Takes over `other`'s current and kept chunks and stats; `other` keeps its capacity and
  /// upstream and stays usable (it opens a new chunk on its next allocation).
  constexpr Allocator(Allocator&& other) noexcept
      // current_ is the first member: the re-entrancy check runs before anything is taken.
      : current_(std::exchange(not_busy(other).current_, nullptr)),
        used_(std::exchange(other.used_, L{0})),
        limit_(std::exchange(other.limit_, L{0})),
        elements_(std::exchange(other.elements_, nullptr)),
        capacity_(other.capacity_),
        prepaid_(std::exchange(other.prepaid_, std::size_t{0})),
        upstream_(other.upstream_),
        stats_(std::exchange(other.stats_, AllocatorStats{})),
        cache_(std::move(other.cache_)),
        kept_(std::move(other.kept_)) {}

  constexpr Allocator& operator=(Allocator&& other) noexcept {
    ARENA_ARC_CHECK_ALWAYS(
        !busy_ && !other.busy_, "Allocator re-entrancy",
        "an allocator was assigned from inside its own init or while a builder of it was open");
    if (this != &other) {
      leave_current();
      current_ = std::exchange(other.current_, nullptr);
      used_ = std::exchange(other.used_, L{0});
      limit_ = std::exchange(other.limit_, L{0});
      elements_ = std::exchange(other.elements_, nullptr);
      capacity_ = other.capacity_;
      prepaid_ = std::exchange(other.prepaid_, std::size_t{0});
      upstream_ = other.upstream_;
      stats_ = std::exchange(other.stats_, AllocatorStats{});
      kept_ = std::move(other.kept_);    // leaves this allocator's kept chunks first
      cache_ = std::move(other.cache_);  // then shuts its recycling down
    }
    return *this;
  }

  /// Leaves the current chunk; its elements live on while handles to it exist.
  constexpr ~Allocator() {
    ARENA_ARC_CHECK_ALWAYS(
        !busy_, "Allocator re-entrancy",
        "an allocator was destroyed from inside its own init or while a builder of it was open");
    leave_current();
    // Then kept_ (leaving the kept chunks) and cache_ (shutting recycling down) are destroyed,
    // in that order: the reverse of their declaration.
  }

  /// A slice of `len` elements, element i constructed from init(i) for i = 0..len-1 in order.
  /// std::length_error (before init is called) if len is negative or above max of L.
  template <detail::length_integer I, class F>
  [[nodiscard]] constexpr slice_type alloc(I len, F&& init) {
    static_assert(std::is_invocable_v<F&, std::size_t>,
                  "arena_arc: alloc's init must be callable as init(std::size_t)");
    static_assert(detail::initialisable_from<T, std::invoke_result_t<F&, std::size_t>>,
                  "arena_arc: alloc's init must return something convertible to T");
    const L n = detail::checked_length<L>(len);
    if (n == 0) return empty_slice();
    auto make = [&init](T* p, std::size_t i) {
      detail::construct_from_call(p, init, i);
      return true;
    };
    const placed at = place_each(n, make);
    return detail::handle_access::adopt_reference<slice_type>(at.chunk, at.offset, n);
  }

  /// As alloc, but init returns std::optional<U> (or std::expected<U, E>); the first empty
  /// optional (or error) stops the allocation, which then returns nullopt (or that error).
  template <detail::length_integer I, class F>
  [[nodiscard]] constexpr auto try_alloc(I len, F&& init) {
    static_assert(std::is_invocable_v<F&, std::size_t>,
                  "arena_arc: try_alloc's init must be callable as init(std::size_t)");
    return try_place<slice_type>(detail::checked_length<L>(len),
                                 [&init](std::size_t i) { return init(i); });
  }

  /// One element constructed from init().
  template <class F>
  [[nodiscard]] constexpr single_type alloc_single(F&& init) {
    static_assert(std::is_invocable_v<F&>,
                  "arena_arc: alloc_single's init must be callable as init()");
    static_assert(detail::initialisable_from<T, std::invoke_result_t<F&>>,
                  "arena_arc: alloc_single's init must return something convertible to T");
    auto make = [&init](T* p, std::size_t) {
      detail::construct_from_call(p, init);
      return true;
    };
    return single_from(place_each(L{1}, make));
  }

  /// As alloc_single, with init returning std::optional<U> or std::expected<U, E>.
  template <class F>
  [[nodiscard]] constexpr auto try_alloc_single(F&& init) {
    static_assert(std::is_invocable_v<F&>,
                  "arena_arc: try_alloc_single's init must be callable as init()");
    return try_place<single_type>(L{1}, [&init](std::size_t) { return init(); });
  }

  /// One element moved from `value`.
  [[nodiscard]] constexpr single_type alloc_value(T value)
    requires std::move_constructible<T>
  {
    auto make = [&value](T* p, std::size_t) {
      std::construct_at(p, std::move(value));
      return true;
    };
    return single_from(place_each(L{1}, make));
  }

  /// One element constructed in place from `args...`.
  template <class... Args>
    requires std::constructible_from<T, Args...>
  [[nodiscard]] constexpr single_type emplace(Args&&... args) {
    auto make = [&args...](T* p, std::size_t) {
      std::construct_at(p, std::forward<Args>(args)...);
      return true;
    };
    return single_from(place_each(L{1}, make));
  }

  /// A slice holding a copy of every element of `range`, in order. std::length_error (before
  /// anything is copied) if its size is above max of L. A range that ends before its size()
  /// says is a violation (checked at hardening level fast and above).
  template <std::ranges::sized_range R>
    requires std::convertible_to<std::ranges::range_reference_t<R>, T>
  [[nodiscard]] constexpr slice_type alloc_copy(R&& range) {
    const L n = detail::checked_length<L>(std::ranges::size(range));
    if (n == 0) return empty_slice();
    if constexpr (detail::bytewise_copyable<T, R>) {
      if (!std::is_constant_evaluated()) {
        // The memcpy reads n elements: check up front that the range holds them (its size() is
        // only a claim), as the element-wise path below checks while it copies.
        ARENA_ARC_CHECK_FAST(detail::contiguous_holds(range, n), "alloc_copy range size",
                             "the range ended before the size() it reported");
        auto copy = [&range](T* dst, L count) ARENA_ARC_LAMBDA_ALWAYS_INLINE {
          // The destination chunk's checked layout holds count elements.
          detail::copy_bytes(dst, range, count);
          return true;
        };
        const placed at = place(n, copy);
        return detail::handle_access::adopt_reference<slice_type>(at.chunk, at.offset, n);
      }
    }
    std::ranges::iterator_t<R> it = std::ranges::begin(range);
    // Read only by the check.
    [[maybe_unused]] const std::ranges::sentinel_t<R> end = std::ranges::end(range);
    auto make = [&](T* p, std::size_t) {
      ARENA_ARC_CHECK_FAST(it != end, "alloc_copy range size",
                           "the range ended before the size() it reported");
      std::construct_at(p, *it);
      // At most n increments: the range holds n elements (checked above at level fast and up).
      detail::unchecked_next(it);
      return true;
    };
    const placed at = place_each(n, make);
    return detail::handle_access::adopt_reference<slice_type>(at.chunk, at.offset, n);
  }

  /// Zero-copy reads: a slice of up to `max_len` elements that `writer` writes in place.
  /// writer(std::span<T>) gets the room for `max_len` uninitialised elements inside the chunk
  /// (as if default-initialised: read only what it writes; valid only during the call), writes
  /// the first `count` of them (a read(2) into the chunk) and returns count, any integer type.
  /// The slice has those `count` elements, and the rest of the room is given back (the next
  /// allocation uses it). std::length_error if max_len is negative or above max of L (before
  /// the writer runs), or if count is negative or above max_len. If the writer throws or its
  /// count is refused, the allocator and its stats are as before (strong guarantee). T must be
  /// trivially copyable (an implicit-lifetime type: writing it creates it). max_len == 0 returns
  /// the empty slice without calling the writer.
  template <detail::length_integer I, class W>
    requires detail::overwritable<T>
  [[nodiscard]] slice_type alloc_for_overwrite(I max_len, W&& writer);

  /// A SliceBuilder that appends elements in place into the free room of the current chunk, for
  /// slices whose length is not known up front (slice_builder.hpp). While it is open (until it
  /// is finished or destroyed), every other use of the allocator is a violation, checked always.
  [[nodiscard]] SliceBuilder<T, L, N, RC> builder();

  /// The empty slice; touches no chunk.
  [[nodiscard]] static constexpr slice_type alloc_empty() noexcept { return {}; }

  [[nodiscard]] constexpr std::size_t chunk_capacity() const noexcept { return capacity_; }
  /// Inside init it would observe a placement half done: a violation, as every mutator there.
  [[nodiscard]] constexpr AllocatorStats stats() const noexcept {
    ARENA_ARC_CHECK_ALWAYS(!busy_, "Allocator re-entrancy",
                           "an allocator's stats were read from inside its own init or while a "
                           "builder of it was open");
    AllocatorStats s = stats_;
    s.elements_allocated += used_;  // the current run's (see used_)
    return s;
  }

  /// How many idle standard chunks the allocator keeps for reuse (default: as many as fit in
  /// ARENA_ARC_RECYCLE_BYTES, at least 1). 0 turns recycling off for chunks made from now on.
  [[nodiscard]] constexpr std::size_t recycle_limit() const noexcept { return cache_.limit(); }
  constexpr void set_recycle_limit(std::size_t chunks) noexcept {
    // Inside init it could leave a kept chunk the placement is filling or unlinking.
    ARENA_ARC_CHECK_ALWAYS(!busy_, "Allocator re-entrancy",
                           "an allocator's recycle limit was set from inside its own init or while "
                           "a builder of it was open");
    kept_.leave_beyond(kept_limit(chunks));
    cache_.set_limit(chunks);
  }

  /// The most full chunks an allocator keeps (see "keeping" in the class comment).
  static constexpr std::size_t max_kept_chunks = 64;
  /// How many of the oldest kept chunks a request for a new chunk tests for reuse.
  static constexpr std::size_t max_kept_scan = 4;

 private:
  // Where a successful placement put the elements; the caller adopts one reference on chunk.
  struct placed {
    chunk_type* chunk = nullptr;  // nullptr: the fill reported failure
    L offset = 0;
  };

  // The source of a move, checked before the move takes anything from it.
  static constexpr Allocator& not_busy(Allocator& other) noexcept {
    ARENA_ARC_CHECK_ALWAYS(
        !other.busy_, "Allocator re-entrancy",
        "an allocator was moved from inside its own init or while a builder of it was open");
    return other;
  }

  // A zero-length request touches no chunk, but from inside init it is still re-entrant use.
  [[nodiscard]] constexpr slice_type empty_slice() const {
    ARENA_ARC_CHECK_ALWAYS(
        !busy_, "Allocator re-entrancy",
        "an allocator was used from inside its own init or while a builder of it was open");
    return {};
  }

  constexpr single_type single_from(placed at) noexcept {
    return detail::handle_access::adopt_reference<single_type>(at.chunk, at.offset);
  }

  // Placement with elements built one by one by make(T*, std::size_t index) -> bool.
  template <class Make>
  constexpr placed place_each(L n, Make& make) {
    auto fill = [&make](T* dst, L count) { return detail::fill_each(dst, count, make); };
    return place(n, fill);
  }

  // The try_ variants' placement, defined in detail/allocator_try.hpp.
  template <class Handle, class Produce>
  constexpr auto try_place(L n, Produce produce);

  // A standard chunk c whose slots [0, n) hold new elements and whose count is
  // fresh_refs(keep_old), all the caller's, where keep_old == keeps_old(n, room_old): becomes
  // current_, or stays a chunk of its own when the old current chunk has more room left (the
  // placement rule). Defined in detail/allocator_slow_path.hpp.
  constexpr placed adopt_standard(chunk_type* c, bool reused, L n, L room_old,
                                  bool keep_old) noexcept;

  // The fast path: one fit check, then the elements go after the last slice of current_.
  template <class Fill>
  constexpr placed place(L n, Fill& fill) {
    detail::busy_scope busy(busy_);
    if (detail::fits(used_, limit_, n)) [[likely]] {
      const L offset = used_;
      // offset + n <= limit_ == current_->capacity: the slots lie inside the chunk, whose
      // elements start at elements_ (read here instead of the chunk header, which threads
      // dropping handles of the chunk write: no cache line shared with them on this path).
      if (!fill(detail::unchecked_add(elements_, offset), n)) return {};
      used_ = static_cast<L>(offset + n);
      --prepaid_;
      ARENA_ARC_CHECK_EXTENSIVE(prepaid_ >= 1 && used_ <= limit_ &&
                                    elements_ == current_->elements,
                                "Allocator invariant",
                                "pre-paid references, bump pointer or elements out of range");
      return {current_, offset};
    }
    return place_slow(n, fill);
  }

  // A new standard chunk or a dedicated one; see the placement rules in the class comment.
  template <class Fill>
  ARENA_ARC_NOINLINE constexpr placed place_slow(L n, Fill& fill) {
    if (n > capacity_) {
      detail::chunk_guard<T, L, RC> fresh(chunk_type::create(n, upstream_, 1));
      if (!fill(fresh.c->elements, n)) return {};
      fresh.c->constructed = n;
      ++stats_.chunks_allocated;
      ++stats_.dedicated_chunks;
      stats_.elements_allocated += n;
      return {fresh.release(), L{0}};
    }
    const L room_old = detail::remaining(used_, limit_);
    const bool keep_old = keeps_old(n, room_old);
    if (!keep_old && can_rewind()) return rewind(n, fill, room_old);
    if constexpr (keeps_chunks) {
      if (!keep_old) {
        const kept_position idle = kept_.find_idle(max_kept_scan);
        if (idle.c != nullptr) return reuse_kept(idle, n, fill, room_old);
      }
    }
    detail::standard_guard<T, L, RC> fresh(cache_, capacity_, upstream_, fresh_refs(keep_old));
    if (!fill(fresh.c->elements, n)) return {};
    const bool reused = fresh.reused;
    return adopt_standard(fresh.release(), reused, n, room_old, keep_old);
  }

  // Whether n elements placed in a new standard chunk leave the old current chunk current: it
  // has more room left than the new one would (n <= capacity_).
  [[nodiscard]] constexpr bool keeps_old(L n, L room_old) const noexcept {
    return current_ != nullptr && room_old > static_cast<L>(capacity_ - n);
  }
  // The references a new standard chunk starts with: the allocator's pre-paid block (capacity
  // + 1, see prepaid_) when it becomes current, else just the returned handle's.
  [[nodiscard]] constexpr std::size_t fresh_refs(bool keep_old) const noexcept {
    return keep_old ? std::size_t{1} : static_cast<std::size_t>(capacity_) + 1;
  }

  // The rest of the slow path and the changes of current_, defined (with their reasons) in
  // detail/allocator_slow_path.hpp.
  [[nodiscard]] constexpr bool can_rewind() const noexcept;
  template <class Fill>
  constexpr placed rewind(L n, Fill& fill, L room_old);
  constexpr placed take_in_place(chunk_type* c, L n, L room_old) noexcept;
  template <class Fill>
  constexpr placed reuse_kept(kept_position at, L n, Fill& fill, L room_old);
  [[nodiscard]] static constexpr std::size_t kept_limit(std::size_t recycle_limit) noexcept {
    return recycle_limit < max_kept_chunks ? recycle_limit : max_kept_chunks;
  }
  constexpr void keep_or_leave_current() noexcept;
  constexpr void open_ledger() noexcept;
  constexpr std::size_t close_ledger() noexcept;
  constexpr void leave_current() noexcept;
  constexpr void end_run() noexcept;

  // The fast path relies on these: used_ <= limit_; limit_ is current_'s capacity and elements_
  // its elements, or 0 and nullptr without a current chunk.
  chunk_type* current_ = nullptr;
  // A run of current_ (from taking or rewinding it until the allocator moves on) starts at
  // offset 0, so it has placed exactly used_ elements: stats_.elements_allocated counts those of
  // ended runs and other chunks, and stats() adds used_ (the fast path writes no counter but it).
  L used_ = 0;
  L limit_ = 0;
  T* elements_ = nullptr;  // current_->elements, or nullptr without a current chunk
  L capacity_ = static_cast<L>(N);
  // The allocator owns prepaid_ >= 1 references on current_, one more than the handles it can
  // still hand out from it (each handle takes at least one element), plus those refunded into
  // current_'s ledger.
  std::size_t prepaid_ = 0;
  std::pmr::memory_resource* upstream_ = nullptr;  // nullptr: new_delete_resource()
  AllocatorStats stats_{};
  cache_type cache_{cache_type::default_limit(capacity_)};
  static constexpr bool keeps_chunks = kept_type::enabled;
  kept_type kept_;  // after cache_: its chunks are left before recycling shuts down
  // True while an init runs or a builder is open: every use is then a violation.
  bool busy_ = false;

  friend class SliceBuilder<T, L, N, RC>;
};

ARENA_ARC_END_NAMESPACE

// The out-of-class members (each includes this header first, so it also compiles alone).
#include <arena_arc/detail/allocator_overwrite.hpp>  // IWYU pragma: export
#include <arena_arc/detail/allocator_slow_path.hpp>  // IWYU pragma: export
#include <arena_arc/detail/allocator_try.hpp>        // IWYU pragma: export
#include <arena_arc/slice_builder.hpp>               // IWYU pragma: export

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_ALLOCATOR_HPP
