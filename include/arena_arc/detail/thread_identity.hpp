// arena-arc: thread identity — which thread owns an owner ledger (owner_ledger.hpp).
//
// A thread's identity is the ADDRESS of a small heap object (`identity`) allocated the first
// time the thread needs one and freed when the thread exits. It needs no symbol shared between
// copies of this header: when the library is compiled into several shared objects (hidden
// visibility, version scripts), each has its own `current` and its own identities, yet two
// threads never get the same one, because two live objects never share an address, whatever
// heap and whatever shared object allocated them. The same thread has a different identity in
// each shared object: a handle released in another shared object than the one that opened its
// ledger is simply released atomically (correct, slower).
//
// Reuse after a thread exits: the address of a freed identity may be handed to a thread that
// starts later, which then owns the ledgers the dead thread opened. That is safe: the
// deallocation synchronises with the allocation that returns the same storage
// ([basic.stc.dynamic.allocation]; C11 7.22.3), so everything the dead thread did (the stores
// of its last refund) happens before everything the new owner does, exactly as if one thread
// had done both.
//
// A thread in its exit destructors, once its identity is freed, holds `exited` (never an
// owner) and gets no new identity: get() returns 0, the ledger stays closed, and its handles
// are released atomically.
//
// fork(): an identity records the process id when it is made. A pthread_atfork child handler
// (registered once per copy of this header, when the first identity is made) updates the
// forking thread's identity in the child and notes it as the fork's `survivor`, the one thread
// that exists on both sides. Identities of the other threads stay behind in the child's copy of
// the heap, never freed, so their addresses are not reused there. owner_ledger.hpp uses the
// process id a ledger records to tell a ledger opened before the fork.
#ifndef ARENA_ARC_DETAIL_THREAD_IDENTITY_HPP
#define ARENA_ARC_DETAIL_THREAD_IDENTITY_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/atomics.hpp>

#include <cstdint>
#include <new>

#if !defined(ARENA_ARC_RELACY)
#include <pthread.h>
#include <sys/types.h>
#include <unistd.h>
#endif

ARENA_ARC_BEGIN_NAMESPACE
namespace detail::thread_identity {

/// A thread's identity as a ledger records it; 0 is no thread's.
using token = std::uintptr_t;

#if defined(ARENA_ARC_RELACY)
/// The model: a ledger records its owner's Relacy thread index, and there is one process.
using process_id = int;

[[nodiscard]] inline token peek() noexcept {
  return static_cast<token>(rl::ctx().current_thread()) + 1;
}
[[nodiscard]] inline token get() noexcept { return peek(); }
[[nodiscard]] inline process_id pid_of_current() noexcept { return 0; }
[[nodiscard]] inline bool may_run_here(token /*owner*/, process_id /*opened_in*/) noexcept {
  return true;
}
#else
using process_id = pid_t;

struct identity {
  process_id pid;  // the process the thread runs in (updated by the fork handler)
};

/// The calling thread's identity; nullptr until it first needs one. Trivially constructible,
/// so that reading it is one TLS load (no initialisation wrapper): peek() is on the hot path.
inline thread_local identity* current = nullptr;

/// What `current` holds once the thread's identity was freed at its exit: never an owner
/// (identities are heap objects, whose addresses are never 1).
// NOLINTNEXTLINE(performance-no-int-to-ptr,cppcoreguidelines-pro-type-reinterpret-cast)
inline identity* exited() noexcept { return reinterpret_cast<identity*>(std::uintptr_t{1}); }

/// The thread that called fork() to make this process (in this copy of the header), as its
/// identity; 0 in a process that was not forked, or whose forking thread had no identity.
/// Written by the fork handler while the child has that one thread, read by threads it starts.
inline token survivor = 0;

/// The fork handler: in the child, only the forking thread exists, and it keeps its identity.
inline void on_fork_child() noexcept {
  const bool has_identity = current != nullptr && current != exited();
  if (has_identity) current->pid = ::getpid();
  survivor = has_identity ? reinterpret_cast<token>(current) : token{0};
}

/// Frees the thread's identity when the thread exits. Touched only by get()'s slow path, so
/// its TLS initialisation wrapper stays off the hot path.
struct exit_guard {
  bool armed = false;  // set by get(): its write is what makes the guard's destructor run
  exit_guard() = default;
  exit_guard(const exit_guard&) = delete;
  exit_guard& operator=(const exit_guard&) = delete;
  exit_guard(exit_guard&&) = delete;
  exit_guard& operator=(exit_guard&&) = delete;
  ~exit_guard() {
    delete current;  // armed only after get() set it: the thread's own identity
    current = exited();
  }
};
inline thread_local exit_guard guard;

/// The calling thread's identity, or 0 if it has none (then it owns no ledger).
[[nodiscard]] inline token peek() noexcept { return reinterpret_cast<token>(current); }

/// The calling thread's identity, made now if it has none; 0 if none can be made (out of
/// memory, the fork handler could not be registered, or the thread is exiting).
[[nodiscard]] inline token get() noexcept {
  if (current != nullptr) return current == exited() ? token{0} : peek();
  // Once per copy of the header, before any identity (so before any ledger) exists in it.
  static const bool forks_tracked = ::pthread_atfork(nullptr, nullptr, &on_fork_child) == 0;
  if (!forks_tracked) return 0;
  auto* made = new (std::nothrow) identity{::getpid()};
  if (made == nullptr) return 0;
  guard.armed = true;  // a write, so that the guard's destructor is registered now
  current = made;
  return peek();
}

/// The process the calling thread runs in.
[[nodiscard]] inline process_id pid_of_current() noexcept {
  return current != nullptr && current != exited() ? current->pid : ::getpid();
}

/// Whether the thread `owner`, which opened a ledger in process `opened_in`, may be running in
/// this process. A ledger opened before a fork belongs to a thread that exists here only if it
/// is the fork's survivor (or, after that thread exited, a thread that reused its identity,
/// which the reuse argument above makes its owner); with several copies of the header, a
/// survivor's identity in another copy is not recognised (the caller stays safe then).
[[nodiscard]] inline bool may_run_here(token owner, process_id opened_in) noexcept {
  return opened_in == pid_of_current() || owner == survivor;
}
#endif

}  // namespace detail::thread_identity
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_THREAD_IDENTITY_HPP
