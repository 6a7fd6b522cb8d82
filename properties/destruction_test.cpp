// Destruction exactly once, for any interleaving of allocations, copies (whole handles and
// subslices) and drops, with the allocator destroyed at any point: after every step exactly
// the elements of chunks still referenced (by a handle, or as the allocator's current chunk)
// are alive; in the end every element has been destroyed once and every block given back.
#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "support/config.hpp"
#include "support/counted.hpp"
#include "support/placement_predictor.hpp"

namespace props {
namespace {

template <class Cfg>
struct scenario {
  using slice = typename Cfg::slice;
  struct held {
    slice handle;
    int chunk;  // -1: the empty slice
  };

  arena_arc_testing::counting_resource resource;
  std::unique_ptr<typename Cfg::allocator> alloc;
  placement_predictor placer;
  std::map<int, std::vector<std::uint64_t>> chunk_ids;
  std::vector<held> handles;
  std::vector<std::uint64_t> all_ids;
  std::uint64_t next_id = 1;

  explicit scenario(std::size_t capacity)
      : alloc(std::make_unique<typename Cfg::allocator>(capacity, &resource)) {
    placer.capacity = capacity;
  }

  void allocate() {
    const auto len =
        *uniform<std::size_t>(0, std::min(2 * placer.capacity + 3, Cfg::max_length + 1));
    const placement p = placer.place(len);
    const std::uint64_t first = next_id;
    handles.push_back(
        {alloc->alloc(len, [first](std::size_t i) { return Counted{first + i}; }), p.chunk});
    for (std::size_t i = 0; i < len; ++i) {
      chunk_ids[p.chunk].push_back(first + i);
      all_ids.push_back(first + i);
    }
    next_id += len;
  }

  void copy(std::size_t i) {
    const held from = handles[i];  // a copy: push_back may move the vector's elements
    const std::size_t n = from.handle.size();
    const auto offset = *uniform<std::size_t>(0, n + 1);
    const auto count = *uniform<std::size_t>(0, n - offset + 1);
    // Copying an empty handle yields an empty handle; any part of a slice shares its chunk.
    handles.push_back({from.handle.subslice(offset, count), from.chunk});
    if (*rc::gen::arbitrary<bool>()) handles.push_back(from);
  }

  void drop(std::size_t i) { handles.erase(handles.begin() + static_cast<std::ptrdiff_t>(i)); }

  void destroy_allocator() {
    alloc.reset();
    placer.leave();
  }

  // Exactly the elements of referenced chunks are alive, none destroyed twice.
  void check() const {
    std::vector<std::uint64_t> expected;
    for (const auto& [chunk, ids] : chunk_ids) {
      const bool referenced = chunk == placer.current ||
                              std::any_of(handles.begin(), handles.end(),
                                          [c = chunk](const held& h) { return h.chunk == c; });
      if (referenced) expected.insert(expected.end(), ids.begin(), ids.end());
    }
    std::sort(expected.begin(), expected.end());
    std::vector<std::uint64_t> alive;
    for (const auto& [id, count] : tracker::get().live()) {
      RC_ASSERT(count == 1);
      alive.push_back(id);
    }
    RC_ASSERT(alive == expected);
    RC_ASSERT(tracker::get().errors().empty());
  }
};

template <class Cfg>
void destroyed_exactly_once() {
  tracker::get().reset();
  {
    scenario<Cfg> sc(*capacity_gen<Cfg>());
    enum class op { allocate, copy, drop, destroy_allocator };
    const auto ops = *rc::gen::container<std::vector<op>>(rc::gen::weightedElement<op>(
        {{4, op::allocate}, {3, op::copy}, {3, op::drop}, {1, op::destroy_allocator}}));
    for (const op o : ops) {
      if (o == op::destroy_allocator && sc.alloc) {
        sc.destroy_allocator();
      } else if ((o == op::allocate || sc.handles.empty()) && sc.alloc) {
        sc.allocate();
      } else if (!sc.handles.empty()) {
        const auto i = *uniform<std::size_t>(0, sc.handles.size());
        if (o == op::drop) {
          sc.drop(i);
        } else {
          sc.copy(i);
        }
      }
      sc.check();
    }
    // The rest goes in a random order, the allocator at a random point of it.
    const auto allocator_at = *uniform<std::size_t>(0, sc.handles.size() + 1);
    RC_TAG(sc.all_ids.empty() ? "no element"
           : sc.alloc         ? "allocator outlives some handles"
                              : "allocator destroyed first");
    for (std::size_t k = 0; !sc.handles.empty(); ++k) {
      if (k == allocator_at && sc.alloc) sc.destroy_allocator();
      sc.drop(*uniform<std::size_t>(0, sc.handles.size()));
      sc.check();
    }
    if (sc.alloc) sc.destroy_allocator();
    sc.check();

    std::vector<std::uint64_t> log = tracker::get().destroyed_log();
    std::sort(log.begin(), log.end());
    std::sort(sc.all_ids.begin(), sc.all_ids.end());
    RC_ASSERT(log == sc.all_ids);
    RC_ASSERT(sc.resource.live_blocks() == 0u);
    RC_ASSERT(sc.resource.errors().empty());
  }
  RC_ASSERT(tracker::get().live_count() == 0u);
}

RC_GTEST_PROP(Destruction, ExactlyOnceUint8Atomic, ()) { destroyed_exactly_once<u8_atomic>(); }
RC_GTEST_PROP(Destruction, ExactlyOnceUint32Local, ()) { destroyed_exactly_once<u32_local>(); }

}  // namespace
}  // namespace props
