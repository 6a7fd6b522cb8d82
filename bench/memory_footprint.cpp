// arena_arc_memory_footprint: bytes the process gets from the system for many live slices of
// kSliceLen std::uint64_t, arena (as configured in arena_arc_bench) or
// std::make_shared_for_overwrite<std::uint64_t[]>. Run one variant per fresh process, so that
// neither inherits the other's free memory; run it under LD_PRELOAD to measure another malloc.
//
// The handles live in a std::vector of `slices` empty handles made (and so written, which
// faults its pages in) before the first reading: the vector is counted in neither variant. Both
// handle types are 16 bytes. Readings, before and after making the slices:
//  - RSS: resident pages (/proc/self/statm) times the page size, what the kernel really gave;
//  - glibc: mallinfo2() arena + hblkhd, the heap and mmap bytes malloc holds from the system;
//  - mimalloc (detected by its mi_version symbol): mi_process_info()'s committed bytes.
//
// Usage: arena_arc_memory_footprint arena|make_shared [--slices=N] [--json]
//   default N = 1000000. Prints one line per reading, or one JSON object with --json.
// Exit status 1 if a slice reads back wrong or a reading is not plausible (below the element
// bytes themselves); 2 on a bad command line or an unreadable /proc/self/statm.
#include "strategies.hpp"

#include <dlfcn.h>
#include <malloc.h>
#include <unistd.h>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

using namespace arena_arc_bench;

inline constexpr std::size_t kSliceLen = 8;

// mimalloc's statistics entry point (mimalloc.h), looked up at run time: the binary does not
// link mimalloc, which is only ever preloaded.
using MiProcessInfo = void (*)(std::size_t* elapsed_msecs, std::size_t* user_msecs,
                               std::size_t* system_msecs, std::size_t* current_rss,
                               std::size_t* peak_rss, std::size_t* current_commit,
                               std::size_t* peak_commit, std::size_t* page_faults) noexcept;

[[nodiscard]] bool mimalloc_loaded() { return dlsym(RTLD_DEFAULT, "mi_version") != nullptr; }

struct Reading {
  std::optional<std::size_t> rss;
  std::optional<std::size_t> glibc_heap;       // mallinfo2 arena + hblkhd
  std::optional<std::size_t> mimalloc_commit;  // mi_process_info current_commit
};

[[nodiscard]] std::optional<std::size_t> resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size_pages = 0;
  std::size_t resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return std::nullopt;
  return resident_pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

[[nodiscard]] Reading read_system_bytes() {
  Reading r;
  r.rss = resident_bytes();
  if (mimalloc_loaded()) {
    // The symbol has mi_process_info's documented signature (mimalloc.h, 2.0).
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): dlsym returns void*
    const auto info = reinterpret_cast<MiProcessInfo>(dlsym(RTLD_DEFAULT, "mi_process_info"));
    if (info != nullptr) {
      std::size_t unused = 0;
      std::size_t commit = 0;
      info(&unused, &unused, &unused, &unused, &unused, &commit, &unused, &unused);
      r.mimalloc_commit = commit;
    }
  } else {
    const struct mallinfo2 m = mallinfo2();
    r.glibc_heap = m.arena + m.hblkhd;
  }
  return r;
}

[[nodiscard]] std::optional<std::size_t> delta(std::optional<std::size_t> before,
                                               std::optional<std::size_t> after) {
  if (!before || !after) return std::nullopt;
  // A reading may shrink (e.g. trimmed free memory); report 0 rather than wrap around.
  return *after >= *before ? *after - *before : 0;
}

struct Result {
  std::string_view variant;
  std::size_t slices = 0;
  std::optional<std::size_t> rss;
  std::optional<std::size_t> glibc_heap;
  std::optional<std::size_t> mimalloc_commit;
  bool contents_ok = true;
};

