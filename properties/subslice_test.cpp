// Algebraic properties of ArcSlice views: subslice composition, and agreement of
// first / last / subslice / at with std::span's first / last / subspan / operator[], including
// which requests are rejected (std::out_of_range exactly where span's precondition fails).
#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "support/config.hpp"

namespace props {
namespace {

constexpr std::size_t size_max = std::numeric_limits<std::size_t>::max();

// A slice of random values from an allocator of random capacity (so that it may sit at any
// offset of a chunk, or in a dedicated one), kept together with the allocator that made it.
template <class L>
struct sample {
  using allocator = arena_arc::Allocator<std::uint64_t, L, 16>;
  using slice = arena_arc::ArcSlice<std::uint64_t, L>;

  std::vector<std::uint64_t> values;
  allocator alloc;
  slice s;

  sample()
      : values(
            *rc::gen::container<std::vector<std::uint64_t>>(rc::gen::arbitrary<std::uint64_t>())),
        alloc(*uniform<std::size_t>(1, 40)) {
    if (values.size() > std::numeric_limits<L>::max()) values.resize(std::numeric_limits<L>::max());
    // Something before it, so that the slice does not always start a chunk.
    const auto before = *uniform<std::size_t>(0, 20);
    const auto padding = alloc.alloc(before, [](std::size_t i) { return std::uint64_t{i}; });
    RC_ASSERT(padding.size() == before);
    s = alloc.alloc_copy(values);
  }
};

// Same elements at the same address: views of the same part of the same chunk.
template <class Slice>
void same_view(const Slice& x, std::span<const std::uint64_t> expected) {
  RC_ASSERT(x.data() == expected.data());
  RC_ASSERT(x.size() == expected.size());
  RC_ASSERT(std::equal(x.begin(), x.end(), expected.begin(), expected.end()));
}

template <class L>
void subslice_composes() {
  sample<L> in;
  const auto& s = in.s;
  const std::size_t len = s.size();
  const auto a = *uniform<std::size_t>(0, len + 1);
  const auto b = *uniform<std::size_t>(0, len - a + 1);
  const auto c = *uniform<std::size_t>(0, b + 1);
  const auto d = *uniform<std::size_t>(0, b - c + 1);
  RC_TAG(len == 0   ? "empty slice"
         : d == 0   ? "empty part"
         : d == len ? "whole slice"
                    : "proper part");

  const auto outer = s.subslice(a, b);
  same_view(outer.subslice(c, d), s.subslice(a + c, d));
  same_view(s.first(a + b).last(b), outer);
  same_view(s.last(len - a).first(b), outer);
  same_view(s.first(b), s.subslice(0, b));
  same_view(s.last(b), s.subslice(len - b, b));
  same_view(s.subslice(0, len), s);
  // Against the source values, and the address of every part (an empty slice has no address).
  RC_ASSERT(
      std::equal(outer.begin(), outer.end(), in.values.begin() + static_cast<std::ptrdiff_t>(a)));
  if (len > 0) RC_ASSERT(outer.data() == s.data() + a);
}

// An argument for a span operation: small, around the size, or near SIZE_MAX.
rc::Gen<std::size_t> argument(std::size_t size) {
  return rc::gen::weightedOneOf<std::size_t>({
      {4, uniform<std::size_t>(0, size + 3)},
      {1, rc::gen::just(size)},
      {1, rc::gen::just(size + 1)},
      {1, rc::gen::just(size_max)},
      {1, rc::gen::just(size_max - 1)},
      {1, rc::gen::just(size_max / 2 + 1)},
  });
}

template <class L>
void agrees_with_span() {
  sample<L> in;
  const auto& s = in.s;
  const std::span<const std::uint64_t> v = s;
  const std::size_t n = v.size();
  const std::size_t i = *argument(n);
  const std::size_t count = *argument(n);
  RC_TAG(i < n ? "index in range" : "index out of range",
         count <= n ? "count in range" : "count out of range");

  if (i < n) {
    RC_ASSERT(&s.at(i) == &v[i]);
    RC_ASSERT(&s[i] == &v[i]);
  } else {
    RC_ASSERT_THROWS_AS((void)s.at(i), std::out_of_range);
  }
  if (count <= n) {
    same_view(s.first(count), v.first(count));
    same_view(s.last(count), v.last(count));
  } else {
    RC_ASSERT_THROWS_AS((void)s.first(count), std::out_of_range);
    RC_ASSERT_THROWS_AS((void)s.last(count), std::out_of_range);
  }
  // span::subspan(offset, count) requires offset <= size() and count <= size() - offset, where
  // count == dynamic_extent (SIZE_MAX) means "the rest". subslice has no such sentinel: a count
  // of SIZE_MAX is simply out of range.
  const std::size_t offset = i;
  if (offset <= n && count <= n - offset) {
    same_view(s.subslice(offset, count), v.subspan(offset, count));
  } else {
    RC_ASSERT_THROWS_AS((void)s.subslice(offset, count), std::out_of_range);
  }
  if (offset <= n) same_view(s.subslice(offset, n - offset), v.subspan(offset));
}

RC_GTEST_PROP(SliceAlgebra, SubsliceComposesUint8, ()) { subslice_composes<std::uint8_t>(); }
RC_GTEST_PROP(SliceAlgebra, SubsliceComposesUint32, ()) { subslice_composes<std::uint32_t>(); }
RC_GTEST_PROP(SliceAlgebra, AgreesWithSpanUint8, ()) { agrees_with_span<std::uint8_t>(); }
RC_GTEST_PROP(SliceAlgebra, AgreesWithSpanUint32, ()) { agrees_with_span<std::uint32_t>(); }

}  // namespace
}  // namespace props
