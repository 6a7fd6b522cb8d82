// An ArcSlice converts implicitly to std::span<const T> (= std::span<const T,
// std::dynamic_extent>) from every value category: const and non-const lvalues, xvalues, const
// xvalues and prvalues, by copy-initialisation, as a function argument and in a return
// statement, and by direct- and list-initialisation (std::span's range constructor). Built with
// the project's warnings as errors (-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion
// -Wshadow) by every configuration: g++ -Wconversion once reported each copy-initialisation but
// the const-lvalue one, where std::span's range constructor won over the conversion function.
// Each conversion is also evaluated at compile time and must give the handle's elements.
// ArcSingle has no conversion to a span or a reference (get() and operator* only). A span
// variable initialised from a temporary handle dangles: compile_fail/span_from_temporary.cpp.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include "static_types.hpp"

namespace {

template <class RC>
struct converts_implicitly {
  template <class T>
  constexpr bool operator()() const {
    using Slice = arena_arc::ArcSlice<T, std::uint32_t, RC>;
    using Single = arena_arc::ArcSingle<T, std::uint32_t, RC>;
    using Span = std::span<const T>;
    return std::is_nothrow_convertible_v<Slice&, Span> &&
           std::is_nothrow_convertible_v<const Slice&, Span> &&
           std::is_nothrow_convertible_v<Slice&&, Span> &&
           std::is_nothrow_convertible_v<const Slice&&, Span> &&
           std::is_nothrow_convertible_v<Slice, Span> &&
           std::is_same_v<Span, std::span<const T, std::dynamic_extent>> &&
           // Read-only: never a span of mutable elements; a fixed extent needs a direct cast.
           !std::is_convertible_v<Slice&, std::span<T>> &&
           !std::is_convertible_v<Slice&, std::span<const T, 1>> &&
           std::is_constructible_v<std::span<const T, 1>, Slice&> &&
           !std::is_convertible_v<Single&, Span> && !std::is_convertible_v<Single&, const T&>;
  }
};

static_assert(
    arena_arc_static::for_each_element_type(converts_implicitly<arena_arc::atomic_refcount>{}));
static_assert(
    arena_arc_static::for_each_element_type(converts_implicitly<arena_arc::local_refcount>{}));

template <class RC>
using slice = arena_arc::ArcSlice<int, std::uint32_t, RC>;
template <class RC>
using allocator = arena_arc::Allocator<int, std::uint32_t, 8, RC>;

// An xvalue of x, as std::move(x) but without clang-tidy taking the conversions below for moves
// (converting an xvalue handle reads it and leaves it as it was).
template <class X>
constexpr X&& xvalue(X& x) noexcept {
  return static_cast<X&&>(x);
}

// Parameter passing and returning are copy-initialisations too.
constexpr std::span<const int> pass(std::span<const int> s) noexcept { return s; }
template <class RC>
constexpr std::span<const int> from_lvalue(slice<RC>& h) noexcept {
  return h;
}
template <class RC>
constexpr std::span<const int> from_const_lvalue(const slice<RC>& h) noexcept {
  return h;
}
template <class RC>
constexpr std::span<const int> from_xvalue(slice<RC>& h) noexcept {
  return xvalue(h);  // a conversion, not a move: h keeps its elements
}

template <class RC>
constexpr bool every_value_category_converts() {
  allocator<RC> a;
  slice<RC> h = a.alloc(3, [](std::size_t i) { return static_cast<int>(i) + 1; });
  const slice<RC>& c = h;
  const auto same = [&h](std::span<const int> s) {
    return s.data() == h.data() && s.size() == 3 && s[0] == 1 && s[2] == 3;
  };
  const std::span<const int> lvalue = h;
  const std::span<const int> const_lvalue = c;
  const std::span<const int> from_x = xvalue(h);
  const std::span<const int, std::dynamic_extent> from_const_x = xvalue(c);
  const std::span<const int> direct(h);
  const std::span<const int> braced{h};
  const auto deduced = std::span(h);
  bool ok = same(lvalue) && same(const_lvalue) && same(from_x) && same(from_const_x) &&
            same(direct) && same(braced) && same(deduced) && same(pass(h)) && same(pass(c)) &&
            same(pass(xvalue(h))) && same(pass(xvalue(c))) && same(from_lvalue(h)) &&
            same(from_const_lvalue(c)) && same(from_xvalue(h));
  // A prvalue handle as an argument lives until the end of the full-expression.
  ok = ok && pass(a.alloc(2, [](std::size_t i) { return static_cast<int>(i) + 7; }))[1] == 8;
  const slice<RC> empty;
  const std::span<const int> none = empty;
  return ok && none.empty() && none.data() == nullptr && h.size() == 3;
}

static_assert(every_value_category_converts<arena_arc::atomic_refcount>());
static_assert(every_value_category_converts<arena_arc::local_refcount>());

}  // namespace
