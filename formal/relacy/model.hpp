// formal/relacy/: what the interleaving checks are built from.
//
// The library is compiled with ARENA_ARC_RELACY (set by CMakeLists.txt): its atomics shim
// (include/arena_arc/detail/atomics.hpp) then maps every atomic cell and operation of the
// reference counts and of the recycler onto Relacy's, so that the real library code runs under
// Relacy's scheduler, which explores the interleavings of the test threads at every atomic
// step. The library must be included before <relacy/relacy.hpp>, which redefines new, delete
// and the std::memory_order names as macros.
#ifndef ARENA_ARC_FORMAL_RELACY_MODEL_HPP
#define ARENA_ARC_FORMAL_RELACY_MODEL_HPP

#if !defined(ARENA_ARC_RELACY)
#error "formal/relacy/ is built with ARENA_ARC_RELACY (see formal/relacy/CMakeLists.txt)"
#endif

#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory_resource>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

// Relacy replaces the global operator new and delete (to track every block) with inline
// definitions, which a compiler emits only where they are used. The library's recycler comes
// from the nothrow operator new, whose libstdc++ definition calls operator new: without an
// emitted replacement to interpose, that block would come from malloc, and Relacy would reject
// its release as a free of a foreign address. Using the replacement here emits it.
// (Before <relacy/relacy.hpp>, which turns `new` into a macro.)
[[gnu::used]] static void* (*const relacy_operator_new)(std::size_t) = &::operator new;

#include <relacy/relacy.hpp>

namespace formal_relacy {

/// Storage that outlives the elements built in it: one Relacy variable per element slot of
/// the chunks a test registers. An element built or destroyed in such a slot also writes its
/// variable, so when a recycled chunk is reused, the new elements' construction must come after
/// the old ones' destruction on another thread, or Relacy reports a data race on the slot.
/// (The element's own variable cannot show that: a new element is a new Relacy object.)
struct storage_slots {
  static constexpr std::size_t chunks = 2;
  static constexpr std::size_t per_chunk = 4;  // the tests' chunk capacity
  std::uintptr_t base[chunks] = {};
  rl::var<int> slot[chunks * per_chunk];

  /// Element slots of a chunk from now on: its first element's address.
  void add(std::size_t index, const void* first) {
    base[index] = reinterpret_cast<std::uintptr_t>(first);
  }

  /// Writes `base_value` + i into the slots of chunk `index` (for elements built before the
  /// chunk was registered).
  void fill(std::size_t index, int base_value) {
    for (std::size_t i = 0; i < per_chunk; ++i) {
      slot[index * per_chunk + i](RL_INFO) = base_value + static_cast<int>(i);
    }
  }

  /// Writes the slots of every registered chunk inside [block, block + bytes): what the upstream
  /// resource may do with a block it got back (hand it out again), so the destruction of the
  /// chunk's elements must happen before the chunk is given back.
  void overwrite(const void* block, std::size_t bytes) {
    const auto start = reinterpret_cast<std::uintptr_t>(block);
    for (std::size_t c = 0; c < chunks; ++c) {
      if (base[c] >= start && base[c] < start + bytes) fill(c, -2);
    }
  }

  /// The slot variable at `where`, or nullptr outside the registered chunks.
  rl::var<int>* find(const void* where, std::size_t element_size) {
    const auto address = reinterpret_cast<std::uintptr_t>(where);
    for (std::size_t c = 0; c < chunks; ++c) {
      if (base[c] != 0 && address >= base[c] && address < base[c] + per_chunk * element_size) {
        return &slot[c * per_chunk + (address - base[c]) / element_size];
      }
    }
    return nullptr;
  }
};

/// An element whose state is a Relacy variable: every read through a handle and the write its
/// destructor makes are accesses Relacy checks for races, so a destruction not ordered after
/// every other thread's last read is reported as a data race. Destructions are counted; slots
/// (above), when given, are written at construction and destruction.
/// Not copyable (rl::nocopy: `= delete` is unavailable after relacy.hpp, which makes `delete`
/// a macro); built in place from a prvalue by alloc's guaranteed copy elision.
class element : rl::nocopy<> {
 public:
  element(int v, rl::atomic<int>& destroyed, storage_slots* slots)
      : destroyed_(&destroyed), slots_(slots) {
    value_(RL_INFO) = v;
    if (rl::var<int>* s = slot()) (*s)(RL_INFO) = v;
  }
  ~element() {
    value_(RL_INFO) = -1;  // the write that must come after every read
    if (rl::var<int>* s = slot()) (*s)(RL_INFO) = -1;
    destroyed_->fetch_add(1, rl::memory_order_relaxed);
  }

