// Test support: an instantiation matrix (instantiations.hpp) as GoogleTest's typed-test list.
#ifndef ARENA_ARC_TESTING_GTEST_TYPES_HPP
#define ARENA_ARC_TESTING_GTEST_TYPES_HPP

#include <gtest/gtest.h>

#include <arena_arc_testing/instantiations.hpp>

namespace arena_arc_testing {

template <class List>
struct gtest_types_of;
template <class... Ts>
struct gtest_types_of<type_list<Ts...>> {
  using type = ::testing::Types<Ts...>;
};
/// ::testing::Types<Ts...> for type_list<Ts...>.
template <class List>
using gtest_types = typename gtest_types_of<List>::type;

}  // namespace arena_arc_testing

#endif  // ARENA_ARC_TESTING_GTEST_TYPES_HPP
