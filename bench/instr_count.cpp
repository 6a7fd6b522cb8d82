// arena_arc_instr_count: runs one benchmarked operation K times, for counting instructions per
// operation under `valgrind --tool=callgrind` (bench/report.sh runs K = 1000 and K = 2000 and
// takes (Ir(2000) - Ir(1000)) / 1000, which cancels start-up, set-up and tear-down).
//
// The operations are those of arena_arc_bench, on the same strategies (strategies.hpp) and with
// the same consume() (consume.hpp), at the same lengths n:
//   alloc_drop/<variant>/<n>   make one slice of n elements, read it, drop it; variants
//                              arena_atomic, arena_local, make_shared_for_overwrite,
//                              shared_ptr_new, pmr_monotonic, write_floor;
//   copy_drop/<variant>        copy a live handle of kCopyLen elements and drop the copy;
//                              variants arena_atomic, arena_local, shared_ptr.
// As in arena_arc_bench, one thread is started and joined first, so that libstdc++'s shared_ptr
// uses atomic counts as in any multi-threaded program.
//
// Usage: arena_arc_instr_count OP K           run OP K times
//        arena_arc_instr_count --list         the operations report.sh measures, one per line
//        arena_arc_instr_count --self-check   run every listed operation 100 times natively
// Exit status 1 if an operation read back a wrong value (or, for --self-check, any did);
// 2 on a bad command line.
#include "consume.hpp"
#include "strategies.hpp"

#include <benchmark/benchmark.h>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

namespace {

using namespace arena_arc_bench;

inline constexpr std::size_t kCopyLen = 8;
inline constexpr std::size_t kSelfCheckIterations = 100;

// One slice per iteration, as arena_arc_bench's alloc_drop. Only the last value read is kept:
// checking it costs nothing per iteration.
template <class S>
bool alloc_drop(std::size_t len, std::size_t iterations) {
  S strategy(len, 1);
  Element last = 0;
  for (std::size_t i = 0; i < iterations; ++i) {
    const typename S::Handle handle = strategy.make(len);
    last = consume(S::data(handle), len);
  }
  return iterations == 0 || last == len - 1;
}

// As arena_arc_bench's copy_drop: the count really goes up and down (DoNotOptimize takes the copy
// by reference with a memory clobber).
template <class S>
bool copy_drop(std::size_t len, std::size_t iterations) {
  S strategy(len, 1);
  const typename S::Handle original = strategy.make(len);
  for (std::size_t i = 0; i < iterations; ++i) {
    typename S::Handle copy = original;
    benchmark::DoNotOptimize(copy);
  }
  return S::data(original)[len - 1] == len - 1;
}

struct Operation {
  std::string name;
  std::function<bool(std::size_t)> run;  // argument: iterations; false: wrong value read
};

template <class S>
void add_alloc_drop(std::vector<Operation>& ops, std::size_t len) {
  ops.push_back({"alloc_drop/" + std::string(S::name) + "/" + std::to_string(len),
                 [len](std::size_t k) { return alloc_drop<S>(len, k); }});
}

template <class S>
void add_copy_drop(std::vector<Operation>& ops) {
  ops.push_back({"copy_drop/" + std::string(S::name),
                 [](std::size_t k) { return copy_drop<S>(kCopyLen, k); }});
}

std::vector<Operation> operations() {
  std::vector<Operation> ops;
  for (const std::int64_t length : kLengths) {
    const auto len = static_cast<std::size_t>(length);
    add_alloc_drop<ArenaAtomic>(ops, len);
    add_alloc_drop<ArenaLocal>(ops, len);
    add_alloc_drop<MakeSharedForOverwrite>(ops, len);
    add_alloc_drop<SharedPtrNew>(ops, len);
    add_alloc_drop<PmrMonotonic>(ops, len);
    add_alloc_drop<WriteFloor>(ops, len);
  }
  add_copy_drop<ArenaAtomic>(ops);
  add_copy_drop<ArenaLocal>(ops);
  add_copy_drop<SharedPtrCopy>(ops);
  return ops;
}

int usage() {
  std::cerr << "usage: arena_arc_instr_count OP K | --list | --self-check\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<Operation> ops = operations();
  const std::string_view first = argc > 1 ? argv[1] : "";
  if (argc == 2 && first == "--list") {
    for (const Operation& op : ops) std::cout << op.name << '\n';
    return 0;
  }

  // shared_ptr's counts are atomic only once the process has started a thread (see main.cpp).
  std::thread([] {}).join();

  if (argc == 2 && first == "--self-check") {
    int failures = 0;
    for (const Operation& op : ops) {
      const bool ok = op.run(kSelfCheckIterations);
      std::cout << op.name << ": " << (ok ? "ok" : "WRONG VALUE") << '\n';
      failures += ok ? 0 : 1;
    }
    return failures == 0 ? 0 : 1;
  }

  if (argc != 3) return usage();
  const std::string_view count = argv[2];
  std::size_t iterations = 0;
  const auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), iterations);
  if (error != std::errc{} || end != count.data() + count.size()) return usage();
  for (const Operation& op : ops) {
    if (op.name == first) return op.run(iterations) ? 0 : 1;
  }
  std::cerr << "arena_arc_instr_count: unknown operation '" << first << "' (see --list)\n";
  return 2;
}
