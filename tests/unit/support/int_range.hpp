// Test support: a sized, non-contiguous range of the ints [first, last), standing in for
// std::views::iota, which clang 14 cannot compile against libstdc++ 12's <ranges>.
#ifndef ARENA_ARC_TESTS_UNIT_SUPPORT_INT_RANGE_HPP
#define ARENA_ARC_TESTS_UNIT_SUPPORT_INT_RANGE_HPP

#include <cstddef>
#include <iterator>
#include <ranges>

namespace arena_arc_testing {

class int_range {
 public:
  class iterator {
   public:
    using value_type = int;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;

    iterator() = default;
    explicit iterator(int v) : value_(v) {}
    int operator*() const { return value_; }
    iterator& operator++() {
      ++value_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++value_;
      return old;
    }
    friend bool operator==(const iterator&, const iterator&) = default;

   private:
    int value_ = 0;
  };

  int_range(int first, int last) : first_(first), last_(last) {}
  [[nodiscard]] iterator begin() const { return iterator(first_); }
  [[nodiscard]] iterator end() const { return iterator(last_); }
  [[nodiscard]] std::size_t size() const { return static_cast<std::size_t>(last_ - first_); }

 private:
  int first_;
  int last_;
};

static_assert(std::ranges::forward_range<int_range> && std::ranges::sized_range<int_range> &&
              !std::ranges::contiguous_range<int_range>);

}  // namespace arena_arc_testing

#endif  // ARENA_ARC_TESTS_UNIT_SUPPORT_INT_RANGE_HPP
