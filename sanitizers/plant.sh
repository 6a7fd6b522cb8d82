#!/usr/bin/env bash
# Shows that the sanitizer legs can fail: copies the committed tree (HEAD) to a scratch
# directory, plants one known bug in the copy's include/, and runs the given legs there. The
# repository itself is never touched.
#
#   bash sanitizers/plant.sh <bug> <leg>...     e.g.  bash sanitizers/plant.sh skip-prepaid gcc-asan
#
# Exit status 0 when every given leg FAILED (the bug was caught), 1 when one passed.
# Bugs:
#   skip-prepaid   the fast path hands out a reference without taking it from the allocator's
#                  pre-paid block: a chunk is freed while handles still point into it
#   no-destroy     a dying chunk frees its memory without destroying its elements
#   overrun        the fit check admits one element more than the chunk has room for
#   racy-release   reference releases and the last owner's acquire become relaxed: element
#                  destruction is no longer ordered after other threads' reads
#   double-release an allocator leaving its chunk gives back one reference too many
#   stats-before-fill  a new standard chunk is counted before its elements are built, so a
#                  failing init leaves the stats changed (a strong-guarantee breach, no memory bug)
#   leak-on-failure    a dedicated chunk whose init failed is not given back upstream
# Environment: PLANT_DIR (default /tmp/planted-san/<bug>), and run.sh's SAN_* variables.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# >= 2)) || {
  sed -n '2,/^set -euo/p' "$0" | sed '$d'
  exit 2
}
bug="$1"
shift

# file|perl substitution; the substitution must change the file.
case "$bug" in
  skip-prepaid) edit='allocator.hpp|s/^(\s*)--prepaid_;\n/$1\/\/ planted: no --prepaid_\n/m' ;;
  no-destroy) edit='detail/chunk.hpp|s/^(\s*)for \(L i = c->constructed; i > 0; --i\) std::destroy_at\(c->elements \+ \(i - 1\)\);/$1\/\/ planted: elements not destroyed/m' ;;
  overrun) edit='detail/checked_math.hpp|s/return n <= static_cast<L>\(capacity - used\);/return n <= static_cast<L>(capacity - used + 1u);  \/\/ planted/' ;;
  racy-release) edit='detail/counter.hpp|s/fetch_sub\(c, n, std::memory_order_release\)/fetch_sub(c, n, std::memory_order_relaxed)/; s/atomics::load\(c, std::memory_order_acquire\)/atomics::load(c, std::memory_order_relaxed)/; s/atomics::thread_fence\(std::memory_order_acquire\);/\/\/ planted: no fence/' ;;
  double-release) edit='detail/allocator_slow_path.hpp|s/std::exchange\(prepaid_, 0\) \+ close_ledger\(\)/std::exchange(prepaid_, 0) + 1 + close_ledger()/' ;;
  stats-before-fill) edit='allocator.hpp|s/^(\s*)(detail::standard_guard<T, L, RC> fresh\(cache_, capacity_, upstream_, refs\);\n)(\s*if \(!fill\(fresh\.c->elements, n\)\) return \{\};\n)(\s*\+\+\(fresh\.reused \? stats_\.chunks_reused : stats_\.chunks_allocated\);\n)/$1$2$4$3/m' ;;
  leak-on-failure) edit='detail/chunk_guards.hpp|s/^(\s*)if \(c != nullptr\) chunk_type::free_storage\(c\);/$1\/\/ planted: a failed dedicated chunk is not freed/m' ;;
  *)
    echo "plant.sh: unknown bug '$bug'"
    exit 2
    ;;
esac

dir="${PLANT_DIR:-/tmp/planted-san/$bug}"
file="$dir/include/arena_arc/${edit%%|*}"
rm -rf "$dir"
mkdir -p "$dir"
git -C "$repo" archive HEAD | tar -x -C "$dir"
cp -f "$repo"/sanitizers/*.sh "$repo"/sanitizers/*.supp "$dir/sanitizers/"
cp "$file" "$file.orig"
perl -0pi -e "${edit#*|}" "$file"
if cmp -s "$file" "$file.orig"; then
  echo "plant.sh: the planting of '$bug' matched nothing in ${edit%%|*} (the header changed?)"
  exit 2
fi
echo "plant.sh: planted '$bug' in $file:"
diff -u "$file.orig" "$file" || true
rm "$file.orig"

# A leg counts as catching the bug only if it failed with a report of a kind listed here: a
# leg that fails to configure or build proves nothing.
REPORTS='ERROR: [A-Za-z]+Sanitizer: [a-z-]+|WARNING: ThreadSanitizer: [a-z -]+|runtime error: [a-z ]+|(Invalid (read|write|free)|definitely lost|Mismatched free)|violation of [A-Za-z:() -]+|element\(s\) never destroyed|upstream not balanced|changed the world|diverged from the twin|placed elsewhere than by a world that never failed'
caught=1
for leg in "$@"; do
  log="$dir/$leg.log"
  if bash "$dir/sanitizers/run.sh" "$leg" >"$log" 2>&1; then
    echo "plant.sh: $bug: leg $leg PASSED — the bug was not caught (log: $log)"
    caught=0
    continue
  fi
  evidence="$(grep -oE "$REPORTS" "$log" | sed 's/[0-9]\{1,\} //' | sort | uniq -c | sort -rn |
    head -n 8 || true)"
  if [[ -z "$evidence" ]]; then
    echo "plant.sh: $bug: leg $leg FAILED without a report (a build or configure failure?): $log"
    caught=0
    continue
  fi
  echo "plant.sh: $bug: leg $leg FAILED — caught (log: $log). Reports, by kind:"
  echo "$evidence"
  grep -E '^SUMMARY: sanitizer|tests failed out of' "$log" || true
done
((caught))
