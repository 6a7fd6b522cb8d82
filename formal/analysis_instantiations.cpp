// The translation unit the static analyzers see whole (scripts/static_analysis.sh): it includes
// every public header and instantiates every member of Allocator, ArcSlice, ArcSingle and
// SliceBuilder, and the comparisons, hashes and text output, for each index type, both refcount
// policies and element types that take each code path (trivial, non-trivially destructible,
// over-aligned, immovable, empty), with the default, a pmr and a runtime-capacity upstream,
// and the error paths. It is also an ordinary ctest program: every
// operation's observable result is checked, and a mismatch exits with status 1.
#include <arena_arc/arena_arc.hpp>

#include <array>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <list>
#include <memory_resource>
#include <optional>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <arena_arc_testing/instantiations.hpp>

namespace {

int failures = 0;
const char* first_failure = "";

// Records a failed check; main prints the result. No call the analyzer cannot see happens
// while handles are alive: an opaque call (printf) makes it forget every reference count, and
// it would then report each later use of a chunk as a use after free on the path where the
// count it no longer knows was 1.
void expect(bool ok, const char* what) {
  if (!ok) {
    if (failures == 0) first_failure = what;
    ++failures;
  }
}

struct alignas(64) over_aligned {
  std::uint64_t value;
};

struct immovable {
  explicit immovable(int v) : value(v) {}
  immovable(const immovable&) = delete;
  immovable& operator=(const immovable&) = delete;
  immovable(immovable&&) = delete;
  immovable& operator=(immovable&&) = delete;
  ~immovable() = default;
  int value;
};

struct empty {};

/// Element i of the test data for each element type.
template <class T>
T make(std::size_t i) {
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string(40, static_cast<char>('a' + i % 26));  // beyond the small-string buffer
  } else if constexpr (std::is_same_v<T, over_aligned>) {
    return over_aligned{i * 3};
  } else if constexpr (std::is_same_v<T, empty>) {
    return empty{};
  } else {
    return static_cast<T>(i % 100);
  }
}

template <class T>
bool same(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, over_aligned>) {
    return a.value == b.value;
  } else if constexpr (std::is_same_v<T, empty>) {
    return true;
  } else {
    return a == b;
  }
}

