// Source ranges for alloc_copy that the standard containers cannot provide: one whose size()
// claims more (or fewer) elements than it yields, over contiguous or merely forward iterators
// (alloc_copy must treat a range that ends before its size() as a violation, "alloc_copy range
// size" at hardening fast and above, and never read past its end); and a sized forward range
// that makes each element on the fly (std::views::iota | transform would do, but clang 14
// cannot compile libstdc++ 12's iota_view).
#ifndef ARENA_ARC_FUZZ_OPS_SOURCE_RANGES_HPP
#define ARENA_ARC_FUZZ_OPS_SOURCE_RANGES_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <type_traits>
#include <utility>

namespace arena_arc_fuzz::ops {

/// A forward iterator over std::uint64_t values (deliberately not contiguous).
struct forward_ptr {
  using iterator_concept = std::forward_iterator_tag;
  using value_type = std::uint64_t;
  using difference_type = std::ptrdiff_t;

  const std::uint64_t* p = nullptr;

  const std::uint64_t& operator*() const noexcept { return *p; }
  forward_ptr& operator++() noexcept {
    ++p;
    return *this;
  }
  forward_ptr operator++(int) noexcept {
    forward_ptr old = *this;
    ++p;
    return old;
  }
  friend bool operator==(forward_ptr, forward_ptr) noexcept = default;
};

/// [first, last) with a size() of `claimed`, whatever last - first is.
template <bool Contiguous>
struct lying_range {
  const std::uint64_t* first;
  const std::uint64_t* last;
  std::size_t claimed;

  [[nodiscard]] auto begin() const noexcept {
    if constexpr (Contiguous) {
      return first;
    } else {
      return forward_ptr{first};
    }
  }
  [[nodiscard]] auto end() const noexcept {
    if constexpr (Contiguous) {
      return last;
    } else {
      return forward_ptr{last};
    }
  }
  [[nodiscard]] std::size_t size() const noexcept { return claimed; }
};

/// n elements, element i being the prvalue make(i): sized, forward, not contiguous.
template <class Make>
class generated_range {
 public:
  struct iterator {
    using iterator_concept = std::forward_iterator_tag;
    using value_type = std::remove_cvref_t<std::invoke_result_t<const Make&, std::uint64_t>>;
    using difference_type = std::ptrdiff_t;

    const Make* make = nullptr;
    std::uint64_t i = 0;

    value_type operator*() const { return (*make)(i); }
    iterator& operator++() noexcept {
      ++i;
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator old = *this;
      ++i;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.i == b.i; }
  };

  generated_range(std::uint64_t n, Make make) : n_(n), make_(std::move(make)) {}

  [[nodiscard]] iterator begin() const noexcept { return iterator{&make_, 0}; }
  [[nodiscard]] iterator end() const noexcept { return iterator{&make_, n_}; }
  [[nodiscard]] std::uint64_t size() const noexcept { return n_; }

 private:
  std::uint64_t n_;
  Make make_;
};

static_assert(std::ranges::contiguous_range<lying_range<true>>);
static_assert(std::ranges::sized_range<lying_range<true>>);
static_assert(std::ranges::forward_range<lying_range<false>>);
static_assert(!std::ranges::contiguous_range<lying_range<false>>);
static_assert(std::ranges::sized_range<lying_range<false>>);

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_SOURCE_RANGES_HPP
