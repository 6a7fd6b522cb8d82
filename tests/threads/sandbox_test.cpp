// membarrier denied after start-up (detail/asymmetric_fence.hpp): a child process opens owner
// ledgers, then installs a real seccomp filter that makes membarrier fail with EPERM (the
// filter is irreversible, hence the child), and runs owner refunds racing foreign closes: the
// allocator moves to a worker thread, which destroys it or leaves its chunk, while the thread
// that took the chunk drops its handles. The heavy fence must fall back (x86-64: the TLB
// shootdown) and nothing may be lost: every chunk the counting upstream handed out comes back.
// Where the fallback is denied too (its PROT_NONE mprotect), a foreign close finds no heavy
// fence at all: it must still lose nothing, and no ledger may open afterwards.
#include <arena_arc/arena_arc.hpp>
#include <arena_arc_testing/counting_resource.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <optional>
#include <thread>
#include <vector>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/membarrier.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "child_process.hpp"

namespace {

using RC = arena_arc::atomic_refcount;
using allocator = arena_arc::Allocator<std::uint64_t, std::uint32_t, 16, RC>;
using slice = arena_arc::ArcSlice<std::uint64_t, std::uint32_t, RC>;

using arena_arc_testing::counting_resource;

#if defined(__x86_64__)
constexpr unsigned audit_arch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr unsigned audit_arch = AUDIT_ARCH_AARCH64;
#endif

/// Installs `program` as a seccomp filter (irreversible: call it in a child process), for the
/// calling thread and those it makes, or for every thread of the process with `all_threads`.
template <std::size_t n>
bool install_filter(sock_filter (&program)[n], bool all_threads = false) {
  sock_fprog prog{static_cast<unsigned short>(n), program};
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg,hicpp-vararg): prctl(2) is variadic
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return false;
  const unsigned flags = all_threads ? SECCOMP_FILTER_FLAG_TSYNC : 0U;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg,hicpp-vararg): syscall(2) is variadic
  return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog) == 0;
}

constexpr std::uint32_t deny = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);

/// membarrier fails with EPERM from now on; everything else is allowed (another architecture's
/// system call numbers kill the process).
bool deny_membarrier() {
  sock_filter program[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, audit_arch, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_membarrier, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, deny),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  return install_filter(program);
}

/// membarrier fails, and so does every mprotect to PROT_NONE (what the TLB-shootdown fallback
/// needs to revoke its page; threads are made before, so no guard page is needed after).
bool deny_membarrier_and_revoking() {
  sock_filter program[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, audit_arch, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_membarrier, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, deny),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mprotect, 0, 3),
      // The low word of the third argument (prot); little-endian, as both architectures are.
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, args) + 2 * sizeof(std::uint64_t)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PROT_NONE, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, deny),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  return install_filter(program, true);  // the worker thread exists already
}

bool membarrier_denied() {
  errno = 0;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg,hicpp-vararg): syscall(2) is variadic
  const long r = syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0U, 0);
  return r == -1 && errno == EPERM;
}

// Rounds of: this thread makes slices from a fresh allocator's chunk (its ledger is this
// thread's), hands the allocator to the worker and drops them while the worker destroys it or
// fills the chunk and moves on. Returns whether every read was right.
// `before_round(r)` runs on this thread before round r, while the worker waits: the worker
// exists before anything it does, so a filter installed there needs no new thread.
template <class Hook>
bool race_rounds(counting_resource& upstream, std::size_t rounds, Hook before_round) {
  std::optional<allocator> slot;
  std::atomic<std::size_t> handed{0};
  std::atomic<std::size_t> done{0};
  std::atomic<bool> ok{true};
  std::thread worker([&] {
    for (std::size_t r = 1; r <= rounds; ++r) {
      while (handed.load(std::memory_order_acquire) < r) std::this_thread::yield();
      if (r % 2 == 0) {
        const slice fill = slot->alloc(12, [](std::size_t i) { return std::uint64_t{i}; });
        if (fill[11] != 11) ok.store(false);
      }
      slot.reset();
      done.store(r, std::memory_order_release);
    }
  });
  for (std::size_t r = 1; r <= rounds; ++r) {
    if (!before_round(r)) ok.store(false);
    slot.emplace(&upstream);
    std::vector<slice> mine;
    for (std::uint64_t len = 2; len <= 4; ++len) {
      mine.push_back(slot->alloc(len, [r](std::size_t i) { return r + i; }));
    }
    handed.store(r, std::memory_order_release);
    for (slice& s : mine) {
      if (s[s.size() - 1] != r + s.size() - 1) ok.store(false);
      s = slice{};
    }
    while (done.load(std::memory_order_acquire) < r) std::this_thread::yield();
  }
  worker.join();
  return ok.load();
}

bool race_rounds(counting_resource& upstream, std::size_t rounds) {
  return race_rounds(upstream, rounds, [](std::size_t) { return true; });
}

// Exit codes of the child: which check failed.
int child_body() {
  counting_resource upstream;
  if (!race_rounds(upstream, 64)) return 2;  // ledgers registered and opened before the filter
  if (!arena_arc::detail::asymmetric::available()) return 3;
  if (!deny_membarrier()) return 4;
  if (!membarrier_denied()) return 5;
  if (!race_rounds(upstream, 2000)) return 6;
  if (upstream.allocations() != upstream.deallocations()) return 7;
#if defined(__x86_64__) || defined(__i386__)
  // The fallback heavy fence works: ledgers stay in use.
  if (!arena_arc::detail::asymmetric::available()) return 8;
#endif
  return 0;
}

#if defined(__x86_64__) || defined(__i386__)
// Exit codes of the child where the fallback fails too: which check failed.
int child_without_any_heavy_fence() {
  counting_resource upstream;
  if (!arena_arc::detail::asymmetric::available()) return 3;
  constexpr std::size_t filtered_from = 32;
  const bool raced = race_rounds(upstream, 400, [](std::size_t r) {
    return r != filtered_from || (deny_membarrier_and_revoking() && membarrier_denied());
  });
  if (!raced) return 4;
  if (upstream.allocations() != upstream.deallocations()) return 5;
  // The first foreign close after the filter found no heavy fence: no ledger opens any more.
  if (arena_arc::detail::asymmetric::available()) return 6;
  return 0;
}

TEST(Sandbox, NoHeavyFenceLeftStopsOpeningLedgersAndLosesNothing) {
  const arena_arc_test::child_outcome out =
      arena_arc_test::run_in_child(child_without_any_heavy_fence, 120000);
  ASSERT_TRUE(out.started);
  EXPECT_FALSE(out.timed_out);
  EXPECT_EQ(out.exit_code, 0);
}
#endif

TEST(Sandbox, MembarrierDeniedAfterStartUpLosesNothing) {
  const arena_arc_test::child_outcome out = arena_arc_test::run_in_child(child_body, 120000);
  ASSERT_TRUE(out.started);
  EXPECT_FALSE(out.timed_out);
  EXPECT_EQ(out.exit_code, 0);
}

}  // namespace
