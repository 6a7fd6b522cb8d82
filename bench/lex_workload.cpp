// arena_arc_lex_workload: a real workload. Lexes every file of a directory tree of C++ sources
// (the standard library's headers, say) into tokens, each token's text behind a handle, in three
// forms:
//   keep_last_8        one thread lexes file after file and keeps the tokens of the last 8
//                      files alive; a file's tokens are read (checksummed) and dropped when the
//                      file 8 places later replaces them, the last 8 files' at the end; in a
//                      process that has started (and joined) a thread before;
//   keep_last_8_single_threaded  the same in a process that never started a thread, where
//                      libstdc++'s shared_ptr and the arena's atomic_refcount both use plain
//                      counts (measured first, before any thread is started);
//   producer_consumer  the main thread lexes and hands batches of tokens through a bounded
//                      queue to a consumer thread, which reads (checksums) and drops them.
// Token text variants (each copies the token's bytes into its handle, except the floor):
//   arena       arena_arc::ArcSlice<char> from Allocator<char, std::uint32_t, kChunkChars>
//               (atomic_refcount) by alloc_copy; a file's tokens and a batch are dropped by
//               release_all;
//   shared_ptr  std::make_shared_for_overwrite<char[]>(n), memcpy, plus the length;
//   string      std::string (short tokens stay in its small-string buffer);
//   floor       std::string_view into the source text, which lives for the whole run;
//   copy_floor  std::string_view into one ring of bytes the size of the most token bytes ever
//               alive at once (plus the longest token), each token's bytes appended with the
//               library's own small-copy routine: the least any variant that copies the bytes
//               must do (no allocation, no count, nothing to drop). Between the floor and it lies
//               the cost of copying; between it and the arena, the arena's own (its checks,
//               counts and handles).
// Every file is read into memory before anything is timed. A repetition times lexing, making
// the handles, keeping or handing them over, reading and dropping them: one pass over all
// files. `--warmup` untimed passes run first (so every variant's allocator or heap is in its
// steady state), then `--repetitions` timed ones.
//
// Usage: arena_arc_lex_workload VARIANT FORM DIR [--repetitions=R] [--warmup=W]
//        arena_arc_lex_workload --self-check   (the lexer on a snippet of every kind of token)
//   VARIANT: arena | shared_ptr | string | floor | copy_floor | all;  FORM: keep_last_8_single_threaded |
//   keep_last_8 | producer_consumer | all;  DIR: the tree to lex (every regular file, in path
//   order).
//   Defaults R = 3, W = 1. Prints one JSON object per (variant, form) on its own line: token
//   count, token bytes, checksum, the wall and CPU milliseconds of every timed repetition, and
//   the arena's allocator stats after all passes (chunks allocated and reused, waste).
// Every run is checked against a reference pass (the lexer's tokens checksummed straight from
// the source, untimed): exit status 1 if a variant's token count, bytes or checksum differ from
// it (or the self-check fails), 2 on a bad command line or an unreadable directory, 3 if a
// queue wait times out.
#include <arena_arc/arena_arc.hpp>
#include <arena_arc/detail/unsafe_buffer.hpp>  // copy_floor copies with the library's routine

#include <dlfcn.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

// --- the lexer, shared by every variant ---------------------------------------------------------

enum CharClass : std::uint8_t { kOther = 0, kSpace = 1, kIdentStart = 2, kDigit = 4 };

constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> t{};
  for (const char c : std::string_view(" \t\n\r\f\v")) t[static_cast<unsigned char>(c)] = kSpace;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kIdentStart;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kIdentStart;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kDigit;
  t['_'] = kIdentStart;
  t['$'] = kIdentStart;
  for (std::size_t c = 0x80; c < 256; ++c) t[c] = kIdentStart;  // UTF-8 in identifiers
  return t;
}
constexpr std::array<std::uint8_t, 256> kClasses = make_classes();

[[nodiscard]] std::uint8_t char_class(char c) { return kClasses[static_cast<unsigned char>(c)]; }
[[nodiscard]] bool is_ident(char c) { return (char_class(c) & (kIdentStart | kDigit)) != 0; }

