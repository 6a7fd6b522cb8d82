// A documented limit: the violation handler is one per shared object that compiled arena-arc
// with hidden symbols. A handler installed through lib_a applies to violations raised in lib_a's
// code, not in lib_b's, which still use the default handler.
#include "library_api.hpp"

#include <gtest/gtest.h>

namespace {

TEST(SharedObjectsViolationHandler, InstalledThroughOneLibraryIsNotSeenByAnother) {
  ASSERT_TRUE(lib_a_handler_is_default());
  ASSERT_TRUE(lib_b_handler_is_default());
  lib_a_install_marking_handler();
  EXPECT_FALSE(lib_a_handler_is_default());
  EXPECT_TRUE(lib_b_handler_is_default());
  lib_a_restore_default_handler();
  EXPECT_TRUE(lib_a_handler_is_default());
}

TEST(SharedObjectsViolationHandlerDeathTest, AppliesOnlyToViolationsInTheLibraryThatInstalledIt) {
  EXPECT_DEATH(
      {
        lib_a_install_marking_handler();
        lib_a_violate();
      },
      "handler installed through lib_a: Allocator re-entrancy");
  EXPECT_DEATH(
      {
        lib_a_install_marking_handler();
        lib_b_violate();
      },
      "arena_arc: violation of Allocator re-entrancy");
}

}  // namespace
