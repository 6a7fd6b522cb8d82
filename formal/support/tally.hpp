// formal/: the result of one sweep — how many inputs were checked, how many disagreed with the
// reference, and the first input that did (so that a failure can be reproduced by hand).
//
// Everything is constexpr: the same sweep runs at run time (ctest) and inside static_assert.
#ifndef ARENA_ARC_FORMAL_SUPPORT_TALLY_HPP
#define ARENA_ARC_FORMAL_SUPPORT_TALLY_HPP

#include <array>
#include <cstdint>
#include <string>

namespace formal {

// __extension__: the 128-bit types are a GNU extension, which -Wpedantic would flag.
__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 i128;

struct tally {
  std::uint64_t checked = 0;
  std::uint64_t failed = 0;
  std::array<i128, 4> first_failure{};  // the arguments of the first mismatch, in call order

  /// Counts one input; `ok` is whether the helper agreed with the reference on it.
  constexpr void record(bool ok, i128 a = 0, i128 b = 0, i128 c = 0, i128 d = 0) {
    ++checked;
    if (!ok) [[unlikely]] note_failure({a, b, c, d});
  }

  /// One more mismatch (already counted in `checked`), at `arguments`.
  constexpr void note_failure(const std::array<i128, 4>& arguments) {
    if (failed == 0) first_failure = arguments;
    ++failed;
  }

  constexpr tally& operator+=(const tally& other) {
    if (failed == 0 && other.failed != 0) first_failure = other.first_failure;
    checked += other.checked;
    failed += other.failed;
    return *this;
  }

  [[nodiscard]] constexpr bool passed() const { return failed == 0 && checked != 0; }
};

/// Decimal text of a 128-bit signed value (the standard library has no formatter for it).
inline std::string to_string(i128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  // Work on the magnitude as unsigned: -v would overflow for the minimum value.
  u128 m = negative ? static_cast<u128>(0) - static_cast<u128>(v) : static_cast<u128>(v);
  std::string digits;
  while (m != 0) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  }
  return negative ? "-" + digits : digits;
}

}  // namespace formal

#endif  // ARENA_ARC_FORMAL_SUPPORT_TALLY_HPP
