#!/usr/bin/env bash
# Runs every C unit test binary in BUILD/unit (default build/unit). Each prints `N passed, N failed`.
set -u
dir=${1:-build}/unit
passed=0 failed=0
for t in "$dir"/*; do
  [ -x "$t" ] || continue
  out=$("$t" 2>&1); rc=$?
  line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
  p=$(printf '%s' "$line" | sed -E 's/^([0-9]+) passed.*/\1/'); f=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
  [ -n "$line" ] || { p=0; f=1; }
  if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; fi
  if [ "$f" != 0 ]; then echo "FAIL $(basename "$t"):"; printf '%s\n' "$out" | tail -n 20; fi
  passed=$((passed + p)); failed=$((failed + f))
done
echo "unit tests ($dir): $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
