// arena_arc_upstream_count: how often the allocator goes upstream in the steady state of
// "allocate a batch of kBatchSlices slices of n elements, drop the batch" (the target is 0).
//
// For every length of the benchmark sweep and both refcount policies, an allocator configured
// as in arena_arc_bench (strategies.hpp) gets its chunks from a counting
// std::pmr::memory_resource. It runs `warmup` rounds, then `rounds` more, and reports the
// upstream allocate and deallocate calls of the measured rounds per batch. Every slice's contents
// are checked, and at the end every block taken from upstream must have been given back.
//
// Usage: arena_arc_upstream_count [--warmup=W] [--rounds=R] [--json]
//   defaults W = 5, R = 50. Prints a Markdown table, or one JSON object with --json.
//   The warm-up must reach the steady state: at n = 1 a batch fills a quarter of a chunk, so
//   the allocator first opens its second chunk in round 5 (later rounds reuse recycled ones).
// Exit status 1 if a steady-state round called upstream, a slice read back wrong, or a block
// leaked; 2 on a bad command line.
#include "strategies.hpp"

#include <arena_arc/arena_arc.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <memory_resource>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

using namespace arena_arc_bench;

// Forwards to new_delete_resource() and counts the calls and the bytes still out.
class CountingResource final : public std::pmr::memory_resource {
 public:
  [[nodiscard]] std::size_t allocations() const noexcept { return allocations_; }
  [[nodiscard]] std::size_t deallocations() const noexcept { return deallocations_; }
  [[nodiscard]] std::size_t bytes_out() const noexcept { return bytes_out_; }

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    void* p = std::pmr::new_delete_resource()->allocate(bytes, alignment);
    ++allocations_;
    bytes_out_ += bytes;
    return p;
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    ++deallocations_;
    bytes_out_ -= bytes;
    std::pmr::new_delete_resource()->deallocate(p, bytes, alignment);
  }
  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  std::size_t allocations_ = 0;
  std::size_t deallocations_ = 0;
  std::size_t bytes_out_ = 0;
};

struct Row {
  std::string_view policy;
  std::size_t len = 0;
  std::size_t warmup_allocations = 0;  // upstream allocations during the warm-up rounds
  std::size_t steady_allocations = 0;  // during the measured rounds
  std::size_t steady_deallocations = 0;
  std::size_t chunks_reused = 0;  // stats().chunks_reused over the measured rounds
  std::size_t bytes_leaked = 0;   // still out after the allocator and every handle are gone
  bool contents_ok = true;
};

template <class RC>
Row measure(std::size_t len, unsigned warmup, unsigned rounds) {
  using Arena = ArenaSlices<RC>;
  Row row;
  row.policy = Arena::name;
  row.len = len;
  CountingResource upstream;
  {
    typename Arena::Allocator allocator(&upstream);
    std::vector<typename Arena::Handle> live;
    live.reserve(kBatchSlices);
    const auto round = [&] {
      for (std::size_t i = 0; i < kBatchSlices; ++i) {
        live.push_back(
            allocator.alloc(len, [i](std::size_t k) { return static_cast<Element>(i + k); }));
      }
      for (std::size_t i = 0; i < kBatchSlices; ++i) {
        const Element* data = live[i].data();
        row.contents_ok = row.contents_ok && live[i].size() == len && data[0] == i &&
                          data[len - 1] == i + len - 1;
      }
      live.clear();
    };
    for (unsigned r = 0; r < warmup; ++r) round();
    row.warmup_allocations = upstream.allocations();
    const std::size_t deallocations_before = upstream.deallocations();
    const std::size_t reused_before = allocator.stats().chunks_reused;
    for (unsigned r = 0; r < rounds; ++r) round();
    row.steady_allocations = upstream.allocations() - row.warmup_allocations;
    row.steady_deallocations = upstream.deallocations() - deallocations_before;
    row.chunks_reused = allocator.stats().chunks_reused - reused_before;
  }
  row.bytes_leaked = upstream.bytes_out();
  return row;
}