// The length of the punctuator at s[i] (maximal munch over C++'s 1-, 2- and 3-character ones;
// any other character is a token of its own).
[[nodiscard]] std::size_t punctuator_length(std::string_view s, std::size_t i) {
  const char d = i + 1 < s.size() ? s[i + 1] : '\0';
  const char e = i + 2 < s.size() ? s[i + 2] : '\0';
  switch (s[i]) {
    case '<':
      if (d == '<') return e == '=' ? 3 : 2;
      if (d == '=') return e == '>' ? 3 : 2;
      return 1;
    case '>':
      if (d == '>') return e == '=' ? 3 : 2;
      return d == '=' ? 2 : 1;
    case '.':
      if (d == '.' && e == '.') return 3;
      return d == '*' ? 2 : 1;
    case '-':
      if (d == '>') return e == '*' ? 3 : 2;
      return d == '-' || d == '=' ? 2 : 1;
    case '+':
      return d == '+' || d == '=' ? 2 : 1;
    case '&':
      return d == '&' || d == '=' ? 2 : 1;
    case '|':
      return d == '|' || d == '=' ? 2 : 1;
    case ':':
      return d == ':' ? 2 : 1;
    case '#':
      return d == '#' ? 2 : 1;
    case '=':
    case '!':
    case '*':
    case '/':
    case '%':
    case '^':
      return d == '=' ? 2 : 1;
    default:
      return 1;
  }
}

// The end of the quoted literal whose opening quote is s[i]: after the closing quote, or at the
// end of the line for an unterminated one. A backslash escapes the next character.
[[nodiscard]] std::size_t quoted_end(std::string_view s, std::size_t i) {
  const char quote = s[i];
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '\\') {
      ++j;
    } else if (s[j] == quote) {
      return j + 1;
    } else if (s[j] == '\n') {
      return j;
    }
  }
  return s.size();
}

// The end of the raw string literal whose opening quote is s[i]: R"delim( ... )delim".
[[nodiscard]] std::size_t raw_string_end(std::string_view s, std::size_t i) {
  const std::size_t open = s.find('(', i + 1);
  if (open == std::string_view::npos || open - i > 17) return quoted_end(s, i);
  std::string closing = ")";
  closing.append(s.substr(i + 1, open - i - 1));
  closing.push_back('"');
  const std::size_t close = s.find(closing, open + 1);
  return close == std::string_view::npos ? s.size() : close + closing.size();
}

[[nodiscard]] bool is_encoding_prefix(std::string_view p) {
  return p == "L" || p == "u" || p == "U" || p == "u8";
}
[[nodiscard]] bool is_raw_prefix(std::string_view p) {
  return p == "R" || p == "LR" || p == "uR" || p == "UR" || p == "u8R";
}

// Calls emit(std::string_view) with every token of `s`, in order: identifiers and keywords,
// pp-numbers, string and character literals (with their prefixes; raw strings too),
// punctuators. Whitespace, line splices and comments are skipped; preprocessor lines are
// tokenised like any other (`#`, `include`, `<`, `vector`, `>`).
template <class Emit>
void lex(std::string_view s, Emit&& emit) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const char c = s[i];
    const std::uint8_t cls = char_class(c);
    if (cls == kSpace) {
      ++i;
      continue;
    }
    const char next = i + 1 < n ? s[i + 1] : '\0';
    std::size_t end = i + 1;
    if ((cls & kIdentStart) != 0) {
      while (end < n && is_ident(s[end])) ++end;
      if (end < n && (s[end] == '"' || s[end] == '\'')) {
        const std::string_view prefix = s.substr(i, end - i);
        if (s[end] == '"' && is_raw_prefix(prefix)) {
          end = raw_string_end(s, end);
        } else if (is_encoding_prefix(prefix)) {
          end = quoted_end(s, end);
        }
      }
    } else if ((cls & kDigit) != 0 || (c == '.' && char_class(next) == kDigit)) {
      while (end < n) {
        const char d = s[end];
        const char before = s[end - 1];
        const bool exponent_sign = (d == '+' || d == '-') && (before == 'e' || before == 'E' ||
                                                              before == 'p' || before == 'P');
        if (is_ident(d) || d == '.' || exponent_sign) {
          ++end;
        } else if (d == '\'' && end + 1 < n && is_ident(s[end + 1])) {
          end += 2;  // a digit separator
        } else {
          break;
        }
      }
    } else if (c == '"' || c == '\'') {
      end = quoted_end(s, i);
    } else if (c == '/' && next == '/') {
      const std::size_t eol = s.find('\n', i + 2);
      i = eol == std::string_view::npos ? n : eol + 1;
      continue;
    } else if (c == '/' && next == '*') {
      const std::size_t close = s.find("*/", i + 2);
      i = close == std::string_view::npos ? n : close + 2;
      continue;
    } else if (c == '\\' && (next == '\n' || (next == '\r' && i + 2 < n && s[i + 2] == '\n'))) {
      i += next == '\n' ? 2 : 3;  // a line splice
      continue;
    } else {
      end = i + punctuator_length(s, i);
    }
    emit(s.substr(i, end - i));
    i = end;
  }
}

