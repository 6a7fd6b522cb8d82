// Commands that allocate: slices (alloc, try_alloc, alloc_copy from a vector or a view) and
// singles (alloc_single, try_alloc_single, alloc_value, emplace), each either succeeding or
// failing in one of the documented ways: init throws or returns nullopt at a chosen index, the
// copied range throws at a chosen element, the upstream resource fails its next allocation, or
// the length is negative or beyond the index type.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include "../support/config.hpp"
#include "../support/counted.hpp"
#include "../support/id_range.hpp"
#include "../support/outcome.hpp"
#include "model.hpp"
#include "sut.hpp"

namespace props {

template <class Cfg>
using command = rc::state::Command<model, sut<Cfg>>;

enum class failure { none, throw_at, nullopt_at, upstream };

inline std::ostream& operator<<(std::ostream& os, failure f) {
  switch (f) {
    case failure::none:
      return os << "no failure";
    case failure::throw_at:
      return os << "throw at";
    case failure::nullopt_at:
      return os << "nullopt at";
    case failure::upstream:
      return os << "upstream failure";
  }
  return os;
}

/// The init calls an allocation of `n` elements makes when it ends with `result`.
inline std::vector<std::size_t> expected_init_calls(std::size_t n, outcome result,
                                                    std::size_t fail_at) {
  std::size_t calls = 0;
  if (result == outcome::ok) calls = n;
  if (result == outcome::injected || result == outcome::nullopt) calls = fail_at + 1;
  std::vector<std::size_t> indices(calls);
  for (std::size_t i = 0; i < calls; ++i) indices[i] = i;
  return indices;
}

template <class Cfg>
struct alloc_slice final : command<Cfg> {
  enum class way { alloc, try_alloc, copy_vector, copy_range };

  std::size_t slot = 0;
  long long len = 0;
  way how = way::alloc;
  failure fail = failure::none;
  std::size_t fail_at = 0;

  explicit alloc_slice(const model& m) {
    slot = *uniform<std::size_t>(0, slot_count);
    len = *length_gen<Cfg>(m.placer.capacity, m.placer.room());
    how = *rc::gen::element(way::alloc, way::try_alloc, way::copy_vector, way::copy_range);
    // A range's size cannot be negative: copies get the length a negative request would not.
    if (len < 0 && (how == way::copy_vector || how == way::copy_range)) how = way::alloc;
    fail = how == way::try_alloc
               ? *rc::gen::element(failure::none, failure::throw_at, failure::nullopt_at,
                                   failure::upstream)
               : *rc::gen::element(failure::none, failure::throw_at, failure::upstream);
    // An index at or past the end means the failure never triggers.
    const auto span = static_cast<std::size_t>(std::clamp(len, 0LL, 600LL));
    fail_at = *uniform<std::size_t>(0, span + 1);
  }

  void apply(model& m) const override {
    m.begin();
    const std::uint64_t first = m.next_id;
    if (len < 0 || static_cast<unsigned long long>(len) > m.max_length) {
      m.last = outcome::length_error;
      return;
    }
    const auto n = static_cast<std::size_t>(len);
    m.next_id += n;
    if (n == 0) {
      m.assign(slot, handle_model::empty_slice());
      return;
    }
    request r{n, first, fail == failure::upstream, std::nullopt, outcome::injected};
    if (fail == failure::throw_at || fail == failure::nullopt_at) {
      r.fail_at = fail_at;
      r.failure = fail == failure::throw_at ? outcome::injected : outcome::nullopt;
    }
    handle_model made;
    m.last = m.allocate(r, made);
    if (m.last == outcome::ok) m.assign(slot, made);
  }

  void run(const model& s0, sut<Cfg>& s) const override {
    const model s1 = this->nextState(s0);
    s.begin();
    if (fail == failure::upstream) s.resource.fail_in(0);
    const outcome got = capture([&] { return make(s, s0.next_id); });
    s.resource.allow_all();
    RC_ASSERT(got == s1.last);
    if (how == way::alloc || how == way::try_alloc) {
      const std::size_t n = got == outcome::length_error ? 0 : static_cast<std::size_t>(len);
      RC_ASSERT(s.init_calls == expected_init_calls(n, got, fail_at));
    }
    verify(s1, s);
  }

  void show(std::ostream& os) const override {
    static constexpr const char* names[] = {"alloc", "try_alloc", "alloc_copy(vector)",
                                            "alloc_copy(computed range)"};
    os << names[static_cast<int>(how)] << "(len " << len << ", " << fail;
    if (fail == failure::throw_at || fail == failure::nullopt_at) os << " " << fail_at;
    os << ") -> slot " << slot;
  }

