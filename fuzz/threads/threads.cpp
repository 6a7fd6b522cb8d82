// The threads harness: a decoded schedule of handle copies, reads, releases and hand-offs
// across 2 or 3 threads (atomic_refcount), with one thread owning the allocator, allocating
// while the others release, and destroying it mid-schedule while handles are still out.
//
// Elements are immovable and count their constructions and destructions; every read checks
// that the element is alive and holds the value its slice was built with. After the threads
// join: every element was destroyed exactly once (a second destruction trips the element's
// magic word, a missed one leaves the counts unequal) and every block is back upstream. Built
// with ASan+UBSan and, as a second target, with TSan, which checks that each destruction
// happens after every read of the chunk on every thread (the release/acquire protocol of
// counter.hpp and the recycler's stack in recycler.hpp).
//
// Input: byte 0 picks the index type (bit 0: uint8_t or uint32_t) and the number of threads
// (bit 1: 2 or 3); byte 1 the chunk capacity; then, per thread, a count and that many
// (operation, a, b) triples; then the lengths of the slices each thread starts with.
#include <arena_arc/arena_arc.hpp>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <latch>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <arena_arc_testing/counting_resource.hpp>

#include "../common/byte_reader.hpp"
#include "../common/fuzz_check.hpp"

namespace {

using arena_arc_fuzz::byte_reader;
using arena_arc_testing::counting_resource;

std::atomic<std::int64_t> constructed{0};
std::atomic<std::int64_t> destroyed{0};

/// Immovable, so it can only be built in place (alloc's prvalue init).
class element {
 public:
  explicit element(std::uint64_t v) noexcept : value_(v) {
    constructed.fetch_add(1, std::memory_order_relaxed);
  }
  element(const element&) = delete;
  element& operator=(const element&) = delete;
  ~element() {
    FUZZ_CHECK(magic_ == alive_magic);  // exactly once, and after every read (TSan)
    magic_ = dead_magic;
    destroyed.fetch_add(1, std::memory_order_relaxed);
  }
  [[nodiscard]] std::uint64_t read() const {
    FUZZ_CHECK(magic_ == alive_magic);
    return value_;
  }

 private:
  static constexpr std::uint32_t alive_magic = 0x7EAD5AFEu;
  static constexpr std::uint32_t dead_magic = 0xDEADDEADu;
  std::uint64_t value_;
  std::uint32_t magic_ = alive_magic;
};

// Element i of slice `id` holds this value; a handle knows which part of which slice it views.
constexpr std::uint64_t value_of(std::uint32_t id, std::size_t i) {
  return (std::uint64_t{id} << 32) | i;
}

enum class op : std::uint8_t {
  copy,
  drop,
  read,
  send,
  receive,
  part,
  via_single,
  yield,
  alloc,              // thread 0 only (the allocator's thread); others read instead
  destroy_allocator,  // thread 0 only; others drop instead
  send_copy,
  count,
};

struct step {
  op code;
  std::uint8_t a;
  std::uint8_t b;
};

constexpr std::size_t slots = 4;
constexpr std::size_t max_threads = 3;
constexpr std::size_t max_steps = 48;

template <arena_arc::index_type L>
class schedule {
  using alloc_t = arena_arc::Allocator<element, L, 16, arena_arc::atomic_refcount>;
  using slice_t = arena_arc::ArcSlice<element, L, arena_arc::atomic_refcount>;
  using single_t = arena_arc::ArcSingle<element, L, arena_arc::atomic_refcount>;

  struct held {
    slice_t h;
    std::uint32_t id = 0;
    std::size_t start = 0;  // index in slice `id` of h[0]
  };

  struct mailbox {
    std::mutex mutex;
    std::vector<held> items;
  };

 public:
  explicit schedule(byte_reader& in, std::size_t threads) : threads_(threads) {
    const std::size_t capacity = 1 + in.u8() % 64;
    for (std::size_t t = 0; t < threads_; ++t) {
      const std::size_t n = in.u8() % (max_steps + 1);
      for (std::size_t i = 0; i < n; ++i) {
        const auto code = static_cast<op>(in.u8() % static_cast<unsigned>(op::count));
        steps_[t].push_back(step{code, in.u8(), in.u8()});
      }
    }
    alloc_.emplace(capacity, &upstream_);
    for (std::size_t t = 0; t < threads_; ++t) {
      for (std::size_t s = 0; s < 2; ++s) initial_[t][s] = make_slice(1 + in.u8() % 24);
    }
  }

