// formal/: what the compile-time scenarios (constexpr_*.cpp) are built from.
//
// A scenario is a constexpr function returning true when every expectation held. It runs inside
// static_assert, so besides its own expectations the compiler checks each step: undefined
// behaviour, a read outside an object's lifetime, a double destruction or memory allocated and
// not freed by the end of the evaluation make the static_assert ill-formed.
//
// `counted` elements record their construction and destruction in an `event_log` owned by the
// scenario, so that "exactly once, in reverse order, only when the last owner goes" is checked
// event by event.
#ifndef ARENA_ARC_FORMAL_SUPPORT_CONSTEXPR_WORLD_HPP
#define ARENA_ARC_FORMAL_SUPPORT_CONSTEXPR_WORLD_HPP

#include <arena_arc/arena_arc.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <iterator>
#include <utility>

namespace formal {

/// Construction and destruction events of `counted` elements, in order.
struct event_log {
  static constexpr std::size_t capacity = 1024;
  std::array<int, capacity> constructed{};
  std::array<int, capacity> destroyed{};
  std::size_t constructions = 0;
  std::size_t destructions = 0;

  [[nodiscard]] constexpr std::size_t live() const { return constructions - destructions; }

  /// Whether the destructions so far are exactly `ids`, in this order.
  [[nodiscard]] constexpr bool destroyed_exactly(std::initializer_list<int> ids) const {
    if (ids.size() != destructions) return false;
    std::size_t i = 0;
    for (const int id : ids) {
      if (destroyed[i++] != id) return false;
    }
    return true;
  }

  /// Whether the destructions after the first `from` are ids first..last in descending order.
  [[nodiscard]] constexpr bool destroyed_descending(std::size_t from, int first, int last) const {
    if (destructions - from != static_cast<std::size_t>(last - first + 1)) return false;
    for (int id = last; id >= first; --id) {
      if (destroyed[from++] != id) return false;
    }
    return true;
  }

  /// Whether every element ever constructed has been destroyed exactly once: each id occurs
  /// as often among the destructions as among the constructions.
  [[nodiscard]] constexpr bool balanced() const {
    if (constructions != destructions) return false;
    for (std::size_t i = 0; i < constructions; ++i) {
      std::size_t made = 0;
      std::size_t gone = 0;
      for (std::size_t j = 0; j < constructions; ++j) {
        made += constructed[j] == constructed[i] ? 1U : 0U;
        gone += destroyed[j] == constructed[i] ? 1U : 0U;
      }
      if (made != gone) return false;
    }
    return true;
  }
};

/// An element that logs its life. A move transfers the identity (the moved-from object logs
/// nothing when it dies), so the temporaries of constant evaluation's construct_at do not
/// count; a copy is a new element with the same id.
class counted {
 public:
  static constexpr int moved_from = -1;

  constexpr counted(event_log& log, int id) : log_(&log), id_(id) {
    log.constructed[log.constructions++] = id;
  }
  constexpr counted(const counted& other) : log_(other.log_), id_(other.id_) {
    log_->constructed[log_->constructions++] = id_;
  }
  constexpr counted(counted&& other) noexcept
      : log_(other.log_), id_(std::exchange(other.id_, moved_from)) {}
  counted& operator=(const counted&) = delete;
  counted& operator=(counted&&) = delete;
  constexpr ~counted() {
    if (id_ != moved_from) log_->destroyed[log_->destructions++] = id_;
  }

  [[nodiscard]] constexpr int id() const { return id_; }

 private:
  event_log* log_;
  int id_;
};

/// init for alloc: element i gets id base + i.
constexpr auto ids_from(event_log& log, int base) {
  return [&log, base](std::size_t i) { return counted(log, base + static_cast<int>(i)); };
}

/// Whether a slice of counted holds ids base, base + 1, ...
template <class Slice>
constexpr bool holds_ids(const Slice& s, int base, std::size_t length) {
  if (s.size() != length) return false;
  for (std::size_t i = 0; i < length; ++i) {
    if (s[i].id() != base + static_cast<int>(i)) return false;
  }
  return true;
}

/// Whether a slice of int holds first, first + step, ...
template <class Slice>
constexpr bool holds_sequence(const Slice& s, int first, int step, std::size_t length) {
  if (s.size() != length) return false;
  int expected = first;
  for (const int v : s) {
    if (v != expected) return false;
    expected += step;
  }
  return true;
}

/// Whether b's elements directly follow a's in the same chunk. Only for an `a` that does not
/// end its chunk: comparing a past-the-end pointer with a pointer into another allocation is
/// unspecified, hence not a constant expression (nor is ordering pointers across allocations).
template <class A, class B>
constexpr bool adjacent(const A& a, const B& b) {
  return a.data() + a.size() == b.data();
}

constexpr arena_arc::AllocatorStats stats_of(std::size_t chunks_allocated,
                                             std::size_t dedicated_chunks,
                                             std::size_t elements_allocated,
                                             std::size_t elements_wasted) {
  arena_arc::AllocatorStats s;
  s.chunks_allocated = chunks_allocated;
  s.dedicated_chunks = dedicated_chunks;
  s.elements_allocated = elements_allocated;
  s.elements_wasted = elements_wasted;
  return s;  // chunks_reused stays 0: constant evaluation never recycles
}

/// A scenario instantiated for both reference-count policies.
struct scenario {
  const char* name;
  bool (*with_atomic)();
  bool (*with_local)();
};

/// Each scenario of `table` runs in its own constant evaluation (its own instantiation, which
/// the compiler names in a diagnostic), for both policies.
template <const auto& table, std::size_t I>
inline constexpr bool proven = table[I].with_atomic() && table[I].with_local();

template <const auto& table, std::size_t... I>
constexpr std::size_t count_proven(std::index_sequence<I...>) {
  static_assert((proven<table, I> && ...),
                "a compile-time scenario failed (the diagnostic names proven<table, index>)");
  return sizeof...(I) * 2;  // two policies each
}

/// The main() of a scenario file: `table` is proven at compile time (count_proven), then the
/// scenario names and the number of runs are printed under `suite`'s name.
template <const auto& table>
int report_proven(const char* suite) {
  constexpr std::size_t runs = count_proven<table>(std::make_index_sequence<std::size(table)>{});
  for (const scenario& s : table) std::printf("  proven: %s\n", s.name);
  std::printf("constexpr %s: %zu scenarios proven at compile time\n", suite, runs);
  return 0;
}

}  // namespace formal

/// The table entry of scenario template `fn<RC>` for both policies.
// clang-format off (it would split `fn<` into `fn <`)
#define ARENA_ARC_FORMAL_SCENARIO(fn) \
  ::formal::scenario { #fn, &fn<::arena_arc::atomic_refcount>, &fn<::arena_arc::local_refcount> }
// clang-format on

#endif  // ARENA_ARC_FORMAL_SUPPORT_CONSTEXPR_WORLD_HPP