 private:
  outcome make(sut<Cfg>& s, std::uint64_t first) const {
    auto& a = *s.alloc;
    switch (how) {
      case way::alloc: {
        auto init = [&](std::size_t i) -> Counted {
          s.init_calls.push_back(i);
          if (fail == failure::throw_at && i == fail_at) throw injected_failure{};
          return Counted{first + i};
        };
        s.put(slot, a.alloc(len, init));
        return outcome::ok;
      }
      case way::try_alloc: {
        auto init = [&](std::size_t i) -> std::optional<Counted> {
          s.init_calls.push_back(i);
          if (i == fail_at && fail == failure::throw_at) throw injected_failure{};
          if (i == fail_at && fail == failure::nullopt_at) return std::nullopt;
          return Counted{first + i};
        };
        auto result = a.try_alloc(len, init);
        if (!result) return outcome::nullopt;
        s.put(slot, *std::move(result));
        return outcome::ok;
      }
      case way::copy_vector:
        // Lengths beyond the index type cannot be materialised (up to 2^32 elements): the
        // computed range below reports such a size without holding the elements.
        if (static_cast<unsigned long long>(len) <= Cfg::max_length) {
          std::vector<std::uint64_t> source(static_cast<std::size_t>(len));
          for (std::size_t i = 0; i < source.size(); ++i) source[i] = id_of(first, i);
          s.put(slot, a.alloc_copy(source));
          return outcome::ok;
        }
        [[fallthrough]];
      case way::copy_range: {
        const std::uint64_t poisoned = fail == failure::throw_at ? fail_at : ~std::uint64_t{0};
        s.put(slot, a.alloc_copy(id_range(first, static_cast<std::uint64_t>(len), poisoned)));
        return outcome::ok;
      }
    }
    return outcome::ok;
  }

  // Element i of a copied range; the poisoned one makes Counted's constructor throw.
  [[nodiscard]] std::uint64_t id_of(std::uint64_t first, std::size_t i) const {
    const std::uint64_t id = first + i;
    return fail == failure::throw_at && i == fail_at ? id | Counted::poison : id;
  }
};

template <class Cfg>
struct alloc_single final : command<Cfg> {
  enum class way { single, try_single, value, emplace };

  std::size_t slot = 0;
  way how = way::single;
  failure fail = failure::none;

  explicit alloc_single(const model&) {
    slot = *uniform<std::size_t>(0, slot_count);
    how = *rc::gen::element(way::single, way::try_single, way::value, way::emplace);
    switch (how) {
      case way::single:
        fail = *rc::gen::element(failure::none, failure::throw_at, failure::upstream);
        break;
      case way::try_single:
        fail = *rc::gen::element(failure::none, failure::throw_at, failure::nullopt_at,
                                 failure::upstream);
        break;
      case way::value:
      case way::emplace:
        fail = *rc::gen::element(failure::none, failure::upstream);
        break;
    }
  }

  void apply(model& m) const override {
    m.begin();
    const std::uint64_t id = m.next_id++;
    request r{1, id, fail == failure::upstream, std::nullopt, outcome::injected};
    if (fail == failure::throw_at || fail == failure::nullopt_at) {
      r.fail_at = 0;
      r.failure = fail == failure::throw_at ? outcome::injected : outcome::nullopt;
    }
    handle_model made;
    m.last = m.allocate(r, made);
    if (m.last == outcome::ok) {
      made.kind = handle_kind::single;
      m.assign(slot, made);
    }
    // alloc_value's by-value argument was never moved into the arena; it dies with the call.
    if (m.last == outcome::bad_alloc && how == way::value) m.destroyed.push_back(id);
  }

  void run(const model& s0, sut<Cfg>& s) const override {
    const model s1 = this->nextState(s0);
    s.begin();
    if (fail == failure::upstream) s.resource.fail_in(0);
    const outcome got = capture([&] { return make(s, s0.next_id); });
    s.resource.allow_all();
    RC_ASSERT(got == s1.last);
    if (how == way::single || how == way::try_single) {
      const bool called = got != outcome::bad_alloc;
      RC_ASSERT(s.init_calls.size() == (called ? 1u : 0u));
    }
    verify(s1, s);
  }

  void show(std::ostream& os) const override {
    static constexpr const char* names[] = {"alloc_single", "try_alloc_single", "alloc_value",
                                            "emplace"};
    os << names[static_cast<int>(how)] << "(" << fail << ") -> slot " << slot;
  }

 private:
  outcome make(sut<Cfg>& s, std::uint64_t id) const {
    auto& a = *s.alloc;
    switch (how) {
      case way::single: {
        auto init = [&]() -> Counted {
          s.init_calls.push_back(0);
          if (fail == failure::throw_at) throw injected_failure{};
          return Counted{id};
        };
        s.put(slot, a.alloc_single(init));
        return outcome::ok;
      }
      case way::try_single: {
        auto init = [&]() -> std::optional<Counted> {
          s.init_calls.push_back(0);
          if (fail == failure::throw_at) throw injected_failure{};
          if (fail == failure::nullopt_at) return std::nullopt;
          return Counted{id};
        };
        auto result = a.try_alloc_single(init);
        if (!result) return outcome::nullopt;
        s.put(slot, *std::move(result));
        return outcome::ok;
      }
      case way::value:
        s.put(slot, a.alloc_value(Counted{id}));
        return outcome::ok;
      case way::emplace:
        s.put(slot, a.emplace(id));
        return outcome::ok;
    }
    return outcome::ok;
  }
};

}  // namespace props