  void run() {
    std::latch start(static_cast<std::ptrdiff_t>(threads_));
    std::vector<std::thread> workers;
    for (std::size_t t = 0; t < threads_; ++t) {
      workers.emplace_back([this, t, &start] {
        std::array<std::optional<held>, slots> mine = std::move(initial_[t]);
        start.arrive_and_wait();
        for (const step& s : steps_[t]) perform(t, mine, s);
        if (t == 0) alloc_.reset();  // if still alive: the owner goes before the handles
      });
    }
    for (std::thread& w : workers) w.join();
    for (mailbox& m : mailboxes_) m.items.clear();
    FUZZ_CHECK(!alloc_.has_value());
    FUZZ_CHECK(constructed.load() == destroyed.load());
    FUZZ_CHECK(upstream_.balanced());
  }

 private:
  held make_slice(std::size_t n) {
    const std::uint32_t id = next_id_++;
    slice_t h = alloc_->alloc(n, [id](std::size_t i) { return element(value_of(id, i)); });
    FUZZ_CHECK(h.size() == n);
    return held{std::move(h), id, 0};
  }

  static void verify(const held& x) {
    for (std::size_t i = 0; i < x.h.size(); ++i) {
      FUZZ_CHECK(x.h[i].read() == value_of(x.id, x.start + i));
    }
  }

  void perform(std::size_t t, std::array<std::optional<held>, slots>& mine, const step& s) {
    std::optional<held>& a = mine[s.a % slots];
    std::optional<held>& b = mine[s.b % slots];
    op code = s.code;
    if (t != 0 && code == op::alloc) code = op::read;
    if (t != 0 && code == op::destroy_allocator) code = op::drop;
    switch (code) {
      case op::copy:
        if (a) b = *a;
        break;
      case op::drop:
        a.reset();
        break;
      case op::read:
        if (a) verify(*a);
        break;
      case op::send:
        if (a) post(s.b, std::move(*a));
        a.reset();
        break;
      case op::send_copy:
        if (a) post(s.b, held(*a));
        break;
      case op::receive: {
        mailbox& m = mailboxes_[t];
        const std::lock_guard lock(m.mutex);
        if (!m.items.empty()) {
          a = std::move(m.items.back());
          m.items.pop_back();
        }
        break;
      }
      case op::part:
        if (a && !a->h.empty()) {
          const std::size_t n = a->h.size();
          const std::size_t offset = s.b % n;
          b = held{a->h.subslice(offset, n - offset), a->id, a->start + offset};
        }
        break;
      case op::via_single:
        if (a && !a->h.empty()) {
          const single_t one = single_t::from_slice(a->h.last(1));
          FUZZ_CHECK(one->read() == value_of(a->id, a->start + a->h.size() - 1));
          b = held{one.to_slice(), a->id, a->start + a->h.size() - 1};
        }
        break;
      case op::yield:
        std::this_thread::yield();
        break;
      case op::alloc:
        if (alloc_) a = make_slice(1 + s.b % 24);
        break;
      case op::destroy_allocator:
        alloc_.reset();
        break;
      case op::count:
        break;
    }
  }

  void post(std::uint8_t to, held&& x) {
    mailbox& m = mailboxes_[to % threads_];
    const std::lock_guard lock(m.mutex);
    m.items.push_back(std::move(x));
  }

  counting_resource upstream_{std::size_t{1} << 20};  // first: outlives every chunk
  std::size_t threads_;
  std::optional<alloc_t> alloc_;  // used by the constructor, then by thread 0 only
  std::uint32_t next_id_ = 0;     // likewise
  std::array<std::vector<step>, max_threads> steps_;
  std::array<std::array<std::optional<held>, slots>, max_threads> initial_;
  std::array<mailbox, max_threads> mailboxes_;
};

}  // namespace

#if defined(__SANITIZE_THREAD__)
#define ARENA_ARC_FUZZ_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ARENA_ARC_FUZZ_TSAN 1
#endif
#endif
#if defined(ARENA_ARC_FUZZ_TSAN)
// A race is a crash: stop at the first report, so that libFuzzer records the input (TSan
// otherwise reports and carries on). TSAN_OPTIONS can still override it.
// NOLINTNEXTLINE(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): TSan's hook name
extern "C" const char* __tsan_default_options() { return "halt_on_error=1"; }
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  byte_reader in(data, size);
  const std::uint8_t config = in.u8();
  const std::size_t threads = (config & 2) != 0 ? 3 : 2;
  constructed.store(0);
  destroyed.store(0);
  if ((config & 1) != 0) {
    schedule<std::uint32_t>(in, threads).run();
  } else {
    schedule<std::uint8_t>(in, threads).run();
  }
  return 0;
}
