// The operations harness proper: decodes a sequence of operations, applies each to the real
// allocator and handles and to the model, and checks after every step that they agree.
//
// Checked after every step: each handle's size, address (the chunk and offset the placement
// rules predict; a reused chunk must be the predicted block), contents and serials; the
// allocator's stats, capacity and recycle limit; the number of live elements; the serials
// destroyed during the step, in order; the blocks the counting upstream holds. Every operation
// that must fail is checked for the documented error and for changing nothing.
#ifndef ARENA_ARC_FUZZ_OPS_RUNNER_HPP
#define ARENA_ARC_FUZZ_OPS_RUNNER_HPP

#include <arena_arc/arena_arc.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory_resource>
#include <new>
#include <optional>
#include <ranges>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../common/byte_reader.hpp"
#include "../common/counting_resource.hpp"
#include "../common/fuzz_check.hpp"
#include "../common/violation_trap.hpp"
#include "counted_element.hpp"
#include "decode.hpp"
#include "model.hpp"
#include "source_ranges.hpp"

namespace arena_arc_fuzz::ops {

enum class outcome : unsigned {
  ok,
  nullopt,
  length_error,
  bad_alloc,
  init_failure,
  copy_failure,
  violation,
  out_of_range,
  invalid_argument,
};

[[nodiscard]] constexpr unsigned bit(outcome o) noexcept { return 1u << static_cast<unsigned>(o); }

/// The operation codes (the first byte of each step, modulo count). fuzz/make_corpus.py
/// mirrors this list.
enum class op : std::uint8_t {
  alloc,
  alloc_throw,
  try_alloc,
  alloc_single,
  try_alloc_single,
  alloc_value,
  emplace,
  alloc_copy_vector,
  alloc_copy_slice,
  alloc_copy_view,
  alloc_copy_lying,
  reentrant,
  arm_upstream_failure,
  copy_slice,
  move_slice,
  swap_slices,
  drop_slice,
  subslice,
  first,
  last,
  read,
  to_single,
  to_slice,
  single_op,
  violation,
  reset_allocator,
  move_allocator,
  recycle_limit,
  count,
};

template <class T, arena_arc::index_type L, arena_arc::refcount_policy RC>
class runner {
  using traits = element_traits<T>;
  using alloc_t = arena_arc::Allocator<T, L, 16, RC>;
  static_assert(alloc_t::max_kept_chunks == max_kept_chunks &&
                    alloc_t::max_kept_scan == max_kept_scan,
                "the model keeps as the library");
  using slice_t = arena_arc::ArcSlice<T, L, RC>;
  using single_t = arena_arc::ArcSingle<T, L, RC>;

  static constexpr i128 max_l = std::numeric_limits<L>::max();
  static constexpr std::size_t default_capacity = 16;
  static constexpr std::size_t byte_limit = std::size_t{8} << 20;  // of the counting upstream
  // A chunk's bytes beyond its elements (header, padding) are well below this.
  static constexpr i128 slack = 256;
  static constexpr std::size_t max_steps = 256;
  static constexpr std::size_t no_failure = std::numeric_limits<std::size_t>::max();
  static constexpr bool fast_checks = ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_FAST;

 public:
  explicit runner(byte_reader& in) : in_(in) {}

  void run() {
    if constexpr (traits::is_counted) registry.reset();
    m_.rewinds = std::is_trivially_destructible_v<T>;
    // Keeping needs owner ledgers (atomic_refcount, compiled in, membarrier available).
    if constexpr (arena_arc::detail::owner_ledger<RC>::enabled) {
      m_.keeps = m_.rewinds && arena_arc::detail::asymmetric::available();
    }
    m_.element_size = sizeof(T);
    reset_allocator();
    verify();
    for (std::size_t step = 0; step < max_steps && !in_.empty(); ++step) {
      this->step();
      verify();
    }
    teardown();
  }

 private:
  struct request {
    i128 want = 0;
    std::size_t fail_at = no_failure;  // the fill fails at this index (if below the length)
    outcome failure = outcome::ok;     // and fails this way
    const char* violation = nullptr;   // the check's name when the failure is a violation
  };

  struct placement {
    int chunk = -1;
    std::size_t offset = 0;
    std::size_t n = 0;
  };

  // --- the step ---------------------------------------------------------------------------

  void step() {
    const auto code = static_cast<op>(in_.u8() % static_cast<unsigned>(op::count));
    if (trace_) std::fprintf(stderr, "op %u\n", static_cast<unsigned>(code));
    switch (code) {
      case op::alloc:
        return op_alloc(false);
      case op::alloc_throw:
        return op_alloc(true);
      case op::try_alloc:
        return op_try_alloc();
      case op::alloc_single:
        return op_alloc_single();
      case op::try_alloc_single:
        return op_try_alloc_single();
      case op::alloc_value:
        return op_alloc_value(false);
      case op::emplace:
        return op_alloc_value(true);
      case op::alloc_copy_vector:
        return op_alloc_copy_vector();
      case op::alloc_copy_slice:
        return op_alloc_copy_slice();
      case op::alloc_copy_view:
        return op_alloc_copy_view();
      case op::alloc_copy_lying:
        return op_alloc_copy_lying();
      case op::reentrant:
        return op_reentrant();
      case op::arm_upstream_failure:
        upstream_.arm_failure();
        m_.upstream_armed = true;
        return;
      case op::copy_slice:
        return op_copy_slice();
      case op::move_slice:
        return op_move_slice();
      case op::swap_slices:
        return op_swap_slices();
      case op::drop_slice:
        return op_drop_slice();
      case op::subslice:
        return op_subslice();
      case op::first:
        return op_first_last(true);
      case op::last:
        return op_first_last(false);
      case op::read:
        return op_read();
      case op::to_single:
        return op_to_single();
      case op::to_slice:
        return op_to_slice();
      case op::single_op:
        return op_single();
      case op::violation:
        return op_violation();
      case op::reset_allocator:
        return reset_allocator();
      case op::move_allocator:
        return op_move_allocator();
      case op::recycle_limit:
        return op_recycle_limit();
      case op::count:
        break;
    }
  }