  [[nodiscard]] int read() const { return value_(RL_INFO); }

 private:
  rl::var<int>* slot() { return slots_ != nullptr ? slots_->find(this, sizeof(element)) : nullptr; }

  rl::var<int> value_;
  rl::atomic<int>* destroyed_;
  storage_slots* slots_;
};

/// An element with no destructor of its own (trivially destructible), so that the allocator may
/// rewind a chunk it solely owns and build new elements over the old ones. Its storage slot
/// (storage_slots; only registered chunks have slots) is written when it is built and read by
/// read(), so a rebuild that is not ordered after another thread's last read through a handle
/// is a data race on the slot. Not copyable (rl::nocopy): a trivially copyable type could be
/// returned from init in registers and built at another address first (which the standard
/// permits), so its construction would not write its final slot.
class plain_element : rl::nocopy<> {
 public:
  plain_element(int v, storage_slots& slots) : value_(v), slots_(&slots) {
    if (rl::var<int>* s = slot()) (*s)(RL_INFO) = v;
  }

  /// The value; for an element in a registered chunk, read from its slot (a checked access).
  [[nodiscard]] int read() const {
    rl::var<int>* s = slot();
    if (s == nullptr) return value_;
    const int stored = (*s)(RL_INFO);
    RL_ASSERT(stored == value_);
    return stored;
  }

 private:
  [[nodiscard]] rl::var<int>* slot() const { return slots_->find(this, sizeof(plain_element)); }

  int value_;
  storage_slots* slots_;
};

/// An upstream resource that grants `limit` chunks and then refuses with std::bad_alloc: after
/// the limit, an allocation that needs a new chunk succeeds only by reusing a recycled one.
/// Its memory is Relacy's (malloc and free are Relacy's macros here), so leaks are caught.
class limited_upstream : public std::pmr::memory_resource {
 public:
  /// With `reused`, every block given back overwrites its registered slots (overwrite above).
  explicit limited_upstream(int limit, storage_slots* reused = nullptr)
      : limit_(limit), reused_(reused) {}

