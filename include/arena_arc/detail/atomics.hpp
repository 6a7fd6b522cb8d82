// arena-arc: the one shim through which every atomic operation of the library goes.
//
// Shared state lives in plain cells (std::size_t counts, chunk pointers) and is accessed through
// std::atomic_ref at run time. Plain cells keep the single-threaded API usable in constant
// evaluation, where atomics are not, and give the interleaving checks (formal/relacy/) a single
// file to map onto their own atomic types.
#ifndef ARENA_ARC_DETAIL_ATOMICS_HPP
#define ARENA_ARC_DETAIL_ATOMICS_HPP

#include <atomic>

namespace arena_arc::detail::atomics {

template <class V>
[[nodiscard]] inline V load(V& cell, std::memory_order order) noexcept {
  return std::atomic_ref<V>(cell).load(order);
}

template <class V>
inline void store(V& cell, V value, std::memory_order order) noexcept {
  std::atomic_ref<V>(cell).store(value, order);
}

template <class V>
inline V fetch_add(V& cell, V n, std::memory_order order) noexcept {
  return std::atomic_ref<V>(cell).fetch_add(n, order);
}

template <class V>
inline V fetch_sub(V& cell, V n, std::memory_order order) noexcept {
  return std::atomic_ref<V>(cell).fetch_sub(n, order);
}

template <class V>
inline V exchange(V& cell, V value, std::memory_order order) noexcept {
  return std::atomic_ref<V>(cell).exchange(value, order);
}

template <class V>
inline bool compare_exchange_weak(V& cell, V& expected, V desired, std::memory_order success,
                                  std::memory_order failure) noexcept {
  return std::atomic_ref<V>(cell).compare_exchange_weak(expected, desired, success, failure);
}

inline void thread_fence(std::memory_order order) noexcept { std::atomic_thread_fence(order); }

}  // namespace arena_arc::detail::atomics

#endif  // ARENA_ARC_DETAIL_ATOMICS_HPP
