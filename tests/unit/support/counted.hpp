// Test support: the unit tests' element, the shared counted element over one logging ledger, so
// tests can assert "exactly once" and "in reverse order of construction" on the ids in order.
#ifndef ARENA_ARC_TESTS_UNIT_SUPPORT_COUNTED_HPP
#define ARENA_ARC_TESTS_UNIT_SUPPORT_COUNTED_HPP

#include <arena_arc_testing/counted.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace arena_arc_testing {

/// Ids of Counted objects in the order they were constructed and destroyed (any constructor
/// counts, including copies and moves, which carry the id of their source).
class lifecycle_log {
 public:
  [[nodiscard]] counter_set& ledger() noexcept { return set_; }

  [[nodiscard]] std::vector<int> constructed() const { return as_ints(set_.constructed_log()); }
  [[nodiscard]] std::vector<int> destroyed() const { return as_ints(set_.destroyed_log()); }
  [[nodiscard]] std::ptrdiff_t live() const noexcept {
    return static_cast<std::ptrdiff_t>(set_.constructed_log().size()) -
           static_cast<std::ptrdiff_t>(set_.destroyed_log().size());
  }
  /// How many times `id` was destroyed.
  [[nodiscard]] std::ptrdiff_t destructions_of(int id) const {
    const std::vector<std::uint64_t>& log = set_.destroyed_log();
    return std::count(log.begin(), log.end(), id_of(id));
  }
  void clear() { set_.reset(); }

  /// Ids are ints here, stored as the ledger's 64-bit ids (two's complement both ways).
  static std::uint64_t id_of(int id) noexcept {
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(id));
  }
  static int int_of(std::uint64_t id) noexcept {
    return static_cast<int>(static_cast<std::int64_t>(id));
  }

 private:
  static std::vector<int> as_ints(const std::vector<std::uint64_t>& ids) {
    std::vector<int> out;
    out.reserve(ids.size());
    for (const std::uint64_t id : ids) out.push_back(int_of(id));
    return out;
  }

  counter_set set_{counter_set::options{.keep_log = true}};
};

/// The one log (tests run one at a time in a process).
inline lifecycle_log& lifecycle() {
  static lifecycle_log log;
  return log;
}

/// Clears the log when a test starts and when it ends, so that no test sees another's events.
class lifecycle_scope {
 public:
  lifecycle_scope() { lifecycle().clear(); }
  lifecycle_scope(const lifecycle_scope&) = delete;
  lifecycle_scope& operator=(const lifecycle_scope&) = delete;
  ~lifecycle_scope() { lifecycle().clear(); }
};

/// The ledger's home: the one log.
struct lifecycle_home {
  static counter_set& ledger() noexcept { return lifecycle().ledger(); }
};

/// A nothrow-destructible element that logs its life; copies and moves carry the id. Its
/// destructor overwrites the id, so a read of a destroyed element shows `poison` (and a use
/// after free under ASan or valgrind once the chunk is gone).
class Counted : public counted<copy_identity::carry, move_identity::carry, lifecycle_home> {
 public:
  static constexpr int poison = static_cast<int>(static_cast<std::int64_t>(dead_id));

  explicit Counted(int id) : counted(lifecycle().ledger(), lifecycle_log::id_of(id)) {}

  [[nodiscard]] int id() const noexcept { return lifecycle_log::int_of(counted::id()); }
};

/// The ids of a range of Counted, in order.
template <class Range>
[[nodiscard]] std::vector<int> ids_of(const Range& range) {
  std::vector<int> ids;
  for (const Counted& c : range) ids.push_back(c.id());
  return ids;
}

/// first, first + 1, ..., first + count - 1.
[[nodiscard]] inline std::vector<int> id_sequence(int first, std::size_t count) {
  std::vector<int> ids(count);
  for (std::size_t i = 0; i < count; ++i) ids[i] = first + static_cast<int>(i);
  return ids;
}

/// An init for alloc(): element i gets id first + i, constructed in place (prvalue).
[[nodiscard]] inline auto counted_from(int first) {
  return [first](std::size_t i) { return Counted(first + static_cast<int>(i)); };
}

}  // namespace arena_arc_testing

#endif  // ARENA_ARC_TESTS_UNIT_SUPPORT_COUNTED_HPP
