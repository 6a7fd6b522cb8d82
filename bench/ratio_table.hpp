// A reporter that forwards everything to the usual display reporter (console, or whatever
// --benchmark_format asks for) and also keeps each run's time, so that after the run a
// Markdown table of arena times and arena/baseline ratios can be printed.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace arena_arc_bench {

// One table: benchmarks are named "<name>/<variant>/<length>".
struct CaseLayout {
  std::string name;
  std::string description;
  std::vector<std::string> arenas;     // one row per arena variant and length
  std::vector<std::string> baselines;  // one ratio column each
  std::vector<std::int64_t> lengths;
};

// Conditions of the run that the table states, since they change what the numbers mean.
struct TableNotes {
  bool single_threaded_process;
};

class RatioTableReporter final : public benchmark::BenchmarkReporter {
 public:
  // `display` is not owned and must outlive this reporter.
  explicit RatioTableReporter(benchmark::BenchmarkReporter* display) : display_(display) {}

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

  [[nodiscard]] bool any_results() const noexcept { return !samples_.empty(); }
  [[nodiscard]] bool any_errors() const noexcept { return errors_; }

  void write_table(std::ostream& out, const std::vector<CaseLayout>& layouts,
                   const TableNotes& notes) const;

 private:
  struct Samples {
    std::vector<double> repetitions_ns;  // CPU time per iteration of every repetition seen
    std::optional<double> median_ns;     // the library's "median" aggregate, when reported
  };

  // Median aggregate if there is one, else the median of the repetitions seen.
  [[nodiscard]] std::optional<double> time_ns(const std::string& key) const;
  void write_case(std::ostream& out, const CaseLayout& layout) const;

  benchmark::BenchmarkReporter* display_;
  std::map<std::string, Samples> samples_;  // key: "<case>/<variant>/<length>"
  std::int64_t repetitions_ = 1;
  bool errors_ = false;
};

}  // namespace arena_arc_bench
