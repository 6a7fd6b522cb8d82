// arena-arc: the private door between Allocator, ArcSlice and ArcSingle.
//
// Handles are built only from a reference the builder already owns ("adopt"); nothing outside
// the library can make a handle that does not hold its reference.
#ifndef ARENA_ARC_DETAIL_HANDLE_ACCESS_HPP
#define ARENA_ARC_DETAIL_HANDLE_ACCESS_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/fwd.hpp>

#include <utility>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

struct adopt_t {
  explicit adopt_t() = default;
};
inline constexpr adopt_t adopt{};

struct handle_access {
  /// A handle adopting one reference on `args...`'s chunk, which the caller owned.
  template <class Handle, class... Args>
  [[nodiscard]] static constexpr Handle adopt_reference(Args... args) noexcept {
    return Handle(adopt, args...);
  }

  template <class Handle>
  [[nodiscard]] static constexpr auto* chunk_of(const Handle& h) noexcept {
    return h.chunk_;
  }

  template <class Handle>
  [[nodiscard]] static constexpr auto offset_of(const Handle& h) noexcept {
    return h.offset_;
  }

  /// Takes the handle's reference away from it (the handle is left empty / moved-from).
  template <class Handle>
  [[nodiscard]] static constexpr auto* take_chunk(Handle& h) noexcept {
    h.offset_ = {};
    if constexpr (requires { h.length_; }) h.length_ = {};
    return std::exchange(h.chunk_, nullptr);
  }
};

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_HANDLE_ACCESS_HPP
