// The builder harness: SliceBuilder sessions, alloc_for_overwrite and comparison/hashing,
// interleaved with plain allocations and drops, on small chunks of a small index type (so that
// every placement path and the length limit are reached), against a model of std::vectors.
//
// Checked after every step: every live handle holds exactly its model's elements; the
// allocator's elements_allocated is the sum of every length placed; == and <=> of two handles,
// and their hashes, agree with their models'. Every failure the input provokes (a throwing
// element, a failing upstream, a writer that throws or reports a bad count, a length past the
// index type) must raise its documented exception and change nothing. At the end every chunk
// is back upstream.
//
// Input: a configuration byte (its top bit: local_refcount instead of atomic_refcount; the
// chunk capacity 1..32 from the rest, modulo 32), then steps until the input ends; each step is
// an operation byte and its arguments.
#include <arena_arc/arena_arc.hpp>

#include <arena_arc_testing/counting_resource.hpp>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

#include "../common/byte_reader.hpp"
#include "../common/fuzz_check.hpp"

namespace {

using arena_arc_fuzz::byte_reader;

// A trivially copyable element whose constructor from a value throws for `poison`: usable by
// alloc_for_overwrite and able to fail inside a builder.
struct element {
  static constexpr std::uint16_t poison = 0xBAD;
  std::uint16_t v;
  element() = default;
  explicit element(std::uint16_t x) : v(x) {
    if (x == poison) throw std::runtime_error("poison element");
  }
  friend bool operator==(element a, element b) { return a.v == b.v; }
  friend std::strong_ordering operator<=>(element a, element b) { return a.v <=> b.v; }
};

}  // namespace

template <>
struct std::hash<element> {
  std::size_t operator()(element e) const noexcept { return std::hash<std::uint16_t>{}(e.v); }
};

namespace {

using index_t = std::uint8_t;  // slices of at most 255 elements
using model_t = std::vector<element>;

constexpr std::size_t max_handles = 16;
constexpr std::size_t max_steps = 200;

// Both policies: with local_refcount every release is a plain decrement of the chunk's count,
// so a reference the allocator loses shows at once (a chunk freed under a live handle); with
// atomic_refcount the owner ledger's refunds are in the way.
template <class RC>
class harness {
  using allocator_t = arena_arc::Allocator<element, index_t, 32, RC>;
  using slice_t = arena_arc::ArcSlice<element, index_t, RC>;

  struct live_slice {
    slice_t handle;
    model_t model;
  };

 public:
  explicit harness(byte_reader& in)
      : in_(in), alloc_(std::make_unique<allocator_t>(1 + in.below(32), &upstream_)) {}

  void run() {
    for (std::size_t step = 0; step < max_steps && !in_.empty(); ++step) {
      switch (in_.below(6)) {
        case 0:
          build();
          break;
        case 1:
          overwrite();
          break;
        case 2:
          alloc_copy();
          break;
        case 3:
          drop();
          break;
        case 4:
          compare();
          break;
        default:
          alloc_->set_recycle_limit(in_.below(4));
          break;
      }
      verify();
    }
    live_.clear();
    alloc_.reset();
    FUZZ_CHECK(upstream_.live_blocks() == 0);
    FUZZ_CHECK(upstream_.balanced());
  }

 private:
  element value() { return element(static_cast<std::uint16_t>(in_.below(8))); }

  void keep(slice_t s, model_t m) {
    FUZZ_CHECK(s.size() == m.size());
    placed_ += m.size();
    if (live_.size() == max_handles)
      live_.erase(live_.begin() + static_cast<std::ptrdiff_t>(in_.below(max_handles)));
    live_.push_back({std::move(s), std::move(m)});
  }

  // A builder session: appends, failures, then finish or abandon.
  void build() {
    model_t model;
    auto b = alloc_->builder();
    const std::size_t ops = in_.below(12);
    for (std::size_t i = 0; i < ops; ++i) {
      const std::size_t before = b.size();
      switch (in_.below(5)) {
        case 0:  // an element whose constructor throws
          try {
            b.emplace_back(element::poison);
            FUZZ_CHECK(false);
          } catch (const std::runtime_error&) {
          }
          break;
        case 1: {  // a range with a poisoned element somewhere: nothing of it stays
          std::vector<std::uint16_t> raw(1 + in_.below(40), 1);
          raw[in_.below(raw.size())] = element::poison;
          try {
            b.append(raw);
            FUZZ_CHECK(false);
          } catch (const std::runtime_error&) {
          } catch (const std::length_error&) {  // refused before any element is made
            FUZZ_CHECK(before + raw.size() > 255);
          }
          break;
        }
        case 2: {  // the next upstream request fails (if the builder needs one)
          upstream_.fail_in(0);
          const element e = value();
          try {
            b.push_back(e);
            model.push_back(e);
          } catch (const std::bad_alloc&) {
          } catch (const std::length_error&) {
          }
          upstream_.allow_all();
          break;
        }
        case 3: {  // a run of elements, sized
          std::vector<element> run(in_.below(64));
          for (element& e : run) e = value();
          try {
            b.append(run);
            model.insert(model.end(), run.begin(), run.end());
          } catch (const std::length_error&) {
            FUZZ_CHECK(before + run.size() > 255);
          }
          break;
        }
        default: {
          const element e = value();
          try {
            b.push_back(e);
            model.push_back(e);
          } catch (const std::length_error&) {
            FUZZ_CHECK(before == 255);
          }
          break;
        }
      }
      FUZZ_CHECK(b.size() == model.size());
    }
    if (in_.below(4) == 0) return;  // abandoned: nothing placed
    slice_t s = std::move(b).finish();
    FUZZ_CHECK(s == model);
    keep(std::move(s), std::move(model));
  }

