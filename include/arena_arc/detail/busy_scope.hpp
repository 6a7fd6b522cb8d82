// arena-arc: the allocator's re-entrancy guard.
#ifndef ARENA_ARC_DETAIL_BUSY_SCOPE_HPP
#define ARENA_ARC_DETAIL_BUSY_SCOPE_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/violation.hpp>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

/// Marks an allocator busy while an init runs; re-entry is a violation (checked always).
struct busy_scope {
  bool& busy;
  constexpr explicit busy_scope(bool& b) : busy(b) {
    ARENA_ARC_CHECK_ALWAYS(
        !busy, "Allocator re-entrancy",
        "an allocator was used from inside its own init or while a builder of it was open");
    busy = true;
  }
  busy_scope(const busy_scope&) = delete;
  busy_scope& operator=(const busy_scope&) = delete;
  constexpr ~busy_scope() { busy = false; }
};

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_BUSY_SCOPE_HPP
