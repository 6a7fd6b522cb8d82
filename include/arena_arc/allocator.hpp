// arena-arc: Allocator, which bump-allocates slices from shared chunks.
#ifndef ARENA_ARC_ALLOCATOR_HPP
#define ARENA_ARC_ALLOCATOR_HPP

#include <arena_arc/allocator_stats.hpp>
#include <arena_arc/arc_single.hpp>
#include <arena_arc/arc_slice.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/detail/checked_math.hpp>
#include <arena_arc/detail/chunk.hpp>
#include <arena_arc/detail/construct.hpp>
#include <arena_arc/detail/element_type.hpp>
#include <arena_arc/detail/handle_access.hpp>
#include <arena_arc/detail/raise.hpp>
#include <arena_arc/detail/recycler.hpp>
#include <arena_arc/detail/try_result.hpp>
#include <arena_arc/fwd.hpp>
#include <arena_arc/violation.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <memory_resource>
#include <ranges>
#include <type_traits>
#include <utility>

namespace arena_arc {

/// Bump-allocates variable-length slices of T from chunks of `chunk_capacity()` elements and
/// returns reference-counted, read-only handles to them.
///
/// Placement (the seed's rules): a zero-length request returns the empty handle and touches
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
///    from inside its own `init` is a violation, checked always;
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
/// Invariants (the fast path relies on them): used_ <= limit_; limit_ is current_'s capacity, or
/// 0 without a current chunk; the allocator owns prepaid_ >= 1 references on current_, one more
/// than the handles it can still hand out from it (each handle takes at least one element), plus
/// those refunded into current_'s ledger; on a kept chunk, all its references are in its ledger
/// (the pre-paid block joins the refunds when it is kept). A run
/// of current_ (from taking or rewinding it until the allocator moves on) starts at offset 0,
/// so it has placed exactly used_ elements: stats_.elements_allocated counts those of ended
/// runs and other chunks, and stats() adds used_ (the fast path writes no counter but used_).
template <class T, index_type L, std::size_t N, refcount_policy RC>
class Allocator {
  static_assert(detail::element_type_requirements<T>::value);
  static_assert(detail::valid_capacity<L>(N),
                "arena_arc: the chunk capacity N must be at least 1 and at most "
                "std::numeric_limits<L>::max()");
  static_assert(detail::chunk<T, L, RC>::layout(N).has_value(),
                "arena_arc: a chunk of N elements of T is larger than std::size_t can represent");

  using chunk_type = detail::chunk<T, L, RC>;

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
  explicit Allocator(std::pmr::memory_resource* upstream) : upstream_(checked_upstream(upstream)) {}

  /// Chunk capacity `chunk_capacity` (any integer type), chunks from new_delete_resource().
  /// std::length_error if it is not positive, above std::numeric_limits<L>::max(), or a chunk
  /// of that many T cannot be represented in bytes.
  template <detail::length_integer I>
  constexpr explicit Allocator(I chunk_capacity) : capacity_(checked_capacity(chunk_capacity)) {}

  /// As above, with chunks from `upstream` (std::invalid_argument if it is null).
  template <detail::length_integer I>
  Allocator(I chunk_capacity, std::pmr::memory_resource* upstream)
      : capacity_(checked_capacity(chunk_capacity)), upstream_(checked_upstream(upstream)) {}

  Allocator(const Allocator&) = delete;
  Allocator& operator=(const Allocator&) = delete;

