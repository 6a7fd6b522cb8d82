// The contestants: one "strategy" type per way of producing a read-only run of `n` values
// 0, 1, ..., n-1 behind a handle. The benchmark cases in cases.hpp are templates over these,
// so every variant runs the very same loop and differs only in the strategy.
//
// A strategy S provides
//   static constexpr std::string_view name;      // the middle part of the benchmark name
//   static constexpr bool is_arena;              // rows (true) or ratio columns (false)
//   using Handle;                                 // 16 bytes for every strategy here
//   S(std::size_t len, std::size_t live);         // `live` handles of `len` elements coexist
//   Handle make(std::size_t len);                 // allocate and fill
//   static const std::uint64_t* data(const Handle&);
//   void end_round();                             // all handles of one round are dropped
#pragma once

#include <arena_arc/arena_arc.hpp>
#include <arena_arc/detail/wide_fill.hpp>  // the baselines fill as the library does

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <string_view>
#include <type_traits>
#include <vector>

namespace arena_arc_bench {

using Element = std::uint64_t;

// 4096 elements = 32 KiB per chunk: the longest slice of the sweep (4096) still fits a standard
// chunk, so no length measures the dedicated-chunk path; a chunk fits in L1d/L2; and 32 KiB
// stays below glibc's mmap threshold (128 KiB), so chunk refills are ordinary malloc calls.
inline constexpr std::size_t kChunkCapacity = 4096;
// The arena variants' chunk capacity at run time: kChunkCapacity unless --arena_chunk_capacity=
// sets another (the comparison with the Rust crate uses its 65,536).
inline std::size_t arena_chunk_capacity = kChunkCapacity;

// The lengths every case is measured at, and the number of slices alive at once in batch1024.
inline constexpr std::array<std::int64_t, 6> kLengths{1, 8, 32, 256, 1024, 4096};
inline constexpr std::size_t kBatchSlices = 1024;

#if defined(__GNUC__)
#define ARENA_ARC_BENCH_NOINLINE [[gnu::noinline]]
#define ARENA_ARC_BENCH_ALWAYS_INLINE [[gnu::always_inline]] inline
#elif defined(_MSC_VER)
#define ARENA_ARC_BENCH_NOINLINE __declspec(noinline)
#define ARENA_ARC_BENCH_ALWAYS_INLINE __forceinline
#else
#define ARENA_ARC_BENCH_NOINLINE
#define ARENA_ARC_BENCH_ALWAYS_INLINE inline
#endif

// Every baseline but the write floor fills through this one out-of-line function, so all of them
// run the very same machine code for it: inlined into each caller, the same loop gave results up to 1.7x apart at
// n = 4096 under g++ 12 (per-caller vectorisation and code placement). A 32-bit index, as in the
// arena's own loop, made clang++ 14's code 1.6x slower; std::iota does as well as this loop.
ARENA_ARC_BENCH_NOINLINE inline void fill_iota(Element* out, std::size_t len) noexcept {
  for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<Element>(i);
}

// The write floor's fill: the best this machine can do. Where the library fills with AVX2
// (ARENA_ARC_WIDE_FILL on a CPU that has it), the same loop compiled a second time for AVX2 and
// chosen the same way, so that the floor stays a floor for the arena's own AVX2 fills. The other
// baselines keep fill_iota, the loop a user of them would write, built for the compile target.
#if ARENA_ARC_WIDE_FILL
ARENA_ARC_BENCH_NOINLINE ARENA_ARC_DETAIL_WIDE_TARGET inline void fill_iota_wide(
    Element* out, std::size_t len) noexcept {
  for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<Element>(i);
}
#endif
inline void fill_iota_best(Element* out, std::size_t len) noexcept {
#if ARENA_ARC_WIDE_FILL
  if (arena_arc::detail::wide_fill_available()) return fill_iota_wide(out, len);
#endif
  fill_iota(out, len);
}

template <class RC>
class ArenaSlices {
 public:
  static constexpr std::string_view name =
      std::is_same_v<RC, arena_arc::atomic_refcount> ? "arena_atomic" : "arena_local";
  static constexpr bool is_arena = true;
  using Allocator = arena_arc::Allocator<Element, std::uint32_t, kChunkCapacity, RC>;
  using Handle = arena_arc::ArcSlice<Element, std::uint32_t, RC>;

  ArenaSlices(std::size_t /*len*/, std::size_t /*live*/) {}

  [[nodiscard]] Handle make(std::size_t len) {
    return allocator_.alloc(len, [](std::size_t i) { return static_cast<Element>(i); });
  }
  [[nodiscard]] static const Element* data(const Handle& h) noexcept { return h.data(); }
  void end_round() noexcept {}

