// Copies alias: every way of copying a handle (copy construction and assignment, whole-range
// subslice / first / last, ArcSingle <-> ArcSlice conversions) yields a view of the very same
// elements (same address), and those elements stay intact after the original handle and the
// allocator are gone and other slices have been allocated.
#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "support/config.hpp"

namespace props {
namespace {

template <class L, class RC>
void copies_alias() {
  using allocator = arena_arc::Allocator<std::uint64_t, L, 16, RC>;
  using slice = arena_arc::ArcSlice<std::uint64_t, L, RC>;
  using single = arena_arc::ArcSingle<std::uint64_t, L, RC>;

  auto values = *rc::gen::nonEmpty(
      rc::gen::container<std::vector<std::uint64_t>>(rc::gen::arbitrary<std::uint64_t>()));
  if (values.size() > std::numeric_limits<L>::max()) values.resize(std::numeric_limits<L>::max());
  auto alloc = std::make_unique<allocator>(*uniform<std::size_t>(1, 40));
  auto original = std::make_unique<slice>(alloc->alloc_copy(values));
  const std::uint64_t* const address = original->data();

  enum class way { construct, assign, subslice, first, last, via_single };
  const auto ways = *rc::gen::nonEmpty(rc::gen::container<std::vector<way>>(rc::gen::element(
      way::construct, way::assign, way::subslice, way::first, way::last, way::via_single)));
  RC_TAG(values.size() == 1 ? "one element" : "several elements");
  std::vector<slice> copies;
  for (const way w : ways) {
    // Each copy is made from the previous one: aliasing must be transitive.
    const slice& from = copies.empty() ? *original : copies.back();
    switch (w) {
      case way::construct:
        copies.push_back(slice(from));
        break;
      case way::assign: {
        slice target = alloc->alloc_copy(values);  // replaced by the assignment
        target = from;
        copies.push_back(target);
        break;
      }
      case way::subslice:
        copies.push_back(from.subslice(0, from.size()));
        break;
      case way::first:
        copies.push_back(from.first(from.size()));
        break;
      case way::last:
        copies.push_back(from.last(from.size()));
        break;
      case way::via_single:
        if (from.size() == 1) {
          const single one = single::from_slice(from);
          RC_ASSERT(&one.get() == address);
          copies.push_back(one.to_slice());
        } else {
          RC_ASSERT(!single::try_from_slice(from).has_value());
          copies.push_back(from);
        }
        break;
    }
    RC_ASSERT(copies.back().data() == address);
    RC_ASSERT(copies.back().size() == values.size());
  }

  // Drop the original, maybe the allocator, and allocate over whatever memory was freed.
  original.reset();
  if (*rc::gen::arbitrary<bool>()) alloc.reset();
  allocator other(*uniform<std::size_t>(1, 40));
  std::vector<slice> noise;
  for (std::size_t k = 0; k < 4; ++k) {
    noise.push_back(other.alloc(values.size(), [](std::size_t i) { return ~std::uint64_t{i}; }));
    if (alloc)
      noise.push_back(alloc->alloc(values.size(), [](std::size_t) { return std::uint64_t{0}; }));
  }
  for (const slice& c : copies) {
    RC_ASSERT(c.data() == address);
    RC_ASSERT(std::equal(c.begin(), c.end(), values.begin(), values.end()));
  }
}

RC_GTEST_PROP(Aliasing, CopiesAliasUint8Atomic, ()) {
  copies_alias<std::uint8_t, arena_arc::atomic_refcount>();
}
RC_GTEST_PROP(Aliasing, CopiesAliasUint32Local, ()) {
  copies_alias<std::uint32_t, arena_arc::local_refcount>();
}

}  // namespace
}  // namespace props