  void overwrite() {
    const std::size_t max_len = in_.below(300);        // past 255: refused
    const std::size_t count = in_.below(max_len + 2);  // max_len + 1: refused
    const std::size_t mode = in_.below(8);             // 0: the writer throws
    const std::uint16_t base = static_cast<std::uint16_t>(in_.below(8));
    const auto stats = alloc_->stats();
    bool called = false;
    try {
      slice_t s = alloc_->alloc_for_overwrite(max_len, [&](std::span<element> room) {
        called = true;
        FUZZ_CHECK(room.size() == max_len);
        const std::size_t n = count < room.size() ? count : room.size();
        for (std::size_t i = 0; i < n; ++i) room[i].v = static_cast<std::uint16_t>(base + i % 3);
        if (mode == 0) throw std::runtime_error("writer");
        return count;
      });
      if (max_len == 0) {  // the writer is not called: the empty slice
        FUZZ_CHECK(!called && s.empty() && s.data() == nullptr);
        return;
      }
      FUZZ_CHECK(max_len <= 255 && count <= max_len && mode != 0);
      model_t m(count);
      for (std::size_t i = 0; i < count; ++i) m[i].v = static_cast<std::uint16_t>(base + i % 3);
      FUZZ_CHECK(s == m);
      keep(std::move(s), std::move(m));
      return;
    } catch (const std::length_error&) {
      FUZZ_CHECK(max_len > 255 || count > max_len);
      FUZZ_CHECK(called == (max_len <= 255));
    } catch (const std::runtime_error&) {
      FUZZ_CHECK(mode == 0 && called);
    }
    const auto after = alloc_->stats();
    FUZZ_CHECK(after.elements_allocated == stats.elements_allocated);
    FUZZ_CHECK(after.chunks_allocated == stats.chunks_allocated);
  }

  void alloc_copy() {
    model_t m(in_.below(48));
    for (element& e : m) e = value();
    keep(alloc_->alloc_copy(m), m);
  }

  void drop() {
    if (live_.empty()) return;
    live_.erase(live_.begin() + static_cast<std::ptrdiff_t>(in_.below(live_.size())));
  }

  void compare() {
    if (live_.empty()) return;
    const live_slice& a = live_[in_.below(live_.size())];
    const live_slice& b = live_[in_.below(live_.size())];
    FUZZ_CHECK((a.handle == b.handle) == (a.model == b.model));
    FUZZ_CHECK((a.handle <=> b.handle) == (a.model <=> b.model));
    FUZZ_CHECK((a.handle == b.model) == (a.model == b.model));
    FUZZ_CHECK(arena_arc::slice_hash{}(a.handle) == arena_arc::slice_hash{}(a.model));
    FUZZ_CHECK(std::hash<slice_t>{}(a.handle) == arena_arc::slice_hash{}(a.model));
    FUZZ_CHECK(arena_arc::slice_equal{}(a.handle, b.model) == (a.model == b.model));
  }

  void verify() {
    for (const live_slice& s : live_) {
      FUZZ_CHECK(s.handle.size() == s.model.size());
      FUZZ_CHECK(std::equal(s.handle.begin(), s.handle.end(), s.model.begin()));
    }
    FUZZ_CHECK(alloc_->stats().elements_allocated == placed_);
  }

  byte_reader& in_;
  arena_arc_testing::counting_resource upstream_;
  std::unique_ptr<allocator_t> alloc_;
  std::vector<live_slice> live_;
  std::size_t placed_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  byte_reader in(data, size);
  // The configuration byte's top bit: the refcount policy; the rest: the chunk capacity.
  if (size > 0 && (data[0] & 0x80U) != 0) {
    harness<arena_arc::local_refcount>(in).run();
  } else {
    harness<arena_arc::atomic_refcount>(in).run();
  }
  return 0;
}
