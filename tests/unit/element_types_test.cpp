// Element types the contract promises to handle: immovable (built through a prvalue init or
// emplace), move-only, over-aligned (every element at its alignment), and non-trivially
// destructible (every element destroyed once).
#include <arena_arc/arena_arc.hpp>
#include <arena_arc_testing/counted.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/helpers.hpp"

namespace {

// One ledger per element type.
template <class Self>
struct per_type_ledger {
  static arena_arc_testing::counter_set& ledger() noexcept {
    static arena_arc_testing::counter_set set;
    return set;
  }
};

// Counts the live objects of each element type: the shared counted element over its type's
// ledger (copies and moves count as live objects of their own).
template <class Self>
struct tracked
    : arena_arc_testing::counted<arena_arc_testing::copy_identity::carry,
                                 arena_arc_testing::move_identity::carry, per_type_ledger<Self>> {
  tracked() : tracked::counted(per_type_ledger<Self>::ledger(), 0) {}
  static std::ptrdiff_t live() noexcept { return per_type_ledger<Self>::ledger().live(); }
};

struct immovable : tracked<immovable> {
  static constexpr const char* name = "immovable";
  explicit immovable(int v) : value(v) {}
  immovable(const immovable&) = delete;
  immovable(immovable&&) = delete;
  immovable& operator=(const immovable&) = delete;
  immovable& operator=(immovable&&) = delete;
  ~immovable() = default;
  [[nodiscard]] int get_value() const { return value; }
  int value;
};

struct move_only : tracked<move_only> {
  static constexpr const char* name = "move_only";
  explicit move_only(int v) : value(std::make_unique<int>(v)) {}
  [[nodiscard]] int get_value() const { return *value; }
  std::unique_ptr<int> value;
};

struct alignas(64) over_aligned : tracked<over_aligned> {
  static constexpr const char* name = "over_aligned";
  explicit over_aligned(int v) : value(v) {}
  [[nodiscard]] int get_value() const { return value; }
  int value;
};

struct non_trivial : tracked<non_trivial> {
  static constexpr const char* name = "non_trivially_destructible";
  // Long enough to live on the heap: a missing destruction leaks (seen by ASan / valgrind).
  explicit non_trivial(int v) : text(std::to_string(v) + std::string(40, '.')) {}
  [[nodiscard]] int get_value() const { return std::stoi(text); }
  std::string text;
};

template <class T>
bool is_aligned(const T* p) {
  return reinterpret_cast<std::uintptr_t>(p) % alignof(T) == 0;
}

template <class T>
auto make_from_index(int first) {
  return [first](std::size_t i) { return T(first + static_cast<int>(i)); };  // prvalue
}

// A GoogleTest fixture: its destructor is testing::Test's, which both checks below flag.
template <class T>
// NOLINTNEXTLINE(cppcoreguidelines-special-member-functions,cppcoreguidelines-virtual-class-destructor)
class ElementTypes : public ::testing::Test {
 protected:
  using allocator_type = arena_arc::Allocator<T, std::uint32_t, 4>;

  static void expect_slice(const arena_arc::ArcSlice<T>& s, int first, std::size_t len) {
    ASSERT_EQ(s.size(), len);
    for (std::size_t i = 0; i < len; ++i) {
      EXPECT_EQ(s[i].get_value(), first + static_cast<int>(i));
      EXPECT_TRUE(is_aligned(&s[i])) << "element " << i;
    }
  }

