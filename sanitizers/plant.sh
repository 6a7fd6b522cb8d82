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
  double-release) edit='allocator.hpp|s/std::exchange\(prepaid_, 0\)\)/std::exchange(prepaid_, 0) + 1)/' ;;
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

caught=1
for leg in "$@"; do
  log="$dir/$leg.log"
  if bash "$dir/sanitizers/run.sh" "$leg" >"$log" 2>&1; then
    echo "plant.sh: $bug: leg $leg PASSED — the bug was not caught (log: $log)"
    caught=0
  else
    echo "plant.sh: $bug: leg $leg FAILED — caught. Evidence (log: $log):"
    grep -m 6 -E 'ERROR: (Address|Leak|Thread)Sanitizer|WARNING: ThreadSanitizer|runtime error|SUMMARY: (Address|Leak|Thread|Undefined)|definitely lost|Invalid (read|write|free)|violation of|Failure$|\*\*\*Failed|^SUMMARY: sanitizer' "$log" || true
  fi
done
((caught))