  /// Takes over `other`'s current and kept chunks and stats; `other` keeps its capacity and
  /// upstream and stays usable (it opens a new chunk on its next allocation).
  constexpr Allocator(Allocator&& other) noexcept
      : current_(std::exchange(other.current_, nullptr)),
        used_(std::exchange(other.used_, L{0})),
        limit_(std::exchange(other.limit_, L{0})),
        capacity_(other.capacity_),
        prepaid_(std::exchange(other.prepaid_, std::size_t{0})),
        upstream_(other.upstream_),
        stats_(std::exchange(other.stats_, AllocatorStats{})),
        home_(std::exchange(other.home_, nullptr)),
        cache_(std::exchange(other.cache_, nullptr)),
        cached_(std::exchange(other.cached_, std::size_t{0})),
        recycle_limit_(other.recycle_limit_),
        kept_oldest_(std::exchange(other.kept_oldest_, nullptr)),
        kept_newest_(std::exchange(other.kept_newest_, nullptr)),
        kept_count_(std::exchange(other.kept_count_, std::size_t{0})) {
    ARENA_ARC_CHECK_ALWAYS(!other.busy_, "Allocator re-entrancy",
                           "an allocator was moved from inside its own init");
  }

  constexpr Allocator& operator=(Allocator&& other) noexcept {
    ARENA_ARC_CHECK_ALWAYS(!busy_ && !other.busy_, "Allocator re-entrancy",
                           "an allocator was assigned from inside its own init");
    if (this != &other) {
      leave_current();
      leave_kept(0);
      shut_down_recycling();
      current_ = std::exchange(other.current_, nullptr);
      used_ = std::exchange(other.used_, L{0});
      limit_ = std::exchange(other.limit_, L{0});
      capacity_ = other.capacity_;
      prepaid_ = std::exchange(other.prepaid_, std::size_t{0});
      upstream_ = other.upstream_;
      stats_ = std::exchange(other.stats_, AllocatorStats{});
      home_ = std::exchange(other.home_, nullptr);
      cache_ = std::exchange(other.cache_, nullptr);
      cached_ = std::exchange(other.cached_, std::size_t{0});
      recycle_limit_ = other.recycle_limit_;
      kept_oldest_ = std::exchange(other.kept_oldest_, nullptr);
      kept_newest_ = std::exchange(other.kept_newest_, nullptr);
      kept_count_ = std::exchange(other.kept_count_, std::size_t{0});
    }
    return *this;
  }

  /// Leaves the current chunk; its elements live on while handles to it exist.
  constexpr ~Allocator() {
    ARENA_ARC_CHECK_ALWAYS(!busy_, "Allocator re-entrancy",
                           "an allocator was destroyed from inside its own init");
    leave_current();
    leave_kept(0);
    shut_down_recycling();
  }

  /// A slice of `len` elements, element i constructed from init(i) for i = 0..len-1 in order.
  /// std::length_error (before init is called) if len is negative or above max of L.
  template <detail::length_integer I, class F>
  [[nodiscard]] constexpr slice_type alloc(I len, F&& init) {
    static_assert(std::is_invocable_v<F&, std::size_t>,
                  "arena_arc: alloc's init must be callable as init(std::size_t)");
    static_assert(detail::initialisable_from<T, std::invoke_result_t<F&, std::size_t>>,
                  "arena_arc: alloc's init must return something convertible to T");
    const L n = checked_length(len);
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
    return try_place<slice_type>(checked_length(len), [&init](std::size_t i) { return init(i); });
  }

