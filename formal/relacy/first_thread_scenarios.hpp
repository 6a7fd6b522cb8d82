// The single-threaded counts (include/arena_arc/detail/single_threaded.hpp) under Relacy
// (model.hpp): while the model's process flag says "one thread", the library updates counts
// with a plain load and store; thread 0 then starts the "first thread" (thread 1) as
// pthread_create does: it clears the flag, then publishes the start with a release store that
// thread 1 acquires before it does anything. Handles made on the fast path are handed to the new
// thread, and both threads copy, read and drop them. `clears_flag` false models a thread the flag
// does not see (a raw clone): the negative control, where Relacy must find the lost update.
#ifndef ARENA_ARC_FORMAL_RELACY_FIRST_THREAD_SCENARIOS_HPP
#define ARENA_ARC_FORMAL_RELACY_FIRST_THREAD_SCENARIOS_HPP

#include "model.hpp"

#include <optional>
#include <utility>

namespace formal_relacy {

/// The model's __libc_single_threaded: a Relacy variable, so that a thread reading it without
/// the start's ordering is a reported data race.
struct process_flag {
  static inline rl::var<bool>* flag = nullptr;
  static bool read() { return (*flag)(RL_INFO); }
};

template <bool ClearsFlag, rl::test_result_e Expected>
struct first_thread_starts_while_handles_live
    : rl::test_suite<first_thread_starts_while_handles_live<ClearsFlag, Expected>, 2, Expected> {
  rl::atomic<int> destroyed;
  rl::atomic<int> started;
  rl::var<bool> single_threaded;
  std::optional<allocator> a;
  slice kept;    // thread 0's
  slice handed;  // made by thread 0 before the start, taken by thread 1 after it

  void before() {
    destroyed(RL_INFO) = 0;
    started(RL_INFO) = 0;
    single_threaded(RL_INFO) = true;
    process_flag::flag = &single_threaded;
    arena_arc::detail::model_single_threaded = &process_flag::read;
  }
  void thread(unsigned index) {
    if (index == 0) {
      // The process's only thread: every count update below is the plain one.
      a.emplace();
      kept = a->alloc(2, values_from(0, destroyed));
      {
        const slice copy = kept;  // plain increment, then plain decrement
        read_all(copy, 0);
      }
      handed = kept;  // plain increment: the reference thread 1 will drop
      a.reset();      // the allocator's pre-paid references go too
      // pthread_create: the flag is cleared before the new thread exists (unless the thread
      // is one the flag does not see), then the start is published.
      if (ClearsFlag) single_threaded(RL_INFO) = false;
      started.store(1, rl::memory_order_release);
      const slice copy = kept;  // concurrent with thread 1 from here on
      read_all(copy, 0);
      kept = slice{};
    } else {
      while (started.load(rl::memory_order_acquire) == 0) rl::yield(1, RL_INFO);
      slice mine = std::move(handed);
      const slice copy = mine;
      read_all(copy, 0);
      mine = slice{};
    }
  }
  void after() {
    arena_arc::detail::model_single_threaded = nullptr;
    process_flag::flag = nullptr;
    RL_ASSERT(destroyed(RL_INFO) == 2);
  }
};

}  // namespace formal_relacy

#endif  // ARENA_ARC_FORMAL_RELACY_FIRST_THREAD_SCENARIOS_HPP
