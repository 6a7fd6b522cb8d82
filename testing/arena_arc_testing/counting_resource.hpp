// Test support: the one upstream std::pmr::memory_resource of the test suites. It keeps a
// ledger of every block it hands out (in order of allocation), checks that each block comes
// back once with the size and alignment it was allocated with and that nothing was written past
// its end, counts requests, allocations, deallocations and live bytes, and fails on demand: the
// n-th request from now, every request, or any request above a byte limit. Every member is
// thread-safe (chunks may be given back on any thread).
#ifndef ARENA_ARC_TESTING_COUNTING_RESOURCE_HPP
#define ARENA_ARC_TESTING_COUNTING_RESOURCE_HPP

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <memory_resource>
#include <mutex>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace arena_arc_testing {

/// One block handed out. `serial` is its index in counting_resource::blocks().
struct block {
  const void* address;
  std::size_t bytes;
  std::size_t alignment;
  std::size_t serial;
  bool live;
};

/// Where an address lies: inside which live block and at which byte offset from its start.
struct block_location {
  const void* base;
  std::size_t serial;
  std::size_t offset;
};

class counting_resource final : public std::pmr::memory_resource {
 public:
  /// Bytes after every block that must keep their pattern until it is freed: a write past the
  /// end of a block shows up as an error even in a build without AddressSanitizer.
  static constexpr std::size_t guard_bytes = 16;
  static constexpr unsigned char guard_pattern = 0xA5;
  static constexpr std::size_t no_limit = std::numeric_limits<std::size_t>::max();

  /// Requests for more than `byte_limit` bytes throw std::bad_alloc (not counted as injected).
  explicit counting_resource(std::size_t byte_limit = no_limit) noexcept : limit_(byte_limit) {}
  counting_resource(const counting_resource&) = delete;
  counting_resource& operator=(const counting_resource&) = delete;

  /// Frees whatever is still live so that a failing test does not also leak under LSan; the
  /// leak itself is reported by balanced() / live_blocks() before.
  ~counting_resource() override {
    for (const auto& [p, serial] : live_) free_block(const_cast<void*>(p), blocks_[serial]);
  }

  // --- Failure injection: the one API -------------------------------------------------------
  /// The request `n` requests from now (0: the very next one) throws std::bad_alloc. One-shot:
  /// later requests succeed again. Replaces a pending one-shot failure.
  void fail_in(std::size_t n) {
    const std::lock_guard lock(mutex_);
    fail_at_ = requests_ + n;
  }
  /// Every request throws std::bad_alloc until allow_all().
  void fail_all() {
    const std::lock_guard lock(mutex_);
    fail_every_ = true;
  }
  /// Cancels fail_all() and a pending fail_in().
  void allow_all() {
    const std::lock_guard lock(mutex_);
    fail_every_ = false;
    fail_at_.reset();
  }
  /// A fail_in() failure is pending.
  [[nodiscard]] bool failure_pending() const {
    const std::lock_guard lock(mutex_);
    return fail_at_.has_value();
  }
  [[nodiscard]] std::size_t byte_limit() const noexcept { return limit_; }

