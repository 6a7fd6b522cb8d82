// arena-arc: whether the calling thread is the only thread the process has ever had — when
// atomic_refcount's counts may skip their locked instructions (counter.hpp).
//
// The source is glibc's `__libc_single_threaded` (glibc 2.32 and later, <sys/single_threaded.h>),
// the flag libstdc++'s std::shared_ptr reads for the same purpose. Why a count updated with a
// plain load and store while it is true stays correct after the first thread starts:
//  1. True means that no other thread exists and none ever did in this process image: glibc
//     sets it to false in pthread_create and thrd_create, on the creating thread, before the new
//     thread exists, and never sets it back (2.36: not after every thread was joined, not in the
//     child of a fork; a later glibc that did so after pthread_join would still order the joined
//     threads' accesses first). An inner libc of dlmopen reads false. So while it is true, every
//     access to every count comes from the calling thread, in program order, and nothing can come
//     between the load and the store of one update (signal handlers may not copy or drop handles;
//     the README says so, and the owner ledger relies on it already).
//  2. The plain updates are relaxed atomic loads and stores (std::atomic_ref), so they are never
//     a data race in the C++ memory model; only their atomicity is given up, which point 1 shows
//     is not needed.
//  3. The first thread is created by this very thread; the creation synchronises with the start
//     of the new thread ([thread.thread.constr]; pthread_create: POSIX 4.12), so every count
//     written on the fast path, and every access made through the handles, happens before
//     anything the new thread does. From then on the flag is false for the creator (its own
//     write) and for the new thread (it reads it after the creation), and every update is the
//     locked read-modify-write of counter.hpp, which starts from the count the plain updates left.
//  4. The last release on the fast path needs no acquire fence: every other access to the
//     chunk was made by this thread, sequenced before it.
// Limits: a thread started without glibc (a raw clone system call sharing memory, a runtime with
// its own threads) leaves the flag true and breaks point 1. Such threads are not supported
// anyway (the ledgers tell threads apart with pthread_atfork and glibc's thread identities).
// Other C libraries, and model-checking builds unless a scenario supplies a flag, read false:
// every update is then atomic.
#ifndef ARENA_ARC_DETAIL_SINGLE_THREADED_HPP
#define ARENA_ARC_DETAIL_SINGLE_THREADED_HPP

#include <arena_arc/config.hpp>

#if !defined(ARENA_ARC_RELACY) && defined(__has_include)
#if __has_include(<sys/single_threaded.h>)
#include <sys/single_threaded.h>
#define ARENA_ARC_DETAIL_HAS_SINGLE_THREADED_FLAG 1
#endif
#endif

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

#if defined(ARENA_ARC_RELACY)
/// Model-checking builds: the flag of the scenario that models the first thread's start
/// (formal/relacy/), read as one of its steps; none (false) otherwise.
inline bool (*model_single_threaded)() = nullptr;

[[nodiscard]] inline bool process_single_threaded() {
  return model_single_threaded != nullptr && model_single_threaded();
}
#elif defined(ARENA_ARC_DETAIL_HAS_SINGLE_THREADED_FLAG)
/// True only while the calling thread is the only thread the process ever had (file comment).
[[nodiscard]] inline bool process_single_threaded() noexcept { return __libc_single_threaded != 0; }
#else
[[nodiscard]] constexpr bool process_single_threaded() noexcept { return false; }
#endif

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_SINGLE_THREADED_HPP
