// Strategies of the two cases that have no length up front (see strategies.hpp for the
// interface): "unknown_length", a slice whose elements arrive one at a time, and "read_into",
// a slice whose bytes a reader writes (as read(2) would). Every strategy ends with an arena
// handle; what differs is how the elements get into the chunk.
#pragma once

#include "strategies.hpp"

#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace arena_arc_bench {

template <class RC>
using ArenaOf = arena_arc::Allocator<Element, std::uint32_t, kChunkCapacity, RC>;
template <class RC>
using HandleOf = arena_arc::ArcSlice<Element, std::uint32_t, RC>;

template <class RC>
inline constexpr std::string_view arena_name =
    std::is_same_v<RC, arena_arc::atomic_refcount> ? "arena_atomic" : "arena_local";

// Elements arrive one by one, appended in place into the chunk by a SliceBuilder.
template <class RC>
class BuilderSlices {
 public:
  static constexpr std::string_view name = arena_name<RC>;
  static constexpr bool is_arena = true;
  using Handle = HandleOf<RC>;

  BuilderSlices(std::size_t /*len*/, std::size_t /*live*/) {}

  [[nodiscard]] Handle make(std::size_t len) {
    auto builder = allocator_.builder();
    for (std::size_t i = 0; i < len; ++i) builder.push_back(static_cast<Element>(i));
    return std::move(builder).finish();
  }
  [[nodiscard]] static const Element* data(const Handle& h) noexcept { return h.data(); }
  void end_round() noexcept {}

 private:
  ArenaOf<RC> allocator_;
};

// The usual way without a builder: a std::vector grows (no reserve, the length is unknown),
// then alloc_copy copies it into the arena. The vector is new for each slice.
class VectorGrowCopy {
 public:
  static constexpr std::string_view name = "vector_grow_copy";
  static constexpr bool is_arena = false;
  using Handle = HandleOf<arena_arc::atomic_refcount>;

  VectorGrowCopy(std::size_t /*len*/, std::size_t /*live*/) {}

  [[nodiscard]] Handle make(std::size_t len) {
    std::vector<Element> scratch;
    for (std::size_t i = 0; i < len; ++i) scratch.push_back(static_cast<Element>(i));
    return allocator_.alloc_copy(scratch);
  }
  [[nodiscard]] static const Element* data(const Handle& h) noexcept { return h.data(); }
  void end_round() noexcept {}

 private:
  ArenaOf<arena_arc::atomic_refcount> allocator_;
};

// As VectorGrowCopy, with one scratch vector reused for every slice (its capacity kept): the
// careful version, which pays only the copy.
class ScratchVectorCopy {
 public:
  static constexpr std::string_view name = "scratch_vector_copy";
  static constexpr bool is_arena = false;
  using Handle = HandleOf<arena_arc::atomic_refcount>;

  ScratchVectorCopy(std::size_t /*len*/, std::size_t /*live*/) {}

  [[nodiscard]] Handle make(std::size_t len) {
    scratch_.clear();
    for (std::size_t i = 0; i < len; ++i) scratch_.push_back(static_cast<Element>(i));
    return allocator_.alloc_copy(scratch_);
  }
  [[nodiscard]] static const Element* data(const Handle& h) noexcept { return h.data(); }
  void end_round() noexcept {}

 private:
  std::vector<Element> scratch_;
  ArenaOf<arena_arc::atomic_refcount> allocator_;
};

// The bytes of a slice of `len` elements, as a reader (a socket, a file) would deliver them.
class Source {
 public:
  Source() : bytes_(static_cast<std::size_t>(kLengths.back())) {
    for (std::size_t i = 0; i < bytes_.size(); ++i) bytes_[i] = static_cast<Element>(i);
  }
  // Copies the first `len` elements to `out`, which has room for them; returns len.
  ARENA_ARC_BENCH_NOINLINE std::size_t read(Element* out, std::size_t len) const noexcept {
    std::memcpy(out, bytes_.data(), len * sizeof(Element));
    return len;
  }

 private:
  std::vector<Element> bytes_;
};

// The reader writes straight into the chunk (alloc_for_overwrite).
template <class RC>
class OverwriteSlices {
 public:
  static constexpr std::string_view name = arena_name<RC>;
  static constexpr bool is_arena = true;
  using Handle = HandleOf<RC>;

  OverwriteSlices(std::size_t /*len*/, std::size_t /*live*/) {}

  [[nodiscard]] Handle make(std::size_t len) {
    return allocator_.alloc_for_overwrite(
        len, [&](std::span<Element> room) { return source_.read(room.data(), room.size()); });
  }
  [[nodiscard]] static const Element* data(const Handle& h) noexcept { return h.data(); }
  void end_round() noexcept {}

 private:
  Source source_;
  ArenaOf<RC> allocator_;
};

// The reader writes into a reused buffer, then alloc_copy copies the bytes into the arena.
class BufferThenCopy {
 public:
  static constexpr std::string_view name = "buffer_then_copy";
  static constexpr bool is_arena = false;
  using Handle = HandleOf<arena_arc::atomic_refcount>;

  BufferThenCopy(std::size_t /*len*/, std::size_t /*live*/)
      : buffer_(static_cast<std::size_t>(kLengths.back())) {}

  [[nodiscard]] Handle make(std::size_t len) {
    const std::size_t n = source_.read(buffer_.data(), len);
    return allocator_.alloc_copy(std::span<const Element>(buffer_.data(), n));
  }
  [[nodiscard]] static const Element* data(const Handle& h) noexcept { return h.data(); }
  void end_round() noexcept {}

 private:
  Source source_;
  std::vector<Element> buffer_;
  ArenaOf<arena_arc::atomic_refcount> allocator_;
};

}  // namespace arena_arc_bench
