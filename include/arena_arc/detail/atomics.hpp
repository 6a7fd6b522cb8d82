// arena-arc: the one shim through which every atomic operation of the library goes.
//
// Shared state lives in cells of type atomics::cell<V>: plain V (std::size_t counts, chunk
// pointers, the owner ledger's flags) accessed through std::atomic_ref at run time. Plain cells
// keep the single-threaded API usable in constant evaluation, where atomics are not: there the
// count operations (init, load, store, fetch_add, fetch_sub, thread_fence) are the ordinary
// arithmetic they stand for; the recycler's (exchange, compare_exchange_weak) only ever run at
// run time. They also give the interleaving checks (formal/relacy/) a single place to map:
// built with ARENA_ARC_RELACY, a cell is Relacy's rl::atomic<V> and each operation is Relacy's,
// so that its scheduler explores every interleaving of the library's own code. (A test including <relacy/relacy.hpp> must include the library first: relacy.hpp
// redefines new, delete and the std::memory_order names as macros.)
#ifndef ARENA_ARC_DETAIL_ATOMICS_HPP
#define ARENA_ARC_DETAIL_ATOMICS_HPP

#include <arena_arc/config.hpp>

#include <atomic>
#include <type_traits>

#if defined(ARENA_ARC_RELACY)
#include <relacy/base.hpp>
#include <relacy/context.hpp>
#include <relacy/context_base_impl.hpp>
#include <relacy/atomic.hpp>
#include <relacy/atomic_fence.hpp>
#include <relacy/backoff.hpp>
#endif

ARENA_ARC_BEGIN_NAMESPACE
namespace detail::atomics {

#if defined(ARENA_ARC_RELACY)
/// Model-checking build: cells are Relacy atomics.
template <class V>
using cell = rl::atomic<V>;
inline constexpr bool model_checked = true;
#else
template <class V>
using cell = V;
inline constexpr bool model_checked = false;
#endif

#if defined(ARENA_ARC_RELACY)
[[nodiscard]] inline rl::memory_order to_rl(std::memory_order order) noexcept {
  switch (order) {
    case std::memory_order_relaxed: return rl::mo_relaxed;
    case std::memory_order_consume: return rl::mo_consume;
    case std::memory_order_acquire: return rl::mo_acquire;
    case std::memory_order_release: return rl::mo_release;
    case std::memory_order_acq_rel: return rl::mo_acq_rel;
    case std::memory_order_seq_cst: return rl::mo_seq_cst;
  }
  return rl::mo_seq_cst;
}
#endif

// ---- plain cells: std::atomic_ref at run time, ordinary arithmetic in constant evaluation ----

/// Sets a cell nobody else can see yet (a new or exclusively owned chunk): a plain store.
template <class V>
constexpr void init(V& c, V value) noexcept {
  c = value;
}

template <class V>
[[nodiscard]] constexpr V load(V& c, std::memory_order order) noexcept {
  if (std::is_constant_evaluated()) return c;
  return std::atomic_ref<V>(c).load(order);
}

template <class V>
constexpr void store(V& c, V value, std::memory_order order) noexcept {
  if (std::is_constant_evaluated()) {
    c = value;
    return;
  }
  std::atomic_ref<V>(c).store(value, order);
}

template <class V>
constexpr V fetch_add(V& c, V n, std::memory_order order) noexcept {
  if (std::is_constant_evaluated()) {
    const V old = c;
    c = static_cast<V>(old + n);
    return old;
  }
  return std::atomic_ref<V>(c).fetch_add(n, order);
}

template <class V>
constexpr V fetch_sub(V& c, V n, std::memory_order order) noexcept {
  if (std::is_constant_evaluated()) {
    const V old = c;
    c = static_cast<V>(old - n);
    return old;
  }
  return std::atomic_ref<V>(c).fetch_sub(n, order);
}

// The recycler's operations: never part of constant evaluation (it recycles at run time only).
template <class V>
V exchange(V& c, V value, std::memory_order order) noexcept {
  return std::atomic_ref<V>(c).exchange(value, order);
}

template <class V>
bool compare_exchange_weak(V& c, V& expected, V desired, std::memory_order success,
                           std::memory_order failure) noexcept {
  return std::atomic_ref<V>(c).compare_exchange_weak(expected, desired, success, failure);
}

/// No other thread exists in constant evaluation: nothing to order there. (Relacy models the
/// fences of its own threads only, so it gets the fence as one of its steps.)
constexpr void thread_fence(std::memory_order order) noexcept {
  // A relaxed fence orders nothing (only a build weakening an order asks for one).
  if (std::is_constant_evaluated() || order == std::memory_order_relaxed) return;
#if defined(ARENA_ARC_RELACY)
  rl::atomic_thread_fence(to_rl(order), RL_INFO);
#else
  std::atomic_thread_fence(order);
#endif
}

#if defined(ARENA_ARC_RELACY)
// ---- Relacy cells: the same operations, as steps of Relacy's scheduler ---------------------

template <class V, class U>
void init(rl::atomic<V>& c, U value) {
  c.store(static_cast<V>(value), rl::mo_relaxed, RL_INFO);
}

template <class V>
[[nodiscard]] V load(rl::atomic<V>& c, std::memory_order order) {
  return c.load(to_rl(order), RL_INFO);
}

template <class V, class U>
void store(rl::atomic<V>& c, U value, std::memory_order order) {
  c.store(static_cast<V>(value), to_rl(order), RL_INFO);
}

template <class V, class U>
V fetch_add(rl::atomic<V>& c, U n, std::memory_order order) {
  return c.fetch_add(static_cast<V>(n), to_rl(order), RL_INFO);
}

template <class V, class U>
V fetch_sub(rl::atomic<V>& c, U n, std::memory_order order) {
  return c.fetch_sub(static_cast<V>(n), to_rl(order), RL_INFO);
}

template <class V, class U>
V exchange(rl::atomic<V>& c, U value, std::memory_order order) {
  return c.exchange(static_cast<V>(value), to_rl(order), RL_INFO);
}

template <class V>
bool compare_exchange_weak(rl::atomic<V>& c, V& expected, V desired, std::memory_order success,
                           std::memory_order failure) {
  return c.compare_exchange_weak(expected, desired, to_rl(success), RL_INFO, to_rl(failure),
                                 RL_INFO);
}

#endif

}  // namespace detail::atomics
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_ATOMICS_HPP