 private:
  Allocator allocator_{arena_chunk_capacity};
};

using ArenaAtomic = ArenaSlices<arena_arc::atomic_refcount>;
using ArenaLocal = ArenaSlices<arena_arc::local_refcount>;

// Both shared_ptr baselines hand out the same handle type; only the allocation differs.
template <class Derived>
class SharedArrayBase {
 public:
  static constexpr bool is_arena = false;
  using Handle = std::shared_ptr<Element[]>;

  SharedArrayBase(std::size_t /*len*/, std::size_t /*live*/) {}

  [[nodiscard]] Handle make(std::size_t len) {
    Handle h = Derived::allocate(len);
    fill_iota(h.get(), len);
    return h;
  }
  [[nodiscard]] static const Element* data(const Handle& h) noexcept { return h.get(); }
  void end_round() noexcept {}
};

// One allocation holding control block and elements, elements default-initialised (not zeroed).
class MakeSharedForOverwrite : public SharedArrayBase<MakeSharedForOverwrite> {
 public:
  static constexpr std::string_view name = "make_shared_for_overwrite";
  using SharedArrayBase::SharedArrayBase;
  [[nodiscard]] static Handle allocate(std::size_t len) {
    return std::make_shared_for_overwrite<Element[]>(len);
  }
};

// Two allocations: the array, then a separate control block.
class SharedPtrNew : public SharedArrayBase<SharedPtrNew> {
 public:
  static constexpr std::string_view name = "shared_ptr_new";
  using SharedArrayBase::SharedArrayBase;
  [[nodiscard]] static Handle allocate(std::size_t len) { return Handle(new Element[len]); }
};

// copy_drop's baseline: copying a std::shared_ptr does not depend on how it was allocated.
class SharedPtrCopy : public SharedArrayBase<MakeSharedForOverwrite> {
 public:
  static constexpr std::string_view name = "shared_ptr";
  using SharedArrayBase::SharedArrayBase;
};

// What the non-owning baselines hand out: a bare {pointer, length}, as large as an ArcSlice.
struct RawSlice {
  const Element* ptr;
  std::size_t len;
};

// Memory for one round of `live` slices, but never less than one arena chunk, so that
// alloc_drop (live = 1) cycles through as much memory as the arena does.
[[nodiscard]] inline std::size_t round_elements(std::size_t len, std::size_t live) noexcept {
  return std::max(len * live, kChunkCapacity);
}

// std::pmr::monotonic_buffer_resource over a preallocated buffer that holds one whole round,
// with null_memory_resource() upstream, so it provably never goes upstream (it would throw).
// It measures the pmr bump path (a virtual do_allocate + alignment) plus the fill, and release()
// once the buffer is used up (alloc_drop) or after every round (batch1024). Handles are bare
// {ptr, len}: no reference count, no per-slice free. This is the best case for pmr, not the
// typical one, where release() returns growing upstream blocks to new/delete.
class PmrMonotonic {
 public:
  static constexpr std::string_view name = "pmr_monotonic";
  static constexpr bool is_arena = false;
  using Handle = RawSlice;

  PmrMonotonic(std::size_t len, std::size_t live)
      : buffer_(round_elements(len, live)),
        resource_(buffer_.data(), buffer_.size() * sizeof(Element),
                  std::pmr::null_memory_resource()) {}

  [[nodiscard]] Handle make(std::size_t len) {
    if (len > buffer_.size() - used_) end_round();
    used_ += len;
    auto* out = static_cast<Element*>(resource_.allocate(len * sizeof(Element), alignof(Element)));
    fill_iota(out, len);
    return {out, len};
  }
  [[nodiscard]] static const Element* data(const Handle& h) noexcept { return h.ptr; }
  void end_round() noexcept {
    resource_.release();
    used_ = 0;
  }

 private:
  std::vector<Element> buffer_;
  std::size_t used_ = 0;
  std::pmr::monotonic_buffer_resource resource_;
};

// The floor: the same values written to the same amount of reused memory (see round_elements)
// and the same {ptr, len} handle traffic, with no allocator at all.
class WriteFloor {
 public:
  static constexpr std::string_view name = "write_floor";
  static constexpr bool is_arena = false;
  using Handle = RawSlice;

  WriteFloor(std::size_t len, std::size_t live) : buffer_(round_elements(len, live)) {}

  [[nodiscard]] Handle make(std::size_t len) {
    if (len > buffer_.size() - used_) end_round();
    Element* out = buffer_.data() + used_;
    used_ += len;
    fill_iota_best(out, len);
    return {out, len};
  }
  [[nodiscard]] static const Element* data(const Handle& h) noexcept { return h.ptr; }
  void end_round() noexcept { used_ = 0; }

 private:
  std::vector<Element> buffer_;
  std::size_t used_ = 0;
};

}  // namespace arena_arc_bench
