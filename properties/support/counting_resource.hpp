// An upstream memory resource for the properties: it counts the blocks it hands out, checks that
// each block comes back once with the size and alignment it was requested with, and can be told
// to fail its next allocation with std::bad_alloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory_resource>
#include <new>
#include <string>
#include <vector>

namespace props {

class counting_resource final : public std::pmr::memory_resource {
 public:
  counting_resource() = default;
  counting_resource(const counting_resource&) = delete;
  counting_resource& operator=(const counting_resource&) = delete;
  ~counting_resource() override = default;

  /// The next allocation throws std::bad_alloc (once), until disarm().
  void fail_next() noexcept { fail_next_ = true; }
  void disarm() noexcept { fail_next_ = false; }

  /// Blocks allocated and not yet given back.
  [[nodiscard]] std::size_t outstanding() const noexcept { return blocks_.size(); }
  /// Sizes in bytes of the outstanding blocks.
  [[nodiscard]] std::vector<std::size_t> outstanding_sizes() const {
    std::vector<std::size_t> sizes;
    for (const auto& [address, b] : blocks_) sizes.push_back(b.bytes);
    return sizes;
  }
  [[nodiscard]] std::size_t allocations() const noexcept { return allocations_; }
  /// Size in bytes of the last block handed out (0 before the first).
  [[nodiscard]] std::size_t last_bytes() const noexcept { return last_bytes_; }
  [[nodiscard]] const std::vector<std::string>& errors() const noexcept { return errors_; }

 private:
  struct block {
    std::size_t bytes;
    std::size_t alignment;
  };

  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    if (fail_next_) {
      fail_next_ = false;
      throw std::bad_alloc();
    }
    void* p = upstream_->allocate(bytes, alignment);
    if (reinterpret_cast<std::uintptr_t>(p) % alignment != 0) {
      errors_.emplace_back("upstream returned a misaligned block");
    }
    blocks_.emplace(reinterpret_cast<std::uintptr_t>(p), block{bytes, alignment});
    ++allocations_;
    last_bytes_ = bytes;
    return p;
  }

  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    const auto it = blocks_.find(reinterpret_cast<std::uintptr_t>(p));
    if (it == blocks_.end()) {
      errors_.emplace_back("deallocate of a block that is not outstanding");
      return;  // never hand an unknown pointer to the upstream resource
    }
    if (it->second.bytes != bytes || it->second.alignment != alignment) {
      errors_.emplace_back("deallocate with a size or alignment other than the allocation's");
    }
    const block b = it->second;
    blocks_.erase(it);
    upstream_->deallocate(p, b.bytes, b.alignment);
  }

  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  std::pmr::memory_resource* upstream_ = std::pmr::new_delete_resource();
  std::map<std::uintptr_t, block> blocks_;
  std::size_t allocations_ = 0;
  std::size_t last_bytes_ = 0;
  std::vector<std::string> errors_;
  bool fail_next_ = false;
};

}  // namespace props
