// arena-arc: what try_alloc / try_alloc_single accept from `init` and what they return.
//   init returns std::optional<U>    -> std::optional<Handle>
//   init returns std::expected<U, E> -> std::expected<Handle, E>  (where __cpp_lib_expected)
#ifndef ARENA_ARC_DETAIL_TRY_RESULT_HPP
#define ARENA_ARC_DETAIL_TRY_RESULT_HPP

#include <arena_arc/config.hpp>

#include <optional>
#include <utility>
#include <version>

#if defined(__cpp_lib_expected)
#include <expected>
#endif

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

template <class R>
struct try_result {
  static constexpr bool supported = false;
};

template <class U>
struct try_result<std::optional<U>> {
  static constexpr bool supported = true;
  using value_type = U;
  template <class Handle>
  using result = std::optional<Handle>;
  template <class Handle>
  static constexpr result<Handle> failure(std::optional<U>&&) noexcept {
    return std::nullopt;
  }
};

#if defined(__cpp_lib_expected)
template <class U, class E>
struct try_result<std::expected<U, E>> {
  static constexpr bool supported = true;
  using value_type = U;
  template <class Handle>
  using result = std::expected<Handle, E>;
  template <class Handle>
  static constexpr result<Handle> failure(std::expected<U, E>&& r) {
    return std::unexpected<E>(std::move(r).error());
  }
};
#endif

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_TRY_RESULT_HPP
