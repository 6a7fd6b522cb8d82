// Test support: the instantiation matrices the suites are typed over, written once. Each is a
// type_list; for_each_type visits one at compile time (formal/, fuzz/) and gtest_types.hpp turns
// one into ::testing::Types (tests/).
#ifndef ARENA_ARC_TESTING_INSTANTIATIONS_HPP
#define ARENA_ARC_TESTING_INSTANTIATIONS_HPP

#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace arena_arc_testing {

template <class... Ts>
struct type_list {
  static constexpr std::size_t size = sizeof...(Ts);
};

/// Calls `f.template operator()<T>()` for each T of the list, in order.
template <class... Ts, class F>
constexpr void for_each_type(type_list<Ts...> /*list*/, F&& f) {
  (std::forward<F>(f).template operator()<Ts>(), ...);
}

/// Both reference-count policies.
using refcount_policies = type_list<arena_arc::atomic_refcount, arena_arc::local_refcount>;

/// Every index type the library supports.
using index_types = type_list<std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t>;

/// The index types small enough to allocate at their full range in a test.
using small_index_types = type_list<std::uint8_t, std::uint16_t>;

/// One (L, RC) combination.
template <class L, class RC>
struct index_and_policy {
  using index_type = L;
  using refcount = RC;
};

/// A tiny index type, where chunk capacities of a few elements make every boundary (exact fit,
/// one over, dedicated, index-type maximum) common, and the default 32-bit one; each with both
/// policies.
using tiny_and_default = type_list<index_and_policy<std::uint8_t, arena_arc::atomic_refcount>,
                                   index_and_policy<std::uint8_t, arena_arc::local_refcount>,
                                   index_and_policy<std::uint32_t, arena_arc::atomic_refcount>,
                                   index_and_policy<std::uint32_t, arena_arc::local_refcount>>;

/// F<T> for each T of a list.
template <template <class> class F, class List>
struct transform;
template <template <class> class F, class... Ts>
struct transform<F, type_list<Ts...>> {
  using type = type_list<F<Ts>...>;
};
template <template <class> class F, class List>
using transform_t = typename transform<F, List>::type;

}  // namespace arena_arc_testing

#endif  // ARENA_ARC_TESTING_INSTANTIATIONS_HPP
