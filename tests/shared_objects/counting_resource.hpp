// An upstream resource of the test program (outside both libraries) that counts the chunks it
// hands out and gets back, from any thread.
#ifndef ARENA_ARC_TESTS_SHARED_OBJECTS_COUNTING_RESOURCE_HPP
#define ARENA_ARC_TESTS_SHARED_OBJECTS_COUNTING_RESOURCE_HPP

#include <atomic>
#include <cstddef>
#include <memory_resource>

namespace arena_arc_test {

class counting_resource final : public std::pmr::memory_resource {
 public:
  [[nodiscard]] std::size_t allocations() const { return allocations_.load(); }
  [[nodiscard]] std::size_t deallocations() const { return deallocations_.load(); }
  /// Bytes handed out and not given back.
  [[nodiscard]] std::size_t bytes_outstanding() const { return bytes_.load(); }

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    void* p = std::pmr::new_delete_resource()->allocate(bytes, alignment);
    allocations_.fetch_add(1);
    bytes_.fetch_add(bytes);
    return p;
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    deallocations_.fetch_add(1);
    bytes_.fetch_sub(bytes);
    std::pmr::new_delete_resource()->deallocate(p, bytes, alignment);
  }
  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  std::atomic<std::size_t> allocations_{0};
  std::atomic<std::size_t> deallocations_{0};
  std::atomic<std::size_t> bytes_{0};
};

}  // namespace arena_arc_test

#endif  // ARENA_ARC_TESTS_SHARED_OBJECTS_COUNTING_RESOURCE_HPP