  ~ElementTypes() override { EXPECT_EQ(tracked<T>::live(), 0) << "an element was not destroyed"; }
};

using AllElementTypes = ::testing::Types<immovable, move_only, over_aligned, non_trivial>;
TYPED_TEST_SUITE(ElementTypes, AllElementTypes, arena_arc_testing::type_names);

TYPED_TEST(ElementTypes, AllocBuildsFromAPrvalueOnEveryPlacementPath) {
  typename TestFixture::allocator_type a;
  const auto first = a.alloc(3, make_from_index<TypeParam>(0));
  const auto switched = a.alloc(2, make_from_index<TypeParam>(10));  // new chunk (room 1 < 2)
  const auto dedicated = a.alloc(9, make_from_index<TypeParam>(20));
  const auto fits = a.alloc(2, make_from_index<TypeParam>(40));

  TestFixture::expect_slice(first, 0, 3);
  TestFixture::expect_slice(switched, 10, 2);
  TestFixture::expect_slice(dedicated, 20, 9);
  TestFixture::expect_slice(fits, 40, 2);
  EXPECT_EQ(fits.data(), switched.data() + 2);
  EXPECT_EQ(tracked<TypeParam>::live(), 16);
}

TYPED_TEST(ElementTypes, AllocSingleAndEmplaceBuildInPlace) {
  typename TestFixture::allocator_type a;
  const auto single = a.alloc_single([] { return TypeParam(5); });
  const auto emplaced = a.emplace(6);

  EXPECT_EQ(single->get_value(), 5);
  EXPECT_EQ(emplaced->get_value(), 6);
  EXPECT_TRUE(is_aligned(&single.get()));
  EXPECT_TRUE(is_aligned(&emplaced.get()));
  EXPECT_EQ(&emplaced.get(), &single.get() + 1);
  EXPECT_EQ(tracked<TypeParam>::live(), 2);
}

TYPED_TEST(ElementTypes, EveryElementIsDestroyedWhenItsChunkDies) {
  {
    typename TestFixture::allocator_type a;
    for (int round = 0; round < 12; ++round) {
      (void)a.alloc(static_cast<std::size_t>(round % 6), make_from_index<TypeParam>(round));
    }
    EXPECT_GT(tracked<TypeParam>::live(), 0) << "the allocator still holds its current chunk";
  }
  EXPECT_EQ(tracked<TypeParam>::live(), 0);
}

TYPED_TEST(ElementTypes, HandlesKeepThemAliveAfterTheAllocatorIsGone) {
  arena_arc::ArcSlice<TypeParam> kept;  // empty until assigned
  {
    typename TestFixture::allocator_type a;
    kept = a.alloc(6, make_from_index<TypeParam>(1));
  }
  TestFixture::expect_slice(kept, 1, 6);
  kept = {};
  EXPECT_EQ(tracked<TypeParam>::live(), 0);
}

// The members that move or copy a T: only for the types that allow it.
template <class T>
class MovableElementTypes : public ElementTypes<T> {};

using Movable = ::testing::Types<move_only, over_aligned, non_trivial>;
TYPED_TEST_SUITE(MovableElementTypes, Movable, arena_arc_testing::type_names);

TYPED_TEST(MovableElementTypes, AllocValueAndTheTryVariantsMoveTheValueIn) {
  typename TestFixture::allocator_type a;
  const auto value = a.alloc_value(TypeParam(1));
  const auto tried = a.try_alloc(2, [](std::size_t i) {
    return std::optional<TypeParam>(std::in_place, 10 + static_cast<int>(i));
  });
  const auto tried_single = a.try_alloc_single([] { return std::optional<TypeParam>(20); });

  EXPECT_EQ(value->get_value(), 1);
  ASSERT_TRUE(tried.has_value());
  TestFixture::expect_slice(*tried, 10, 2);
  ASSERT_TRUE(tried_single.has_value());
  EXPECT_EQ((*tried_single)->get_value(), 20);
  EXPECT_TRUE(is_aligned(&value.get()));
  EXPECT_TRUE(is_aligned(&(*tried_single).get()));
  EXPECT_EQ(tracked<TypeParam>::live(), 4);
}

template <class T>
class CopyableElementTypes : public ElementTypes<T> {};

using Copyable = ::testing::Types<over_aligned, non_trivial>;
TYPED_TEST_SUITE(CopyableElementTypes, Copyable, arena_arc_testing::type_names);

TYPED_TEST(CopyableElementTypes, AllocCopyCopiesEveryElement) {
  typename TestFixture::allocator_type a;
  std::vector<TypeParam> source;
  source.reserve(7);
  for (int i = 0; i < 7; ++i) source.emplace_back(i);
  const auto copy = a.alloc_copy(source);

  TestFixture::expect_slice(copy, 0, 7);
  EXPECT_EQ(source[6].get_value(), 6) << "the source is left intact";
  EXPECT_EQ(tracked<TypeParam>::live(), 14);
}

TEST(OverAlignedElements, AreAlignedInEveryChunkKindAndIndexType) {
  struct alignas(128) page_aligned {
    unsigned char byte;
  };
  arena_arc::Allocator<page_aligned, std::uint8_t, 3> a;
  std::vector<arena_arc::ArcSlice<page_aligned, std::uint8_t>> slices;
  for (const int len : {1, 2, 3, 5, 1, 1, 2, 200}) {
    slices.push_back(
        a.alloc(len, [](std::size_t i) { return page_aligned{static_cast<unsigned char>(i)}; }));
  }
  for (const auto& s : slices) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      EXPECT_TRUE(is_aligned(&s[i]));
      EXPECT_EQ(s[i].byte, i);
    }
  }
  EXPECT_EQ(a.stats().dedicated_chunks, 2u);
}

}  // namespace
