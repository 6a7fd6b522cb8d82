// Level debug: every chunk header carries a canary checked on each handle access and before
// the elements are destroyed, and freed chunk memory is scribbled over (0xDD) before it goes
// back upstream. Below debug the header has no canary and freed memory is left as it was.
//
// The canary checks run inside noexcept functions, so they are observed through the default
// handler in death tests. Headers are corrupted only inside the death test's child process, or
// repaired before the chunk is released.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <vector>

#include <arena_arc_testing/hardening_levels.hpp>

namespace {

using arena_arc_testing::debug_checks;
using arena_arc_testing::default_handler_line;

using Alloc = arena_arc::Allocator<std::uint32_t, std::uint32_t, 8>;
using Chunk = arena_arc::detail::chunk<std::uint32_t, std::uint32_t, arena_arc::atomic_refcount>;
using access = arena_arc::detail::handle_access;

template <class C>
concept has_canary = requires(C& c) {
  c.canary;
};

// Forwards to new_delete_resource and records, for each block given back, whether every byte
// of it was 0xDD.
class inspecting_resource : public std::pmr::memory_resource {
 public:
  std::vector<bool> freed_all_dd;

 private:
  void* do_allocate(std::size_t bytes, std::size_t align) override {
    return std::pmr::new_delete_resource()->allocate(bytes, align);
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
    const auto* first = static_cast<const unsigned char*>(p);
    freed_all_dd.push_back(
        std::all_of(first, first + bytes, [](unsigned char b) { return b == 0xDD; }));
    std::pmr::new_delete_resource()->deallocate(p, bytes, align);
  }
  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }
};

TEST(DebugChecks, CanaryExistsExactlyAtDebug) { EXPECT_EQ(has_canary<Chunk>, debug_checks); }

TEST(DebugChecks, FreedChunksAreScribbledExactlyAtDebug) {
  inspecting_resource upstream;
  {
    Alloc a(std::size_t{8}, &upstream);
    const auto standard = a.alloc(5, [](std::size_t) { return 0x11111111U; });
    const auto dedicated = a.alloc(12, [](std::size_t) { return 0x22222222U; });
    EXPECT_EQ(standard[4] + dedicated[11], 0x33333333U);
  }
  // One standard and one dedicated chunk, both back upstream once handles and allocator are gone.
  EXPECT_EQ(upstream.freed_all_dd, std::vector<bool>(2, debug_checks));
}

TEST(DebugChecks, FreedSplitChunksAreScribbledExactlyAtDebug) {
  inspecting_resource upstream;
  {
    // 1024 uint32_t are one page: the elements and the header are separate blocks.
    arena_arc::Allocator<std::uint32_t, std::uint32_t, 1024> a(&upstream);
    const auto s = a.alloc(1024, [](std::size_t) { return 0x11111111U; });
    EXPECT_EQ(s[1023], 0x11111111U);
  }
  EXPECT_EQ(upstream.freed_all_dd, std::vector<bool>(2, debug_checks));
}

#if ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_DEBUG

TEST(DebugChecksDeathTest, CanaryOfAChunkMadeByHand) {
  Chunk* c = Chunk::create(4, nullptr, 1);
  c->canary = 0xBAD;
  EXPECT_EXIT(c->check_canary(), testing::KilledBySignal(SIGABRT),
              default_handler_line("chunk canary"));
  c->canary = arena_arc::detail::chunk_canary;
  c->check_canary();  // repaired: passes, and the release below frees the chunk normally
  Chunk::release(c, 1);
}

TEST(DebugChecksDeathTest, SliceAccessChecksCanary) {
  Alloc a;
  const auto s = a.alloc(3, [](std::size_t i) { return static_cast<std::uint32_t>(i); });
  ASSERT_EQ(s.data()[2], 2U);
  const auto corrupt = [&] { access::chunk_of(s)->canary = 0; };
  EXPECT_EXIT((corrupt(), static_cast<void>(s.data())), testing::KilledBySignal(SIGABRT),
              default_handler_line("chunk canary"));
  EXPECT_EXIT((corrupt(), static_cast<void>(s.begin())), testing::KilledBySignal(SIGABRT),
              default_handler_line("chunk canary"));
  EXPECT_EXIT((corrupt(), static_cast<void>(s.get())), testing::KilledBySignal(SIGABRT),
              default_handler_line("chunk canary"));
  EXPECT_EXIT((corrupt(), static_cast<void>(s[0])), testing::KilledBySignal(SIGABRT),
              default_handler_line("chunk canary"));
}

TEST(DebugChecksDeathTest, SingleAccessChecksCanary) {
  Alloc a;
  const auto single = a.alloc_value(7U);
  ASSERT_EQ(*single, 7U);
  EXPECT_EXIT((access::chunk_of(single)->canary = 0, static_cast<void>(single.get())),
              testing::KilledBySignal(SIGABRT), default_handler_line("chunk canary"));
}

TEST(DebugChecksDeathTest, DestructionChecksCanary) {
  EXPECT_EXIT(
      {
        Alloc a;
        auto s = a.alloc(9, [](std::size_t) { return 1U; });  // a dedicated chunk: s is its owner
        access::chunk_of(s)->canary = 0;
        s = Alloc::slice_type{};
      },
      testing::KilledBySignal(SIGABRT), default_handler_line("chunk canary"));
}

#endif

}  // namespace
