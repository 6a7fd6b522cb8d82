// Properties of the features beyond the original crate: comparison and hashing agree with
// std::vector's (and std::string_view's) on the same contents; a SliceBuilder driven by random
// appends, failures and finishes holds exactly what a std::vector model holds; and
// alloc_for_overwrite gives a slice of exactly what the writer wrote, counting only that.
#include <arena_arc/arena_arc.hpp>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "support/config.hpp"

namespace props {
namespace {

// Short runs of few distinct values, so that equal and prefix-related pairs are common.
rc::Gen<std::vector<std::uint8_t>> small_runs() {
  return rc::gen::container<std::vector<std::uint8_t>>(uniform<std::uint8_t>(0, 3));
}

RC_GTEST_PROP(ValueSemantics, ComparisonAndHashAgreeWithVectors, ()) {
  const auto a = *small_runs();
  const auto b = *rc::gen::oneOf(rc::gen::just(a), small_runs());
  arena_arc::Allocator<std::uint8_t, std::uint16_t, 16> alloc(*uniform<std::size_t>(1, 20));
  const auto sa = alloc.alloc_copy(a);
  const auto sb = alloc.alloc_copy(b);
  RC_TAG(a == b ? "equal" : "different");
  RC_ASSERT((sa == sb) == (a == b));
  RC_ASSERT((sa <=> sb) == (a <=> b));
  RC_ASSERT((sa == b) == (a == b));
  RC_ASSERT((b <=> sa) == (b <=> a));
  RC_ASSERT(arena_arc::slice_hash{}(sa) == arena_arc::slice_hash{}(a));
  using slice_type = arena_arc::ArcSlice<std::uint8_t, std::uint16_t>;
  RC_ASSERT(std::hash<slice_type>{}(sa) == arena_arc::slice_hash{}(a));
  if (a == b) RC_ASSERT(arena_arc::slice_hash{}(sa) == arena_arc::slice_hash{}(sb));
  RC_ASSERT(arena_arc::slice_equal{}(sa, b) == (a == b));
  // A copy of the handle and the same part are equal (the O(1) path) and order as equal.
  const auto copy = sa;
  RC_ASSERT(copy == sa);
  RC_ASSERT((copy <=> sa) == std::strong_ordering::equal);
}

RC_GTEST_PROP(ValueSemantics, TextSlicesCompareAndHashAsStringViews, ()) {
  const auto a = *rc::gen::container<std::string>(rc::gen::element('a', 'b', '\0'));
  const auto b = *rc::gen::container<std::string>(rc::gen::element('a', 'b', '\0'));
  arena_arc::Allocator<char, std::uint32_t, 32> chars;
  const auto sa = chars.alloc_copy(a);
  RC_TAG(a == b ? "equal" : a.empty() || b.empty() ? "one empty" : "different");
  const std::string_view va(a);
  const std::string_view vb(b);
  RC_ASSERT(sa.view() == va);
  RC_ASSERT((sa == vb) == (va == vb));
  RC_ASSERT((sa <=> vb) == (va <=> vb));
  RC_ASSERT(std::hash<arena_arc::ArcSlice<char>>{}(sa) == std::hash<std::string_view>{}(va));
}

// Throws from its constructor when its value is negative.
struct picky {
  int value;
  explicit picky(int v) : value(v) {
    if (v < 0) throw std::runtime_error("picky");
  }
};

RC_GTEST_PROP(ValueSemantics, ABuilderHoldsWhatAVectorModelHolds, ()) {
  using alloc_type = arena_arc::Allocator<picky, std::uint16_t, 16>;
  alloc_type alloc(*uniform<std::size_t>(1, 24));
  const auto padding = *uniform<std::size_t>(0, 30);
  const auto pad = alloc.alloc(padding, [](std::size_t i) { return picky(static_cast<int>(i)); });
  RC_ASSERT(pad.size() == padding);
  const auto before = alloc.stats();
  std::vector<int> model;
  auto builder = alloc.builder();
  const auto steps = *uniform<std::size_t>(0, 16);
  for (std::size_t step = 0; step < steps; ++step) {
    switch (*uniform<int>(0, 3)) {
      case 0: {  // one element, sometimes one that throws
        const int v = *uniform<int>(-1, 100);
        if (v < 0) {
          RC_ASSERT_THROWS_AS(builder.emplace_back(v), std::runtime_error);
        } else {
          builder.emplace_back(v);
          model.push_back(v);
        }
        break;
      }
      case 1: {  // a sized range, which may throw part way (then nothing of it stays)
        const auto values =
            *rc::gen::resize(6, rc::gen::container<std::vector<int>>(uniform<int>(-1, 100)));
        bool throws = false;
        for (const int v : values) throws = throws || v < 0;
        if (throws) {
          RC_ASSERT_THROWS_AS(builder.append(values), std::runtime_error);
        } else {
          builder.append(values);
          model.insert(model.end(), values.begin(), values.end());
        }
        break;
      }
      default: {
        builder.push_back(picky(static_cast<int>(step)));
        model.push_back(static_cast<int>(step));
        break;
      }
    }
    RC_ASSERT(builder.size() == model.size());
  }
  const auto built = std::move(builder).finish();
  RC_TAG(model.empty()                           ? "empty"
         : model.size() > alloc.chunk_capacity() ? "dedicated"
                                                 : "standard or room");
  RC_ASSERT(built.size() == model.size());
  for (std::size_t i = 0; i < model.size(); ++i) RC_ASSERT(built[i].value == model[i]);
  RC_ASSERT(alloc.stats().elements_allocated == before.elements_allocated + model.size());
  // The allocator is usable again, and the slice survives its next allocations.
  const auto next = alloc.alloc(3, [](std::size_t i) { return picky(static_cast<int>(i)); });
  RC_ASSERT(next.size() == 3U);
  for (std::size_t i = 0; i < model.size(); ++i) RC_ASSERT(built[i].value == model[i]);
}

RC_GTEST_PROP(ValueSemantics, AllocForOverwriteKeepsExactlyWhatWasWritten, ()) {
  arena_arc::Allocator<std::uint32_t, std::uint16_t, 16> alloc(*uniform<std::size_t>(1, 24));
  std::vector<arena_arc::ArcSlice<std::uint32_t, std::uint16_t>> kept;
  std::vector<std::vector<std::uint32_t>> expected;
  std::size_t written_total = 0;
  const auto rounds = *uniform<std::size_t>(1, 12);
  for (std::size_t round = 0; round < rounds; ++round) {
    const auto max_len = *uniform<std::size_t>(0, 40);
    const auto count = *uniform<std::size_t>(0, max_len);
    RC_TAG(max_len == 0 ? "no room asked" : count == max_len ? "all written" : "room given back");
    const auto seed = *rc::gen::arbitrary<std::uint32_t>();
    auto s = alloc.alloc_for_overwrite(max_len, [&](std::span<std::uint32_t> room) {
      RC_ASSERT(room.size() == max_len);
      for (std::size_t i = 0; i < count; ++i) room[i] = seed + static_cast<std::uint32_t>(i);
      return count;
    });
    RC_ASSERT(s.size() == count);
    std::vector<std::uint32_t> want(count);
    for (std::size_t i = 0; i < count; ++i) want[i] = seed + static_cast<std::uint32_t>(i);
    written_total += count;
    kept.push_back(std::move(s));
    expected.push_back(std::move(want));
  }
  RC_ASSERT(alloc.stats().elements_allocated == written_total);
  for (std::size_t r = 0; r < kept.size(); ++r) RC_ASSERT(kept[r] == expected[r]);
}

}  // namespace
}  // namespace props
