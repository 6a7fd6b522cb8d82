// Test support: a std::pmr::memory_resource that records every block it hands out, can be told to
// fail a chosen allocation, and checks that each block comes back with the size and alignment
// it was allocated with.
#ifndef ARENA_ARC_TESTS_UNIT_SUPPORT_COUNTING_RESOURCE_HPP
#define ARENA_ARC_TESTS_UNIT_SUPPORT_COUNTING_RESOURCE_HPP

#include <cstddef>
#include <functional>
#include <memory_resource>
#include <new>
#include <optional>
#include <utility>
#include <vector>

namespace arena_arc_test {

class counting_resource final : public std::pmr::memory_resource {
 public:
  struct block {
    const void* address;
    std::size_t bytes;
    std::size_t alignment;
    bool live;
  };

  explicit counting_resource(
      std::pmr::memory_resource* upstream = std::pmr::new_delete_resource()) noexcept
      : upstream_(upstream) {}
  counting_resource(const counting_resource&) = delete;
  counting_resource& operator=(const counting_resource&) = delete;
  ~counting_resource() override = default;

  /// The allocation `n` requests from now (0: the very next one) throws std::bad_alloc. It is
  /// one-shot: later requests succeed again.
  void fail_in(std::size_t n) noexcept { fail_at_ = requests_ + n; }
  /// Every request throws std::bad_alloc until allow_all().
  void fail_all() noexcept { fail_every_ = true; }
  void allow_all() noexcept {
    fail_every_ = false;
    fail_at_.reset();
  }

  /// Successful allocations, in order.
  [[nodiscard]] const std::vector<block>& blocks() const noexcept { return blocks_; }
  [[nodiscard]] std::size_t allocations() const noexcept { return blocks_.size(); }
  [[nodiscard]] std::size_t deallocations() const noexcept { return deallocations_; }
  [[nodiscard]] std::size_t failed_allocations() const noexcept { return failures_; }
  [[nodiscard]] std::size_t live_blocks() const noexcept { return allocations() - deallocations(); }
  [[nodiscard]] std::size_t bytes_outstanding() const noexcept { return bytes_outstanding_; }
  /// Deallocations whose pointer, size or alignment matched no live block.
  [[nodiscard]] std::size_t mismatched_deallocations() const noexcept { return mismatches_; }
  /// Everything handed out came back, exactly as it was handed out.
  [[nodiscard]] bool balanced() const noexcept {
    return live_blocks() == 0 && bytes_outstanding_ == 0 && mismatches_ == 0;
  }

  /// The index in blocks() of the live block that contains `p`, if any.
  [[nodiscard]] std::optional<std::size_t> block_index_of(const void* p) const {
    const auto less = std::less<const void*>{};
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
      const block& b = blocks_[i];
      const void* end = static_cast<const std::byte*>(b.address) + b.bytes;
      if (b.live && !less(p, b.address) && less(p, end)) return i;
    }
    return std::nullopt;
  }

  /// Byte offset of `p` from the start of its live block.
  [[nodiscard]] std::ptrdiff_t offset_in_block(const void* p) const {
    const auto index = block_index_of(p);
    if (!index) return -1;
    return static_cast<const std::byte*>(p) -
           static_cast<const std::byte*>(blocks_[*index].address);
  }

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    const std::size_t request = requests_++;
    if (fail_every_ || (fail_at_ && *fail_at_ == request)) {
      ++failures_;
      throw std::bad_alloc();
    }
    void* p = upstream_->allocate(bytes, alignment);
    blocks_.push_back(block{p, bytes, alignment, true});
    bytes_outstanding_ += bytes;
    return p;
  }

  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    ++deallocations_;
    bool found = false;
    for (block& b : blocks_) {
      if (b.live && b.address == p) {
        found = b.bytes == bytes && b.alignment == alignment;
        b.live = false;
        bytes_outstanding_ -= b.bytes;
        upstream_->deallocate(p, b.bytes, b.alignment);
        break;
      }
    }
    if (!found) ++mismatches_;
  }

  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  std::pmr::memory_resource* upstream_;
  std::vector<block> blocks_;
  std::size_t requests_ = 0;
  std::optional<std::size_t> fail_at_;
  bool fail_every_ = false;
  std::size_t failures_ = 0;
  std::size_t deallocations_ = 0;
  std::size_t bytes_outstanding_ = 0;
  std::size_t mismatches_ = 0;
};

/// Where each pointer lies, in a form comparable between two allocators fed the same requests:
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

}  // namespace arena_arc_test

#endif  // ARENA_ARC_TESTS_UNIT_SUPPORT_COUNTING_RESOURCE_HPP