  // --- Counters -------------------------------------------------------------------------------
  /// allocate calls so far, including those that failed.
  [[nodiscard]] std::size_t allocate_calls() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }
  /// Successful allocations.
  [[nodiscard]] std::size_t allocations() const {
    const std::lock_guard lock(mutex_);
    return blocks_.size();
  }
  /// Requests that failed because fail_in() or fail_all() said so.
  [[nodiscard]] std::size_t injected_failures() const {
    const std::lock_guard lock(mutex_);
    return injected_;
  }
  /// deallocate calls so far, including misuses.
  [[nodiscard]] std::size_t deallocations() const {
    const std::lock_guard lock(mutex_);
    return deallocations_;
  }
  [[nodiscard]] std::size_t live_blocks() const {
    const std::lock_guard lock(mutex_);
    return live_.size();
  }
  [[nodiscard]] std::size_t live_bytes() const {
    const std::lock_guard lock(mutex_);
    return live_bytes_;
  }
  /// Sizes in bytes of the live blocks, in order of allocation.
  [[nodiscard]] std::vector<std::size_t> live_sizes() const {
    const std::lock_guard lock(mutex_);
    std::vector<std::size_t> sizes;
    for (const block& b : blocks_) {
      if (b.live) sizes.push_back(b.bytes);
    }
    return sizes;
  }
  /// Size in bytes of the last block handed out (0 before the first).
  [[nodiscard]] std::size_t last_bytes() const {
    const std::lock_guard lock(mutex_);
    return blocks_.empty() ? 0 : blocks_.back().bytes;
  }
  /// Every successful allocation, in order (a copy: other threads may allocate meanwhile).
  [[nodiscard]] std::vector<block> blocks() const {
    const std::lock_guard lock(mutex_);
    return blocks_;
  }

  // --- Misuse ---------------------------------------------------------------------------------
  /// Misuse seen so far: double or unknown frees, size or alignment mismatches, bad requests,
  /// misaligned blocks, overwritten guards. Each entry is one human-readable line.
  [[nodiscard]] std::vector<std::string> errors() const {
    const std::lock_guard lock(mutex_);
    return errors_;
  }
  /// Everything handed out came back, exactly as it was handed out.
  [[nodiscard]] bool balanced() const {
    const std::lock_guard lock(mutex_);
    return live_.empty() && errors_.empty();
  }
  /// A one-paragraph description for assertion messages.
  [[nodiscard]] std::string report() const {
    const std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << live_.size() << " live block(s), " << live_bytes_ << " byte(s)";
    for (const auto& [p, serial] : live_) {
      const block& b = blocks_[serial];
      out << "\n  live: block #" << b.serial << " of " << b.bytes << " bytes, align "
          << b.alignment;
    }
    for (const auto& e : errors_) out << "\n  error: " << e;
    return out.str();
  }

  // --- Addresses ------------------------------------------------------------------------------
  /// The live block containing `p`, if any (the guard bytes are not part of a block).
  [[nodiscard]] std::optional<block_location> locate(const void* p) const {
    const std::lock_guard lock(mutex_);
    auto it = live_.upper_bound(p);
    if (it == live_.begin()) return std::nullopt;
    --it;
    const block& b = blocks_[it->second];
    const auto* addr = static_cast<const unsigned char*>(p);
    // Pointer arithmetic within the block, which this resource allocated with b.bytes bytes.
    const auto* base = static_cast<const unsigned char*>(b.address);
    // std::less keeps the ordering of pointers into different blocks well defined.
    if (addr == base || std::less<const unsigned char*>{}(addr, base + b.bytes)) {
      return block_location{b.address, b.serial, static_cast<std::size_t>(addr - base)};
    }
    return std::nullopt;
  }
  /// The serial (index in blocks()) of the live block that contains `p`, if any.
  [[nodiscard]] std::optional<std::size_t> block_index_of(const void* p) const {
    const auto at = locate(p);
    if (!at) return std::nullopt;
    return at->serial;
  }
  /// Byte offset of `p` from the start of its live block; -1 outside every live block.
  [[nodiscard]] std::ptrdiff_t offset_in_block(const void* p) const {
    const auto at = locate(p);
    return at ? static_cast<std::ptrdiff_t>(at->offset) : -1;
  }

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    const std::lock_guard lock(mutex_);
    const std::size_t request = requests_++;
    if (fail_every_ || fail_at_ == request) {
      if (fail_at_ == request) fail_at_.reset();
      ++injected_;
      fail();
    }
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
      errors_.push_back("allocate(" + std::to_string(bytes) + ", " + std::to_string(alignment) +
                        "): alignment is not a power of two");
      fail();
    }
    if (bytes > limit_ || bytes > no_limit - guard_bytes) fail();
    void* p = ::operator new (bytes + guard_bytes, std::align_val_t{alignment});
    // The guard lies inside the allocation of bytes + guard_bytes made just above.
    std::memset(static_cast<unsigned char*>(p) + bytes, guard_pattern, guard_bytes);
    // Only the address's value is inspected: a pointer-to-integer conversion for the check.
    if (reinterpret_cast<std::uintptr_t>(p) % alignment != 0) {
      errors_.emplace_back("operator new returned a misaligned block");
    }
    const std::size_t serial = blocks_.size();
    blocks_.push_back(block{p, bytes, alignment, serial, true});
    live_.emplace(p, serial);
    live_bytes_ += bytes;
    return p;
  }

  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    const std::lock_guard lock(mutex_);
    ++deallocations_;
    const auto it = live_.find(p);
    if (it == live_.end()) {
      // Double free or a pointer this resource never returned: leave the memory alone.
      errors_.push_back(
          "deallocate of a pointer that is not a live block (double or foreign free), " +
          std::to_string(bytes) + " bytes");
      return;
    }
    block& b = blocks_[it->second];
    if (b.bytes != bytes) {
      errors_.push_back("block #" + std::to_string(b.serial) + " allocated with " +
                        std::to_string(b.bytes) + " bytes, deallocated with " +
                        std::to_string(bytes));
    }
    if (b.alignment != alignment) {
      errors_.push_back("block #" + std::to_string(b.serial) + " allocated with alignment " +
                        std::to_string(b.alignment) + ", deallocated with " +
                        std::to_string(alignment));
    }
    // The guard follows the block's b.bytes bytes inside the same allocation.
    const auto* guard = static_cast<const unsigned char*>(p) + b.bytes;
    for (std::size_t i = 0; i < guard_bytes; ++i) {
      if (guard[i] != guard_pattern) {
        errors_.push_back("block #" + std::to_string(b.serial) +
                          ": bytes past its end were overwritten");
        break;
      }
    }
    b.live = false;
    live_bytes_ -= b.bytes;
    live_.erase(it);
    free_block(p, b);
  }

  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  static void free_block(void* p, const block& b) noexcept {
#if defined(__cpp_sized_deallocation)
    ::operator delete (p, b.bytes + guard_bytes, std::align_val_t{b.alignment});
#else
    ::operator delete (p, std::align_val_t{b.alignment});
#endif
  }

  [[noreturn]] static void fail() {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    throw std::bad_alloc();
#else
    // Built without exceptions, no test arms a failure (the library would stop the process).
    std::abort();
#endif
  }

  mutable std::mutex mutex_;
  std::vector<block> blocks_;                             // every successful allocation
  std::map<const void*, std::size_t, std::less<>> live_;  // live block -> its serial
  std::vector<std::string> errors_;
  std::optional<std::size_t> fail_at_;
  bool fail_every_ = false;
  std::size_t limit_;
  std::size_t requests_ = 0;
  std::size_t injected_ = 0;
  std::size_t deallocations_ = 0;
  std::size_t live_bytes_ = 0;
};

/// Where each pointer lies, in a form comparable between two resources fed the same requests:
/// for pointer j, the index of the first pointer (0..j) in the same live block of `resource`,
/// and its byte offset in that block. Pointers outside every live block get {npos, -1}.
struct location {
  std::size_t shares_block_with;
  std::ptrdiff_t offset;
  friend bool operator==(const location&, const location&) = default;
};

[[nodiscard]] inline std::vector<location> locations(const counting_resource& resource,
                                                     const std::vector<const void*>& pointers) {
  constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<location> result;
  std::vector<std::optional<std::size_t>> blocks;
  for (const void* p : pointers) blocks.push_back(resource.block_index_of(p));
  for (std::size_t j = 0; j < pointers.size(); ++j) {
    if (!blocks[j]) {
      result.push_back({npos, -1});
      continue;
    }
    std::size_t first = j;
    for (std::size_t k = 0; k < j; ++k) {
      if (blocks[k] == blocks[j]) {
        first = k;
        break;
      }
    }
    result.push_back({first, resource.offset_in_block(pointers[j])});
  }
  return result;
}

}  // namespace arena_arc_testing

#endif  // ARENA_ARC_TESTING_COUNTING_RESOURCE_HPP