 private:
  void* do_allocate(std::size_t bytes, std::size_t) override {
    if (granted_ == limit_) throw std::bad_alloc();
    ++granted_;  // only the allocator's thread allocates
    return malloc(bytes);
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t) override {
    if (reused_ != nullptr) reused_->overwrite(p, bytes);
    free(p);
  }
  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  int limit_;
  storage_slots* reused_;
  int granted_ = 0;
};

using allocator = arena_arc::Allocator<element, std::uint32_t, 4, arena_arc::atomic_refcount>;
using slice = arena_arc::ArcSlice<element, std::uint32_t, arena_arc::atomic_refcount>;
using single = arena_arc::ArcSingle<element, std::uint32_t, arena_arc::atomic_refcount>;

static_assert(std::is_trivially_destructible_v<plain_element>);
static_assert(!std::is_trivially_copyable_v<plain_element>);

using plain_allocator =
    arena_arc::Allocator<plain_element, std::uint32_t, 4, arena_arc::atomic_refcount>;
using plain_slice = arena_arc::ArcSlice<plain_element, std::uint32_t, arena_arc::atomic_refcount>;

/// init for alloc of plain elements: element i holds base + i.
inline auto plain_values_from(int base, storage_slots& slots) {
  return [base, &slots](std::size_t i) { return plain_element(base + static_cast<int>(i), slots); };
}

/// init for alloc: element i holds base + i.
inline auto values_from(int base, rl::atomic<int>& destroyed, storage_slots* slots = nullptr) {
  return [base, &destroyed, slots](std::size_t i) {
    return element(base + static_cast<int>(i), destroyed, slots);
  };
}

/// Reads every element of s and checks its value (a Relacy assertion: it fails the schedule).
inline void read_all(const slice& s, int base) {
  for (std::size_t i = 0; i < s.size(); ++i) RL_ASSERT(s[i].read() == base + static_cast<int>(i));
}

/// A thread's last use of a handle it was given: takes it out of `s` (which is left empty),
/// reads every element (read_all) and drops it.
inline void read_and_drop(slice& s, int base) {
  const slice mine = std::move(s);
  read_all(mine, base);
}

/// How a test is explored: every schedule (full search), or every schedule with at most
/// `bound` preemptions (context bound) where the full search would not finish.
struct search {
  rl::scheduler_type_e scheduler;
  unsigned bound;
};
inline constexpr search full_search{rl::sched_full, 0};
inline constexpr search preemption_bound(unsigned bound) { return {rl::sched_bound, bound}; }

/// Whether the deep searches run: ARENA_ARC_RELACY_DEEP=1 in the environment (the scheduled CI
/// job, docs/VERIFICATION.md). The gate runs the smaller bounds, which still reject every
/// weakened order.
inline bool deep_search() {
  const char* deep = std::getenv("ARENA_ARC_RELACY_DEEP");
  return deep != nullptr && deep[0] == '1';
}

/// `gate` preemptions in the gate, `deep` in the deep searches; at most
/// ARENA_ARC_RELACY_MAX_BOUND when that is set (the mutation run's quick searches).
inline search preemption_bound(unsigned gate, unsigned deep) {
  unsigned bound = deep_search() ? deep : gate;
  if (const char* cap = std::getenv("ARENA_ARC_RELACY_MAX_BOUND")) {
    const unsigned long most = std::strtoul(cap, nullptr, 10);
    if (most < bound) bound = static_cast<unsigned>(most);
  }
  return preemption_bound(bound);
}

/// Every schedule in the deep searches, `gate` preemptions in the gate.
inline search full_when_deep(unsigned gate) {
  return deep_search() ? full_search : preemption_bound(gate, gate);
}

/// Runs one test and prints one line: name, search, Relacy's result, schedules explored.
/// Returns whether the result is the one the test declares (rl::test_suite's third argument:
/// success, or the failure a deliberately broken build must produce), and adds the schedules
/// explored (up to the counterexample, for an expected failure) to `schedules`.
template <class Test>
bool check(const char* name, search how, unsigned long long& schedules) {
  rl::test_params p;
  p.search_type = how.scheduler;
  p.context_bound = how.bound;
  p.iteration_count = 0;  // no limit: the search ends when the schedules are exhausted
  static std::ostream no_progress(nullptr);  // Relacy's percentage lines: discarded
  p.progress_stream = &no_progress;
  // Relacy's own report (and, on a failure, the history of the failing schedule) goes to
  // std::cout: a string stream would grow inside the simulation, from Relacy's per-schedule
  // memory, and dangle afterwards.
  const bool as_expected = rl::simulate<Test>(p);
  schedules += p.stop_iteration;
  std::cout.flush();
  char search_name[48];
  if (how.scheduler == rl::sched_bound) {
    std::snprintf(search_name, sizeof search_name, "<= %u preemptions", how.bound);
  } else {
    std::snprintf(search_name, sizeof search_name, "full search");
  }
  std::printf("relacy: %-52s %-18s %-12s %9llu schedules  %s\n", name, search_name,
              rl::test_result_str(p.test_result), static_cast<unsigned long long>(p.stop_iteration),
              as_expected ? "as expected" : "UNEXPECTED");
  std::fflush(stdout);
  return as_expected;
}

/// A program of several tests, `formal_relacy_<group> [test]`: runs the one named on the command
/// line (or all), tallies schedules and results, and prints the line the gate reads.
class program {
 public:
  program(const char* group, int argc, char** argv)
      : group_(group), only_(argc > 1 ? argv[1] : "") {}

  /// Whether the test called `name` is to run.
  [[nodiscard]] bool wants(const char* name) const { return only_.empty() || only_ == name; }

  /// Runs one test (check() above).
  template <class Test>
  void run(const char* title, search how) {
    ok_ = check<Test>(title, how, schedules_) && ok_;
  }

  /// For a test that counts its two outcomes over the schedules: prints the counts, and fails
  /// the program unless both occurred.
  void require_both(const char* what, unsigned long long first, const char* first_outcome,
                    unsigned long long second, const char* second_outcome) {
    std::printf("relacy %s: %llu schedules %s, %llu %s\n", what, first, first_outcome, second,
                second_outcome);
    if (first == 0 || second == 0) {
      std::printf("relacy %s: UNEXPECTED, both outcomes must occur\n", what);
      ok_ = false;
    }
  }

  /// Prints the summary line and returns the exit status.
  [[nodiscard]] int finish() const {
    std::printf("relacy %s: %llu schedules explored, %s\n", group_, schedules_,
                ok_ ? "every test as expected" : "FAILED");
    return ok_ ? 0 : 1;
  }

 private:
  const char* group_;
  std::string only_;
  unsigned long long schedules_ = 0;
  bool ok_ = true;
};

}  // namespace formal_relacy

#endif  // ARENA_ARC_FORMAL_RELACY_MODEL_HPP
