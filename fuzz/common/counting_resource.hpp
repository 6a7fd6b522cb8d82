// An upstream memory resource that knows every block it handed out: it checks that each
// deallocation names a live block with the size and alignment it was allocated with, counts
// live blocks (the oracle compares them with the chunks the model expects), rejects requests
// above a byte limit and can be armed to fail its next allocation. Thread-safe: chunks may be
// released on any thread.
#ifndef ARENA_ARC_FUZZ_COUNTING_RESOURCE_HPP
#define ARENA_ARC_FUZZ_COUNTING_RESOURCE_HPP

#include <cstddef>
#include <map>
#include <memory_resource>
#include <mutex>
#include <new>
#include <utility>

#include "fuzz_check.hpp"

namespace arena_arc_fuzz {

class counting_resource final : public std::pmr::memory_resource {
 public:
  explicit counting_resource(std::size_t byte_limit) noexcept : limit_(byte_limit) {}
  counting_resource(const counting_resource&) = delete;
  counting_resource& operator=(const counting_resource&) = delete;
  ~counting_resource() override { FUZZ_CHECK(blocks_.empty()); }

  /// The next allocation throws std::bad_alloc (once).
  void arm_failure() {
    const std::lock_guard lock(mutex_);
    armed_ = true;
  }
  [[nodiscard]] bool armed() const {
    const std::lock_guard lock(mutex_);
    return armed_;
  }
  [[nodiscard]] std::size_t live_blocks() const {
    const std::lock_guard lock(mutex_);
    return blocks_.size();
  }
  [[nodiscard]] std::size_t limit() const noexcept { return limit_; }

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    const std::lock_guard lock(mutex_);
    if (armed_) {
      armed_ = false;
      throw std::bad_alloc();
    }
    if (bytes > limit_) throw std::bad_alloc();
    void* p = ::operator new (bytes, std::align_val_t{alignment});
    blocks_.emplace(p, std::pair{bytes, alignment});
    return p;
  }

  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    {
      const std::lock_guard lock(mutex_);
      const auto it = blocks_.find(p);
      FUZZ_CHECK(it != blocks_.end());
      FUZZ_CHECK(it->second.first == bytes);
      FUZZ_CHECK(it->second.second == alignment);
      blocks_.erase(it);
    }
    ::operator delete (p, std::align_val_t{alignment});
  }

  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  mutable std::mutex mutex_;
  std::map<void*, std::pair<std::size_t, std::size_t>> blocks_;
  std::size_t limit_;
  bool armed_ = false;
};

}  // namespace arena_arc_fuzz

#endif  // ARENA_ARC_FUZZ_COUNTING_RESOURCE_HPP
