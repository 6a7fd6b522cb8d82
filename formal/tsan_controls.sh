#!/usr/bin/env bash
# Negative controls of the owner ledger's two release/acquire orders (the store that ends a
# refund, the closer's wait for the busy flag), which Relacy cannot reject: Relacy makes
# sequentially consistent fences synchronise with each other (stronger than C++), so in its
# model the ledger's two fences alone already order the owner's accesses before the closer's,
# and the weakened program passes (406,592 schedules). ThreadSanitizer models neither fence (a
# compiler barrier, membarrier), so there the release store and the acquire load are the only
# synchronisation, as the protocol intends. For each switch, tests/threads/ledger_test.cpp is
# built with clang++ -fsanitize=thread; the control passes only if TSan reports a data race.
# The same test without a switch must pass (the unweakened baseline of the same command).
# About 10 s of CPU (three compiles of one test, three runs).
#   bash formal/tsan_controls.sh        prints "SUMMARY: ..." for the gate
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out="build/formal-tsan-controls"
mkdir -p "$out"
export TSAN_OPTIONS="halt_on_error=1:suppressions=$PWD/sanitizers/tsan.supp"
# TSan needs ASLR off on kernels with 32 random mmap bits ("unexpected memory mapping"): setarch
# -R where the personality() call is allowed (not under a container's default seccomp profile).
run=()
if command -v setarch >/dev/null && setarch "$(uname -m)" -R true 2>/dev/null; then
  run=(setarch "$(uname -m)" -R)
fi

build() {  # build NAME [SWITCH]
  clang++ -std=c++20 -O1 -g -fsanitize=thread ${2:+"-D$2"} -Iinclude -Itesting -Itests/threads \
    tests/threads/ledger_test.cpp -lgtest -lgtest_main -pthread -o "$out/$1"
}

status=0
build baseline
if ! "${run[@]}" "$out/baseline" >"$out/baseline.log" 2>&1; then
  echo "tsan controls: the unweakened ledger_test failed (log: $out/baseline.log)" >&2
  status=1
fi
rejected=0
for order in REFUND_END CLOSE_WAIT; do
  name="weakened_${order,,}"
  build "$name" "ARENA_ARC_TEST_WEAKEN_${order}"
  set +e
  "${run[@]}" "$out/$name" >"$out/$name.log" 2>&1
  code=$?
  set -e
  if ((code != 0)) && grep -q 'WARNING: ThreadSanitizer: data race' "$out/$name.log"; then
    echo "tsan control ${order}: data race reported, as required"
    rejected=$((rejected + 1))
  else
    echo "tsan control ${order}: NOT REJECTED (exit ${code}, log: $out/$name.log)" >&2
    status=1
  fi
done
echo "SUMMARY: tsan controls: ${rejected}/2 weakened owner-ledger orders rejected (data race)" \
  "in tests/threads/ledger_test"
exit "$status"