/// Every member of the three class templates for one (T, L, RC).
template <class T, class L, class RC>
void exercise_all(std::pmr::memory_resource* upstream) {
  using allocator = arena_arc::Allocator<T, L, 16, RC>;
  using slice = arena_arc::ArcSlice<T, L, RC>;
  using single = arena_arc::ArcSingle<T, L, RC>;

  allocator a(upstream);
  allocator sized(std::int64_t{8});
  const auto init = [](std::size_t i) { return make<T>(i); };

  slice s = a.alloc(10, init);
  expect(s.size() == 10 && !s.empty() && same(s[3], make<T>(3)) && same(s.front(), make<T>(0)) &&
             same(s.back(), make<T>(9)) && same(s.at(9), make<T>(9)),
         "alloc and element access");
  expect(reinterpret_cast<std::uintptr_t>(s.data()) % alignof(T) == 0, "alignment");
  // Copy-initialisation picks the conversion operator of each value category (direct
  // initialisation would pick std::span's range constructor). No pointer arithmetic here: this
  // unit is also the whole-API consumer of the Safe Buffers check (scripts/safe_buffers.sh).
  const std::span<const T> view = s;
  const std::span<const T> const_view = std::as_const(s);
  expect(view.size() == 10 && const_view.data() == s.data() && s.get().data() == s.data() &&
             s.end() - s.begin() == 10,
         "span");
  const slice part = s.subslice(2, 3);
  expect(part.data() == &s[2] && same(part[1], make<T>(3)) && s.first(4).size() == 4 &&
             s.last(4).data() == &s[6],
         "subslice, first, last");

  slice copy = s;
  slice moved = std::move(copy);
  slice assigned;
  assigned = moved;
  assigned = std::move(moved);
  swap(assigned, copy);
  copy.swap(assigned);
  expect(copy.empty() && assigned.data() == s.data(), "copy, move, swap");

  std::optional<slice> tried =
      a.try_alloc(3, [](std::size_t i) -> std::optional<T> { return make<T>(i); });
  std::optional<slice> refused = a.try_alloc(3, [](std::size_t i) -> std::optional<T> {
    if (i == 2) return std::nullopt;
    return make<T>(i);
  });
  expect(tried.has_value() && tried->size() == 3 && !refused.has_value(), "try_alloc");

  single one = a.alloc_single([] { return make<T>(5); });
  single value = a.alloc_value(make<T>(6));
  std::optional<single> maybe = a.try_alloc_single([]() -> std::optional<T> { return make<T>(7); });
  expect(same(*one, make<T>(5)) && same(value.get(), make<T>(6)) && maybe.has_value() &&
             same(**maybe, make<T>(7)),
         "singles");
  if constexpr (std::is_same_v<T, over_aligned>) {
    expect(one->value == 15, "operator->");
  }

  const slice as_slice = one.to_slice();
  const single back = single::from_slice(as_slice);
  const std::optional<single> not_one = single::try_from_slice(s);
  const slice from_single{single(back)};
  expect(as_slice.size() == 1 && &back.get() == &one.get() && !not_one.has_value() &&
             from_single.data() == &one.get(),
         "conversions");

  if constexpr (std::is_copy_constructible_v<T>) {
    const std::vector<T> contiguous = {make<T>(1), make<T>(2), make<T>(3)};
    const std::list<T> linked = {make<T>(4), make<T>(5)};
    const slice c1 = a.alloc_copy(contiguous);
    const slice c2 = sized.alloc_copy(linked);
    expect(c1.size() == 3 && same(c1[2], make<T>(3)) && same(c2[1], make<T>(5)), "alloc_copy");
  }
  if constexpr (std::is_constructible_v<T, T>) {
    const single placed = a.emplace(make<T>(8));
    expect(same(*placed, make<T>(8)), "emplace");
  }

  const slice big = a.alloc(40, init);  // dedicated chunk
  expect(big.size() == 40 && a.stats().dedicated_chunks == 1, "dedicated chunk");
  expect(allocator::alloc_empty().empty() && a.alloc(0, init).empty(), "empty slices");
  expect(a.chunk_capacity() == 16 && sized.chunk_capacity() == 8, "chunk_capacity");
  expect(a.stats() != sized.stats() && a.stats() == a.stats(), "stats comparison");

  // Slices of unknown length (past the room: a standard, then a dedicated chunk), one left
  // unfinished; zero-copy reads for trivially copyable T.
  {
    auto b = a.builder();
    for (std::size_t i = 0; i < 20; ++i) b.push_back(make<T>(i));
    b.append(std::vector<T>{make<T>(1), make<T>(2)});
    b.emplace_back(make<T>(3));
    const slice built = std::move(b).finish();
    expect(built.size() == 23 && same(built[22], make<T>(3)), "builder");
    auto unfinished = a.builder();
    unfinished.push_back(make<T>(4));
  }
  if constexpr (std::is_trivially_copyable_v<T>) {
    const slice read = a.alloc_for_overwrite(8, [](std::span<T> room) {
      for (T& x : room.first(5)) x = make<T>(7);
      return 5;
    });
    expect(read.size() == 5 && same(read[4], make<T>(7)), "alloc_for_overwrite");
  }
  // Comparison and hashing where T has them.
  if constexpr (std::equality_comparable<T>) {
    const slice again = a.alloc_copy(std::vector<T>(s.begin(), s.end()));
    expect(again == s && s == again.get() && again != part, "slice equality");
    expect(one == single(one) && one == make<T>(5), "single equality");
    if constexpr (std::three_way_comparable<T>) {
      expect((again <=> s) == 0 && (one <=> make<T>(5)) == 0 && (one <=> single(one)) == 0,
             "order");
    }
    if constexpr (arena_arc::detail::std_hashable<T>) {
      expect(std::hash<slice>{}(again) == arena_arc::slice_hash{}(s) &&
                 arena_arc::slice_equal{}(again, s.get()) &&
                 std::hash<single>{}(one) == std::hash<T>{}(*one),
             "hashing");
    }
  }

  a.set_recycle_limit(a.recycle_limit() + 1);
  allocator taken(std::move(a));
  allocator target;
  target = std::move(taken);
  const slice after_move = target.alloc(2, init);
  expect(after_move.size() == 2 && target.stats().elements_allocated >= 10, "allocator moves");

  // Errors always checked.
  bool length_error = false;
  try {
    static_cast<void>(sized.alloc(-1, init));
  } catch (const std::length_error&) {
    length_error = true;
  }
  bool out_of_range = false;
  try {
    static_cast<void>(s.subslice(8, 3));
  } catch (const std::out_of_range&) {
    out_of_range = true;
  }
  bool invalid_argument = false;
  try {
    static_cast<void>(single::from_slice(s));
  } catch (const std::invalid_argument&) {
    invalid_argument = true;
  }
  expect(length_error && out_of_range && invalid_argument, "documented errors");
}

