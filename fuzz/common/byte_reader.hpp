// A tiny sequential decoder for fuzz inputs: reads from the front, little-endian, and yields
// zeros once the input is exhausted, so every byte string is a valid input. It is the format
// the seed generator (fuzz/make_corpus.py) writes, which is why it is not FuzzedDataProvider
// (that one reads integers from the back of the input).
#ifndef ARENA_ARC_FUZZ_BYTE_READER_HPP
#define ARENA_ARC_FUZZ_BYTE_READER_HPP

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace arena_arc_fuzz {

class byte_reader {
 public:
  byte_reader(const std::uint8_t* data, std::size_t size) noexcept : data_(data), size_(size) {}

  [[nodiscard]] bool empty() const noexcept { return pos_ >= size_; }

  [[nodiscard]] std::uint8_t u8() noexcept { return pos_ < size_ ? data_[pos_++] : 0; }

  /// sizeof(U) bytes, little-endian (missing bytes read as zero).
  template <class U>
    requires std::is_unsigned_v<U>
  [[nodiscard]] U uint() noexcept {
    U value = 0;
    for (std::size_t i = 0; i < sizeof(U); ++i)
      value = static_cast<U>(value | (U{u8()} << (8 * i)));
    return value;
  }

  [[nodiscard]] std::uint16_t u16() noexcept { return uint<std::uint16_t>(); }
  [[nodiscard]] std::uint32_t u32() noexcept { return uint<std::uint32_t>(); }
  [[nodiscard]] std::uint64_t u64() noexcept { return uint<std::uint64_t>(); }

  /// A value in [0, n) from one byte (n <= 256) or two bytes (larger n); 0 if n == 0.
  [[nodiscard]] std::size_t below(std::size_t n) noexcept {
    if (n == 0) return 0;
    if (n <= 256) return u8() % n;
    return u16() % n;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

}  // namespace arena_arc_fuzz

#endif  // ARENA_ARC_FUZZ_BYTE_READER_HPP
