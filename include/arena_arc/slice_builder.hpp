// arena-arc: SliceBuilder, which appends elements of a slice whose length is not known up front
// directly into the free room of the allocator's current chunk.
#ifndef ARENA_ARC_SLICE_BUILDER_HPP
#define ARENA_ARC_SLICE_BUILDER_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/allocator.hpp>
#include <arena_arc/arc_slice.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/detail/checked_math.hpp>
#include <arena_arc/detail/chunk.hpp>
#include <arena_arc/detail/construct.hpp>
#include <arena_arc/detail/handle_access.hpp>
#include <arena_arc/detail/raise.hpp>
#include <arena_arc/detail/unsafe_buffer.hpp>
#include <arena_arc/fwd.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>
#include <arena_arc/violation.hpp>

#include <concepts>
#include <cstddef>
#include <limits>
#include <memory>
#include <ranges>
#include <type_traits>
#include <utility>

ARENA_ARC_BEGIN_NAMESPACE

/// Builds one slice of an allocator element by element (BytesMut::freeze for tokenizers):
///
///     auto b = alloc.builder();
///     while (more()) b.push_back(next());
///     arena_arc::ArcSlice<T> s = std::move(b).finish();
///
/// Where the elements go: first into the free room of the allocator's current chunk, after its
/// last slice, so finishing there copies nothing; when that room is full, into a new standard
/// chunk (from the allocator's cache, else upstream), and past the chunk capacity into a
/// dedicated chunk that at least doubles each time. (Unlike alloc(), a builder does not rewind the
/// current chunk in place: its elements are in that chunk's room. It does reuse an idle kept
/// chunk, as alloc() does.) Each move there relocates the elements built
/// so far (moved if T's move cannot throw, else copied). finish() places the slice as alloc()
/// would have: in the room, in the new standard chunk by the placement rule (Allocator class
/// comment), or in its dedicated chunk.
///
/// Guarantees:
///  - while the builder is open (from builder() until finish() or its destruction) the allocator
///    is busy: every use of it is a violation, checked always, as from inside an init;
///  - strong guarantee: if an element's construction throws, or storage cannot be obtained, or
///    the length would pass max of L (std::length_error), the builder holds the same elements
///    as before the call (append() included: it takes back the elements it added) and the
///    allocator is as before;
///  - a builder destroyed unfinished destroys its elements in reverse order and gives the room
///    (or the chunk it grew into) back: the allocator and its stats are as if it never existed;
///  - one thread at a time uses a builder; it must not outlive its allocator (destroying an
///    allocator with an open builder is a violation).
/// Invariant while open: elements [0, size_) are constructed at first_, room_ >= size_ slots
/// are reserved there, and where_ says whose they are (see storage).
template <class T, index_type L, std::size_t N, refcount_policy RC>
class SliceBuilder {
  using allocator_type = Allocator<T, L, N, RC>;
  using chunk_type = detail::chunk<T, L, RC>;

 public:
  using value_type = T;
  using index_type = L;
  using slice_type = ArcSlice<T, L, RC>;

  SliceBuilder(const SliceBuilder&) = delete;
  SliceBuilder& operator=(const SliceBuilder&) = delete;
  SliceBuilder(SliceBuilder&& other) noexcept { take(other); }
  SliceBuilder& operator=(SliceBuilder&& other) noexcept {
    check_not_writing();
    if (this != &other) {
      abandon();
      take(other);
    }
    return *this;
  }
  ~SliceBuilder() { abandon(); }

  /// How many elements the builder holds.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

  void push_back(const T& value) { emplace_back(value); }
  void push_back(T&& value) { emplace_back(std::move(value)); }

  /// Appends an element constructed from args... (strong guarantee).
  template <class... Args>
    requires std::constructible_from<T, Args...>
  void emplace_back(Args&&... args) {
    if (size_ == room_) [[unlikely]]
      make_room(1);
    construct_next(std::forward<Args>(args)...);
  }

