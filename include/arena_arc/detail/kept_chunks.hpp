// arena-arc: the full chunks an allocator keeps after moving on from them ("keeping" in the
// Allocator class comment), so that handles dropped on its thread stay ledger refunds, and
// from which it reuses one whose handles are all gone.
//
// Invariant (enforced here): the list runs through Chunk::next from `oldest_` to `newest_` and
// holds `count_` chunks, each standard and recyclable, with its elements [0, constructed) placed
// and its ledger opened by the thread that kept it; all the allocator's references on a kept
// chunk are in its ledger (the pre-paid block joins the refunds in keep()), so leaving it is
// closing the ledger and releasing what the close returns.
#ifndef ARENA_ARC_DETAIL_KEPT_CHUNKS_HPP
#define ARENA_ARC_DETAIL_KEPT_CHUNKS_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/chunk.hpp>
#include <arena_arc/detail/owner_ledger.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

template <class T, index_type L, refcount_policy RC>
class kept_chunks {
 public:
  using chunk_type = chunk<T, L, RC>;

  /// Whether chunks are ever kept: refunds need the ledger, and a kept chunk reused in place
  /// must have elements without a destructor. Otherwise the list stays empty.
  static constexpr bool enabled = owner_ledger<RC>::enabled && std::is_trivially_destructible_v<T>;

  /// A kept chunk and the one kept before it (nullptr: c is the oldest).
  struct position {
    chunk_type* prev = nullptr;
    chunk_type* c = nullptr;
  };

  constexpr kept_chunks() noexcept = default;

  /// Takes over `other`'s kept chunks, in order; `other` is left empty.
  constexpr kept_chunks(kept_chunks&& other) noexcept
      : oldest_(std::exchange(other.oldest_, nullptr)),
        newest_(std::exchange(other.newest_, nullptr)),
        count_(std::exchange(other.count_, std::size_t{0})) {}

  /// Leaves every chunk kept here, then takes over `other`'s as the move constructor does.
  /// `other` is another list: the allocator's assignment, the only caller, excludes
  /// self-assignment.
  constexpr kept_chunks& operator=(kept_chunks&& other) noexcept {
    leave_beyond(0);
    oldest_ = std::exchange(other.oldest_, nullptr);
    newest_ = std::exchange(other.newest_, nullptr);
    count_ = std::exchange(other.count_, std::size_t{0});
    return *this;
  }

  kept_chunks(const kept_chunks&) = delete;
  kept_chunks& operator=(const kept_chunks&) = delete;

  constexpr ~kept_chunks() { leave_beyond(0); }

  /// Keeps c as the newest, the caller's `prepaid` references on it joining its ledger's
  /// refunds; the oldest is left first when `limit` (> 0) are kept already. The caller moves
  /// on from c, whose ledger it opened on this thread and has not closed.
  constexpr void keep(chunk_type* c, std::size_t prepaid, std::size_t limit) noexcept {
    if constexpr (enabled) {
      leave_beyond(limit - 1);  // the oldest, when `limit` are kept already
      c->ledger.add_refunds_here(prepaid);
      (newest_ == nullptr ? oldest_ : newest_->next) = c;
      newest_ = c;
      ++count_;
    }
  }

  /// The first of the `scan` oldest kept chunks whose handles are all gone, by the test of
  /// can_rewind (the allocator's references on it are all in its ledger), or c == nullptr.
  /// Kept chunks whose ledger another thread owns (the allocator moved) are left on the way.
  /// Bounded: while a batch is alive, every new chunk would otherwise test all kept chunks.
  [[nodiscard]] constexpr position find_idle(std::size_t scan) noexcept {
    position at{nullptr, oldest_};
    std::size_t tested = 0;
    while (at.c != nullptr && tested < scan) {
      chunk_type* const next = at.c->next;
      if (!at.c->ledger.owned_here()) {
        leave(at);
      } else if (chunk_type::solely_held(at.c, 0)) {
        return at;
      } else {
        at.prev = at.c;
        ++tested;
      }
      at.c = next;
    }
    return {at.prev, nullptr};
  }

  /// Takes at.c out of the list, the others staying in order (oldest first).
  constexpr void unlink(position at) noexcept {
    (at.prev == nullptr ? oldest_ : at.prev->next) = at.c->next;
    if (newest_ == at.c) newest_ = at.prev;
    at.c->next = nullptr;
    --count_;
  }

  /// Leaves the kept chunks beyond the newest `keep`, oldest first.
  constexpr void leave_beyond(std::size_t keep) noexcept {
    if constexpr (enabled) {
      // count_ counts the list, so oldest_ is never null here; the test says so to the analyzer.
      while (count_ > keep && oldest_ != nullptr) leave({nullptr, oldest_});
    }
  }

 private:
  // Gives back the allocator's references on at.c, all in its ledger (see the invariant).
  constexpr void leave(position at) noexcept {
    unlink(at);
    chunk_type::release(at.c, at.c->ledger.close());
  }

  chunk_type* oldest_ = nullptr;
  chunk_type* newest_ = nullptr;
  std::size_t count_ = 0;
};

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_KEPT_CHUNKS_HPP
