// Exhaustive checked arithmetic, compile time: fits<uint8_t>(used, capacity, n) inside
// static_assert. Built once per quarter of the capacities (ARENA_ARC_FORMAL_FITS_QUARTER = 0..3,
// 64 capacities x 65536 (used, n) each: together every one of the 16.7 million inputs), or,
// without that macro, once for 9 representative capacities (see formal/CMakeLists.txt for
// which compilers get which). Compiling proves no undefined behaviour and agreement with the
// 128-bit reference for each input, also outside the precondition used <= capacity.
#include "support/suites.hpp"
#include "support/tally.hpp"

#include <cstdint>
#include <cstdio>

namespace {

#if defined(ARENA_ARC_FORMAL_FITS_QUARTER)
static_assert(ARENA_ARC_FORMAL_FITS_QUARTER >= 0 && ARENA_ARC_FORMAL_FITS_QUARTER < 4);
constexpr std::int32_t first_capacity = 64 * ARENA_ARC_FORMAL_FITS_QUARTER;
constexpr formal::tally fits = formal::ct_u8_fits_capacities(first_capacity, first_capacity + 63);
static_assert(fits.checked == std::uint64_t{64} * 256 * 256);
constexpr const char* selection = "every (used, n) x 64 capacities (one quarter)";
#else
constexpr formal::tally fits = formal::ct_u8_fits_representative();
static_assert(fits.checked == std::uint64_t{9} * 256 * 256);
constexpr const char* selection = "every (used, n) x 9 representative capacities";
#endif
static_assert(fits.passed(), "fits<uint8_t> disagrees with the reference");

}  // namespace

int main() {
  std::printf("exhaustive arithmetic (compile time, uint8_t fits, %s): %llu inputs proven in "
              "static_assert\n",
              selection, static_cast<unsigned long long>(fits.checked));
  return 0;
}