// The lexer on a snippet with every kind of token and of skipped text; false (and the first
// difference on stderr) unless it yields exactly the expected tokens.
[[nodiscard]] bool lexer_self_check() {
  constexpr std::string_view kSnippet =
      "#include <vector> // a comment <=>\n"
      "/* a block\n comment */ int x=0x1F'FF+1.5e-3-.5f;\r\n"
      "auto s = u8\"a\\\"b\" L'c' R\"d(raw ) \"x\" )d\" '\\'' \"open\n"
      "a->*b<<=c<=>d...::>>=\\\n y>>z @";
  // Unformatted: clang-format would put the tokens in two columns.
  // clang-format off
  constexpr std::array<std::string_view, 37> kExpected{
      "#", "include", "<", "vector", ">", "int", "x", "=", "0x1F'FF", "+", "1.5e-3", "-",
      ".5f", ";", "auto", "s", "=", "u8\"a\\\"b\"", "L'c'", "R\"d(raw ) \"x\" )d\"",
      "'\\''", "\"open", "a", "->*", "b", "<<=", "c", "<=>", "d", "...", "::", ">>=", "y",
      ">>", "z", "@", ""};
  // clang-format on
  std::vector<std::string_view> tokens;
  lex(kSnippet, [&tokens](std::string_view token) { tokens.push_back(token); });
  tokens.emplace_back();  // the expected list ends with an empty marker
  for (std::size_t k = 0; k < kExpected.size() || k < tokens.size(); ++k) {
    const std::string_view got = k < tokens.size() ? tokens[k] : "(none)";
    const std::string_view want = k < kExpected.size() ? kExpected[k] : "(none)";
    if (got != want) {
      std::fprintf(stderr, "arena_arc_lex_workload: token %zu is [%.*s], expected [%.*s]\n", k,
                   static_cast<int>(got.size()), got.data(), static_cast<int>(want.size()),
                   want.data());
      return false;
    }
  }
  return true;
}

// --- reading: every variant reads a token the same way --------------------------------------

// Token count, bytes and an order-dependent checksum of every byte of every token.
struct Tally {
  std::uint64_t tokens = 0;
  std::uint64_t bytes = 0;
  std::uint64_t checksum = 0;

  void add(const char* data, std::size_t size) {
    std::uint64_t sum = 0;
    for (std::size_t k = 0; k < size; ++k) {
      // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-pointer-arithmetic): k < size of the token
      sum += static_cast<unsigned char>(data[k]);
    }
    checksum = (checksum ^ (sum + (static_cast<std::uint64_t>(size) << 32))) * 0x100000001b3U;
    ++tokens;
    bytes += size;
  }
  [[nodiscard]] bool operator==(const Tally&) const = default;
};

// --- the variants -----------------------------------------------------------------------------

// 16 KiB of characters per chunk: a header of this tree holds about 17 KB of source and 8 KB of
// token bytes on average, so a chunk takes a file or two; one malloc per ~3000 tokens; a whole
// number of pages, so the elements get a block of their own; below glibc's mmap threshold
// (128 KiB), so a new chunk is an ordinary malloc; and the tokens of the 8 live files fit in far
// fewer than the 64 full chunks an allocator keeps with their ledgers open, so every drop on the
// lexing thread is a refund (README.md, "Threads"). The default capacity, 256, would cost a new
// chunk every ~50 tokens.
inline constexpr std::size_t kChunkChars = 16384;

struct ArenaText {
  static constexpr std::string_view name = "arena";
  using Handle = arena_arc::ArcSlice<char>;
  arena_arc::Allocator<char, std::uint32_t, kChunkChars> chars;

