// Parses "name: v1 v2 ..." lines into shared, immutable records.
// - try_alloc builds the numbers of a line, and leaves the allocator untouched when a line
//   does not parse (the strong guarantee), so bad input wastes no arena space.
// - emplace builds a record that can be neither copied nor moved, in place.
// - ArcSingle::from_slice / to_slice convert between one-element slices and singles.
#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check.hpp"

using example::check;

namespace {

using Values = arena_arc::ArcSlice<double>;

// Records are shared read-only, so they need not be movable: the arena constructs them in place.
struct Record {
  Record(std::string_view record_name, Values record_values)
      : name(record_name), values(std::move(record_values)) {}
  Record(const Record&) = delete;
  Record& operator=(const Record&) = delete;
  ~Record() = default;

  std::string name;
  Values values;
};

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> fields;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t end = std::min(s.find(' ', pos), s.size());
    if (end > pos) {
      fields.push_back(s.substr(pos, end - pos));
    }
    pos = end + 1;
  }
  return fields;
}

// A whole field as a number, exactly as std::from_chars(first, last, value) reads it (which
// libc++ 19 does not provide for floating point): decimal or scientific, "inf" or "nan", an
// optional '-' but no '+', no leading space, no "0x" (std::strtod would take all three), nothing
// after the number, and no value that only rounds to zero or infinity. std::strtod reads the
// "C" locale's '.' here: this program never calls setlocale.
std::optional<double> parse(std::string_view field) {
  const std::string_view unsigned_part = field.substr(field.starts_with('-') ? 1 : 0);
  if (unsigned_part.empty() || unsigned_part.front() == '+' ||
      std::isspace(static_cast<unsigned char>(field.front())) != 0 ||
      unsigned_part.starts_with("0x") || unsigned_part.starts_with("0X")) {
    return std::nullopt;
  }
  const std::string text(field);  // std::strtod needs a terminating NUL
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  // ERANGE also flags a subnormal result, which std::from_chars accepts: only a value rounded to
  // zero or infinity is out of range.
  const bool out_of_range = errno == ERANGE && (value == 0.0 || std::isinf(value));
  if (out_of_range || end != text.c_str() + text.size()) {
    return std::nullopt;
  }
  return value;
}

class Parser {
 public:
  std::optional<arena_arc::ArcSingle<Record>> parse_line(std::string_view line) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return std::nullopt;
    }
    const std::vector<std::string_view> fields = split(line.substr(colon + 1));
    std::optional<Values> values =
        numbers_.try_alloc(fields.size(), [&](std::size_t i) { return parse(fields[i]); });
    if (!values) {
      return std::nullopt;
    }
    return records_.emplace(line.substr(0, colon), std::move(*values));
  }

  const arena_arc::Allocator<double>& numbers() const { return numbers_; }

 private:
  arena_arc::Allocator<double> numbers_;
  arena_arc::Allocator<Record, std::uint32_t, 16> records_;
};

double sum(const Values& values) {
  double total = 0.0;
  for (const double v : values) {
    total += v;
  }
  return total;
}

}  // namespace

int main() {
  Parser parser;

  const auto latency = parser.parse_line("latency: 1.5 2.5 4");
  check(latency.has_value(), "a good line parses");
  check((*latency)->name == "latency", "the record keeps its name");
  check(sum((*latency)->values) == 8.0, "1.5 + 2.5 + 4 == 8");

  const auto before = parser.numbers().stats();
  const auto broken = parser.parse_line("broken: 1 2 three 4");
  const auto after = parser.numbers().stats();
  check(!broken.has_value(), "a bad number rejects the whole line");
  check(after.elements_allocated == before.elements_allocated &&
            after.chunks_allocated == before.chunks_allocated,
        "a rejected line leaves the allocator as it was");

  // The numbers std::from_chars would read, and only those, on every standard library.
  check(parse("-2.5e1") == -25.0 && parse("4e-320").has_value() && !parse("+1") && !parse("0x10") &&
            !parse(" 1") && !parse("1e999") && !parse("1e-999") && !parse("1.5x"),
        "numbers are read as std::from_chars reads them");

  const auto load = parser.parse_line("load: 0.75");
  check(load.has_value() && (*load)->values.size() == 1, "a one-number line");

  // A one-element slice converts to a single and back, sharing the same element.
  const arena_arc::ArcSingle<double> peak =
      arena_arc::ArcSingle<double>::from_slice((*load)->values);
  check(*peak == 0.75 && &peak.get() == (*load)->values.data(), "from_slice shares the element");
  const Values again = peak.to_slice();
  check(again.size() == 1 && again.data() == &peak.get(), "to_slice shares it too");

  check(parser.numbers().stats().elements_allocated == 4, "3 + 1 numbers in the arena");

  std::puts("records: ok");
  return 0;
}
