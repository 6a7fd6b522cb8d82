// arena-arc: ArcSlice, a read-only, reference-counted handle to contiguous elements of a chunk.
#ifndef ARENA_ARC_ARC_SLICE_HPP
#define ARENA_ARC_ARC_SLICE_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/config.hpp>
#include <arena_arc/detail/character_type.hpp>
#include <arena_arc/detail/checked_math.hpp>
#include <arena_arc/detail/chunk.hpp>
#include <arena_arc/detail/element_type.hpp>
#include <arena_arc/detail/handle_access.hpp>
#include <arena_arc/detail/raise.hpp>
#include <arena_arc/detail/unsafe_buffer.hpp>
#include <arena_arc/fwd.hpp>
#include <arena_arc/violation.hpp>

#include <cstddef>
#include <span>
#include <string_view>
#include <utility>

ARENA_ARC_BEGIN_NAMESPACE

/// A read-only view of `size()` contiguous elements that keeps their chunk alive.
///
/// Guarantees:
///  - the elements stay alive and unchanged for as long as any handle to their chunk exists;
///  - copying shares the chunk (one reference-count increment, no element is copied); moving
///    leaves the source empty; the empty handle refers to no chunk;
///  - with atomic_refcount, distinct handle objects may be used concurrently on any threads.
/// Invariant: chunk_ == nullptr implies offset_ == 0 and length_ == 0; otherwise
/// offset_ + length_ <= chunk_->capacity and this handle owns one reference on chunk_.
template <class T, index_type L, refcount_policy RC>
class ArcSlice {
  static_assert(detail::element_type_requirements<T>::value);
  using chunk_type = detail::chunk<T, L, RC>;

 public:
  using element_type = const T;
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using pointer = const T*;
  using const_pointer = const T*;
  using reference = const T&;
  using const_reference = const T&;
  using iterator = const T*;
  using const_iterator = const T*;
  using index_type = L;
  using refcount = RC;

  /// The empty handle.
  constexpr ArcSlice() noexcept = default;

  constexpr ArcSlice(const ArcSlice& other)
      : chunk_(other.chunk_), offset_(other.offset_), length_(other.length_) {
    if (chunk_ != nullptr) chunk_type::acquire(chunk_);
  }

  constexpr ArcSlice(ArcSlice&& other) noexcept
      : chunk_(std::exchange(other.chunk_, nullptr)),
        offset_(std::exchange(other.offset_, L{0})),
        length_(std::exchange(other.length_, L{0})) {}

  /// A length-1 slice taking over `single`'s reference. `single` must not be moved-from.
  constexpr explicit ArcSlice(ArcSingle<T, L, RC> single);

  // NOLINTNEXTLINE(bugprone-unhandled-self-assignment,cert-oop54-cpp): copy-and-swap is self-safe
  constexpr ArcSlice& operator=(const ArcSlice& other) {
    ArcSlice(other).swap(*this);
    return *this;
  }

  constexpr ArcSlice& operator=(ArcSlice&& other) noexcept {
    // cppcheck-suppress accessMoved ; `other` is moved from once, into the temporary
    ArcSlice(std::move(other)).swap(*this);
    return *this;
  }

  constexpr ~ArcSlice() {
    if (chunk_ != nullptr) chunk_type::release_handle(chunk_);
  }

  [[nodiscard]] constexpr std::span<const T> get() const noexcept ARENA_ARC_LIFETIMEBOUND {
    // length_ elements follow data() (the class invariant); none without a chunk.
    return detail::unchecked_span(data(), size());
  }

  /// A handle is usable wherever a std::span<const T> is, whatever its value category: one
  /// overload per category, so that copy-initialisation picks this conversion over std::span's
  /// range constructor (which g++ -Wconversion reports when it wins; both give get()). Like a
  /// span of a temporary std::vector, a span of a temporary handle is valid until the end of
  /// the full-expression: fine as a function argument, dangling in a variable (clang reports
  /// that: -Wdangling).
  // NOLINTNEXTLINE(google-explicit-constructor): a handle is usable wherever a span is.
  constexpr operator std::span<const T>() const& noexcept ARENA_ARC_LIFETIMEBOUND { return get(); }
  // NOLINTNEXTLINE(google-explicit-constructor)
  constexpr operator std::span<const T>() & noexcept ARENA_ARC_LIFETIMEBOUND { return get(); }
  // NOLINTNEXTLINE(google-explicit-constructor)
  constexpr operator std::span<const T>() && noexcept ARENA_ARC_LIFETIMEBOUND { return get(); }
  // NOLINTNEXTLINE(google-explicit-constructor)
  constexpr operator std::span<const T>() const&& noexcept ARENA_ARC_LIFETIMEBOUND { return get(); }

  /// The characters as a string view (character element types only: char, wchar_t, char8_t,
  /// char16_t, char32_t); valid while this handle or another of its chunk lives.
  [[nodiscard]] constexpr std::basic_string_view<T> view() const noexcept ARENA_ARC_LIFETIMEBOUND
    requires detail::character_type<T>
  {
    // length_ elements follow data() (the class invariant); none without a chunk.
    return detail::unchecked_string_view(data(), size());
  }

