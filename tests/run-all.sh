#!/usr/bin/env bash
# `make test`: everything CI checks, in order. Each step prints its own `N passed, N failed`; this
# script adds them up and ends with the total. A step that fails does not stop the others, so one
# run shows every problem; the exit status is non-zero if any step failed.
set -u
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
SAMPLE=${TEST262_SAMPLE:-50}        # the 1-in-N sample for the ASan, --stress-gc and --no-lazy passes
STRESS=${STRESS_GC:-100}            # --stress-gc=N for the stress passes
total_pass=0 total_fail=0 failed_steps=()

step() { # step NAME COMMAND...: runs it, tees output, adds up its closing counts
  local name=$1; shift
  local log; log=$(mktemp)
  local t0=$SECONDS
  echo "=== $name"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line; line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  local p=0 f=0
  if [ -n "$line" ]; then
    p=$(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$line"); f=$(sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  [ "$rc" -eq 0 ] || failed_steps+=("$name")
  echo "=== $name: exit $rc, $((SECONDS - t0)) s"
  rm -f "$log"
}

build() { make -j"$JOBS" "$@" >/dev/null || make "$@"; } # quiet unless it fails

step "build (gcc, -Werror)" build dev CC=gcc
step "build (clang, -Werror)" build all BUILD=build-clang CC=clang WERROR=-Werror
step "unit tests" tests/run-unit.sh build
step "install and examples" tests/examples/run.sh build
step "js tests" tools/run-js-tests.py --petrel build/petrel
[ -x tests/golden/run.sh ] && step "golden bytecode listings" tests/golden/run.sh build/petrel
step "test262" tools/test262.py --petrel build/petrel -j "$JOBS"
step "build (asan+ubsan)" build asan
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
step "unit tests (asan)" tests/run-unit.sh build-asan
step "install and examples (asan)" tests/examples/run.sh build-asan
step "js tests (asan)" tools/run-js-tests.py --petrel build-asan/petrel --timeout 120
step "test262 1-in-$SAMPLE (asan)" tools/test262.py --petrel build-asan/petrel --sample "$SAMPLE" --timeout 30 -j "$JOBS"
# The young generation is on by default, so the passes above run it; these move objects at
# arbitrary points (a scavenge every N allocations, a full collection every 8th time)...
step "js tests (--stress-gc=$STRESS)" tools/run-js-tests.py --petrel build/petrel --flag=--stress-gc=$STRESS --timeout 120
step "test262 1-in-$SAMPLE (--stress-gc=$STRESS)" tools/test262.py --petrel build/petrel --sample "$SAMPLE" --flag=--stress-gc=$STRESS --timeout 30 -j "$JOBS"
step "js tests (asan, --stress-gc=$STRESS)" tools/run-js-tests.py --petrel build-asan/petrel --flag=--stress-gc=$STRESS --timeout 240
# ...and these keep old space only (--no-young-gen: mark-sweep of a non-moving heap).
step "js tests (--no-young-gen)" tools/run-js-tests.py --petrel build/petrel --flag=--no-young-gen
step "js tests (asan, --no-young-gen)" tools/run-js-tests.py --petrel build-asan/petrel --flag=--no-young-gen --timeout 120
step "js tests (--no-young-gen --stress-gc=$STRESS)" tools/run-js-tests.py --petrel build/petrel --flag=--no-young-gen --flag=--stress-gc=$STRESS --timeout 120
step "test262 1-in-$SAMPLE (--no-young-gen --stress-gc=$STRESS)" tools/test262.py --petrel build/petrel --sample "$SAMPLE" --flag=--no-young-gen --flag=--stress-gc=$STRESS --timeout 30 -j "$JOBS"
step "js tests (--no-lazy)" tools/run-js-tests.py --petrel build/petrel --flag=--no-lazy
step "test262 1-in-$SAMPLE (--no-lazy)" tools/test262.py --petrel build/petrel --sample "$SAMPLE" --flag=--no-lazy -j "$JOBS"
step "js tests (--no-preparse)" tools/run-js-tests.py --petrel build/petrel --flag=--no-preparse
step "bytecode: --preparse = --no-lazy" tools/compare-preparse.py --petrel build/petrel
step "js tests (--stress-lazy-reparse)" tools/run-js-tests.py --petrel build/petrel --flag=--stress-lazy-reparse
step "bytecode: per-function reparse == eager (tests/js)" tools/compare-lazy-reparse.py --petrel build/petrel -j "$JOBS"

echo
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}"
fi
echo "$total_pass passed, $total_fail failed"
[ ${#failed_steps[@]} -eq 0 ]