  /// Appends a copy of every element of `range`, in order. A sized range reserves its room
  /// first (one relocation at most). On failure the elements it appended are destroyed.
  template <std::ranges::input_range R>
    requires std::constructible_from<T, std::ranges::range_reference_t<R>>
  void append(R&& range) {
    check_usable();
    if constexpr (std::ranges::sized_range<R>) {
      const auto extra = detail::to_length<L>(std::ranges::size(range));
      if (!extra) raise_too_long();
      if (static_cast<L>(room_ - size_) < *extra) relocate(grown(*extra));
    }
    appended_guard guard(*this, size_);
    for (auto&& element : range) {
      if (size_ == room_) [[unlikely]]
        make_room(1);
      construct_next(std::forward<decltype(element)>(element));
    }
    guard.before = size_;  // commit
  }

  /// The slice of the elements built (the empty handle if there are none); the builder is then
  /// closed and the allocator usable again.
  [[nodiscard]] slice_type finish() && {
    check_usable();
    allocator_type& a = *alloc_;
    const L n = size_;
    slice_type result;
    if (n == 0) {
      give_back();
    } else if (where_ == storage::room) {
      // The elements follow the current run's last slice: place them as the fast path would.
      const L offset = a.used_;
      a.used_ = static_cast<L>(offset + n);  // n <= room_ == limit_ - used_
      --a.prepaid_;
      result = detail::handle_access::adopt_reference<slice_type>(a.current_, offset, n);
    } else if (where_ == storage::standard) {
      const L room_old = detail::remaining(a.used_, a.limit_);
      // The chunk is the builder's alone (no handle, ledger unopened): set its count to what
      // the placement rule needs, as a new chunk of place_slow starts with.
      const bool keep_old = a.keeps_old(n, room_old);
      chunk_type::reset(chunk_, a.fresh_refs(keep_old));
      const auto at = a.adopt_standard(chunk_, reused_, n, room_old, keep_old);
      result = detail::handle_access::adopt_reference<slice_type>(at.chunk, at.offset, n);
    } else {
      chunk_->constructed = n;
      ++a.stats_.chunks_allocated;
      ++a.stats_.dedicated_chunks;
      a.stats_.elements_allocated += n;
      a.stats_.elements_wasted += static_cast<L>(chunk_->capacity - n);
      result = detail::handle_access::adopt_reference<slice_type>(chunk_, L{0}, n);
    }
    close();
    return result;
  }

 private:
  friend allocator_type;

  // The fast path needs no check: a closed builder has size_ == room_ == 0, and while an
  // element constructor runs room_ is lowered to size_, so that any use from inside it reaches
  // make_room, which checks.
  void make_room(L extra) {
    check_usable();
    relocate(grown(extra));
  }

  void check_usable() const {
    check_open();
    check_not_writing();
  }

  // Constructs the element at slot size_ < room_ (reserved and unconstructed, the invariant).
  template <class... Args>
  void construct_next(Args&&... args) {
    if constexpr (std::is_trivially_constructible_v<T, Args...>) {
      // No user code runs (a trivial copy or move): nothing can re-enter.
      std::construct_at(slot(size_), std::forward<Args>(args)...);
    } else {
      // While the constructor runs, writing_ is set and room_ lowered to size_, so that a use
      // of the builder from inside it takes the checked path (make_room, finish, moves) and is
      // reported instead of building into the slot being built. Restored on both exits by
      // hand: g++ 12 at -O1 and above dropped the restoring stores of a guard object's
      // destructor on the exception path (dead-store elimination), leaving the builder marked.
      const L room = room_;
      writing_ = true;
      room_ = size_;
#if ARENA_ARC_HAS_EXCEPTIONS
      try {
        std::construct_at(slot(size_), std::forward<Args>(args)...);
      } catch (...) {
        end_writing(room);
        throw;
      }
#else
      std::construct_at(slot(size_), std::forward<Args>(args)...);
#endif
      end_writing(room);
    }
    ++size_;
  }

