// Exhaustive checked arithmetic, compile-time half for L = std::uint8_t: every input of every
// helper but fits, evaluated inside static_assert (fits' 16.7 million triples are in
// exhaustive_arithmetic_static_u8_fits.cpp). Constant evaluation rejects undefined behaviour, so
// this file compiling proves, for each of these inputs, that the helper has none and agrees
// with the 128-bit reference. The program only prints the counts that were proven.
#include "support/suites.hpp"
#include "support/tally.hpp"

#include <cstdint>
#include <cstdio>

namespace {

constexpr formal::tally to_length = formal::u8_to_length();
static_assert(to_length.passed(), "to_length<uint8_t> disagrees with the reference");
// 8-bit sources: 4 x 256, 16-bit sources: 3 x 65536.
static_assert(to_length.checked == std::uint64_t{4 * 256 + 3 * 65536});

constexpr formal::tally add = formal::u8_add();
static_assert(add.passed(), "add<uint8_t> disagrees with the reference");
static_assert(add.checked == std::uint64_t{256} * 256);

constexpr formal::tally remaining = formal::u8_remaining();
static_assert(remaining.passed(), "remaining<uint8_t> disagrees with the reference");
static_assert(remaining.checked == std::uint64_t{256} * 256);

constexpr formal::tally valid_capacity = formal::u8_valid_capacity();
static_assert(valid_capacity.passed(), "valid_capacity<uint8_t> disagrees with the reference");
static_assert(valid_capacity.checked == 65536);

}  // namespace

int main() {
  const unsigned long long total =
      to_length.checked + add.checked + remaining.checked + valid_capacity.checked;
  std::printf("compile time, uint8_t: to_length %llu, add %llu, remaining %llu, "
              "valid_capacity %llu inputs\n",
              static_cast<unsigned long long>(to_length.checked),
              static_cast<unsigned long long>(add.checked),
              static_cast<unsigned long long>(remaining.checked),
              static_cast<unsigned long long>(valid_capacity.checked));
  std::printf("exhaustive arithmetic (compile time, uint8_t): %llu inputs proven in static_assert\n",
              total);
  return 0;
}
