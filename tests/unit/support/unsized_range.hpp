// Test support: a single-pass input range of the ints [first, last) with a sentinel and no
// size(), so that whoever reads it cannot know its length up front (std::views::istream's
// shape, which clang 14 cannot compile against libstdc++ 12's <ranges>).
#ifndef ARENA_ARC_TESTS_UNIT_SUPPORT_UNSIZED_RANGE_HPP
#define ARENA_ARC_TESTS_UNIT_SUPPORT_UNSIZED_RANGE_HPP

#include <cstddef>
#include <iterator>
#include <ranges>

namespace arena_arc_testing {

class unsized_ints {
 public:
  struct sentinel {};

  class iterator {
   public:
    using value_type = int;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::input_iterator_tag;

    iterator() = default;
    iterator(int value, int last) : value_(value), last_(last) {}
    int operator*() const { return value_; }
    iterator& operator++() {
      ++value_;
      return *this;
    }
    void operator++(int) { ++value_; }
    friend bool operator==(const iterator& it, sentinel /*end*/) { return it.value_ == it.last_; }

   private:
    int value_ = 0;
    int last_ = 0;
  };

  unsized_ints(int first, int last) : first_(first), last_(last) {}
  [[nodiscard]] iterator begin() const { return {first_, last_}; }
  [[nodiscard]] sentinel end() const { return {}; }

 private:
  int first_;
  int last_;
};

static_assert(std::ranges::input_range<unsized_ints>);
static_assert(!std::ranges::sized_range<unsized_ints>);
static_assert(!std::ranges::forward_range<unsized_ints>);

}  // namespace arena_arc_testing

#endif  // ARENA_ARC_TESTS_UNIT_SUPPORT_UNSIZED_RANGE_HPP
