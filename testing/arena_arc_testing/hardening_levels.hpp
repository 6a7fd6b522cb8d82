// Test support: what each hardening level must report. Include it where ARENA_ARC_HARDENING is
// the level under test (tests/hardening/ builds each suite once per level).
#ifndef ARENA_ARC_TESTING_HARDENING_LEVELS_HPP
#define ARENA_ARC_TESTING_HARDENING_LEVELS_HPP

#include <arena_arc/config.hpp>

#include <optional>
#include <string>

namespace arena_arc_testing {

inline constexpr bool fast_checks = ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_FAST;
inline constexpr bool extensive_checks = ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_EXTENSIVE;
inline constexpr bool debug_checks = ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_DEBUG;

/// `check` when the level compiles it in, nothing otherwise.
inline std::optional<std::string> expected_when(bool compiled_in, const char* check) {
  if (compiled_in) return std::string(check);
  return std::nullopt;
}

/// The default handler's whole stderr output for a failed `check`: exactly one line.
inline std::string default_handler_line(const std::string& check) {
  return "^arena_arc: violation of " + check + ": [^\n]+ \\([^\n]+:[0-9]+\\)\n$";
}

}  // namespace arena_arc_testing

#endif  // ARENA_ARC_TESTING_HARDENING_LEVELS_HPP
