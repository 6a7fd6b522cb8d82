// T's copy constructor throwing inside alloc_copy (and emplace from an lvalue) at every index
// and on every placement path: the copies already made are destroyed, the source is untouched,
// the allocator is unchanged, and the next allocation lands where it would have.
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "support/every_index.hpp"

namespace fault_injection {
namespace {

template <class Cfg>
class CopyFailure : public ::testing::Test {};
TYPED_TEST_SUITE(CopyFailure, configs, config_names);

constexpr std::uint64_t base = 700;

/// alloc_copy of a `Container` of len elements whose copy number `fail_at` throws.
template <class Container>
struct copy_attempt {
  template <class W>
  bool operator()(W& w, const path_case& pc, std::optional<std::size_t> fail_at) const {
    Container source;
    for (std::size_t i = 0; i < pc.len; ++i) source.emplace_back(base + i, w.ledger);
    w.ledger.arm_copy(fail_at);
    bool made = true;
    try {
      w.keep(w.main->alloc_copy(source), W::sequence(base, pc.len));
    } catch (const copy_failure& f) {
      EXPECT_EQ(std::optional<std::size_t>(f.copy_index), fail_at);
      made = false;
    }
    w.ledger.arm_copy(std::nullopt);
    std::size_t i = 0;
    for (const element& e : source) EXPECT_EQ(e.value(), base + i++) << "the source changed";
    return made;
  }
};

TYPED_TEST(CopyFailure, AllocCopyFromVectorThrowingAtEveryIndexLeavesNothingBehind) {
  fail_at_every_index<TypeParam>(slice_paths(), copy_attempt<std::vector<element>>{});
}

TYPED_TEST(CopyFailure, AllocCopyFromListThrowingAtEveryIndexLeavesNothingBehind) {
  fail_at_every_index<TypeParam>(slice_paths(), copy_attempt<std::list<element>>{});
}

TYPED_TEST(CopyFailure, EmplaceCopyingAnLvalueThatThrowsLeavesNothingBehind) {
  using W = world<TypeParam>;
  fail_at_every_index<TypeParam>(
      single_paths(), [](W& w, const path_case&, std::optional<std::size_t> fail_at) {
        const element source(base, w.ledger);
        w.ledger.arm_copy(fail_at);
        bool made = true;
        try {
          w.keep(w.main->emplace(source), base);
        } catch (const copy_failure&) {
          made = false;
        }
        w.ledger.arm_copy(std::nullopt);
        return made;
      });
}

}  // namespace
}  // namespace fault_injection