  // --- observing outcomes -----------------------------------------------------------------

  // Runs f (which returns false for an empty optional result) and classifies how it ended.
  // Any other exception escapes: the harness treats it as a bug.
  template <class F>
  outcome classify(F& f) {
    try {
      return f() ? outcome::ok : outcome::nullopt;
    } catch (const std::length_error&) {
      return outcome::length_error;
    } catch (const std::out_of_range&) {
      return outcome::out_of_range;
    } catch (const std::invalid_argument&) {
      return outcome::invalid_argument;
    } catch (const std::bad_alloc&) {
      return outcome::bad_alloc;
    } catch (const init_failure&) {
      return outcome::init_failure;
    } catch (const copy_failure&) {
      return outcome::copy_failure;
    } catch (const violation_error& v) {
      last_violation_ = v.check;
      return outcome::violation;
    }
  }

  template <class F>
  outcome observe(F&& f) {
    const outcome got = classify(f);
    if (trace_) std::fprintf(stderr, "  outcome %u\n", static_cast<unsigned>(got));
    return got;
  }

  template <class F>
  void expect_violation(const char* check, F&& f) {
    FUZZ_CHECK(observe(f) == outcome::violation);
    FUZZ_CHECK(last_violation_ == check);
  }

  // --- allocation against the model ---------------------------------------------------------

  // Runs one allocation `attempt` and checks its outcome, the serials it used and the elements
  // it destroyed against the model, which it updates. value_of(i) is element i's value.
  // Returns where the new handle points on success, nothing on failure (or when the request
  // would make the system allocator, which the harness cannot fail, ask for a huge block).
  template <class ValueOf, class Attempt>
  std::optional<placement> allocate(const request& req, ValueOf&& value_of, Attempt&& attempt) {
    FUZZ_CHECK(m_.alloc.exists && alloc_.has_value());
    unsigned allowed = 0;
    std::size_t n = 0;
    route r = route::fast;
    bool standard = false;
    bool reuse = false;
    if (req.want < 0 || req.want > max_l) {
      allowed = bit(outcome::length_error);
    } else if (req.want == 0) {
      allowed = bit(outcome::ok);
    } else {
      n = static_cast<std::size_t>(req.want);
      r = m_.route_for(n);
      standard = r == route::keep_old || r == route::switch_new;
      const outcome fill = req.fail_at < n ? req.failure : outcome::ok;
      const i128 payload =
          static_cast<i128>(m_.new_chunk_elements(r, n)) * static_cast<i128>(sizeof(T));
      if (r == route::dedicated && !m_.alloc.counted && payload + slack > byte_limit) {
        return std::nullopt;
      }
      if (standard) reuse = m_.prepare_standard();
      if (r == route::fast || r == route::rewind || r == route::reuse_kept || reuse) {
        allowed = bit(fill);
      } else if (payload > size_max) {
        allowed = bit(outcome::length_error);  // the chunk's size in bytes is not representable
      } else {
        if (payload + slack > size_max) allowed |= bit(outcome::length_error);
        if (!m_.alloc.counted) {
          allowed |= bit(fill);
        } else if (m_.upstream_armed || payload > static_cast<i128>(byte_limit)) {
          allowed |= bit(outcome::bad_alloc);
        } else {
          allowed |= bit(fill);
          if (payload + slack > byte_limit) allowed |= bit(outcome::bad_alloc);
        }
      }
    }

    const std::uint64_t s0 = registry.next_serial;
    const outcome got = observe(attempt);
    FUZZ_CHECK((allowed & bit(got)) != 0);
    if (got == outcome::violation) {
      FUZZ_CHECK(req.violation != nullptr && last_violation_ == req.violation);
    }
    const std::uint64_t serials = traits::is_counted ? registry.next_serial - s0 : 0;
    switch (got) {
      case outcome::ok: {
        if (n == 0) {
          FUZZ_CHECK(serials == 0);
          return placement{};
        }
        FUZZ_CHECK(serials == (traits::is_counted ? n : 0));
        std::vector<m_elem> elems(n);
        for (std::size_t i = 0; i < n; ++i) {
          elems[i] = m_elem{value_of(i), traits::is_counted ? s0 + i : 0};
        }
        const auto [chunk, offset] = m_.place(r, reuse, std::move(elems));
        return placement{chunk, offset, n};
      }
      case outcome::length_error:
      case outcome::bad_alloc:
        FUZZ_CHECK(serials == 0);
        if (got == outcome::bad_alloc) m_.upstream_armed = false;
        return std::nullopt;
      default:  // the fill failed at req.fail_at, after its chunk was obtained
        FUZZ_CHECK(serials == (traits::is_counted ? req.fail_at : 0));
        if (traits::is_counted) m_.destroyed_on_failure(s0, req.fail_at);
        if (standard) m_.standard_fill_failed(reuse);
        return std::nullopt;
    }
  }

  // Records where a chunk's element 0 is, the first time a handle shows it; afterwards every
  // handle must agree. A fresh block must not be one that is still allocated.
  void note_address(const placement& p, const T* element) {
    m_chunk& c = m_.chunks[model::idx(p.chunk)];
    const std::uintptr_t base = reinterpret_cast<std::uintptr_t>(element) - p.offset * sizeof(T);
    if (c.base == 0) {
      for (const m_chunk& other : m_.chunks) {
        FUZZ_CHECK(&other == &c || !other.block_live || other.base != base);
      }
      c.base = base;
    }
    FUZZ_CHECK(c.base == base);
  }

