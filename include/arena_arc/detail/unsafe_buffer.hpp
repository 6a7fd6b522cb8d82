// arena-arc: the library's only raw-buffer operations: pointer arithmetic, subscripts of raw
// pointers, spans and string views made from a pointer and a length, and byte copies and fills.
//
// clang's Safe Buffers model (-Wunsafe-buffer-usage, clang 16 and later) reports each such
// operation; the library routes every one of them through the trivial helpers below, which are
// the only code inside a `#pragma clang unsafe_buffer_usage` region, so a translation unit using
// the whole API is free of those warnings and an auditor reads one short list: these helpers, and
// their callers (`grep -rn unchecked_ include/`), each of which states on the line above why its
// operation stays in bounds (docs/VERIFICATION.md, "Safe Buffers", lists them all). Each helper
// is always inlined: the generated code is that of the operation written in place.
#ifndef ARENA_ARC_DETAIL_UNSAFE_BUFFER_HPP
#define ARENA_ARC_DETAIL_UNSAFE_BUFFER_HPP

#include <arena_arc/config.hpp>

#include <cstddef>
#include <cstring>
#include <span>
#include <string_view>

// Only compilers that know the warning know the pragma (not g++, nor clang before 16, which
// -Wunknown-pragmas would report).
#if defined(__clang__) && defined(__has_warning)
#if __has_warning("-Wunsafe-buffer-usage")
#define ARENA_ARC_UNSAFE_BUFFER_REGION_ 1
#endif
#endif

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

#if defined(ARENA_ARC_UNSAFE_BUFFER_REGION_)
#pragma clang unsafe_buffer_usage begin
#endif

/// p + n. Bound (the caller's): p points into an array with at least n more elements, the last
/// one possibly the one-past-the-end position; p may be null only with n == 0.
template <class T>
ARENA_ARC_ALWAYS_INLINE constexpr T* unchecked_add(T* p, std::size_t n) noexcept {
  return p + n;
}

/// p[i]. Bound (the caller's): p points to an array with more than i live elements.
template <class T>
ARENA_ARC_ALWAYS_INLINE constexpr T& unchecked_at(T* p, std::size_t i) noexcept {
  return p[i];
}

/// ++it for an iterator that may be a raw pointer. Bound (the caller's): it is not at the end of
/// its range.
template <class I>
ARENA_ARC_ALWAYS_INLINE constexpr void unchecked_next(I& it) {
  ++it;
}

/// The span of the n elements at p. Bound (the caller's): p points to n elements (or p is null
/// and n == 0).
template <class T>
ARENA_ARC_ALWAYS_INLINE constexpr std::span<T> unchecked_span(T* p, std::size_t n) noexcept {
  return std::span<T>(p, n);
}

/// The string view of the n characters at p. Bound (the caller's): as unchecked_span.
template <class C, class Traits = std::char_traits<C>>
ARENA_ARC_ALWAYS_INLINE constexpr std::basic_string_view<C, Traits> unchecked_string_view(
    const C* p, std::size_t n) noexcept {
  return std::basic_string_view<C, Traits>(p, n);
}

/// std::memcpy(dst, src, bytes). Bound (the caller's): both blocks hold `bytes` bytes and do
/// not overlap. Up to 16 bytes (a short token, a small slice) are copied without a call: two
/// fixed-size copies of the first and the last 8 (or 4) bytes, which overlap inside the block
/// when it is shorter than twice that, cover exactly [0, bytes); 1 to 3 bytes are copied one by
/// one (first, middle, last).
ARENA_ARC_ALWAYS_INLINE void unchecked_copy_bytes(void* dst, const void* src,
                                                  std::size_t bytes) noexcept {
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  if (bytes > 16) {
    std::memcpy(dst, src, bytes);
  } else if (bytes >= 8) {
    std::memcpy(d, s, 8);
    std::memcpy(d + (bytes - 8), s + (bytes - 8), 8);
  } else if (bytes >= 4) {
    std::memcpy(d, s, 4);
    std::memcpy(d + (bytes - 4), s + (bytes - 4), 4);
  } else if (bytes > 0) {
    d[0] = s[0];
    d[bytes / 2] = s[bytes / 2];
    d[bytes - 1] = s[bytes - 1];
  }
}

/// std::memset(dst, value, bytes). Bound (the caller's): the block holds `bytes` bytes.
ARENA_ARC_ALWAYS_INLINE void unchecked_fill_bytes(void* dst, unsigned char value,
                                                  std::size_t bytes) noexcept {
  std::memset(dst, value, bytes);
}

#if defined(ARENA_ARC_UNSAFE_BUFFER_REGION_)
#pragma clang unsafe_buffer_usage end
#endif

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_UNSAFE_BUFFER_HPP
