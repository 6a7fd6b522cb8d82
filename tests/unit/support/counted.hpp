// Test support: an element type that records every construction and destruction, in order, in
// one global log, so tests can assert "exactly once" and "in reverse order of construction".
#ifndef ARENA_ARC_TESTS_UNIT_SUPPORT_COUNTED_HPP
#define ARENA_ARC_TESTS_UNIT_SUPPORT_COUNTED_HPP

#include <algorithm>
#include <cstddef>
#include <vector>

namespace arena_arc_test {

/// Ids of Counted objects in the order they were constructed and destroyed (any constructor
/// counts, including copies and moves, which carry the id of their source).
struct lifecycle_log {
  std::vector<int> constructed;
  std::vector<int> destroyed;

  [[nodiscard]] std::ptrdiff_t live() const noexcept {
    return static_cast<std::ptrdiff_t>(constructed.size()) -
           static_cast<std::ptrdiff_t>(destroyed.size());
  }
  /// How many times `id` was destroyed.
  [[nodiscard]] std::ptrdiff_t destructions_of(int id) const {
    return std::count(destroyed.begin(), destroyed.end(), id);
  }
  void clear() {
    constructed.clear();
    destroyed.clear();
  }
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

/// A nothrow-destructible element that logs its life. Its destructor overwrites the id with
/// `poison`, so a read of a destroyed element shows up as a wrong value (and as a use after
/// free under ASan or valgrind once the chunk is gone).
class Counted {
 public:
  static constexpr int poison = -0xDEAD;

  explicit Counted(int id) : id_(id) { lifecycle().constructed.push_back(id_); }
  Counted(const Counted& other) : id_(other.id_) { lifecycle().constructed.push_back(id_); }
  Counted(Counted&& other) noexcept : id_(other.id_) { record_construction(); }
  Counted& operator=(const Counted&) = delete;
  Counted& operator=(Counted&&) = delete;
  ~Counted() {
    record_destruction();
    id_ = poison;
  }

  [[nodiscard]] int id() const noexcept { return id_; }

 private:
  // A failed push_back in a noexcept member terminates the test run, which is the right outcome
  // for a test helper that cannot keep its log.
  void record_construction() noexcept { lifecycle().constructed.push_back(id_); }
  void record_destruction() noexcept { lifecycle().destroyed.push_back(id_); }

  int id_;
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

}  // namespace arena_arc_test

#endif  // ARENA_ARC_TESTS_UNIT_SUPPORT_COUNTED_HPP