  void install_slice(std::size_t d, slice_t&& h, const placement& p) {
    m_slice ms{};
    if (p.n > 0) {
      ms = m_slice{p.chunk, p.offset, p.n};
      note_address(p, h.data());
    } else {
      FUZZ_CHECK(h.data() == nullptr && h.empty());
    }
    slices_[d] = std::move(h);
    m_.set_slice(d, ms);
  }

  void install_single(std::size_t d, single_t&& h, const placement& p) {
    FUZZ_CHECK(p.n == 1);
    note_address(p, &h.get());
    singles_[d] = std::move(h);
    m_.set_single(d, m_single{single_state::live, p.chunk, p.offset});
  }

  // An init for alloc / try_alloc that checks it is called for 0, 1, 2, ... in order.
  struct index_order {
    std::size_t next = 0;
    void see(std::size_t i) {
      FUZZ_CHECK(i == next);
      ++next;
    }
  };

  [[nodiscard]] static std::optional<T> make_optional(std::uint64_t v) {
    if constexpr (traits::is_counted) {
      return std::optional<T>(std::in_place, v, temp_tag{});
    } else {
      return std::optional<T>(v);
    }
  }

  // --- allocation operations ----------------------------------------------------------------

  void op_alloc(bool throwing) {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg len = decode_length(in_, m_, max_l);
    const std::uint64_t base = in_.u32();
    request req{len.value};
    if (throwing) {
      req.fail_at = in_.u8();
      req.failure = outcome::init_failure;
    }
    if (!alloc_) return;
    std::optional<slice_t> out;
    index_order order;
    const auto p = allocate(
        req, [base](std::size_t i) { return base + i; },
        [&] {
          with_integer(len, [&](auto l) {
            out.emplace(alloc_->alloc(l, [&](std::size_t i) -> T {
              order.see(i);
              if (i == req.fail_at) throw init_failure{};
              return traits::make(base + i);
            }));
          });
          return true;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }

  void op_try_alloc() {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg len = decode_length(in_, m_, max_l);
    const std::uint64_t base = in_.u32();
    request req{len.value, in_.u8(), outcome::nullopt};
    if (!alloc_) return;
    std::optional<slice_t> out;
    index_order order;
    const auto p = allocate(
        req, [base](std::size_t i) { return base + i; },
        [&] {
          bool made = false;
          with_wide_integer(len, [&](auto l) {
            auto r = alloc_->try_alloc(l, [&](std::size_t i) -> std::optional<T> {
              order.see(i);
              if (i == req.fail_at) return std::nullopt;
              return make_optional(base + i);
            });
            if (r) {
              out.emplace(std::move(*r));
              made = true;
            }
          });
          return made;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }

  void op_alloc_single() {
    const std::size_t d = in_.below(single_slots);
    const std::uint64_t base = in_.u32();
    const bool fail = (in_.u8() & 1) != 0;
    if (!alloc_) return;
    const request req{1, fail ? std::size_t{0} : no_failure, outcome::init_failure};
    std::optional<single_t> out;
    const auto p = allocate(
        req, [base](std::size_t) { return base; },
        [&] {
          out.emplace(alloc_->alloc_single([&]() -> T {
            if (fail) throw init_failure{};
            return traits::make(base);
          }));
          return true;
        });
    if (p) install_single(d, std::move(*out), *p);
  }

  void op_try_alloc_single() {
    const std::size_t d = in_.below(single_slots);
    const std::uint64_t base = in_.u32();
    const bool fail = (in_.u8() & 1) != 0;
    if (!alloc_) return;
    const request req{1, fail ? std::size_t{0} : no_failure, outcome::nullopt};
    std::optional<single_t> out;
    const auto p = allocate(
        req, [base](std::size_t) { return base; },
        [&] {
          auto r = alloc_->try_alloc_single([&]() -> std::optional<T> {
            if (fail) return std::nullopt;
            return make_optional(base);
          });
          if (!r) return false;
          out.emplace(std::move(*r));
          return true;
        });
    if (p) install_single(d, std::move(*out), *p);
  }

  void op_alloc_value(bool in_place) {
    const std::size_t d = in_.below(single_slots);
    const std::uint64_t base = in_.u32();
    if (!alloc_) return;
    std::optional<single_t> out;
    const auto p = allocate(
        request{1}, [base](std::size_t) { return base; },
        [&] {
          if (in_place) {
            out.emplace(alloc_->emplace(base));
          } else {
            out.emplace(alloc_->alloc_value(traits::make_temp(base)));
          }
          return true;
        });
    if (p) install_single(d, std::move(*out), *p);
  }

  void op_alloc_copy_vector() {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg len = decode_length(in_, m_, max_l);
    const std::uint64_t base = in_.u32();
    // Lengths beyond this are covered by the view and lying-range sources, which need no storage.
    if (!alloc_ || len.value < 0 || len.value > 65536) return;
    std::vector<std::uint64_t> src(static_cast<std::size_t>(len.value));
    for (std::size_t i = 0; i < src.size(); ++i) src[i] = base + i;
    std::optional<slice_t> out;
    const auto p = allocate(
        request{len.value}, [&src](std::size_t i) { return src[i]; },
        [&] {
          out.emplace(alloc_->alloc_copy(src));
          return true;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }

  void op_alloc_copy_slice() {
    const std::size_t d = in_.below(slice_slots);
    const std::size_t s = in_.below(slice_slots);
    const std::uint8_t throw_at = in_.u8();
    const bool whole_handle = (in_.u8() & 1) != 0;
    if (!alloc_) return;
    const m_slice src = m_.slices[s];
    request req{static_cast<i128>(src.len)};
    if (traits::is_counted && throw_at != 0xFF) {
      req.fail_at = throw_at;
      req.failure = outcome::copy_failure;
      registry.copy_throw_countdown = throw_at;
    }
    const auto value_of = [this, src](std::size_t i) {
      return m_.chunks[model::idx(src.chunk)].elems[src.offset + i].value;
    };
    std::optional<slice_t> out;
    const auto p = allocate(req, value_of, [&] {
      // The handle itself is a contiguous sized range; so is its span.
      if (whole_handle) {
        out.emplace(alloc_->alloc_copy(slices_[s]));
      } else {
        out.emplace(alloc_->alloc_copy(slices_[s].get()));
      }
      return true;
    });
    registry.copy_throw_countdown = -1;
    if (p) install_slice(d, std::move(*out), *p);
  }

  // A sized, non-contiguous source of elements made on the fly (temporaries moved in).
  void op_alloc_copy_view() {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg len = decode_length(in_, m_, max_l);
    const std::uint64_t base = in_.u32();
    if (!alloc_ || len.value < 0) return;
    const generated_range view(static_cast<std::uint64_t>(len.value),
                               [base](std::uint64_t i) { return traits::make_temp(base + i); });
    std::optional<slice_t> out;
    const auto p = allocate(
        request{len.value}, [base](std::size_t i) { return base + i; },
        [&] {
          out.emplace(alloc_->alloc_copy(view));
          return true;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }

  void op_alloc_copy_lying() {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg claimed = decode_length(in_, m_, max_l);
    const std::size_t actual = in_.u8() % 64;
    const bool contiguous = (in_.u8() & 1) != 0;
    const std::uint64_t base = in_.u32();
    if (!alloc_ || claimed.value < 0) return;
    std::vector<std::uint64_t> src(actual);
    for (std::size_t i = 0; i < actual; ++i) src[i] = base + i;
    const auto size = static_cast<std::size_t>(claimed.value);
    const bool short_range = claimed.value > static_cast<i128>(actual);
    if (short_range && !fast_checks) return;  // reading past the end is undefined, by contract
    if (contiguous && std::is_trivially_copyable_v<T> && short_range && claimed.value <= max_l) {
      // The memcpy path checks the whole range before it places anything.
      return expect_violation("alloc_copy range size", [&] {
        static_cast<void>(
            alloc_->alloc_copy(lying_range<true>{src.data(), src.data() + actual, size}));
        return true;
      });
    }
    request req{claimed.value};
    if (short_range) {
      req.fail_at = actual;
      req.failure = outcome::violation;
      req.violation = "alloc_copy range size";
    }
    std::optional<slice_t> out;
    const auto p = allocate(
        req, [&src](std::size_t i) { return src[i]; },
        [&] {
          if (contiguous) {
            out.emplace(
                alloc_->alloc_copy(lying_range<true>{src.data(), src.data() + actual, size}));
          } else {
            out.emplace(
                alloc_->alloc_copy(lying_range<false>{src.data(), src.data() + actual, size}));
          }
          return true;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }

  // An init that uses its own allocator again at index k: always a violation.
  void op_reentrant() {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg len = decode_length(in_, m_, max_l);
    const std::size_t k = in_.u8();
    const std::uint8_t inner = in_.u8();
    if (!alloc_) return;
    const request req{len.value, k, outcome::violation, "Allocator re-entrancy"};
    std::optional<slice_t> out;
    const auto p = allocate(
        req, [](std::size_t i) { return std::uint64_t{i}; },
        [&] {
          with_wide_integer(len, [&](auto l) {
            out.emplace(alloc_->alloc(l, [&](std::size_t i) -> T {
              if (i == k) {
                reenter(inner);
                check_failed("a re-entrant allocation was not refused", __FILE__, __LINE__);
              }
              return traits::make(i);
            }));
          });
          return true;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }

  void reenter(std::uint8_t inner) {
    const auto one = [](std::size_t) { return traits::make_temp(1); };
    switch (inner % 6) {
      case 0:
        static_cast<void>(alloc_->alloc(1, one));
        break;
      case 1:
        static_cast<void>(alloc_->alloc_single([] { return traits::make_temp(1); }));
        break;
      case 2:
        static_cast<void>(alloc_->alloc_value(traits::make_temp(1)));
        break;
      case 3:
        static_cast<void>(alloc_->emplace(std::uint64_t{1}));
        break;
      case 4:
        static_cast<void>(alloc_->alloc_copy(std::array<std::uint64_t, 1>{1}));
        break;
      default:
        static_cast<void>(alloc_->try_alloc(1, [](std::size_t) { return make_optional(1); }));
        break;
    }
  }

  // --- handle operations --------------------------------------------------------------------

  void op_copy_slice() {
    const std::size_t s = in_.below(slice_slots);
    const std::size_t d = in_.below(slice_slots);
    const bool via_temporary = (in_.u8() & 1) != 0;
    if (via_temporary) {
      slice_t copy(slices_[s]);
      slices_[d] = std::move(copy);
    } else {
      slices_[d] = slices_[s];  // d == s: self-assignment keeps the handle
    }
    m_.acquire(m_.slices[s].chunk);
    m_.set_slice(d, m_.slices[s]);
  }

  void op_move_slice() {
    const std::size_t s = in_.below(slice_slots);
    const std::size_t d = in_.below(slice_slots);
    const bool construct = (in_.u8() & 1) != 0;
    if (construct) {
      slice_t moved(std::move(slices_[s]));
      FUZZ_CHECK(slices_[s].empty() && slices_[s].data() == nullptr);
      slices_[d] = std::move(moved);
    } else {
      if (d == s) return;  // self-move leaves an unspecified (valid) state, as in the standard
      slices_[d] = std::move(slices_[s]);
    }
    const m_slice moved = std::exchange(m_.slices[s], m_slice{});
    m_.set_slice(d, moved);
  }

  void op_swap_slices() {
    const std::size_t a = in_.below(slice_slots);
    const std::size_t b = in_.below(slice_slots);
    switch (in_.u8() % 3) {
      case 0:
        slices_[a].swap(slices_[b]);
        break;
      case 1:
        swap(slices_[a], slices_[b]);
        break;
      default:
        std::ranges::swap(slices_[a], slices_[b]);
        break;
    }
    std::swap(m_.slices[a], m_.slices[b]);
  }

  void op_drop_slice() {
    const std::size_t d = in_.below(slice_slots);
    switch (in_.u8() % 3) {
      case 0:
        slices_[d] = slice_t{};
        break;
      case 1:
        slices_[d] = alloc_t::alloc_empty();
        break;
      default: {
        const slice_t gone(std::move(slices_[d]));
        break;
      }
    }
    m_.set_slice(d, m_slice{});
  }

  // Replaces slot d by the result of `make` on slot s, or checks it throws out_of_range.
  template <class Make>
  void derive(std::size_t d, bool in_bounds, m_slice part, Make&& make) {
    std::optional<slice_t> out;
    const outcome got = observe([&] {
      out.emplace(make());
      return true;
    });
    FUZZ_CHECK(got == (in_bounds ? outcome::ok : outcome::out_of_range));
    if (!in_bounds) return;
    if (part.chunk < 0) part = m_slice{};  // parts of the empty handle are empty handles
    slices_[d] = std::move(*out);
    m_.acquire(part.chunk);
    m_.set_slice(d, part);
  }

  void op_subslice() {
    const std::size_t s = in_.below(slice_slots);
    const std::size_t d = in_.below(slice_slots);
    const m_slice src = m_.slices[s];
    const std::size_t offset = decode_index(in_, src.len);
    const std::size_t count = decode_index(in_, src.len);
    const bool in_bounds = offset <= src.len && count <= src.len - offset;
    const m_slice part{src.chunk, src.offset + (in_bounds ? offset : 0), count};
    derive(d, in_bounds, part, [&] { return slices_[s].subslice(offset, count); });
  }

  void op_first_last(bool first) {
    const std::size_t s = in_.below(slice_slots);
    const std::size_t d = in_.below(slice_slots);
    const m_slice src = m_.slices[s];
    const std::size_t count = decode_index(in_, src.len);
    const bool in_bounds = count <= src.len;
    const std::size_t skip = first || !in_bounds ? 0 : src.len - count;
    const m_slice part{src.chunk, src.offset + skip, count};
    derive(d, in_bounds, part,
           [&] { return first ? slices_[s].first(count) : slices_[s].last(count); });
  }

  void op_read() {
    const std::size_t s = in_.below(slice_slots);
    const m_slice src = m_.slices[s];
    const std::size_t i = decode_index(in_, src.len);
    const outcome got = observe([&] {
      const T& e = slices_[s].at(i);
      FUZZ_CHECK(&e == slices_[s].data() + i);
      FUZZ_CHECK(&e == &slices_[s][i]);
      check_element(e, element_of(src, i));
      return true;
    });
    FUZZ_CHECK(got == (i < src.len ? outcome::ok : outcome::out_of_range));
  }

  void op_to_single() {
    const std::size_t s = in_.below(slice_slots);
    const std::size_t d = in_.below(single_slots);
    const std::uint8_t variant = in_.u8() % 4;
    const bool by_move = (variant & 1) != 0;
    const bool try_variant = (variant & 2) != 0;
    const m_slice src = m_.slices[s];
    const bool one = src.len == 1;
    std::optional<single_t> out;
    const outcome got = observe([&] {
      if (try_variant) {
        auto r = by_move ? single_t::try_from_slice(std::move(slices_[s]))
                         : single_t::try_from_slice(slices_[s]);
        if (!r) return false;
        out.emplace(std::move(*r));
      } else {
        out.emplace(by_move ? single_t::from_slice(std::move(slices_[s]))
                            : single_t::from_slice(slices_[s]));
      }
      return true;
    });
    const outcome refused = try_variant ? outcome::nullopt : outcome::invalid_argument;
    FUZZ_CHECK(got == (one ? outcome::ok : refused));
    if (by_move) {
      // The slot's handle moved into the argument: it is empty whatever the result.
      m_.slices[s] = m_slice{};
      if (!one) m_.release(src.chunk);
    } else if (one) {
      m_.acquire(src.chunk);
    }
    if (!one) return;
    singles_[d] = std::move(*out);
    m_.set_single(d, m_single{single_state::live, src.chunk, src.offset});
  }

  void op_to_slice() {
    const std::size_t s = in_.below(single_slots);
    const std::size_t d = in_.below(slice_slots);
    const std::uint8_t variant = in_.u8() % 3;
    const m_single src = m_.singles[s];
    if (src.state == single_state::none) return;
    std::optional<slice_t> out;
    const auto convert = [&] {
      switch (variant) {
        case 0:
          out.emplace(singles_[s]->to_slice());
          break;
        case 1:
          out.emplace(slice_t(*singles_[s]));
          break;
        default:
          out.emplace(slice_t(std::move(*singles_[s])));
          break;
      }
      return true;
    };
    if (src.state == single_state::moved) {
      if constexpr (fast_checks) expect_violation("ArcSlice(ArcSingle) not moved-from", convert);
      return;
    }
    FUZZ_CHECK(observe(convert) == outcome::ok);
    if (variant == 2) {
      m_.singles[s] = m_single{single_state::moved};
    } else {
      m_.acquire(src.chunk);
    }
    slices_[d] = std::move(*out);
    m_.set_slice(d, m_slice{src.chunk, src.offset, 1});
  }

  void op_single() {
    const std::size_t a = in_.below(single_slots);
    const std::size_t b = in_.below(single_slots);
    const m_single src = m_.singles[a];
    const bool live = src.state == single_state::live;
    switch (in_.u8() % 4) {
      case 0:  // copy a to b (a == b: self-assignment)
        if (!live) return;
        singles_[b] = singles_[a];
        m_.acquire(src.chunk);
        m_.set_single(b, src);
        return;
      case 1:  // move a to b, leaving a moved-from
        if (!live || a == b) return;
        singles_[b] = std::move(*singles_[a]);
        m_.singles[a] = m_single{single_state::moved};
        m_.set_single(b, src);
        return;
      case 2:  // destroy a
        singles_[a].reset();
        m_.set_single(a, m_single{});
        return;
      default:  // swap two live handles
        if (!live || m_.singles[b].state != single_state::live) return;
        swap(*singles_[a], *singles_[b]);
        std::swap(m_.singles[a], m_.singles[b]);
        return;
    }
  }

  // Precondition violations the library checks at hardening level fast: each one throws
  // through the trap and changes nothing.
  void op_violation() {
    const std::uint8_t variant = in_.u8() % 5;
    const std::size_t s = in_.below(slice_slots);
    const std::size_t t = in_.below(single_slots);
    const std::size_t past = in_.u8() % 2;
    if constexpr (!fast_checks) return;
    const slice_t empty_handle;
    const slice_t& maybe_empty = m_.slices[s].len == 0 ? slices_[s] : empty_handle;
    switch (variant) {
      case 0:
        return expect_violation("ArcSlice::operator[] index", [&] {
          static_cast<void>(slices_[s][m_.slices[s].len + past]);
          return true;
        });
      case 1:
        return expect_violation("ArcSlice::front non-empty", [&] {
          static_cast<void>(maybe_empty.front());
          return true;
        });
      case 2:
        return expect_violation("ArcSlice::back non-empty", [&] {
          static_cast<void>(maybe_empty.back());
          return true;
        });
      default:
        return with_moved_single(t, [&](single_t& moved) {
          if (variant == 3) {
            expect_violation("ArcSingle::get not moved-from", [&] {
              static_cast<void>(moved.get());
              return true;
            });
            expect_violation("ArcSingle::get not moved-from", [&] {
              static_cast<void>(*moved);
              return true;
            });
          } else {
            expect_violation("ArcSlice(ArcSingle) not moved-from", [&] {
              const slice_t s1(std::move(moved));
              return true;
            });
          }
        });
    }
  }

  // Calls f with a moved-from single: slot t's if it is one, or a local made from a copy of
  // slot t's live handle (the copy's reference goes away with the local it moved into).
  template <class F>
  void with_moved_single(std::size_t t, F&& f) {
    if (m_.singles[t].state == single_state::moved) return f(*singles_[t]);
    if (m_.singles[t].state != single_state::live) return;
    single_t copy(*singles_[t]);
    const single_t taken(std::move(copy));
    f(copy);
  }

  // --- allocator operations -----------------------------------------------------------------

  enum class ctor : std::uint8_t {
    upstream,
    capacity_upstream,
    plain,
    capacity,
    capacity_null,
    null
  };

  // Destroys and recreates the allocator (handles stay alive), or fails to create one.
  void reset_allocator() {
    auto kind = static_cast<ctor>(in_.u8() % 6);
    const integer_arg cap = decode_capacity(in_, max_l);
    const std::uint8_t how = in_.u8();
    const bool takes_capacity =
        kind == ctor::capacity_upstream || kind == ctor::capacity || kind == ctor::capacity_null;

    unsigned allowed = 0;
    std::size_t capacity = default_capacity;
    if (takes_capacity) {
      const i128 v = cap.value;
      const i128 max_refcount = size_max / 2;
      if (v < 1 || v > max_l || v >= max_refcount / 2) {
        allowed = bit(outcome::length_error);
      } else {
        capacity = static_cast<std::size_t>(v);
        const i128 payload = v * static_cast<i128>(sizeof(T));
        if (payload > size_max) {
          allowed = bit(outcome::length_error);
        } else {
          allowed = bit(outcome::ok);
          if (payload + slack > size_max) allowed |= bit(outcome::length_error);
          // Chunks from the system allocator stay small (it cannot be made to fail cleanly).
          if (kind == ctor::capacity && payload + slack > byte_limit)
            kind = ctor::capacity_upstream;
        }
      }
      if (kind == ctor::capacity_null && (allowed & bit(outcome::ok)) != 0) {
        allowed = (allowed & ~bit(outcome::ok)) | bit(outcome::invalid_argument);
      }
    } else {
      allowed = bit(kind == ctor::null ? outcome::invalid_argument : outcome::ok);
    }
    const bool counted = kind != ctor::plain && kind != ctor::capacity;

    const auto construct = [&](std::optional<alloc_t>& into) {
      std::pmr::memory_resource* const up = &upstream_;
      std::pmr::memory_resource* const null = nullptr;
      switch (kind) {
        case ctor::upstream:
          into.emplace(up);
          break;
        case ctor::capacity_upstream:
          with_integer(cap, [&](auto c) { into.emplace(c, up); });
          break;
        case ctor::plain:
          into.emplace();
          break;
        case ctor::capacity:
          with_wide_integer(cap, [&](auto c) { into.emplace(c); });
          break;
        case ctor::capacity_null:
          with_wide_integer(cap, [&](auto c) { into.emplace(c, null); });
          break;
        case ctor::null:
          into.emplace(null);
          break;
      }
      return true;
    };

    outcome got;
    if ((how & 1) != 0) {
      // optional::emplace destroys the old allocator first, even if the new one then fails.
      if (alloc_) m_.shut_down();
      m_.alloc.exists = false;
      got = observe([&] { return construct(alloc_); });
    } else {
      std::optional<alloc_t> fresh;
      got = observe([&] { return construct(fresh); });
      if (got == outcome::ok) {
        if (alloc_) m_.shut_down();
        if ((how & 2) != 0 && alloc_) {
          *alloc_ = std::move(*fresh);
        } else {
          alloc_.reset();
          alloc_.emplace(std::move(*fresh));
        }
        FUZZ_CHECK(fresh->stats() == arena_arc::AllocatorStats{});
      }
    }
    FUZZ_CHECK((allowed & bit(got)) != 0);
    FUZZ_CHECK(alloc_.has_value() == (got == outcome::ok || ((how & 1) == 0 && m_.alloc.exists)));
    if (got != outcome::ok) return;
    m_.alloc = m_allocator{};
    m_.alloc.exists = true;
    m_.alloc.capacity = capacity;
    m_.alloc.counted = counted;
    m_.alloc.recycle_limit = alloc_->recycle_limit();
    check_default_recycle_limit(capacity, m_.alloc.recycle_limit);
  }

  // Default: as many chunks as fit in ARENA_ARC_RECYCLE_BYTES, at least one.
  static void check_default_recycle_limit(std::size_t capacity, std::size_t limit) {
    const i128 budget = static_cast<i128>(ARENA_ARC_RECYCLE_BYTES);
    const i128 low_bytes = static_cast<i128>(capacity) * static_cast<i128>(sizeof(T));
    const i128 high_bytes = low_bytes + slack;
    const auto at_least_one = [](i128 v) { return v > 0 ? v : i128{1}; };
    FUZZ_CHECK(static_cast<i128>(limit) >= at_least_one(budget / high_bytes));
    FUZZ_CHECK(static_cast<i128>(limit) <= at_least_one(budget / low_bytes));
  }

  void op_move_allocator() {
    const std::uint8_t variant = in_.u8() % 4;
    if (!alloc_) return;
    const arena_arc::AllocatorStats before = alloc_->stats();
    switch (variant) {
      case 0: {  // there and back: nothing changes
        alloc_t there(std::move(*alloc_));
        check_moved_from(*alloc_);
        FUZZ_CHECK(there.stats() == before);
        *alloc_ = std::move(there);
        // cppcheck-suppress accessMoved ; the moved-from state is what is checked
        check_moved_from(there);
        return;
      }
      case 1: {  // moved away and destroyed: the allocator left behind starts afresh
        {
          const alloc_t away(std::move(*alloc_));
          FUZZ_CHECK(away.stats() == before);
        }
        break;
      }
      case 2: {  // self-move-assignment is a no-op
        alloc_t& same = *alloc_;
        *alloc_ = std::move(same);
        return;
      }
      default: {  // moved away, then assigned over (it leaves its chunk and recycler)
        alloc_t away(std::move(*alloc_));
        away = std::move(*alloc_);
        check_moved_from(away);
        break;
      }
    }
    check_moved_from(*alloc_);
    m_.shut_down();
    m_.alloc.stats = m_stats{};
  }

  void check_moved_from(const alloc_t& a) const {
    FUZZ_CHECK(a.stats() == arena_arc::AllocatorStats{});
    FUZZ_CHECK(a.chunk_capacity() == m_.alloc.capacity);
    FUZZ_CHECK(a.recycle_limit() == m_.alloc.recycle_limit);
  }

  void op_recycle_limit() {
    static constexpr std::array<std::size_t, 6> limits{0, 1, 2, 3, 1000, 0};
    const std::size_t limit = limits[in_.u8() % limits.size()];
    if (!alloc_) return;
    alloc_->set_recycle_limit(limit);
    m_.alloc.recycle_limit = limit;
    m_.leave_kept(m_.kept_limit());
    m_.trim_cache();
  }

  // --- verification -------------------------------------------------------------------------

  [[nodiscard]] const m_elem& element_of(const m_slice& s, std::size_t i) const {
    const m_chunk& c = m_.chunks[model::idx(s.chunk)];
    FUZZ_CHECK(c.alive && s.offset + i < c.elems.size());
    return c.elems[s.offset + i];
  }

  static void check_element(const T& e, const m_elem& expected) {
    FUZZ_CHECK(traits::value(e) == expected.value);
    if constexpr (traits::is_counted) FUZZ_CHECK(traits::serial(e) == expected.serial);
  }

  [[nodiscard]] std::uintptr_t expected_address(int chunk, std::size_t offset) const {
    return m_.chunks[model::idx(chunk)].base + offset * sizeof(T);
  }

  void verify_slice(std::size_t i) const {
    const slice_t& h = slices_[i];
    const m_slice& m = m_.slices[i];
    FUZZ_CHECK(h.size() == m.len);
    FUZZ_CHECK(h.empty() == (m.len == 0));
    const std::span<const T> view = h;
    FUZZ_CHECK(view.data() == h.data() && view.size() == m.len);
    FUZZ_CHECK(h.get().data() == h.data() && h.get().size() == m.len);
    FUZZ_CHECK(h.end() - h.begin() == static_cast<std::ptrdiff_t>(m.len));
    if (m.chunk < 0) {
      FUZZ_CHECK(h.data() == nullptr);
      return;
    }
    FUZZ_CHECK(reinterpret_cast<std::uintptr_t>(h.data()) == expected_address(m.chunk, m.offset));
    std::size_t j = 0;
    for (const T& e : h) check_element(e, element_of(m, j++));
    if (m.len > 0) {
      FUZZ_CHECK(&h.front() == h.data());
      FUZZ_CHECK(&h.back() == h.data() + (m.len - 1));
    }
  }

  void verify_single(std::size_t i) const {
    const m_single& m = m_.singles[i];
    FUZZ_CHECK(singles_[i].has_value() == (m.state != single_state::none));
    if (m.state != single_state::live) return;
    const T& e = singles_[i]->get();
    FUZZ_CHECK(reinterpret_cast<std::uintptr_t>(&e) == expected_address(m.chunk, m.offset));
    FUZZ_CHECK(&**singles_[i] == &e);
    FUZZ_CHECK(singles_[i]->operator->() == &e);
    check_element(e, element_of(m_slice{m.chunk, m.offset, 1}, 0));
  }

  void check_stats(const arena_arc::AllocatorStats& s) const {
    const m_stats& e = m_.alloc.stats;
    FUZZ_CHECK(s.chunks_allocated == e.chunks_allocated);
    FUZZ_CHECK(s.chunks_reused == e.chunks_reused);
    FUZZ_CHECK(s.dedicated_chunks == e.dedicated_chunks);
    FUZZ_CHECK(s.elements_allocated == e.elements_allocated);
    FUZZ_CHECK(s.elements_wasted == e.elements_wasted);
  }

  void trace_state() const {
    std::fprintf(stderr, "  slices");
    for (const m_slice& s : m_.slices)
      std::fprintf(stderr, " %d+%zu:%zu", s.chunk, s.offset, s.len);
    std::fprintf(stderr, " singles");
    for (const m_single& s : m_.singles) {
      std::fprintf(stderr, " %d:%d+%zu", static_cast<int>(s.state), s.chunk, s.offset);
    }
    const m_stats& st = m_.alloc.stats;
    std::fprintf(stderr,
                 " | alloc %d cap %zu current %d used %zu cache %zu | stats %zu %zu %zu %zu %zu\n",
                 m_.alloc.exists ? 1 : 0, m_.alloc.capacity, m_.alloc.current, m_.alloc.used,
                 m_.alloc.cache.size(), st.chunks_allocated, st.chunks_reused, st.dedicated_chunks,
                 st.elements_allocated, st.elements_wasted);
  }

  void verify() {
    if (trace_) trace_state();
    FUZZ_CHECK(alloc_.has_value() == m_.alloc.exists);
    if (alloc_) {
      check_stats(alloc_->stats());
      FUZZ_CHECK(alloc_->chunk_capacity() == m_.alloc.capacity);
      FUZZ_CHECK(alloc_->recycle_limit() == m_.alloc.recycle_limit);
    }
    for (std::size_t i = 0; i < slice_slots; ++i) verify_slice(i);
    for (std::size_t i = 0; i < single_slots; ++i) verify_single(i);
    verify_model_owners();
    if constexpr (traits::is_counted) {
      FUZZ_CHECK(registry.live == static_cast<std::int64_t>(m_.live_elements()));
      FUZZ_CHECK(registry.destroyed == m_.expected_destroyed);
      registry.destroyed.clear();
    }
    m_.expected_destroyed.clear();
    FUZZ_CHECK(upstream_.live_blocks() == m_.live_counted_blocks());
    FUZZ_CHECK(upstream_.armed() == m_.upstream_armed);
  }

  // The model's own bookkeeping: every chunk's handle count is the number of slots on it.
  void verify_model_owners() const {
    std::vector<std::size_t> handles(m_.chunks.size(), 0);
    for (const m_slice& s : m_.slices) {
      if (s.chunk >= 0) ++handles[model::idx(s.chunk)];
    }
    for (const m_single& s : m_.singles) {
      if (s.state == single_state::live) ++handles[model::idx(s.chunk)];
    }
    for (std::size_t c = 0; c < m_.chunks.size(); ++c) {
      FUZZ_CHECK(m_.chunks[c].handles == handles[c]);
      FUZZ_CHECK(m_.chunks[c].alive == (handles[c] > 0 || m_.chunks[c].held));
    }
  }

  // The allocator goes first (handles outlive it), then every handle: at the end nothing is
  // alive and every block is back upstream.
  void teardown() {
    if (alloc_) {
      alloc_.reset();
      m_.shut_down();
      m_.alloc.exists = false;
    }
    verify();
    for (std::size_t i = 0; i < single_slots; ++i) {
      singles_[i].reset();
      m_.set_single(i, m_single{});
    }
    for (std::size_t i = 0; i < slice_slots; ++i) {
      slices_[i] = slice_t{};
      m_.set_slice(i, m_slice{});
    }
    verify();
    for (const m_chunk& c : m_.chunks) FUZZ_CHECK(!c.alive && !c.block_live);
    if constexpr (traits::is_counted) FUZZ_CHECK(registry.live == 0);
    FUZZ_CHECK(upstream_.live_blocks() == 0);
  }

  counting_resource upstream_{byte_limit};  // first: it outlives every chunk below
  byte_reader& in_;
  model m_;
  std::optional<alloc_t> alloc_;
  std::array<slice_t, slice_slots> slices_{};
  std::array<std::optional<single_t>, single_slots> singles_{};
  std::string last_violation_;
  // ARENA_ARC_FUZZ_TRACE=1 prints every operation, its outcome and the model's state (for
  // writing seeds and reading crashes).
  bool trace_ = std::getenv("ARENA_ARC_FUZZ_TRACE") != nullptr;
};

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_RUNNER_HPP
