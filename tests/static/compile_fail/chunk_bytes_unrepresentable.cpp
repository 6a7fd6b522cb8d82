// Must not compile with ARENA_ARC_COMPILE_FAIL: N elements of T whose byte size does not fit in
// std::size_t.
#include <arena_arc/arena_arc.hpp>

#include <array>
#include <cstdint>

#ifdef ARENA_ARC_COMPILE_FAIL
using tested = arena_arc::Allocator<std::array<char, 1024>, std::uint64_t, (std::size_t{1} << 60)>;
#else
using tested = arena_arc::Allocator<std::array<char, 1024>, std::uint64_t, (std::size_t{1} << 4)>;
#endif

std::size_t compile_fail_chunk_bytes_unrepresentable() { return tested().chunk_capacity(); }
