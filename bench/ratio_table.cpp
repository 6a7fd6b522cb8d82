#include "ratio_table.hpp"

#include <algorithm>
#include <cstddef>
#include <iomanip>
#include <sstream>

namespace arena_arc_bench {
namespace {

[[nodiscard]] double cpu_ns_per_iteration(const benchmark::BenchmarkReporter::Run& run) {
  return run.GetAdjustedCPUTime() * 1e9 / benchmark::GetTimeUnitMultiplier(run.time_unit);
}

[[nodiscard]] std::string key_of(const std::string& case_variant, std::int64_t length) {
  return case_variant + "/" + std::to_string(length);
}

[[nodiscard]] double median(std::vector<double> values) {
  const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), mid, values.end());
  if (values.size() % 2 != 0) return *mid;
  return (*mid + *std::max_element(values.begin(), mid)) / 2;
}

[[nodiscard]] std::string format_time(double ns) {
  std::ostringstream s;
  s << std::fixed;
  if (ns < 1e3) {
    s << std::setprecision(1) << ns << " ns";
  } else if (ns < 1e6) {
    s << std::setprecision(1) << ns / 1e3 << " us";
  } else {
    s << std::setprecision(2) << ns / 1e6 << " ms";
  }
  return s.str();
}

[[nodiscard]] std::string format_ratio(std::optional<double> arena, std::optional<double> base) {
  if (!arena || !base || *base <= 0) return "n/a";
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << *arena / *base;
  return s.str();
}

}  // namespace

bool RatioTableReporter::ReportContext(const Context& context) {
  return display_->ReportContext(context);
}

void RatioTableReporter::ReportRuns(const std::vector<Run>& runs) {
  display_->ReportRuns(runs);
  for (const Run& run : runs) {
    if (run.error_occurred) {
      errors_ = true;
      continue;
    }
    const std::string key = run.run_name.function_name + "/" + run.run_name.args;
    if (run.run_type == Run::RT_Iteration) {
      samples_[key].repetitions_ns.push_back(cpu_ns_per_iteration(run));
      repetitions_ = std::max(repetitions_, run.repetitions);
    } else if (run.aggregate_name == "median") {
      samples_[key].median_ns = cpu_ns_per_iteration(run);
      repetitions_ = std::max(repetitions_, run.repetitions);
    }
  }
}

void RatioTableReporter::Finalize() { display_->Finalize(); }

std::optional<double> RatioTableReporter::time_ns(const std::string& key) const {
  const auto found = samples_.find(key);
  if (found == samples_.end()) return std::nullopt;
  const Samples& samples = found->second;
  if (samples.median_ns) return samples.median_ns;
  if (samples.repetitions_ns.empty()) return std::nullopt;
  return median(samples.repetitions_ns);
}

void RatioTableReporter::write_table(std::ostream& out, const std::vector<CaseLayout>& layouts,
                                     const TableNotes& notes) const {
  out << "\n## arena_arc_bench: arena time and arena / baseline ratios\n\n"
      << "CPU time per benchmark iteration, "
      << (repetitions_ > 1 ? "median of " + std::to_string(repetitions_) + " repetitions"
                           : std::string("single run (no repetitions)"))
      << ". Ratio = arena time / baseline time: below 1.00 the arena is faster. "
      << (notes.single_threaded_process
              ? "Single-threaded process: libstdc++'s shared_ptr counts are not atomic.\n"
              : "A thread was started first, so shared_ptr counts are atomic as in any "
                "multi-threaded program.\n");
#if defined(__clang__)
  out << "Compiler: clang++ " << __clang_major__ << '.' << __clang_minor__ << ".\n";
#elif defined(__GNUC__)
  out << "Compiler: g++ " << __GNUC__ << '.' << __GNUC_MINOR__ << ".\n";
#endif
#if !defined(__OPTIMIZE__) && (defined(__GNUC__) || defined(__clang__))
  out << "\n**Warning: built without optimisation; these numbers mean nothing. "
         "Configure with -DCMAKE_BUILD_TYPE=Release.**\n";
#endif
  for (const CaseLayout& layout : layouts) write_case(out, layout);
}

void RatioTableReporter::write_case(std::ostream& out, const CaseLayout& layout) const {
  std::ostringstream rows;
  for (const std::int64_t length : layout.lengths) {
    for (const std::string& arena : layout.arenas) {
      const auto arena_ns = time_ns(key_of(layout.name + "/" + arena, length));
      if (!arena_ns) continue;  // filtered out or failed
      rows << "| " << length << " | " << arena << " | " << format_time(*arena_ns) << " |";
      for (const std::string& baseline : layout.baselines) {
        rows << ' ' << format_ratio(arena_ns, time_ns(key_of(layout.name + "/" + baseline, length)))
             << " |";
      }
      rows << '\n';
    }
  }
  if (rows.view().empty()) return;

  out << "\n### " << layout.name << "\n\n" << layout.description << "\n\n| n | arena | time |";
  for (const std::string& baseline : layout.baselines) out << " / " << baseline << " |";
  out << "\n|---:|---|---:|";
  for (std::size_t i = 0; i < layout.baselines.size(); ++i) out << "---:|";
  out << '\n' << rows.view();
}

}  // namespace arena_arc_bench
