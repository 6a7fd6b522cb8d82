// arena-arc: ArcSingle, a read-only, reference-counted handle to one element of a chunk.
#ifndef ARENA_ARC_ARC_SINGLE_HPP
#define ARENA_ARC_ARC_SINGLE_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/arc_slice.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/detail/chunk.hpp>
#include <arena_arc/detail/element_type.hpp>
#include <arena_arc/detail/handle_access.hpp>
#include <arena_arc/detail/raise.hpp>
#include <arena_arc/detail/unsafe_buffer.hpp>
#include <arena_arc/fwd.hpp>
#include <arena_arc/violation.hpp>

#include <optional>
#include <utility>

ARENA_ARC_BEGIN_NAMESPACE

/// A read-only handle to one element that keeps its chunk alive (Rust's ArcSingle).
///
/// There is no empty ArcSingle: every handle refers to an element, except a moved-from one,
/// which may only be destroyed or assigned to (reading it is a precondition violation, checked
/// at hardening level fast and above).
/// Invariant: chunk_ != nullptr (unless moved-from), offset_ < chunk_->capacity, and this handle
/// owns one reference on chunk_.
template <class T, index_type L, refcount_policy RC>
class ArcSingle {
  static_assert(detail::element_type_requirements<T>::value);
  using chunk_type = detail::chunk<T, L, RC>;
  using slice_type = ArcSlice<T, L, RC>;

 public:
  using element_type = const T;
  using value_type = T;
  using index_type = L;
  using refcount = RC;

  constexpr ArcSingle(const ArcSingle& other) : chunk_(other.chunk_), offset_(other.offset_) {
    if (chunk_ != nullptr) chunk_type::acquire(chunk_);
  }
  constexpr ArcSingle(ArcSingle&& other) noexcept
      : chunk_(std::exchange(other.chunk_, nullptr)), offset_(std::exchange(other.offset_, L{0})) {}

  // NOLINTNEXTLINE(bugprone-unhandled-self-assignment,cert-oop54-cpp): copy-and-swap is self-safe
  constexpr ArcSingle& operator=(const ArcSingle& other) {
    ArcSingle(other).swap(*this);
    return *this;
  }
  constexpr ArcSingle& operator=(ArcSingle&& other) noexcept {
    // cppcheck-suppress accessMoved ; `other` is moved from once, into the temporary
    ArcSingle(std::move(other)).swap(*this);
    return *this;
  }
  constexpr ~ArcSingle() {
    if (chunk_ != nullptr) chunk_type::release_handle(chunk_);
  }

  /// Precondition: not moved-from (checked at hardening level fast and above).
  [[nodiscard]] constexpr const T& get() const {
    ARENA_ARC_CHECK_FAST(chunk_ != nullptr, "ArcSingle::get not moved-from",
                         "get() on a moved-from ArcSingle");
    chunk_->check_canary();
    // offset_ < capacity (the class invariant): a live element.
    return detail::unchecked_at(chunk_->elements, offset_);
  }
  [[nodiscard]] constexpr const T& operator*() const { return get(); }
  [[nodiscard]] constexpr const T* operator->() const { return &get(); }

  /// The element of a length-1 slice; std::invalid_argument unless s.size() == 1.
  [[nodiscard]] static constexpr ArcSingle from_slice(slice_type s) {
    if (s.size() != 1) {
      detail::raise_invalid_argument("arena_arc::ArcSingle::from_slice: slice size is not 1");
    }
    return take(s);
  }
  /// The element of a length-1 slice, or nothing (and `s` is dropped) if its size is not 1.
  [[nodiscard]] static constexpr std::optional<ArcSingle> try_from_slice(slice_type s) noexcept {
    if (s.size() != 1) return std::nullopt;
    return take(s);
  }

  /// A length-1 slice of the same element (one more reference).
  [[nodiscard]] constexpr slice_type to_slice() const { return slice_type(ArcSingle(*this)); }

  constexpr void swap(ArcSingle& other) noexcept {
    std::swap(chunk_, other.chunk_);
    std::swap(offset_, other.offset_);
  }
  friend constexpr void swap(ArcSingle& a, ArcSingle& b) noexcept { a.swap(b); }

 private:
  friend struct detail::handle_access;

  // Parameter names end in _arg so that no user global is shadowed (-Wshadow).
  constexpr ArcSingle(detail::adopt_t, chunk_type* chunk_arg, L offset_arg) noexcept
      : chunk_(chunk_arg), offset_(offset_arg) {}

  // Moves a length-1 slice's reference into a single.
  static constexpr ArcSingle take(slice_type& s) noexcept {
    const L offset = detail::handle_access::offset_of(s);
    return ArcSingle(detail::adopt, detail::handle_access::take_chunk(s), offset);
  }

  chunk_type* chunk_;
  L offset_;
};

template <class T, index_type L, refcount_policy RC>
constexpr ArcSlice<T, L, RC>::ArcSlice(ArcSingle<T, L, RC> single)
    : ArcSlice(take_single(single)) {}

template <class T, index_type L, refcount_policy RC>
constexpr ArcSlice<T, L, RC> ArcSlice<T, L, RC>::take_single(ArcSingle<T, L, RC>& single) {
  ARENA_ARC_CHECK_FAST(detail::handle_access::chunk_of(single) != nullptr,
                       "ArcSlice(ArcSingle) not moved-from",
                       "ArcSlice made from a moved-from ArcSingle");
  const L offset = detail::handle_access::offset_of(single);
  chunk_type* const chunk = detail::handle_access::take_chunk(single);
  return ArcSlice(detail::adopt, chunk, offset, chunk != nullptr ? L{1} : L{0});
}

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_ARC_SINGLE_HPP
