// A test world: a counting_resource, an element ledger, up to two allocators drawing from that
// resource and a store of live handles with the contents each must keep. Two worlds driven
// through the same operations — one of them with injected failures — must end up
// indistinguishable: same stats, same live blocks, same handles at the same places.
#ifndef ARENA_ARC_TESTS_FAULT_INJECTION_WORLD_HPP
#define ARENA_ARC_TESTS_FAULT_INJECTION_WORLD_HPP

#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>
#include <arena_arc_testing/gtest_types.hpp>

#include "element.hpp"

namespace fault_injection {

/// One combination the suite is typed over. N = 8 keeps every placement boundary a few
/// elements away; uint8_t makes the index type as small as it gets.
template <class Instance>
struct config {
  using L = typename Instance::index_type;
  using RC = typename Instance::refcount;
  static constexpr std::size_t capacity = 8;
  using allocator = arena_arc::Allocator<element, L, capacity, RC>;
  using slice = arena_arc::ArcSlice<element, L, RC>;
  using single = arena_arc::ArcSingle<element, L, RC>;
};

using configs = arena_arc_testing::gtest_types<
    arena_arc_testing::transform_t<config, arena_arc_testing::tiny_and_default>>;

struct config_names {
  template <class Cfg>
  static std::string GetName(int) {
    std::string name = sizeof(typename Cfg::L) == 1 ? "u8_" : "u32_";
    name += Cfg::RC::is_atomic ? "atomic" : "local";
    return name;
  }
};

/// Where one handle's elements are and what they read. `block` numbers the live blocks in the
/// order the handle store first refers to them, so that two worlds compare without addresses.
struct handle_view {
  std::size_t block;
  std::size_t offset;
  std::vector<std::uint64_t> values;
  friend bool operator==(const handle_view&, const handle_view&) = default;
};

/// Everything observable about a world.
struct snapshot {
  std::optional<arena_arc::AllocatorStats> main_stats;
  std::optional<arena_arc::AllocatorStats> spare_stats;
  std::size_t live_blocks = 0;
  std::size_t live_bytes = 0;
  std::ptrdiff_t live_elements = 0;
  std::vector<handle_view> handles;
  friend bool operator==(const snapshot&, const snapshot&) = default;
};

inline void print_stats(std::ostream& out, const std::optional<arena_arc::AllocatorStats>& s) {
  if (!s) {
    out << "none";
    return;
  }
  out << "{chunks " << s->chunks_allocated << ", reused " << s->chunks_reused << ", dedicated "
      << s->dedicated_chunks << ", elements " << s->elements_allocated << ", wasted "
      << s->elements_wasted << "}";
}

inline std::ostream& operator<<(std::ostream& out, const snapshot& s) {
  out << "main ";
  print_stats(out, s.main_stats);
  out << ", spare ";
  print_stats(out, s.spare_stats);
  out << ", " << s.live_blocks << " blocks / " << s.live_bytes << " bytes, " << s.live_elements
      << " live elements, handles:";
  for (const auto& h : s.handles) {
    out << " [block " << h.block << " +" << h.offset << ":";
    for (auto v : h.values) out << " " << v;
    out << "]";
  }
  return out;
}

/// Which of the world's two allocators an operation uses.
enum class which { main, spare };

template <class Cfg>
class world {
 public:
  using allocator = typename Cfg::allocator;
  using slice = typename Cfg::slice;
  using single = typename Cfg::single;

  struct entry {
    std::variant<slice, single> handle;
    std::vector<std::uint64_t> expected;
  };

  // Declared first, destroyed last: elements and chunks go back to them at teardown.
  arena_arc_testing::counting_resource resource;
  element_ledger ledger;

  world() { main.emplace(&resource); }
  world(const world&) = delete;
  world& operator=(const world&) = delete;
  ~world() { teardown(); }

  allocator& use(which w) { return w == which::main ? *main : *spare; }
  std::optional<allocator>& slot(which w) { return w == which::main ? main : spare; }

  /// init for element i of a slice whose elements read base, base + 1, ...
  auto counting(std::uint64_t base) {
    return [this, base](std::size_t i) { return element(base + i, ledger); };
  }

  static std::vector<std::uint64_t> sequence(std::uint64_t base, std::size_t len) {
    std::vector<std::uint64_t> v(len);
    for (std::size_t i = 0; i < len; ++i) v[i] = base + i;
    return v;
  }

  void keep(slice s, std::vector<std::uint64_t> expected) {
    entries.push_back({std::move(s), std::move(expected)});
  }
  void keep(single s, std::uint64_t expected) {
    entries.push_back({std::move(s), std::vector<std::uint64_t>{expected}});
  }

  /// The elements a stored handle reads now.
  static std::vector<std::uint64_t> read(const entry& e) {
    std::vector<std::uint64_t> values;
    if (const auto* s = std::get_if<slice>(&e.handle)) {
      for (const element& x : *s) values.push_back(x.value());
    } else {
      values.push_back(std::get<single>(e.handle)->value());
    }
    return values;
  }

  static const void* address(const entry& e) {
    if (const auto* s = std::get_if<slice>(&e.handle)) return s->data();
    return &std::get<single>(e.handle).get();
  }

  [[nodiscard]] snapshot snap() const {
    snapshot s;
    if (main) s.main_stats = main->stats();
    if (spare) s.spare_stats = spare->stats();
    s.live_blocks = resource.live_blocks();
    s.live_bytes = resource.live_bytes();
    s.live_elements = ledger.live();
    std::map<const void*, std::size_t> numbering;
    for (const auto& e : entries) {
      handle_view v{no_block, 0, read(e)};
      if (const void* p = address(e); p != nullptr) {
        if (const auto at = resource.locate(p)) {
          v.block = numbering.try_emplace(at->base, numbering.size()).first->second;
          v.offset = at->offset;
        } else {
          v.block = outside_any_block;
        }
      }
      s.handles.push_back(std::move(v));
    }
    return s;
  }

  /// Every stored handle reads what it read when it was made.
  [[nodiscard]] ::testing::AssertionResult contents_intact() const {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (read(entries[i]) != entries[i].expected) {
        return ::testing::AssertionFailure() << "handle #" << i << " changed its contents";
      }
    }
    return ::testing::AssertionSuccess();
  }

  /// Drops every handle and both allocators; afterwards nothing may be left anywhere.
  void teardown() noexcept {
    entries.clear();
    main.reset();
    spare.reset();
  }

  [[nodiscard]] ::testing::AssertionResult clean() const {
    if (!resource.balanced()) {
      return ::testing::AssertionFailure() << "upstream not balanced: " << resource.report();
    }
    if (ledger.live() != 0) {
      return ::testing::AssertionFailure() << ledger.live() << " element(s) never destroyed";
    }
    if (ledger.bad_destroys() != 0) {
      return ::testing::AssertionFailure()
             << ledger.bad_destroys() << " destructor call(s) on dead elements";
    }
    return ::testing::AssertionSuccess();
  }

  static constexpr std::size_t no_block = static_cast<std::size_t>(-1);
  static constexpr std::size_t outside_any_block = static_cast<std::size_t>(-2);

  std::optional<allocator> main;
  std::optional<allocator> spare;
  std::vector<entry> entries;
};

}  // namespace fault_injection

#endif  // ARENA_ARC_TESTS_FAULT_INJECTION_WORLD_HPP