  Handle make(std::string_view token) { return chars.alloc_copy(token); }
  static void read(Tally& t, const Handle& h) { t.add(h.data(), h.size()); }
  // A batch of tokens (a file's, a consumer's batch) is dropped with one count update per chunk
  // instead of one per token (for the consumer, which does not own the chunks' ledgers, each is a
  // locked instruction).
  static void drop_all(std::vector<Handle>& handles) {
    arena_arc::release_all(handles);
    handles.clear();
  }
  [[nodiscard]] std::string stats_json() const {
    const arena_arc::AllocatorStats st = chars.stats();
    return "{\"chunks_allocated\": " + std::to_string(st.chunks_allocated) +
           ", \"chunks_reused\": " + std::to_string(st.chunks_reused) +
           ", \"elements_wasted\": " + std::to_string(st.elements_wasted) + "}";
  }
};

struct SharedPtrText {
  static constexpr std::string_view name = "shared_ptr";
  struct Handle {
    std::shared_ptr<char[]> text;
    std::size_t size = 0;
  };

  // One allocation for the control block and the bytes, left uninitialised for the memcpy.
  static Handle make(std::string_view token) {
    Handle h{std::make_shared_for_overwrite<char[]>(token.size()), token.size()};
    std::memcpy(h.text.get(), token.data(), token.size());
    return h;
  }
  static void read(Tally& t, const Handle& h) { t.add(h.text.get(), h.size); }
};

struct StringText {
  static constexpr std::string_view name = "string";
  using Handle = std::string;
  static Handle make(std::string_view token) { return Handle(token); }
  static void read(Tally& t, const Handle& h) { t.add(h.data(), h.size()); }
};

struct FloorText {
  static constexpr std::string_view name = "floor";
  using Handle = std::string_view;
  static Handle make(std::string_view token) { return token; }
  static void read(Tally& t, const Handle& h) { t.add(h.data(), h.size()); }
};

// See the file comment. The ring never overwrites a live token: tokens die in the order they
// were made (a file's, a batch's), so the live ones, and at most one gap left by wrapping round
// (shorter than the longest token), lie between the oldest live byte and the cursor, and
// Corpus::copy_ring_bytes bounds both together. A token overwritten early would change the
// checksum, which every pass compares with the reference.
struct CopyFloorText {
  static constexpr std::string_view name = "copy_floor";
  using Handle = std::string_view;
  std::vector<char> ring;
  std::size_t cursor = 0;

  explicit CopyFloorText(std::size_t ring_bytes) : ring(ring_bytes) {}

  Handle make(std::string_view token) {
    if (token.size() > ring.size() - cursor) cursor = 0;
    char* dst = ring.data() + cursor;  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    // dst has token.size() bytes of room (checked above); the ring and the source are disjoint.
    arena_arc::detail::unchecked_copy_bytes(dst, token.data(), token.size());
    cursor += token.size();
    return {dst, token.size()};
  }
  static void read(Tally& t, const Handle& h) { t.add(h.data(), h.size()); }
};

// --- the forms ----------------------------------------------------------------------------------

struct Corpus {
  std::vector<std::string> texts;   // every file's contents, in path order
  std::size_t max_file_tokens = 0;  // for reserving the vectors of handles
  std::size_t source_bytes = 0;
  std::size_t copy_ring_bytes = 0;  // CopyFloorText's ring (copy_ring_bytes())
};

inline constexpr std::size_t kLiveFiles = 8;

// Drops a batch of handles: the variant's own way when it has one (the arena's release_all),
// else clear().
template <class V>
void drop_all(std::vector<typename V::Handle>& handles) {
  if constexpr (requires { V::drop_all(handles); }) {
    V::drop_all(handles);
  } else {
    handles.clear();
  }
}

// One pass of keep_last_8.
template <class V>
Tally keep_last_8(V& variant, const Corpus& corpus,
                  std::array<std::vector<typename V::Handle>, kLiveFiles>& ring) {
  Tally tally;
  std::size_t slot = 0;
  for (const std::string& text : corpus.texts) {
    std::vector<typename V::Handle>& tokens = ring[slot];
    for (const auto& h : tokens) V::read(tally, h);
    drop_all<V>(tokens);  // drops the tokens of the file 8 places back
    lex(text, [&](std::string_view token) { tokens.push_back(variant.make(token)); });
    slot = (slot + 1) % kLiveFiles;
  }
  for (std::size_t k = 0; k < kLiveFiles; ++k) {  // the last 8 files, oldest first
    std::vector<typename V::Handle>& tokens = ring[(slot + k) % kLiveFiles];
    for (const auto& h : tokens) V::read(tally, h);
    drop_all<V>(tokens);
  }
  return tally;
}

