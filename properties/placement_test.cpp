// Placement rules for any sequence of lengths: where each slice lands (same chunk right after
// the previous slice, a new standard chunk, or a dedicated chunk of exactly its length), which
// chunk the allocator keeps on overflow, and every stats() counter, all predicted by
// support/placement_predictor.hpp and checked after each allocation.
#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "model/sut.hpp"
#include "support/config.hpp"
#include "support/placement_predictor.hpp"

namespace props {
namespace {

template <class Cfg>
void placement_follows_rules() {
  using T = std::uint32_t;
  using allocator = arena_arc::Allocator<T, typename Cfg::L, 16, typename Cfg::RC>;
  using slice = arena_arc::ArcSlice<T, typename Cfg::L, typename Cfg::RC>;

  arena_arc_testing::counting_resource resource;
  const std::size_t capacity = *capacity_gen<Cfg>();
  placement_predictor placer;
  placer.capacity = capacity;
  std::map<int, std::pair<const T*, std::size_t>> chunks;  // chunk -> element 0, capacity
  std::size_t standard_bytes = 0;
  std::size_t keep_old = 0;
  std::size_t rotations = 0;
  {
    allocator alloc(capacity, &resource);
    std::vector<slice> kept;  // every slice stays alive: no chunk is ever recycled here
    const auto count = *uniform<std::size_t>(1, 60);
    for (std::size_t k = 0; k < count; ++k) {
      // Lengths the allocator rejects are the model test's business: here they become 0.
      const long long wanted = *length_gen<Cfg>(placer.capacity, placer.room());
      const bool valid = wanted >= 0 && static_cast<unsigned long long>(wanted) <= Cfg::max_length;
      const std::size_t len = valid ? static_cast<std::size_t>(wanted) : 0;
      const int current_before = placer.current;
      const placement p = placer.place(len);
      const std::size_t blocks_before = resource.live_blocks();
      kept.push_back(alloc.alloc(len, [k](std::size_t i) { return static_cast<T>(k + i); }));
      const slice& s = kept.back();

      check_stats(alloc.stats(), placer.stats);
      RC_ASSERT(s.size() == len);
      const std::size_t elements = p.dedicated ? len : capacity;
      const std::size_t opened_blocks = p.opened ? storage_blocks(elements, sizeof(T)) : 0;
      RC_ASSERT(resource.live_blocks() == blocks_before + opened_blocks);
      if (len == 0) {
        RC_ASSERT(s.data() == nullptr);
        continue;
      }
      if (p.opened) {
        // A dedicated chunk holds exactly len elements: its block is larger than a standard
        // one by exactly the extra elements (compared when both are single blocks; a split
        // chunk's last block is its header).
        const bool single_block = opened_blocks == 1 && storage_blocks(capacity, sizeof(T)) == 1;
        if (!p.dedicated && standard_bytes == 0 && single_block) {
          standard_bytes = resource.last_bytes();
        }
        if (standard_bytes != 0 && single_block) {
          RC_ASSERT(resource.last_bytes() + capacity * sizeof(T) ==
                    standard_bytes + elements * sizeof(T));
        }
        // A new chunk lies apart from every other live chunk.
        for (const auto& [chunk, where] : chunks) {
          const bool apart =
              s.data() + elements <= where.first || where.first + where.second <= s.data();
          RC_ASSERT(apart);
        }
        chunks[p.chunk] = {s.data(), elements};
        if (!p.dedicated) ++(placer.current == p.chunk ? rotations : keep_old);
      }
      // Right after the previous slice of the same chunk (offset 0 of a new one).
      RC_ASSERT(s.data() == chunks.at(p.chunk).first + p.offset);
      if (!p.opened) RC_ASSERT(p.chunk == current_before);
    }
  }
  RC_CLASSIFY(keep_old > 0, "kept the old chunk");
  RC_CLASSIFY(rotations > 1, "rotated");
  RC_ASSERT(resource.live_blocks() == 0u);
  RC_ASSERT(resource.errors().empty());
}

RC_GTEST_PROP(Placement, FollowsRulesUint8Atomic, ()) { placement_follows_rules<u8_atomic>(); }
RC_GTEST_PROP(Placement, FollowsRulesUint32Local, ()) { placement_follows_rules<u32_local>(); }

}  // namespace
}  // namespace props
