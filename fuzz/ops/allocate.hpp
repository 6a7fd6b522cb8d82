// One allocation checked against the model: which outcomes the request allows (the route the
// placement rules predict, the sizes the upstream can give), the serials the fill used and the
// elements it destroyed; and the installation of the new handle in its slot.
#ifndef ARENA_ARC_FUZZ_OPS_ALLOCATE_HPP
#define ARENA_ARC_FUZZ_OPS_ALLOCATE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "../common/fuzz_check.hpp"
#include "counted_element.hpp"
#include "decode.hpp"
#include "model.hpp"
#include "verify.hpp"

namespace arena_arc_fuzz::ops {

template <class T, arena_arc::index_type L, arena_arc::refcount_policy RC>
class runner_allocate : public runner_verify<T, L, RC> {
  using lower = runner_verify<T, L, RC>;

 protected:
  using lower::lower;

  using lower::alloc_;
  using lower::byte_limit;
  using lower::last_violation_;
  using lower::m_;
  using lower::max_l;
  using lower::no_failure;
  using lower::observe;
  using lower::singles_;
  using lower::slack;
  using lower::slices_;
  using typename lower::single_t;
  using typename lower::slice_t;
  using typename lower::traits;

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

    const std::uint64_t s0 = registry.peek_serial();
    const outcome got = observe(attempt);
    FUZZ_CHECK((allowed & bit(got)) != 0);
    if (got == outcome::violation) {
      FUZZ_CHECK(req.violation != nullptr && last_violation_ == req.violation);
    }
    const std::uint64_t serials = traits::is_counted ? registry.peek_serial() - s0 : 0;
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
};

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_ALLOCATE_HPP