[[noreturn]] void queue_timeout() {
  std::fputs("arena_arc_lex_workload: a queue wait timed out\n", stderr);
  std::exit(3);  // NOLINT(concurrency-mt-unsafe): the other thread is stuck; nothing to join
}

// A bounded queue of batches: kBatches vectors of handles, each reserved for kBatchTokens, go
// round from the producer (free -> filled) to the consumer (full -> emptied) and back. At most
// kBatches batches exist, so the producer waits when the consumer is that far behind. Every wait
// gives up after kWaitLimit (exit status 3) instead of hanging.
//
// A thread that finds nothing to take first polls for up to kSpinLimit (about the time a batch
// takes to lex) before it blocks on the condition variable. Without that, whichever thread is
// faster sleeps once per batch and the other's notify wakes it: on the 2-vCPU virtual machines
// the report runs on, such a wake-up costs tens of microseconds (a halted vCPU), and passes of
// every variant alike came out in two modes up to 1.5 to 2 times apart depending on whether
// the consumer kept sleeping, which swamped the differences between the variants.
template <class Handle>
class BatchQueue {
 public:
  static constexpr std::size_t kBatches = 8;
  static constexpr std::size_t kBatchTokens = 4096;
  static constexpr std::chrono::seconds kWaitLimit{60};
  static constexpr std::chrono::microseconds kSpinLimit{200};
  using Batch = std::vector<Handle>;

  BatchQueue() {
    for (std::size_t k = 0; k < kBatches; ++k) {
      batches_[k].reserve(kBatchTokens);
      free_[k] = &batches_[k];
    }
    free_count_ = kBatches;
    free_ready_.store(kBatches, std::memory_order_relaxed);
  }

  // Before a pass, with every batch back (the consumer of the last pass was joined).
  void restart() {
    const std::lock_guard lock(mutex_);
    finished_ = false;
    full_ready_.store(full_count_, std::memory_order_relaxed);
  }
  // Producer: an empty batch.
  Batch* take_free() {
    spin_until([&] { return free_ready_.load(std::memory_order_relaxed) > 0; });
    std::unique_lock lock(mutex_);
    if (!free_cv_.wait_for(lock, kWaitLimit, [&] { return free_count_ > 0; })) queue_timeout();
    Batch* batch = free_[--free_count_];
    free_ready_.store(free_count_, std::memory_order_relaxed);
    return batch;
  }
  // Producer: hands a filled batch over, in order.
  void push_full(Batch* batch) {
    {
      const std::lock_guard lock(mutex_);
      full_[(full_head_ + full_count_) % kBatches] = batch;
      ++full_count_;
      full_ready_.store(full_count_, std::memory_order_relaxed);
    }
    full_cv_.notify_one();
  }
  // Producer: nothing more will come.
  void finish() {
    {
      const std::lock_guard lock(mutex_);
      finished_ = true;
      full_ready_.store(kBatches + 1, std::memory_order_relaxed);  // ends the consumer's polling
    }
    full_cv_.notify_one();
  }
  // Consumer: the oldest full batch, or nullptr once the producer finished and all were taken.
  Batch* take_full() {
    spin_until([&] { return full_ready_.load(std::memory_order_relaxed) > 0; });
    std::unique_lock lock(mutex_);
    if (!full_cv_.wait_for(lock, kWaitLimit, [&] { return full_count_ > 0 || finished_; })) {
      queue_timeout();
    }
    if (full_count_ == 0) return nullptr;
    Batch* batch = full_[full_head_];
    full_head_ = (full_head_ + 1) % kBatches;
    --full_count_;
    if (!finished_) full_ready_.store(full_count_, std::memory_order_relaxed);
    return batch;
  }
  // Consumer: an emptied batch back to the producer.
  void give_back(Batch* batch) {
    {
      const std::lock_guard lock(mutex_);
      free_[free_count_++] = batch;
      free_ready_.store(free_count_, std::memory_order_relaxed);
    }
    free_cv_.notify_one();
  }

 private:
  // Polls `ready` for up to kSpinLimit. Only a hint: the caller then takes the mutex and checks
  // (and, if need be, waits) as before, so a stale relaxed load costs time, never correctness.
  template <class Ready>
  static void spin_until(Ready ready) {
    const auto until = std::chrono::steady_clock::now() + kSpinLimit;
    for (unsigned k = 1; !ready(); ++k) {
      if (k % 64 == 0 && std::chrono::steady_clock::now() >= until) return;
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#endif
    }
  }

