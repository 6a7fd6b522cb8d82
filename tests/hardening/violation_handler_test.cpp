// The violation handler itself: installing and restoring it, what it is told, the default
// handler's one-line report followed by abort, and abort after a handler that returns.
// Every check used here is one that is on at every hardening level.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>

#include <arena_arc_testing/hardening_levels.hpp>

namespace {

using arena_arc_testing::default_handler_line;
using ops = arena_arc::detail::counter_ops<arena_arc::local_refcount>;

// A count at the bound: one more reference is always a violation.
void overflow_a_count() {
  std::size_t cell = arena_arc::detail::max_refcount;
  ops::acquire(cell);
}

void first_handler(const arena_arc::violation_info&) {}
void second_handler(const arena_arc::violation_info&) {}

struct captured_info {
  std::string check;
  std::string message;
  std::string file;
  int line;
};

[[noreturn]] void throw_whole_info(const arena_arc::violation_info& info) {
  throw captured_info{info.check, info.message, info.file, info.line};
}

// Reports on stderr that it ran, then returns: the library must abort anyway.
void returning_handler(const arena_arc::violation_info& info) {
  std::fprintf(stderr, "returning handler saw %s\n", info.check);
}

TEST(ViolationHandler, DefaultIsInstalledInitially) {
  EXPECT_EQ(arena_arc::get_violation_handler(), &arena_arc::default_violation_handler);
}

TEST(ViolationHandler, SetReturnsPreviousAndNullRestoresDefault) {
  EXPECT_EQ(arena_arc::set_violation_handler(&first_handler),
            &arena_arc::default_violation_handler);
  EXPECT_EQ(arena_arc::get_violation_handler(), &first_handler);
  EXPECT_EQ(arena_arc::set_violation_handler(&second_handler), &first_handler);
  EXPECT_EQ(arena_arc::get_violation_handler(), &second_handler);
  EXPECT_EQ(arena_arc::set_violation_handler(nullptr), &second_handler);
  EXPECT_EQ(arena_arc::get_violation_handler(), &arena_arc::default_violation_handler);
  EXPECT_EQ(arena_arc::set_violation_handler(nullptr), &arena_arc::default_violation_handler);
}

TEST(ViolationHandler, HandlerIsToldCheckMessageAndPlace) {
  const auto previous = arena_arc::set_violation_handler(&throw_whole_info);
  std::string check;
  std::string message;
  std::string file;
  int line = 0;
  try {
    overflow_a_count();
  } catch (const captured_info& info) {
    check = info.check;
    message = info.message;
    file = info.file;
    line = info.line;
  }
  arena_arc::set_violation_handler(previous);
  EXPECT_EQ(check, "reference count overflow");
  EXPECT_EQ(message, "more than max_refcount handles share one chunk");
  EXPECT_NE(file.find("counter.hpp"), std::string::npos) << file;
  EXPECT_GT(line, 0);
}

TEST(ViolationHandlerDeathTest, DefaultHandlerPrintsOneLineAndAborts) {
  EXPECT_EXIT(overflow_a_count(), testing::KilledBySignal(SIGABRT),
              "^arena_arc: violation of reference count overflow: more than max_refcount "
              "handles share one chunk \\([^\n]*counter\\.hpp:[0-9]+\\)\n$");
  EXPECT_EXIT(overflow_a_count(), testing::KilledBySignal(SIGABRT),
              default_handler_line("reference count overflow"));
}

TEST(ViolationHandlerDeathTest, RestoredDefaultHandlerAborts) {
  arena_arc::set_violation_handler(&first_handler);
  arena_arc::set_violation_handler(nullptr);
  EXPECT_EXIT(overflow_a_count(), testing::KilledBySignal(SIGABRT),
              default_handler_line("reference count overflow"));
}

TEST(ViolationHandlerDeathTest, ReturningHandlerStillAborts) {
  // Only the installed handler runs (the default one would print its own line), then abort.
  EXPECT_EXIT(
      {
        arena_arc::set_violation_handler(&returning_handler);
        overflow_a_count();
      },
      testing::KilledBySignal(SIGABRT), "^returning handler saw reference count overflow\n$");
}

TEST(ViolationHandlerDeathTest, ReentrancyUsesTheSameHandler) {
  EXPECT_EXIT(
      {
        arena_arc::set_violation_handler(&returning_handler);
        arena_arc::Allocator<int> a;
        static_cast<void>(a.alloc_single([&] { return *a.alloc_value(1); }));
      },
      testing::KilledBySignal(SIGABRT), "^returning handler saw Allocator re-entrancy\n$");
}

}  // namespace
