// Test support: the one counted element type of every suite.
//
// A `counted` element reports its life to a `counter_set` (the ledger): constructions and
// destructions (atomic counters, usable from any thread), destructions per id for dense ids,
// destructions of an element that was not alive, damaged reads, destructions on a thread other
// than the ledger's owner, and, when the ledger keeps a log, the ids in construction and
// destruction order. Each element carries an id (given, or the ledger's next serial), a value,
// and a seal over both that a destruction breaks, so a double destruction or a read of a dead
// or overwritten element is seen even without ASan. The ledger can arm one copy construction
// to throw `copy_failure`.
//
// The knobs, each orthogonal to the others:
//   - `copy_identity` / `move_identity`: a copy or move carries the source's id, takes the next
//     serial, or (moves only) hands the identity over, leaving an untracked "hollow" source;
//   - the ledger's home: `own_ledger` (each element points at the ledger it was made with) or
//     a type with a static `ledger()` (one ledger for the whole type, no pointer stored);
//   - `counter_set::options`: per-id destruction counts (id_capacity), the ordered logs
//     (keep_log), the first serial.
#ifndef ARENA_ARC_TESTING_COUNTED_HPP
#define ARENA_ARC_TESTING_COUNTED_HPP

#include <arena_arc/config.hpp>  // ARENA_ARC_ALLOW_UNSIGNED_WRAP

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace arena_arc_testing {

/// Thrown by the copy construction a ledger was armed to fail (see counter_set::arm_copy).
struct copy_failure {
  std::size_t copy_index;  // copies attempted since arming, counting from 0
};

/// Where counted elements report. Counters are atomic (relaxed: they order nothing, they are
/// read after the threads that update them have been joined); the logs take a mutex and are
/// meant for single-threaded tests, which is why they are opt-in.
class counter_set {
 public:
  struct options {
    std::size_t id_capacity = 0;     // ids below this get a destruction count each
    bool keep_log = false;           // record ids in construction and destruction order
    std::uint64_t first_serial = 0;  // the first id next_serial() hands out
  };

  counter_set() : counter_set(options{}) {}
  explicit counter_set(options o)
      : per_id_(o.id_capacity),
        keep_log_(o.keep_log),
        first_serial_(o.first_serial),
        next_serial_(o.first_serial) {}
  counter_set(const counter_set&) = delete;
  counter_set& operator=(const counter_set&) = delete;
  ~counter_set() = default;

  // --- Serials -------------------------------------------------------------------------
  /// The next serial; with id_capacity set, running past it aborts (the test sized it too small).
  std::uint64_t next_serial() noexcept {
    // relaxed: only uniqueness matters, which the atomic read-modify-write gives.
    const std::uint64_t id = next_serial_.fetch_add(1, std::memory_order_relaxed);
    if (!per_id_.empty() && id - first_serial_ >= per_id_.size()) std::abort();
    return id;
  }
  /// The serial next_serial() would hand out now.
  [[nodiscard]] std::uint64_t peek_serial() const noexcept {
    return next_serial_.load(std::memory_order_relaxed);  // relaxed: a plain read of a counter
  }
  /// Serials handed out so far.
  [[nodiscard]] std::uint64_t serials_issued() const noexcept {
    return peek_serial() - first_serial_;
  }

  // --- Copy failure injection ----------------------------------------------------------
  /// Copy number `index` from now (0-based) throws copy_failure once; nullopt disarms.
  void arm_copy(std::optional<std::size_t> index) noexcept {
    copies_.store(0, std::memory_order_relaxed);  // relaxed: armed from the test's own thread
    throw_at_copy_ = index;
  }
  /// Copies attempted since the last arm_copy (the throwing one included).
  [[nodiscard]] std::size_t copies() const noexcept {
    return copies_.load(std::memory_order_relaxed);  // relaxed: a plain read of a counter
  }

  // --- What elements report (any thread) -----------------------------------------------
  void on_copy_attempt() {
    // relaxed: the index only has to be unique.
    const std::size_t index = copies_.fetch_add(1, std::memory_order_relaxed);
    if (throw_at_copy_ == index) {
      throw_at_copy_.reset();
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
      throw copy_failure{index};
#else
      std::abort();  // never armed in a build without exceptions
#endif
    }
  }
  /// `logged`: the element has an identity worth logging (not a temporary).
  void on_construct(std::uint64_t id, bool logged) {
    constructions_.fetch_add(1, std::memory_order_relaxed);  // relaxed: a counter
    if (keep_log_ && logged) {
      const std::lock_guard<std::mutex> lock(log_mutex_);
      constructed_log_.push_back(id);
      ++live_ids_[id];
    }
  }
  void on_destroy(std::uint64_t id, bool logged, bool intact) {
    destructions_.fetch_add(1, std::memory_order_relaxed);  // relaxed: a counter
    if (!intact) bad_destroys_.fetch_add(1, std::memory_order_relaxed);
    if (std::this_thread::get_id() != owner_) {
      destroyed_elsewhere_.fetch_add(1, std::memory_order_relaxed);  // relaxed: a counter
    }
    if (!per_id_.empty()) {
      const std::uint64_t slot = id - first_serial_;
      if (slot < per_id_.size()) {
        per_id_[static_cast<std::size_t>(slot)].fetch_add(1, std::memory_order_relaxed);
      } else {
        bad_destroys_.fetch_add(1, std::memory_order_relaxed);  // an id no serial produced
      }
    }
    if (keep_log_ && logged) {
      const std::lock_guard<std::mutex> lock(log_mutex_);
      destroyed_log_.push_back(id);
      const auto it = live_ids_.find(id);
      if (it == live_ids_.end()) {
        ++unknown_destroys_;
      } else if (--it->second == 0) {
        live_ids_.erase(it);
      }
    }
  }
  /// A destruction of an untracked (hollow) object that was not intact.
  void on_bad_destroy() noexcept {
    bad_destroys_.fetch_add(1, std::memory_order_relaxed);  // relaxed: a counter
  }
  void on_bad_read() noexcept {
    bad_reads_.fetch_add(1, std::memory_order_relaxed);  // relaxed: a counter
  }

  // --- Counters --------------------------------------------------------------------------
  // relaxed loads below: read once the threads that count have been joined.
  [[nodiscard]] std::size_t constructions() const noexcept {
    return constructions_.load(std::memory_order_relaxed);
  }
  [[nodiscard]] std::size_t destructions() const noexcept {
    return destructions_.load(std::memory_order_relaxed);
  }
  /// Constructed minus destroyed (temporaries included, hollow moved-from objects not).
  [[nodiscard]] std::ptrdiff_t live() const noexcept {
    return static_cast<std::ptrdiff_t>(constructions()) -
           static_cast<std::ptrdiff_t>(destructions());
  }
  /// Destructions of an element that was not intact (destroyed before, or overwritten), plus
  /// destructions of an id outside the per-id range.
  [[nodiscard]] std::size_t bad_destroys() const noexcept {
    return bad_destroys_.load(std::memory_order_relaxed);
  }
  [[nodiscard]] std::size_t bad_reads() const noexcept {
    return bad_reads_.load(std::memory_order_relaxed);
  }
  /// Destructions that ran on a thread other than the one that made the ledger.
  [[nodiscard]] std::size_t destroyed_elsewhere() const noexcept {
    return destroyed_elsewhere_.load(std::memory_order_relaxed);
  }
  /// Ids among those issued (per-id range) destroyed at least `times` times.
  [[nodiscard]] std::size_t ids_destroyed_at_least(unsigned times) const noexcept {
    std::size_t n = 0;
    const std::uint64_t issued = serials_issued();
    for (std::size_t i = 0; i < per_id_.size() && i < issued; ++i) {
      if (per_id_[i].load(std::memory_order_relaxed) >= times) ++n;
    }
    return n;
  }

  // --- Logs (keep_log) -------------------------------------------------------------------
  /// Ids of logged elements in construction order (copies and moves included).
  [[nodiscard]] const std::vector<std::uint64_t>& constructed_log() const noexcept {
    return constructed_log_;
  }
  /// Ids of logged elements in destruction order.
  [[nodiscard]] const std::vector<std::uint64_t>& destroyed_log() const noexcept {
    return destroyed_log_;
  }
  /// id -> live logged elements carrying it.
  [[nodiscard]] const std::map<std::uint64_t, std::ptrdiff_t>& live_ids() const noexcept {
    return live_ids_;
  }
  /// Destructions of a logged id that had no live element.
  [[nodiscard]] std::size_t unknown_destroys() const noexcept { return unknown_destroys_; }
  /// Forgets the ordered logs, keeps everything else.
  void clear_log() {
    const std::lock_guard<std::mutex> lock(log_mutex_);
    constructed_log_.clear();
    destroyed_log_.clear();
  }
  /// Forgets everything: counters, logs, live ids, serials, the armed copy.
  void reset() {
    clear_log();
    live_ids_.clear();
    unknown_destroys_ = 0;
    // relaxed stores: a reset happens while no element reports.
    constructions_.store(0, std::memory_order_relaxed);
    destructions_.store(0, std::memory_order_relaxed);
    bad_destroys_.store(0, std::memory_order_relaxed);
    bad_reads_.store(0, std::memory_order_relaxed);
    destroyed_elsewhere_.store(0, std::memory_order_relaxed);
    next_serial_.store(first_serial_, std::memory_order_relaxed);
    for (auto& n : per_id_) n.store(0, std::memory_order_relaxed);
    arm_copy(std::nullopt);
  }

 private:
  std::vector<std::atomic<unsigned>> per_id_;
  bool keep_log_;
  std::uint64_t first_serial_;
  std::atomic<std::uint64_t> next_serial_;
  std::atomic<std::size_t> constructions_{0};
  std::atomic<std::size_t> destructions_{0};
  std::atomic<std::size_t> bad_destroys_{0};
  std::atomic<std::size_t> bad_reads_{0};
  std::atomic<std::size_t> destroyed_elsewhere_{0};
  std::atomic<std::size_t> copies_{0};
  std::optional<std::size_t> throw_at_copy_;
  std::thread::id owner_ = std::this_thread::get_id();
  std::mutex log_mutex_;
  std::vector<std::uint64_t> constructed_log_;
  std::vector<std::uint64_t> destroyed_log_;
  std::map<std::uint64_t, std::ptrdiff_t> live_ids_;
  std::size_t unknown_destroys_ = 0;
};

/// What a copy's id is.
enum class copy_identity {
  carry,  // the source's id (the copy is logged as one more construction of it)
  fresh,  // the ledger's next serial
};
/// What a move's id is.
enum class move_identity {
  carry,      // the source's id, both objects tracked
  fresh,      // the ledger's next serial, both objects tracked
  hand_over,  // the source's id; the source becomes hollow: valid, but no longer tracked
};

/// Each element points at the ledger it was constructed with.
struct own_ledger {};

/// Selects the constructor that gives the element the ledger's next serial as its id.
struct next_serial_t {};
inline constexpr next_serial_t next_serial{};
/// Selects the constructor of a temporary: counted as live, never logged, id 0.
struct temporary_t {};
inline constexpr temporary_t temporary{};

namespace detail {
template <class Home>
class ledger_ref {
 public:
  explicit ledger_ref(counter_set&) noexcept {}
  [[nodiscard]] static counter_set& get() noexcept { return Home::ledger(); }
};
template <>
class ledger_ref<own_ledger> {
 public:
  explicit ledger_ref(counter_set& set) noexcept : set_(&set) {}
  [[nodiscard]] counter_set& get() const noexcept { return *set_; }

 private:
  counter_set* set_;
};
}  // namespace detail

/// An element that reports its life to a counter_set. Not assignable (arena elements are
/// read-only). The destructor breaks the seal and overwrites the id with `dead_id`.
template <copy_identity Copy = copy_identity::carry, move_identity Move = move_identity::carry,
          class Home = own_ledger>
class counted {
 public:
  static constexpr std::uint64_t dead_id = 0xDEAD'DEAD'DEAD'DEADu;

  counted(counter_set& set, std::uint64_t id, std::uint64_t value = 0)
      : ledger_(set), id_(id), value_(value), seal_(seal_of(id, value)) {
    ledger_.get().on_construct(id_, true);
  }
  counted(counter_set& set, next_serial_t, std::uint64_t value = 0)
      : counted(set, set.next_serial(), value) {}
  counted(counter_set& set, temporary_t, std::uint64_t value = 0)
      : ledger_(set), id_(0), value_(value), seal_(seal_of(0, value)), kind_(kind::temp) {
    ledger_.get().on_construct(id_, false);
  }

  counted(const counted& other)
      : ledger_(other.ledger_), id_(other.id_), value_(other.value_), kind_(other.kind_) {
    ledger_.get().on_copy_attempt();
    if (kind_ == kind::hollow) {
      seal_ = seal_of(id_, value_);
      return;  // a copy of a hollow object carries no identity either
    }
    kind_ = kind::element;  // a copy of a temporary is an element of its own
    if constexpr (Copy == copy_identity::fresh) id_ = ledger_.get().next_serial();
    seal_ = seal_of(id_, value_);
    ledger_.get().on_construct(id_, true);
  }
  counted(counted&& other) noexcept
      : ledger_(other.ledger_), id_(other.id_), value_(other.value_), kind_(other.kind_) {
    if constexpr (Move == move_identity::hand_over) {
      other.kind_ = kind::hollow;  // the identity is ours now; nothing to report
    } else {
      if (kind_ == kind::hollow) {
        seal_ = seal_of(id_, value_);
        return;
      }
      kind_ = kind::element;
      if constexpr (Move == move_identity::fresh) id_ = ledger_.get().next_serial();
      ledger_.get().on_construct(id_, true);
    }
    seal_ = seal_of(id_, value_);
  }
  counted& operator=(const counted&) = delete;
  counted& operator=(counted&&) = delete;

  ~counted() {
    // Volatile accesses: the seal must be read and broken even though the lifetime ends here
    // (-flifetime-dse would otherwise drop the stores).
    auto* seal = static_cast<volatile std::uint32_t*>(&seal_);
    const bool was_intact = *seal == seal_of(id_, value_);
    *seal = broken_seal;
    if (kind_ != kind::hollow) {
      ledger_.get().on_destroy(id_, kind_ == kind::element, was_intact);
    } else if (!was_intact) {
      ledger_.get().on_bad_destroy();
    }
    *static_cast<volatile std::uint64_t*>(&id_) = dead_id;
  }

  [[nodiscard]] std::uint64_t id() const noexcept { return id_; }
  [[nodiscard]] std::uint64_t value() const noexcept { return value_; }
  /// Alive and not overwritten since construction.
  [[nodiscard]] bool intact() const noexcept { return seal_ == seal_of(id_, value_); }
  /// intact(), reporting a bad read to the ledger when it is not.
  bool check_read() const noexcept {
    if (intact()) return true;
    ledger_.get().on_bad_read();
    return false;
  }
  [[nodiscard]] bool hollow() const noexcept { return kind_ == kind::hollow; }
  [[nodiscard]] bool is_temporary() const noexcept { return kind_ == kind::temp; }
  [[nodiscard]] counter_set& ledger() const noexcept { return ledger_.get(); }

 private:
  enum class kind : std::uint8_t { element, temp, hollow };
  static constexpr std::uint32_t broken_seal = 0xDEAD'BEEFu;

  // A hash: wraps around by design (exempt from clang's unsigned-overflow checks).
  ARENA_ARC_ALLOW_UNSIGNED_WRAP static constexpr std::uint32_t seal_of(
      std::uint64_t id, std::uint64_t value) noexcept {
    const std::uint64_t mixed = (id * 0x9E3779B97F4A7C15u) ^ (value + 0xA5A5A5A5u);
    const auto s = static_cast<std::uint32_t>(mixed ^ (mixed >> 32));
    return s == broken_seal ? s + 1 : s;  // never equal to the broken seal
  }

  [[no_unique_address]] detail::ledger_ref<Home> ledger_;
  std::uint64_t id_;
  std::uint64_t value_;
  std::uint32_t seal_ = 0;  // 32 bits keep an element of id and value at 24 bytes
  kind kind_ = kind::element;
};

}  // namespace arena_arc_testing

#endif  // ARENA_ARC_TESTING_COUNTED_HPP
