// Test support: runs a function in a forked child process and waits for it with a bound (the
// parent polls and kills a child that does not exit in time). The child reports by its exit
// status only and never returns into the test framework.
#ifndef ARENA_ARC_TESTS_THREADS_CHILD_PROCESS_HPP
#define ARENA_ARC_TESTS_THREADS_CHILD_PROCESS_HPP

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <ctime>

// Defined by clang's profile runtime in coverage builds only (weak: null elsewhere). A child
// leaves by _exit, which skips the runtime's atexit writer; the child writes its profile itself
// so that the library lines only children run (fork and sandbox paths) count as executed.
extern "C" int __llvm_profile_write_file(void) __attribute__((weak));  // NOLINT

namespace arena_arc_test {

/// Ends a child process with `code`, writing its coverage profile first where there is one.
[[noreturn]] inline void exit_child(int code) {
  if (__llvm_profile_write_file != nullptr) (void)__llvm_profile_write_file();
  _exit(code);
}

/// How a child process ended.
struct child_outcome {
  bool started = false;    // fork() succeeded
  bool timed_out = false;  // killed after the bound
  int exit_code = -1;      // its exit status, or -1 if it did not exit normally
};

/// Milliseconds on the monotonic clock.
inline long long monotonic_ms() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

/// Forks; the child runs body() (which returns its exit code) and _exits; the parent waits at
/// most bound_ms for it, then kills it.
template <class Body>
child_outcome run_in_child(Body body, long long bound_ms) {
  child_outcome out;
  const pid_t pid = fork();
  if (pid < 0) return out;
  if (pid == 0) exit_child(body());
  out.started = true;
  const long long deadline = monotonic_ms() + bound_ms;
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 || monotonic_ms() >= deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      out.timed_out = true;
      return out;
    }
    timespec nap{0, 200'000};
    nanosleep(&nap, nullptr);
  }
  if (WIFEXITED(status)) out.exit_code = WEXITSTATUS(status);
  return out;
}

}  // namespace arena_arc_test

#endif  // ARENA_ARC_TESTS_THREADS_CHILD_PROCESS_HPP