  std::array<Batch, kBatches> batches_;
  std::array<Batch*, kBatches> free_{};
  std::array<Batch*, kBatches> full_{};
  std::size_t free_count_ = 0;
  std::size_t full_head_ = 0;
  std::size_t full_count_ = 0;
  bool finished_ = false;
  // Mirrors of free_count_ and full_count_ (full: kBatches + 1 once finished), written under
  // mutex_, read without it only by spin_until.
  std::atomic<std::size_t> free_ready_{0};
  std::atomic<std::size_t> full_ready_{0};
  std::mutex mutex_;
  std::condition_variable free_cv_;
  std::condition_variable full_cv_;
};

// One pass of producer_consumer: this thread lexes, a new consumer thread reads and drops.
template <class V>
Tally producer_consumer(V& variant, const Corpus& corpus, BatchQueue<typename V::Handle>& queue) {
  Tally tally;
  queue.restart();
  std::thread consumer([&queue, &tally] {
    // The consumer sums into a tally of its own stack, not into `tally`: that one sits in this
    // frame, and in the processes where it shared a cache line with the producer's locals, each
    // token's update stole the line from the producer (the arena's passes took 24 ms in those
    // processes and 21 in the others, fixed for the life of a process: the stack's offset).
    Tally mine;
    while (auto* batch = queue.take_full()) {
      for (const auto& h : *batch) V::read(mine, h);
      drop_all<V>(*batch);  // drops them on this thread
      queue.give_back(batch);
    }
    tally = mine;
  });
  auto* batch = queue.take_free();
  for (const std::string& text : corpus.texts) {
    lex(text, [&](std::string_view token) {
      batch->push_back(variant.make(token));
      if (batch->size() == BatchQueue<typename V::Handle>::kBatchTokens) {
        queue.push_full(batch);
        batch = queue.take_free();
      }
    });
  }
  if (!batch->empty()) {
    queue.push_full(batch);
  } else {
    queue.give_back(batch);
  }
  queue.finish();
  consumer.join();
  return tally;
}

// --- running ------------------------------------------------------------------------------------

[[nodiscard]] double cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);  // every thread's, the consumer's included once joined
  const auto ms = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) * 1e3 + static_cast<double>(tv.tv_usec) / 1e3;
  };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

struct Options {
  std::string variant;
  std::string form;
  std::filesystem::path directory;
  int repetitions = 3;
  int warmup = 1;
};

[[nodiscard]] std::string json_list(const std::vector<double>& values) {
  std::string out = "[";
  for (std::size_t k = 0; k < values.size(); ++k) {
    std::array<char, 32> buffer{};
    const int len =
        std::snprintf(buffer.data(), buffer.size(), "%s%.3f", k > 0 ? ", " : "", values[k]);
    out.append(buffer.data(), static_cast<std::size_t>(len));
  }
  return out + "]";
}

// The arena's allocator stats after every pass, as JSON; null for the other variants.
template <class V>
[[nodiscard]] std::string stats_json(const V& variant) {
  if constexpr (requires { variant.stats_json(); }) {
    return variant.stats_json();
  } else {
    return "null";
  }
}