  [[nodiscard]] constexpr const T* data() const noexcept {
    if (chunk_ == nullptr) return nullptr;
    chunk_->check_canary();
    // offset_ <= capacity (the class invariant), so this stays within the element array.
    return detail::unchecked_add(chunk_->elements, offset_);
  }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return length_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return length_ == 0; }
  [[nodiscard]] constexpr const T* begin() const noexcept { return data(); }
  [[nodiscard]] constexpr const T* end() const noexcept {
    // length_ elements follow data() (the class invariant); nullptr + 0 is valid.
    return detail::unchecked_add(data(), length_);
  }

  /// Precondition i < size(), checked at hardening level fast and above.
  [[nodiscard]] constexpr const T& operator[](std::size_t i) const {
    ARENA_ARC_CHECK_FAST(i < size(), "ArcSlice::operator[] index", "index out of range");
    // i < size() (the precondition, checked above at level fast and above).
    return detail::unchecked_at(data(), i);
  }
  /// Precondition !empty(), checked at hardening level fast and above.
  [[nodiscard]] constexpr const T& front() const {
    ARENA_ARC_CHECK_FAST(!empty(), "ArcSlice::front non-empty", "front() of an empty slice");
    return data()[0];
  }
  /// Precondition !empty(), checked at hardening level fast and above.
  [[nodiscard]] constexpr const T& back() const {
    ARENA_ARC_CHECK_FAST(!empty(), "ArcSlice::back non-empty", "back() of an empty slice");
    // length_ - 1 < size() (the precondition, checked above at level fast and above).
    return detail::unchecked_at(data(), static_cast<L>(length_ - 1));
  }
  /// Always checked: std::out_of_range unless i < size().
  [[nodiscard]] constexpr const T& at(std::size_t i) const {
    if (i >= size()) detail::raise_out_of_range("arena_arc::ArcSlice::at: index out of range");
    // i < size(): checked on the line above.
    return detail::unchecked_at(data(), i);
  }

  /// Elements [offset, offset + count) as a handle sharing this chunk (no copy). Always
  /// checked: std::out_of_range unless offset <= size() and count <= size() - offset.
  [[nodiscard]] constexpr ArcSlice subslice(std::size_t offset, std::size_t count) const {
    if (!detail::range_in_bounds(size(), offset, count)) {
      detail::raise_out_of_range("arena_arc::ArcSlice::subslice: range out of bounds");
    }
    ArcSlice part(*this);
    // Both fit in L: offset + count <= length_ <= max of L, and offset_ + length_ <= capacity.
    part.offset_ = static_cast<L>(offset_ + static_cast<L>(offset));
    part.length_ = static_cast<L>(count);
    return part;
  }
  /// The first `count` elements; std::out_of_range unless count <= size().
  [[nodiscard]] constexpr ArcSlice first(std::size_t count) const {
    if (count > size()) detail::raise_out_of_range("arena_arc::ArcSlice::first: count > size()");
    return subslice(0, count);
  }
  /// The last `count` elements; std::out_of_range unless count <= size().
  [[nodiscard]] constexpr ArcSlice last(std::size_t count) const {
    if (count > size()) detail::raise_out_of_range("arena_arc::ArcSlice::last: count > size()");
    return subslice(size() - count, count);
  }

  constexpr void swap(ArcSlice& other) noexcept {
    std::swap(chunk_, other.chunk_);
    std::swap(offset_, other.offset_);
    std::swap(length_, other.length_);
  }
  friend constexpr void swap(ArcSlice& a, ArcSlice& b) noexcept { a.swap(b); }

 private:
  friend struct detail::handle_access;

  // Parameter names end in _arg so that no user global is shadowed (-Wshadow).
  constexpr ArcSlice(detail::adopt_t, chunk_type* chunk_arg, L offset_arg, L length_arg) noexcept
      : chunk_(chunk_arg), offset_(offset_arg), length_(length_arg) {}

  // The slice of ArcSlice(ArcSingle): reads the offset before taking the reference (taking
  // clears the single).
  static constexpr ArcSlice take_single(ArcSingle<T, L, RC>& single);

  chunk_type* chunk_ = nullptr;
  L offset_ = 0;
  L length_ = 0;
};

ARENA_ARC_END_NAMESPACE

#include <arena_arc/arc_single.hpp>  // defines ArcSlice(ArcSingle)
// Every translation unit that sees ArcSlice sees its comparisons, its std::hash and its
// std::formatter: a unit that used std::hash or std::formatter of a slice without them would
// instantiate another definition (C++23's range formatter prints "['a', 'b']") than one with
// them, an ODR violation no linker reports.
#include <arena_arc/compare.hpp>  // IWYU pragma: export
#include <arena_arc/hash.hpp>     // IWYU pragma: export
#include <arena_arc/text.hpp>     // IWYU pragma: export

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_ARC_SLICE_HPP
