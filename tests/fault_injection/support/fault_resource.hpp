// A std::pmr::memory_resource for fault injection: it fails (std::bad_alloc) the k-th allocation
// asked of it and keeps a ledger of every live block, so that a test can tell whether anything
// leaked, was freed twice, freed with another size or alignment than it was allocated with, or
// written past its end.
#ifndef ARENA_ARC_TESTS_FAULT_INJECTION_FAULT_RESOURCE_HPP
#define ARENA_ARC_TESTS_FAULT_INJECTION_FAULT_RESOURCE_HPP

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory_resource>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace fault_injection {

/// Where an address lies: inside which live block (numbered in order of allocation) and at
/// which byte offset from its start.
struct block_location {
  const void* base;
  std::size_t serial;
  std::size_t offset;
};

class fault_resource final : public std::pmr::memory_resource {
 public:
  /// Bytes after every block that must keep their pattern until it is freed: a write past the
  /// end of a block shows up as an error even in a build without AddressSanitizer.
  static constexpr std::size_t guard_bytes = 16;
  static constexpr unsigned char guard_pattern = 0xA5;

  fault_resource() = default;
  fault_resource(const fault_resource&) = delete;
  fault_resource& operator=(const fault_resource&) = delete;

  /// Frees whatever is still live so that a failing test does not also leak under LSan; the
  /// leak itself has been reported by balanced() / the ledger before.
  ~fault_resource() override {
    for (const auto& [p, b] : live_) {
      free_block(const_cast<void*>(p), b);
    }
  }

  /// The allocation with this index (0-based, counted over every allocate call since
  /// construction) throws std::bad_alloc; nothing: none does.
  void fail_at(std::optional<std::size_t> index) noexcept { fail_at_ = index; }

  /// allocate calls made so far, including the one that failed.
  [[nodiscard]] std::size_t allocate_calls() const noexcept { return calls_; }
  /// allocate calls that were made to fail.
  [[nodiscard]] std::size_t failures_injected() const noexcept { return injected_; }
  [[nodiscard]] std::size_t live_blocks() const noexcept { return live_.size(); }
  [[nodiscard]] std::size_t live_bytes() const noexcept {
    std::size_t sum = 0;
    for (const auto& [p, b] : live_) sum += b.bytes;
    return sum;
  }
  /// Misuse seen so far: double or unknown frees, size or alignment mismatches, bad requests,
  /// overwritten guards. Each entry is one human-readable line.
  [[nodiscard]] const std::vector<std::string>& errors() const noexcept { return errors_; }

  /// No live block and no misuse.
  [[nodiscard]] bool balanced() const noexcept { return live_.empty() && errors_.empty(); }

  /// A one-paragraph description for assertion messages.
  [[nodiscard]] std::string report() const {
    std::ostringstream out;
    out << live_.size() << " live block(s), " << live_bytes() << " byte(s)";
    for (const auto& [p, b] : live_) {
      out << "\n  live: block #" << b.serial << " of " << b.bytes << " bytes, align " << b.align;
    }
    for (const auto& e : errors_) out << "\n  error: " << e;
    return out.str();
  }

  /// The live block containing `p`, if any.
  [[nodiscard]] std::optional<block_location> locate(const void* p) const {
    const auto* addr = static_cast<const unsigned char*>(p);
    auto it = live_.upper_bound(p);
    if (it == live_.begin()) return std::nullopt;
    --it;
    const auto* base = static_cast<const unsigned char*>(it->first);
    // Comparing through std::less keeps the ordering of unrelated pointers well defined.
    if (std::less<const unsigned char*>{}(addr, base + it->second.bytes) || addr == base) {
      return block_location{it->first, it->second.serial, static_cast<std::size_t>(addr - base)};
    }
    return std::nullopt;
  }

 private:
  struct block {
    std::size_t bytes;
    std::size_t align;
    std::size_t serial;
  };

  void* do_allocate(std::size_t bytes, std::size_t align) override {
    const std::size_t index = calls_++;
    if (fail_at_ == index) {
      ++injected_;
      fail();
    }
    if (align == 0 || (align & (align - 1)) != 0) {
      record("allocate(" + std::to_string(bytes) + ", " + std::to_string(align) +
             "): alignment is not a power of two");
      fail();
    }
    void* p = ::operator new(bytes + guard_bytes, std::align_val_t{align});
    std::memset(static_cast<unsigned char*>(p) + bytes, guard_pattern, guard_bytes);
    live_.emplace(p, block{bytes, align, serial_++});
    return p;
  }

  void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
    const auto it = live_.find(p);
    if (it == live_.end()) {
      // Double free or a pointer this resource never returned: leave the memory alone.
      record("deallocate of a pointer that is not a live block (double or foreign free), " +
             std::to_string(bytes) + " bytes");
      return;
    }
    const block b = it->second;
    if (b.bytes != bytes) {
      record("block #" + std::to_string(b.serial) + " allocated with " + std::to_string(b.bytes) +
             " bytes, deallocated with " + std::to_string(bytes));
    }
    if (b.align != align) {
      record("block #" + std::to_string(b.serial) + " allocated with alignment " +
             std::to_string(b.align) + ", deallocated with " + std::to_string(align));
    }
    const auto* guard = static_cast<const unsigned char*>(p) + b.bytes;
    for (std::size_t i = 0; i < guard_bytes; ++i) {
      if (guard[i] != guard_pattern) {
        record("block #" + std::to_string(b.serial) + ": bytes past its end were overwritten");
        break;
      }
    }
    live_.erase(it);
    free_block(p, b);
  }

  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  static void free_block(void* p, const block& b) noexcept {
#if defined(__cpp_sized_deallocation)
    ::operator delete(p, b.bytes + guard_bytes, std::align_val_t{b.align});
#else
    ::operator delete(p, std::align_val_t{b.align});
#endif
  }

  void record(std::string message) { errors_.push_back(std::move(message)); }

  [[noreturn]] static void fail() {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    throw std::bad_alloc();
#else
    // Built without exceptions, no test arms a failure (the library would stop the process).
    std::abort();
#endif
  }

  std::map<const void*, block, std::less<>> live_;
  std::vector<std::string> errors_;
  std::optional<std::size_t> fail_at_;
  std::size_t calls_ = 0;
  std::size_t injected_ = 0;
  std::size_t serial_ = 0;
};

}  // namespace fault_injection

#endif  // ARENA_ARC_TESTS_FAULT_INJECTION_FAULT_RESOURCE_HPP