  /// One element constructed from init().
  template <class F>
  [[nodiscard]] constexpr single_type alloc_single(F&& init) {
    static_assert(std::is_invocable_v<F&>, "arena_arc: alloc_single's init must be callable as init()");
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
    const L n = checked_length(std::ranges::size(range));
    if (n == 0) return empty_slice();
    placed at{};
    if constexpr (bytewise_copyable<R>) {
      if (!std::is_constant_evaluated()) {
        // The memcpy reads n elements: check up front that the range holds them (its size() is
        // only a claim), as the element-wise path below checks while it copies.
        ARENA_ARC_CHECK_FAST(contiguous_holds(range, n), "alloc_copy range size",
                             "the range ended before the size() it reported");
        auto copy = [&range](T* dst, L count) {
          // Same trivially copyable type, contiguous source of `count` elements, disjoint
          // destination storage: a memcpy creates the elements (implicit-lifetime types). The
          // byte count cannot overflow: the destination chunk's checked layout holds it.
          // cppcheck-suppress memsetClass ; only trivially copyable T gets here (bytewise_copyable)
          std::memcpy(static_cast<void*>(dst), std::ranges::data(range),
                      sizeof(T) * static_cast<std::size_t>(count));
          return true;
        };
        at = place(n, copy);
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
      ++it;
      return true;
    };
    at = place_each(n, make);
    return detail::handle_access::adopt_reference<slice_type>(at.chunk, at.offset, n);
  }

  /// The empty slice; touches no chunk.
  [[nodiscard]] static constexpr slice_type alloc_empty() noexcept { return {}; }

  [[nodiscard]] constexpr std::size_t chunk_capacity() const noexcept { return capacity_; }
  [[nodiscard]] constexpr AllocatorStats stats() const noexcept {
    AllocatorStats s = stats_;
    s.elements_allocated += used_;  // the current run's (see the invariants)
    return s;
  }

  /// How many idle standard chunks the allocator keeps for reuse (default: as many as fit in
  /// ARENA_ARC_RECYCLE_BYTES, at least 1). 0 turns recycling off for chunks made from now on.
  [[nodiscard]] constexpr std::size_t recycle_limit() const noexcept { return recycle_limit_; }
  constexpr void set_recycle_limit(std::size_t chunks) noexcept {
    recycle_limit_ = chunks;
    leave_kept(kept_limit());
    trim_cache();
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

  // Owns a chunk with no constructed element until released; frees its storage otherwise.
  struct chunk_guard {
    chunk_type* c;
    constexpr explicit chunk_guard(chunk_type* chunk) noexcept : c(chunk) {}
    chunk_guard(const chunk_guard&) = delete;
    chunk_guard& operator=(const chunk_guard&) = delete;
    constexpr ~chunk_guard() {
      if (c != nullptr) chunk_type::free_storage(c);
    }
    constexpr chunk_type* release() noexcept { return std::exchange(c, nullptr); }
  };

  // Owns a standard chunk with no constructed element until released: one from the cache (put
  // back on failure) or a new one from upstream (freed on failure).
  struct standard_guard {
    Allocator& self;
    chunk_type* c;
    bool reused;
    constexpr standard_guard(Allocator& a, std::size_t refs)
        : self(a), c(a.take_cached(refs)), reused(c != nullptr) {
      if (c == nullptr) c = a.make_standard(refs);
    }
    standard_guard(const standard_guard&) = delete;
    standard_guard& operator=(const standard_guard&) = delete;
    constexpr ~standard_guard() {
      if (c == nullptr) return;
      if (reused) {
        self.cache_push(c);
      } else {
        self.discard_fresh(c);
      }
    }
    constexpr chunk_type* release() noexcept { return std::exchange(c, nullptr); }
  };

  // Marks the allocator busy while an init runs; re-entry is a violation (checked always).
  struct busy_scope {
    bool& busy;
    constexpr explicit busy_scope(bool& b) : busy(b) {
      ARENA_ARC_CHECK_ALWAYS(!busy, "Allocator re-entrancy",
                             "an allocator was used from inside its own init");
      busy = true;
    }
    busy_scope(const busy_scope&) = delete;
    busy_scope& operator=(const busy_scope&) = delete;
    constexpr ~busy_scope() { busy = false; }
  };

  template <class R>
  static constexpr bool bytewise_copyable =
      std::ranges::contiguous_range<R> && std::is_trivially_copyable_v<T> &&
      std::same_as<std::remove_cv_t<std::ranges::range_value_t<R>>, T> &&
      std::same_as<std::remove_cvref_t<std::ranges::range_reference_t<R>>, T>;

  // Whether a contiguous range has at least n elements between begin and end.
  template <class R>
  [[nodiscard]] static constexpr bool contiguous_holds(R& range, L n) noexcept {
    const auto available = std::ranges::end(range) - std::ranges::begin(range);
    return available >= 0 && static_cast<std::uintmax_t>(available) >= std::uintmax_t{n};
  }

  [[nodiscard]] static constexpr std::size_t default_recycle_limit(L capacity) noexcept {
    // Representable: the layout was validated together with the capacity.
    const std::size_t bytes = chunk_type::layout(capacity)->bytes;
    const std::size_t fit = std::size_t{ARENA_ARC_RECYCLE_BYTES} / bytes;
    return fit > 0 ? fit : 1;
  }

  template <class I>
  static constexpr L checked_length(I len) {
    const auto n = detail::to_length<L>(len);
    if (!n) detail::raise_length_error("arena_arc: length is negative or exceeds the index type");
    return *n;
  }

  template <class I>
  static constexpr L checked_capacity(I capacity) {
    const auto n = detail::to_length<L>(capacity);
    if (!n || !detail::valid_capacity<L>(*n)) {
      detail::raise_length_error(
          "arena_arc: chunk capacity must be in [1, std::numeric_limits<L>::max()] and below "
          "SIZE_MAX / 4 (room for the reference counts)");
    }
    if (!chunk_type::layout(*n)) {
      detail::raise_length_error("arena_arc: chunk size in bytes is not representable");
    }
    return *n;
  }

  static std::pmr::memory_resource* checked_upstream(std::pmr::memory_resource* upstream) {
    if (upstream == nullptr) {
      detail::raise_invalid_argument("arena_arc: the upstream memory resource is null");
    }
    return upstream;
  }

  // A zero-length request touches no chunk, but from inside init it is still re-entrant use.
  [[nodiscard]] constexpr slice_type empty_slice() const {
    ARENA_ARC_CHECK_ALWAYS(!busy_, "Allocator re-entrancy",
                           "an allocator was used from inside its own init");
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

  // The try_ variants: `produce(i)` returns an optional / expected; the first failure stops.
  template <class Handle, class Produce>
  constexpr auto try_place(L n, Produce produce) {
    using R = std::remove_cvref_t<decltype(produce(std::size_t{0}))>;
    using traits = detail::try_result<R>;
    static_assert(traits::supported,
                  "arena_arc: a try_ variant's init must return std::optional<U> or "
                  "std::expected<U, E>");
    static_assert(std::is_constructible_v<T, typename traits::value_type>,
                  "arena_arc: the value inside init's result must be convertible to T");
    using result = typename traits::template result<Handle>;
    if (n == 0) {
      if constexpr (std::is_same_v<Handle, slice_type>) return result(empty_slice());
    }
    std::optional<R> failure;
    auto make = [&produce, &failure](T* p, std::size_t i) {
      R r = produce(i);
      if (!r.has_value()) {
        failure.emplace(std::move(r));
        return false;
      }
      std::construct_at(p, *std::move(r));
      return true;
    };
    const placed at = place_each(n, make);
    if (at.chunk == nullptr) return traits::template failure<Handle>(std::move(*failure));
    if constexpr (std::is_same_v<Handle, slice_type>) {
      return result(detail::handle_access::adopt_reference<slice_type>(at.chunk, at.offset, n));
    } else {
      return result(single_from(at));
    }
  }

  // The fast path: one fit check, then the elements go after the last slice of current_.
  template <class Fill>
  constexpr placed place(L n, Fill& fill) {
    busy_scope busy(busy_);
    if (detail::fits(used_, limit_, n)) [[likely]] {
      const L offset = used_;
      // offset + n <= limit_ == current_->capacity: the slots lie inside the chunk.
      if (!fill(current_->elements + offset, n)) return {};
      used_ = static_cast<L>(offset + n);
      --prepaid_;
      ARENA_ARC_CHECK_EXTENSIVE(prepaid_ >= 1 && used_ <= limit_, "Allocator invariant",
                                "pre-paid references or bump pointer out of range");
      return {current_, offset};
    }
    return place_slow(n, fill);
  }

  // A new standard chunk or a dedicated one; see the placement rules in the class comment.
  template <class Fill>
  ARENA_ARC_NOINLINE constexpr placed place_slow(L n, Fill& fill) {
    if (n > capacity_) {
      chunk_guard fresh(chunk_type::create(n, upstream_, 1));
      if (!fill(fresh.c->elements, n)) return {};
      fresh.c->constructed = n;
      ++stats_.chunks_allocated;
      ++stats_.dedicated_chunks;
      stats_.elements_allocated += n;
      return {fresh.release(), L{0}};
    }
    const L room_old = detail::remaining(used_, limit_);
    const L room_new = static_cast<L>(capacity_ - n);  // n <= capacity_ here
    const bool keep_old = current_ != nullptr && room_old > room_new;
    if (!keep_old && can_rewind()) return rewind(n, fill, room_old);
    if constexpr (keeps_chunks) {
      if (!keep_old) {
        const kept_position idle = idle_kept();
        if (idle.c != nullptr) return reuse_kept(idle, n, fill, room_old);
      }
    }
    // A kept chunk starts with the allocator's pre-paid block (capacity + 1, see the class
    // invariant); one that is not kept starts with just the reference of the returned handle.
    const std::size_t refs = keep_old ? std::size_t{1} : static_cast<std::size_t>(capacity_) + 1;
    standard_guard fresh(*this, refs);
    if (!fill(fresh.c->elements, n)) return {};
    ++(fresh.reused ? stats_.chunks_reused : stats_.chunks_allocated);
    if (keep_old) {
      fresh.c->constructed = n;
      stats_.elements_allocated += n;
      stats_.elements_wasted += room_new;
      return {fresh.release(), L{0}};
    }
    stats_.elements_wasted += room_old;
    keep_or_leave_current();
    current_ = fresh.release();
    open_ledger();
    used_ = n;
    limit_ = capacity_;
    prepaid_ = static_cast<std::size_t>(capacity_);  // capacity + 1 pre-paid, one handed out
    return {current_, L{0}};
  }

  // Whether the slow path may reuse current_ in place. It must be recyclable (made with
  // recycling on, at run time), its elements must need no destructor (so a failed fill can
  // leave the old ones, unreachable, where the new ones stopped), and the allocator's pre-paid
  // references must be all there are: every handle made from it is gone, and none can appear.
  [[nodiscard]] constexpr bool can_rewind() const noexcept {
    if constexpr (std::is_trivially_destructible_v<T>) {
      return current_ != nullptr && current_->home != nullptr &&
             chunk_type::solely_held(current_, prepaid_);
    } else {
      return false;
    }
  }

  // Places n elements at offset 0 of current_, as if it had been left, recycled and taken
  // straight back (see the class comment for the stats).
  template <class Fill>
  constexpr placed rewind(L n, Fill& fill, L room_old) {
    // No handle refers to current_ (can_rewind, whose acquire orders every release before
    // this): its slots are the allocator's alone, and trivially destructible elements end
    // their lifetimes by the reuse of their storage.
    if (!fill(current_->elements, n)) return {};
    return take_in_place(current_, n, room_old);
  }

  // Makes c, whose handles are all gone and whose slots [0, n) were just filled, the current
  // chunk with n elements placed (a reuse: see the class comment for the stats); a different
  // current chunk is kept or left first.
  constexpr placed take_in_place(chunk_type* c, L n, L room_old) noexcept {
    chunk_type::reset(c, static_cast<std::size_t>(c->capacity) + 1);
    ++stats_.chunks_reused;
    stats_.elements_wasted += room_old;
    if (c != current_) {
      keep_or_leave_current();
      current_ = c;
    } else {
      end_run();
    }
    open_ledger();
    used_ = n;
    limit_ = c->capacity;
    prepaid_ = static_cast<std::size_t>(limit_);  // limit + 1 pre-paid, one handed out
    return {current_, L{0}};
  }

  // A kept chunk and the one kept before it (nullptr: c is the oldest).
  struct kept_position {
    chunk_type* prev = nullptr;
    chunk_type* c = nullptr;
  };

  // The first of the max_kept_scan oldest kept chunks whose handles are all gone, by the test
  // of can_rewind (the allocator's references on it are all in its ledger), or c == nullptr.
  // Kept chunks whose ledger another thread owns (the allocator moved) are left on the way.
  // Bounded: while a batch is alive, every new chunk would otherwise test all kept chunks.
  [[nodiscard]] constexpr kept_position idle_kept() noexcept {
    kept_position at{nullptr, kept_oldest_};
    std::size_t tested = 0;
    while (at.c != nullptr && tested < max_kept_scan) {
      chunk_type* const next = at.c->next;
      if (!at.c->ledger.owned_here()) {
        leave_kept(at);
      } else if (chunk_type::solely_held(at.c, 0)) {
        return at;
      } else {
        at.prev = at.c;
        ++tested;
      }
      at.c = next;
    }
    return {at.prev, nullptr};
  }

  // Places n elements at offset 0 of the idle kept chunk at.c, which becomes current_; the
  // current chunk is kept or left in its place. As a rewind, but of a kept chunk.
  template <class Fill>
  constexpr placed reuse_kept(kept_position at, L n, Fill& fill, L room_old) {
    // No handle refers to at.c (idle_kept): its slots are the allocator's alone, and its
    // trivially destructible elements end their lifetimes by the reuse of their storage.
    if (!fill(at.c->elements, n)) return {};
    unlink_kept(at);
    return take_in_place(at.c, n, room_old);
  }

  [[nodiscard]] constexpr std::size_t kept_limit() const noexcept {
    return recycle_limit_ < max_kept_chunks ? recycle_limit_ : max_kept_chunks;
  }

  // Keeps current_ (see "keeping" in the class comment) when it may be kept, else leaves it.
  constexpr void keep_or_leave_current() noexcept {
    if constexpr (keeps_chunks) {
      if (current_ != nullptr && !std::is_constant_evaluated() && current_->home != nullptr &&
          current_->ledger.opened_here() && kept_limit() > 0) {
        if (kept_count_ == kept_limit()) leave_kept({nullptr, kept_oldest_});
        current_->constructed = used_;
        // The pre-paid block joins the refunds: the ledger holds all the allocator's references
        // on a kept chunk, and closing it gives them back (leave_kept).
        current_->ledger.add_refunds_here(std::exchange(prepaid_, 0));
        chunk_type* const c = std::exchange(current_, nullptr);
        (kept_newest_ == nullptr ? kept_oldest_ : kept_newest_->next) = c;
        kept_newest_ = c;
        ++kept_count_;
        end_run();
        limit_ = 0;
        return;
      }
    }
    leave_current();
  }

  // Leaves the kept chunk at.c as leave_current leaves current_.
  constexpr void leave_kept(kept_position at) noexcept {
    unlink_kept(at);
    chunk_type::release(at.c, at.c->ledger.close());
  }

  // Takes at.c out of the kept list, the others staying in order (oldest first).
  constexpr void unlink_kept(kept_position at) noexcept {
    (at.prev == nullptr ? kept_oldest_ : at.prev->next) = at.c->next;
    if (kept_newest_ == at.c) kept_newest_ = at.prev;
    at.c->next = nullptr;
    --kept_count_;
  }

  // Leaves the kept chunks beyond the newest `keep`, oldest first.
  constexpr void leave_kept(std::size_t keep) noexcept {
    if constexpr (keeps_chunks) {
      while (kept_count_ > keep) leave_kept({nullptr, kept_oldest_});
    }
  }

  // A cached standard chunk made ready with `refs` references, or nullptr.
  constexpr chunk_type* take_cached(std::size_t refs) noexcept {
    if (std::is_constant_evaluated() || home_ == nullptr) return nullptr;
    if (cache_ == nullptr) {
      cache_splice(home_->take_all());
      trim_cache();
    }
    if (cache_ == nullptr) return nullptr;
    chunk_type* c = std::exchange(cache_, cache_->next);
    --cached_;
    chunk_type::reset(c, refs);
    return c;
  }

  // A new standard chunk from upstream, attached to the recycler (made on first use).
  constexpr chunk_type* make_standard(std::size_t refs) {
    chunk_type* c = chunk_type::create(capacity_, upstream_, refs);
    if (std::is_constant_evaluated() || recycle_limit_ == 0) return c;
    if (home_ == nullptr) {
      home_ = new (std::nothrow) typename chunk_type::home_type();
      // Without a recycler the chunk is simply not recycled; the allocation still succeeds.
      if (home_ == nullptr) return c;
    }
    home_->adopt();
    c->home = home_;
    return c;
  }

  // Undoes make_standard for a chunk whose fill failed.
  constexpr void discard_fresh(chunk_type* c) noexcept {
    if (c->home != nullptr) return chunk_type::home_type::retire(c);
    chunk_type::free_storage(c);
  }

  constexpr void cache_push(chunk_type* c) noexcept {
    c->next = cache_;
    cache_ = c;
    ++cached_;
  }

  constexpr void cache_splice(chunk_type* list) noexcept {
    while (list != nullptr) cache_push(std::exchange(list, list->next));
  }

  // Keeps at most recycle_limit_ idle chunks; the rest go upstream.
  constexpr void trim_cache() noexcept {
    while (cached_ > recycle_limit_) {
      chunk_type::home_type::retire(std::exchange(cache_, cache_->next));
      --cached_;
    }
  }

  // When the allocator goes away: chunks still out will free themselves; idle ones go now.
  constexpr void shut_down_recycling() noexcept {
    if (home_ == nullptr) return;
    cache_splice(home_->close());
    while (cache_ != nullptr) chunk_type::home_type::retire(std::exchange(cache_, cache_->next));
    cached_ = 0;
    std::exchange(home_, nullptr)->release();
  }

  // The owner ledger of current_ (detail/owner_ledger.hpp), which the allocator holds
  // exclusively: opened for the calling thread whenever current_ is taken or rewound.
  constexpr void open_ledger() noexcept {
    if constexpr (detail::owner_ledger<RC>::enabled) {
      if (!std::is_constant_evaluated()) current_->ledger.open_here();
    }
  }
  constexpr std::size_t close_ledger() noexcept {
    if constexpr (detail::owner_ledger<RC>::enabled) {
      if (!std::is_constant_evaluated()) return current_->ledger.close();
    }
    return 0;
  }

  // Stops allocating from current_ and gives back the allocator's references on it: its
  // pre-paid block and the references handles released into the ledger.
  constexpr void leave_current() noexcept {
    if (current_ == nullptr) return;
    current_->constructed = used_;  // published to the last releaser by the release decrement
    const std::size_t owned = std::exchange(prepaid_, 0) + close_ledger();
    chunk_type::release(std::exchange(current_, nullptr), owned);
    end_run();
    limit_ = 0;
  }

  // Ends the run of current_ that began at offset 0: its elements go into the counter.
  constexpr void end_run() noexcept {
    stats_.elements_allocated += used_;
    used_ = 0;
  }

  chunk_type* current_ = nullptr;
  L used_ = 0;
  L limit_ = 0;
  L capacity_ = static_cast<L>(N);
  std::size_t prepaid_ = 0;
  std::pmr::memory_resource* upstream_ = nullptr;  // nullptr: new_delete_resource()
  AllocatorStats stats_{};
  typename chunk_type::home_type* home_ = nullptr;  // made with the first standard chunk
  chunk_type* cache_ = nullptr;                     // idle chunks, linked through next
  std::size_t cached_ = 0;                          // length of cache_
  std::size_t recycle_limit_ = default_recycle_limit(capacity_);
  // Kept chunks ("keeping" in the class comment), linked through next from the oldest to the
  // newest; the allocator's references on each are in its ledger. Used only where keeping can
  // happen.
  static constexpr bool keeps_chunks =
      detail::owner_ledger<RC>::enabled && std::is_trivially_destructible_v<T>;
  chunk_type* kept_oldest_ = nullptr;
  chunk_type* kept_newest_ = nullptr;
  std::size_t kept_count_ = 0;
  bool busy_ = false;
};

}  // namespace arena_arc

#endif  // ARENA_ARC_ALLOCATOR_HPP
