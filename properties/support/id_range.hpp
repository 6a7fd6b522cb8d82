// A sized input range of element ids computed on the fly, for alloc_copy: it can report sizes
// beyond the index type without holding the elements, and it is not contiguous, so the copy
// goes element by element. (std::views::iota | transform would do, but clang 14 cannot use
// libstdc++ 12's iota_view.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "counted.hpp"

namespace props {

class id_range {
 public:
  /// Ids first, first + 1, ... (size of them); the one at `poisoned` (if < size) carries
  /// Counted::poison, so constructing a Counted from it throws.
  id_range(std::uint64_t first, std::uint64_t size, std::uint64_t poisoned)
      : first_(first), size_(size), poisoned_(poisoned) {}

  class iterator {
   public:
    using iterator_concept = std::input_iterator_tag;
    using value_type = std::uint64_t;
    using difference_type = std::ptrdiff_t;

    iterator() = default;
    iterator(const id_range* range, std::uint64_t index) : range_(range), index_(index) {}

    std::uint64_t operator*() const { return range_->at(index_); }
    iterator& operator++() {
      ++index_;
      return *this;
    }
    void operator++(int) { ++index_; }
    friend bool operator==(const iterator& a, const iterator& b) { return a.index_ == b.index_; }

   private:
    const id_range* range_ = nullptr;
    std::uint64_t index_ = 0;
  };

  [[nodiscard]] iterator begin() const { return {this, 0}; }
  [[nodiscard]] iterator end() const { return {this, size_}; }
  [[nodiscard]] std::uint64_t size() const { return size_; }

  [[nodiscard]] std::uint64_t at(std::uint64_t i) const {
    return i == poisoned_ ? (first_ + i) | Counted::poison : first_ + i;
  }

 private:
  std::uint64_t first_;
  std::uint64_t size_;
  std::uint64_t poisoned_;
};

static_assert(std::input_iterator<id_range::iterator>);

}  // namespace props