[[nodiscard]] double per_batch(std::size_t calls, unsigned rounds) {
  return rounds == 0 ? 0.0 : static_cast<double>(calls) / rounds;
}

[[nodiscard]] bool sane(const Row& row) {
  return row.steady_allocations == 0 && row.steady_deallocations == 0 && row.bytes_leaked == 0 &&
         row.contents_ok;
}

void print_table(const std::vector<Row>& rows, unsigned warmup, unsigned rounds) {
  std::cout << "Upstream calls per batch of " << kBatchSlices << " slices after " << warmup
            << " warm-up rounds, over " << rounds << " rounds (chunk capacity " << kChunkCapacity
            << ").\n\n"
            << "| policy | n | warm-up allocations | allocations / batch | deallocations / batch "
               "| chunks reused / batch | leaked bytes | contents |\n"
            << "|---|---:|---:|---:|---:|---:|---:|---|\n";
  for (const Row& row : rows) {
    std::cout << "| " << row.policy << " | " << row.len << " | " << row.warmup_allocations << " | "
              << per_batch(row.steady_allocations, rounds) << " | "
              << per_batch(row.steady_deallocations, rounds) << " | "
              << per_batch(row.chunks_reused, rounds) << " | " << row.bytes_leaked << " | "
              << (row.contents_ok ? "ok" : "WRONG") << " |\n";
  }
}

void print_json(const std::vector<Row>& rows, unsigned warmup, unsigned rounds) {
  std::cout << "{\"batch\": " << kBatchSlices << ", \"chunk_capacity\": " << kChunkCapacity
            << ", \"warmup\": " << warmup << ", \"rounds\": " << rounds << ", \"rows\": [";
  const char* separator = "";
  for (const Row& row : rows) {
    std::cout << separator << "\n  {\"policy\": \"" << row.policy << "\", \"n\": " << row.len
              << ", \"warmup_allocations\": " << row.warmup_allocations
              << ", \"steady_allocations\": " << row.steady_allocations
              << ", \"steady_deallocations\": " << row.steady_deallocations
              << ", \"chunks_reused\": " << row.chunks_reused
              << ", \"bytes_leaked\": " << row.bytes_leaked
              << ", \"contents_ok\": " << (row.contents_ok ? "true" : "false") << "}";
    separator = ",";
  }
  std::cout << "\n]}\n";
}

// "--name=value" with a positive value into `out`; false if `arg` is some other flag.
bool parse_count(std::string_view arg, std::string_view name, unsigned& out, bool& bad) {
  if (!arg.starts_with(name)) return false;
  const std::string_view value = arg.substr(name.size());
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  bad = bad || error != std::errc{} || end != value.data() + value.size() || out == 0;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned warmup = 5;
  unsigned rounds = 50;
  bool json = false;
  bool bad = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--json") {
      json = true;
    } else if (!parse_count(arg, "--warmup=", warmup, bad) &&
               !parse_count(arg, "--rounds=", rounds, bad)) {
      bad = true;
    }
  }
  if (bad) {
    std::cerr << "usage: arena_arc_upstream_count [--warmup=W] [--rounds=R] [--json]"
                 " (W, R positive)\n";
    return 2;
  }

  std::vector<Row> rows;
  for (const std::int64_t len : kLengths) {
    const auto n = static_cast<std::size_t>(len);
    rows.push_back(measure<arena_arc::atomic_refcount>(n, warmup, rounds));
    rows.push_back(measure<arena_arc::local_refcount>(n, warmup, rounds));
  }
  if (json) {
    print_json(rows, warmup, rounds);
  } else {
    print_table(rows, warmup, rounds);
  }
  for (const Row& row : rows) {
    if (!sane(row)) return 1;
  }
  return 0;
}