// Runs `options.warmup` untimed and `options.repetitions` timed passes of one variant and form,
// prints the JSON line; false if a pass's tally differs from the reference.
template <class V>
bool run(const Options& options, std::string_view form, const Corpus& corpus,
         const Tally& reference) {
  V variant = [&] {
    if constexpr (std::is_constructible_v<V, std::size_t>) {
      return V(corpus.copy_ring_bytes);
    } else {
      return V();
    }
  }();
  std::array<std::vector<typename V::Handle>, kLiveFiles> ring;
  for (auto& tokens : ring) tokens.reserve(corpus.max_file_tokens);
  auto queue = std::make_unique<BatchQueue<typename V::Handle>>();
  std::vector<double> wall;
  std::vector<double> cpu;
  bool ok = true;
  Tally tally;
  for (int pass = 0; pass < options.warmup + options.repetitions; ++pass) {
    const double cpu_start = cpu_ms();
    const auto start = std::chrono::steady_clock::now();
    tally = form == "producer_consumer" ? producer_consumer(variant, corpus, *queue)
                                        : keep_last_8(variant, corpus, ring);
    const std::chrono::duration<double, std::milli> elapsed =
        std::chrono::steady_clock::now() - start;
    const double cpu_elapsed = cpu_ms() - cpu_start;
    ok = ok && tally == reference;
    if (pass >= options.warmup) {
      wall.push_back(elapsed.count());
      cpu.push_back(cpu_elapsed);
    }
  }
  const bool mimalloc = dlsym(RTLD_DEFAULT, "mi_version") != nullptr;
  std::printf(
      "{\"variant\": \"%s\", \"form\": \"%.*s\", \"malloc\": \"%s\", \"files\": %zu, "
      "\"source_bytes\": %zu, \"tokens\": %llu, \"token_bytes\": %llu, \"checksum\": "
      "\"%016llx\", \"reference_ok\": %s, \"chunk_chars\": %zu, \"warmup\": %d, "
      "\"wall_ms\": %s, \"cpu_ms\": %s, \"allocator_stats\": %s}\n",
      std::string(V::name).c_str(), static_cast<int>(form.size()), form.data(),
      mimalloc ? "mimalloc" : "glibc", corpus.texts.size(), corpus.source_bytes,
      static_cast<unsigned long long>(tally.tokens), static_cast<unsigned long long>(tally.bytes),
      static_cast<unsigned long long>(tally.checksum), ok ? "true" : "false", kChunkChars,
      options.warmup, json_list(wall).c_str(), json_list(cpu).c_str(), stats_json(variant).c_str());
  if (!ok) {
    std::fprintf(stderr,
                 "arena_arc_lex_workload: %s/%.*s: %llu tokens, %llu bytes, checksum %016llx; "
                 "the reference pass: %llu, %llu, %016llx\n",
                 std::string(V::name).c_str(), static_cast<int>(form.size()), form.data(),
                 static_cast<unsigned long long>(tally.tokens),
                 static_cast<unsigned long long>(tally.bytes),
                 static_cast<unsigned long long>(tally.checksum),
                 static_cast<unsigned long long>(reference.tokens),
                 static_cast<unsigned long long>(reference.bytes),
                 static_cast<unsigned long long>(reference.checksum));
  }
  return ok;
}

// The most token bytes alive at once in either form, plus the longest token: keep_last_8 keeps
// the tokens of 8 files while it makes a 9th file's (9 consecutive files bound it);
// producer_consumer has at most kBatches batches of kBatchTokens tokens (consecutive tokens).
[[nodiscard]] std::size_t copy_ring_bytes(const Corpus& corpus) {
  std::vector<std::size_t> file_bytes;
  std::vector<std::uint32_t> token_bytes;
  std::size_t longest = 0;
  for (const std::string& text : corpus.texts) {
    std::size_t bytes = 0;
    lex(text, [&](std::string_view token) {
      bytes += token.size();
      token_bytes.push_back(static_cast<std::uint32_t>(token.size()));
      longest = std::max(longest, token.size());
    });
    file_bytes.push_back(bytes);
  }
  // The largest sum of `width` consecutive values.
  const auto widest = [](const auto& values, std::size_t width) {
    std::size_t sum = 0;
    std::size_t most = 0;
    for (std::size_t k = 0; k < values.size(); ++k) {
      sum += values[k];
      if (k >= width) sum -= values[k - width];
      most = std::max(most, sum);
    }
    return most;
  };
  using Queue = BatchQueue<std::string_view>;
  return std::max(widest(file_bytes, kLiveFiles + 1),
                  widest(token_bytes, Queue::kBatches * Queue::kBatchTokens)) +
         longest;
}

[[nodiscard]] std::optional<Corpus> read_corpus(const std::filesystem::path& directory) {
  std::error_code ec;
  std::vector<std::filesystem::path> paths;
  for (std::filesystem::recursive_directory_iterator it(directory, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_regular_file(ec)) paths.push_back(it->path());
  }
  if (ec) {
    std::fprintf(stderr, "arena_arc_lex_workload: %s: %s\n", directory.c_str(),
                 ec.message().c_str());
    return std::nullopt;
  }
  std::sort(paths.begin(), paths.end());
  Corpus corpus;
  for (const std::filesystem::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
      std::fprintf(stderr, "arena_arc_lex_workload: cannot read %s\n", path.c_str());
      return std::nullopt;
    }
    if (text.empty()) continue;
    corpus.source_bytes += text.size();
    std::size_t tokens = 0;
    lex(text, [&tokens](std::string_view) { ++tokens; });
    corpus.max_file_tokens = std::max(corpus.max_file_tokens, tokens);
    corpus.texts.push_back(std::move(text));
  }
  if (corpus.texts.empty()) {
    std::fprintf(stderr, "arena_arc_lex_workload: no non-empty file under %s\n", directory.c_str());
    return std::nullopt;
  }
  corpus.copy_ring_bytes = copy_ring_bytes(corpus);
  return corpus;
}

