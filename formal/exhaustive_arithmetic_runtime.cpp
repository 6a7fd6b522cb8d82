// Exhaustive checked arithmetic, run-time half: every sweep of support/suites.hpp runs here,
// optimised and spread over the machine's threads, and prints how many inputs it checked.
// Exit status 1 if any input disagrees with the wide-integer reference (the first such input is
// printed). The same sweeps run inside static_assert in exhaustive_arithmetic_static_*.cpp,
// except the dense 16-bit ones (2^32 inputs each, beyond any compiler's constexpr budget).
#include "support/suites.hpp"
#include "support/tally.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace {

struct named_sweep {
  const char* name;
  formal::tally (*run)();
};

using namespace formal;  // NOLINT(google-build-using-namespace): the table names ~30 sweeps

// Every sweep of suites.hpp, longest first so that the threads finish together.
constexpr std::array<named_sweep, 33> sweeps = {{
    {"u16 fits, every (offset, len), capacity 65535", u16_fits_at<6>},
    {"u16 fits, every (offset, len), capacity 65534", u16_fits_at<5>},
    {"u16 fits, every (offset, len), capacity 4095", u16_fits_at<4>},
    {"u16 fits, every (offset, len), capacity 256", u16_fits_at<3>},
    {"u16 fits, every (offset, len), capacity 255", u16_fits_at<2>},
    {"u16 fits, every (offset, len), capacity 2", u16_fits_at<1>},
    {"u16 fits, every (offset, len), capacity 1", u16_fits_at<0>},
    {"u16 range_in_bounds, every (offset, len), size 65535", u16_range_in_bounds_at<6>},
    {"u16 range_in_bounds, every (offset, len), size 65534", u16_range_in_bounds_at<5>},
    {"u16 range_in_bounds, every (offset, len), size 4095", u16_range_in_bounds_at<4>},
    {"u16 range_in_bounds, every (offset, len), size 256", u16_range_in_bounds_at<3>},
    {"u16 range_in_bounds, every (offset, len), size 255", u16_range_in_bounds_at<2>},
    {"u16 range_in_bounds, every (offset, len), size 2", u16_range_in_bounds_at<1>},
    {"u16 range_in_bounds, every (offset, len), size 1", u16_range_in_bounds_at<0>},
    {"u16 add, every (offset, len)", u16_add},
    {"u16 remaining, every (used, capacity)", u16_remaining},
    {"u16 to_length, every 8/16-bit source", u16_to_length},
    {"u16 valid_capacity, every capacity <= 2^17", u16_valid_capacity},
    {"u8  to_length, every int8/uint8/int16/uint16/char/char8/char16", u8_to_length},
    {"u8  add, every (a, b)", u8_add},
    {"u8  fits, every (used, capacity, n)", u8_fits},
    {"u8  remaining, every (used, capacity)", u8_remaining},
    {"u8  valid_capacity, every capacity < 2^16", u8_valid_capacity},
    {"bnd to_length, 15 source types x L of 8/16/32/64 bits", bnd_to_length},
    {"bnd add/fits/remaining/valid_capacity, uint16_t", bnd_index_16},
    {"bnd add/fits/remaining/valid_capacity, uint32_t", bnd_index_32},
    {"bnd add/fits/remaining/valid_capacity, uint64_t", bnd_index_64},
    {"bnd range_in_bounds/mul/add_size/align_up, size_t", bnd_size_helpers},
    {"bnd layout_for, size_t", bnd_layout_for},
    {"size range_in_bounds, every (size, offset, count) in [0,300]^3", size_range_in_bounds_dense},
    {"size align_up, every value < 4096 x 22 alignments", size_align_up_dense},
    {"size mul/add_size, every pair < 256", size_mul_add_dense},
    {"u8  fits, every (used, capacity, n) [char8_t as L]", u8_fits_char8},
}};

}  // namespace

int main(int argc, char** argv) {
  // --small skips the 2^32-input uint16_t sweeps (the first 16 entries): every helper still
  // runs over every uint8_t input and every boundary combination, in well under a second even
  // instrumented (scripts/coverage.sh runs this form).
  const bool small = argc > 1 && std::string(argv[1]) == "--small";
  const std::size_t first = small ? 16 : 0;
  std::array<tally, sweeps.size()> results{};
  std::atomic<std::size_t> next{first};
  const auto worker = [&] {
    for (std::size_t i = next++; i < sweeps.size(); i = next++) results[i] = sweeps[i].run();
  };
  const unsigned threads = std::max(1U, std::min(4U, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();

  std::uint64_t total = 0;
  std::uint64_t failed = 0;
  for (std::size_t i = first; i < sweeps.size(); ++i) {
    const tally& t = results[i];
    std::printf("%-66s %14llu inputs  %s\n", sweeps[i].name,
                static_cast<unsigned long long>(t.checked), t.passed() ? "ok" : "FAILED");
    if (!t.passed()) {
      std::printf("  first mismatch at arguments (%s, %s, %s, %s); %llu mismatches\n",
                  to_string(t.first_failure[0]).c_str(), to_string(t.first_failure[1]).c_str(),
                  to_string(t.first_failure[2]).c_str(), to_string(t.first_failure[3]).c_str(),
                  static_cast<unsigned long long>(t.failed));
      ++failed;
    }
    total += t.checked;
  }
  std::printf("exhaustive arithmetic (run time): %llu inputs in %zu sweeps checked against the "
              "wide-integer reference, %llu sweeps failed\n",
              static_cast<unsigned long long>(total), sweeps.size() - first,
              static_cast<unsigned long long>(failed));
  return failed == 0 ? 0 : 1;
}
