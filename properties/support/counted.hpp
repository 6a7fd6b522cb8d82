// The element type of the properties: the shared counted element, reporting to one global ledger,
// so that properties can see which elements are alive, in which order they died, and catch an
// element destroyed twice (or one destroyed that was never built).
#pragma once

#include <arena_arc_testing/counted.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace props {

/// Thrown by test `init` functions and by Counted's constructor to inject a failure.
struct injected_failure {};

/// The global record of Counted objects, over a logging counter_set. Only objects that carry
/// an element identity are tracked: a moved-from Counted is hollow (its identity went to the new
/// object) and is not counted.
class tracker {
 public:
  static tracker& get() {
    static tracker t;
    return t;
  }

  [[nodiscard]] arena_arc_testing::counter_set& ledger() noexcept { return set_; }

  /// Forgets everything (start of a test case).
  void reset() { set_.reset(); }
  /// Forgets the logs only (start of one step of a test case).
  void clear_log() { set_.clear_log(); }

  /// id -> number of live objects carrying it (1 for every element of a consistent test).
  [[nodiscard]] const std::map<std::uint64_t, std::ptrdiff_t>& live() const {
    return set_.live_ids();
  }
  [[nodiscard]] std::size_t live_count() const {
    std::size_t n = 0;
    for (const auto& [id, count] : set_.live_ids()) n += static_cast<std::size_t>(count);
    return n;
  }
  /// Identities destroyed since the last reset() / clear_log(), in destruction order.
  [[nodiscard]] const std::vector<std::uint64_t>& destroyed_log() const {
    return set_.destroyed_log();
  }
  [[nodiscard]] std::vector<std::string> errors() const {
    std::vector<std::string> e;
    if (set_.unknown_destroys() != 0) {
      e.push_back(std::to_string(set_.unknown_destroys()) +
                  " element(s) destroyed while not alive");
    }
    if (set_.bad_destroys() != 0) {
      e.push_back(std::to_string(set_.bad_destroys()) + " Counted object(s) destroyed twice");
    }
    return e;
  }

 private:
  tracker() = default;

  arena_arc_testing::counter_set set_{arena_arc_testing::counter_set::options{.keep_log = true}};
};

/// The ledger's home: the tracker's.
struct tracker_home {
  static arena_arc_testing::counter_set& ledger() noexcept { return tracker::get().ledger(); }
};

/// An element with an identity: copies carry it, moves hand it over. Constructible from its id
/// (implicitly, so that ranges of std::uint64_t can be copied into an arena); the constructor
/// throws injected_failure when the id carries `poison`, which lets alloc_copy fail at a chosen
/// index.
class Counted
    : public arena_arc_testing::counted<arena_arc_testing::copy_identity::carry,
                                        arena_arc_testing::move_identity::hand_over, tracker_home> {
 public:
  static constexpr std::uint64_t poison = std::uint64_t{1} << 63;

  // NOLINTNEXTLINE(google-explicit-constructor): alloc_copy needs uint64_t -> Counted.
  Counted(std::uint64_t id) : counted(tracker::get().ledger(), unpoisoned(id)) {}

 private:
  static std::uint64_t unpoisoned(std::uint64_t id) {
    if ((id & poison) != 0) throw injected_failure{};
    return id;
  }
};

}  // namespace props
