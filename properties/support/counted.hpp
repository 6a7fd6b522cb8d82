// An element type that reports every construction and destruction to a global tracker, so that
// properties can see which elements are alive, in which order they died, and catch an element
// destroyed twice (or one destroyed that was never built).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace props {

/// Thrown by test `init` functions and by Counted's constructor to inject a failure.
struct injected_failure {};

/// Global record of Counted objects. Only objects that carry an element identity are tracked:
/// a moved-from Counted is "hollow" (its identity went to the new object) and is not counted.
class tracker {
 public:
  static tracker& get() {
    static tracker t;
    return t;
  }

  /// Forgets everything (start of a test case).
  void reset() {
    live_.clear();
    destroyed_.clear();
    errors_.clear();
  }
  /// Forgets the destruction log only (start of one step of a test case).
  void clear_log() { destroyed_.clear(); }

  void constructed(std::uint64_t id) { ++live_[id]; }
  void destroyed(std::uint64_t id) {
    const auto it = live_.find(id);
    if (it == live_.end()) {
      errors_.push_back("element " + std::to_string(id) + " destroyed while not alive");
    } else if (--it->second == 0) {
      live_.erase(it);
    }
    destroyed_.push_back(id);
  }
  void corrupt_destruction() { errors_.emplace_back("a Counted object was destroyed twice"); }

  /// id -> number of live objects carrying it (1 for every element of a consistent test).
  [[nodiscard]] const std::map<std::uint64_t, int>& live() const { return live_; }
  [[nodiscard]] std::size_t live_count() const {
    std::size_t n = 0;
    for (const auto& [id, count] : live_) n += static_cast<std::size_t>(count);
    return n;
  }
  /// Identities destroyed since the last reset() / clear_log(), in destruction order.
  [[nodiscard]] const std::vector<std::uint64_t>& destroyed_log() const { return destroyed_; }
  [[nodiscard]] const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::map<std::uint64_t, int> live_;
  std::vector<std::uint64_t> destroyed_;
  std::vector<std::string> errors_;
};

/// An element with an identity. Constructible from its id (implicitly, so that ranges of
/// std::uint64_t can be copied into an arena); the constructor throws injected_failure when the
/// id carries `poison`, which lets alloc_copy fail at a chosen index.
class Counted {
 public:
  static constexpr std::uint64_t poison = std::uint64_t{1} << 63;

  // NOLINTNEXTLINE(google-explicit-constructor): alloc_copy needs uint64_t -> Counted.
  Counted(std::uint64_t id) : id_(id) {
    if ((id & poison) != 0) throw injected_failure{};
    tracker::get().constructed(id_);
  }
  Counted(const Counted& other) : id_(other.id_), hollow_(other.hollow_) {
    if (!hollow_) tracker::get().constructed(id_);
  }
  // The identity moves to the new object; the source stays a valid, untracked object.
  Counted(Counted&& other) noexcept : id_(other.id_), hollow_(other.hollow_) {
    other.hollow_ = true;
  }
  Counted& operator=(const Counted&) = delete;
  Counted& operator=(Counted&&) = delete;

  ~Counted() {
    // A volatile access: the tag must be read and written even though the object's lifetime
    // ends here (-flifetime-dse would otherwise drop the store).
    auto* tag = static_cast<volatile std::uint32_t*>(&tag_);
    if (*tag != alive_tag) {
      tracker::get().corrupt_destruction();
      return;
    }
    *tag = dead_tag;
    if (!hollow_) tracker::get().destroyed(id_);
  }

  [[nodiscard]] std::uint64_t id() const { return id_; }

 private:
  static constexpr std::uint32_t alive_tag = 0x600DF00Du;
  static constexpr std::uint32_t dead_tag = 0xDEADBEEFu;

  std::uint64_t id_;
  bool hollow_ = false;
  std::uint32_t tag_ = alive_tag;
};

}  // namespace props