  // Slot i of the storage: i <= room_, and room_ slots follow first_ (the invariant), so this
  // stays within (or one past) them.
  [[nodiscard]] ARENA_ARC_ALWAYS_INLINE T* slot(L i) const noexcept {
    return detail::unchecked_add(first_, i);
  }

  void end_writing(L room) noexcept {
    writing_ = false;
    room_ = room;
  }

  // Whose slots first_ points to: the current chunk's free room (the allocator's), or a chunk
  // the builder took and holds one reference on (standard: from the cache or upstream, given
  // back the same way; dedicated: freed).
  enum class storage : unsigned char { room, standard, dedicated };

  // Where the elements are to move: a chunk with room for `room` of them.
  struct new_storage {
    chunk_type* c;
    storage where;
    bool reused;
  };

  // Opened by Allocator::builder(), which checked the allocator is not busy.
  explicit SliceBuilder(allocator_type& a) noexcept
      : alloc_(&a), chunk_(a.current_), room_(detail::remaining(a.used_, a.limit_)) {
    // used_ <= limit_ == current_->capacity: the room starts inside the chunk (none without one).
    if (chunk_ != nullptr) first_ = detail::unchecked_add(chunk_->elements, a.used_);
    a.busy_ = true;
  }

  // Takes back the elements append() added unless it completed.
  struct appended_guard {
    SliceBuilder& b;
    L before;
    appended_guard(SliceBuilder& builder, L size) noexcept : b(builder), before(size) {}
    appended_guard(const appended_guard&) = delete;
    appended_guard& operator=(const appended_guard&) = delete;
    ~appended_guard() {
      while (b.size_ > before) {
        --b.size_;
        std::destroy_at(b.slot(b.size_));
      }
    }
  };

  void check_open() const {
    ARENA_ARC_CHECK_ALWAYS(alloc_ != nullptr, "SliceBuilder open",
                           "a finished or moved-from builder was used");
  }
  void check_not_writing() const {
    ARENA_ARC_CHECK_ALWAYS(!writing_, "SliceBuilder re-entrancy",
                           "a builder was used from inside the constructor of its element");
  }

  [[noreturn]] static void raise_too_long() {
    detail::raise_length_error(
        "arena_arc::SliceBuilder: the slice would be longer than the index type can count");
  }

  // A chunk for size_ + extra elements: standard while that fits the chunk capacity, else
  // dedicated, at least doubling the room so that n appends relocate O(log n) times.
  new_storage grown(L extra) {
    allocator_type& a = *alloc_;
    if (extra > static_cast<L>(std::numeric_limits<L>::max() - size_)) raise_too_long();
    const L need = static_cast<L>(size_ + extra);
    if (need <= a.capacity_) {
      if constexpr (allocator_type::keeps_chunks) {
        // As place_slow: an idle kept chunk (every handle gone) before the cache. Its count
        // becomes the builder's one reference, as the cache's take() does.
        const auto idle = a.kept_.find_idle(allocator_type::max_kept_scan);
        if (idle.c != nullptr) {
          a.kept_.unlink(idle);
          chunk_type::reset(idle.c, 1);
          return {idle.c, storage::standard, true};
        }
      }
      bool reused = false;
      chunk_type* c = a.cache_.take_or_make(a.capacity_, a.upstream_, 1, reused);
      return {c, storage::standard, reused};
    }
    const L base = room_ > a.capacity_ ? room_ : a.capacity_;
    L target = base > std::numeric_limits<L>::max() / 2 ? std::numeric_limits<L>::max()
                                                        : static_cast<L>(base * 2);
    if (target < need || !chunk_type::layout(target)) target = need;
    return {chunk_type::create(target, a.upstream_, 1), storage::dedicated, false};
  }