template <class S>
Result measure(std::size_t slices) {
  S strategy(kSliceLen, slices);
  std::vector<typename S::Handle> handles(slices);  // written now: counted in neither variant
  const Reading before = read_system_bytes();
  for (typename S::Handle& handle : handles) handle = strategy.make(kSliceLen);
  const Reading after = read_system_bytes();

  Result result{S::name,
                slices,
                delta(before.rss, after.rss),
                delta(before.glibc_heap, after.glibc_heap),
                delta(before.mimalloc_commit, after.mimalloc_commit),
                true};
  for (const typename S::Handle& handle : handles) {
    const Element* data = S::data(handle);
    for (std::size_t k = 0; k < kSliceLen; ++k) {
      result.contents_ok = result.contents_ok && data[k] == k;
    }
  }
  return result;
}

[[nodiscard]] std::string per_slice(std::optional<std::size_t> bytes, std::size_t slices) {
  if (!bytes || slices == 0) return "null";
  return std::to_string(static_cast<double>(*bytes) / static_cast<double>(slices));
}

[[nodiscard]] std::string json_number(std::optional<std::size_t> bytes) {
  return bytes ? std::to_string(*bytes) : "null";
}

void print(const Result& r, bool json) {
  const char* malloc_name = mimalloc_loaded() ? "mimalloc" : "glibc";
  if (json) {
    std::cout << "{\"variant\": \"" << r.variant << "\", \"malloc\": \"" << malloc_name
              << "\", \"slices\": " << r.slices << ", \"slice_len\": " << kSliceLen
              << ", \"chunk_capacity\": " << kChunkCapacity
              << ", \"rss_bytes\": " << json_number(r.rss)
              << ", \"glibc_heap_bytes\": " << json_number(r.glibc_heap)
              << ", \"mimalloc_commit_bytes\": " << json_number(r.mimalloc_commit)
              << ", \"contents_ok\": " << (r.contents_ok ? "true" : "false") << "}\n";
    return;
  }
  std::cout << r.variant << " (" << malloc_name << "), " << r.slices << " live slices of "
            << kSliceLen << " x uint64_t:\n"
            << "  RSS increase:          " << json_number(r.rss) << " bytes, "
            << per_slice(r.rss, r.slices) << " per slice\n";
  if (r.glibc_heap) {
    std::cout << "  mallinfo2 arena+hblkhd: " << *r.glibc_heap << " bytes, "
              << per_slice(r.glibc_heap, r.slices) << " per slice\n";
  }
  if (r.mimalloc_commit) {
    std::cout << "  mimalloc commit:        " << *r.mimalloc_commit << " bytes, "
              << per_slice(r.mimalloc_commit, r.slices) << " per slice\n";
  }
  std::cout << "  contents: " << (r.contents_ok ? "ok" : "WRONG") << '\n';
}

// Every reading must cover at least the element bytes that were written into fresh memory.
[[nodiscard]] bool plausible(const Result& r) {
  const std::size_t payload = r.slices * kSliceLen * sizeof(Element);
  const auto covers = [payload](std::optional<std::size_t> bytes) {
    return !bytes || *bytes >= payload;
  };
  return r.contents_ok && r.rss && covers(r.rss) && covers(r.glibc_heap) &&
         covers(r.mimalloc_commit);
}

}  // namespace

int main(int argc, char** argv) {
  std::string_view variant;
  std::size_t slices = 1'000'000;
  bool json = false;
  bool bad = argc < 2;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    constexpr std::string_view kSlices = "--slices=";
    if (arg == "--json") {
      json = true;
    } else if (arg.starts_with(kSlices)) {
      const std::string_view value = arg.substr(kSlices.size());
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), slices);
      bad = bad || error != std::errc{} || end != value.data() + value.size() || slices == 0;
    } else if (variant.empty() && (arg == "arena" || arg == "make_shared")) {
      variant = arg;
    } else {
      bad = true;
    }
  }
  if (bad || variant.empty()) {
    std::cerr << "usage: arena_arc_memory_footprint arena|make_shared [--slices=N] [--json]\n";
    return 2;
  }

  const Result result =
      variant == "arena" ? measure<ArenaAtomic>(slices) : measure<MakeSharedForOverwrite>(slices);
  if (!result.rss) {
    std::cerr << "arena_arc_memory_footprint: cannot read /proc/self/statm\n";
    return 2;
  }
  print(result, json);
  return plausible(result) ? 0 : 1;
}
