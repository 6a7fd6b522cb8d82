// Splits a text into words stored as ArcSlice<char>: the words are laid out back to back in
// one chunk, with no heap allocation per word. The handles then outlive their allocator and
// are shared with worker threads, which read and drop them concurrently (atomic_refcount,
// the default, makes that safe; the last thread to let go frees the chunk).
#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <thread>
#include <vector>

#include "check.hpp"

using example::check;

namespace {

// 16-bit offsets are plenty for chunks of 4096 characters.
using Chars = arena_arc::Allocator<char, std::uint16_t, 4096>;
using Token = arena_arc::ArcSlice<char, std::uint16_t>;

constexpr std::string_view text =
    "a chunk based allocator that bump allocates variable length slices from a shared chunk "
    "and hands out cheap reference counted read only handles to them  handles are cheap to "
    "clone and share the underlying buffer";

std::string_view view(const Token& token) { return {token.data(), token.size()}; }

std::vector<Token> tokenize(std::string_view input) {
  Chars chars;
  std::vector<Token> tokens;
  std::size_t letters = 0;
  for (std::size_t pos = 0; pos < input.size();) {
    const std::size_t end = std::min(input.find(' ', pos), input.size());
    if (end > pos) {
      tokens.push_back(chars.alloc_copy(input.substr(pos, end - pos)));
      letters += end - pos;
    }
    pos = end + 1;
  }
  const auto stats = chars.stats();
  check(stats.chunks_allocated == 1, "the whole text fits in one chunk");
  check(stats.elements_allocated == letters, "one element per letter, no separators");
  return tokens;  // the allocator goes away here; the chunk lives on in the handles
}

struct Tally {
  std::size_t letters = 0;
  std::size_t handles = 0;  // occurrences of the word "handles"
};

Tally tally(const std::vector<Token>& tokens, std::size_t first, std::size_t step) {
  Tally t;
  for (std::size_t i = first; i < tokens.size(); i += step) {
    t.letters += tokens[i].size();
    t.handles += view(tokens[i]) == "handles" ? 1U : 0U;
  }
  return t;
}

}  // namespace

int main() {
  std::vector<Token> tokens = tokenize(text);
  check(tokens.size() == 35, "35 words");
  check(view(tokens[1]) == "chunk" && view(tokens.back()) == "buffer", "words in order");
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    check(tokens[i].data() == tokens[i - 1].data() + tokens[i - 1].size(),
          "words are bump-allocated back to back");
  }

  // Each worker gets its own copy of every handle (made here, in std::thread's constructor),
  // then this thread lets go of its copies: the workers hold the last references.
  constexpr std::size_t workers = 2;
  std::array<Tally, workers> tallies{};
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < workers; ++w) {
    threads.emplace_back(
        [w, &tallies](std::vector<Token> mine) {
          tallies[w] = tally(mine, w, workers);
          mine.clear();  // the last release, on whichever thread, frees the chunk
        },
        tokens);
  }
  tokens.clear();
  for (std::thread& thread : threads) {
    thread.join();
  }

  std::size_t letters = 0;
  std::size_t handles = 0;
  for (const Tally& t : tallies) {
    letters += t.letters;
    handles += t.handles;
  }
  const auto expected_letters = static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return c != ' '; }));
  check(letters == expected_letters, "the workers saw every letter");
  check(handles == 2, "\"handles\" occurs twice");

  std::printf("tokenizer: ok (%zu letters)\n", letters);
  return 0;
}
