// Test support for the concurrency tests: shared counted elements that check they are destroyed
// exactly once and read intact, a runner that executes workers on threads (atomic_refcount) or one
// after another on the calling thread (local_refcount), and the iteration count.
#ifndef ARENA_ARC_TESTS_THREADS_TRACKED_HPP
#define ARENA_ARC_TESTS_THREADS_TRACKED_HPP

#include <arena_arc/arena_arc.hpp>
#include <arena_arc_testing/counted.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace arena_arc_test {

/// ARENA_ARC_STRESS_ITERS, or a default sized for about a second (two under ThreadSanitizer).
inline std::size_t stress_iterations() {
  const char* text = std::getenv("ARENA_ARC_STRESS_ITERS");
  if (text == nullptr || *text == '\0') return 10000;
  return static_cast<std::size_t>(std::stoull(text));
}

/// The shared ledger with per-id destruction counts for the ids next_id() hands out, under the
/// names the concurrency tests assert on.
class registry : public arena_arc_testing::counter_set {
 public:
  explicit registry(std::size_t capacity) : counter_set(options{.id_capacity = capacity}) {}

  /// A fresh id; past the capacity the test sized the registry too small and the run aborts.
  std::uint32_t next_id() { return static_cast<std::uint32_t>(next_serial()); }

  /// Ids handed out so far.
  [[nodiscard]] std::size_t constructed() const {
    return static_cast<std::size_t>(serials_issued());
  }
  /// Elements destroyed at least once.
  [[nodiscard]] std::size_t destroyed() const { return ids_destroyed_at_least(1); }
  /// Elements destroyed more than once (must stay 0).
  [[nodiscard]] std::size_t destroyed_twice() const { return ids_destroyed_at_least(2); }
  /// Elements destroyed or read while not intact.
  [[nodiscard]] std::size_t damaged() const { return bad_destroys() + bad_reads(); }
};

/// An element sealed over its id, so that a read of freed or reused memory shows up as a
/// damaged element. Not copyable: every element is made in place.
class tracked : public arena_arc_testing::counted<> {
 public:
  tracked(registry& r, std::uint32_t id) : counted(r, id) {}
  tracked(const tracked&) = delete;
  tracked& operator=(const tracked&) = delete;
  ~tracked() = default;
};

/// Reads every element of a range of tracked, reporting damaged ones.
template <class Range>
void check_all(registry& r, const Range& elements) {
  for (const tracked& t : elements) {
    if (!t.intact()) r.on_bad_read();
  }
}

/// xorshift64: a cheap per-worker pseudo-random sequence (wraps around by design: exempt from
/// clang's unsigned-overflow checks).
class rng {
 public:
  ARENA_ARC_ALLOW_UNSIGNED_WRAP explicit rng(std::uint64_t seed)
      : state_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  ARENA_ARC_ALLOW_UNSIGNED_WRAP std::size_t below(std::size_t n) {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return static_cast<std::size_t>(state_ % n);
  }

 private:
  std::uint64_t state_;
};

/// Chunks of 16 elements: slices longer than that get dedicated chunks.
template <class RC>
using tracked_allocator = arena_arc::Allocator<tracked, std::uint32_t, 16, RC>;
template <class RC>
using tracked_slice = arena_arc::ArcSlice<tracked, std::uint32_t, RC>;
template <class RC>
using tracked_single = arena_arc::ArcSingle<tracked, std::uint32_t, RC>;

/// A slice of `len` fresh tracked elements.
template <class RC>
tracked_slice<RC> make_slice(tracked_allocator<RC>& a, registry& r, std::size_t len) {
  return a.alloc(len, [&r](std::size_t) { return tracked(r, r.next_id()); });
}

/// One fresh tracked element.
template <class RC>
tracked_single<RC> make_single(tracked_allocator<RC>& a, registry& r) {
  return a.emplace(r, r.next_id());
}

/// Runs each worker on its own thread (handles may cross threads), or for local_refcount one
/// after another on this thread, in order.
template <class RC>
void run_workers(const std::vector<std::function<void()>>& workers) {
  if constexpr (RC::is_atomic) {
    std::vector<std::thread> threads;
    threads.reserve(workers.size());
    for (const auto& w : workers) threads.emplace_back(std::cref(w));  // no copy: state stays put
    for (auto& t : threads) t.join();
  } else {
    for (const auto& w : workers) w();
  }
}

}  // namespace arena_arc_test

#endif  // ARENA_ARC_TESTS_THREADS_TRACKED_HPP