[[nodiscard]] std::optional<int> parse_count(std::string_view arg, std::string_view flag) {
  if (!arg.starts_with(flag)) return std::nullopt;
  const std::string_view digits = arg.substr(flag.size());
  int value = -1;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || value < 0) return -1;
  return value;
}

[[nodiscard]] std::optional<Options> parse_options(int argc, char** argv) {
  Options options;
  std::vector<std::string_view> positional;
  for (int k = 1; k < argc; ++k) {
    const std::string_view arg =
        argv[k];  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    if (const auto r = parse_count(arg, "--repetitions=")) {
      options.repetitions = *r;
    } else if (const auto w = parse_count(arg, "--warmup=")) {
      options.warmup = *w;
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 3 || options.repetitions < 1 || options.warmup < 0) return std::nullopt;
  options.variant = positional[0];
  options.form = positional[1];
  options.directory = positional[2];
  constexpr std::array<std::string_view, 6> kVariants{"arena",      "shared_ptr", "string",
                                                      "floor",      "copy_floor", "all"};
  constexpr std::array<std::string_view, 4> kForms{"keep_last_8_single_threaded", "keep_last_8",
                                                   "producer_consumer", "all"};
  if (std::find(kVariants.begin(), kVariants.end(), options.variant) == kVariants.end() ||
      std::find(kForms.begin(), kForms.end(), options.form) == kForms.end()) {
    return std::nullopt;
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-pointer-arithmetic): argc == 2
  if (argc == 2 && std::string_view(argv[1]) == "--self-check") {
    const bool lexer_ok = lexer_self_check();
    std::puts(lexer_ok ? "lexer self-check: ok" : "lexer self-check: FAILED");
    return lexer_ok ? 0 : 1;
  }
  const std::optional<Options> options = parse_options(argc, argv);
  if (!options) {
    std::fputs(
        "usage: arena_arc_lex_workload arena|shared_ptr|string|floor|copy_floor|all "
        "keep_last_8_single_threaded|keep_last_8|producer_consumer|all DIR [--repetitions=R] "
        "[--warmup=W]\n",
        stderr);
    return 2;
  }
  const std::optional<Corpus> corpus = read_corpus(options->directory);
  if (!corpus) return 2;
  Tally reference;
  for (const std::string& text : corpus->texts) {
    lex(text, [&reference](std::string_view token) { reference.add(token.data(), token.size()); });
  }

  // libstdc++ (glibc >= 2.32) makes shared_ptr's counts non-atomic while the process has never
  // started a thread, and so does the arena (atomic_refcount's single-threaded counts):
  // keep_last_8_single_threaded is measured in that state, so it runs first; then a thread is
  // started and joined, and keep_last_8 is measured as in a program that has threads
  // (producer_consumer starts one anyway).
  bool ok = true;
  bool started = false;
  for (const std::string_view form :
       {"keep_last_8_single_threaded", "keep_last_8", "producer_consumer"}) {
    if (options->form != "all" && options->form != form) continue;
    if (form != "keep_last_8_single_threaded" && !started) {
      std::thread([] {}).join();
      started = true;
    }
    const auto wanted = [&](std::string_view name) {
      return options->variant == "all" || options->variant == name;
    };
    if (wanted(ArenaText::name)) ok = run<ArenaText>(*options, form, *corpus, reference) && ok;
    if (wanted(SharedPtrText::name)) {
      ok = run<SharedPtrText>(*options, form, *corpus, reference) && ok;
    }
    if (wanted(StringText::name)) ok = run<StringText>(*options, form, *corpus, reference) && ok;
    if (wanted(FloorText::name)) ok = run<FloorText>(*options, form, *corpus, reference) && ok;
    if (wanted(CopyFloorText::name)) {
      ok = run<CopyFloorText>(*options, form, *corpus, reference) && ok;
    }
  }
  return ok ? 0 : 1;
}