/// Immovable elements: prvalue init and emplace only.
template <class L, class RC>
void exercise_immovable() {
  arena_arc::Allocator<immovable, L, 4, RC> a;
  const auto s = a.alloc(6, [](std::size_t i) { return immovable(static_cast<int>(i)); });
  const auto one = a.emplace(9);
  const auto other = a.alloc_single([] { return immovable(10); });
  expect(s[5].value == 5 && one->value == 9 && other->value == 10, "immovable elements");
}

template <class L, class RC>
void exercise_index_type(std::pmr::memory_resource* upstream) {
  exercise_all<int, L, RC>(upstream);
  exercise_all<std::uint64_t, L, RC>(upstream);
  exercise_all<std::string, L, RC>(upstream);
  exercise_all<over_aligned, L, RC>(upstream);
  exercise_all<empty, L, RC>(upstream);
  exercise_immovable<L, RC>();
}

// ARENA_ARC_FORMAL_ANALYSIS_SMALL (the gate's static analyzer run) keeps the smallest and the
// default index type, which take every width-dependent path (a uint8_t length limit, a
// full-width one), in about half the analyzer's time; otherwise all four.
#if defined(ARENA_ARC_FORMAL_ANALYSIS_SMALL)
using analysed_index_types = arena_arc_testing::type_list<std::uint8_t, std::uint32_t>;
#else
using analysed_index_types = arena_arc_testing::index_types;
#endif

template <class RC>
void exercise_policy(std::pmr::memory_resource* upstream) {
  arena_arc_testing::for_each_type(analysed_index_types{},
                                   [upstream]<class L>() { exercise_index_type<L, RC>(upstream); });
}

void record_violation(const arena_arc::violation_info& info) { throw std::logic_error(info.check); }

}  // namespace

namespace {

int run_all() {
  // ARENA_ARC_FORMAL_ANALYSIS_PART 0 or 1 keeps one policy, so that the analyzer can run the
  // two halves in parallel; undefined (the ctest program), both.
  std::pmr::unsynchronized_pool_resource pool;
#if !defined(ARENA_ARC_FORMAL_ANALYSIS_PART) || ARENA_ARC_FORMAL_ANALYSIS_PART == 0
  exercise_policy<arena_arc::atomic_refcount>(std::pmr::new_delete_resource());
#endif
#if !defined(ARENA_ARC_FORMAL_ANALYSIS_PART) || ARENA_ARC_FORMAL_ANALYSIS_PART == 1
  exercise_policy<arena_arc::local_refcount>(&pool);
#endif

  {
    // Text: a slice of characters as a string view, a stream and a hash key.
    arena_arc::Allocator<char> chars;
    const auto word = chars.alloc_copy(std::string_view("word"));
    std::ostringstream out;
    out << word;
    expect(
        word.view() == "word" && out.str() == "word" && word == std::string_view("word") &&
            std::hash<arena_arc::ArcSlice<char>>{}(word) == std::hash<std::string_view>{}("word"),
        "text");
  }

  const arena_arc::violation_handler previous = arena_arc::set_violation_handler(&record_violation);
  bool violated = false;
  try {
    arena_arc::ArcSlice<int> none;
    static_cast<void>(none.front());
  } catch (const std::logic_error&) {
    violated = true;
  }
  expect(arena_arc::get_violation_handler() == &record_violation, "handler installed");
  arena_arc::set_violation_handler(previous);
  expect(violated || ARENA_ARC_HARDENING == ARENA_ARC_HARDENING_NONE, "front() on empty");

  if (failures != 0) {
    std::printf("analysis_instantiations: FAILED %d checks, the first: %s\n", failures,
                first_failure);
    return 1;
  }
  std::printf("analysis_instantiations: every check passed\n");
  return 0;
}

}  // namespace

int main() {
  try {
    return run_all();
  } catch (const std::exception& e) {
    std::printf("analysis_instantiations: FAILED, unexpected exception: %s\n", e.what());
  }
  return 1;
}
