// Exhaustive checked arithmetic, compile-time half for 16, 32 and 64 bits and std::size_t:
// boundary-value sweeps evaluated inside static_assert (every pair of boundary values for the
// two-argument helpers, the compact set for three or more), plus dense small ranges of the
// std::size_t helpers. Compiling proves no undefined behaviour and agreement with the 128-bit
// reference on each of these inputs; the program prints the counts that were proven.
#include "support/suites.hpp"
#include "support/tally.hpp"

#include <cstdio>

namespace {

constexpr formal::tally to_length = formal::bnd_to_length();
static_assert(to_length.passed(), "to_length disagrees with the reference at a boundary");

constexpr formal::tally index_helpers = formal::ct_bnd_index();
static_assert(index_helpers.passed(),
              "add/fits/remaining/valid_capacity disagree with the reference at a boundary");

constexpr formal::tally size_helpers = formal::ct_bnd_size_helpers();
static_assert(size_helpers.passed(),
              "range_in_bounds/mul/add_size/align_up disagree with the reference at a boundary");

constexpr formal::tally layout = formal::ct_bnd_layout_for();
static_assert(layout.passed(), "layout_for disagrees with the reference at a boundary");

constexpr formal::tally dense = formal::ct_size_dense();
static_assert(dense.passed(), "range_in_bounds/align_up disagree with the reference");

}  // namespace

int main() {
  const unsigned long long total = to_length.checked + index_helpers.checked +
                                   size_helpers.checked + layout.checked + dense.checked;
  std::printf("compile time, boundaries: to_length %llu, index helpers %llu, size helpers %llu, "
              "layout_for %llu, dense size_t %llu inputs\n",
              static_cast<unsigned long long>(to_length.checked),
              static_cast<unsigned long long>(index_helpers.checked),
              static_cast<unsigned long long>(size_helpers.checked),
              static_cast<unsigned long long>(layout.checked),
              static_cast<unsigned long long>(dense.checked));
  std::printf("exhaustive arithmetic (compile time, boundaries): %llu inputs proven in "
              "static_assert\n",
              total);
  return 0;
}