  // Moves the elements into `to` (strong guarantee: on failure `to` is given back and the
  // elements stay where they are), then gives the old storage back.
  void relocate(new_storage to) {
    storage_guard guard{*this, to};
    T* const dst = to.c->elements;
    if constexpr (std::is_trivially_copyable_v<T>) {
      // Both ranges hold size_ slots and do not overlap (different chunks, or the room after
      // the current run and a new chunk); trivially copyable objects may be copied as bytes.
      if (size_ > 0) {
        detail::unchecked_copy_bytes(static_cast<void*>(dst), first_, sizeof(T) * size_);
      }
    } else {
      detail::build_guard<T, L> undo(dst);  // destroys the new copies if one fails
      for (L i = 0; i < size_; ++i) {
        // dst + i < dst + size_ <= the new chunk's capacity.
        std::construct_at(detail::unchecked_add(dst, i), std::move_if_noexcept(*slot(i)));
        undo.count = static_cast<L>(i + 1);
      }
      undo.commit();  // the new copies are the builder's now
      detail::destroy_backward(first_, size_);
    }
    give_back();
    guard.to.c = nullptr;
    chunk_ = to.c;
    first_ = dst;
    room_ = to.c->capacity;
    where_ = to.where;
    reused_ = to.reused;
  }

  // Gives `to` back if the relocation into it failed.
  struct storage_guard {
    SliceBuilder& b;
    new_storage to;
    storage_guard(SliceBuilder& builder, new_storage s) noexcept : b(builder), to(s) {}
    storage_guard(const storage_guard&) = delete;
    storage_guard& operator=(const storage_guard&) = delete;
    ~storage_guard() {
      if (to.c != nullptr) b.release_storage(to);
    }
  };

  void release_storage(new_storage s) noexcept {
    if (s.where == storage::dedicated) {
      chunk_type::free_storage(s.c);
    } else {
      alloc_->cache_.give_back_unused(s.c, s.reused);
    }
  }

  // Gives back the storage the elements occupy, whose elements are already destroyed (or
  // moved away): the room needs nothing, a chunk of the builder's goes back where it came from.
  void give_back() noexcept {
    if (where_ != storage::room) release_storage({chunk_, where_, reused_});
    chunk_ = nullptr;
    first_ = nullptr;
    room_ = 0;
    where_ = storage::room;
  }

  // Ends an unfinished builder: its elements are destroyed in reverse order, its storage given
  // back, and the allocator usable again.
  void abandon() noexcept {
    if (alloc_ == nullptr) return;
    detail::destroy_backward(first_, size_);
    size_ = 0;
    give_back();
    close();
  }

  void close() noexcept {
    alloc_->busy_ = false;
    alloc_ = nullptr;
    chunk_ = nullptr;
    first_ = nullptr;
    size_ = 0;
    room_ = 0;
    where_ = storage::room;
  }

  void take(SliceBuilder& other) noexcept {
    other.check_not_writing();
    alloc_ = std::exchange(other.alloc_, nullptr);
    chunk_ = std::exchange(other.chunk_, nullptr);
    first_ = std::exchange(other.first_, nullptr);
    size_ = std::exchange(other.size_, L{0});
    room_ = std::exchange(other.room_, L{0});
    where_ = std::exchange(other.where_, storage::room);
    reused_ = std::exchange(other.reused_, false);
  }

  allocator_type* alloc_ = nullptr;  // nullptr: finished, or moved from
  chunk_type* chunk_ = nullptr;      // the chunk of first_ (nullptr: no room yet)
  T* first_ = nullptr;
  L size_ = 0;
  L room_ = 0;
  storage where_ = storage::room;
  bool reused_ = false;   // a standard chunk taken from the cache (pushed back if abandoned)
  bool writing_ = false;  // inside emplace_back or append
};

template <class T, index_type L, std::size_t N, refcount_policy RC>
SliceBuilder<T, L, N, RC> Allocator<T, L, N, RC>::builder() {
  ARENA_ARC_CHECK_ALWAYS(!busy_, "Allocator re-entrancy",
                         "a builder was opened from inside its allocator's init or while "
                         "another builder of it was open");
  return SliceBuilder<T, L, N, RC>(*this);
}

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_SLICE_BUILDER_HPP
